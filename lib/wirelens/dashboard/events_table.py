"""Events on the map: a pydeck layer coloured by ACLED event type, sized by fatalities (no Streamlit here)."""

from __future__ import annotations

import html
import math
import re
from typing import Any

import pandas as pd
import pydeck as pdk

from wirelens.extraction.events import taxonomy

EVENTS_LAYER = "events"  # the layer id: st.pydeck_chart reports selections under it
# Colours and labels per ACLED event type come from the one taxonomy (extraction/events/taxonomy.toml).
EVENT_COLOURS: dict[str, list[int]] = taxonomy.colours()
EVENT_LABELS: dict[str, str] = taxonomy.labels()
OTHER_COLOUR = list(taxonomy.TAXONOMY.other_colour)
_TIP = "tip"  # one tooltip field for every layer: pydeck has one tooltip template per map
_SENTENCE_CHARS = 200
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def event_points(events: pd.DataFrame) -> pd.DataFrame:
    """One point per placed single event (``Store.events`` rows), with colour, radius and an escaped tooltip."""
    columns = ["lon", "lat", "colour", "radius", "type", "sub_type", "article_id", "sent_start", "sent_end", _TIP]
    placed = events[events["lat"].notna() & events["lon"].notna()] if not events.empty else events
    if "aggregate" in placed:
        placed = placed[~placed["aggregate"].fillna(False).astype(bool)]
    if placed.empty:
        return pd.DataFrame(columns=columns)
    out = pd.DataFrame(
        {
            "lon": placed["lon"].astype(float),
            "lat": placed["lat"].astype(float),
            "colour": [EVENT_COLOURS.get(t, OTHER_COLOUR) for t in placed["type"]],
            # Area grows with the death toll; an event with no figure is still visible.
            "radius": [7 + 3 * math.sqrt(f) if not pd.isna(f) else 7 for f in placed["fatalities"]],
            "type": placed["type"],
            "sub_type": placed["sub_type"],
            "article_id": placed["article_id"],
            "sent_start": placed["sent_start"],
            "sent_end": placed["sent_end"],
            _TIP: [_tooltip(r) for r in placed.itertuples()],
        }
    )
    return out.reset_index(drop=True)[columns]


def _tooltip(row: Any) -> str:
    date = "" if pd.isna(row.date) else pd.Timestamp(row.date).date().isoformat()
    actors = [a for a in (row.actor1, row.actor2) if isinstance(a, str)]
    if pd.isna(row.fatalities):
        fatal = html.escape(row.fatalities_text) if isinstance(row.fatalities_text, str) else "not reported"
    else:
        fatal = str(int(row.fatalities))
    sentence = " ".join(str(row.sentence or "").split())
    if len(sentence) > _SENTENCE_CHARS:
        sentence = sentence[: _SENTENCE_CHARS - 1].rstrip() + "…"
    # Everything from an article is escaped: the tooltip is HTML.
    return (
        f"<b>{html.escape(str(row.sub_type))}</b> · {html.escape(date)}"
        f"{' (inferred)' if bool(row.date_inferred) else ''} · {html.escape(str(row.place or ''))}"
        f"<br/>{html.escape(' → '.join(actors)) or 'actors not named'} · fatalities: {fatal}"
        f"<br/>{html.escape(sentence)}"
    )


def add_events_layer(deck: pdk.Deck, events: pd.DataFrame) -> int:
    """Put the events on ``deck`` above its other layers; returns how many were drawn.

    The deck's tooltip template is rewritten into each existing point's own ``tip`` field first,
    so places keep their tooltip and events get theirs.
    """
    points = event_points(events)
    if points.empty:
        return 0
    template = (deck._tooltip or {}).get("html", "") if isinstance(getattr(deck, "_tooltip", None), dict) else ""
    for layer in deck.layers:
        data = getattr(layer, "_data", None)
        if isinstance(data, list):
            for record in data:
                if isinstance(record, dict) and _TIP not in record:
                    record[_TIP] = _PLACEHOLDER.sub(lambda m, r=record: str(r.get(m.group(1), "")), template)
    deck.layers.append(
        pdk.Layer(
            "ScatterplotLayer",
            data=points,
            id=EVENTS_LAYER,
            get_position=["lon", "lat"],
            get_radius="radius",
            radius_units="'pixels'",
            get_fill_color="colour",
            get_line_color=[255, 255, 255, 230],
            line_width_min_pixels=1,
            stroked=True,
            pickable=True,
            auto_highlight=True,
        )
    )
    style = (deck._tooltip or {}).get("style", {}) if isinstance(getattr(deck, "_tooltip", None), dict) else {}
    deck._tooltip = {"html": "{" + _TIP + "}", "style": style or {"maxWidth": "360px", "whiteSpace": "normal"}}
    return len(points)
