"""Sub-type rules, actor2 and two events in one sentence, on sentences parsed by the real model
(the rules read the parse, so hand-built Docs would test our own guess of it)."""

from __future__ import annotations

import pytest

from wirelens.extraction.actors import find_candidates, resolve
from wirelens.extraction.articles import make_article
from wirelens.extraction.events.layer import CIVILIANS, EventsLayer
from wirelens.extraction.layer import ArticleContext, Earlier, Sentence


@pytest.fixture(scope="module")
def events_of(extractor):
    layer = EventsLayer()

    def run(text):
        doc = extractor.nlp(text)
        entities = resolve(find_candidates(doc, extractor.matcher, 0), extractor.lexicon)
        context = ArticleContext(
            make_article(text, title="t"), [Sentence(s.start_char, s.end_char) for s in doc.sents], entities
        )
        return layer.finish(layer.read_chunk(doc, 0), context, Earlier.given(layer))

    return run


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        # what was hit decides Attack against Armed clash
        ("Unknown gunmen opened fire on a civilian bus near the village, killing one passenger.", "Attack"),
        ("Gunmen opened fire on soldiers at a checkpoint, killing two.", "Armed clash"),
        ("Armed men attacked the stock exchange building in Karachi on Monday.", "Attack"),
        ("Militants attacked a police checkpoint on Monday, leaving seven dead.", "Armed clash"),
        # territory: who took it, whatever the verb
        (
            "Al Shabaab militants recaptured the coastal town of Badhadhe on Sunday.",
            "Non-state actor overtakes territory",
        ),
        (
            "Syrian army and allied fighters captured a key neighbourhood of Deir al-Zour on Thursday.",
            "Government regains territory",
        ),
        ("Army units drove back the militants from a key village in eastern Hama.", "Government regains territory"),
        # the modifier names the side before the head noun does
        (
            "Loyalist fighters seized several high-rise buildings from rebel groups on Tuesday.",
            "Government regains territory",
        ),
        ("Rebel fighters seized several checkpoints from the army on Tuesday.", "Non-state actor overtakes territory"),
        (
            "Rebel fighters entered the town and took control of it after Kurdish forces pulled out.",
            "Non-violent transfer of territory",
        ),
        # weapons seized, found or destroyed are not used
        ("Police seized seven illegal firearms and 200 rounds of ammunition in a raid.", "Disrupted weapons use"),
        ("Troops destroyed large caches of weapons during an operation in Ghazni.", "Disrupted weapons use"),
        ("The army discovered an underground depot containing weapons and ammunition.", "Disrupted weapons use"),
        # a clash with protesters is a demonstration
        ("Police clashed with protesters in Baghdad, firing tear gas.", "Violent demonstration"),
        ("Police used stun grenades to disperse the protesters on Tuesday.", "Protest with intervention"),
        # the main clause, not the background, names the event; harm words leave it to the background
        (
            "Government forces captured two villages near a town that was the scene of a chemical attack.",
            "Government regains territory",
        ),
        ("At least 11 people were killed after suicide bombers targeted a wake in northern Cameroon.", "Suicide bomb"),
        (
            "A helicopter is said to have dropped containers of chlorine on the town on Thursday, rebels said.",
            "Chemical weapon",
        ),
    ],
)
def test_sub_type_rules(events_of, text, sub_type):
    events = events_of(text)
    assert events and events[0].sub_type == sub_type, [(e.sub_type, e.cue) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "A huge explosion ripped through a chemical plant on Thursday, killing six workers.",
        "The earthquake killed hundreds of people in remote villages on Monday.",
        "A tsunami killed 43 people on the islands of Java and Sumatra on Sunday.",
        "Firefighters gained ground in their battle against the wildfires on Sunday.",
        "Venezuela expelled the European Union's ambassador on Wednesday.",
        "Officials rejected accusations of bombing a mosque in the province on Monday.",
        "France asked for new sanctions against Iran after its missile tests on Monday.",
    ],
)
def test_not_political_violence(events_of, text):
    assert events_of(text) == [], text


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        ("Unknown gunmen opened fire on a civilian bus near the village on Monday.", CIVILIANS),
        ("A suicide attack hit a wedding in Hasakeh on Monday, killing 34 people.", CIVILIANS),
        ("Militants killed six villagers in the north on Monday.", CIVILIANS),
        ("Gunmen opened fire on soldiers at a checkpoint on Monday.", None),  # armed: no civilians
        ("Rebels shelled the town on Monday.", None),  # nothing says who was hit
    ],
)
def test_actor2_civilians(events_of, text, actor2):
    (event,) = events_of(text)
    assert event.actor2 == actor2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rebels shelled west Aleppo, killing six, while air strikes hit the east.",
            [("Shelling/artillery/missile attack", 6), ("Air/drone strike", None)],
        ),
        (
            "Taliban fighters seized a district centre on Saturday, while a bomb at an army base killed five people.",
            [("Non-state actor overtakes territory", None), ("Remote explosive/landmine/IED", 5)],
        ),
        # one clause, one subject: "killing six" is the shelling's toll, not an event of its own
        ("Rebels shelled west Aleppo on Monday, killing six people.", [("Shelling/artillery/missile attack", 6)]),
        # two verbs of one subject are one event
        (
            "Militants attacked and overran several checkpoints, killing three soldiers.",
            [("Non-state actor overtakes territory", 3)],
        ),
    ],
)
def test_two_events_in_one_sentence(events_of, text, expected):
    assert [(e.sub_type, e.fatalities) for e in events_of(text)] == expected


@pytest.mark.parametrize(
    ("field", "phrase", "present"),
    [
        ("generic", ("raid",), True),
        ("generic", ("clash",), False),
        ("outcome", ("killed",), True),
        ("outcome", ("suicide", "bomber"), False),
        ("accident_weak", ("explosion",), True),
        ("accident_weak", ("car", "bomb"), False),
    ],
)
def test_cue_roles_are_data(field, phrase, present):
    from wirelens.extraction.events.layer import load_cues

    cues = load_cues()
    assert (phrase in getattr(cues, field)) is present
    assert phrase in cues.phrases or not present  # every role is also a cue
