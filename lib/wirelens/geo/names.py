"""Name normalisation shared by the gazetteer and GeoNames' points: one key for every spelling of a name.

The gazetteer indexes places by :func:`name_key` and :mod:`wirelens.geo.points` matches regions
by it, so both import it from here (neither imports the other's module for it).
"""

from __future__ import annotations

import re
import unicodedata

# Arabic article and similar particles that transliterations keep or drop at will:
# "al-Hasakah" / "Hasakeh", "Deir ez-Zor" / "Deir Zor", "The Hague" / "Hague".
_PARTICLES = frozenset("al el ad ar as ash at az an ez es ed er the".split())
_APOSTROPHES = re.compile(r"['’‘`ʿʾ´]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"(.)\1+")
_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")  # IATA/ISO codes among GeoNames alternate names
# "State of Queensland", "Al-Hasakah Governorate", "Land Berlin": the admin words around a region's name.
_ADMIN_WORDS = re.compile(
    r"^(?:(?:free )?state|province|region|republic|commonwealth|canton|department|county|governorate|"
    r"oblast|land) of (?:the )?|^land |"
    r" (?:governorate|province|region|state|oblast|prefecture|district|department|krai|voivodeship|"
    r"canton|county|territory|emirate|municipality|autonomous community)$",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    """Lower case, no diacritics or apostrophes, words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_only = _APOSTROPHES.sub("", ascii_only.casefold())
    return _NON_WORD.sub(" ", ascii_only).strip()


def name_key(text: str) -> str:
    """The lookup key shared by all transliterations of a name.

    "Hasakeh", "Hasaka", "Al-Hasakah" and "al-Hassakeh" all give "hasaka": particles go,
    doubled letters are single, "ay" is "ai", and a final -eh/-ah is -a.
    """
    words = [w for w in fold(text).split() if w not in _PARTICLES]
    out = []
    for word in words:
        word = _DOUBLE.sub(r"\1", word).replace("ay", "ai")  # Ayn/Ain, Zaydiya/Zaidiya
        if len(word) > 3 and (word.endswith("eh") or word.endswith("ah")):
            word = word[:-2] + "a"
        out.append(word)
    return " ".join(out)


def usable_alias(name: str) -> bool:
    """Latin-script alternate names only; codes ("ALP") and lower-case transliterations ("hlb") are noise."""
    if "." in name and name[:1].isupper() and len(name) <= 6:
        return True  # an abbreviation: "Ky.", "B.C."
    if not name or _CODE_LIKE.match(name) or not any(ch.isupper() for ch in name):
        return False
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) or ch in "‘’ʿʾḨḩḤḥṢṣṬṭẒẓḐḑ" for ch in name)


def bare_region_name(name: str) -> str:
    """A region's name without its admin words: "State of Queensland" -> "Queensland"."""
    return _ADMIN_WORDS.sub("", name).strip()
