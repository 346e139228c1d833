"""A paragraph that opens with a name and a colon reports that name's statement: 'Graham: Trump's
Rhetoric Destroying GOP's Chance', 'John McCain: Populist Anger Appeals to Bad Angels'.

Headlines and digests write attribution this way, with no cue verb. A quoted passage after the
colon is a quote (:mod:`.detect` reads it); here only the unquoted statement is read.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from wirelens.extraction.quotes.mentions import Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A name of one to six capitalised words ("of", "and" inside), a role noun after it at most ("Clinton camp"),
# a colon, then the statement.
_NAMED_LINE = re.compile(
    r"[ \t]*((?:[A-Z][\w.'’-]*|of|and|the)(?:[ \t]+(?:[A-Z][\w.'’-]*|of|and|the)){0,5}(?:[ \t]+(?P<role>[a-z]+))?)"
    r":[ \t]+(?=\S)"
)
_MIN_WORDS = 3  # a statement, not a label: "Note: see below" is too short to be one
# The NER labels of a name that speaks: not a place ("Syria: ..."), a series title or a date.
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP"})
# Words that label a headline rather than name anyone: "Update:", "The Latest:", "Watch:". Grammar of
# headlines, a closed set.
_HEADLINE_LABELS = frozenset(
    "update updates watch breaking exclusive video photos photo live opinion analysis editorial note "
    "correction latest read listen transcript report q a".split()
)
_QUOTE_OPENERS = '"“«„'


class NamedStatement(NamedTuple):
    """A statement a paragraph's opening name makes, as characters of the chunk."""

    start: int
    end: int
    speaker: Speaker


def named_statements(doc: Doc, text: str, roles: frozenset[str] = frozenset()) -> list[NamedStatement]:
    """Every paragraph of the chunk that opens with a name and a colon and goes on unquoted. ``roles``: the
    lower-case nouns that may follow the name ("Clinton camp:", "Trump aides:"), singular."""
    out = []
    pos = 0
    for line in text.split("\n"):
        found = _named_statement(doc, text, pos, pos + len(line), roles)
        if found is not None:
            out.append(found)
        pos += len(line) + 1
    return out


def _named_statement(doc: Doc, text: str, start: int, end: int, roles: frozenset[str]) -> NamedStatement | None:
    match = _NAMED_LINE.match(text, start, end)
    if match is None or text[match.end()] in _QUOTE_OPENERS:
        return None
    role = match.group("role")
    if role is not None and role not in roles and not (role.endswith("s") and role[:-1] in roles):
        return None  # "Trump Tower: ...", "Clinton wins: ...": no one's statement
    body_end = end
    while body_end > match.end() and text[body_end - 1] in " \t.":
        body_end -= 1
    if len(text[match.end() : body_end].split()) < _MIN_WORDS:
        return None
    name = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
    if name is None or not any(t.pos_ == "PROPN" for t in name):
        return None
    words = [t for t in name if t.is_alpha]
    if all(t.lower_ in _HEADLINE_LABELS or t.lower_ == "the" for t in words):
        return None
    if not any(t.ent_type_ in _SPEAKER_LABELS for t in words):
        return None  # "Syria: rebels take the town", "The Ninth Circle: ...": a dateline or a series title
    head = name[-1]
    return NamedStatement(match.end(), body_end, Speaker(name, head, name))
