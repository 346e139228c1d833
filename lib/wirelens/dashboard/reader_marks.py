"""The article reader's text as HTML: actors, places, quotes and events marked, the linked sentence focused.

Every character of the article (its text, and each tooltip naming an actor, a place or a
speaker) goes through :func:`html.escape`, so a hostile article renders as text; the only tags
and styles are ours. Layers may overlap (an actor inside a quote, an event cue inside the linked
sentence), so each layer has a style of its own that composes with the others: actors a
background in their type's colour, places a dotted underline, quotes italic with a solid
underline, event cues a dashed box, the linked sentence bold red.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from wirelens.dashboard.figures import ACTOR_TYPE_COLOURS

ACTORS, PLACES, QUOTES, EVENTS = "actors", "places", "quotes", "events"
LAYERS = (ACTORS, PLACES, QUOTES, EVENTS)
FOCUS_ID = "wl-focus"  # the element a reader link scrolls into view
OTHER_ENTITY = "#9ca3af"  # background of a named entity that is not an actor
PLACE_COLOUR = "#0f766e"
QUOTE_COLOUR = "#7c3aed"
EVENT_COLOUR = "#b45309"
FOCUS_COLOUR = "#dc2626"
ARTICLE_HEIGHT = "70vh"  # the text scrolls in its own box, beside the mentions table

STYLE = f"""<style>
.wl-article {{max-height: {ARTICLE_HEIGHT}; overflow-y: auto; padding-right: 0.6rem; line-height: 1.7;
  overflow-wrap: anywhere;}}
.wl-article p {{margin: 0 0 0.9rem 0;}}
.wl-actor {{border-radius: 0.2rem; padding: 0 0.1rem;}}
.wl-place {{border-bottom: 2px dotted {PLACE_COLOUR};}}
.wl-quote {{font-style: italic; text-decoration: underline; text-decoration-color: {QUOTE_COLOUR};
           text-decoration-thickness: 2px; text-underline-offset: 0.25rem;}}
