"""An "organisation" the small model makes of a place and its unit or part ("the village of Lassa, Soum Province",
"the Sulaykh area of Baghdad - Adhamiya") is a place phrase: the places inside it are literal."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from wirelens.extraction.places.detect import _place_phrase


def _entity(text: str, ent_text: str) -> tuple[spacy.tokens.Doc, Span]:
    doc = spacy.blank("en")(text)
    span = doc.char_span(text.index(ent_text), text.index(ent_text) + len(ent_text), label="ORG")
    assert span is not None
    return doc, span


@pytest.mark.parametrize(
    "text, entity, phrase",
    [
        (
            "militants abducted a councilman in the village of Lassa, Soum Province on Monday",
            "Lassa, Soum Province",
            True,
        ),
        ("forces defused 3 IEDs in the Sulaykh area of Baghdad - Adhamiya", "Baghdad - Adhamiya", True),
        ("students protested at the university, Dhaka - Shahbagh (Shahbagh), on Monday", "Dhaka - Shahbagh", True),
        # negative: an organisation's words, no separator, or no locative word before it
        ("students protested in Aleppo University - Faculty of Medicine", "Aleppo University - Faculty", False),
        ("fighters of the Free Syrian Army attacked", "Free Syrian Army", False),
        ("a report of Soum - Djibo Council said", "Soum - Djibo Council", False),
        ("fighters in Idleb - Ahrar Brigade positions", "Idleb - Ahrar Brigade", False),
        ("members of the Dhaka - Shahbagh committee met", "Dhaka - Shahbagh", False),
    ],
)
def test_a_place_phrase_read_as_an_organisation(text, entity, phrase):
    doc, span = _entity(text, entity)
    assert _place_phrase(doc, span) is phrase
