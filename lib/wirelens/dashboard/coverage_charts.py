"""The Coverage page's charts as Vega-Lite specs (pure: frames in, dicts out, no Streamlit).

Vega-Lite, not plotly, as the other pages: a fresh tab evaluated plotly's 3.5 MB bundle after the page looked
ready and a filter change waited behind it (the Coverage page's 1.43 s at 10,000 articles, when it was the
last page drawing plotly; the others 0.34-0.53 s).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from wirelens.dashboard.timeline import FIT_WIDTH, iso_days

_TITLE = {"fontSize": 13, "anchor": "start"}
_LEGEND_ROW = 18  # px a legend entry takes: a chart is at least as tall as its legend, or the legend is cut


def _spec(chart: alt.Chart) -> dict:
    """The chart's spec, fitted to the page's width only: Streamlit's own fit squeezed a chart and its legend
    into the height it chose (a one-outlet share bar came out 30 px tall, its legend cut to one row)."""
    spec = chart.to_dict()
    spec["autosize"] = FIT_WIDTH
    return spec


def outlet_weeks_chart(weeks: pd.DataFrame, title: str = "Articles per week, by outlet") -> dict:
    """Lines of ``articles`` per ``period`` (week start), one per ``source``, with a point on each week."""
    days = iso_days(weeks["period"])
    # "week" repeats the day as text for the tooltip: a temporal field's tooltip reads the browser's time zone.
    data = weeks.assign(period=days, week=days, source=weeks["source"].fillna("(no outlet)"))
    chart = (
        alt.Chart(data, title=alt.Title(title, **_TITLE))
        .mark_line(point=True)
        .encode(
            x=alt.X("period:T", title=None, scale=alt.Scale(type="utc"), axis=alt.Axis(format="%Y-%m-%d")),
            y=alt.Y("articles:Q", title="articles", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color("source:N", title="outlet"),
            tooltip=[
                alt.Tooltip("source:N", title="outlet"),
                alt.Tooltip("week:N", title="week of"),
                alt.Tooltip("articles:Q"),
            ],
        )
        .properties(height=max(280, _LEGEND_ROW * data["source"].nunique()))
    )
    return _spec(chart)


def share_bars_chart(frame: pd.DataFrame, by: str, title: str, count: str) -> dict:
    """One horizontal bar per outlet, split into the ``share`` of each ``by`` value (shares sum to 1 per outlet);
    the tooltip gives the ``count`` behind each share."""
    data = frame.assign(**{by: frame[by].fillna("(none)")})
    outlets = max(1, data["outlet"].nunique())
    chart = (
        alt.Chart(data, title=alt.Title(title, **_TITLE))
        .mark_bar()
        .encode(
            x=alt.X("share:Q", title="share", stack="zero", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
            y=alt.Y("outlet:N", title=None),
            color=alt.Color(f"{by}:N", title=by.replace("_", " ")),
            tooltip=[
                alt.Tooltip("outlet:N"),
                alt.Tooltip(f"{by}:N", title=by.replace("_", " ")),
                alt.Tooltip("share:Q", format=".0%"),
                alt.Tooltip(f"{count}:Q"),
            ],
        )
        .properties(height=max(min(600, 40 + 28 * outlets), _LEGEND_ROW * data[by].nunique()))
    )
    return _spec(chart)


def rate_bars_chart(rates: pd.DataFrame, by: str, title: str) -> dict:
    """Coverage ``rate`` (0-1) per value of ``by``, in the frame's order, with records and covered counts."""
    data = rates.assign(**{by: rates[by].astype(str)})
    chart = (
        alt.Chart(data, title=alt.Title(title, **_TITLE))
        .mark_bar()
        .encode(
            x=alt.X(f"{by}:N", title=by.replace("_", " "), sort=list(data[by])),
            y=alt.Y("rate:Q", title="covered", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
            tooltip=[
                alt.Tooltip(f"{by}:N", title=by.replace("_", " ")),
                alt.Tooltip("rate:Q", format=".0%"),
                alt.Tooltip("records:Q"),
                alt.Tooltip("covered:Q"),
            ],
        )
        .properties(height=260)
    )
    return _spec(chart)
