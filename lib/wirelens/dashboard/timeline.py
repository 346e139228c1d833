"""Pure builders for the quote timeline page: data frames in, a Vega-Lite spec or markdown out.

Vega-Lite, not plotly: a fresh tab evaluated plotly's 3.5 MB bundle after the page looked ready, and a
filter change waited behind it (the quotes page's 0.9-1.5 s at 10,000 articles)."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from wirelens.dashboard.figures import ACTOR_TYPE_COLOURS
from wirelens.dashboard.markdown import escape_markdown
from wirelens.extraction.actor_types import ACTOR_TYPES

UNRESOLVED = "unnamed / unresolved"  # speakers kept as written ("A US official")
TYPE_ORDER = (*ACTOR_TYPES, UNRESOLVED)


def speaker_group(speaker_type: object) -> str:
    return speaker_type if isinstance(speaker_type, str) and speaker_type else UNRESOLVED


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


LEGEND_PX = 70  # under the rows: the date axis's labels, then the speaker-type legend
PICK = "pick"  # the point selection's name: the page reads ``{PICK: [{"row": ...}]}`` (or speaker and day) back
MARKS = "quotes"  # the marks' layer: Vega draws it as a group of class "quotes_marks" (the browser tests)
KIND_SHAPES = {"direct": "circle", "partial": "diamond", "indirect": "circle"}
KIND_FILL = {"direct": 1.0, "partial": 1.0, "indirect": 0.0}  # reported speech: an open circle
TIP_CHARS = 280
# Fit the width only: Streamlit's default ("fit") squeezed the rows, legend and axis into its own height,
# so 11 rows of 26 px were drawn in ~190 px with every other name dropped.
FIT_WIDTH = {"type": "fit-x", "contains": "padding"}


def build_timeline(df: pd.DataFrame, top: int | None = None) -> dict:
    """One mark per dated quote, as a Vega-Lite spec: x = date said, y = speaker, filled by speaker type.

    Expects columns date, speaker, speaker_type, kind, text; each mark's ``row`` is its row position in
    ``df``, which a click selects. With ``top``, only the ``top`` most quoted speakers get a row of their
    own; the others share the last row. Quotes of one speaker on one day sit side by side within the day.
    """
    data = df.reset_index(drop=True).assign(row=lambda d: range(len(d)))
    data = data[data["date"].notna() & data["speaker"].notna()]
    data = _grouped(data, top_speakers(data, top))
    marks = pd.DataFrame(
        {
            "x": _spread(data) if not data.empty else pd.Series(dtype=float),
            "speaker": data["speaker"],
            "group": data["group"],
            "kind": data["kind"],
            "date": iso_days(data["date"]),
            "quote": [_tip(t) for t in data["text"]],
            "row": data["row"],
        }
    )
    tooltip = [
        alt.Tooltip("speaker:N"),
        alt.Tooltip("date:N", title="said"),
        alt.Tooltip("kind:N"),
        alt.Tooltip("quote:N"),
    ]
    return _chart(marks, data, alt.value(121), tooltip, ["row"])


def build_quote_days(counts: pd.DataFrame, top: int | None = TOP_SPEAKERS) -> dict:
    """Every matching quote, counted: one mark per speaker, day and kind, its area by how many.

    Expects columns speaker, speaker_type, date, kind, quotes (``Store.quote_days``); a click selects the
    mark's ``speaker`` (its row) and ``date`` (the day)."""
    data = counts[counts["date"].notna() & counts["speaker"].notna()]
    data = _grouped(data, top_speakers(data, top, weight="quotes"))
    data = data.groupby(["group", "speaker", "date", "kind"], as_index=False)["quotes"].sum()
    biggest = max(1, int(data["quotes"].max())) if not data.empty else 1
    marks = pd.DataFrame(
        {
            "x": data["date"].map(lambda d: _ms(d, hours=12.0)) if not data.empty else pd.Series(dtype=float),
            "speaker": data["speaker"],
            "group": data["group"],
            "kind": data["kind"],
            "date": iso_days(data["date"]),
            "quotes": data["quotes"].astype(int),
            "area": [round((8 + 16 * (n / biggest) ** 0.5) ** 2) for n in data["quotes"]],
        }
    )
    tooltip = [alt.Tooltip("speaker:N"), alt.Tooltip("date:N", title="said"), "kind:N", "quotes:Q"]
    return _chart(
        marks, data.assign(weight=data["quotes"]), alt.Size("area:Q", scale=None), tooltip, ["speaker", "date"]
    )


