"""The article reader: the HTML builder without Streamlit (every layer, escaping, the focus anchor),
and the page through AppTest (a link always names its article; a dead link says so)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from page_runner import open_page
from wirelens.dashboard.reader_marks import (
    ACTORS,
    EVENTS,
    FOCUS_ID,
    LAYERS,
    PLACES,
    QUOTES,
    STYLE,
    Mark,
    _pieces,
    article_html,
    legend_html,
    scroll_script,
)

REPO = Path(__file__).resolve().parents[1]
SEED_PREFIX = "08ed0b15"


# --- pure builders -------------------------------------------------------------------------


def test_every_article_character_is_escaped_tooltips_included():
    text = 'Kerry <script>alert("x")</script> & <b>Lavrov</b> said.'
    marks = [
        Mark(0, 5, ACTORS, "person", 'John "<Kerry>"'),
        Mark(text.index("<b>"), text.index(" said"), QUOTES, None, "<img src=x onerror=alert(1)>"),
    ]
    body = article_html(text, marks)
    assert "<script>" not in body and "<b>" not in body and "<img" not in body
    assert "&lt;script&gt;" in body and "&amp;" in body and "&lt;b&gt;Lavrov" in body
    assert 'title="John &quot;&lt;Kerry&gt;&quot;"' in body


def test_each_layer_has_its_own_style_and_they_compose():
    text = "Rebels shelled Aleppo, Kerry said."
    marks = [
        Mark(0, 6, ACTORS, "armed group", "Rebels"),
        Mark(7, 14, EVENTS, None, "event: Shelling"),
        Mark(15, 21, PLACES, None, "place: Aleppo"),
        Mark(0, 21, QUOTES, None, "quote"),
    ]
    body = article_html(text, marks)
    assert 'class="wl-actor wl-quote"' in body  # the actor inside the quote keeps both styles
    assert 'class="wl-quote wl-event"' in body and 'class="wl-place wl-quote"' in body
    only_places = article_html(text, marks, layers=[PLACES])
    assert "wl-place" in only_places and "wl-actor" not in only_places.split("</style>")[1]
    assert "wl-quote" not in only_places.split("</style>")[1]


def test_the_focus_is_anchored_once_and_paragraphs_are_kept():
    text = "First line here.\n\nSecond sentence. Third one."
    focus = (text.index("Second"), text.index(" Third"))
    body = article_html(text, [Mark(text.index("Second"), text.index("Second") + 6, ACTORS, None, "x")], focus)
    assert body.count(f'id="{FOCUS_ID}"') == 1
    assert body.count("<p>") == 2 and "wl-focus" in body
    assert f'id="{FOCUS_ID}"' not in article_html(text, [], (5, 999))  # a range outside the text: no focus


def _marks_over(marks: list[Mark], a: int, b: int) -> list[Mark]:
    return [m for m in marks if m.start <= a and b <= m.end]  # the definition, piece by piece


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(1, 12), st.sampled_from(LAYERS), st.sampled_from(["person", None])),
        max_size=12,
    )
)
def test_the_sweep_gives_each_piece_the_marks_over_it(spans):
    """Overlapping, nested and touching marks: the sweep's marks per piece are the definition's, in order."""
    marks = [Mark(s, s + n, layer, kind, f"m{i}") for i, (s, n, layer, kind) in enumerate(spans)]
    points = sorted({0, 60, *(m.start for m in marks), *(m.end for m in marks)})
    got = list(_pieces(points, marks))
    assert [(a, b) for a, b, _ in got] == list(zip(points, points[1:]))
    assert all(over == _marks_over(marks, a, b) for a, b, over in got)


def test_a_long_unbroken_token_wraps_and_many_marks_stay_linear():
    """The probe's 2 MB single-token article froze the reader: the text box now wraps anywhere, and a long
    article's thousands of marks are swept once (the test counts the pieces built, not seconds)."""
    assert "overflow-wrap: anywhere" in STYLE
    text = "x" * 2_000_000
    assert article_html(text, []).count("<p>") == 1
    words = " ".join(f"w{i:05d}" for i in range(20_000))
    marks = [Mark(i * 7, i * 7 + 6, ACTORS, "person", "") for i in range(20_000)]
    body = article_html(words, marks)
    assert body.count('class="wl-actor"') == 20_000


def test_legend_counts_and_the_scroll_script_names_no_article_text():
    legend = legend_html({PLACES: 3, QUOTES: 2, EVENTS: 1}, ["person", None])
    assert "other entity" in legend and "place</span> 3" in legend and "event</span> 1" in legend
    assert scroll_script(None, "abc") is None
    script = scroll_script((10, 20), "08ed0b15aaaa")
    assert FOCUS_ID in script and "08ed0b15:10:20" in script


# --- the page ------------------------------------------------------------------------------


@pytest.fixture()
def app_env(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "reader.duckdb"))
    monkeypatch.chdir(REPO)


def _bodies(at) -> str:
    return "".join(e.proto.body for e in at.get("html"))


def test_reader_marks_all_four_layers_and_always_names_its_article(app_env):
    at = open_page("reader.py")
    assert at.query_params["article"].endswith(f"[{SEED_PREFIX}]")  # even the default article
    body = _bodies(at)
    for style in ("wl-actor", "wl-place", "wl-quote", "wl-event"):
        assert f'class="{style}' in body or f" {style}" in body, style
    at.get("button_group")[0].set_value(["places"]).run()
    assert not at.exception
    shown = _bodies(at).split("wl-article")[-1]
    assert "wl-place" in shown and "wl-quote" not in shown


def test_a_reader_link_focuses_its_sentence_and_scrolls_to_it(app_env):
    at = open_page("reader.py", sentence=f"{SEED_PREFIX}:0:20")
    body = _bodies(at)
    assert f'id="{FOCUS_ID}"' in body
    scripts = [e for e in at.get("html") if "<script" in e.proto.body]
    assert len(scripts) == 1 and f"{SEED_PREFIX}:0:20" in scripts[0].proto.body


@pytest.mark.parametrize("query", [{"article": "Gone [ffffffff]"}, {"sentence": "ffffffff:0:20"}])
def test_a_link_to_a_missing_article_says_so_and_shows_no_other(app_env, query):
    at = open_page("reader.py", **query)
    assert at.error and "not in the corpus" in at.error[0].value
    assert not [e for e in at.get("html") if "wl-article" in e.proto.body]
