"""The skeleton of a place name: a coarse key its transliterations share ("Idleb"/"Idlib" -> "_dlb", "Deir ez-Zor"/
"Dayr az Zawr"/"Deir Ezzor" -> "dr zr"), and the name's folded words without articles.

It lives in ``geo`` so a pack can index its names by it (:meth:`wirelens.geo.packs.Pack.skeleton_candidates`);
the places layer's :mod:`~wirelens.extraction.places.translit` builds its spellings on the same words. The key
is far too coarse to look a name up by alone: callers take its candidates only inside an admin unit the text
names.
"""

from __future__ import annotations

import re

from wirelens.geo.names import fold

# Articles and prefixes transliterations keep, drop, hyphenate or glue on: "al-", "Ar-Raqqa", "Ezzor".
ARTICLES = ("al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ez", "es", "ed", "er", "ul", "ur", "ud")
_GLUED = re.compile(r"^(?:a|e|u)([dlnrstz])\1")  # "ezzor" -> "zor", "arraqqa" -> "raqqa", "ellaj" -> "laj"
_VOWELS = re.compile(r"[aeiouyw]+")
_DOUBLE = re.compile(r"(.)\1+")
# Consonant spellings of one sound: q/k/g, kh/h, sh/ch, ou/u, j/dj/dzh, zh/j, ts, ph/f, dh/th/z.
_CONSONANTS = (
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("ch", "sh"),
    ("ph", "f"),
    ("dh", "d"),
    ("th", "t"),
    ("ck", "k"),
    ("q", "k"),
    ("g", "k"),
    ("c", "k"),
    ("x", "ks"),
)


def words(text: str) -> list[str]:
    """The folded words of a name, without free-standing articles and with glued-on ones cut off:
    "Deir Ezzor" -> ["deir", "zor"], "Ar-Raqqa" -> ["raqqa"], "Ma'arrat al-Nu'man" -> ["maarrat", "numan"]."""
    out = []
    for word in fold(text).split():
        if word in ARTICLES or word == "the":
            continue
        glued = _GLUED.match(word)
        if glued and len(word) > 4 and out:  # "Ezzor" after "Deir"; a name's own first word keeps its letters
            word = word[glued.end() - 1 :]
        out.append(word)
    return out or fold(text).split()


def skeleton(text: str) -> str:
    """A key every transliteration of a name shares, and many other names too (see the module's docstring):
    "Idleb", "Idlib" -> "_dlb"; "Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor" -> "dr zr"."""
    out = []
    for word in words(text):
        for old, new in _CONSONANTS:
            word = word.replace(old, new)
        word = word.replace("ou", "u")
        lead = "_" if word[:1] in "aeiou" else ""
        word = _DOUBLE.sub(r"\1", _VOWELS.sub("", word[1:] if lead else word))
        out.append(lead + word)
    return " ".join(out)
