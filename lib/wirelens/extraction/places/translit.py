"""Transliteration-aware names: the spellings one Arabic, Persian, Pashto, Kurdish, Turkish or
Ukrainian/Russian place name takes in English text, and a key they share.

The gazetteer's :func:`~wirelens.geo.names.name_key` already folds case, diacritics, apostrophes,
doubled letters, free-standing articles ("al-", "ez-") and a final -eh/-ah. What it keeps apart
are the vowel and consonant variants of transliteration: "Idleb"/"Idlib", "Saraqeb"/"Saraqib",
"Deir Ezzor" (the article glued on) / "Deir ez-Zor", q/k/g, ou/u, -iyah/-iyeh/-ieh. Two tools here:

- :func:`skeleton`: a coarse key (consonants, vowel slots merged) two such spellings share. It is
  far too coarse to look a name up by: callers compare it only among the candidates of an admin
  unit the text names ("Saraqeb ... Idleb"), never across the gazetteer.
- :func:`spellings`: the variant spellings of a name, for asking the gazetteer's ordinary index
  (which lives in ``geo/`` and is keyed by ``name_key``) without a second index; and
  :func:`near_spellings`, the spellings one edit away, again only for use inside an admin unit.
"""

from __future__ import annotations

import itertools
import re

from wirelens.geo.gazetteer import fold

# Articles and prefixes transliterations keep, drop, hyphenate or glue on: "al-", "Ar-Raqqa", "Ezzor".
ARTICLES = ("al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ez", "es", "ed", "er", "ul", "ur", "ud")
_GLUED = re.compile(r"^(?:a|e|u)([dlnrstz])\1")  # "ezzor" -> "zor", "arraqqa" -> "raqqa", "ellaj" -> "laj"
_SUN = "tdrszln"
_VOWELS = re.compile(r"[aeiouyw]+")
_DOUBLE = re.compile(r"(.)\1+")
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


def _word_variants(word: str) -> set[str]:
    """One word's common transliteration variants (bounded: a few dozen at most)."""
    forms = {word}
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
