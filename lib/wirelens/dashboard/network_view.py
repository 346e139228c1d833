"""What the network page shows besides the figure: the ego view and the evidence tables, pure (no Streamlit)."""

from __future__ import annotations

from typing import Any

import pandas as pd

HEADERS = {  # column names as a reader says them
    "title": "article",
    "source": "source",
    "interaction_class": "interaction",
    "target": "target",
    "verb": "verb",
    "sentence": "sentence",
    "origin": "found by",
    "date": "date",
    "sub_type": "event",
    "place": "place",
    "fatalities": "deaths",
    "kind": "kind",
    "text": "quote",
    "mention": "as written",
    "published": "published",
}
HIDDEN = ("article_id", "sent_start", "sent_end", "start", "end")  # what a click needs, no reader's column


def ego_subgraph(graph: Any, actor: str) -> Any:
    """The actor, its neighbours (either direction) and every edge among them."""
    if actor not in graph:
        return graph.subgraph([]).copy()
    keep = {actor, *graph.predecessors(actor), *graph.successors(actor)}
    return graph.subgraph(keep).copy()


def evidence_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """An evidence table for display: dates as dates (no "00:00:00"), human headers, click columns hidden."""
    shown = rows.drop(columns=[c for c in HIDDEN if c in rows.columns])
    for column in shown.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[column]):
            shown[column] = shown[column].dt.strftime("%Y-%m-%d").where(shown[column].notna(), "")
    return shown.rename(columns=HEADERS)
