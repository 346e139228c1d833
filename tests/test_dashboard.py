"""Dashboard: pure builders without Streamlit, and one AppTest per page."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from page_runner import open_page
from wirelens.dashboard.markdown import Mark, highlight_markdown
from wirelens.dashboard.state import article_label, id_prefixes

REPO = Path(__file__).resolve().parents[1]


# --- pure builders -------------------------------------------------------------------------


def test_article_text_is_always_escaped():
    text = '<script>alert("x")</script> Kerry & <b>Lavrov</b> :red[x] **y**'
    start = text.index("Kerry")
    body = highlight_markdown(text, [Mark(start, start + 5, "person")])
    assert "<script>" not in body and "<b>" not in body and "**y**" not in body and ":red[x]" not in body
    assert r"\<script\>" in body and r"\&" in body
    assert ":orange-background[Kerry]" in body


@pytest.mark.parametrize(
    ("marks", "focus", "expected"),
    [
        ([], None, "Rebels advanced\\.\n\nNext\\."),
        ([Mark(0, 6, "armed group")], None, ":red-background[Rebels] advanced\\.\n\nNext\\."),
        (
            [Mark(0, 6, "armed group"), Mark(100, 200, "state")],
            None,  # out of range: ignored
            ":red-background[Rebels] advanced\\.\n\nNext\\.",
        ),
        (
            [Mark(0, 6, "armed group")],
            (0, 16),  # the focus is split around the mark
            ":red-background[:red[**Rebels**]] :red[**advanced\\.**]\n\nNext\\.",
        ),
        ([Mark(7, 15, None)], (17, 22), "Rebels :gray-background[advanced]\\.\n\n:red[**Next\\.**]"),
    ],
)
def test_highlight_marks_and_focus(marks, focus, expected):
    assert highlight_markdown("Rebels advanced.\nNext.", marks, focus) == expected


def test_article_labels_round_trip_to_ids():
    label = article_label("08ed0b15c8f7b8c0", "Syria army [advances]")
    assert id_prefixes(label) == ["08ed0b15"]
    assert id_prefixes([label, article_label("abcdef0123", None)]) == ["08ed0b15", "abcdef01"]
    assert id_prefixes(None) == []


# --- pages ---------------------------------------------------------------------------------


@pytest.fixture()
def app_env(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "app.duckdb"))
    monkeypatch.chdir(REPO)


def run_app(page: str | None = None, **query: str) -> AppTest:
    return open_page(page.removeprefix("pages/") if page else None, **query)


def test_overview_page_shows_the_seed_corpus(app_env):
    at = run_app()
    assert at.title[0].value == "Overview"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Articles"] == "1"
    assert int(metrics["Actors"]) >= 14
    assert metrics["Published"] == "4 Oct 2016"  # written briefly; the exact dates in its help
    assert next(m for m in at.metric if m.label == "Published").help == "2016-10-04 to 2016-10-04"
    # Articles, outlets, places, event types, actors; one date range; no list of every title.
    assert len(at.sidebar.multiselect) == 5 and len(at.sidebar.date_input) == 1
    assert at.sidebar.multiselect(key="articles").options == []
    assert at.sidebar.multiselect(key="actors").label == "Articles mentioning actors"
    assert not at.sidebar.warning  # a fresh store: nothing out of date
    actors = at.dataframe[0].value
    assert len(actors) == int(metrics["Actors"]) and int(metrics["Actor mentions"]) == actors["mentions"].sum()
    assert list(actors["mentions"]) == sorted(actors["mentions"], reverse=True)
    assert {"John Kerry", "Russia", "Syrian government forces"} <= set(actors["actor"])
    assert at.dataframe[1].value["title"].str.startswith("Syria army advances in Aleppo").all()


def test_sidebar_says_how_many_articles_an_older_version_extracted(app_env, tmp_path, blank_extractor):
    from wirelens.extraction.articles import make_article
    from wirelens.run.ingest import ingest_articles
    from wirelens.store.database import Store

    with Store(tmp_path / "app.duckdb") as store:
        old = make_article("Rebels held the town.", title="Old")
        ingest_articles([old], store, blank_extractor)
        with store._cursor() as cur:
            cur.execute("UPDATE articles SET extractor = 'older' WHERE id = ?", [old.id])
    at = run_app()
    assert not at.exception
    warnings = [w.value for w in at.sidebar.warning]
    assert len(warnings) == 1 and warnings[0].startswith("1 article(s) were extracted by an earlier version")
    assert {m.label: m.value for m in at.metric}["Articles"] == "2"  # the seed went in beside it, current


def test_overview_actor_filter_narrows_the_view(app_env):
    at = run_app()
    at.sidebar.multiselect(key="actors").select("John Kerry").run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Articles"] == "1"
    at.date_input(key="dates").set_value((dt.date(2016, 10, 4), dt.date(2016, 10, 4))).run()
    assert not at.exception


def test_reader_sets_a_missing_date(app_env, tmp_path, monkeypatch):
    seeds = tmp_path / "undated"
    seeds.mkdir()
    (seeds / "story.txt").write_text("Rebels retake town\n\nRebels retook the town on Monday.", encoding="utf-8")
    monkeypatch.setenv("WIRELENS_SEEDS", str(seeds))
    at = run_app("pages/reader.py")
    assert "no publication date" in at.caption[0].value
    assert at.warning, "an undated article says so"
    (date_widget,) = [d for d in at.date_input if d.key and d.key.startswith("date_")]
    date_widget.set_value(dt.date(2016, 10, 5))
    (save,) = [b for b in at.button if b.key and b.key.startswith("save_date_")]
    save.click().run()
    assert not at.exception
    assert "2016-10-05" in at.caption[0].value


def test_url_query_parameters_restore_the_filters(app_env):
    at = run_app(actors="John Kerry")
    assert at.multiselect(key="actors").value == ["John Kerry"]
    assert {m.label: m.value for m in at.metric}["Articles"] == "1"


def test_filters_that_match_nothing_say_so(app_env):
    at = run_app()
    at.date_input(key="dates").set_value((dt.date(2016, 10, 4), dt.date(2016, 10, 4))).run()
    at.multiselect(key="actors").select("Walid Mohammad").run()
    assert not at.exception
    assert at.metric  # the seed mentions Walid Mohammad, so it still matches


def test_sidebar_and_store_import_without_pandas():
    """Cold start: the sidebar and the overview's figures reach the browser before pandas is imported."""
    code = (
        "import sys; import wirelens.dashboard.state, wirelens.store.database; "
        "print(sorted({'pandas', 'pyarrow', 'spacy'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
