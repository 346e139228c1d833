"""Actor rules on hand-built Docs and plain candidates: no model needed."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from wirelens.extraction.actors import ACTOR_LABEL, ActorMatcher, Candidate, find_candidates, normalize_name, resolve
from wirelens.extraction.lexicon import Lexicon, LexiconEntry, alias_key, build_lexicon, is_acronym, read_lexicon_file


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def matcher(nlp, lexicon):
    return ActorMatcher(nlp.vocab, nlp.make_doc, lexicon.phrases)


def make_doc(nlp, words, *, ents=None, heads=None, deps=None, lemmas=None) -> Doc:
    n = len(words)
    return Doc(
        nlp.vocab,
        words=words,
        spaces=[
            not (i + 1 < n and words[i + 1] in {",", ".", ")", "-", "’s"}) and words[i] not in {"(", "-"}
            for i in range(n)
        ],
        ents=ents,
        heads=heads,
        deps=deps,
        lemmas=lemmas,
        sent_starts=[True] + [False] * (n - 1),
    )


def cand(text: str, label: str = "PERSON", start: int = 0, **kw) -> Candidate:
    return Candidate(start, start + len(text), text, label, 0, 1000, **kw)


def actors_of(cands, lexicon) -> list[str | None]:
    return [e.actor for e in resolve(cands, lexicon)]


# --- lexicon -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("alias", "acronym"),
    [("US", True), ("U.S.", True), ("IS", True), ("Nato", False), ("rebels", False), ("Syrian army", False)],
)
def test_acronyms_match_exactly_other_aliases_ignore_case(alias, acronym):
    assert is_acronym(alias) is acronym
    assert (alias_key(alias) == alias) is acronym or alias == alias.lower()


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("regime forces", "Syrian government forces"),
        ("Regime Forces", "Syrian government forces"),
        ("Syrian army", "Syrian government forces"),
        ("loyalist fighters", "Syrian government forces"),
        ("rebel groups", "Rebels"),
        ("opposition", "Rebels"),
        ("jihadists", "Jihadists"),
        ("US", "United States"),
        ("America", "United States"),
        ("Islamic State", "Islamic State"),
        ("Syria", "Syria"),  # a GeoNames country, not listed in any lexicon file
        ("Burkina Faso", "Burkina Faso"),
        ("us", None),  # the pronoun is not the United States
        ("is", None),
        ("Aleppo", None),
    ],
)
def test_shipped_lexicon_lookup(lexicon, surface, expected):
    entry = lexicon.lookup(surface)
    assert (entry.name if entry else None) == expected


@pytest.mark.parametrize(
    ("place", "state"),
    [
        ("Washington", "United States"),
        ("Moscow", "Russia"),
        ("Kremlin", "Russia"),
        ("Damascus", "Syria"),
        ("Aleppo", None),
    ],
)
def test_capitals_are_metonyms_of_their_state(lexicon, place, state):
    entry = lexicon.metonym(place)
    assert (entry.name if entry else None) == state


def test_user_lexicon_adds_actors_without_code(tmp_path):
    path = tmp_path / "ukraine.toml"
    path.write_text(
        'ignore = ["Oblast"]\n[[actor]]\nname = "Ukrainian Armed Forces"\ntype = "armed group"\n'
        'aliases = ["Ukrainian troops", "ZSU"]\n',
        encoding="utf-8",
    )
    lexicon = build_lexicon([path])
    assert lexicon.lookup("ukrainian troops").name == "Ukrainian Armed Forces"
    assert lexicon.lookup("ZSU").type == "armed group"
    assert "Ukrainian troops" in lexicon.phrases
    assert lexicon.is_ignored("Oblast")
    assert lexicon.lookup("regime forces") is not None  # shipped lexicons still there


@pytest.mark.parametrize(
    "content",
    ['[[actor]]\ntype = "person"\n', '[[actor]\nname = "x"', '[[actor]]\nname = "X"\ntype = "alien"\n'],
)
def test_malformed_lexicon_names_the_file(tmp_path, content):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match="bad.toml|alien"):
        build_lexicon([path])


def test_same_name_in_two_files_extends_the_entry():
    lexicon = Lexicon()
    lexicon.add(LexiconEntry("Rebels", "armed group", ("rebels",)))
    lexicon.add(LexiconEntry("Rebels", "armed group", ("insurgents",)))
    assert lexicon.lookup("rebels").aliases == ("rebels", "insurgents")


def test_read_lexicon_file_returns_entries_and_ignores(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text('ignore = ["State"]\n[[actor]]\nname = "A"\ntype = "media"\naliases = ["a1"]\n', encoding="utf-8")
    entries, ignored = read_lexicon_file(path)
    assert entries == [LexiconEntry("A", "media", ("a1",), ())]
    assert ignored == ["State"]


# --- candidates from hand-built Docs -------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Syrian", "regime", "forces", "advanced"], ["Syrian regime forces"]),
        (["the", "rebel", "-", "held", "east"], []),  # compound adjective, not an actor
        (["anti", "-", "jihadist", "campaigns"], []),
        (["rebel", "shelling", "killed", "six"], ["rebel"]),
        (["let", "us", "go"], []),  # the pronoun
        (["the", "US", "and", "the", "UN"], ["US", "UN"]),
    ],
)
def test_lexicon_mentions_in_running_text(nlp, matcher, words, expected):
    doc = make_doc(nlp, words)
    assert [c.text for c in find_candidates(doc, matcher) if c.label == ACTOR_LABEL] == expected


def test_ner_span_wins_over_shorter_lexicon_match(nlp, matcher):
    words = ["The", "Free", "Syrian", "Army", "said"]
    doc = make_doc(nlp, words, ents=["O", "B-ORG", "I-ORG", "I-ORG", "O"])
    cands = find_candidates(doc, matcher)
    assert [(c.text, c.label) for c in cands] == [("Free Syrian Army", "ORG")]


def test_acronym_defined_in_parentheses(nlp, matcher):
    words = ["The", "Islamic", "State", "(", "IS", ")", "group", "claimed", "it", ".", "IS", "said"]
    ents = ["B-ORG", "I-ORG", "I-ORG"] + ["O"] * 9
    doc = make_doc(nlp, words, ents=ents)
    cands = find_candidates(doc, None)  # no lexicon: the definition alone must do it
    assert cands[0].defines == "IS"
    entities = resolve(cands, Lexicon())
    assert [(e.text, e.actor) for e in entities] == [
        ("The Islamic State", "Islamic State"),
        ("IS", "Islamic State"),
        ("IS", "Islamic State"),
    ]


@pytest.mark.parametrize(
    ("words", "ents"),
    [
        (["Syria", "(", "US", ")"], ["B-GPE", "O", "O", "O"]),  # US is not Syria's initials
        (["talks", "(", "IS", ")"], ["O", "O", "O", "O"]),  # nothing named before it
    ],
)
def test_parenthesised_capitals_that_define_nothing(nlp, words, ents):
    doc = make_doc(nlp, words, ents=ents)
    assert all(c.defines is None for c in find_candidates(doc, None))


@pytest.mark.parametrize(
    ("words", "heads", "deps", "lemmas", "locative"),
    [
        (["Washington", "announced"], [1, 1], ["nsubj", "ROOT"], ["Washington", "announce"], False),
        (["compound", "in", "Damascus"], [0, 0, 1], ["ROOT", "prep", "pobj"], ["compound", "in", "Damascus"], True),
        (["accusing", "Moscow"], [0, 0], ["ROOT", "dobj"], ["accuse", "Moscow"], False),
        (["shelled", "Aleppo"], [0, 0], ["ROOT", "dobj"], ["shell", "Aleppo"], True),
        (["occupied", "Damascus"], [0, 0], ["ROOT", "dobj"], ["occupy", "Damascus"], True),  # territory held
        (["control", "Moscow"], [0, 0], ["ROOT", "dobj"], ["control", "Moscow"], True),
        (["blamed", "Moscow"], [0, 0], ["ROOT", "dobj"], ["blame", "Moscow"], False),
        (
            ["between", "Moscow", "and", "Washington"],
            [0, 0, 1, 1],
            ["ROOT", "pobj", "cc", "conj"],
            ["between", "Moscow", "and", "Washington"],
            False,
        ),
        # A name before a place noun names the place: "protest in Damascus city", "Aleppo province".
        (["in", "Damascus", "city"], [0, 2, 0], ["ROOT", "compound", "pobj"], ["in", "Damascus", "city"], True),
        (
            ["Aleppo", "province", "calm"],
            [1, 2, 2],
            ["compound", "nsubj", "ROOT"],
            ["Aleppo", "province", "calm"],
            True,
        ),
        # ... but not before a noun of people: "Moscow officials said" is the government.
        (
            ["Moscow", "officials", "said"],
            [1, 2, 2],
            ["compound", "nsubj", "ROOT"],
            ["Moscow", "official", "say"],
            False,
        ),
    ],
)
def test_locative_use_of_a_place(nlp, words, heads, deps, lemmas, locative):
    ents = ["B-GPE" if w in {"Washington", "Damascus", "Moscow", "Aleppo"} else "O" for w in words]
    doc = make_doc(nlp, words, ents=ents, heads=heads, deps=deps, lemmas=lemmas)
    cands = find_candidates(doc, None)
    assert cands and all(c.locative is locative for c in cands)


def test_candidate_offsets_are_shifted_and_exact(nlp, matcher):
    doc = make_doc(nlp, ["Then", "rebels", "advanced", "."])
    offset = 1000
    text = " " * offset + doc.text
    (c,) = find_candidates(doc, matcher, offset)
    assert text[c.start : c.end] == c.text == "rebels"
    assert (c.sent_start, c.sent_end) == (offset, offset + len(doc.text.rstrip()))


# --- resolution over a whole article -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bashar al-Assad’s", "Bashar al-Assad"),
        ("Assad's", "Assad"),
        ("the Security Council", "Security Council"),
        ("The Islamic State", "Islamic State"),
        ("Zeid Ra’ad Al Hussein", "Zeid Ra'ad Al Hussein"),
        ("  John   Kerry ", "John Kerry"),
    ],
)
def test_normalize_name(text, expected):
    assert normalize_name(text) == expected


def test_surnames_resolve_to_the_full_name_in_the_article(lexicon):
    cands = [
        cand("John Kerry"),
        cand("Kerry", start=50),
        cand("Sergei Lavrov", start=80),
        cand("Lavrov", "ORG", start=120),
        cand("Rahman", start=140),
        cand("Rami Abdel Rahman", start=160),
        cand("Abdel Rahman", start=200),
    ]
    assert actors_of(cands, lexicon) == [
        "John Kerry",
        "John Kerry",
        "Sergei Lavrov",
        "Sergei Lavrov",
        "Rami Abdel Rahman",
        "Rami Abdel Rahman",
        "Rami Abdel Rahman",
    ]


def test_ambiguous_surname_is_left_alone(lexicon):
    cands = [cand("Hillary Clinton"), cand("Bill Clinton", start=30), cand("Clinton", start=60)]
    assert actors_of(cands, lexicon)[-1] == "Clinton"


def test_a_surname_with_no_full_name_stays_as_written(lexicon):
    assert actors_of([cand("Earnest")], lexicon) == ["Earnest"]


def test_lexicon_person_aliases(lexicon):
    assert actors_of([cand("Bashar al-Assad’s"), cand("Assad", start=40)], lexicon) == ["Bashar al-Assad"] * 2


@pytest.mark.parametrize(
    ("text", "label", "locative", "expected"),
    [
        ("Washington", "GPE", False, ("United States", "state")),
        ("Washington", "GPE", True, None),  # "in Washington"
        ("Moscow", "GPE", False, ("Russia", "state")),
        ("Damascus", "GPE", True, None),
        ("the United States", "GPE", False, ("United States", "state")),
        ("US", "GPE", False, ("United States", "state")),
        ("Syria", "GPE", True, None),  # "in northeast Syria": the place
        ("Syria", "GPE", False, ("Syria", "state")),
        ("Aleppo", "GPE", False, None),  # a city is a place, not an actor
        ("Aleppo", "NORP", False, None),  # the small model's mislabel
        ("Russian", "NORP", False, None),
        ("White House", "ORG", False, ("United States", "state")),
        ("AFP", "ORG", False, ("AFP", "media")),
        ("Syrian state news agency", "ORG", False, ("Syrian state news agency", "media")),
        ("UN", "ORG", False, ("United Nations", "organisation")),
        ("the Security Council", "ORG", False, ("UN Security Council", "organisation")),
        ("Aleppo University", "ORG", False, ("Aleppo University", "organisation")),
        ("State", "ORG", False, None),  # "Secretary of State" (ignored in the lexicon)
        ("Tuesday", "DATE", False, None),
        ("34", "CARDINAL", False, None),
    ],
)
def test_single_mentions(lexicon, text, label, locative, expected):
    (entity,) = resolve([cand(text, label, locative=locative)], lexicon)
    assert ((entity.actor, entity.actor_type) if entity.actor else None) == expected
    assert entity.label == label


def test_short_org_name_expands_to_the_full_one_in_the_article(lexicon):
    cands = [cand("The Syrian Observatory for Human Rights", "ORG"), cand("Observatory", "ORG", start=90)]
    assert actors_of(cands, lexicon) == ["Syrian Observatory for Human Rights"] * 2


def test_bare_acronyms_only_count_when_defined(lexicon):
    cands = [cand("ABC", ""), cand("XYZ", "")]
    assert resolve(cands, lexicon) == []


def test_lexicon_only_mention_that_is_not_an_actor_is_dropped(lexicon):
    (entity,) = resolve([cand("US", ACTOR_LABEL, locative=True), cand("rebels", ACTOR_LABEL, start=20)], lexicon)
    assert entity.actor == "Rebels"


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        # A name straddling an editor's bracket in a transcript is the model's guess, not a person.
        (
            "When [Indian Prime Minister Narendra] Modi Announced a curfew, we stayed home.",
            "Narendra] Modi Announced",
            False,
        ),
        # Negative: a name wholly inside the brackets stays.
        ("When [Prime Minister Narendra Modi] announced a curfew, we stayed home.", "Narendra Modi", True),
    ],
)
def test_a_name_across_an_editors_bracket_is_no_actor(extractor, text, name, kept):
    from wirelens.extraction.articles import make_article

    actors = {e.actor for e in extractor.extract_one(make_article(text, title="T")).actors}
    assert (name in actors) == kept
