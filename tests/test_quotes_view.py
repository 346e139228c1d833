"""The quote timeline at scale: a bounded number of speaker rows, every matching quote counted,
plain-text hovers (pure, no Streamlit); and the page with its speaker-rows control through AppTest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import altair as alt
import pandas as pd

from page_runner import open_page
from wirelens.dashboard.timeline import (
    OTHER,
    ROW_HEIGHT,
    build_quote_days,
    build_timeline,
    chart_rows,
    speaker_rows,
    x_range,
)

REPO = Path(__file__).resolve().parents[1]


def _many(speakers: int) -> pd.DataFrame:
    rows = [
        (f"Speaker {i:03d}", "person", dt.date(2019, 1, 1 + i % 28), "direct", f'"{i}" said')
        for i in range(speakers)
        for _ in range(1 + (i < 3) * 5)
    ]
    return pd.DataFrame(rows, columns=["speaker", "speaker_type", "date", "kind", "text"])


def test_the_timeline_draws_the_top_speakers_and_one_row_for_the_rest():
    spec = build_timeline(_many(500), top=10)
    alt.Chart.from_dict({k: v for k, v in spec.items() if k != "autosize"})  # a valid Vega-Lite spec
    rows = speaker_rows(spec)
    assert len(rows) == 11 and rows[-1] == f"{OTHER} (490)"  # the shared row last, at the foot
    assert spec["height"] == ROW_HEIGHT * 11 and spec["autosize"]["type"] == "fit-x"  # bounded; rows kept whole
    assert len(chart_rows(spec)) == len(_many(500))  # every quote still has a mark
    assert spec["encoding"]["y"]["scale"]["domain"] == rows  # no blank band above the first row


def test_a_speaker_typed_two_ways_is_one_row_with_no_blank_row_above_the_first():
    # "Donald Trump" a person in one article, unresolved in another: two legend groups, one row.
    quotes = _many(4)
    quotes.loc[0, "speaker_type"] = None
    counts = quotes.assign(quotes=1).drop(columns=["text"])
    for spec in (build_timeline(quotes), build_quote_days(counts)):
        rows = speaker_rows(spec)
        assert len(rows) == len(set(rows)) == 4


def test_the_speaker_type_legend_counts_each_type_and_the_marks_keep_their_kind():
    quotes = _many(3).assign(kind="indirect", speaker_type="organisation")
    for spec in (build_timeline(quotes), build_quote_days(quotes.assign(quotes=1).drop(columns=["text"]))):
        fill = spec["encoding"]["fill"]
        assert fill["scale"]["domain"] == ["organisation (18)"] and fill["title"] == "speaker type"
        # Under the chart, in columns: in one row the types past the chart's width were cut off (Wikinews).
        assert spec["config"]["legend"]["orient"] == "bottom" and spec["config"]["legend"]["columns"] <= 3
        assert {r["kind"] for r in chart_rows(spec)} == {"indirect"}  # an open circle: fill opacity 0
        opacity = spec["encoding"]["fillOpacity"]["scale"]
        assert dict(zip(opacity["domain"], opacity["range"]))["indirect"] == 0


def test_tooltips_are_plain_text():
    quotes = _many(2)
    spec = build_timeline(quotes.assign(text=['"0" said <b>&'] * len(quotes)))
    tips = [r["quote"] for r in chart_rows(spec)]
    assert '"0" said <b>&' in tips and not any("&quot;" in q or "&lt;" in q for q in tips)


def test_counted_marks_hold_every_quote():
    quotes = _many(300)
    counts = quotes.groupby(["speaker", "speaker_type", "date", "kind"], as_index=False).size()
    counts = counts.rename(columns={"size": "quotes"})
    spec = build_quote_days(counts, top=25)
    assert len(speaker_rows(spec)) == 26
    assert sum(r["quotes"] for r in chart_rows(spec)) == len(quotes)
    assert spec["params"][0]["select"]["fields"] == ["speaker", "date"]  # a click names a speaker and a day


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
    assert chart_rows(build_timeline(frame, top=2))


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
    assert chart_rows(build_timeline(empty)) == []
    counts = pd.DataFrame({c: pd.Series(dtype=float) for c in ["speaker", "speaker_type", "date", "kind", "quotes"]})
    assert chart_rows(build_quote_days(counts)) == []


def test_a_few_quotes_dated_decades_back_do_not_squeeze_the_chart():
    recent = _many(300)  # said in January 2019
    old = pd.DataFrame([("Historian", "person", dt.date(1940, 5, 1), "indirect", "x")], columns=recent.columns)
    for spec in (
        build_timeline(pd.concat([recent, old], ignore_index=True), top=10),
        build_quote_days(pd.concat([recent, old], ignore_index=True).assign(quotes=1).drop(columns=["text"]), top=10),
    ):
        start, end = x_range(spec)
        assert pd.Timestamp("2018-12-01") < start < pd.Timestamp("2019-01-01") and end < pd.Timestamp("2019-03-01")
        assert any(r["date"] == "1940-05-01" for r in chart_rows(spec))  # still plotted, clipped off the left edge
        assert spec["mark"]["clip"] is True
    alone = build_timeline(pd.concat([recent.head(3), old], ignore_index=True))
    assert x_range(alone)[0] < pd.Timestamp("1940-05-01")  # few quotes: all in view


def test_quotes_dated_year_1_or_9999_are_drawn_not_an_overflow():
    # pandas' nanosecond timestamps end in 2262: a store holding a 9999-12-31 quote crashed the page.
    frame = _many(2).assign(date=[dt.date(1, 1, 1)] * 6 + [dt.date(9999, 12, 31)] * 6)
    for spec in (build_timeline(frame), build_quote_days(frame.assign(quotes=1).drop(columns=["text"]))):
        xs = [r["x"] for r in chart_rows(spec)]
        assert min(xs) < -6e13 and max(xs) > 2.5e14  # year 1 and 9999, in epoch milliseconds
        assert {r["date"] for r in chart_rows(spec)} == {"0001-01-01", "9999-12-31"}