def _grouped(data: pd.DataFrame, rows: dict[str, str]) -> pd.DataFrame:
    """Each quote's speaker row and the legend group it is filled by (the shared row: its own group)."""
    data = data.assign(group=data["speaker_type"].map(speaker_group), speaker=data["speaker"].map(rows))
    data.loc[data["speaker"].astype("string").str.startswith(OTHER, na=False), "group"] = OTHER  # even when empty
    return data


def _chart(marks: pd.DataFrame, data: pd.DataFrame, size: object, tooltip: list, fields: list[str]) -> dict:
    """The chart both builders draw: rows from the top (the most quoted types and speakers first) with no
    blank band above the first, the x range clipped of far outliers, a legend of types with their counts."""
    weights = data["weight"] if "weight" in data else pd.Series(1, index=data.index)
    totals = weights.groupby(data["group"]).sum() if not data.empty else pd.Series(dtype=int)
    groups = sorted(totals.index, key=_group_rank)
    legend = {g: f"{g} ({int(totals[g]):,})" for g in groups}
    rows: list[str] = []
    for group in groups:
        speakers = weights[data["group"] == group].groupby(data["speaker"][data["group"] == group]).sum()
        rows += sorted(speakers.index, key=lambda s: (-speakers[s], str(s)))
    rows = list(dict.fromkeys(rows))  # a speaker typed two ways (two groups) is one row
    marks = marks.assign(group=marks["group"].map(legend))
    colours = [ACTOR_TYPE_COLOURS.get(g, "#6b7280") for g in groups]
    colour = alt.Scale(domain=[legend[g] for g in groups], range=colours)
    span = _date_range(data)
    kinds = list(KIND_SHAPES)
    chart = (
        alt.Chart(marks, name=MARKS)
        .mark_point(strokeWidth=1.5, opacity=0.9, clip=True)
        .encode(
            x=alt.X(
                "x:T",
                title="date said",
                # The ends as expressions: given as numbers, Streamlit's chart drew every mark at x = 0 with no
                # tick (seen in Chromium, Streamlit 1.67); as expressions Vega reads them.
                scale=alt.Scale(
                    type="utc",
                    domain=[alt.ExprRef(f"{_ms(d):.0f}") for d in span] if span else alt.Undefined,
                ),
                axis=alt.Axis(format="%Y-%m-%d", tickMinStep=DAY_MS, labelOverlap=True),
            ),
            y=alt.Y(
                "speaker:N",
                sort=rows,
                title=None,
                scale=alt.Scale(domain=rows, padding=0.5),
                axis=alt.Axis(labelLimit=240),
            ),
            fill=alt.Fill("group:N", scale=colour, title="speaker type", sort=None),
            stroke=alt.Stroke("group:N", scale=colour, title="speaker type", sort=None),  # one legend with fill
            fillOpacity=alt.FillOpacity(
                "kind:O", scale=alt.Scale(domain=kinds, range=[KIND_FILL[k] for k in kinds]), legend=None
            ),
            shape=alt.Shape(
                "kind:N", scale=alt.Scale(domain=kinds, range=[KIND_SHAPES[k] for k in kinds]), legend=None
            ),
            size=size,
            tooltip=tooltip,
        )
        .add_params(alt.selection_point(name=PICK, fields=fields, on="click", clear="dblclick"))
        .properties(width="container", height=max(120, ROW_HEIGHT * len(rows)))
        # In columns: in one row, the types past the chart's width were cut off (Wikinews: "unnamed / unresol").
        .configure_legend(orient="bottom", direction="horizontal", columns=3, labelLimit=260, symbolType="circle")
        .configure_view(stroke=None)
    )
    spec = chart.to_dict(validate=False)  # the schema check costs ~0.1 s a rerun; the unit tests validate
    spec["autosize"] = FIT_WIDTH
    return spec


def chart_rows(spec: dict) -> list[dict]:
    """The marks' data rows of a quote chart spec (one per quote, or per speaker, day and kind)."""
    return spec["datasets"][spec["data"]["name"]] if "data" in spec else []


