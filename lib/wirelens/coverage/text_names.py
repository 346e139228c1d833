"""Which of a set of place names an article's text mentions, by transliteration key.

A news event the extraction could not place may still be told apart by its article: a record whose
village, district, governorate or country is named in the text is a plausible match, one named nowhere
in it is not. Names are compared by :func:`wirelens.geo.names.name_key`, word by word ("Al-Hasakah" in
the text meets a record's "Al Hasakeh"), and a mention must start with a capital letter: place names
are capitalised, while a record's "Est" or "Centre" also spell ordinary words.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Hashable, Mapping

from wirelens.geo.names import name_key

_WORD = re.compile(r"[^\W_]+(?:['’`ʿʾ][^\W_]+)*")
MAX_WORDS = 4  # longest name looked for, in words (after particles are dropped)


def _word_keys(text: str, cache: dict[str, str]) -> tuple[list[str], list[bool]]:
    """Each word's key (particles dropped) and whether it starts with a capital."""
    keys, capital = [], []
    for match in _WORD.finditer(text):
        word = match.group()
        if word[-2:] in ("'s", "’s"):  # a possessive: "Haritan's fighters"
            word = word[:-2]
        key = cache.get(word)
        if key is None:
            key = cache[word] = name_key(word)
        if key:
            keys.append(key)
            capital.append(word[0].isupper())
    return keys, capital


def names_in_texts(texts: Mapping[Hashable, str], names: Collection[str]) -> dict[Hashable, set[str]]:
    """Per text (by its key, e.g. an article id): the names (keys as :func:`name_key` gives them) it mentions."""
    by_first: dict[str, set[int]] = {}
    for key in names:
        words = key.split()
        if words and len(words) <= MAX_WORDS and len(key) >= 3:
            by_first.setdefault(words[0], set()).add(len(words))
    cache: dict[str, str] = {}
    out: dict[Hashable, set[str]] = {}
    for article_id, text in texts.items():
        if not isinstance(text, str):
            continue
        keys, capital = _word_keys(text, cache)
        found: set[str] = set()
        for i, key in enumerate(keys):
            lengths = by_first.get(key)
            if lengths and capital[i]:
                found.update(
                    joined for n in lengths if (joined := " ".join(keys[i : i + n])) in names and i + n <= len(keys)
                )
        if found:
            out[article_id] = found
    return out
