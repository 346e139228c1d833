"""Pure map builders: places and events in, a pydeck Deck out (unit-tested without Streamlit).

Two encodings that never share a colour: events are filled discs coloured by ACLED event type (the
taxonomy's colours), places are neutral grey rings by feature type. Places are drawn first and grown to
enclose the events at their spot, so a click on the rim opens the place and a click on a disc the event.
Tooltips are plain text. Past :data:`AGGREGATE_AT` marks the map can draw counts per grid cell instead.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Sequence

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from wirelens.dashboard.basemap import LABEL_FONT, basemap_layers, country_labels, disc_box
from wirelens.dashboard.basemap import LABEL_PX as COUNTRY_LABEL_PX
from wirelens.dashboard.events_table import EVENT_COLOURS, OTHER_COLOUR
from wirelens.dashboard.map_labels import MapLabel, mercator_y, uncrowded

PLACES_LAYER = "places"  # layer ids: st.pydeck_chart reports selections under them
EVENTS_LAYER = "events"
CELLS_LAYER = "cells"
SELECTED_LAYER = "selected"
PLACE_LABELS_LAYER = "place-labels"
TIP = "tip"  # one plain-text tooltip field for every layer: pydeck has one template per map
AGGREGATE_AT = 300  # more marks than this: counts per cell by default
# Largest discs, in pixels: a place's area grows with its mentions and an event's with its toll, up to here.
# Unbounded, Wikinews 2019-20's "Europe" (hundreds of mentions) and a 2,300-death toll were discs of ~150 px
# radius that buried half the world map; the exact figures are in each tooltip.
MAX_PLACE_PX, MAX_EVENT_PX = 40.0, 26.0

# Neutral greys by feature type (darker = smaller, more precise place); none is an event colour.
FEATURE_COLOURS: dict[str, list[int]] = {
    "city": [64, 64, 64, 150],
    "feature": [64, 64, 64, 150],
    "district": [96, 96, 96, 130],
    "region": [128, 128, 128, 110],
    "country": [165, 165, 165, 90],
    "continent": [195, 195, 195, 80],
}
METONYMIC_COLOUR = [200, 200, 200, 70]
_KEY = ["name", "lat", "lon", "feature_type", "country_code"]
# Tooltips are short and carry no sentence: every mark's tooltip is sent with the map, and a click
# opens the sentences (at 10,000 articles the sentences were most of the map's bytes).
_TOOLTIP_TITLE = 80  # characters of the first article's title in a place's tooltip
_COUNTS = [*_KEY, "mentions", "metonymic_mentions", "articles", "article"]
_EVENT_COLUMNS = ["key", "lon", "lat", "colour", "radius", "type", "sub_type", "article_id", "start", "end", TIP]


def aggregate_places(mentions: pd.DataFrame) -> pd.DataFrame:
    """One styled row per place from mention rows (:meth:`wirelens.store.database.Store.places` output).

    The dashboard counts in DuckDB instead (:meth:`wirelens.store.database.Store.place_counts`); this
    is the same count in pandas, for frames already in memory.
    """
    if mentions.empty:
        return style_places(pd.DataFrame(columns=_COUNTS))
    df = mentions.assign(metonymic=mentions["metonymic"].fillna(False).astype(bool))
    counts = (
        df.groupby(_KEY, dropna=False, sort=False)
        .agg(
            mentions=("start", "size"),
            metonymic_mentions=("metonymic", "sum"),
            articles=("article_id", "nunique"),
            article=("title", "first"),
        )
        .reset_index()
    )
    return style_places(counts)


def place_label(row: object) -> str:
    """How a place appears in the picker and the URL: type and country tell the Aleppo city from the governorate."""
    country = f", {row.country_code}" if isinstance(row.country_code, str) and row.country_code else ""
    return f"{row.name} · {row.feature_type}{country} ({row.mentions})"


def style_places(counts: pd.DataFrame) -> pd.DataFrame:
    """Per-place counts made drawable: a short plain-text tooltip, radius by mentions, grey by feature type."""
    columns = [*_COUNTS, "radius", "colour", "label", TIP]
    if counts.empty:
        return pd.DataFrame(columns=columns)
    out = counts.copy()
    out["metonymic_mentions"] = out["metonymic_mentions"].astype(int)
    out["article"] = [_clip(str(t or "Untitled"), _TOOLTIP_TITLE) for t in out["article"]]
    out["radius"] = [min(MAX_PLACE_PX, 6 + 5 * math.sqrt(n)) for n in out["mentions"]]  # area grows with mentions
    out["colour"] = [
        METONYMIC_COLOUR if m == n else FEATURE_COLOURS.get(f, FEATURE_COLOURS["feature"])
        for m, n, f in zip(out["metonymic_mentions"], out["mentions"], out["feature_type"])
    ]
    out = out.sort_values("mentions", ascending=False, kind="stable").reset_index(drop=True)
    out["label"] = [place_label(r) for r in out.itertuples()]
    out[TIP] = [
        f"{r.name} · {r.feature_type} · {r.mentions} mention(s) in {r.articles} article(s)\nfirst in: {r.article}"
        for r in out.itertuples()
    ]
    return out[columns]


def event_key(article_id: str, start: int, end: int) -> str:
    """An event's name in the URL: short article id and the cue's offsets (as the Events page names it)."""
    return f"{article_id[:8]}:{int(start)}:{int(end)}"


def event_label(row: object) -> str:
    date = "undated" if pd.isna(row.date) else pd.Timestamp(row.date).date().isoformat()
    return f"{row.sub_type} · {row.place or 'no place'} · {date}"


def style_events(events: pd.DataFrame) -> pd.DataFrame:
    """One mark per placed single event (``Store.events`` rows): colour by type, radius by toll, a short
    plain-text tip (what, when, where, who, the toll; the sentence shows on click)."""
    placed = events[events["lat"].notna() & events["lon"].notna()] if not events.empty else events
    if "aggregate" in placed:
        placed = placed[~placed["aggregate"].fillna(False).astype(bool)]
    if placed.empty:
        return pd.DataFrame(columns=[*_EVENT_COLUMNS, "label"])
    out = pd.DataFrame(
        {
            "key": [event_key(a, s, e) for a, s, e in zip(placed["article_id"], placed["start"], placed["end"])],
            "lon": placed["lon"].astype(float),
            "lat": placed["lat"].astype(float),
            "colour": [EVENT_COLOURS.get(t, OTHER_COLOUR) for t in placed["type"]],
            "radius": [
                min(MAX_EVENT_PX, 5 + 2.5 * math.sqrt(f)) if not pd.isna(f) else 5 for f in placed["fatalities"]
            ],
            "type": placed["type"],
            "sub_type": placed["sub_type"],
            "article_id": placed["article_id"],
            "start": placed["start"].astype(int),
            "end": placed["end"].astype(int),
            TIP: [_event_tip(r) for r in placed.itertuples()],
            "label": [event_label(r) for r in placed.itertuples()],
        }
    )
    return out.reset_index(drop=True)


def _event_tip(row: object) -> str:
    date = "undated" if pd.isna(row.date) else pd.Timestamp(row.date).date().isoformat()
    actors = " → ".join(a for a in (row.actor1, row.actor2) if isinstance(a, str)) or "actors not named"
    if pd.isna(row.fatalities):
        toll = row.fatalities_text if isinstance(row.fatalities_text, str) else "not reported"
    else:
        toll = str(int(row.fatalities))
    inferred = " (inferred)" if bool(row.date_inferred) else ""
    return f"{row.sub_type} ({row.type}) · {date}{inferred} · {row.place or 'no place'}\n{actors} · fatalities: {toll}"


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- the view -------------------------------------------------------------------------------------


def core_points(lats: Sequence[float], lons: Sequence[float]) -> tuple[list[float], list[float]]:
    """The points a view should fit: far outliers dropped (The Hague beside a war in Syria).

    Points more than three times the median distance from the median point (and over 500 km) are
    outliers; with 20 or more points, the box is also trimmed to the 5th–95th percentiles.
    """
    lat, lon = [float(x) for x in lats], [float(x) for x in lons]
    if len(lat) < 3:
        return lat, lon
    mid_lat, mid_lon = _median(lat), _median(lon)
    dist = [_km(a, o, mid_lat, mid_lon) for a, o in zip(lat, lon)]
    limit = max(3 * _median(dist), 500.0)
    kept = [(a, o) for a, o, d in zip(lat, lon, dist) if d <= limit] or list(zip(lat, lon))
    lat, lon = [a for a, _ in kept], [o for _, o in kept]
    if len(lat) >= 20:
        lo_a, hi_a, lo_o, hi_o = _pct(lat, 5), _pct(lat, 95), _pct(lon, 5), _pct(lon, 95)
        kept = [(a, o) for a, o in zip(lat, lon) if lo_a <= a <= hi_a and lo_o <= o <= hi_o] or kept
        lat, lon = [a for a, _ in kept], [o for _, o in kept]
    return lat, lon


def _median(xs: list[float]) -> float:
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def _pct(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(q / 100 * (len(s) - 1))))]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(h)))


def fit_view(
    lats: Sequence[float], lons: Sequence[float], width_px: int = 800, height_px: int = 500, *, max_zoom: float = 9.0
) -> pdk.ViewState:
    """A view that shows the points (outliers aside, see :func:`core_points`), with a margin."""
    lat, lon = core_points(list(lats), list(lons))
    if not lat:
        return pdk.ViewState(latitude=20.0, longitude=0.0, zoom=1)
    lat_lo, lat_hi, lon_lo, lon_hi = min(lat), max(lat), min(lon), max(lon)
    y_lo, y_hi = mercator_y(lat_lo), mercator_y(lat_hi)
    lon_span = max(lon_hi - lon_lo, 1e-6)
    y_span = max(y_hi - y_lo, 1e-6)
    # deck.gl and MapLibre draw the world 512 * 2**z pixels wide at zoom z (512-pixel tiles):
    # fit both spans, then back off for a margin.
    zoom_x = math.log2(width_px * 360.0 / (512.0 * lon_span))
    zoom_y = math.log2(height_px * 2 * math.pi / (512.0 * y_span))
    zoom = max(0.5, min(zoom_x, zoom_y, max_zoom) - 0.6)
    centre_lat = _mercator_lat((y_lo + y_hi) / 2)
    return pdk.ViewState(latitude=centre_lat, longitude=(lon_lo + lon_hi) / 2, zoom=round(zoom, 2))


def focus_view(lat: float, lon: float, zoom: float = 7.0) -> pdk.ViewState:
    """The view zoomed to one selected mark."""
    return pdk.ViewState(latitude=float(lat), longitude=float(lon), zoom=zoom)


def view_box(view: pdk.ViewState, width_px: int = 800, height_px: int = 500) -> tuple[float, float, float, float]:
    """(lon_lo, lat_lo, lon_hi, lat_hi) that ``view`` shows, roughly: what the basemap must cover."""
    half_lon = width_px / 2 * 360.0 / (512.0 * 2**view.zoom)
    y = mercator_y(view.latitude)
    half_y = height_px / 2 * 2 * math.pi / (512.0 * 2**view.zoom)
    return (
        max(-180.0, view.longitude - half_lon),
        max(-85.0, _mercator_lat(y - half_y)),
        min(180.0, view.longitude + half_lon),
        min(85.0, _mercator_lat(y + half_y)),
    )


def _mercator_lat(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


# --- layout: neither encoding hides the other ------------------------------------------------------


def spread_events(events: pd.DataFrame, zoom: float) -> pd.DataFrame:
    """Events at one spot fanned out on a small circle (in pixels at ``zoom``), so each can be clicked.

    ``spot_lat``/``spot_lon`` keep where they were reported, ``fan`` the circle's radius in pixels.
    """
    out = events.assign(spot_lat=events["lat"], spot_lon=events["lon"], fan=0.0)
    if out.empty:
        return out
    deg_per_px = 360.0 / (512.0 * 2**zoom)
    for _, group in out.groupby([out["lat"].round(5), out["lon"].round(5)], sort=False):
        if len(group) < 2:
            continue
        fan = 10.0 + 2 * len(group)
        for i, index in enumerate(group.index):
            angle = 2 * math.pi * i / len(group)
            lat = float(out.at[index, "spot_lat"])
            out.at[index, "lat"] = lat + fan * deg_per_px * math.sin(angle)
            out.at[index, "lon"] = float(out.at[index, "spot_lon"]) + fan * deg_per_px * math.cos(angle) / max(
                0.2, math.cos(math.radians(lat))
            )
            out.at[index, "fan"] = fan
    return out


def enclose_events(places: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Places grown to leave a rim of 7 px around the (spread) events reported at their spot."""
    if places.empty or events.empty or "spot_lat" not in events:
        return places
    reach: dict[tuple[float, float], float] = {}
    for lat, lon, fan, radius in zip(events["spot_lat"], events["spot_lon"], events["fan"], events["radius"]):
        spot = (round(float(lat), 5), round(float(lon), 5))
        reach[spot] = max(reach.get(spot, 0.0), float(fan) + float(radius))
    out = places.copy()
    out["radius"] = [
        max(float(rad), reach.get((round(float(a), 5), round(float(o), 5)), -99.0) + 7)
        for rad, a, o in zip(out["radius"], out["lat"], out["lon"])
    ]
    return out


