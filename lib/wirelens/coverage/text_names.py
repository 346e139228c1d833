"""Which of a set of place names an article's text mentions, by transliteration key.

A news event the extraction could not place may still be told apart by its article: a record whose
village, district, governorate or country is named in the text is a plausible match, one named nowhere
in it is not. Names are compared by :func:`wirelens.geo.names.name_key`, word by word ("Al-Hasakah" in
the text meets a record's "Al Hasakeh"), and a mention must start with a capital letter: place names
are capitalised, while a record's "Est" or "Centre" also spell ordinary words. Only capitalised words
are looked at first (a fraction of a text's words), so a corpus's texts are read in seconds.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Hashable, Mapping

from wirelens.geo.names import name_key

# A token: anything between spaces and punctuation that never joins a name's words ("Deir ez-Zor" is two
# tokens, "ez-Zor" keyed as "zor"); kept this simple because a corpus's texts are long.
_TOKEN = re.compile(r"[^\s,.;:!?()\[\]{}\"“”/]+")
# A token starting with a capital (Latin and Latin-1 capitals: the scripts English news write names in).
_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-Þ][^\s,.;:!?()\[\]{}\"“”/]*")
MAX_WORDS = 4  # longest name looked for, in words (after particles are dropped)
LOOK_AHEAD = 2 * MAX_WORDS  # words read after a name's first, particles included


def _words(token: str, cache: dict[str, list[str]]) -> list[str]:
    """A token's key, word by word ([] for a particle)."""
    words = cache.get(token)
    if words is None:
        bare = token[:-2] if token[-2:] in ("'s", "’s") else token  # a possessive: "Haritan's fighters"
        words = cache[token] = name_key(bare).split()
    return words


def names_in_texts(texts: Mapping[Hashable, str], names: Collection[str]) -> dict[Hashable, set[str]]:
    """Per text (by its key, e.g. an article id): the names (keys as :func:`name_key` gives them) it mentions."""
    by_first: dict[str, set[int]] = {}
    for key in names:
        words = key.split()
        if words and len(words) <= MAX_WORDS and len(key) >= 3:
            by_first.setdefault(words[0], set()).add(len(words))
    cache: dict[str, list[str]] = {}
    out: dict[Hashable, set[str]] = {}
    for text_id, text in texts.items():
        if not isinstance(text, str):
            continue
        found: set[str] = set()
        for match in _CAPITALISED.finditer(text):
            keys = _words(match.group(), cache)
            lengths = by_first.get(keys[0]) if keys else None
            if not lengths:
                continue
            if max(lengths) > len(keys):
                after = zip(range(LOOK_AHEAD), _TOKEN.finditer(text, match.end()))
                keys = keys + [word for _, m in after for word in _words(m.group(), cache)]
            found.update(joined for n in lengths if n <= len(keys) and (joined := " ".join(keys[:n])) in names)
        if found:
            out[text_id] = found
    return out
