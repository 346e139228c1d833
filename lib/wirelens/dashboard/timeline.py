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
    # quote=False: plotly decodes &lt; &gt; &amp; but shows &quot; as written.
    return "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap(" ".join(short.split()), 70))


OTHER = "other speakers"
ROW_HEIGHT = 26
TOP_SPEAKERS = 25  # rows a timeline draws by default; the rest share one row
CLIP_SHARE = 0.01  # the oldest quotes left off the x range, as a share of all: outliers, not the story


def top_speakers(df: pd.DataFrame, top: int | None, weight: str | None = None) -> dict[str, str]:
    """Each speaker's row: itself for the ``top`` most quoted, else the shared "other speakers" row."""
    data = df[df["speaker"].notna()]
    counts = data.groupby("speaker")[weight].sum() if weight else data["speaker"].value_counts()
    ranked = sorted(counts.index, key=lambda s: (-counts[s], str(s)))
    kept = set(ranked if top is None else ranked[:top])
    rest = len(ranked) - len(kept)
    other = f"{OTHER} ({rest})"
    return {s: (s if s in kept else other) for s in ranked}


LEGEND_PX = 70  # under the rows: the date axis's labels and title, then the speaker-type legend


def _layout(fig: go.Figure, categories: list[str], data: pd.DataFrame) -> None:
    """Rows from the top with no blank band above the first, the legend clear of the plotly toolbar.

    A speaker typed two ways (a person in one article, unresolved in another) is in two traces but is one
    row: counted twice, the y range held a blank row per such speaker above the first (~90 px at 295
    articles)."""
    categories = list(dict.fromkeys(categories))
    fig.update_layout(
        yaxis={
            "categoryorder": "array",
            "categoryarray": list(reversed(categories)),
            "title": None,
            "range": [-0.6, len(categories) - 0.4],
            "automargin": True,
        },
        xaxis={
            "title": "date said",
            "type": "date",
            "tickformat": "%Y-%m-%d",
            "range": _date_range(data),
            "dtick": _day_ticks(data),
        },
        height=max(240, ROW_HEIGHT * len(categories) + 50 + LEGEND_PX),
        # The legend at the figure's foot, inside it: anchored below the container's bottom it was never seen.
        margin={"l": 10, "r": 10, "t": 10, "b": LEGEND_PX},
        legend={"orientation": "h", "y": 0, "yanchor": "bottom", "yref": "container", "x": 0, "title": None},
        hoverlabel={"align": "left"},
        clickmode="event+select",
    )


def build_timeline(df: pd.DataFrame, top: int | None = None) -> go.Figure:
    """One mark per dated quote: x = date, y = speaker, one trace per speaker type.

    Expects columns date, speaker, speaker_type, kind, text; each point's customdata[0] is
    its row position in ``df``, so a selection maps back to the row. With ``top``, only the
    ``top`` most quoted speakers get a row of their own; the others share the last row.
    """
    fig = go.Figure()
    data = df.reset_index(drop=True).assign(row=lambda d: range(len(d)))
    data = data[data["date"].notna() & data["speaker"].notna()]
    rows = top_speakers(data, top)
    data = data.assign(group=data["speaker_type"].map(speaker_group), speaker=data["speaker"].map(rows))
    data.loc[data["speaker"].astype("string").str.startswith(OTHER, na=False), "group"] = OTHER  # even when empty
    order = sorted(data["group"].unique(), key=_group_rank)
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
                legendgroup=group_name,
                showlegend=False,
                marker={
                    "size": 11,
                    "color": ACTOR_TYPE_COLOURS.get(group_name, "#6b7280"),
                    "symbol": [KIND_SYMBOLS.get(k, "circle") for k in group["kind"]],
                    "line": {"width": 1.5, "color": ACTOR_TYPE_COLOURS.get(group_name, "#6b7280")},
                },
                customdata=list(
                    zip(
                        group["row"],
                        [_hover(t) for t in group["text"]],
                        group["kind"],
                        pd.to_datetime(group["date"]).dt.strftime("%Y-%m-%d"),
                    )
                ),
                hovertemplate="<b>%{y}</b> · %{customdata[3]} · %{customdata[2]}<br>%{customdata[1]}<extra></extra>",
            )
        )
    _legend_keys(fig)
    _layout(fig, categories, data)
    return fig


