"""The quote timeline at scale: a bounded number of speaker rows, every matching quote counted,
plain-text hovers (pure, no Streamlit); and the page with its speaker-rows control through AppTest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from page_runner import open_page
from wirelens.dashboard.timeline import LEGEND_PX, OTHER, ROW_HEIGHT, build_quote_days, build_timeline, marks

REPO = Path(__file__).resolve().parents[1]


def _many(speakers: int) -> pd.DataFrame:
    rows = [
        (f"Speaker {i:03d}", "person", dt.date(2019, 1, 1 + i % 28), "direct", f'"{i}" said')
        for i in range(speakers)
        for _ in range(1 + (i < 3) * 5)
    ]
    return pd.DataFrame(rows, columns=["speaker", "speaker_type", "date", "kind", "text"])


def test_the_timeline_draws_the_top_speakers_and_one_row_for_the_rest():
    fig = build_timeline(_many(500), top=10)
    rows = list(fig.layout.yaxis.categoryarray)
    assert len(rows) == 11 and rows[0] == f"{OTHER} (490)"
    assert fig.layout.height <= ROW_HEIGHT * 11 + 50 + LEGEND_PX
    assert sum(len(t.x) for t in marks(fig)) == len(_many(500))  # every quote still has a mark
    assert list(fig.layout.yaxis.range) == [-0.6, 10.6]  # no blank band above the first row


def test_a_speaker_typed_two_ways_is_one_row_with_no_blank_row_above_the_first():
    # "Donald Trump" a person in one article, unresolved in another: two traces, one row.
    quotes = _many(4)
    quotes.loc[0, "speaker_type"] = None
    counts = quotes.assign(quotes=1).drop(columns=["text"])
    for fig in (build_timeline(quotes), build_quote_days(counts)):
        rows = list(fig.layout.yaxis.categoryarray)
        assert len(rows) == len(set(rows)) == 4
        assert list(fig.layout.yaxis.range) == [-0.6, 3.6]


def test_the_speaker_type_legend_is_drawn_inside_the_figure():
    fig = build_timeline(_many(3))
    legend = fig.layout.legend
    # Container coordinates run 0 (foot) to 1 (top): anchored at the foot, inside the margin kept for it.
    assert legend.yref == "container" and legend.y == 0 and legend.yanchor == "bottom"
    assert fig.layout.margin.b >= LEGEND_PX
    # One key per speaker type, a filled circle: not the symbol of its first quote's kind ("○" is indirect).
    quotes = _many(3).assign(kind="indirect", speaker_type="organisation")
    for built in (build_timeline(quotes), build_quote_days(quotes.assign(quotes=1).drop(columns=["text"]))):
        keys = [t for t in built.data if t.showlegend is not False]
        assert [(k.name, k.marker.symbol) for k in keys] == [("organisation", "circle")]
        assert all(m.marker.symbol == ("circle-open",) * len(m.x) for m in marks(built))  # the marks keep theirs


def test_hover_text_is_not_double_escaped():
    fig = build_timeline(_many(2))
    hovers = " ".join(str(c[1]) for t in marks(fig) for c in t.customdata)
    assert '"0" said' in hovers and "&quot;" not in hovers


def test_counted_marks_hold_every_quote():
    quotes = _many(300)
    counts = quotes.groupby(["speaker", "speaker_type", "date", "kind"], as_index=False).size()
    counts = counts.rename(columns={"size": "quotes"})
    fig = build_quote_days(counts, top=25)
    assert len(fig.layout.yaxis.categoryarray) == 26
    total = sum(int(c[1].split()[0]) for t in marks(fig) for c in t.customdata)
    assert total == len(quotes)
    assert all(int(c[0]) == -1 for t in marks(fig) for c in t.customdata)  # a click names a speaker and a day


def test_junk_speakers_do_not_break_the_timeline():
    frame = pd.DataFrame(
        {
            "speaker": ["█", None, "who", ""],
            "speaker_type": [None, None, None, None],
            "date": [dt.date(2019, 1, 1)] * 4,
            "kind": ["direct"] * 4,
            "text": ["a", "b", "c", "d"],
        }
    )
    assert build_timeline(frame, top=2).data


def test_quotes_page_speaker_rows_and_the_panel_beside_the_chart(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "q.duckdb"))
    monkeypatch.chdir(REPO)
    at = open_page("quotes.py", quote_top="10")
    assert at.selectbox(key="quote_top").value == 10
    assert any("Every matching quote is plotted" in c.value for c in at.caption)
    table = at.dataframe[0].value
    first = at.dataframe[0]
    assert len(table) > 0 and first is not None


def test_no_quote_matching_the_filters_draws_an_empty_chart_not_an_error():
    # What a sidebar filter matching no quote leaves: empty frames whose columns pandas types as floats.
    empty = pd.DataFrame({c: pd.Series(dtype=float) for c in ["speaker", "speaker_type", "date", "kind", "text"]})
    assert build_timeline(empty).data == ()
    counts = pd.DataFrame({c: pd.Series(dtype=float) for c in ["speaker", "speaker_type", "date", "kind", "quotes"]})
    assert build_quote_days(counts).data == ()


def test_a_few_quotes_dated_decades_back_do_not_squeeze_the_chart():
    recent = _many(300)  # said in January 2019
    old = pd.DataFrame([("Historian", "person", dt.date(1940, 5, 1), "indirect", "x")], columns=recent.columns)
    for fig in (
        build_timeline(pd.concat([recent, old], ignore_index=True), top=10),
        build_quote_days(pd.concat([recent, old], ignore_index=True).assign(quotes=1).drop(columns=["text"]), top=10),
    ):
        start, end = (pd.Timestamp(d) for d in fig.layout.xaxis.range)
        assert pd.Timestamp("2018-12-01") < start < pd.Timestamp("2019-01-01") and end < pd.Timestamp("2019-03-01")
        assert sum(len(t.x) for t in marks(fig)) >= 2  # the 1940 quote is still plotted, off the left edge
    alone = build_timeline(pd.concat([recent.head(3), old], ignore_index=True))
    assert pd.Timestamp(alone.layout.xaxis.range[0]) < pd.Timestamp("1940-05-01")  # few quotes: all in view
