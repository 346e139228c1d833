"""The extraction core: articles in, plain records out. The dashboard, CLI and notebook all use it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from wirelens.actors import ActorMatcher, Candidate, Entity, find_candidates, resolve
from wirelens.articles import Article
from wirelens.config import Settings, load_settings
from wirelens.layers import ArticleContext, Layer, Sentence
from wirelens.events import EventsLayer
from wirelens.lexicon import Lexicon, cached_lexicon
from wirelens.network import NetworkLayer
from wirelens.nlp import load_model, parse_texts
from wirelens.places import PlacesLayer
from wirelens.quotes import QuotesLayer

_LAYER_FIELDS = ("places", "quotes", "events", "interactions")


class _ArticleParts:
    """What the chunks of one article yielded so far."""

    def __init__(self, layers: Sequence[Layer]):
        self.sentences: list[Sentence] = []
        self.candidates: list[Candidate] = []
        self.layer_records: dict[str, list[Any]] = {layer.name: [] for layer in layers}


@dataclass(frozen=True)
class Extraction:
    """Everything found in one article; all offsets index into ``article.text``."""

    article: Article
    sentences: list[Sentence]
    entities: list[Entity]
    places: list[Any] = field(default_factory=list)
    quotes: list[Any] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)
    interactions: list[Any] = field(default_factory=list)

    @property
    def actors(self) -> list[Entity]:
        return [e for e in self.entities if e.actor is not None]


class Extractor:
    """A loaded model plus the rules that read its output. Build once, reuse for every batch."""

    def __init__(
        self, nlp: Language, lexicon: Lexicon, settings: Settings | None = None, layers: Sequence[Layer] = ()
    ):
        self.nlp = nlp
        self.lexicon = lexicon
        self.settings = settings or Settings()
        self.matcher = ActorMatcher(nlp.vocab, nlp.make_doc, lexicon.phrases)
        unknown = [layer.name for layer in layers if layer.name not in _LAYER_FIELDS]
        if unknown:
            raise ValueError(f"layers must fill one of {_LAYER_FIELDS}, not {unknown}")
        self.layers = tuple(layers)

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Extractor:
        settings = settings or load_settings()
        nlp = load_model(settings.model)
        return cls(nlp, cached_lexicon(tuple(settings.lexicons)), settings, layers=default_layers(settings))

    @property
    def model_name(self) -> str:
        return f"{self.nlp.meta.get('lang', 'xx')}_{self.nlp.meta.get('name', 'unknown')}-{self.nlp.meta.get('version', '?')}"

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """One :class:`Extraction` per article, in input order."""
        pending: list[Article] = []

        def texts() -> Iterator[str]:
            for article in articles:
                pending.append(article)
                yield article.text

        current, parts = -1, _ArticleParts(self.layers)
        for index, offset, doc in parse_texts(
            self.nlp, texts(), max_chars=self.settings.chunk_chars,
            batch_size=self.settings.batch_size, n_process=self.settings.n_process,
        ):
            if index != current:
                if current >= 0:
                    yield self._finish(pending[current], parts)
                    pending[current] = None  # type: ignore[call-overload]  # free the text early
                current, parts = index, _ArticleParts(self.layers)
            parts.sentences.extend(_sentences(doc, offset))
            parts.candidates.extend(find_candidates(doc, self.matcher, offset))
            for layer in self.layers:
                parts.layer_records[layer.name].extend(layer.read_chunk(doc, offset))
        if current >= 0:
            yield self._finish(pending[current], parts)

    def extract_one(self, article: Article) -> Extraction:
        return next(self.extract([article]))

    def _finish(self, article: Article, parts: _ArticleParts) -> Extraction:
        entities = resolve(parts.candidates, self.lexicon)
        context = ArticleContext(article, parts.sentences, entities)
        done: dict[str, list[Any]] = {}
        for layer in self.layers:  # in order: events may use places
            done[layer.name] = layer.finish(parts.layer_records[layer.name], context, done)
        return Extraction(article=article, sentences=parts.sentences, entities=entities, **done)


def _sentences(doc: Doc, offset: int) -> list[Sentence]:
    if not doc.has_annotation("SENT_START") and not doc.has_annotation("DEP"):
        return [Sentence(offset, offset + len(doc.text))] if doc.text else []
    return [Sentence(s.start_char + offset, s.end_char + offset) for s in doc.sents]


def default_layers(settings: Settings) -> tuple[Layer, ...]:
    """The extraction layers every configured extractor runs, in order (events may use places)."""
    layers: list[Layer] = []
    layers.append(PlacesLayer())  # first: events are placed with it
    layers.append(QuotesLayer())
    layers.append(EventsLayer())  # after places (events are placed with them) and quotes
    layers.append(NetworkLayer())  # after quotes: speakers resolve pronoun subjects, quotes give edges
    return tuple(layers)


@lru_cache(maxsize=4)
def default_extractor(model: str | None = None, lexicons: tuple[Path, ...] = ()) -> Extractor:
    """A process-wide extractor for the given model (the notebook and CLI entry point)."""
    settings = load_settings(model=model) if model else load_settings()
    if lexicons:
        settings = replace(settings, lexicons=lexicons)
    return Extractor.from_settings(settings)


def to_json(extraction: Extraction) -> dict[str, Any]:
    """The public JSON form of one article (see README: "JSON format")."""
    article = extraction.article
    return {
        "id": article.id,
        "title": article.title,
        "date": article.date.isoformat() if isinstance(article.date, dt.date) else None,
        "source": article.source,
        "url": article.url,
        "text": article.text,
        "entities": [
            {"start": e.start, "end": e.end, "text": e.text, "label": e.label, "actor": e.actor, "actor_type": e.actor_type}
            for e in extraction.entities
        ],
        "places": [_as_dict(p) for p in extraction.places],
        "quotes": [_as_dict(q) for q in extraction.quotes],
        "events": [_as_dict(e) for e in extraction.events],
        "interactions": [_as_dict(i) for i in extraction.interactions],
    }


def _as_dict(record: Any) -> dict[str, Any]:
    data = record._asdict() if hasattr(record, "_asdict") else dict(record.__dict__)
    # Layer records keep real dates (the store's DATE columns); JSON gets ISO strings.
    return {key: value.isoformat() if isinstance(value, dt.date) else value for key, value in data.items()}