def marks(fig: go.Figure) -> list[go.Scatter]:
    """The traces that draw quotes (not the legend's keys): what a click can select."""
    return [trace for trace in fig.data if trace.showlegend is False]


def _legend_keys(fig: go.Figure) -> None:
    """One legend key per speaker type, a filled circle in its colour: plotly keys a trace by its first
    mark's symbol, so a type whose first quote was reported speech showed the open circle that the caption
    gives to "indirect". Drawn after the marks (nothing to click); a click on a key still hides its type."""
    for trace in list(fig.data):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=trace.name,
                legendgroup=trace.legendgroup,
                marker={"size": 10, "color": trace.marker.line.color, "symbol": "circle"},
                hoverinfo="skip",
            )
        )


def _group_rank(group: str) -> tuple[int, str]:
    return (TYPE_ORDER.index(group) if group in TYPE_ORDER else len(TYPE_ORDER) + (group == OTHER), group)


def build_quote_days(counts: pd.DataFrame, top: int | None = TOP_SPEAKERS) -> go.Figure:
    """Every matching quote, counted: one mark per speaker, day and kind, sized by how many.

    Expects columns speaker, speaker_type, date, kind, quotes (``Store.quote_days``); each
    point's customdata is (-1, hover text, kind, day, speaker row), so a click names a speaker and day.
    """
    fig = go.Figure()
    data = counts[counts["date"].notna() & counts["speaker"].notna()]
    rows = top_speakers(data, top, weight="quotes")
    data = data.assign(group=data["speaker_type"].map(speaker_group), speaker=data["speaker"].map(rows))
    data.loc[data["speaker"].astype("string").str.startswith(OTHER, na=False), "group"] = OTHER  # even when empty
    data = data.groupby(["group", "speaker", "date", "kind"], as_index=False)["quotes"].sum()
    categories: list[str] = []
    biggest = max(1, int(data["quotes"].max())) if not data.empty else 1
    for group_name in sorted(data["group"].unique(), key=_group_rank):
        group = data[data["group"] == group_name]
        totals = group.groupby("speaker")["quotes"].sum()
        categories += sorted(totals.index, key=lambda s: (-totals[s], s))
        colour = ACTOR_TYPE_COLOURS.get(group_name, "#6b7280")
        days = pd.to_datetime(group["date"]).dt.strftime("%Y-%m-%d")
        fig.add_trace(
            go.Scatter(
                x=pd.to_datetime(group["date"]) + pd.Timedelta(hours=12),
                y=group["speaker"],
                mode="markers",
                name=group_name,
                legendgroup=group_name,
                showlegend=False,
                marker={
                    "size": [8 + 16 * (n / biggest) ** 0.5 for n in group["quotes"]],
                    "color": colour,
                    "symbol": [KIND_SYMBOLS.get(k, "circle") for k in group["kind"]],
                    "line": {"width": 1.5, "color": colour},
                },
                customdata=[
                    [-1, f"{n} {k} quote{'s' if n != 1 else ''}", k, d, s]
                    for n, k, d, s in zip(group["quotes"], group["kind"], days, group["speaker"])
                ],
                hovertemplate="<b>%{y}</b> · %{customdata[3]}<br>%{customdata[1]}<extra></extra>",
            )
        )
    _legend_keys(fig)
    _layout(fig, categories, data)
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
    """The x range: from the date before which fewer than 1% of the quotes were said, to the last.

    A handful of quotes dated decades back ("said in 1940") would squeeze every other mark into
    the right edge; they stay in the figure, off the left edge (a double-click zooms out to all)."""
    if data.empty:
        return None
    days = pd.to_datetime(data["date"])
    weights = data["quotes"] if "quotes" in data else pd.Series(1, index=data.index)
    order = days.sort_values().index
    share = weights.loc[order].cumsum() / weights.sum()
    first = days.loc[order][share >= CLIP_SHARE].iloc[0]
    pad = max(pd.Timedelta(days=1), (days.max() - first) * 0.05)
    return [str((first - pad).date()), str((days.max() + pad + pd.Timedelta(days=1)).date())]


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
