"""The places layer's vocabulary: word lists, cue phrases and weights from ``vocab.toml``, and the
landmarks of ``landmarks.toml``.

Both files are data a researcher may edit. They are read and compiled once per process
(:func:`load_vocab`, :func:`landmarks`); a malformed entry raises :class:`VocabError`, which
names the file and the key. What stays code is grammar: the shape of the phrases the cue words
fill in (the patterns :func:`load_vocab` builds around them).
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wirelens.geo.gazetteer import CONTINENT, COUNTRY, DISTRICT, REGION, name_key

VOCAB_PATH = Path(__file__).with_name("vocab.toml")
LANDMARKS_PATH = Path(__file__).with_name("landmarks.toml")

_WORD_LISTS = (
    "city",
    "region",
    "directions",
    "region_prefixes",
    "state",
    "generic",
    "features",
    "place_nouns",
    "part_nouns",
    "name_particles",
)
_LIMITS = ("weak_words", "glue_tokens", "small_for_loc", "stray_population", "stray_context", "self_supporting")
_WEIGHTS = (
    "capital_bonus",
    "alias_penalty",
    "same_country_bonus",
    "same_region_bonus",
    "near_bonus",
    "qualifier_bonus",
    "local_admin_bonus",
    "article_admin_bonus",
)
_DISTANCES = ("near", "county", "qualifier", "relative", "local_town", "local_region")
_PACK_LISTS = ("before", "strong", "after", "countryside", "never")
_PRIOR_TYPES = {"continent": CONTINENT, "country": COUNTRY, "region": REGION, "district": DISTRICT}


class VocabError(ValueError):
    """A vocabulary file that cannot be read, or an entry of the wrong shape; the message names both."""


@dataclass(frozen=True, slots=True)
class Vocab:
    """The compiled vocabulary. Word sets hold lower-case words; see ``vocab.toml`` for what each means."""

    city_words: frozenset[str]
    region_words: frozenset[str]
    directions: frozenset[str]
    region_prefixes: frozenset[str]  # the directions and "latin"
    state_words: frozenset[str]
    generic: frozenset[str]
    feature_words: frozenset[str]
    place_nouns: frozenset[str]
    part_nouns: frozenset[str]  # "the Gounghin area of Ouagadougou": a part of the place after "of"
    name_particles: frozenset[str]
    part_of: re.Pattern[str]  # "the rebel-held east"
    relative: re.Pattern[str]  # ", 35 km north of the " (matched whole, between two names)
    pack_before: frozenset[str]  # [pack]: see vocab.toml
    pack_strong: frozenset[str]
    pack_after: frozenset[str]
    countryside: frozenset[str]
    pack_never: frozenset[str]
    weak_words: int
    glue_tokens: int
    small_for_loc: int
    stray_population: int
    stray_context: int
    self_supporting: int
    prior: dict[str, float]  # feature type -> prior
    capital_bonus: float
    alias_penalty: float
    same_country_bonus: float
    same_region_bonus: float
    near_bonus: float
    qualifier_bonus: float
    local_admin_bonus: float
    article_admin_bonus: float
    near_km: float
    county_km: float
    qualifier_km: float
    relative_km: float
    local_town_km: float
    local_region_km: float


@functools.cache
def load_vocab(path: Path = VOCAB_PATH) -> Vocab:
    """The vocabulary in ``path`` (``vocab.toml`` beside this module), read and compiled once."""
    table = _Table(path, _read(path))
    words = {key: table.words("words", key) for key in _WORD_LISTS}
    prior = table.section("weights.prior")
    if unknown := sorted(set(prior) - set(_PRIOR_TYPES)):
        raise VocabError(
            f"{path}: [weights.prior] {unknown[0]}: not a feature type (expected one of {', '.join(_PRIOR_TYPES)})"
        )
    control, parts = table.words("part_of", "control"), table.words("part_of", "parts")
    about, units, near = (table.words("relative", key) for key in ("about", "units", "near"))
    pack = {key: table.words("pack", key) for key in _PACK_LISTS}
    return Vocab(
        city_words=words["city"],
        region_words=words["region"],
        directions=words["directions"],
        region_prefixes=words["directions"] | words["region_prefixes"],
        state_words=words["state"],
        generic=words["generic"],
        feature_words=words["features"],
        place_nouns=words["place_nouns"],
        part_nouns=words["part_nouns"],
        name_particles=words["name_particles"],
        part_of=re.compile(
            rf"\bthe\s+(?:[A-Za-z]+-)?{_alternatives(control)}\s+(?:north|south|east|west)(?:ern)?\b"
            rf"(?:\s+{_alternatives(parts)})?"
        ),
        relative=re.compile(
            rf"\s*,?\s*(?:{_alternatives(about)}\s+)?(?:\d[\d,.]*\s*(?:-\s*)?{_alternatives(units)}\s+)?"
            rf"(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+of|{_alternatives(near)})\s+(?:the\s+)?",
            re.IGNORECASE,
        ),
        pack_before=pack["before"],
        pack_strong=pack["strong"],
        pack_after=pack["after"],
        countryside=pack["countryside"],
        pack_never=pack["never"],
        **{key: table.number("limits", key, int) for key in _LIMITS},
        prior={_PRIOR_TYPES[kind]: table.number("weights.prior", kind, float) for kind in prior},
        **{key: table.number("weights", key, float) for key in _WEIGHTS},
        **{f"{key}_km": table.number("distances_km", key, float) for key in _DISTANCES},
    )


@functools.cache
def landmarks(path: Path = LANDMARKS_PATH) -> dict[str, tuple[str, str]]:
    """Name key -> (town, country code) from ``landmarks.toml`` (see the comments at its top)."""
    table = _Table(path, _read(path)).section("landmarks")
    out = {}
    for name, site in table.items():
        if not isinstance(site, dict) or not all(isinstance(site.get(k), str) for k in ("town", "country")):
            raise VocabError(f'{path}: [landmarks] {name!r}: expected {{ town = "...", country = ".." }}')
        out[name_key(name)] = (site["town"], site["country"])
    return out


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise VocabError(f"{path}: cannot read the places vocabulary ({exc})") from exc


class _Table:
    """Typed access to a parsed TOML file, with errors that name the file and the key."""

    def __init__(self, path: Path, data: dict[str, Any]):
        self.path, self.data = path, data

    def section(self, name: str) -> dict[str, Any]:
        """The table ``name`` ("weights" or, dotted, "weights.prior")."""
        value: Any = self.data
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if not isinstance(value, dict):
            raise VocabError(f"{self.path}: [{name}]: missing, or not a table")
        return value

    def words(self, section: str, key: str) -> frozenset[str]:
        value = self.section(section).get(key)
        where = f"{self.path}: [{section}] {key}"
        if not isinstance(value, list) or not value:
            raise VocabError(f"{where}: expected a non-empty list of lower-case words, got {value!r}")
        for word in value:
            if not isinstance(word, str) or not word.strip() or word != word.lower() or word != word.strip():
                raise VocabError(f"{where}: {word!r} is not a lower-case word or phrase")
        return frozenset(value)

    def number(self, section: str, key: str, kind: type) -> Any:
        value = self.section(section).get(key)
        ok = (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and (kind is float or isinstance(value, int))
        )
        if not ok or value < 0:
            raise VocabError(
                f"{self.path}: [{section}] {key}: expected a non-negative "
                f"{'whole number' if kind is int else 'number'}, got {value!r}"
            )
        return kind(value)


def _alternatives(words: frozenset[str]) -> str:
    """A regex group matching any of ``words`` (a phrase's words apart by any space), longest first so
    that "districts" is not cut short at "district"."""
    return (
        "(?:"
        + "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=lambda w: (-len(w), w)))
        + ")"
    )