def x_range(spec: dict) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The chart's x range (UTC dates), as the browser reads it."""
    domain = spec["encoding"]["x"]["scale"].get("domain")
    return tuple(pd.Timestamp(float(d["expr"]), unit="ms") for d in domain) if domain else None  # type: ignore[return-value]


def speaker_rows(spec: dict) -> list[str]:
    """The chart's rows, top to bottom."""
    return list(spec["encoding"]["y"]["scale"]["domain"])


def _tip(text: str) -> str:
    """Quote text for a tooltip: plain (Vega writes it as text, never HTML), on one line, shortened."""
    short = " ".join(str(text).split())
    return short if len(short) <= TIP_CHARS else short[: TIP_CHARS - 1].rstrip() + "…"


def iso_days(dates: pd.Series) -> pd.Series:
    """Dates (dates or timestamps of any resolution, year 1 to 9999) as ISO day text: Vega reads a bare ISO
    date as UTC midnight, and text never overflows pandas' nanosecond timestamps."""
    return dates.map(lambda d: _as_date(d).isoformat()) if not dates.empty else pd.Series(dtype=str)


def _as_date(value: object) -> dt.date:
    """A date cell as a date: dates from the store come as dates or timestamps of any resolution."""
    if isinstance(value, dt.datetime):  # pd.Timestamp included
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()


def _ms(day: object, hours: float = 0.0) -> float:
    """Epoch milliseconds (UTC) of ``hours`` into ``day``, by calendar arithmetic: pandas' nanosecond
    timestamps end in 2262, and a store can hold a quote dated 9999-12-31 (the page crashed on it)."""
    return (_as_date(day).toordinal() - _EPOCH) * DAY_MS + hours * 3_600_000


_EPOCH = dt.date(1970, 1, 1).toordinal()


DAY_MS = 86_400_000


def _group_rank(group: str) -> tuple[int, str]:
    return (TYPE_ORDER.index(group) if group in TYPE_ORDER else len(TYPE_ORDER) + (group == OTHER), group)


def _spread(group: pd.DataFrame) -> pd.Series:
    """Each quote's x (epoch ms): quotes of one speaker on one day side by side within that day, so each
    stays clickable."""
    days = [_as_date(d) for d in group["date"]]
    keys = list(zip(group["speaker"], days))
    counts: dict[tuple[object, object], int] = {}
    totals = pd.Series(keys).value_counts().to_dict()
    xs = []
    for key in keys:
        n, k = totals[key], counts.get(key, 0)
        counts[key] = k + 1
        step = min(3.0, 18.0 / n)
        xs.append(_ms(key[1], hours=12.0 + (k - (n - 1) / 2) * step))
    return pd.Series(xs, index=group.index, dtype=float)


def _date_range(data: pd.DataFrame) -> list[dt.date] | None:
    """The x range: from the date before which fewer than 1% of the quotes were said, to the last.

    A handful of quotes dated decades back ("said in 1940") would squeeze every other mark into
    the right edge; they stay in the figure, off the left edge (a double-click zooms out to all).
    Calendar dates throughout: year 1 and 9999 are outside pandas' timestamps."""
    if data.empty:
        return None
    weights = data["quotes"] if "quotes" in data else pd.Series(1, index=data.index)
    dated = sorted(zip((_as_date(d) for d in data["date"]), weights), key=lambda p: p[0])
    total, running, first = float(sum(w for _, w in dated)), 0.0, dated[-1][0]
    for day, weight in dated:
        running += weight
        if running / total >= CLIP_SHARE:
            first = day
            break
    last = dated[-1][0]
    pad = max(1, round((last - first).days * 0.05))
    lo = dt.date.fromordinal(max(1, first.toordinal() - pad))
    hi = dt.date.fromordinal(min(dt.date.max.toordinal(), last.toordinal() + pad + 1))
    return [lo, hi]


def quote_in_context(text: str, sent_start: int, sent_end: int, start: int, end: int) -> str:
    """The quote's sentence(s) as markdown, the quote in bold; every article character is escaped."""
    lo, hi = max(0, min(sent_start, start)), min(len(text), max(sent_end, end))
    start, end = max(lo, start), min(hi, end)
    quote = escape_markdown(text[start:end]).strip()
    bold = f"**{quote}**" if quote else ""
    return (escape_markdown(text[lo:start]) + bold + escape_markdown(text[end:hi])).strip()
