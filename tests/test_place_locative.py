"""A place the words around it place, whatever the parse or the NER made of it: "in Baghdad - Mansour" (the dash
breaks the parse), "the Gounghin area of Ouagadougou" (a part of the capital, not its government), "in Dhaka -
Badda (Badda)" and "in Khartoum North (Bahri locality ...)" (a place and its part or unit that the model read
as one organisation). A capital so named is literal; one inside an organisation's name stays metonymic."""

from __future__ import annotations

import pytest

from wirelens.extraction.articles import make_article


def _places(extractor, text: str):
    return next(iter(extractor.extract([make_article(text, title="t", date="2022-05-02")]))).places


@pytest.mark.parametrize(
    "text, surface, country",
    [
        ("Members of BNP staged a protest rally in Dhaka - Badda (Badda), demanding the resignation.", "Dhaka", "BD"),
        ("Protesters marched from Falka Square to Al Nisour Square in Baghdad - Mansour.", "Baghdad", "IQ"),
        (
            "Residents responded to the call by the Resistance Committee in Khartoum North (Bahri locality).",
            "Khartoum North",
            "SD",
        ),
        ("On December 4, students in the Gounghin area of Ouagadougou protested.", "Ouagadougou", "BF"),
        ("Residents of Tabtenga in sector 45 of Ouagadougou captured two suspected thieves.", "Ouagadougou", "BF"),
        ("Gunmen detonated an explosive in the Eastleigh district of Nairobi.", "Nairobi", "KE"),
        # a place and its unit or part after "of" or a comma, read as one organisation
        ("Militants abducted a councilman in the village of Lassa, Soum Province, on Monday.", "Soum", "BF"),
        (
            "Security forces defused 3 IEDs near the Passport office in the Sulaykh area of Baghdad - Adhamiya.",
            "Baghdad",
            "IQ",
        ),
        (
            "Members of BNP clashed with police forces in Segunbagicha neighbourhood, Dhaka - Shahbagh city (Shahbagh).",
            "Dhaka",
            "BD",
        ),
    ],
)
def test_a_place_the_words_place_is_literal(extractor, text, surface, country):
    found = [p for p in _places(extractor, text) if p.text == surface]
    assert found, f"{surface!r} not placed in {text!r}"
    assert found[0].country_code == country and not found[0].metonymic, found[0]


@pytest.mark.parametrize(
    "text, surface",
    [
        ("Officials at Dhaka University said the plan was delayed.", "Dhaka"),  # a university's name
        ("The mayor of London said the plan was delayed.", "London"),  # an office's, not a part's
        ("Washington imposed new sanctions on Tuesday.", "Washington"),  # a government
    ],
)
def test_a_place_no_word_places_stays_as_it_was(extractor, text, surface):
    found = [p for p in _places(extractor, text) if p.text == surface]
    assert all(p.metonymic for p in found), found
