"""Pure builders for the quote timeline page: data frames in, a plotly figure or markdown out."""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

from wirelens.dashboard.figures import ACTOR_TYPE_COLOURS
from wirelens.dashboard.markdown import escape_markdown
from wirelens.extraction.actor_types import ACTOR_TYPES

UNRESOLVED = "unnamed / unresolved"  # speakers kept as written ("A US official")
TYPE_ORDER = (*ACTOR_TYPES, UNRESOLVED)
KIND_SYMBOLS = {"direct": "circle", "partial": "diamond", "indirect": "circle-open"}


def speaker_group(speaker_type: object) -> str:
    return speaker_type if isinstance(speaker_type, str) and speaker_type else UNRESOLVED


def _hover(text: str, limit: int = 280) -> str:
    """Quote text for a hover box: escaped (plotly reads tags in hover text), shortened, wrapped."""
    short = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return "<br>".join(html.escape(line) for line in textwrap.wrap(" ".join(short.split()), 70))


def build_timeline(df: pd.DataFrame) -> go.Figure:
    """One mark per dated quote: x = date, y = speaker, one trace per speaker type.

    Expects columns date, speaker, speaker_type, kind, text; each point's customdata[0] is
    its row position in ``df``, so a selection maps back to the row.
    """
    fig = go.Figure()
    data = df.reset_index(drop=True).assign(row=lambda d: range(len(d)))
    data = data[data["date"].notna() & data["speaker"].notna()]
    data = data.assign(group=data["speaker_type"].map(speaker_group))
    order = sorted(data["group"].unique(), key=lambda g: (TYPE_ORDER.index(g) if g in TYPE_ORDER else len(TYPE_ORDER), g))
    categories: list[str] = []
    for group_name in order:
        group = data[data["group"] == group_name]
        speakers = group["speaker"].value_counts()
        categories += sorted(speakers.index, key=lambda s: (-speakers[s], s))
        fig.add_trace(
            go.Scatter(
                x=_spread(group),
                y=group["speaker"],
                mode="markers",
                name=group_name,
                marker={"size": 11, "color": ACTOR_TYPE_COLOURS.get(group_name, "#6b7280"),
                        "symbol": [KIND_SYMBOLS.get(k, "circle") for k in group["kind"]],
                        "line": {"width": 1.5, "color": ACTOR_TYPE_COLOURS.get(group_name, "#6b7280")}},
                customdata=list(zip(group["row"], [_hover(t) for t in group["text"]], group["kind"],
                                    pd.to_datetime(group["date"]).dt.strftime("%Y-%m-%d"))),
                hovertemplate="<b>%{y}</b> · %{customdata[3]} · %{customdata[2]}<br>%{customdata[1]}<extra></extra>",
            )
        )
    fig.update_layout(
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(categories)), "title": None},
        xaxis={"title": "date said", "type": "date", "tickformat": "%Y-%m-%d", "range": _date_range(data),
               "dtick": _day_ticks(data)},
        height=max(260, 28 * len(categories) + 120),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": 1.08, "x": 0, "title": None},
        hoverlabel={"align": "left"},
        clickmode="event+select",
    )
    return fig


def _spread(group: pd.DataFrame) -> pd.Series:
    """Quotes of one speaker on one day side by side within that day, so each stays clickable."""
    days = pd.to_datetime(group["date"])
    keys = list(zip(group["speaker"], days))
    counts: dict[tuple[object, object], int] = {}
    totals = pd.Series(keys).value_counts().to_dict()
    hours = []
    for key in keys:
        n, k = totals[key], counts.get(key, 0)
        counts[key] = k + 1
        step = min(3.0, 18.0 / n)
        hours.append(12.0 + (k - (n - 1) / 2) * step)
    return days + pd.to_timedelta(hours, unit="h")


def _date_range(data: pd.DataFrame) -> list[str] | None:
    if data.empty:
        return None
    days = pd.to_datetime(data["date"])
    pad = max(pd.Timedelta(days=1), (days.max() - days.min()) * 0.05)
    return [str((days.min() - pad).date()), str((days.max() + pad + pd.Timedelta(days=1)).date())]


def _day_ticks(data: pd.DataFrame) -> int | None:
    """One tick a day over short spans (else plotly labels every 12 hours with the same date)."""
    if data.empty:
        return None
    days = pd.to_datetime(data["date"])
    return 86_400_000 if (days.max() - days.min()).days <= 14 else None


def quote_in_context(text: str, sent_start: int, sent_end: int, start: int, end: int) -> str:
    """The quote's sentence(s) as markdown, the quote in bold; every article character is escaped."""
    lo, hi = max(0, min(sent_start, start)), min(len(text), max(sent_end, end))
    start, end = max(lo, start), min(hi, end)
    quote = escape_markdown(text[start:end]).strip()
    bold = f"**{quote}**" if quote else ""
    return (escape_markdown(text[lo:start]) + bold + escape_markdown(text[end:hi])).strip()