# --- aggregation -----------------------------------------------------------------------------------


def grid_cells(places: pd.DataFrame, events: pd.DataFrame, cell_deg: float) -> pd.DataFrame:
    """Counts per square cell of ``cell_deg`` degrees: mentions and events, the busiest place named."""
    columns = ["lat", "lon", "mentions", "events", "places", "top_place", "top_label", "radius", "colour", TIP]
    rows: dict[tuple[int, int], dict] = {}

    def cell(lat: float, lon: float) -> dict:
        key = (math.floor(lat / cell_deg), math.floor(lon / cell_deg))
        return rows.setdefault(
            key, {"lat_sum": 0.0, "lon_sum": 0.0, "weight": 0, "mentions": 0, "events": 0, "places": [], "types": {}}
        )

    for r in places.itertuples():
        c = cell(float(r.lat), float(r.lon))
        c["mentions"] += int(r.mentions)
        c["places"].append((int(r.mentions), r.name, r.label))
        c["lat_sum"] += float(r.lat) * int(r.mentions)
        c["lon_sum"] += float(r.lon) * int(r.mentions)
        c["weight"] += int(r.mentions)
    for r in events.itertuples():
        c = cell(float(r.lat), float(r.lon))
        c["events"] += 1
        c["types"][r.type] = c["types"].get(r.type, 0) + 1
        c["lat_sum"] += float(r.lat)
        c["lon_sum"] += float(r.lon)
        c["weight"] += 1
    out = []
    for c in rows.values():
        ranked = sorted(c["places"], key=lambda p: (-p[0], p[1]))
        names = [p[1] for p in ranked[:3]]
        more = f" and {len(ranked) - 3} more" if len(ranked) > 3 else ""
        top_type = max(c["types"], key=c["types"].get) if c["types"] else None
        colour = [*EVENT_COLOURS.get(top_type, OTHER_COLOUR)[:3], 170] if top_type else [120, 120, 120, 150]
        out.append(
            {
                "lat": c["lat_sum"] / max(c["weight"], 1),
                "lon": c["lon_sum"] / max(c["weight"], 1),
                "mentions": c["mentions"],
                "events": c["events"],
                "places": len(ranked),
                "top_place": ranked[0][1] if ranked else "",
                "top_label": ranked[0][2] if ranked else "",
                "radius": c["mentions"] + c["events"],  # a count for now: scaled below, once the largest is known
                "colour": colour,
                TIP: (  # what a click does is said once, under the map
                    f"{', '.join(names) or 'no named place'}{more}\n{c['mentions']} place mention(s) · "
                    f"{c['events']} event(s){' · mostly ' + str(top_type) if top_type else ''}"
                ),
            }
        )
    if not out:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(out)
    # Area by count, and the busiest cell's disc within its own cell: neighbours do not cover each other.
    largest = max(float(frame["radius"].max()), 1.0)
    frame["radius"] = MIN_CELL_RADIUS + (CELL_PX * 0.45 - MIN_CELL_RADIUS) * (frame["radius"] / largest) ** 0.5
    return frame.sort_values("mentions", ascending=False).reset_index(drop=True)[columns]


