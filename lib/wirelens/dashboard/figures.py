"""Pure figure builders: data frames in, plotly figures out (unit-tested without Streamlit)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

ACTOR_TYPE_COLOURS = {
    "person": "#d97706",
    "organisation": "#2563eb",
    "state": "#4f46e5",
    "armed group": "#dc2626",
    "media": "#16a34a",
}


def build_top_actors(df: pd.DataFrame) -> go.Figure:
    """Horizontal bars of actor mentions, coloured by actor type; expects actor, type, mentions, articles."""
    fig = go.Figure()
    ordered = df.sort_values("mentions", ascending=True)
    for actor_type, group in ordered.groupby("type", sort=False):
        fig.add_trace(
            go.Bar(
                x=group["mentions"],
                y=group["actor"],
                orientation="h",
                name=str(actor_type),
                marker_color=ACTOR_TYPE_COLOURS.get(str(actor_type), "#6b7280"),
                customdata=group[["articles"]].to_numpy(),
                hovertemplate="%{y}: %{x} mentions in %{customdata[0]} article(s)<extra></extra>",
            )
        )
    fig.update_layout(
        barmode="stack",
        yaxis={"categoryorder": "array", "categoryarray": ordered["actor"].tolist()},
        height=max(240, 26 * len(df) + 80),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": 1.08, "x": 0},
        xaxis_title="mentions",
    )
    return fig
