"""The ``places`` layer: :mod:`.detect` reads each chunk's parse into toponyms, :mod:`.resolve` places
them in the gazetteer with the whole article in view. The room's overview is in its ``__init__``."""

from __future__ import annotations

from spacy.tokens import Doc

from wirelens.extraction.layer import ArticleContext, Earlier
from wirelens.extraction.places.detect import read_chunk
from wirelens.extraction.places.resolve import resolve_places
from wirelens.extraction.places.toponym import Toponym
from wirelens.extraction.records import PlaceMention
from wirelens.geo.gazetteer import Gazetteer, load_gazetteer

__all__ = ["PlaceMention", "PlacesLayer", "Toponym", "resolve_places"]


class PlacesLayer:
    """The ``places`` layer. The gazetteer loads on first use (process-wide cache)."""

    name = "places"
    assigns = PlaceMention
    requires: tuple[type, ...] = ()

    def __init__(self, gazetteer: Gazetteer | None = None):
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    def read_chunk(self, doc: Doc, offset: int) -> list[Toponym]:
        """The toponym candidates of one parsed chunk (the only step that sees spaCy objects)."""
        return read_chunk(doc, offset, self.gazetteer)

    def finish(self, records: list[Toponym], context: ArticleContext, earlier: Earlier) -> list[PlaceMention]:
        """The article's place mentions: plain Python over the whole article's toponyms."""
        return resolve_places(records, context, self.gazetteer)