CELL_PX = 56  # a cell's width on screen
MIN_CELL_RADIUS = 5.0


def cell_size(view: pdk.ViewState) -> float:
    """Cells ``CELL_PX`` wide at the view's zoom, in degrees."""
    return CELL_PX * 360.0 / (512.0 * 2**view.zoom)


# --- legend ----------------------------------------------------------------------------------------


def legend(places: pd.DataFrame, events: pd.DataFrame) -> list[tuple[str, list[int], str, int]]:
    """(encoding, colour, label, count) rows: events by type, then places by feature type."""
    rows: list[tuple[str, list[int], str, int]] = []
    if not events.empty:
        counts = events["type"].value_counts()
        for kind, colour in [*EVENT_COLOURS.items(), ("Other", OTHER_COLOUR)]:
            n = int(counts.get(kind, 0)) if kind != "Other" else int(counts[~counts.index.isin(EVENT_COLOURS)].sum())
            if n:
                rows.append(("event", colour, kind, n))
    if not places.empty:
        literal = places[places["metonymic_mentions"] < places["mentions"]]
        counts = literal["feature_type"].value_counts()
        for kind, colour in FEATURE_COLOURS.items():
            if int(counts.get(kind, 0)):
                rows.append(("place", colour, kind, int(counts[kind])))
        if n := int((places["metonymic_mentions"] == places["mentions"]).sum()):
            rows.append(("place", METONYMIC_COLOUR, "named only as actor/adjective", n))
    return rows


