"""The extraction core: articles in, plain records out. The dashboard, CLI and notebook all use it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from wirelens.config import Settings, load_settings
from wirelens.extraction.actors import ActorMatcher, Candidate, find_candidates, resolve
from wirelens.extraction.articles import Article
from wirelens.extraction.events.layer import EventsLayer
from wirelens.extraction.layer import ArticleContext, Earlier, Layer, check_order
from wirelens.extraction.lexicon import Lexicon, cached_lexicon
from wirelens.extraction.network import NetworkLayer
from wirelens.extraction.nlp import load_model, parse_texts
from wirelens.extraction.places.layer import PlacesLayer
from wirelens.extraction.quotes.layer import QuotesLayer
from wirelens.extraction.records import Entity, Event, Interaction, PlaceMention, Quote, Sentence

R = TypeVar("R")


# An article longer than this is finished a section at a time: its layers run over each section's
# records, which go to the store as they are finished (see :class:`Section`), so a 10 MB text holds
# one section's sentences, candidates and records, never the whole article's (those grew about 75 MB
# per MB of text). A section ends at a chunk's end (a paragraph or sentence end). News articles are
# shorter (the longest BBC text has 25,000 characters, the longest Wikinews 2019-20 one 104,000): they
# are finished whole, so names, quotes and events are resolved across the whole article, as before;
# in a longer text they are resolved within each section.
SECTION_CHARS = 200_000


class Section(NamedTuple):
    """Which part of its article an :class:`Extraction` holds: all of it (the default) or one section."""

    index: int = 0  # 0 for the first section, whose extraction carries the article's own row
    first_sentence: int = 0  # how many sentences the article's earlier sections hold
    last: bool = True  # no section of the article follows


WHOLE = Section()


class _ArticleParts:
    """What the chunks of one article (or of one section of it) yielded so far."""

    def __init__(self, layers: Sequence[Layer], section: Section = WHOLE):
        self.section = section
        self.chars = 0  # of text read so far
        self.sentences: list[Sentence] = []
        self.candidates: list[Candidate] = []
        self.layer_records: dict[str, list[Any]] = {layer.name: [] for layer in layers}


@dataclass(frozen=True)
class Extraction:
    """Everything found in one article; all offsets index into ``article.text``.

    ``layers`` maps each layer's name (its store table and JSON key) to its final records, in
    pipeline order; :meth:`of` reads them by record type. ``section`` says whether it holds the whole
    article (from :meth:`Extractor.extract`) or one section of a long one (:meth:`Extractor.extract_sections`).
    """

    article: Article
    sentences: list[Sentence]
    entities: list[Entity]
    layers: dict[str, list[Any]] = field(default_factory=dict)
    section: Section = WHOLE

    def of(self, kind: type[R]) -> list[R]:
        """The records of one type, from whichever layer assigns it (empty when none ran)."""
        return [r for records in self.layers.values() for r in records if isinstance(r, kind)]

    @property
    def actors(self) -> list[Entity]:
        return [e for e in self.entities if e.actor is not None]

    # Shorthands for the default layers, for notebooks.
    @property
    def places(self) -> list[PlaceMention]:
        return self.of(PlaceMention)

    @property
    def quotes(self) -> list[Quote]:
        return self.of(Quote)

    @property
    def events(self) -> list[Event]:
        return self.of(Event)

    @property
    def interactions(self) -> list[Interaction]:
        return self.of(Interaction)


class Extractor:
    """A loaded model plus the rules that read its output. Build once, reuse for every batch."""

    def __init__(
        self,
        nlp: Language,
        lexicon: Lexicon,
        settings: Settings | None = None,
        layers: Sequence[Layer] = (),
        *,
        section_chars: int = SECTION_CHARS,
    ):
        self.nlp = nlp
        self.section_chars = section_chars
        self.lexicon = lexicon
        self.settings = settings or Settings()
        self.matcher = ActorMatcher(nlp.vocab, nlp.make_doc, lexicon.phrases)
        check_order(layers)
        self.layers = tuple(layers)

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Extractor:
        settings = settings or load_settings()
        nlp = load_model(settings.model)
        return cls(nlp, cached_lexicon(tuple(settings.lexicons)), settings, layers=default_layers(settings))

    @property
    def model_name(self) -> str:
        return f"{self.nlp.meta.get('lang', 'xx')}_{self.nlp.meta.get('name', 'unknown')}-{self.nlp.meta.get('version', '?')}"

    def extract(self, articles: Iterable[Article], *, zones: bool = False) -> Iterator[Extraction]:
        """One :class:`Extraction` per article, in input order (a long article's sections joined);
        ``zones`` as in :meth:`extract_sections`."""
        sections: list[Extraction] = []
        for section in self.extract_sections(articles, zones=zones):
            sections.append(section)
            if section.section.last:
                yield joined(sections)
                sections = []

    def extract_sections(self, articles: Iterable[Article], *, zones: bool = False) -> Iterator[Extraction]:
        """Like :meth:`extract`, but an article longer than :data:`SECTION_CHARS` comes as consecutive
        sections, each finished as soon as it is read (the last one's ``section.last`` is set): what
        the store writes one by one, so memory does not grow with the article.
        ``zones`` parses each batch in a spaCy memory zone of its own (``parse_texts``): the model's
        per-text strings are freed batch by batch, even within one long article; only plain records
        (offsets and copied strings) leave a doc. Leave it off where other threads share the model."""
        pending: list[Article] = []

        def texts() -> Iterator[str]:
            for article in articles:
                pending.append(article)
                yield article.text

        current, parts = -1, _ArticleParts(self.layers)
        for index, offset, doc in parse_texts(
            self.nlp,
            texts(),
            max_chars=self.settings.chunk_chars,
            batch_size=self.settings.batch_size,
            n_process=self.settings.n_process,
            zones=zones,
        ):
            if index != current:
                if current >= 0:
                    yield self._finish(pending[current], parts)
                    pending[current] = None  # type: ignore[call-overload]  # free the text early
                current, parts = index, _ArticleParts(self.layers)
            elif parts.chars >= self.section_chars:  # a full section, and the article goes on
                done = self._finish(pending[current], parts, last=False)
                yield done
                following = Section(parts.section.index + 1, parts.section.first_sentence + len(done.sentences), True)
                parts = _ArticleParts(self.layers, following)
            parts.chars += len(doc.text)
            parts.sentences.extend(_sentences(doc, offset))
            parts.candidates.extend(find_candidates(doc, self.matcher, offset))
            for layer in self.layers:
                parts.layer_records[layer.name].extend(layer.read_chunk(doc, offset))
            del doc  # its memory zone may close when the next doc is asked for
        if current >= 0:
            yield self._finish(pending[current], parts)

    def extract_one(self, article: Article) -> Extraction:
        return next(self.extract([article]))

    def _finish(self, article: Article, parts: _ArticleParts, *, last: bool = True) -> Extraction:
        entities = resolve(parts.candidates, self.lexicon)
        context = ArticleContext(article, parts.sentences, entities)
        done: dict[type, list[Any]] = {}
        out: dict[str, list[Any]] = {}
        for layer in self.layers:  # in order: check_order saw that each reads only layers before it
            records = layer.finish(parts.layer_records[layer.name], context, Earlier(layer.name, done, layer.requires))
            done[layer.assigns] = out[layer.name] = records
        section = parts.section._replace(last=last)
        return Extraction(article=article, sentences=parts.sentences, entities=entities, layers=out, section=section)


def joined(sections: Sequence[Extraction]) -> Extraction:
    """One article's consecutive sections as one :class:`Extraction` of the whole article."""
    if len(sections) == 1 and sections[0].section == WHOLE:
        return sections[0]
    first = sections[0]
    layers = {name: [r for s in sections for r in s.layers[name]] for name in first.layers}
    return Extraction(
        article=first.article,
        sentences=[x for s in sections for x in s.sentences],
        entities=[x for s in sections for x in s.entities],
        layers=layers,
    )


def _sentences(doc: Doc, offset: int) -> list[Sentence]:
    if not doc.has_annotation("SENT_START") and not doc.has_annotation("DEP"):
        return [Sentence(offset, offset + len(doc.text))] if doc.text else []
    return [Sentence(s.start_char + offset, s.end_char + offset) for s in doc.sents]


def default_layers(settings: Settings) -> tuple[Layer, ...]:
    """The extraction layers every configured extractor runs; each declares what it reads, and
    :func:`~wirelens.extraction.layer.check_order` checks this order when an extractor is built."""
    return (PlacesLayer(), QuotesLayer(), EventsLayer(), NetworkLayer())


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
            {
                "start": e.start,
                "end": e.end,
                "text": e.text,
                "label": e.label,
                "actor": e.actor,
                "actor_type": e.actor_type,
            }
            for e in extraction.entities
        ],
        **{name: [_as_dict(r) for r in records] for name, records in extraction.layers.items()},
    }


def _as_dict(record: Any) -> dict[str, Any]:
    data = record._asdict() if hasattr(record, "_asdict") else dict(record.__dict__)
    # Layer records keep real dates (the store's DATE columns); JSON gets ISO strings.
    return {key: value.isoformat() if isinstance(value, dt.date) else value for key, value in data.items()}
