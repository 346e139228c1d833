"""Transliteration-aware names: the spellings one Arabic, Persian, Pashto, Kurdish, Turkish or
Ukrainian/Russian place name takes in English text, and a key they share.

The gazetteer's :func:`~wirelens.geo.names.name_key` already folds case, diacritics, apostrophes,
doubled letters, free-standing articles ("al-", "ez-") and a final -eh/-ah. What it keeps apart
are the vowel and consonant variants of transliteration: "Idleb"/"Idlib", "Saraqeb"/"Saraqib",
"Deir Ezzor" (the article glued on) / "Deir ez-Zor", q/k/g, ou/u, -iyah/-iyeh/-ieh. Two tools here:

- :func:`skeleton` (from :mod:`wirelens.geo.skeleton`, where the packs index their names by it): a coarse
  key (consonants, vowel slots merged) two such spellings share. It is far too coarse to look a name up
  by alone: its candidates are taken only inside an admin unit the text names ("Ein Issa ... Raqqa").
- :func:`spellings`: the variant spellings of a name, for asking the gazetteer's ordinary index
  (which lives in ``geo/`` and is keyed by ``name_key``) without a second index; and
  :func:`near_spellings`, the spellings one edit away, again only for use inside an admin unit.
"""

from __future__ import annotations

import functools
import itertools

from wirelens.geo.names import name_key
from wirelens.geo.skeleton import ARTICLES, skeleton, words

__all__ = ["ARTICLES", "near_spellings", "skeleton", "spellings", "unit_spellings", "words"]
_SUN = "tdrszln"  # consonants "al-" takes the sound of: "ash-Shaykh", "ar-Raqqa"

# Endings one name takes in several spellings: -iyah/-iyeh/-ieh/-ia/-iya, -ah/-eh/-a.
_ENDINGS = (
    ("iyyah", "iya"),
    ("iyyeh", "iya"),
    ("iyah", "iya"),
    ("iyeh", "iya"),
    ("ieh", "iya"),
    ("ia", "iya"),
    ("eh", "a"),
    ("ah", "a"),
)


def _word_variants(word: str) -> set[str]:
    """One word's common transliteration variants (bounded: a few dozen at most)."""
    forms = {word}
    if word[:2] in ("al", "el") and len(word) > 5 and word[2] not in "aeiouy":
        forms.add(word[2:])  # the article glued on: "Salah Aldeen" is "Salah al-Deen"
    for old, new in _ENDINGS:
        if word.endswith(old) and len(word) > len(old) + 2:
            forms.add(word[: -len(old)] + new)
            forms.add(word[: -len(old)] + "iyah")
            forms.add(word[: -len(old)] + "iyeh")
            break
    swaps = (
        ("e", "i"),
        ("i", "e"),
        ("o", "u"),
        ("u", "o"),
        ("ou", "u"),
        ("q", "k"),
        ("k", "q"),
        ("g", "q"),
        ("aa", "a'a"),
        ("ei", "ay"),
        ("ay", "ei"),
        ("ai", "ay"),
        ("dj", "j"),
        ("j", "dj"),
        ("kh", "h"),
        ("c", "k"),  # "Atacora" / "Atakora"
        ("th", "dh"),  # "Thi Qar" / "Dhi Qar"
        ("dh", "th"),
        ("w", "u"),
        ("u", "w"),
        ("y", "i"),
        ("i", "y"),
    )
    for old, new in swaps:
        for form in list(forms):
            if old in form:
                forms.add(form.replace(old, new))
            if len(forms) > 48:
                return forms
    return forms


def spellings(text: str, limit: int = 96) -> list[str]:
    """Variant spellings of ``text`` to look up in the gazetteer's index, the text's own first.

    "Idleb" -> "Idleb", "Idlib", ...; "Deir Ezzor" -> "deir zor", ...; "Saraqeb" -> "saraqib", ...
    Each is a plausible spelling of the same name; which of them the gazetteer holds decides.
    """
    parts = words(text)
    out = [text]
    if not parts or len(parts) > 4:
        return out
    options = [sorted(_word_variants(w), key=lambda f: (f != w, f)) for w in parts]
    for combo in itertools.islice(itertools.product(*options), limit):
        out.append(" ".join(combo))
    if len(parts) > 1:  # an article between two words: "Ras Ain" is "Ras al-Ain", "Tal Tamr" "Tall at Tamr"
        for i in range(1, len(parts)):
            out.append(" ".join(parts[:i] + [f"al-{parts[i]}"] + parts[i + 1 :]))
        first = parts[1][:1]
        if first in _SUN:
            out.append(" ".join([parts[0], f"a{first}-{parts[1]}", *parts[2:]]))
    return list(dict.fromkeys(out))


def near_spellings(text: str, limit: int = 1500) -> list[str]:
    """Spellings one letter away from ``text`` (a deletion, a doubled letter or a vowel swapped): a bounded
    edit-distance search. Only ever asked inside an admin unit the text names, never alone."""
    base = " ".join(words(text))
    out: list[str] = []
    letters = "aeiouy"
    for i in range(len(base)):
        if base[i] == " ":
            continue
        out.append(base[:i] + base[i + 1 :])  # a deletion
        for ch in letters:
            if ch != base[i] and base[i] in letters:
                out.append(base[:i] + ch + base[i + 1 :])
    for i in range(len(base) + 1):
        for ch in letters:
            out.append(base[:i] + ch + base[i:])  # an inserted vowel: "Kafranbel" / "Kafr Nabl" stays out
    return list(dict.fromkeys(out))[:limit]


_NEAR_UNIT_LETTERS = 6  # a shorter name one vowel from a region's is too often another word ("Bari", "Bay")


@functools.lru_cache(maxsize=4096)  # a news article names its units again and again; the search is ~1,000 forms
def unit_spellings(text: str, near: bool = True) -> tuple[str, ...]:
    """The name keys under which a region may be asked for when ``text`` itself names none: its transliteration
    spellings ("Thi Qar" -> "dhi qar", "Atacora" -> "atakora", "Salah Aldeen" -> "sala din") and, for a
    name of :data:`_NEAR_UNIT_LETTERS` letters or more and ``near``, those one vowel away ("Lower Shabelle"
    -> "lower shebele"). For :meth:`~wirelens.geo.gazetteer.Gazetteer.regions_called`, whose few thousand names have
    few namesakes; a village is never looked up so."""
    forms = spellings(text)
    if near and sum(ch.isalpha() for ch in text) >= _NEAR_UNIT_LETTERS:
        bones = _consonants(text)  # a vowel edit only: "Shadaa" less its "h" is no "Sada"
        forms += [f for f in near_spellings(text) if _consonants(f) == bones]
    return tuple(dict.fromkeys(name_key(f) for f in forms))


def _consonants(text: str) -> str:
    return "".join(ch for ch in " ".join(words(text)) if ch.isalpha() and ch not in "aeiouy")