def legend_html(rows: list[tuple[str, list[int], str, int]]) -> str:
    """The legend as one line of swatches per encoding (labels and counts escaped)."""

    def swatch(colour: list[int], ring: bool) -> str:
        rgb = f"rgb({colour[0]},{colour[1]},{colour[2]})"
        style = f"border:2px solid {rgb};background:transparent" if ring else f"background:{rgb}"
        return (
            f"<span style='display:inline-block;width:0.8em;height:0.8em;border-radius:50%;{style};"
            "vertical-align:middle'></span>"
        )

    lines = []
    for encoding, title in (
        ("event", "Events (filled, by type, area by deaths)"),
        ("place", "Places (grey rings, by type, area by mentions)"),
    ):
        items = [
            f"{swatch(c, encoding == 'place')} {html.escape(label)} ({n})" for e, c, label, n in rows if e == encoding
        ]
        if items:
            lines.append(f"<b>{title}</b>: " + " &nbsp; ".join(items))
    return "<br>".join(lines)


def place_labels(places: pd.DataFrame, limit: int) -> list[dict]:
    """Names for the most mentioned literal places (countries are named by the basemap), placed off their disc.

    Two places of one name (Hasakeh city and governorate) say their type; a label near one already placed
    goes below its disc instead of above, so the two stay apart.
    """
    literal = places[(places["metonymic_mentions"] < places["mentions"]) & (places["feature_type"] != "country")]
    top = literal.head(limit)
    twice = set(top["name"][top["name"].duplicated(keep=False)])
    out: list[dict] = []
    for r in top.itertuples():
        near = any(
            abs(o["lat"] - float(r.lat)) < 1.0 and abs(o["lon"] - float(r.lon)) < 1.5 and o["offset"][1] < 0
            for o in out
        )
        gap = float(r.radius) + 9
        name = f"{r.name} ({r.feature_type})" if r.name in twice or near else r.name
        out.append({"name": name, "lat": float(r.lat), "lon": float(r.lon), "offset": [0, gap if near else -gap]})
    return out


