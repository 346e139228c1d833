"""Quotation marks on plain text: where quoted passages begin and end (no parse, no model).

:func:`find_quote_spans` pairs the marks paragraph by paragraph; whether a mark opens or
closes is decided by the small rules of :data:`MARK_RULES`, first match wins.
:func:`doubled_quotes` finds the doubled apostrophes some wire archives quote with, and
:func:`looks_like_title` tells a quoted name ("CBS This Morning") from a statement.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from wirelens.extraction.syntax import SPEAKER_PRONOUNS

# Opening and closing marks. Single quotes are not read as quotation marks: in running
# English text they are mostly apostrophes ("members’ veto"), and nested quotes use them.
OPENERS = frozenset("“«„")
CLOSERS = frozenset("”»")
STRAIGHT = '"'
_MARKS = re.compile(r'["“”«»„]')
_DOUBLED = re.compile(r"''")
LETTER = re.compile(r"[^\W\d_]")
_AFTER_WORDS = ".,;:!?)]}—–"  # what may follow a closing mark
_BEFORE_OPENING = "([{—–-:/"  # what may stand before an opening mark
_MAX_TITLE_WORDS = 8
# Closed-class words a title leaves in lower case ("Gang of Eight"): grammar, so code.
_TITLE_SMALL_WORDS = frozenset("a an the of and or for with to in on at by from as vs".split())


class QuoteSpan(NamedTuple):
    """The text between a pair of quotation marks (marks excluded)."""

    start: int
    end: int
    closed: bool  # False: no closing mark before the paragraph ended


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted passage in ``text``, paragraph by paragraph; unbalanced marks never raise.

    A mark left open at the end of a paragraph closes there: news style opens each paragraph
    of a long quote and closes only the last. A stray closing mark is ignored. Nested
    double quotes stay inside the outer quote.
    """
    spans: list[QuoteSpan] = []
    pos = 0
    for paragraph in text.split("\n"):
        spans.extend(_paragraph_quotes(text, pos, pos + len(paragraph)))
        pos += len(paragraph) + 1
    return spans


def _paragraph_quotes(text: str, start: int, end: int) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    depth, opened = 0, -1
    for match in _MARKS.finditer(text, start, end):
        i, mark = match.start(), match.group()
        role = mark_role(text, i, mark, depth, start, end)
        if role == "open":
            if depth == 0:
                opened = i
            depth += 1
        elif role == "close" and depth > 0:
            depth -= 1
            if depth == 0:
                _add_span(out, text, opened + 1, i, True)
    if depth > 0:
        _add_span(out, text, opened + 1, end, False)
    return out


# --- whether a mark opens or closes: small rules, first match wins ------------------------------


class Mark(NamedTuple):
    """One quotation mark in its paragraph, with the characters either side of it."""

    text: str
    i: int
    mark: str
    depth: int  # quotes open before it in the paragraph
    end: int  # the paragraph's end
    before: str  # a space at the paragraph's start
    after: str  # a space at the paragraph's end


def curly_opener_typed_for_closer(m: Mark) -> str | None:
    """'“Do you want that?“ he asked': an opening curly mark after words, inside a quote, closes it."""
    if m.mark == "“" and m.depth > 0 and not m.before.isspace() and (m.after.isspace() or m.after in _AFTER_WORDS):
        return "close"
    return None


def curly_opener(m: Mark) -> str | None:
    """'he said “we will win”', '«Nous gagnerons»': a mark that only opens, opens."""
    return "open" if m.mark in OPENERS else None


def curly_closer(m: Mark) -> str | None:
    """'“we will win” today': a mark that only closes, closes."""
    return "close" if m.mark in CLOSERS else None


def straight_before_words(m: Mark) -> str | None:
    """'He said "we will win"': a straight mark after a space and before words opens.

    Already inside a quote, a nested opening needs a partner further on; without one this is the
    close of a quote that ends in a space.
    """
    if (m.before.isspace() or m.before in _BEFORE_OPENING) and not m.after.isspace():
        if m.depth == 0:
            return "open"
        return "open" if m.text.find(STRAIGHT, m.i + 1, m.end) >= 0 else "close"
    return None


def straight_after_words(m: Mark) -> str | None:
    """'"we will win" today', '"One," he said': a straight mark after words, or before a space, closes."""
    if not m.before.isspace() or m.after.isspace() or m.after in _AFTER_WORDS:
        return "close"
    return None


def by_depth(m: Mark) -> str | None:
    """The last word: a mark closes an open quote and opens otherwise ('a " b' with a quote open closes).

    The rules above already decide every straight mark; this keeps :func:`mark_role` total.
    """
    return "close" if m.depth > 0 else "open"


MARK_RULES: tuple[Callable[[Mark], str | None], ...] = (
    curly_opener_typed_for_closer,
    curly_opener,
    curly_closer,
    straight_before_words,
    straight_after_words,
    by_depth,
)


def mark_role(text: str, i: int, mark: str, depth: int, start: int, end: int) -> str:
    """Whether a mark opens or closes ("open" or "close"): the first of :data:`MARK_RULES` that decides."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    m = Mark(text, i, mark, depth, end, before, after)
    for rule in MARK_RULES:
        role = rule(m)
        if role is not None:
            return role
    raise AssertionError("by_depth always decides")  # pragma: no cover


def _add_span(out: list[QuoteSpan], text: str, start: int, end: int, closed: bool) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and LETTER.search(text, start, end):
        out.append(QuoteSpan(start, end, closed))


# --- doubled apostrophes and quoted titles -------------------------------------------------------


def doubled_quotes(text: str) -> list[tuple[int, int]]:
    """Passages between doubled apostrophes, the double quotes of some wire archives: ''We will win,'' he said.

    Their words are the speaker's, so a verb inside is no cue; they are not read as quotation
    marks otherwise (a doubled apostrophe is also a typo, and the benchmark counts only real marks).
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for paragraph in text.split("\n"):
        opened = -1
        for match in _DOUBLED.finditer(paragraph):
            i = match.start()
            before = paragraph[i - 1] if i > 0 else " "
            after = paragraph[i + 2] if i + 2 < len(paragraph) else " "
            if opened < 0 and (before.isspace() or before in _BEFORE_OPENING) and not after.isspace():
                opened = i + 2
            elif opened >= 0:
                out.append((pos + opened, pos + i))
                opened = -1
        if opened >= 0:
            out.append((pos + opened, pos + len(paragraph)))
        pos += len(paragraph) + 1
    return out


def looks_like_title(body: str) -> bool:
    """A short quoted name in title case: a show, a book, a nickname, a slogan."""
    words = re.findall(r"[^\W\d_][\w’'-]*", body)
    if not words or len(words) > _MAX_TITLE_WORDS:
        return False
    content = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    if not content or content[0].lower() in SPEAKER_PRONOUNS:
        return False  # "I Will Win" is a statement
    # One capitalised word may be a title ("Scandal") as often as an answer ("Okay"): kept.
    return len(content) > 1 and all(w[0].isupper() for w in content)
