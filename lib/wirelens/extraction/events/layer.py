"""Events: what happened where, when and to whom, in ACLED's taxonomy, with casualty counts.

The room, by module:

- ``taxonomy.toml`` / :mod:`.taxonomy`: ACLED's event types and sub-types, labels and map colours;
- ``cues.toml`` / :mod:`.cues`: the researchers' cue words, checked against the taxonomy at load;
- :mod:`.detect` (with :mod:`.roles`): :meth:`EventsLayer.read_chunk`, the only spaCy code: the best
  cue of each sentence and its dependency context as plain :class:`EventCandidate` records;
- :mod:`.resolve`: :meth:`EventsLayer.finish`, events with the article in view (actors, place, date,
  death counts from :mod:`.numbers`, follow-ups folded in);
- :mod:`.rules`: the sub-type decisions on plain words, as tables of named rules.
"""

from __future__ import annotations

from spacy.tokens import Doc

from wirelens.extraction.events.candidate import EventCandidate, SpanRef
from wirelens.extraction.events.cues import CUES_PATH, Cues, load_cues
from wirelens.extraction.events.detect import read_chunk
from wirelens.extraction.events.resolve import resolve_events
from wirelens.extraction.events.rules import CIVILIANS
from wirelens.extraction.layer import ArticleContext, Earlier
from wirelens.extraction.records import Event, PlaceMention

__all__ = ["CIVILIANS", "CUES_PATH", "Cues", "EventCandidate", "EventsLayer", "SpanRef", "load_cues", "resolve_events"]


class EventsLayer:
    """The events layer (see :mod:`wirelens.extraction.layer`); run it after places and quotes."""

    name = "events"
    assigns = Event
    requires = (PlaceMention,)  # an event is placed at the places its sentences name

    def __init__(self, cues: Cues | None = None):
        self.cues = cues or load_cues()

    def read_chunk(self, doc: Doc, offset: int) -> list[EventCandidate]:
        return read_chunk(doc, offset, self.cues)

    def finish(self, records: list[EventCandidate], context: ArticleContext, earlier: Earlier) -> list[Event]:
        return resolve_events(records, context, earlier.of(PlaceMention), self.cues)
