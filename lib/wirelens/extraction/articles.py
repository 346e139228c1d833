"""An article as the extraction core sees it: cleaned text, an id from that text, a date.

Every offset the library reports indexes into ``Article.text``, the cleaned text, which is what
the store keeps. Reading files into articles lives in :mod:`wirelens.run.readers`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from wirelens.extraction.cleaning import clean_text, split_headline


@dataclass(frozen=True)
class Article:
    id: str  # hash of the cleaned text: the same text ingested twice is the same article
    title: str
    text: str  # cleaned; every offset the library reports indexes into this
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class InputProblem:
    path: str
    problem: str
    skipped: bool = True  # False: the article was still ingested, with this caveat

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def parse_date(value: object, *, bounds: tuple[dt.date, dt.date] | None = None) -> dt.date | None:
    """A publication date from ISO strings, datetimes or free text; None when absent.

    Raises ValueError for a value that is present but not a date, or (given ``bounds``, the
    earliest and latest plausible dates) a date outside them: "0001-01-01" is a placeholder.
    """
    date = _parse_date(value)
    if date is not None and bounds is not None:
        check_date(date, bounds)
    return date


def check_date(date: dt.date, bounds: tuple[dt.date, dt.date]) -> dt.date:
    """``date`` if it lies within ``bounds`` (both ends included); ValueError naming the range if not."""
    earliest, latest = bounds
    if not earliest <= date <= latest:
        raise ValueError(
            f"date {date.isoformat()} is outside the plausible range {earliest.isoformat()} to {latest.isoformat()}"
        )
    return date


def _parse_date(value: object) -> dt.date | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    import dateparser  # slow to import; only free-text dates need it

    # Absolute dates only, with at least month and year: "n/a", "12" or "Tuesday" must not
    # become a date relative to today.
    try:
        parsed = dateparser.parse(
            text[:200],
            settings={
                "PREFER_DAY_OF_MONTH": "first",
                "PARSERS": ["custom-formats", "absolute-time"],
                "REQUIRE_PARTS": ["month", "year"],
            },
        )
    except (OverflowError, ValueError, RecursionError):  # "99999999999 Jan" overflows inside dateparser
        parsed = None
    if parsed is None:
        raise ValueError(f"date {text[:80]!r} is not a date")
    return parsed.date()


def make_article(
    raw_text: str,
    *,
    title: str | None = None,
    date: object = None,
    source: str | None = None,
    url: str | None = None,
    path: str | None = None,
    headline_first: bool = False,
) -> Article:
    """Clean ``raw_text`` and wrap it.

    The first line is taken as the headline when there is no title, or when
    ``headline_first`` says the text starts with one (plain-text files); a given title wins.

    Raises ValueError when nothing is left after cleaning or the date is not a date.
    """
    text = clean_text(raw_text)
    if headline_first or title is None or not str(title).strip():
        headline, text = split_headline(text)
        title = title if title and str(title).strip() else headline
    if not text.strip():
        raise ValueError("no article text after cleaning")
    return Article(
        id=article_id(text),
        title=clean_text(str(title)),
        text=text,
        date=parse_date(date),
        source=_blank_to_none(source),
        url=_blank_to_none(url),
        path=path,
    )


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() or None if value else None
