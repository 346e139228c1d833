"""The quote timeline page: pure builders without Streamlit, and the page through AppTest."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from page_runner import open_page
from wirelens.dashboard.markdown import escape_markdown
from wirelens.dashboard.timeline import UNRESOLVED, build_timeline, chart_rows, quote_in_context, speaker_rows

REPO = Path(__file__).resolve().parents[1]


# --- pure builders -------------------------------------------------------------------------


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": [dt.date(2016, 10, 4), dt.date(2016, 10, 3), dt.date(2016, 10, 4), None, dt.date(2016, 10, 4)],
            "speaker": ["John Kerry", "United States", "John Kerry", "Sergei Lavrov", "A US official"],
            "speaker_type": ["person", "state", "person", "person", None],
            "kind": ["direct", "indirect", "partial", "direct", "partial"],
            "text": ["<b>We are not</b> abandoning", "it would suspend talks", "laser & focused", "undated", "x"],
        }
    )


def test_timeline_has_one_mark_per_dated_quote_grouped_by_type():
    spec = build_timeline(_frame())
    rows = chart_rows(spec)
    assert [r["group"] for r in rows if r["speaker"] == "John Kerry"] == ["person (2)"] * 2
    assert len(rows) == 4  # the undated Lavrov quote has no mark
    assert sorted(r["row"] for r in rows) == [0, 1, 2, 4]  # a selected mark's row maps back to the frame
    assert spec["params"][0]["select"]["fields"] == ["row"]
    quotes = " ".join(r["quote"] for r in rows)
    assert "<b>We are not</b>" in quotes and "&lt;" not in quotes  # plain text: Vega never reads it as HTML
    assert spec["encoding"]["fill"]["scale"]["domain"] == ["person (2)", "state (1)", f"{UNRESOLVED} (1)"]
    assert speaker_rows(spec)[0] == "John Kerry" and speaker_rows(spec)[-1] == "A US official"  # people on top


def test_timeline_of_nothing_is_an_empty_chart():
    assert chart_rows(build_timeline(_frame().iloc[0:0])) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain words", "plain words"),
        # A word joiner (U+2060) after each colon: GFM links "http://x" and Streamlit reads ":smile:"
        # in the text after the escapes are resolved.
        ("*not bold* [link](http://x) $x$ <b>", "\\*not bold\\* \\[link\\]\\(http\\:\u2060//x\\) \\$x\\$ \\<b\\>"),
        ("&lt;script&gt; :smile: :red[x]", "\\&lt;script\\&gt; \\:\u2060smile\\:\u2060 \\:\u2060red\\[x\\]"),
        ("line\nbreak", "line break"),
        ("  spaces  kept single ", " spaces kept single "),
    ],
)
def test_article_text_is_escaped_for_markdown(text, expected):
    assert escape_markdown(text) == expected


def test_quote_in_context_bolds_the_quote_in_its_sentence():
    text = 'Intro. Kerry said "we will *win*" today. Outro.'
    start = text.index("we will")
    md = quote_in_context(text, 7, text.index(" Outro"), start, start + len("we will *win*"))
    assert md == r'Kerry said "**we will \*win\***" today\.'


# --- the page ------------------------------------------------------------------------------


@pytest.fixture()
def app_env(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "app.duckdb"))
    monkeypatch.chdir(REPO)


def run_quotes_page(**query: str) -> AppTest:
    return open_page("quotes.py", **query)


def _table(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value


def test_quotes_page_shows_the_seed_quotes(app_env):
    at = run_quotes_page()
    assert at.title[0].value == "Quotes"
    table = _table(at)
    assert {"John Kerry", "Sergei Lavrov", "Josh Earnest", "Walid Mohammad", "A US official"} <= set(table["speaker"])
    assert set(table["kind"]) == {"direct", "partial", "indirect"}
    assert len(at.get("vega_lite_chart")) == 1
    assert {b.key for b in at.get("download_button")} == {"quote_download_csv", "quote_download_jsonl"}
    assert not at.info


def test_search_and_kind_filters_narrow_the_quotes(app_env):
    at = run_quotes_page()
    everything = len(_table(at))
    at.text_input(key="quote_search").input("pursuit of peace").run()
    assert not at.exception
    table = _table(at)
    assert 0 < len(table) < everything and set(table["speaker"]) == {"John Kerry"}
    at.multiselect(key="quote_kinds").select("direct").run()
    assert set(_table(at)["kind"]) == {"direct"}


def test_query_parameters_restore_the_quote_filters(app_env):
    at = run_quotes_page(quote_kinds="partial")
    assert at.multiselect(key="quote_kinds").value == ["partial"]
    assert set(_table(at)["kind"]) == {"partial"}


def test_no_matching_quote_says_so(app_env):
    at = run_quotes_page()
    at.text_input(key="quote_search").input("no such words anywhere").run()
    assert not at.exception
    assert at.info and "No quote matches" in at.info[0].value
    assert len(at.dataframe) == 0


def test_filtered_corpus_without_quotes_says_so(app_env, tmp_path, monkeypatch):
    seeds = tmp_path / "plain"
    seeds.mkdir()
    (seeds / "story.txt").write_text("Rebels retake town\n\nRebels retook the town on Monday.", encoding="utf-8")
    monkeypatch.setenv("WIRELENS_SEEDS", str(seeds))
    at = run_quotes_page()
    assert at.info and "No quotes in the articles" in at.info[0].value


# --- paging through a corpus of many speakers ------------------------------------------------


@pytest.fixture(scope="module")
def many_quotes(tmp_path_factory) -> Path:
    from many_speakers import build_store

    path = tmp_path_factory.mktemp("many") / "many.duckdb"
    build_store(path, speakers=120, articles=60, per_article=10)  # 600 quotes
    return path


@pytest.fixture()
def many_env(many_quotes, tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_DB", str(many_quotes))
    monkeypatch.setenv("WIRELENS_SEEDS", str(tmp_path / "no-seeds"))
    monkeypatch.chdir(REPO)


def _count_caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if c.value.startswith("Showing "))


def test_every_quote_is_reachable_a_page_at_a_time(many_env):
    at = run_quotes_page(quote_per_page="100")
    assert _count_caption(at).startswith("Showing 1–100 of 600 quotes (page 1 of 6)")
    seen = list(_table(at)["quote"])
    for number in range(2, 7):
        at.number_input(key="quote_page").set_value(number).run()
        assert not at.exception
        seen += list(_table(at)["quote"])
    assert len(seen) == len(set(seen)) == 600  # every quote once, none twice
    assert _count_caption(at).startswith("Showing 501–600 of 600")
    assert at.query_params["quote_page"] == "6"  # a link reopens this page


def test_a_link_to_a_page_past_the_end_opens_the_last(many_env):
    at = run_quotes_page(quote_per_page="200", quote_page="99")
    assert _count_caption(at).startswith("Showing 401–600 of 600 quotes (page 3 of 3)")


def test_the_speaker_picker_pages_one_speaker_s_quotes(many_env):
    at = run_quotes_page()
    speakers = at.selectbox(key="quote_speaker").options
    assert len(speakers) == 120
    at.selectbox(key="quote_speaker").set_value(speakers[0]).run()
    assert not at.exception
    table = _table(at)
    assert set(table["speaker"]) == {speakers[0]} and len(table) == 5  # 600 quotes by 120 speakers
    assert _count_caption(at).startswith("Showing 1–5 of 5 quotes")


def test_a_linked_quote_on_a_later_page_opens_beside_the_table(many_env):
    at = run_quotes_page(quote_per_page="25", quote_page="4")
    assert not at.subheader or "In context" not in [s.value for s in at.subheader]
    from wirelens.dashboard.state import record_key
    from wirelens.store.database import Store

    with Store(os.environ["WIRELENS_DB"], read_only=True) as store:
        quote = store.quotes(latest=100).sort_values(["date", "article_id", "start"]).iloc[0]  # the 100th newest
    linked = run_quotes_page(
        quote_per_page="25", quote_page="4", quote=record_key(quote.article_id, quote.start, quote.end)
    )
    assert "In context" in [s.value for s in linked.subheader]
    assert any(escape_markdown(quote.text) in m.value for m in linked.markdown)


def test_an_unattributed_quote_says_so_in_the_table(tmp_path, monkeypatch):
    from wirelens.extraction.articles import make_article
    from wirelens.extraction.pipeline import Extraction
    from wirelens.extraction.records import Quote, Sentence
    from wirelens.store.database import Store

    text = 'Leaflets read "leave the city now" on Monday.'
    article = make_article(text, title="Leaflets", date=dt.date(2020, 1, 6))
    start = text.index("leave")
    quote = Quote(start, start + 17, text[start : start + 17], "direct", None, None, None, None, "read", None, False)
    with Store(tmp_path / "one.duckdb") as store:
        store.add(Extraction(article, [Sentence(0, len(text))], [], layers={"quotes": [quote]}))
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "one.duckdb"))
    monkeypatch.setenv("WIRELENS_SEEDS", str(tmp_path / "no-seeds"))
    monkeypatch.chdir(REPO)
    assert list(_table(run_quotes_page())["speaker"]) == ["unattributed"]
