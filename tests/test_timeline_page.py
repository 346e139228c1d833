"""The Timeline: pure figure builders without Streamlit, and one shared date filter through AppTest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from page_runner import open_page
from wirelens.dashboard.time_views import (
    BRUSH,
    MAX_BARS,
    auto_period,
    brushed_range,
    timeline_chart,
    week_options,
    week_range,
    with_empty_periods,
)

REPO = Path(__file__).resolve().parents[1]


def test_weeks_start_on_mondays():
    dates = pd.Series([dt.date(2016, 10, 3), dt.date(2016, 10, 4), dt.date(2016, 10, 12), None])
    assert week_options(dates) == ["2016-10-03", "2016-10-10"]
    assert week_range("2016-10-03") == (dt.date(2016, 10, 3), dt.date(2016, 10, 9))


def _frames(day: str = "2016-10-03") -> tuple[pd.DataFrame, pd.DataFrame]:
    events = pd.DataFrame(
        {
            "period": [dt.date.fromisoformat(day)] * 2,
            "type": ["Battles", "Protests"],
            "events": [2, 1],
            "fatalities": [34, 0],
        }
    )
    articles = pd.DataFrame({"period": [dt.date(2016, 10, 4)] * 2, "source": ["AFP", "Reuters"], "articles": [3, 1]})
    return events, articles


def test_timeline_stacks_events_by_type_and_articles_by_outlet_under_one_brush():
    spec = timeline_chart(*_frames())
    events, tolls, articles = spec["vconcat"]
    assert "event date" in events["title"]["text"] and "publication date" in articles["title"]["text"]
    assert events["encoding"]["color"]["scale"]["domain"][:2] == ["Battles", "Protests"]
    assert articles["encoding"]["color"]["scale"]["domain"] == ["AFP", "Reuters"]  # most articles first
    assert [t["as"] for t in events["transform"] if "stack" in t] == [["low", "high"]]  # stacked, not overlaid
    # One interval on the shared time axis, over all three bands: a drag on any of them sets it.
    (brush,) = spec["params"]
    assert brush["name"] == BRUSH and brush["select"] == {"type": "interval", "encodings": ["x"]}
    assert len(brush["views"]) == 3 and spec["resolve"]["scale"]["x"] == "shared"
    # Each bar spans its period, start to end: a brush's edges fall in the periods they touch.
    assert events["encoding"]["x2"]["field"] == "period_end"


def test_the_axis_holds_every_bar_and_a_period_either_side():
    lo, hi = timeline_chart(*_frames(), period="day")["vconcat"][0]["encoding"]["x"]["scale"]["domain"]
    assert pd.Timestamp(lo, unit="ms") == pd.Timestamp("2016-10-02")
    assert pd.Timestamp(hi, unit="ms") == pd.Timestamp("2016-10-06")  # the 4th's bar ends on the 5th, then a day


@pytest.mark.parametrize(
    ("period", "days", "label"), [("day", 1, "%d %b %Y"), ("week", 7, "%d %b %Y"), ("month", 31, "%b %Y")]
)
def test_ticks_are_dates_a_period_apart_and_counts_whole(period, days, label):
    """A three-day corpus got "12 PM" ticks between its day bars and "2.5" events on the count axis."""
    for band in timeline_chart(*_frames(), period=period)["vconcat"]:
        x, y = band["encoding"]["x"]["axis"], band["encoding"]["y"]["axis"]
        assert x["tickMinStep"] == days * 86_400_000 and x["format"] == label and "%I" not in x["format"]
        assert y["tickMinStep"] == 1 and y["format"] == "d"


def test_no_event_still_draws_the_articles():
    events, articles = _frames()
    spec = timeline_chart(events.iloc[0:0], articles)
    assert len(spec["vconcat"]) == 3 and spec["vconcat"][2]["encoding"]["color"]["scale"]["domain"]


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (dt.date(2016, 10, 2), dt.date(2016, 10, 4), "day"),  # the seed: three days
        (dt.date(2020, 1, 1), dt.date(2020, 1, 1) + dt.timedelta(days=MAX_BARS - 1), "day"),
        (dt.date(2020, 1, 1), dt.date(2020, 1, 1) + dt.timedelta(days=MAX_BARS), "week"),
        (dt.date(2019, 1, 1), dt.date(2020, 12, 31), "week"),  # two years: 105 week bars, not 731 day bars
        (dt.date(2000, 1, 1), dt.date(2020, 12, 31), "month"),
        (None, None, "day"),
    ],
)
def test_the_default_bar_keeps_a_corpus_span_within_a_readable_count(first, last, expected):
    assert auto_period(first, last) == expected


def _ms(when: str) -> float:
    return pd.Timestamp(when).timestamp() * 1000


@pytest.mark.parametrize(
    ("edges", "period", "expected"),
    [
        # From the gap before the 3rd's bar (inside the 2nd) to past the 4th: the days the brush touches.
        ([_ms("2016-10-02 18:00"), _ms("2016-10-04 18:00")], "day", (dt.date(2016, 10, 2), dt.date(2016, 10, 4))),
        # An edge on midnight closes the day before: the 3rd's bar alone.
        ([_ms("2016-10-03"), _ms("2016-10-04")], "day", (dt.date(2016, 10, 3), dt.date(2016, 10, 3))),
        # A week bar stands for its seven days (Monday to Sunday), a month bar for its month; edges in any order.
        ([_ms("2016-10-12"), _ms("2016-10-04")], "week", (dt.date(2016, 10, 3), dt.date(2016, 10, 16))),
        (["2016-02-10T00:00:00", "2016-02-20T00:00:00"], "month", (dt.date(2016, 2, 1), dt.date(2016, 2, 29))),
    ],
)
def test_a_brush_gives_the_whole_periods_it_touches(edges, period, expected):
    assert brushed_range({BRUSH: {"period": edges}}, period) == expected


@pytest.mark.parametrize("selection", [None, {}, {BRUSH: {}}, {BRUSH: {"period": []}}, {"other": {"period": [1, 2]}}])
def test_no_brush_is_no_range(selection):
    assert brushed_range(selection) is None


@pytest.fixture()
def app_env(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "time.duckdb"))
    monkeypatch.chdir(REPO)


def test_timeline_page_draws_the_seed(app_env):
    at = open_page("timeline.py")
    assert at.title[0].value == "Timeline"
    assert any("dated event(s)" in c.value for c in at.caption)
    assert at.get("vega_lite_chart")
    assert at.get("button_group")[0].value == "day"  # the seed spans three days


def test_one_date_filter_by_event_date_narrows_events_everywhere(app_env):
    # The seed's events are dated 2016-10-02 to 2016-10-04; keep the wedding attack's day only.
    at = open_page("events.py", date_on="event date")
    at.sidebar.date_input(key="dates").set_value((dt.date(2016, 10, 3), dt.date(2016, 10, 3))).run()
    assert not at.exception
    assert at.sidebar.date_input(key="dates").label == "Events dated between"
    assert any("Date filter: events dated" in c.value for c in at.caption)
    shown = at.dataframe[0].value
    assert set(shown["date"].astype(str)) == {"2016-10-03"}
    assert not [d for d in at.date_input if d.key == "event_dates"], "the Events page's own date filter is gone"
    at.switch_page("../../pages/map.py").run()
    assert not at.exception
    assert "events dated" in " ".join(c.value for c in at.caption)


def test_title_search_offers_matches_and_filters_articles(app_env):
    at = open_page(None, title="Aleppo")
    assert any(o.startswith("Syria army advances in Aleppo") for o in at.sidebar.multiselect(key="articles").options)
    assert {m.label: m.value for m in at.metric}["Articles"] == "1"
    at = open_page(None, title="no such headline")
    assert at.sidebar.multiselect(key="articles").options == []


def test_weeks_without_an_article_count_zero_not_a_line_across_the_gap():
    counts = pd.DataFrame(
        {
            "period": pd.to_datetime(["2020-12-07", "2021-03-01", "2020-12-14"]),
            "source": ["Wikinews", "Wikinews", "BBC"],
            "articles": [1, 1, 2],
        }
    )
    filled = with_empty_periods(counts, "source", "articles", "week")
    wikinews = filled[filled["source"] == "Wikinews"].set_index("period")["articles"]
    assert len(wikinews) == 13 and wikinews.sum() == 2 and (wikinews.iloc[1:-1] == 0).all()
    assert filled[filled["source"] == "BBC"]["articles"].sum() == 2
    assert with_empty_periods(counts.iloc[0:0], "source", "articles").empty


def test_a_span_of_centuries_gets_zeros_only_where_its_gaps_open_and_close():
    counts = pd.DataFrame(
        {
            "period": [dt.date(1, 1, 1), dt.date(2020, 12, 7), dt.date(2020, 12, 14), dt.date(9999, 12, 27)],
            "source": ["A", "A", "A", "B"],
            "articles": [1, 2, 3, 4],
        }
    )
    filled = with_empty_periods(counts, "source", "articles", "week")
    assert len(filled) <= 3 * len(counts) and filled["articles"].sum() == 10
    a = filled[filled["source"] == "A"].set_index("period")["articles"]
    week = pd.Timedelta(days=7)
    day = pd.Timestamp("2020-12-07")
    assert a[day - week] == 0 and a[day] == 2 and a[day + week] == 3 and a[day + 2 * week] == 0
    assert list(filled["period"]) == sorted(filled["period"])