# --- the deck --------------------------------------------------------------------------------------


# What a mark needs in the browser: where and how it is drawn, its tooltip, and the one field a click
# hands back to the page (an event's key, a place's label, an area's busiest place). The rest stays on
# the server: at 10,000 articles it was most of the map's bytes.
_DRAWN = ("lon", "lat", "radius", "colour", TIP, "key", "label", "top_label")


PLACE_LABEL_PX = 14


def _place_label(place: dict) -> MapLabel:
    """A place name of :func:`place_labels` as the box it takes on the map."""
    return MapLabel(place["name"], place["lat"], place["lon"], PLACE_LABEL_PX, tuple(place["offset"]))


def _marks_to_avoid(
    named: list[dict], places: pd.DataFrame, events: pd.DataFrame, cells: pd.DataFrame | None
) -> list[MapLabel]:
    """The page's own labels and discs, which the basemap's admin-1 names must not cover (the story's
    "Aleppo" disc sat on the governorate's "ALEPPO")."""
    avoid = [_place_label(p) for p in named]
    marks = (cells,) if cells is not None else (places, events)
    for frame in marks:
        if frame is not None and not frame.empty:
            avoid += [disc_box(lat, lon, r) for lat, lon, r in zip(frame["lat"], frame["lon"], frame["radius"])]
    return avoid


