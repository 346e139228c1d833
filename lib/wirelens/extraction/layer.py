"""The contract between the extraction pipeline and each extraction layer (places, quotes, events, ...).

A layer reads each parsed chunk into plain records (the only place it sees spaCy objects),
then, once the whole article is read, turns those records into its final records with the
article, its sentences, its resolved actor mentions and the records of the layers it requires
in view. A text longer than ``pipeline.SECTION_CHARS`` (200,000 characters, far beyond a news
article) is finished a section at a time, so its memory stays flat: ``finish`` then runs once per
section, with that section's records, sentences and actor mentions (``context.article`` is still
the whole article, and every offset still indexes its text).

Like a spaCy component's ``requires``/``assigns``, a layer declares what it reads and what it
makes: ``assigns`` is the record type of its output and ``requires`` the record types it reads.
:func:`check_order` checks a pipeline when it is built (a layer must come after every layer
whose records it reads), and :class:`Earlier` hands a layer exactly what it declared, typed, and
refuses anything else, so an undeclared dependency fails at once instead of reading nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, Protocol, TypeVar

from spacy.tokens import Doc

from wirelens.extraction.articles import Article
from wirelens.extraction.records import Entity, Sentence

R = TypeVar("R")


class ArticleContext(NamedTuple):
    article: Article
    sentences: Sequence[Sentence]
    entities: Sequence[Entity]  # resolved: each has its canonical actor, if any


class LayerOrderError(ValueError):
    """A pipeline whose layers cannot run in the given order."""


class Layer(Protocol):
    name: str  # its table in the store and its key in the JSON format: "places", "quotes", ...
    assigns: type  # the record type of its final records
    requires: tuple[type, ...]  # the record types (of earlier layers) it reads

    def read_chunk(self, doc: Doc, offset: int) -> list[Any]:
        """Plain records for one parsed chunk; offsets already shifted by ``offset``."""
        ...

    def finish(self, records: list[Any], context: ArticleContext, earlier: Earlier) -> list[Any]:
        """The article's final records, of type ``assigns``."""
        ...


class Earlier:
    """The final records of the layers before one layer, limited to the types that layer requires."""

    def __init__(self, layer: str, done: Mapping[type, Sequence[Any]], allowed: tuple[type, ...]):
        self._layer = layer
        self._done = done
        self._allowed = allowed

    @classmethod
    def given(cls, layer: Layer, records: Sequence[Any] = ()) -> Earlier:
        """What ``layer`` would see after layers that made ``records`` (tests and benchmarks run one layer)."""
        done: dict[type, list[Any]] = {}
        for record in records:
            done.setdefault(type(record), []).append(record)
        return cls(layer.name, done, layer.requires)

    def of(self, kind: type[R]) -> list[R]:
        """Every record of ``kind`` the article has (empty if it has none)."""
        if kind not in self._allowed:
            raise LayerOrderError(
                f"layer {self._layer!r} reads {kind.__name__} records but does not declare them in its `requires`"
            )
        return list(self._done.get(kind, ()))


def check_order(layers: Sequence[Layer]) -> None:
    """Fail with a clear message unless every layer runs after the layers whose records it reads."""
    made_by: dict[type, str] = {}
    for layer in layers:
        if layer.assigns in made_by:
            raise LayerOrderError(
                f"layers {made_by[layer.assigns]!r} and {layer.name!r} both assign {layer.assigns.__name__} records"
            )
        made_by[layer.assigns] = layer.name
    names = [layer.name for layer in layers]
    if len(set(names)) != len(names):
        raise LayerOrderError(f"two layers share a name: {names}")
    position = {layer.assigns: i for i, layer in enumerate(layers)}
    for i, layer in enumerate(layers):
        for kind in layer.requires:
            if kind not in position:
                raise LayerOrderError(
                    f"layer {layer.name!r} requires {kind.__name__} records, which no layer in "
                    f"this pipeline assigns ({', '.join(names)})"
                )
            if position[kind] > i:
                raise LayerOrderError(
                    f"layer {layer.name!r} requires {kind.__name__} records from layer "
                    f"{made_by[kind]!r}, which runs after it: put {made_by[kind]!r} first"
                )


def analyze_layers(layers: Sequence[Layer]) -> list[dict[str, Any]]:
    """One row per layer, in order: what it assigns and requires (as spaCy's ``analyze_pipes`` does)."""
    check_order(layers)
    return [
        {"layer": layer.name, "assigns": layer.assigns.__name__, "requires": [kind.__name__ for kind in layer.requires]}
        for layer in layers
    ]
