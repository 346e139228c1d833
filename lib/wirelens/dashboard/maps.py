"""Pure map builders: place mentions in, a pydeck Deck out (unit-tested without Streamlit)."""

from __future__ import annotations

import html
import math

import pandas as pd
import pydeck as pdk

PLACES_LAYER = "places"  # the layer id: st.pydeck_chart reports selections under it

# RGBA by feature type; a place named only non-literally ("Washington announced") is grey.
FEATURE_COLOURS: dict[str, list[int]] = {
    "city": [220, 38, 38, 190],
    "district": [234, 88, 12, 190],
    "region": [217, 119, 6, 170],
    "country": [37, 99, 235, 150],
    "continent": [79, 70, 229, 120],
    "feature": [22, 163, 74, 190],
}
METONYMIC_COLOUR = [120, 120, 120, 150]
_KEY = ["name", "lat", "lon", "feature_type", "country_code"]
_TOOLTIP_SENTENCE = 180  # characters of the example sentence in the hover tooltip


_COUNTS = [*_KEY, "mentions", "metonymic_mentions", "articles", "article", "sentence"]


def aggregate_places(mentions: pd.DataFrame) -> pd.DataFrame:
    """One styled row per place from mention rows (:meth:`wirelens.store.database.Store.places` output).

    The dashboard counts in DuckDB instead (:meth:`wirelens.store.database.Store.place_counts`); this
    is the same count in pandas, for frames already in memory.
    """
    if mentions.empty:
        return style_places(pd.DataFrame(columns=_COUNTS))
    df = mentions.assign(metonymic=mentions["metonymic"].fillna(False).astype(bool))
    counts = df.groupby(_KEY, dropna=False, sort=False).agg(
        mentions=("start", "size"),
        metonymic_mentions=("metonymic", "sum"),
        articles=("article_id", "nunique"),
        article=("title", "first"),
        sentence=("sentence", "first"),
    ).reset_index()
    return style_places(counts)


def style_places(counts: pd.DataFrame) -> pd.DataFrame:
    """Per-place counts made drawable: escaped tooltip text, radius by mentions, colour by feature type."""
    columns = [*_COUNTS, "radius", "colour"]
    if counts.empty:
        return pd.DataFrame(columns=columns)
    out = counts.copy()
    out["metonymic_mentions"] = out["metonymic_mentions"].astype(int)
    # Tooltips are HTML: escape everything that came from an article.
    out["article"] = [html.escape(str(t or "Untitled")) for t in out["article"]]
    out["sentence"] = [html.escape(_clip(str(s or ""), _TOOLTIP_SENTENCE)) for s in out["sentence"]]
    out["radius"] = [6 + 5 * math.sqrt(n) for n in out["mentions"]]  # area grows with mentions
    out["colour"] = [
        METONYMIC_COLOUR if m == n else FEATURE_COLOURS.get(f, FEATURE_COLOURS["feature"])
        for m, n, f in zip(out["metonymic_mentions"], out["mentions"], out["feature_type"])
    ]
    return out.sort_values("mentions", ascending=False, kind="stable").reset_index(drop=True)[columns]


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def fit_view(lats: pd.Series, lons: pd.Series, width_px: int = 800, height_px: int = 500) -> pdk.ViewState:
    """A view that shows every point, with a margin (web-mercator zoom from the bounding box)."""
    if len(lats) == 0:
        return pdk.ViewState(latitude=20.0, longitude=0.0, zoom=1)
    lat_lo, lat_hi = float(lats.min()), float(lats.max())
    lon_lo, lon_hi = float(lons.min()), float(lons.max())
    y_lo, y_hi = _mercator_y(lat_lo), _mercator_y(lat_hi)
    lon_span = max(lon_hi - lon_lo, 1e-6)
    y_span = max(y_hi - y_lo, 1e-6)
    # deck.gl and MapLibre draw the world 512 * 2**z pixels wide at zoom z (512-pixel tiles):
    # fit both spans, then back off for a margin.
    zoom_x = math.log2(width_px * 360.0 / (512.0 * lon_span))
    zoom_y = math.log2(height_px * 2 * math.pi / (512.0 * y_span))
    zoom = max(0.5, min(zoom_x, zoom_y, 9.0) - 0.6)
    centre_lat = _mercator_lat((y_lo + y_hi) / 2)
    return pdk.ViewState(latitude=centre_lat, longitude=(lon_lo + lon_hi) / 2, zoom=round(zoom, 2))


def _mercator_y(lat: float) -> float:
    lat = max(-85.0, min(85.0, lat))
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _mercator_lat(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def build_map(places: pd.DataFrame) -> pdk.Deck:
    """Places (from :func:`style_places`) sized by mentions on a Carto basemap (no token), zoomed to the data."""
    layer = pdk.Layer(
        "ScatterplotLayer",
        data=places,
        id=PLACES_LAYER,
        get_position=["lon", "lat"],
        get_radius="radius",
        radius_units="'pixels'",  # quoted: pydeck turns bare strings into JS accessors
        get_fill_color="colour",
        get_line_color=[255, 255, 255, 220],
        line_width_min_pixels=1,
        stroked=True,
        pickable=True,
        auto_highlight=True,
    )
    tooltip = {
        "html": "<b>{name}</b> · {feature_type} · {mentions} mention(s) in {articles} article(s)"
        "<br/><i>{article}</i><br/>{sentence}",
        "style": {"maxWidth": "360px", "whiteSpace": "normal", "fontSize": "12px"},
    }
    return pdk.Deck(
        layers=[layer],
        initial_view_state=fit_view(places["lat"], places["lon"]),
        map_provider="carto",
        map_style="light",
        tooltip=tooltip,
    )