def _uncrowded_labels(places: list[dict], countries: list[dict], zoom: float) -> tuple[list[dict], list[dict]]:
    """The place and country names that have room at ``zoom``: places first (the story's), then countries,
    largest first; a name whose box would meet one already drawn is left to the tooltip."""
    candidates = [_place_label(p) for p in places]
    candidates += [MapLabel(c["name"], c["position"][1], c["position"][0], COUNTRY_LABEL_PX) for c in countries]
    kept = set(uncrowded(candidates, zoom))
    n = len(places)
    return [p for i, p in enumerate(places) if i in kept], [c for i, c in enumerate(countries) if i + n in kept]


def _drawn(data: pd.DataFrame) -> pd.DataFrame:
    out = data[[c for c in _DRAWN if c in data.columns]].copy()
    for column, digits in (("lon", 5), ("lat", 5), ("radius", 1)):  # 1 m and 0.1 px: finer is noise
        if column in out.columns:
            out[column] = out[column].astype(float).round(digits)
    return out


class CompactDeck(pdk.Deck):
    """A deck whose JSON has no indentation: pydeck indents by two spaces, which made the spec Streamlit
    sends to the browser three to four times its size."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def _scatter(
    data: pd.DataFrame, layer_id: str, *, filled: bool = True, line: list[int] | None = None, line_px: float = 1
) -> pdk.Layer:
    return pdk.Layer(
        "ScatterplotLayer",
        data=_drawn(data),
        id=layer_id,
        get_position=["lon", "lat"],
        get_radius="radius",
        radius_units="'pixels'",  # quoted: pydeck turns bare strings into JS accessors
        get_fill_color="colour",
        get_line_color=line or [255, 255, 255, 230],
        line_width_min_pixels=line_px,
        stroked=True,
        filled=filled,
        pickable=True,
        auto_highlight=True,
    )


def build_map(
    places: pd.DataFrame,
    events: pd.DataFrame | None = None,
    *,
    view: pdk.ViewState | None = None,
    cells: pd.DataFrame | None = None,
    selected: tuple[float, float] | None = None,
    labels: int = 12,
    basemap: bool = True,
) -> pdk.Deck:
    """The deck: offline outlines, then places (grey rings), events (discs) or cells, then labels.

    ``places`` from :func:`style_places`, ``events`` from :func:`style_events` (already spread),
    ``cells`` from :func:`grid_cells` to draw counts instead of marks; ``selected`` rings one spot.
    """
    events = events if events is not None else pd.DataFrame(columns=_EVENT_COLUMNS)
    if view is None:
        basis = events if not events.empty else places
        view = fit_view(basis["lat"], basis["lon"])
    named = place_labels(places, labels) if labels and not places.empty else []
    countries = country_labels(view_box(view)) if basemap else []
    named, countries = _uncrowded_labels(named, countries, view.zoom)
    layers: list[pdk.Layer] = (
        basemap_layers(view_box(view), countries, avoid=_marks_to_avoid(named, places, events, cells))
        if basemap
        else []
    )
    if cells is not None:
        layers.append(_scatter(cells, CELLS_LAYER, line=[60, 60, 60, 200]))
    else:
        if not places.empty:
            # Filled lightly so the whole disc, not just its rim, takes a click outside the events on it.
            layers.append(_scatter(places, PLACES_LAYER, line=[70, 70, 70, 220], line_px=1.5))
        if not events.empty:
            layers.append(_scatter(events, EVENTS_LAYER))
    if selected is not None:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                data=[{"lat": selected[0], "lon": selected[1]}],
                id=SELECTED_LAYER,
                get_position=["lon", "lat"],
                get_radius=26,
                radius_units="'pixels'",
                filled=False,
                stroked=True,
                get_line_color=[17, 17, 17, 255],
                line_width_min_pixels=3,
                pickable=False,
            )
        )
    if named:
        layers.append(
            pdk.Layer(
                "TextLayer",
                data=named,
                id=PLACE_LABELS_LAYER,
                get_position=["lon", "lat"],
                get_text="name",
                get_size=PLACE_LABEL_PX,
                get_color=[20, 20, 20, 255],
                get_pixel_offset="offset",
                font_weight=700,
                font_family=LABEL_FONT,
                outline_width=3,
                outline_color=[255, 255, 255, 255],
                font_settings={"sdf": True},
                character_set="'auto'",
                pickable=False,
            )
        )
    tooltip = {"text": "{" + TIP + "}", "style": {"maxWidth": "320px", "whiteSpace": "pre-wrap", "fontSize": "12px"}}
    return CompactDeck(layers=layers, initial_view_state=view, map_provider="carto", map_style="light", tooltip=tooltip)
