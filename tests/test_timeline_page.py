"""The Timeline: pure figure builders without Streamlit, and one shared date filter through AppTest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from page_runner import open_page
from wirelens.dashboard.time_views import (
    MAX_BARS,
    auto_period,
    brushed_range,
    timeline_figure,
    week_options,
    week_range,
)

REPO = Path(__file__).resolve().parents[1]


def test_weeks_start_on_mondays():
    dates = pd.Series([dt.date(2016, 10, 3), dt.date(2016, 10, 4), dt.date(2016, 10, 12), None])
    assert week_options(dates) == ["2016-10-03", "2016-10-10"]
    assert week_range("2016-10-03") == (dt.date(2016, 10, 3), dt.date(2016, 10, 9))


def test_timeline_stacks_events_by_type_and_articles_by_outlet():
    events = pd.DataFrame(
        {"period": [dt.date(2016, 10, 3)] * 2, "type": ["Battles", "Protests"], "events": [2, 1], "fatalities": [34, 0]}
    )
    articles = pd.DataFrame({"period": [dt.date(2016, 10, 4)] * 2, "source": ["AFP", "Reuters"], "articles": [3, 1]})
    fig = timeline_figure(events, articles)
    names = [t.name for t in fig.data]
    assert names[:2] == ["Battles", "Protests"] and {"AFP", "Reuters"} <= set(names)
    assert fig.layout.barmode == "stack" and fig.layout.dragmode == "select"
    assert "event date" in fig.layout.annotations[0].text and "publication date" in fig.layout.annotations[2].text


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


@pytest.mark.parametrize(
    ("selection", "period", "expected"),
    [
        # The bars a box took in decide: a box from the gap before the 3rd to past the 4th is the 3rd-4th.
        (
            {
                "box": [{"x": ["2016-10-02 14:00", "2016-10-04 18:00"]}],
                "points": [{"x": "2016-10-04"}, {"x": "2016-10-03"}],
            },
            "day",
            (dt.date(2016, 10, 3), dt.date(2016, 10, 4)),
        ),
        # A week bar stands for its seven days, a month bar for its month.
        ({"box": [], "points": [{"x": "2016-10-03"}]}, "week", (dt.date(2016, 10, 3), dt.date(2016, 10, 9))),
        ({"box": [], "points": [{"x": "2016-02-01"}]}, "month", (dt.date(2016, 2, 1), dt.date(2016, 2, 29))),
        # A box over no bar: its own extent, to whole days inside it.
        (
            {"box": [{"x": ["2016-10-02 12:00", "2016-10-05"]}], "points": []},
            "day",
            (dt.date(2016, 10, 3), dt.date(2016, 10, 5)),
        ),
        ({"box": [], "points": []}, "day", None),
        (None, "day", None),
    ],
)
def test_a_brushed_box_or_picked_bars_give_a_date_range(selection, period, expected):
    assert brushed_range(selection, period) == expected


@pytest.fixture()
def app_env(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "time.duckdb"))
    monkeypatch.chdir(REPO)


def test_timeline_page_draws_the_seed(app_env):
    at = open_page("timeline.py")
    assert at.title[0].value == "Timeline"
    assert any("dated event(s)" in c.value for c in at.caption)
    assert at.get("plotly_chart")
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


def test_a_lone_day_is_shown_with_its_neighbours_and_labelled_by_day():
    events = pd.DataFrame(
        {"period": pd.to_datetime(["2016-10-04"]), "type": ["Battles"], "events": [3], "fatalities": [6]}
    )
    articles = pd.DataFrame({"period": pd.to_datetime(["2016-10-04"]), "source": ["AFP"], "articles": [1]})
    axis = timeline_figure(events, articles, period="day").layout.xaxis
    lo, hi = (pd.Timestamp(v) for v in axis.range)
    assert lo == pd.Timestamp("2016-10-03") and hi == pd.Timestamp("2016-10-05")
    assert axis.dtick == 86_400_000  # days, not hours
    assert timeline_figure(events, articles, period="month").layout.xaxis.dtick is None  # plotly's own ticks
