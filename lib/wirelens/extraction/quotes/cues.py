"""The quotes layer's vocabulary, as data researchers edit: cue verbs and speaker nouns.

``cues.toml`` lists the cue-verb lemmas (speech, belief, stance) and the cues that behave
in a particular way (those whose object is the person addressed, those that report an object
and what it is urged to do); ``speakers.toml`` lists the nouns that say who speaks (a
message's sender, an actor's kind). Each file is read and checked once; a bad entry raises
:class:`VocabularyError` naming the file and the key. Closed-class words (pronouns,
prepositions) and dependency labels are grammar and stay code.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import NamedTuple

CUES_PATH = Path(__file__).with_name("cues.toml")
SPEAKERS_PATH = Path(__file__).with_name("speakers.toml")


class VocabularyError(ValueError):
    """A vocabulary file that cannot be read, or an entry in it that is not a word list."""

    def __init__(self, path: Path, key: str | None, problem: str):
        self.path, self.key = path, key
        where = f"{path}, key {key!r}" if key is not None else str(path)
        super().__init__(f"{where}: {problem}")


class Cues(NamedTuple):
    """The cue-verb lemmas of ``cues.toml``, lower case."""

    speech: frozenset[str]
    belief: frozenset[str]
    stance: frozenset[str] = frozenset()
    # Cues whose object and the clause after it are what is reported: "urged the Council to act".
    object_clause: frozenset[str] = frozenset()
    # Cues whose direct object is the person addressed, not what was said: "told AFP".
    addressee: frozenset[str] = frozenset()
    # Cues whose "to" object is what they are about: "referring to Jim Brady", "responded to the remarks".
    topic_to: frozenset[str] = frozenset()
    # Cues whose "on" object is what they are about: "commented on the reason", not "said on CNN".
    topic_on: frozenset[str] = frozenset()
    # Nouns after a cue's preposition that are a channel or a stage, not a topic: "a request for comment".
    not_topics: frozenset[str] = frozenset()
    # Nouns that report what their owner says or thinks: "his comments on", "Trump's call for".
    nouns: frozenset[str] = frozenset()

    @property
    def all(self) -> frozenset[str]:
        return self.speech | self.belief | self.stance


class SpeakerWords(NamedTuple):
    """The nouns of ``speakers.toml``, lower case."""

    # A message whose sender speaks: "issued a statement saying", "sent an email calling".
    message_nouns: frozenset[str]
    # Heads that only say what kind of actor the name before them is: "the Islamic State group".
    group_heads: frozenset[str]
    # Heads that name people or organisations by what they are or do: "officials", "the police".
    people_nouns: frozenset[str] = frozenset()
    # Endings of nouns of people by what they do: "-er" (lawyer), "-ist" (analyst), "-man" (spokesman).
    people_endings: frozenset[str] = frozenset()
    # Nouns that say only that someone spoke, not who: "people", "researchers", "family".
    generic_nouns: frozenset[str] = frozenset()


_CUE_KEYS = {
    "speech": True,
    "belief": True,
    "stance": False,
    "object_clause": False,
    "addressee": False,
    "topic_to": False,
    "topic_on": False,
    "not_topics": False,
    "nouns": False,
    "according": False,
}  # key: required; "according" documents the prepositional cue the code reads
_SPEAKER_KEYS = {
    "message_nouns": True,
    "group_heads": True,
    "people_nouns": False,
    "people_endings": False,
    "generic_nouns": False,
}


@functools.cache
def load_cues(path: Path = CUES_PATH) -> Cues:
    """The cue-verb lemmas from the researchers' TOML file."""
    data = _read(path, _CUE_KEYS)
    return Cues(*(_words(path, data, key, phrases=False) for key in Cues._fields))


@functools.cache
def load_speaker_words(path: Path = SPEAKERS_PATH) -> SpeakerWords:
    """The speaker nouns from the researchers' TOML file."""
    data = _read(path, _SPEAKER_KEYS)
    return SpeakerWords(*(_words(path, data, key, phrases=False) for key in SpeakerWords._fields))


def _read(path: Path, keys: dict[str, bool]) -> dict[str, object]:
    """The file's table, with every key known and every required key present."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise VocabularyError(path, None, f"not valid TOML ({exc})") from exc
    except OSError as exc:
        raise VocabularyError(path, None, f"cannot be read ({exc.strerror or exc})") from exc
    for key in data:
        if key not in keys:
            raise VocabularyError(path, key, f"unknown key (known: {', '.join(sorted(keys))})")
    for key, required in keys.items():
        if required and key not in data:
            raise VocabularyError(path, key, "missing")
    for key in data:
        _words(path, data, key, phrases=key == "according")
    return data


def _words(path: Path, data: dict[str, object], key: str, *, phrases: bool) -> frozenset[str]:
    """The lower-cased words of one key: a list of single words (phrases: of words and spaces)."""
    value = data.get(key, [])
    if not isinstance(value, list):
        raise VocabularyError(path, key, f"expected a list of words, got {type(value).__name__}")
    for i, word in enumerate(value):
        if not isinstance(word, str):
            raise VocabularyError(path, key, f"entry {i + 1} is {word!r}, not a string")
        if not word.strip() or word != word.strip() or (not phrases and len(word.split()) > 1):
            raise VocabularyError(path, key, f"entry {i + 1} is {word!r}, not a single word")
    return frozenset(w.lower() for w in value)
