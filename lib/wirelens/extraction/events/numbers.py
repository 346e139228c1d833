"""Casualty counts and aggregate periods in a sentence: plain text in, plain values out.

News gives death tolls as digits ("34 people"), number words ("six people", "twenty-one"),
vague quantities ("dozens", "scores": no number, the phrase kept) or a denial ("no
casualties": zero). Cumulative tolls ("300,000 people have been killed since March 2011",
"in the past 10 days", "as of September 30", "killed in the conflict") are aggregates with a
period, never one event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "a dozen": 12,
    "a": 1,
    "an": 1,
    "single": 1,
    "dozen": 12,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
# Counts that are no number: kept as written, fatalities unknown (None).
VAGUE = (
    "dozens",
    "scores",
    "hundreds",
    "thousands",
    "several",
    "many",
    "some",
    "numerous",
    "a number",
    "a few",
    "few",
    "multiple",
    "countless",
    "tens",
)
_HEDGES = r"(?:(?:more|fewer|less)\s+than|at\s+least|over|about|around|nearly|almost|up\s+to|some|roughly|approximately|an\s+estimated)"

_WORD_NUMBER = (
    r"(?:(?:"
    + "|".join(sorted(_TENS, key=len, reverse=True))
    + r")(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|" + "|".join(sorted((u for u in _UNITS if u not in ("a", "an", "single")), key=len, reverse=True)) + r")"
    r"(?:\s+(?:hundred|thousand|million))?"
)
# "1-3 killed": ACLED's coders (and this count) take the lower figure of a range.
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+(?:thousand|million))?|\d+\s*-\s*\d+"
NUMBER = rf"(?:{_DIGITS}|{_WORD_NUMBER}|{'|'.join(VAGUE)})"
_COUNT = rf"(?:{_HEDGES}\s+)?(?P<n>{NUMBER})"
_KILL = (
    r"(?:killed|killing|kills|kill|dead|died|dying|slain|murdered|executed|massacred|assassinated|beheaded|lynched"
    r"|lost\s+their\s+lives|shot\s+dead)"
)

_ZERO = re.compile(
    r"\b(?:no\s+(?:casualties|fatalities|deaths|one\s+was\s+(?:killed|hurt|injured)|injuries|victims|dead)"
    r"|without\s+(?:casualties|loss\s+of\s+life)|nobody\s+was\s+(?:killed|hurt|injured)"
    r"|no\s+(?:immediate\s+)?reports?\s+of\s+(?:casualties|deaths|injuries))\b",
    re.I,
)
_DEATH_TOLL = re.compile(rf"\bdeath\s+toll\s+(?:\w+\s+){{0,3}}?(?:to|of|at|reached|stands\s+at|hit)\s+{_COUNT}", re.I)


# One victim as a pronoun or a name: "he was killed", "Mashal Khan was shot dead" (case-sensitive: a name is capitalised).
_ONE_VICTIM = re.compile(
    r"(?:\b[Hh]e|\b[Ss]he|\b(?:[A-Z][\w'-]+\s+){1,3}?)(?:was|has\s+been|had\s+been)\s+(?:\w+\s+)?"
    r"(?:killed|murdered|assassinated|shot\s+dead|stabbed\s+to\s+death|beaten\s+to\s+death|executed)\b"
    r"(?!\s+(?:\w+\s+){0,2}(?:films?|movies?|series|novels?|books?|plays?|games?|episodes?)\b)"  # fiction
)
# A toll as the death of so many: "which caused the death of at least 50 people".
_DEATH_OF = r"\bdeaths?\s+of\s+"


@lru_cache(maxsize=16)
def _patterns(nouns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Compiled once per noun list (a fixed list from cues.toml), not once per sentence."""
    noun = "(?:" + "|".join(sorted((re.escape(n) for n in nouns), key=len, reverse=True)) + ")"
    adj = r"(?:[\w-]+\s+){0,3}?"  # "34 Syrian army soldiers", "six innocent people"
    return (
        # "killing 34 people", "killed six civilians", "left six people dead"
        re.compile(rf"\b{_KILL}\s+{_COUNT}\s+{adj}{noun}\b", re.I),
        re.compile(rf"\bleft\s+{_COUNT}\s+{adj}{noun}\s+(?:dead|killed)\b", re.I),
        re.compile(rf"\bleaving\s+{_COUNT}\s+{adj}{noun}\s+(?:dead|killed)\b", re.I),
        # "34 people were killed", "six dead", "dozens of people died"
        re.compile(rf"\b{_COUNT}\s+(?:of\s+)?(?:(?:the|them|whom)\s+)?{adj}{noun}\s+(?:\w+\s+){{0,3}}?{_KILL}\b", re.I),
        re.compile(rf"\b{_COUNT}\s+(?:were\s+|have\s+been\s+|had\s+been\s+|are\s+)?(?:killed|dead)\b", re.I),
        _DEATH_TOLL,
        re.compile(rf"{_DEATH_OF}{_COUNT}\s+{adj}{noun}\b", re.I),
        # "killed at least 12 and wounded 30": a count with its noun left out
        re.compile(
            rf"\b(?:killed|killing|kills)\s+{_COUNT}(?=\s*(?:and\b|,|\.|;|$|in\b|on\b|at\b|when\b|during\b))", re.I
        ),
        # "killed two gold traders", "killing 1 FARDC": a number right after the killing counts whoever it names
        # (not "killed 20 years ago", "killing 90 percent").
        re.compile(
            rf"\b(?:killed|killing|kills|slew)\s+{_COUNT}\s+(?!(?:%|percent|per\s+cent|years?|days?|weeks?|months?|hours?"
            rf"|minutes?|km|kilometres?|kilometers?|miles|times|of\s+(?:the|its|their)\s+(?:\w+\s+)?(?:cases|total)"
            rf"|and|or|in|on|at|when|during|while|after|with|by|from|including)\b)"
            rf"[A-Za-z][\w-]*",
            re.I,
        ),
        # One victim whatever the noun: "a sheperd was killed", "1 civilian, a tribal elder, was killed".
        re.compile(
            r"\b(?P<n>a|an|one|1)\s+(?:[\w-]+\s+){0,3}?[\w-]+\s+(?:,[^,]{0,60},\s+)?(?:was|has\s+been|had\s+been)\s+"
            r"(?:\w+\s+)?(?:and\s+)?(?:killed|murdered|assassinated|shot\s+dead|beheaded|lynched|burned\s+alive"
            r"|burnt\s+alive|beaten\s+to\s+death|stabbed\s+to\s+death)\b",
            re.I,
        ),
        # A toll in so many words: "2 fatalities", "one fatality was reported".
        re.compile(rf"\b{_COUNT}\s+(?:confirmed\s+|reported\s+)?fatalit(?:y|ies)\b", re.I),
        # One victim named in the singular: "killed a woman", "a shepherd was shot dead", "1 policeman".
        re.compile(rf"\b{_KILL}\s+(?P<n>a|an)\s+{adj}{noun}\b", re.I),
        re.compile(
            rf"\b(?P<n>a|an)\s+{adj}{noun}\s+(?:,[^,]{{0,60}},\s+)?(?:was|has\s+been|had\s+been)\s+"
            rf"(?:\w+\s+)?(?:and\s+)?{_KILL}\b",
            re.I,
        ),
    )


