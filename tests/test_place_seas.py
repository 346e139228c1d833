"""Seas, oceans and world regions as places (geo/regions.toml): the news name them as places, and the
gazetteer packages held none of them, so "the Mediterranean" or "the Middle East" went unplaced."""

from __future__ import annotations

import pytest

from wirelens.extraction.articles import make_article


def _places(extractor, text: str):
    return next(iter(extractor.extract([make_article(text, title="t", date="2021-06-01")]))).places


@pytest.mark.parametrize(
    "text, mention, name",
    [
        ("Dozens of migrants drowned in the Mediterranean on Sunday.", "Mediterranean", "Mediterranean Sea"),
        ("Tension is rising on the Korean Peninsula after the missile test.", "Korean Peninsula", "Korean Peninsula"),
        ("Oil prices rose as unrest spread across the Middle East.", "Middle East", "Middle East"),
        ("The storm formed over the Atlantic and moved west.", "Atlantic", "Atlantic Ocean"),
    ],
)
def test_a_sea_or_world_region_is_placed(extractor, text, mention, name):
    found = [p for p in _places(extractor, text) if mention in p.text]
    assert found and found[0].name == name and found[0].country_code == "", found


@pytest.mark.parametrize(
    "text, mention",
    [
        ("The storm weakened as it moved across the Gulf on Tuesday.", "Gulf"),  # Mexico's or Persia's: unsaid
        ("Protesters blocked the port road in Red Sea state, Sudan.", "Red Sea"),  # Sudan's state, not the sea
    ],
)
def test_an_ambiguous_water_name_is_not_a_sea(extractor, text, mention):
    assert not [p for p in _places(extractor, text) if mention in p.text and p.country_code == ""]
