"""Events: casualty counts and periods on plain text, cue rules on hand-built Docs, grouping and
ACLED export on plain rows, and the seed's events with the real model."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import spacy
from spacy.tokens import Doc

from wirelens.exports.events import ACLED_COLUMNS, group_reports, grouped_events, to_acled
from wirelens.extraction.actors import Entity
from wirelens.extraction.articles import make_article
from wirelens.extraction.events.layer import EventsLayer, load_cues
from wirelens.extraction.events.numbers import find_fatalities, find_period, parse_number
from wirelens.extraction.layer import ArticleContext, Earlier, Sentence
from wirelens.extraction.places.layer import PlaceMention

NOUNS = load_cues().casualty_nouns


# --- numbers: plain text ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("34", 34),
        ("six", 6),
        ("twenty-one", 21),
        ("one hundred and five", 105),
        ("300,000", 300_000),
        ("2 million", 2_000_000),
        ("a dozen", 12),
        ("at least 12", 12),
        ("dozens", None),
        ("scores", None),
        ("several", None),
        ("hundreds", None),
        ("blue", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("sentence", "count", "phrase"),
    [
        ("A suicide attack hit a wedding, killing 34 people, officials said.", 34, "killing 34 people"),
        ("Rebel shelling left six people dead on Tuesday.", 6, "left six people dead"),
        ("Twenty-one soldiers were killed in the ambush.", 21, "Twenty-one soldiers were killed"),
        ("The compound was hit, causing damage but no casualties.", 0, "no casualties"),
        ("Nobody was hurt in the blast.", 0, "Nobody was hurt"),
        ("Dozens of people were killed in the raid.", None, "Dozens of people were killed"),
        ("The death toll rose to 45 on Friday.", 45, "death toll rose to 45"),
        ("The attack killed at least 12 and wounded 30.", 12, "killed at least 12"),
    ],
)
def test_fatalities(sentence, count, phrase):
    found = find_fatalities(sentence, NOUNS)
    assert found is not None and found.count == count and found.text == phrase


@pytest.mark.parametrize(
    "sentence",
    ["Thirty people attended the wedding.", "Six buildings were seized on Monday.", "He was killed in 1999 films."],
)
def test_no_fatalities(sentence):
    assert find_fatalities(sentence, NOUNS) is None


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        (
            "More than 300,000 people have been killed since the conflict erupted in March 2011.",
            "since the conflict erupted in March 2011",
        ),
        ("100 children had been killed there in the past 10 days.", "in the past 10 days"),
        ("A suicide attack killed 34 people late Monday.", None),
    ],
)
def test_period(sentence, period):
    assert find_period(sentence) == period


# --- rules on hand-built Docs ---------------------------------------------------------------


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


PUBLISHED = dt.date(2016, 10, 4)  # a Tuesday


def run(vocab, words, heads, deps, pos, lemmas, ents=None, entities=(), places=(), date=PUBLISHED, tags=None):
    doc = Doc(
        vocab,
        words=words,
        spaces=[True] * (len(words) - 1) + [False],
        heads=heads,
        deps=deps,
        pos=pos,
        lemmas=lemmas,
        tags=tags,
        ents=ents or ["O"] * len(words),
        sent_starts=[True] + [False] * (len(words) - 1),
    )
    text = doc.text
    article = make_article(text, title="t", date=date)
    assert article.text == text
    ents = []
    for mention, actor, kind in entities:
        start = text.index(mention)
        ents.append(Entity(start, start + len(mention), mention, "ORG", actor, kind, 0, len(text)))
    mentions = []
    for mention, name, feature, code, metonymic in places:
        start = text.index(mention)
        mentions.append(
            PlaceMention(start, start + len(mention), mention, name, 36.2, 37.1, code, 1, feature, metonymic)
        )
    layer = EventsLayer()
    context = ArticleContext(article, [Sentence(0, len(text))], ents)
    return layer.finish(layer.read_chunk(doc, 0), context, Earlier.given(layer, mentions))


def test_shelling_with_agent_date_place_and_count(vocab):
    # "Rebels shelled Aleppo on Monday , killing six people ."
    (event,) = run(
        vocab,
        ["Rebels", "shelled", "Aleppo", "on", "Monday", ",", "killing", "six", "people", "."],
        [1, 1, 1, 1, 3, 1, 1, 8, 6, 1],
        ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct", "advcl", "nummod", "dobj", "punct"],
        ["NOUN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT", "VERB", "NUM", "NOUN", "PUNCT"],
        ["rebel", "shell", "Aleppo", "on", "Monday", ",", "kill", "six", "people", "."],
        ents=["O", "O", "B-GPE", "O", "B-DATE", "O", "O", "B-CARDINAL", "O", "O"],
        entities=[("Rebels", "Rebels", "armed group")],
        places=[("Aleppo", "Aleppo", "city", "SY", False)],
    )
    assert (event.type, event.sub_type) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert (event.actor1, event.place, event.date, event.fatalities) == ("Rebels", "Aleppo", dt.date(2016, 10, 3), 6)
    assert event.cue == "shelled" and not event.aggregate and not event.date_inferred


def _noun_event(vocab, cue_words, cue_lemmas, place_words=("in", "Moscow"), metonymic=False):
    # "<cue words> hit a market in <place> ."
    n = len(cue_words)
    words = [*cue_words, "hit", "a", "market", *place_words, "."]
    heads = [n - 1] * (n - 1) + [n] + [n, n + 2, n, n, n + 3, n]
    deps = ["compound"] * (n - 1) + ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"]
    pos = ["NOUN"] * n + ["VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"]
    lemmas = [*cue_lemmas, "hit", "a", "market", *place_words, "."]
    return run(
        vocab, words, heads, deps, pos, lemmas, places=[(place_words[1], place_words[1], "city", "RU", metonymic)]
    )


@pytest.mark.parametrize(
    ("cue_words", "cue_lemmas", "sub_type"),
    [
        (["suicide", "attack"], ["suicide", "attack"], "Suicide bomb"),
        (["air", "strikes"], ["air", "strike"], "Air/drone strike"),
        (["grenade", "attack"], ["grenade", "attack"], "Grenade"),
        (["mortar", "fire"], ["mortar", "fire"], "Shelling/artillery/missile attack"),
        (["roadside", "bomb"], ["roadside", "bomb"], "Remote explosive/landmine/IED"),
        (["attack"], ["attack"], "Attack"),  # on a market: civilians, so violence against civilians
    ],
)
def test_sub_type_of_noun_cues(vocab, cue_words, cue_lemmas, sub_type):
    (event,) = _noun_event(vocab, cue_words, cue_lemmas)
    assert event.sub_type == sub_type
    assert event.civilian_targeting  # a market
    assert event.date == PUBLISHED and event.date_inferred  # no time expression: the publication date


def test_metonymic_place_is_never_the_event_place(vocab):
    (event,) = _noun_event(vocab, ["suicide", "attack"], ["suicide", "attack"], metonymic=True)
    assert event.place is None


@pytest.mark.parametrize(
    ("words", "heads", "deps", "pos", "lemmas"),
    [
        # negated: "Rebels did not shell Aleppo ."
        (
            ["Rebels", "did", "not", "shell", "Aleppo", "."],
            [3, 3, 3, 3, 3, 3],
            ["nsubj", "aux", "neg", "ROOT", "dobj", "punct"],
            ["NOUN", "AUX", "PART", "VERB", "PROPN", "PUNCT"],
            ["rebel", "do", "not", "shell", "Aleppo", "."],
        ),
        # planned: "Forces pushed to capture Aleppo ."
        (
            ["Forces", "pushed", "to", "capture", "Aleppo", "."],
            [1, 1, 3, 1, 3, 1],
            ["nsubj", "ROOT", "aux", "xcomp", "dobj", "punct"],
            ["NOUN", "VERB", "PART", "VERB", "PROPN", "PUNCT"],
            ["force", "push", "to", "capture", "Aleppo", "."],
        ),
        # an accusation: "Washington accused Moscow of abetting the assault ."
        (
            ["Washington", "accused", "Moscow", "of", "abetting", "the", "assault", "."],
            [1, 1, 1, 1, 3, 6, 4, 1],
            ["nsubj", "ROOT", "dobj", "prep", "pcomp", "det", "dobj", "punct"],
            ["PROPN", "VERB", "PROPN", "ADP", "VERB", "DET", "NOUN", "PUNCT"],
            ["Washington", "accuse", "Moscow", "of", "abet", "the", "assault", "."],
        ),
        # a modifier of something else: "Their bombing campaigns continue ."
        (
            ["Their", "bombing", "campaigns", "continue", "."],
            [2, 2, 3, 3, 3],
            ["poss", "compound", "nsubj", "ROOT", "punct"],
            ["PRON", "NOUN", "NOUN", "VERB", "PUNCT"],
            ["their", "bombing", "campaign", "continue", "."],
        ),
        # a date, not a protest: "Thousands died in March ."
        (
            ["Talks", "began", "in", "March", "."],
            [1, 1, 1, 2, 1],
            ["nsubj", "ROOT", "prep", "pobj", "punct"],
            ["NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
            ["talk", "begin", "in", "March", "."],
        ),
    ],
)
def test_not_events(vocab, words, heads, deps, pos, lemmas):
    ents = ["B-DATE" if w == "March" else "O" for w in words]
    assert run(vocab, words, heads, deps, pos, lemmas, ents=ents) == []


@pytest.mark.parametrize(
    ("subject", "lemma", "sub_type"),
    [
        ("troops", "troop", "Government regains territory"),
        ("jihadists", "jihadist", "Non-state actor overtakes territory"),
    ],
)
def test_territory_depends_on_who_took_it(vocab, subject, lemma, sub_type):
    (event,) = run(
        vocab,
        [subject, "seized", "the", "town", "on", "Friday", "."],
        [1, 1, 3, 1, 1, 4, 1],
        ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
        ["NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
        [lemma, "seize", "the", "town", "on", "Friday", "."],
        ents=["O", "O", "O", "O", "O", "B-DATE", "O"],
    )
    assert event.sub_type == sub_type and event.date == dt.date(2016, 9, 30)


@pytest.mark.parametrize(
    ("extra", "extra_lemma", "sub_type"),
    [
        (None, None, "Peaceful protest"),
        ("tear gas", "tear gas", "Protest with intervention"),
        ("stones", "stone", "Violent demonstration"),
    ],
)
def test_protest_rules(vocab, extra, extra_lemma, sub_type):
    words, lemmas = ["Students", "protested", "on", "Friday"], ["student", "protest", "on", "Friday"]
    heads, deps = [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"]
    pos = ["NOUN", "VERB", "ADP", "PROPN"]
    if extra:
        extra_words = ["amid", *extra.split()]
        words += extra_words
        lemmas += ["amid", *extra_lemma.split()]
        heads += [1] + [len(words) - 1] * (len(extra_words) - 2) + [4]
        deps += ["prep"] + ["compound"] * (len(extra_words) - 2) + ["pobj"]
        pos += ["ADP"] + ["NOUN"] * (len(extra_words) - 1)
    words.append(".")
    lemmas.append(".")
    heads.append(1)
    deps.append("punct")
    pos.append("PUNCT")
    ents = ["B-DATE" if w == "Friday" else "O" for w in words]
    (event,) = run(vocab, words, heads, deps, pos, lemmas, ents=ents)
    assert event.sub_type == sub_type


def test_cues_are_data():
    cues = load_cues()
    assert cues.phrases[("air", "strike")] == "Air/drone strike"
    assert cues.types["Suicide bomb"] == "Explosions/Remote violence"
    assert cues.priority["Suicide bomb"] > cues.priority["Attack"]


# --- grouping and export: plain rows ---------------------------------------------------------


def _rows(*rows):
    columns = [
        "article_id",
        "title",
        "source",
        "start",
        "end",
        "sentence",
        "type",
        "sub_type",
        "date",
        "place",
        "lat",
        "lon",
        "actor1",
        "actor2",
        "fatalities",
        "fatalities_text",
        "civilian_targeting",
        "aggregate",
    ]
    return pd.DataFrame([dict(zip(columns, r)) for r in rows], columns=columns)


def _row(article, source, sub_type, day, lat, lon, fatalities, text=None, aggregate=False):
    return (
        article,
        "t",
        source,
        0,
        5,
        "=A wedding was hit.",
        "Explosions/Remote violence",
        sub_type,
        dt.date(2016, 10, day),
        "Hasakeh",
        lat,
        lon,
        "Islamic State",
        None,
        fatalities,
        text,
        True,
        aggregate,
    )


def test_reports_of_one_event_are_grouped_with_their_figures():
    events = _rows(
        _row("a", "AFP", "Suicide bomb", 3, 36.50, 40.75, 34, "killing 34 people"),
        _row("b", "Reuters", "Suicide bomb", 4, 36.55, 40.80, 32, "32 people were killed"),  # ~7 km, a day later
        _row("c", "AP", "Suicide bomb", 3, 36.20, 37.16, 5),  # Aleppo: 320 km away
        _row("d", "BBC", "Suicide bomb", 6, 36.50, 40.75, 3),  # three days later
        _row("e", "SANA", "Air/drone strike", 3, 36.50, 40.75, None, "dozens"),  # another sub-type
    )
    groups = group_reports(events)
    assert groups[0] == groups[1]
    assert len({groups[0], groups[2], groups[3], groups[4]}) == 4
    table = grouped_events(events)
    merged = table[table["reports"] == 2].iloc[0]
    assert merged["fatalities_reported"] == "34 (AFP); 32 (Reuters)"  # side by side, not averaged
    assert "dozens (SANA)" in set(table["fatalities_reported"])


def test_two_events_of_one_article_stay_apart():
    events = _rows(
        _row("a", "AFP", "Suicide bomb", 3, 36.5, 40.75, 34), _row("a", "AFP", "Suicide bomb", 3, 36.5, 40.75, 2)
    )
    assert group_reports(events).nunique() == 2


def test_acled_export_columns_and_safety():
    frame = to_acled(_rows(_row("a", "AFP", "Suicide bomb", 3, 36.5, 40.75, None, "dozens")))
    assert tuple(frame.columns[: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    row = frame.iloc[0]
    assert row["event_date"] == "2016-10-03" and pd.isna(row["fatalities"]) and row["fatalities_text"] == "dozens"
    assert row["notes"].startswith("'=")  # never a spreadsheet formula
    assert list(to_acled(_rows()).columns)[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)


# --- the seed, with the real model -----------------------------------------------------------


@pytest.fixture(scope="module")
def seed_events(extractor, seed_article):
    return extractor.extract_one(seed_article).events


def _one(events, sub_type, needle):
    found = [e for e in events if e.sub_type == sub_type and needle in e.sentence]
    assert len(found) == 1, [(e.sub_type, e.sentence[:60]) for e in events]
    return found[0]


@pytest.mark.parametrize(
    ("sub_type", "needle", "place", "date", "fatalities", "actor1"),
    [
        (
            "Armed clash",
            "street battles in the heart of Aleppo",
            "Aleppo",
            dt.date(2016, 10, 4),
            None,
            "Syrian government forces",
        ),
        (
            "Government regains territory",
            "loyalist fighters seized",
            "Aleppo",
            dt.date(2016, 10, 4),
            None,
            "Syrian government forces",
        ),
        ("Shelling/artillery/missile attack", "rebel shelling", "Aleppo", dt.date(2016, 10, 4), 6, "Rebels"),
        (
            "Shelling/artillery/missile attack",
            "embassy compound in Damascus",
            "Damascus",
            dt.date(2016, 10, 3),
            0,
            None,
        ),
        ("Air/drone strike", "largest hospital", "Aleppo", dt.date(2016, 10, 3), None, None),
        ("Suicide bomb", "suicide attack hit a wedding", "Hasakeh", dt.date(2016, 10, 3), 34, "Islamic State"),
    ],
)
def test_seed_events(seed_events, sub_type, needle, place, date, fatalities, actor1):
    event = _one(seed_events, sub_type, needle)
    assert place.lower()[:5] in event.place.lower().replace("al ḩ", "h").replace("al-h", "h")
    assert (event.date, event.fatalities, event.actor1) == (date, fatalities, actor1)
    assert not event.aggregate and not event.date_inferred


def test_seed_wedding_attack_details(seed_events):
    event = _one(seed_events, "Suicide bomb", "wedding")
    assert event.place_type == "city" and event.country_code == "SY"  # Hasakeh city, not "northeast Syria"
    assert event.civilian_targeting and event.fatalities_text == "killing 34 people"
    assert sum(e.sub_type == "Suicide bomb" for e in seed_events) == 1  # the claim and "The bombing" fold in


def test_seed_aggregates(seed_events):
    aggregates = {e.fatalities: e.period for e in seed_events if e.aggregate}
    assert aggregates == {300_000: "since the conflict erupted in March 2011", 100: "in the past 10 days"}


def test_seed_has_no_event_placed_at_a_government(seed_events):
    assert not {e.place for e in seed_events} & {"Washington", "Moscow"}
    assert all(e.sentence == e.sentence.strip() and e.start >= e.sent_start for e in seed_events)


@pytest.mark.parametrize(
    ("words", "lemmas", "pos", "is_event"),
    [
        # business news: a cue word with no conflict context
        (
            ["Retailers", "battled", "fierce", "competition", "on", "Friday", "."],
            ["retailer", "battle", "fierce", "competition", "on", "Friday", "."],
            ["NOUN", "VERB", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT"],
            False,
        ),
        (
            ["Troops", "battled", "fierce", "militants", "on", "Friday", "."],
            ["troop", "battle", "fierce", "militant", "on", "Friday", "."],
            ["NOUN", "VERB", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT"],
            True,
        ),
        # "mine" the pronoun is no landmine
        (
            ["That", "car", "hit", "mine", "on", "Friday", "."],
            ["that", "car", "hit", "mine", "on", "Friday", "."],
            ["DET", "NOUN", "VERB", "PRON", "ADP", "PROPN", "PUNCT"],
            False,
        ),
    ],
)
def test_conflict_context_is_needed_for_weak_cues(vocab, words, lemmas, pos, is_event):
    heads, deps = [1, 1, 3, 1, 1, 4, 1], ["nsubj", "ROOT", "amod", "dobj", "prep", "pobj", "punct"]
    if words[0] == "That":
        heads, deps = [1, 2, 2, 2, 2, 4, 2], ["det", "nsubj", "ROOT", "dobj", "prep", "pobj", "punct"]
    ents = ["B-DATE" if w == "Friday" else "O" for w in words]
    assert bool(run(vocab, words, heads, deps, pos, lemmas, ents=ents)) is is_event
