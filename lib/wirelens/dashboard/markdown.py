"""Article text as Streamlit markdown: every character escaped, mentions on coloured backgrounds.

No raw HTML reaches the page (no ``unsafe_allow_html``): text from an article, however hostile,
can only ever render as text. Every page puts article text (titles, sources, actor names,
sentences) into markdown through :func:`escape_markdown`, and a link through :func:`markdown_link`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple
from urllib.parse import quote, urlsplit

from wirelens.extraction.actor_types import actor_types

# Streamlit's markdown background colours, one per actor type; None: an entity that is not an actor.
TYPE_COLOURS: dict[str | None, str] = {**{t.name: t.badge for t in actor_types()}, None: "gray"}
FOCUS_COLOUR = "red"  # text colour of the sentence a link asked for
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&])")
# An invisible word joiner (U+2060). Backslash escapes stop markdown syntax, but some of what
# Streamlit renders is found in the text after the escapes are resolved: bare URLs and e-mail
# addresses become links (GFM's autolink literals), ":smile:" an emoji, ":material/x:" an icon.
# A joiner after every colon, before every "@" and inside "www." breaks those patterns unseen.
_JOINER = "\u2060"
_WWW = re.compile(r"(?i)(w)(ww\\\.)")
_URL_SAFE = "/:?#&=%+,;~@!$'*"  # kept as they are in a link's address; ( ) [ ] < > spaces are encoded


class Mark(NamedTuple):
    start: int
    end: int
    kind: str | None  # actor type, or None for a plain entity


def escape_markdown(text: str) -> str:
    """Text shown as literal characters in Streamlit markdown, on one line: no links (bare URLs
    included), images, emphasis, headings, lists, LaTeX, HTML, emoji shortcodes or Streamlit
    directives (``:red[...]``, ``:material/icon:``)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))
    escaped = escaped.replace(":", ":" + _JOINER).replace("@", _JOINER + "@")
    return _WWW.sub(r"\1" + _JOINER + r"\2", escaped)


def markdown_link(label: str, url: str | None) -> str:
    """A markdown link to ``url`` if it is a web address, else the address as escaped text.

    ``label`` is ours (never article text); the address is percent-encoded so that nothing in
    it (``)``, ``]``, spaces, ``![img](...)``) can end the link and start markup of its own.
    """
    if not url:
        return ""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return escape_markdown(url)
    return f"[{label}]({quote(url.strip(), safe=_URL_SAFE)})"


def highlight_markdown(text: str, marks: Sequence[Mark], focus: tuple[int, int] | None = None) -> str:
    """``text`` with each mark on its type's background and the focus range in bold red; paragraphs kept."""
    cuts = _cuts(text, marks, focus)
    by_start = sorted((m for m in marks if 0 <= m.start < m.end <= len(text)), key=lambda m: m.start)
    paragraphs, parts, i = [], [], 0
    for a, b in zip(cuts, cuts[1:]):
        while i < len(by_start) and by_start[i].end <= a:
            i += 1
        mark = by_start[i] if i < len(by_start) and by_start[i].start <= a < by_start[i].end else None
        in_focus = focus is not None and focus[0] <= a and b <= focus[1]
        for n, line in enumerate(text[a:b].split("\n")):
            if n:  # a line break inside the piece closes the paragraph
                paragraphs.append("".join(parts))
                parts = []
            if line.strip():
                parts.append(_styled(line, mark, in_focus))
            elif line:
                parts.append(" ")
    paragraphs.append("".join(parts))
    return "\n\n".join(p.strip() for p in paragraphs if p.strip())


def legend_markdown() -> str:
    return " ".join(f":{colour}-background[{kind or 'other entity'}]" for kind, colour in TYPE_COLOURS.items())


def _cuts(text: str, marks: Sequence[Mark], focus: tuple[int, int] | None) -> list[int]:
    points = {0, len(text)}
    for m in marks:
        if 0 <= m.start < m.end <= len(text):
            points.update((m.start, m.end))
    if focus is not None:
        points.update(p for p in focus if 0 <= p <= len(text))
    return sorted(points)


def _styled(piece: str, mark: Mark | None, in_focus: bool) -> str:
    # Directives keep their edge spaces outside: ":red[ said]" would not render as written.
    lead = " " if piece[:1].isspace() else ""
    trail = " " if piece[-1:].isspace() else ""
    body = escape_markdown(piece.strip())
    if in_focus:
        body = f":{FOCUS_COLOUR}[**{body}**]"
    if mark is not None:
        body = f":{TYPE_COLOURS.get(mark.kind, TYPE_COLOURS[None])}-background[{body}]"
    return lead + body + trail
