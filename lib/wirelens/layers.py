"""The contract between the extraction core and each extraction layer (places, quotes, events).

A layer reads each parsed chunk into plain records (the only place it sees spaCy objects),
then, once the whole article is read, turns those records into its final records with
the article, its sentences, its resolved actor mentions and the layers before it in view.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, Protocol

from spacy.tokens import Doc

from wirelens.actors import Entity
from wirelens.articles import Article


class Sentence(NamedTuple):
    start: int
    end: int


class ArticleContext(NamedTuple):
    article: Article
    sentences: Sequence[Sentence]
    entities: Sequence[Entity]  # resolved: each has its canonical actor, if any


class Layer(Protocol):
    name: str  # the Extraction field it fills: "places", "quotes" or "events"

    def read_chunk(self, doc: Doc, offset: int) -> list[Any]:
        """Plain records for one parsed chunk; offsets already shifted by ``offset``."""
        ...

    def finish(self, records: list[Any], context: ArticleContext, earlier: Mapping[str, list[Any]]) -> list[Any]:
        """The article's final records; ``earlier`` holds the output of the layers before it."""
        ...
