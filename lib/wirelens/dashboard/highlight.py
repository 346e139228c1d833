"""Article text as escaped HTML with mentions marked: no raw HTML from an article reaches the page."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import NamedTuple

TYPE_COLOURS = {
    "person": "#fde68a",
    "organisation": "#bfdbfe",
    "state": "#c7d2fe",
    "armed group": "#fecaca",
    "media": "#bbf7d0",
    None: "#e5e7eb",  # a named entity that is not an actor
}


class Mark(NamedTuple):
    start: int
    end: int
    kind: str | None  # actor type, or None for a plain entity
    title: str  # tooltip: label and canonical actor


def highlight_html(text: str, marks: Sequence[Mark], focus: tuple[int, int] | None = None) -> str:
    """``text`` with each mark wrapped in <mark> and the focus range underlined; all text escaped."""
    points = {0, len(text)}
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    for m in valid:
        points.update((m.start, m.end))
    if focus is not None:
        points.update(p for p in focus if 0 <= p <= len(text))
    cuts = sorted(points)
    by_start = sorted(valid, key=lambda m: m.start)
    parts, i = [], 0
    for a, b in zip(cuts, cuts[1:]):
        while i < len(by_start) and by_start[i].end <= a:
            i += 1
        mark = by_start[i] if i < len(by_start) and by_start[i].start <= a < by_start[i].end else None
        piece = html.escape(text[a:b]).replace("\n", "<br>")
        if mark is not None:
            colour = TYPE_COLOURS.get(mark.kind, TYPE_COLOURS[None])
            piece = (f'<mark style="background:{colour};padding:0 2px;border-radius:3px" '
                     f'title="{html.escape(mark.title)}">{piece}</mark>')
        if focus is not None and focus[0] <= a and b <= focus[1]:
            piece = f'<span style="text-decoration:underline 2px #dc2626">{piece}</span>'
        parts.append(piece)
    return '<div style="line-height:1.7">' + "".join(parts) + "</div>"


def legend_html() -> str:
    items = [
        f'<mark style="background:{colour};padding:0 4px;border-radius:3px">{html.escape(kind or "other entity")}</mark>'
        for kind, colour in TYPE_COLOURS.items()
    ]
    return " ".join(items)