class Fatalities(NamedTuple):
    """A death count found in a sentence: ``count`` is None for vague counts ("dozens")."""

    count: int | None
    text: str  # the phrase as written: "killing 34 people", "no casualties"
    start: int  # offsets into the text searched
    end: int


def parse_number(text: str) -> int | None:
    """An integer from digits or English number words; None for vague counts and non-numbers."""
    words = " ".join(text.lower().replace("-", " ").split())
    words = re.sub(rf"^{_HEDGES}\s+", "", words)
    if not words or any(words == v or words.startswith(v + " of") for v in VAGUE):
        return None
    low = re.fullmatch(rf"(?:{_HEDGES}\s+)?(\d+)\s*-\s*\d+", text.strip().lower())
    if low:
        return int(low.group(1))
    digits = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(thousand|million))?", words)
    if digits:
        value = float(digits.group(1).replace(",", ""))
        return int(value * _SCALES[digits.group(2)]) if digits.group(2) else int(value)
    if words in _UNITS:
        return _UNITS[words]
    total, current = 0, 0
    for word in words.split():
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in ("thousand", "million"):
            total += max(current, 1) * _SCALES[word]
            current = 0
        elif word != "and":
            return None
    return total + current if words else None


def find_fatalities(text: str, casualty_nouns: Iterable[str]) -> Fatalities | None:
    """The death count a sentence reports, if any; the first explicit figure wins."""
    zero = _ZERO.search(text)
    found: list[Fatalities] = []
    for pattern in _patterns(tuple(casualty_nouns)):
        for match in pattern.finditer(text):
            found.append(Fatalities(parse_number(match.group("n")), match.group(0), match.start(), match.end()))
    if found:
        return min(found, key=lambda f: (f.start, -(f.end - f.start)))
    if zero:
        return Fatalities(0, zero.group(0), zero.start(), zero.end())
    one = _ONE_VICTIM.search(text)
    if one:
        return Fatalities(1, one.group(0), one.start(), one.end())
    return None


_PERIOD = re.compile(
    r"\b(?:since\s+(?:the\s+(?:start|beginning|outbreak)\s+of\s+)?(?:[\w'’-]+\s+){0,5}?"
    r"(?:\d{4}|began|begun|erupted|started|broke\s+out|January|February|March|April|May|June|July|August"
    r"|September|October|November|December)(?:\s+\d{4})?(?:\s+in\s+(?:\w+\s+)?\d{4})?"
    r"|(?:in|over|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:days?|weeks?|months?|years?)"
    r"|so\s+far\s+(?:this|in)\s+\w+|so\s+far|to\s+date|this\s+year|in\s+total|a\s+total\s+of"
    # A count as of a day ("as of September 30") or over a whole war ("killed in the conflict").
    r"|as\s+of\s+(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?|\d{1,2}\s+\w+(?:\s+\d{4})?|\w+day)"
    r"|(?:in|during|throughout)\s+the\s+(?:[\w'’-]+\s+){0,3}?(?:conflict|war|civil\s+war|insurgency)\b"
    r"(?!\s+(?:zone|area|region|crimes?)\b))",
    re.I,
)


def find_period(text: str) -> str | None:
    """The period a cumulative toll covers ("since ... March 2011", "in the past 10 days"), if any."""
    match = _PERIOD.search(text)
    return match.group(0) if match else None