.wl-event {{outline: 1.5px dashed {EVENT_COLOUR}; outline-offset: 1px; border-radius: 0.15rem;}}
.wl-focus {{color: {FOCUS_COLOUR}; font-weight: 700;}}
.wl-legend span.wl-key {{margin-right: 0.9rem; white-space: nowrap;}}
</style>"""


class Mark(NamedTuple):
    start: int
    end: int
    layer: str  # one of LAYERS
    kind: str | None = None  # the actor type, for the actors layer; None: an entity that is no actor
    label: str = ""  # the tooltip: article text, escaped when drawn


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def actor_background(kind: str | None) -> str:
    """A light background in the actor type's colour (the figures' colour at a quarter opacity)."""
    colour = ACTOR_TYPE_COLOURS.get(kind or "", OTHER_ENTITY)
    return f"{colour}40" if colour.startswith("#") and len(colour) == 7 else colour


def _segment(piece: str, active: Sequence[Mark], in_focus: bool, first_focus: bool) -> str:
    body = _escape(piece)
    if not active and not in_focus:
        return body
    classes, style, titles = [], "", []
    for layer in LAYERS:
        here = [m for m in active if m.layer == layer]
        if not here:
            continue
        classes.append(f"wl-{layer[:-1]}")
        if layer == ACTORS:
            style = f' style="background-color: {actor_background(here[0].kind)}"'
        titles += [m.label for m in here if m.label]
    if in_focus:
        classes.append("wl-focus")
    anchor = f' id="{FOCUS_ID}"' if first_focus else ""
    title = f' title="{_escape(" · ".join(dict.fromkeys(titles)))}"' if titles else ""
    return f'<span{anchor} class="{" ".join(classes)}"{style}{title}>{body}</span>'


def _pieces(points: Sequence[int], marks: Sequence[Mark]) -> Iterable[tuple[int, int, list[Mark]]]:
    """Each piece between two cut points with the marks over it (in their given order), in one sweep: every
    mark's ends are cut points, so a mark covers a piece exactly when it starts at or before the piece's
    start and ends after it. (Testing every mark against every piece was quadratic in a long article.)"""
    order = sorted(range(len(marks)), key=lambda k: marks[k].start)
    active: list[int] = []
    taken = 0
    for a, b in zip(points, points[1:]):
        while taken < len(order) and marks[order[taken]].start <= a:
            active.append(order[taken])
            taken += 1
        active = [k for k in active if marks[k].end > a]
        yield a, b, [marks[k] for k in sorted(active)]


def article_html(
    text: str, marks: Iterable[Mark], focus: tuple[int, int] | None = None, layers: Iterable[str] = LAYERS
) -> str:
    """The article as paragraphs of escaped text, each mark of a shown layer styled, the focus anchored.

    Lines break paragraphs (as in the cleaned text); the first piece of the focus range carries
    ``id="wl-focus"`` so a script can scroll it into view.
    """
    shown = set(layers)
    kept = [m for m in marks if m.layer in shown and 0 <= m.start < m.end <= len(text)]
    if focus is not None and not (0 <= focus[0] < focus[1] <= len(text)):
        focus = None
    cuts = {0, len(text)}
    for m in kept:
        cuts.update((m.start, m.end))
    if focus is not None:
        cuts.update(focus)
    points = sorted(cuts)
    paragraphs: list[str] = []
    parts: list[str] = []
    anchored = False
    for a, b, active in _pieces(points, kept):
        in_focus = focus is not None and focus[0] <= a and b <= focus[1]
        for n, line in enumerate(text[a:b].split("\n")):
            if n:
                paragraphs.append("".join(parts))
                parts = []
            if not line:
                continue
            first = in_focus and not anchored and bool(line.strip())
            anchored = anchored or first
            parts.append(_segment(line, active, in_focus, first) if line.strip() else line)
    paragraphs.append("".join(parts))
    body = "".join(f"<p>{p.strip()}</p>" for p in paragraphs if p.strip())
    return f'{STYLE}<div class="wl-article">{body}</div>'


def legend_html(counts: dict[str, int], actor_kinds: Iterable[str | None] = ()) -> str:
    """What each style means, with how many of each layer the article holds (our labels only)."""
    keys = [
        f'<span class="wl-key"><span class="wl-actor" style="background-color: {actor_background(k)}">'
        f"{_escape(k or 'other entity')}</span></span>"
        for k in dict.fromkeys(actor_kinds)
    ]
    samples = {
        PLACES: '<span class="wl-place">place</span>',
        QUOTES: '<span class="wl-quote">quote</span>',
        EVENTS: '<span class="wl-event">event</span>',
    }
    keys += [f'<span class="wl-key">{samples[layer]} {counts.get(layer, 0)}</span>' for layer in samples]
    keys.append('<span class="wl-key"><span class="wl-focus">linked sentence</span></span>')
    return f'{STYLE}<div class="wl-legend">{"".join(keys)}</div>'


def scroll_script(focus: tuple[int, int] | None, article_id: str) -> str | None:
    """A script (ours only; no article text in it) that scrolls the focused sentence into view.

    It names the focus, so a new link or a newly selected mention runs it again. It retries for a
    few seconds: the article may draw after the script.
    """
    if focus is None:
        return None
    key = _escape(f"{article_id[:8]}:{focus[0]}:{focus[1]}")
    return (
        f'<script data-focus="{key}">(function () {{'
        f"  var tries = 0;"
        f"  function go() {{"
        f'    var el = document.getElementById("{FOCUS_ID}");'
        f'    if (el) {{ el.scrollIntoView({{block: "center"}}); return; }}'
        f"    if (tries++ < 60) setTimeout(go, 100);"
        f"  }}"
        f"  setTimeout(go, 50);"
        f"}})();</script>"
    )
