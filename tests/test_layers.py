"""The layer contract: each layer declares what it reads and makes, and the pipeline checks the order."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from wirelens.config import Settings
from wirelens.extraction.layer import Earlier, LayerOrderError, analyze_layers, check_order
from wirelens.extraction.pipeline import Extractor, default_layers, to_json
from wirelens.extraction.records import Event, Interaction, PlaceMention, Quote


class _Made(NamedTuple):
    start: int


class _Layer:
    def __init__(self, name: str, assigns: type, requires: tuple[type, ...] = (), reads: tuple[type, ...] = ()):
        self.name, self.assigns, self.requires, self._reads = name, assigns, requires, reads

    def read_chunk(self, doc, offset):
        return []

    def finish(self, records, context, earlier):
        for kind in self._reads:
            earlier.of(kind)
        return [self.assigns(0)] if self.assigns is _Made else []


def test_the_default_layers_are_in_an_order_that_works():
    rows = analyze_layers(default_layers(Settings()))
    assert [r["layer"] for r in rows] == ["places", "quotes", "events", "interactions"]
    assert rows[2] == {"layer": "events", "assigns": "Event", "requires": ["PlaceMention"]}
    assert rows[3]["requires"] == ["Quote", "Event"]


@pytest.mark.parametrize(
    ("order", "message"),
    [
        (["events", "places"], "requires PlaceMention records from layer 'places', which runs after it"),
        (["events"], "requires PlaceMention records, which no layer in this pipeline assigns"),
        (["places", "places"], "both assign PlaceMention"),
    ],
)
def test_a_wrong_order_fails_when_the_pipeline_is_built(order, message):
    by_name = {layer.name: layer for layer in default_layers(Settings())}
    with pytest.raises(LayerOrderError, match=message):
        check_order([by_name[name] for name in order])


def test_the_extractor_checks_the_order(blank_extractor, lexicon):
    places, events = default_layers(Settings())[0], default_layers(Settings())[2]
    with pytest.raises(LayerOrderError, match="runs after it"):
        Extractor(blank_extractor.nlp, lexicon, layers=[events, places])


def test_a_layer_reading_what_it_did_not_declare_fails():
    earlier = Earlier("events", {Quote: []}, (PlaceMention,))
    assert earlier.of(PlaceMention) == []
    with pytest.raises(LayerOrderError, match="does not declare"):
        earlier.of(Quote)


def test_a_new_layer_needs_no_pipeline_edit(blank_extractor, lexicon, seed_article):
    """A layer added to the pipeline gets its records in the extraction and the JSON by its name."""
    extractor = Extractor(blank_extractor.nlp, lexicon, layers=[_Layer("made", _Made)])
    extraction = extractor.extract_one(seed_article)
    assert extraction.of(_Made) == [_Made(0)] and extraction.layers == {"made": [_Made(0)]}
    assert to_json(extraction)["made"] == [{"start": 0}]
    assert extraction.of(Event) == [] and extraction.of(Interaction) == []
