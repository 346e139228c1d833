"""The quotes room's small rules, one at a time: each decides on its example and passes on the others.

Mark rules and speaker rules need no model; the rules that read the parse run on the real model.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wirelens.extraction.actors import Entity
from wirelens.extraction.quotes import detect, kinds, mentions, spans, speakers, statements
from wirelens.extraction.quotes.cues import (
    CUES_PATH,
    SPEAKERS_PATH,
    Cues,
    VocabularyError,
    load_cues,
    load_speaker_words,
)
from wirelens.extraction.quotes.detect import ChunkReader, QuoteCandidate
from wirelens.extraction.quotes.spans import Mark, find_quote_spans
from wirelens.extraction.records import Quote


@pytest.fixture(scope="module")
def nlp():
    from wirelens.extraction.nlp import load_model

    return load_model()


# --- whether a mark opens or closes (spans.MARK_RULES) -----------------------------------------------


def _mark(text: str, nth: int = 0, depth: int = 0) -> Mark:
    i = -1
    for _ in range(nth + 1):
        i = min(j for j in (text.find(m, i + 1) for m in '"“”«»„') if j >= 0)
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return Mark(text, i, text[i], depth, len(text), before, after)


@pytest.mark.parametrize(
    ("rule", "text", "nth", "depth", "expected"),
    [
        (spans.curly_opener_typed_for_closer, "“Do you want that?“ he asked", 1, 1, "close"),
        (spans.curly_opener_typed_for_closer, "“Outer “inner” words”", 1, 1, None),  # after a space: opens
        (spans.curly_opener_typed_for_closer, "word“ and more", 0, 0, None),  # nothing open
        (spans.curly_opener, "He said “we will win”", 0, 0, "open"),
        (spans.curly_opener, "«Nous gagnerons»", 0, 0, "open"),
        (spans.curly_opener, "He said “we will win”", 1, 1, None),
        (spans.curly_closer, "He said “we will win” today", 1, 1, "close"),
        (spans.curly_closer, 'He said "we will win"', 0, 0, None),
        (spans.straight_before_words, 'He said "we will win"', 0, 0, "open"),
        (spans.straight_before_words, '"Outer "inner" words"', 1, 1, "open"),  # a partner follows: nested
        (spans.straight_before_words, '"Ends in a space "', 1, 1, None),
        (spans.straight_before_words, '"we will win" today', 1, 1, None),  # after words
        (spans.straight_after_words, '"we will win" today', 1, 1, "close"),
        (spans.straight_after_words, '"One," he said', 1, 1, "close"),
        (spans.straight_after_words, 'He said "we will win"', 0, 0, None),
        (spans.straight_after_words, 'a " b', 0, 0, "close"),  # a space after: closes (or is ignored)
        (spans.by_depth, 'a " b', 0, 0, "open"),
        (spans.by_depth, '"a " b', 1, 1, "close"),
    ],
)
def test_mark_rules(rule, text, nth, depth, expected):
    assert rule(_mark(text, nth, depth)) == expected


def test_mark_role_takes_the_first_decision():
    assert spans.MARK_RULES[-1] is spans.by_depth
    assert spans.mark_role('a " b', 2, '"', 0, 0, 5) == "close"  # straight_after_words, before by_depth
    assert spans.mark_role("He said “we will win”", 8, "“", 0, 0, 21) == "open"
    assert [text[s.start : s.end] for text in ['a " b " c'] for s in find_quote_spans(text)] == []


# --- what a cue reports (statements.CONTENT_RULES) ----------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "text", "cue", "expected"),
    [
        (statements.according_to, "Casualties rose, according to the Observatory.", "according", "Casualties rose"),
        (statements.according_to, "He said that the talks were over.", "said", None),
        (statements.put_it, 'As she put it, "no".', "put", statements.NOTHING),
        (statements.put_it, "He said that the talks were over.", "said", None),
        (statements.clausal_complement, "He said that the talks were over.", "said", "that the talks were over"),
        (statements.clausal_complement, "She told reporters the plan would work.", "told", "the plan would work"),
        (statements.clausal_complement, "Trump criticized Clinton.", "criticized", None),
        (statements.clause_of_the_medium, "He said in a statement that the talks were over.", "said", None),
        (statements.object_and_aim, "They urged the Council to act quickly.", "urged", "the Council to act quickly"),
        (
            statements.object_and_aim,
            "She accused Moscow of abetting war crimes.",
            "accused",
            "Moscow of abetting war crimes",
        ),
        (statements.object_and_aim, "They urged restraint.", "urged", None),  # nothing it is urged to do
        (
            statements.object_and_aim,
            "Trump criticized the decision to raise taxes.",
            "criticized",
            None,
        ),  # not such a cue
        (
            statements.object_attributed,
            "Trump criticized the decision to raise taxes.",
            "criticized",
            "the decision to raise taxes",
        ),
        (statements.object_attributed, "Trump criticized Clinton.", "criticized", "Clinton"),
        (statements.object_attributed, "He told AFP.", "told", None),  # the one addressed
        (statements.object_attributed, "He spoke.", "spoke", None),
    ],
)
def test_content_rules(nlp, rule, text, cue, expected):
    doc = nlp(text)
    (token,) = [t for t in doc if t.text == cue]
    content = rule(token, load_cues())
    if expected is None or expected is statements.NOTHING:
        assert content is expected
    else:
        assert text[content.start : content.end] == expected


@pytest.mark.parametrize(
    ("text", "cue", "expected"),
    [
        ("They urged the Council to act quickly.", "urged", "the Council to act quickly"),  # object_and_aim first
        ('As she put it, "no".', "put", None),  # NOTHING stops the search before object_attributed
        ("He told AFP.", "told", None),
    ],
)
def test_reported_content_takes_the_first_decision(nlp, text, cue, expected):
    doc = nlp(text)
    (token,) = [t for t in doc if t.text == cue]
    content = statements.reported_content(token, load_cues())
    assert (text[content.start : content.end] if content else None) == expected


# --- the cue governing a quote (detect.CUE_SEARCH) -----------------------------------------------------


def _cue_search(nlp, text: str) -> detect.CueSearch:
    doc = nlp(text)
    marks = find_quote_spans(text)
    reader = ChunkReader(load_cues(), load_speaker_words())
    cues = [t for t in doc if reader.is_cue(t) and not any(m.start <= t.idx < m.end for m in marks)]
    span = doc.char_span(marks[0].start, marks[0].end, alignment_mode="expand")
    return detect.cue_search(span, cues, text)


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        (detect.cue_up_the_parse, 'She said Trump favors a "strongman approach".', "said"),  # the outermost
        (detect.cue_up_the_parse, '"Is it over?" Trump asked.', None),
        (detect.cue_after_the_quote, '"Is it over?" Trump asked.', "asked"),
        (detect.cue_after_the_quote, 'She said Trump favors a "strongman approach".', None),
        (detect.cue_before_in_the_sentence, 'She said Trump favors a "strongman approach".', "favors"),  # the nearest
        (detect.cue_before_in_the_sentence, '"Is it over?" Trump asked.', None),
        (detect.cue_of_the_colon, 'Breitbart News responded:\n\n"If there are any questions, ask."', "responded"),
        (detect.cue_of_the_colon, '"Is it over?" Trump asked.', None),
        (detect.cue_up_the_parse, 'The weather was "fine" and the sun shone.', None),
    ],
)
def test_cue_searches(nlp, rule, text, expected):
    found = rule(_cue_search(nlp, text))
    assert (found.text if found is not None else None) == expected


def test_a_cue_in_another_paragraph_is_not_found_by_the_parse(nlp):
    search = _cue_search(nlp, 'Breitbart News responded:\n\n"If there are any questions, ask."')
    assert search.in_paragraph == frozenset()  # only the colon's search reaches back a paragraph


# --- direct or partial (kinds.KIND_RULES) --------------------------------------------------------------


def _facts(nlp, text: str) -> kinds.QuoteFacts:
    search = _cue_search(nlp, text)
    cue = detect.cue_for(search.span, search.cues, text)
    content = statements.reported_content(cue, load_cues()) if cue is not None else None
    marks = find_quote_spans(text)
    return kinds.QuoteFacts(text, marks[0], search.span, cue, content, marks, load_cues())


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        (kinds.introduced_by_its_cue, 'He said: "Whichever one wins, we lose."', "direct"),
        (kinds.introduced_by_its_cue, 'Sanders had said, "We\'ll see," and left.', "direct"),
        (kinds.introduced_by_its_cue, 'He called the ruling "a huge win for Ohio voters."', None),
        (kinds.the_whole_statement, '"We will not back down," he said.', "direct"),
        (kinds.the_whole_statement, 'He told reporters that "we will not back down."', "direct"),
        # a quoted phrase inside the writer's clause is not the statement (issue 20: partial)
        (kinds.the_whole_statement, 'He called the ruling "a huge win for Ohio voters."', None),
        (kinds.the_whole_statement, 'He called the move "reckless."', None),
        (kinds.the_whole_statement, 'She said that they were "being ridiculous."', None),
        (kinds.the_whole_statement, 'An official said Kerry was "laser-focused" on finding a solution.', None),
        (kinds.the_whole_statement, 'He called it "a shame" twice.', None),
        (kinds.the_whole_statement, 'Trump said the deals were handed out "like candy" to donors.', None),
        (kinds.the_whole_statement, 'The Observatory said a "massive" strike hit.', None),
        (kinds.a_sentence_of_its_own, 'Rubio said, adding "We are going to win this state now."', "direct"),
        (kinds.a_sentence_of_its_own, 'He called it "a shame" twice.', "partial"),  # the last word with a cue
        (kinds.a_sentence_of_its_own, 'The "rigged" system failed.', None),  # no cue: not this rule's
        (kinds.opens_its_sentence, '"We will win." The crowd went home.', "direct"),
        (kinds.opens_its_sentence, 'The "rigged" system failed.', None),
        (kinds.capitalised_statement, 'Banners with "Free Syria Now" were everywhere.', "direct"),
        (kinds.capitalised_statement, 'Posters of "free speech" were on the wall.', None),
        (kinds.capitalised_statement, 'The "Rigged" system failed.', None),  # one word
    ],
)
def test_kind_rules(nlp, rule, text, expected):
    assert rule(_facts(nlp, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said: "Whichever one wins, we lose."', "direct"),
        ('He called it "a shame" twice.', "partial"),
        ('"We will not back down," he said.', "direct"),
        ('He called the ruling "a huge win for Ohio voters."', "partial"),
        ('She said that they were "being ridiculous."', "partial"),
        ('Pelosi called Trump a "national embarrassment" on Tuesday.', "partial"),
        ('An official said Kerry was "laser-focused" on finding a diplomatic solution.', "partial"),
        ('Rubio said, adding "We are going to win this state now."', "direct"),
        ('The "rigged" system failed.', "partial"),  # no rule decides
        ('Banners with "Free Syria Now" were everywhere.', "direct"),
    ],
)
def test_quote_kind_takes_the_first_decision(nlp, text, expected):
    f = _facts(nlp, text)
    assert kinds.quote_kind(f.text, f.quote, f.span, f.cue, f.content, f.marks, f.cues) == expected


# --- sources named by punctuation (mentions) --------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        (mentions.headline_source, 'POLLS NOT WRONG - Mark Blumenthal: "The polls were right."', "Mark Blumenthal"),
        (mentions.headline_source, 'He wrote: "The polls were right."', None),
        (mentions.colon_name, 'Jeffrey M. Jones: "Blue states are fewer."', "Jeffrey M. Jones"),
        (mentions.colon_name, '"We need a revolution."\n\n- Bernie Sanders.', None),
        (mentions.dash_name, '"We need a revolution."\n\n- Bernie Sanders.', "Bernie Sanders"),
        (mentions.dash_name, '"We need a revolution," he said.', None),
    ],
)
def test_punctuation_sources(nlp, rule, text, expected):
    doc = nlp(text)
    quote = find_quote_spans(text)[0]
    found = rule(text, quote, doc.char_span(quote.start, quote.end, alignment_mode="expand"))
    assert (found.phrase.text if found is not None else None) == expected


# --- speakers to actors (speakers.SPEAKER_RULES), no model --------------------------------------------


TEXT = (
    "UN rights chief Zeid Ra'ad Al Hussein spoke. "
    "The UN rights chief said the city was burning. "
    "Kerry met him. He said talks were over. "
    "A lawyer for Kerry said more. "
    "The Islamic State group said it attacked. "
    "The Islamic State fighters said so. "
    "rebel commanders said no. "
    "Lavrov, who said no. Your family says hi. █ said so. A statement said so. everyone said yes. "
    "Mozilla said so. "
    "the planets said so. Studies show it. Officials said so. the 46-year-old said so. the Pentagon said so. "
    "the boy asked. the lawyers said so. the data suggest it."
)


def _ent(text: str, actor: str, actor_type: str, nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return Entity(start, start + len(text), text, "X", actor, actor_type, 0, len(TEXT))


ENTITIES = [
    _ent("UN", "United Nations", "organisation"),
    _ent("Zeid Ra'ad Al Hussein", "Zeid Ra'ad Al Hussein", "person"),
    _ent("UN", "United Nations", "organisation", nth=1),
    _ent("Kerry", "John Kerry", "person"),
    _ent("Kerry", "John Kerry", "person", nth=1),
    _ent("The Islamic State", "Islamic State", "armed group"),
    _ent("The Islamic State", "Islamic State", "armed group", nth=1),
    _ent("Lavrov", "Sergei Lavrov", "person"),
    Entity(TEXT.index("Mozilla"), TEXT.index("Mozilla") + 7, "Mozilla", "PRODUCT", None, None, 0, len(TEXT)),
]


def _speaker_facts(
    phrase: str, head: str | None = None, nth: int = 0
) -> tuple[speakers.SpeakerResolver, speakers.SpeakerFacts]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    head_at = start + phrase.index(head) if head else start
    rec = QuoteCandidate(
        start, start + 1, "x", "indirect", "said", None, phrase, start, start + len(phrase), head_at, None
    )
    resolver = speakers.SpeakerResolver(TEXT, ENTITIES, load_speaker_words())
    inside = [e for e in ENTITIES if start <= e.start and e.end <= start + len(phrase)]
    return resolver, speakers.SpeakerFacts(rec, inside, head_at)


@pytest.mark.parametrize(
    ("rule", "phrase", "head", "expected"),
    [
        (speakers.actor_at_the_head, "Kerry", None, ("John Kerry", "person")),
        (speakers.actor_at_the_head, "The UN rights chief", "chief", None),  # "UN" is not the head
        (speakers.pronoun, "He", None, ("John Kerry", "person")),  # the last person named before it
        (speakers.pronoun, "Kerry", None, None),
        (speakers.person_inside, "A lawyer for Kerry", "lawyer", ("John Kerry", "person")),
        (speakers.person_inside, "The UN rights chief", "chief", None),
        (speakers.named_before_group_noun, "The Islamic State group", "group", ("Islamic State", "armed group")),
        (speakers.named_before_group_noun, "The Islamic State fighters", "fighters", None),  # not a group head
        (speakers.role_noun, "The UN rights chief", "chief", ("Zeid Ra'ad Al Hussein", "person")),
        (speakers.role_noun, "rebel commanders", "commanders", None),  # no person called so
        (speakers.relative_pronoun, "who", None, ("Sergei Lavrov", "person")),  # "Lavrov, who said"
        (speakers.relative_pronoun, "Kerry", None, None),
        (speakers.no_one, "Your family", "family", (None, None)),  # the reader's
        (speakers.no_one, "█", None, (None, None)),  # a symbol
        (speakers.no_one, "A statement", "statement", (None, None)),  # no sender named
        (speakers.no_one, "everyone", None, (None, None)),
        (speakers.no_one, "Mozilla", None, (None, None)),  # a product: the actor step said no actor
        (speakers.no_one, "rebel commanders", "commanders", None),  # people: as written
        (speakers.no_one, "The UN rights chief", "chief", None),
        (speakers.no_role, "the planets", "planets", (None, None)),  # a thing, no person or organisation
        (speakers.no_role, "Studies", None, (None, None)),  # sentence-initial capital: still a common noun
        (speakers.no_role, "the data", "data", (None, None)),
        (speakers.no_role, "█", None, (None, None)),
        (speakers.no_role, "Officials", None, None),  # people by role, plural
        (speakers.no_role, "the lawyers", "lawyers", None),  # a people ending: "-er"
        (speakers.no_role, "the 46-year-old", "46-year-old", None),
        (speakers.no_role, "the boy", "boy", None),
        (speakers.no_role, "the Pentagon", "Pentagon", None),  # a capital inside the sentence: a name
        (speakers.no_role, "rebel commanders", "commanders", None),
        (speakers.no_role, "The Islamic State group", "group", None),  # a group head
        (speakers.as_written, "The UN rights chief", "chief", ("UN rights chief", None)),  # a name: normalised
        (speakers.as_written, "rebel commanders", "commanders", ("rebel commanders", None)),
    ],
)
def test_speaker_rules(rule, phrase, head, expected):
    resolver, facts = _speaker_facts(phrase, head)
    assert rule(resolver, facts) == expected


@pytest.mark.parametrize(
    ("phrase", "head", "expected"),
    [
        ("The UN rights chief", "chief", ("Zeid Ra'ad Al Hussein", "person")),
        ("rebel commanders", "commanders", ("rebel commanders", None)),
        ("The Islamic State group", "group", ("Islamic State", "armed group")),
        ("Your family", "family", (None, None)),
        ("who", None, ("Sergei Lavrov", "person")),
        ("the planets", "planets", (None, None)),
        ("Officials", None, ("Officials", None)),
    ],
)
def test_resolve_takes_the_first_decision(phrase, head, expected):
    resolver, facts = _speaker_facts(phrase, head)
    assert resolver.resolve(facts.rec) == expected


PRONOUN_TEXT = 'Kerry spoke. "I will go," he said. I said so. you said so. me said so. Kerry: "I told them."'


@pytest.mark.parametrize(
    ("phrase", "nth", "expected"),
    [
        ("he", 0, ("John Kerry", "person")),
        ("I", 1, (None, None)),  # the writer, outside any quote
        ("you", 0, (None, None)),  # the reader
        ("me", 0, (None, None)),  # an object pronoun read as "I": the writer
        ("I", 2, ("John Kerry", "person")),  # "I" inside Kerry's own quote
    ],
)
def test_first_and_second_person_are_no_one_outside_a_quote(phrase, nth, expected):
    text = PRONOUN_TEXT
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    kerry = [
        Entity(i, i + 5, "Kerry", "PERSON", "John Kerry", "person", 0, len(text)) for i in (0, text.rindex("Kerry"))
    ]
    resolver = speakers.SpeakerResolver(text, kerry, load_speaker_words())
    said = text.rindex('"I told them."')
    resolver.said(Quote(said, said + 14, "I told them.", "direct", "John Kerry", 79, 84, "person", None, None, False))
    rec = QuoteCandidate(
        start, start + 1, "x", "indirect", "said", None, phrase, start, start + len(phrase), start, None
    )
    assert resolver.resolve(rec) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CLINTON: I said it was wrong.", ("Clinton", None)),  # a transcript turn
        ("Kerry spoke.\nJohn Kerry: I said it was wrong.", ("John Kerry", "person")),  # an actor's name
        ("Kerry spoke. I said it was wrong.", (None, None)),  # the writer
        ("Note: I said it was wrong.\n", (None, None)),  # no name
        ("((Akram Pasha)) When it began, I said it was wrong.", ("Akram Pasha", None)),  # a Wikinews interview
        ("((WN)) When it began, I said it was wrong.", (None, None)),  # the interviewer's initials
        ("((hi)) When it began, I said it was wrong.", (None, None)),  # a language tag
        ("Q: I said it was wrong.\n", (None, None)),
    ],
)
def test_first_person_in_a_transcript_turn_is_the_turn_speaker(text, expected):
    named = [
        Entity(m, m + 10, "John Kerry", "PERSON", "John Kerry", "person", 0, len(text))
        for m in [text.find("John Kerry")]
    ]
    resolver = speakers.SpeakerResolver(text, [e for e in named if e.start >= 0], load_speaker_words())
    at = text.index("I said")
    rec = QuoteCandidate(at, at + 1, "x", "indirect", "said", None, "I", at, at + 1, at, None)
    assert resolver.resolve(rec) == expected


def test_a_pronoun_with_no_one_before_it_is_unattributed():
    resolver = speakers.SpeakerResolver("It said so.", [], load_speaker_words())
    rec = QuoteCandidate(0, 1, "x", "indirect", "said", None, "It", 0, 2, 0, None)
    assert resolver.resolve(rec) == (None, None)


# --- the vocabulary files ----------------------------------------------------------------------------


def test_the_shipped_vocabulary_loads():
    cues = load_cues()
    assert isinstance(cues, Cues) and {"urge", "accuse"} <= cues.object_clause and "tell" in cues.addressee
    assert "statement" in load_speaker_words().message_nouns and "group" in load_speaker_words().group_heads
    assert load_cues() is load_cues() and load_speaker_words() is load_speaker_words()  # read once


CUES_OK = 'speech = ["say"]\nbelief = ["think"]\n'


@pytest.mark.parametrize(
    ("content", "key", "problem"),
    [
        (CUES_OK + "stance = 'question'\n", "stance", "expected a list of words, got str"),
        (CUES_OK + "stance = ['question', 3]\n", "stance", "entry 2 is 3, not a string"),
        (CUES_OK + "stance = ['take issue']\n", "stance", "not a single word"),
        (CUES_OK + "stance = ['']\n", "stance", "not a single word"),
        (CUES_OK + "stance = [' question']\n", "stance", "not a single word"),
        (CUES_OK + "stanse = ['question']\n", "stanse", "unknown key"),
        ('speech = ["say"]\n', "belief", "missing"),
        (CUES_OK + "according = [1]\n", "according", "entry 1 is 1, not a string"),
    ],
)
def test_a_bad_cue_entry_names_the_file_and_the_key(tmp_path, content, key, problem):
    path = tmp_path / "cues.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(VocabularyError) as caught:
        load_cues(path)
    message = str(caught.value)
    assert str(path) in message and repr(key) in message and problem in message
    assert (caught.value.path, caught.value.key) == (path, key)


def test_a_cue_file_that_is_not_toml_names_the_file(tmp_path):
    path = tmp_path / "cues.toml"
    path.write_text('speech = ["say"\n', encoding="utf-8")
    with pytest.raises(VocabularyError, match="not valid TOML") as caught:
        load_cues(path)
    assert str(path) in str(caught.value) and caught.value.key is None


def test_a_missing_file_names_the_file(tmp_path):
    with pytest.raises(VocabularyError, match="cannot be read"):
        load_speaker_words(tmp_path / "nowhere.toml")


def test_a_bad_speaker_noun_names_the_file_and_the_key(tmp_path):
    path = tmp_path / "speakers.toml"
    path.write_text('message_nouns = ["statement", "press release"]\ngroup_heads = ["group"]\n', encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"key 'message_nouns': entry 2 is 'press release', not a single word"):
        load_speaker_words(path)


def test_a_good_file_of_ones_own_is_read(tmp_path):
    path = tmp_path / "cues.toml"
    path.write_text(CUES_OK + "according = ['according to']\naddressee = ['Tell']\n", encoding="utf-8")
    cues = load_cues(path)
    assert cues.speech == {"say"} and cues.addressee == {"tell"} and cues.stance == frozenset()


def test_rule_tables_hold_documented_rules():
    tables = (
        spans.MARK_RULES,
        statements.CONTENT_RULES,
        detect.CUE_SEARCH,
        kinds.KIND_RULES,
        speakers.SPEAKER_RULES,
        mentions.PUNCTUATION_SOURCES,
    )
    for table in tables:
        for rule in table:
            assert rule.__doc__ and ("'" in rule.__doc__ or '"' in rule.__doc__), rule.__name__  # an example


def test_vocabulary_files_sit_beside_the_room():
    room = Path(detect.__file__).parent
    assert CUES_PATH.parent == room and SPEAKERS_PATH.parent == room
