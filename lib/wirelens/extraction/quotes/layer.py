"""Quotes: who said what, and when (see :mod:`wirelens.extraction.layer` for the layer contract).

The room, in reading order: :mod:`.spans` (quotation marks on plain text), :mod:`.cues` with
``cues.toml`` and ``speakers.toml`` (the vocabulary researchers edit), :mod:`.detect` (one
parsed chunk into :class:`QuoteCandidate` records, with :mod:`.statements` for what a cue
reports, :mod:`.nominal` for what a noun reports, :mod:`.headlines` for a headline's "Name:
statement", :mod:`.kinds` for direct or partial and :mod:`.mentions` for the speaker's words),
and :mod:`.speakers` (the whole article: speakers to actors, continuations, dates).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wirelens.extraction.layer import ArticleContext, Earlier
from wirelens.extraction.quotes.cues import Cues, SpeakerWords, load_cues, load_speaker_words
from wirelens.extraction.quotes.detect import ChunkReader, QuoteCandidate
from wirelens.extraction.quotes.speakers import attribute
from wirelens.extraction.records import Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc


class QuotesLayer:
    """The quotes layer (see :mod:`wirelens.extraction.layer`)."""

    name = "quotes"
    assigns = Quote
    requires: tuple[type, ...] = ()

    def __init__(self, cues: Cues | None = None, words: SpeakerWords | None = None):
        self.cues = cues or load_cues()
        self.words = words or load_speaker_words()
        self._reader = ChunkReader(self.cues, self.words)

    def read_chunk(self, doc: Doc, offset: int) -> list[QuoteCandidate]:
        return self._reader.read(doc, offset)

    def finish(self, records: list[QuoteCandidate], context: ArticleContext, earlier: Earlier) -> list[Quote]:
        return attribute(records, context.article.text, context.entities, context.article.date, self.words)
