"""Quotes: quotation marks on plain text, speaker resolution on plain records, and the real model on
hand-written sentences and the seed article."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from wirelens.config import Settings
from wirelens.extraction.actors import Entity
from wirelens.extraction.articles import Article, make_article
from wirelens.extraction.layer import ArticleContext, Earlier, Layer, Sentence
from wirelens.extraction.pipeline import Extractor, to_json
from wirelens.extraction.quotes.cues import load_cues
from wirelens.extraction.quotes.detect import QuoteCandidate
from wirelens.extraction.quotes.layer import QuotesLayer
from wirelens.extraction.quotes.spans import QuoteSpan, find_quote_spans
from wirelens.extraction.records import Quote

SEED_DATE = dt.date(2016, 10, 4)


# --- quotation marks, no model ----------------------------------------------------------------


def _quoted(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win" today.', ["we will win"]),
        ("He said “we will win” today.", ["we will win"]),
        ("«Nous gagnerons», il a dit.", ["Nous gagnerons"]),
        ('"One," he said. "Two."', ["One,", "Two."]),
        ("“A first sentence. A second one,” she said.", ["A first sentence. A second one,"]),  # spans sentences
        ("No quotes at all.", []),
        ("", []),
        ("The members’ veto and the rebels’ guns", []),  # apostrophes are not quotation marks
        ("He called it ‘a shame’ twice.", []),  # single quotes are left alone
        ("“Open and never closed", ["Open and never closed"]),  # unbalanced: runs to the paragraph end
        ("“Open here\nand a new paragraph", ["Open here"]),
        ("A stray closer” and then “a real one”", ["a real one"]),
        ('Only a stray " mark', []),
        ("“He told me ‘never’ and “left” at once”", ["He told me ‘never’ and “left” at once"]),  # nested
        ("“”, he said, and “  ” then “...”", []),  # empty and letterless quotes
        (
            "“First paragraph of a long quote.\n“Second paragraph,” he said.",
            ["First paragraph of a long quote.", "Second paragraph,"],
        ),
        ('5"11 tall and "quoted"', ["quoted"]),
        # An opening mark typed for a closing one, after the words and before a space, closes the quote.
        ("“Do you want to be associated with a fascist?“ he asked.", ["Do you want to be associated with a fascist?"]),
        ("“It's unusual,“ said Larry Noble. “It's hard.”", ["It's unusual,", "It's hard."]),
        ("“Outer “inner” words” end", ["Outer “inner” words"]),  # negative: a nested opening after a space
        ("Word“ and more", ["and more"]),  # negative: with nothing open it opens, to the paragraph end
    ],
)
def test_find_quote_spans(text, expected):
    assert _quoted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("''We will win,'' he said.", ["We will win,"]),
        ("He said ''we will win'' today.", ["we will win"]),
        ("''Open to the end\nNext paragraph", ["Open to the end"]),
        ("No doubled marks here.", []),
        ("rock''n''roll", []),  # negative: no space before the opening pair
    ],
)
def test_doubled_apostrophes_quote_for_cue_suppression(text, expected):
    from wirelens.extraction.quotes.spans import doubled_quotes

    assert [text[s:e] for s, e in doubled_quotes(text)] == expected


def test_quote_spans_of_a_text_that_is_all_quotes():
    text = "“" + "Every word here is quoted. " * 50 + "”"
    (span,) = find_quote_spans(text)
    assert span == QuoteSpan(1, len(text) - 2, True)


def test_two_thousand_word_quote_and_many_marks_are_fine():
    words = " ".join(f"word{i}" for i in range(2000))
    assert _quoted(f"She said “{words}.” Then left.") == [words + "."]
    marks = '"' * 5001 + " x"  # odd number of marks, nothing to quote
    assert find_quote_spans(marks) == []


def test_cue_verbs_are_data():
    cues = load_cues()
    assert {
        "say",
        "tell",
        "add",
        "insist",
        "announce",
        "accuse",
        "claim",
        "report",
        "urge",
        "decry",
        "warn",
        "blame",
    } <= cues.speech
    assert "believe" in cues.belief and "say" not in cues.belief
    assert {"confess", "muse", "opine", "elaborate", "beam", "bark"} <= cues.speech


def test_the_layer_satisfies_the_contract():
    layer: Layer = QuotesLayer()
    assert layer.name == "quotes"


# --- speaker resolution on plain records, no model -------------------------------------------


TEXT = (
    "UN rights chief Zeid Ra'ad Al Hussein spoke. "  # 0..44
    "The UN rights chief said the city was burning. "
    "Kerry met him. He said talks were over. "
    "A US official said more. "
    "The Islamic State group said it attacked."
)


def _ent(text: str, label: str, actor: str | None, actor_type: str | None, nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return Entity(start, start + len(text), text, label, actor, actor_type, 0, len(TEXT))


ENTITIES = [
    _ent("UN", "ORG", "United Nations", "organisation"),
    _ent("Zeid Ra'ad Al Hussein", "PERSON", "Zeid Ra'ad Al Hussein", "person"),
    _ent("UN", "ORG", "United Nations", "organisation", nth=1),
    _ent("Kerry", "PERSON", "John Kerry", "person"),
    _ent("US", "GPE", "United States", "state"),
    _ent("The Islamic State", "ORG", "Islamic State", "armed group"),
]


def _candidate(
    speaker: str, cue: str, content: str, head: str | None = None, time: str | None = None, nth: int = 0
) -> QuoteCandidate:
    s = -1
    for _ in range(nth + 1):
        s = TEXT.index(speaker, s + 1)
    c = TEXT.index(content, s)
    h = TEXT.index(head or speaker.split()[-1], s)
    return QuoteCandidate(
        c, c + len(content), content, "indirect", cue, TEXT.index(cue, s), speaker, s, s + len(speaker), h, time
    )


def _finish(records: list[QuoteCandidate], date: dt.date | None = SEED_DATE) -> list[Quote]:
    article = Article(id="x", title="t", text=TEXT, date=date)
    context = ArticleContext(article, [Sentence(0, len(TEXT))], ENTITIES)
    return QuotesLayer().finish(records, context, Earlier.given(QuotesLayer()))


@pytest.mark.parametrize(
    ("record", "speaker", "speaker_type"),
    [
        (
            _candidate("The UN rights chief", "said", "the city was burning", head="chief"),
            "Zeid Ra'ad Al Hussein",
            "person",
        ),  # a role noun the article names elsewhere
        (_candidate("A US official", "said", "more", head="official"), "A US official", None),  # unnamed, as written
        (_candidate("The Islamic State group", "said", "it attacked", head="group"), "Islamic State", "armed group"),
    ],
)
def test_speakers_resolve_to_actors(record, speaker, speaker_type):
    (quote,) = _finish([record])
    assert (quote.speaker, quote.speaker_type) == (speaker, speaker_type)
    assert (quote.speaker_start, quote.speaker_end) == (record.speaker_start, record.speaker_end)  # mention kept


def test_a_pronoun_goes_to_the_last_person_who_spoke():
    first = _candidate("The UN rights chief", "said", "the city was burning", head="chief")
    pronoun = _candidate("He", "said", "talks were over")
    quotes = _finish([pronoun, first])  # order of reading does not matter
    assert [q.speaker for q in quotes] == ["Zeid Ra'ad Al Hussein", "Zeid Ra'ad Al Hussein"]


def test_a_pronoun_with_no_speaker_before_it_takes_the_last_person_named():
    (quote,) = _finish([_candidate("He", "said", "talks were over")])
    assert quote.speaker == "John Kerry"


@pytest.mark.parametrize(
    ("time", "date", "expected", "inferred"),
    [
        ("Monday", SEED_DATE, dt.date(2016, 10, 3), False),
        (None, SEED_DATE, SEED_DATE, True),
        ("Monday", None, None, False),
        (None, None, None, True),
    ],
)
def test_quote_dates_come_from_the_cue(time, date, expected, inferred):
    record = _candidate("A US official", "said", "more", head="official", time=time)
    (quote,) = _finish([record], date)
    assert (quote.date, quote.date_inferred) == (expected, inferred)


def test_an_unattributed_quote_without_a_speaker_before_it_is_dropped():
    start = TEXT.index("the city")
    orphan = QuoteCandidate(start, start + 8, "the city", "direct", None, None, None, None, None, None, None)
    assert _finish([orphan]) == []


# --- the real model ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def quotes_extractor(extractor) -> Extractor:
    """The configured extractor with only the quotes layer (another layer's bugs are not ours)."""
    return Extractor(extractor.nlp, extractor.lexicon, extractor.settings, layers=[QuotesLayer()])


def _quotes(ex: Extractor, text: str, date: dt.date | None = SEED_DATE) -> list[Quote]:
    article = make_article(text, title="Test", date=date)
    return ex.extract_one(article).quotes


def _by_cue(ex: Extractor, text: str, cue: str) -> list[Quote]:
    return [q for q in _quotes(ex, text) if q.cue == cue]


def _by_text(quotes: list[Quote], fragment: str) -> Quote:
    matches = [q for q in quotes if fragment in q.text]
    assert matches, f"no quote with {fragment!r} in {[q.text for q in quotes]}"
    return matches[0]


@pytest.mark.parametrize(
    ("text", "fragment", "kind", "speaker", "cue"),
    [
        (
            "“We will not give up,” said Foreign Minister Sergei Lavrov.",
            "We will not give up",
            "direct",
            "Sergei Lavrov",
            "said",
        ),
        (
            "John Kerry said in a statement that the talks were over.",
            "the talks were over",
            "indirect",
            "John Kerry",
            "said",
        ),
        (
            "The city fell on Monday, according to the Syrian Observatory for Human Rights.",
            "The city fell",
            "indirect",
            "Syrian Observatory for Human Rights",
            "according to",
        ),
        (
            "Rebels accused the army of shelling the hospital, the monitor said.",
            "accused the army",
            "indirect",
            "monitor",
            "said",
        ),
        (
            "Sergei Lavrov warned that the crisis would deepen.",
            "the crisis would deepen",
            "indirect",
            "Sergei Lavrov",
            "warned",
        ),
    ],
)
def test_quotes_in_news_sentences(quotes_extractor, text, fragment, kind, speaker, cue):
    quote = _by_text(_quotes(quotes_extractor, text), fragment)
    assert (quote.kind, quote.speaker, quote.cue) == (kind, speaker, cue)


@pytest.mark.parametrize(
    "text",
    [
        "No one said anything worth quoting here.",
        "“Unbalanced marks never crash,” he said “and this one stays open",
        "“" + " ".join(["word"] * 2000) + ",” he said.",
        "“All of this is quoted.”\n“And this too.”\n“Nothing else.”",
        "“He told me “never” and “left” at once,” she said.",
        "”””“““ ,,, “",
    ],
)
def test_bad_input_gives_sensible_output(quotes_extractor, text):
    quotes = _quotes(quotes_extractor, text)
    for q in quotes:
        assert 0 <= q.start < q.end and q.kind in ("direct", "partial", "indirect")
        assert q.speaker is None or q.speaker.strip()


def test_a_long_quote_is_one_record(quotes_extractor):
    words = " ".join(["word"] * 2000)
    quotes = _quotes(quotes_extractor, f"“{words},” Kerry said.")
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 1 and len(direct[0].text.split()) == 2000 and direct[0].speaker == "Kerry"


def test_quotes_without_a_speaker_are_not_invented(quotes_extractor):
    assert _quotes(quotes_extractor, "“All of this is quoted.”\n“And this too.”") == []


def test_a_quote_paragraph_continues_the_previous_speaker_across_chunks(quotes_extractor, extractor):
    text = (
        "Opening line of the story.\n"
        "“The siege must end now,” said UN envoy Staffan de Mistura.\n"
        "“Every day costs lives.”\n"
        "Rebels fired on the city."
    )
    whole = _quotes(quotes_extractor, text)
    chunked_ex = Extractor(extractor.nlp, extractor.lexicon, Settings(chunk_chars=70), layers=[QuotesLayer()])
    chunked = _quotes(chunked_ex, text)
    for quotes in (whole, chunked):
        continuation = _by_text(quotes, "Every day costs lives")
        assert continuation.speaker == "Staffan de Mistura" and continuation.cue is None
        assert continuation.kind == "direct"


def test_quote_records_fill_the_store_and_json(quotes_extractor, store, seed_article):
    extraction = quotes_extractor.extract_one(seed_article)
    assert store.add(extraction)
    stored = store.quotes()
    assert len(stored) == len(extraction.quotes) > 0
    assert set(Quote._fields) <= set(stored.columns)
    data = json.loads(json.dumps(to_json(extraction)))
    first = data["quotes"][0]
    assert set(first) == set(Quote._fields)
    assert first["date"] == "2016-10-04"


# --- the seed article: every quoted passage gets the right speaker and date -------------------


SEED_QUOTES = [
    # (fragment of the quoted passage, speaker, date, kind)
    ("abandoning the pursuit of peace", "John Kerry", SEED_DATE, "partial"),
    ("ghastly avalanche of violence", "Zeid Ra'ad Al Hussein", SEED_DATE, "partial"),  # "the UN rights chief"
    ("gradually advancing", "Syrian Observatory for Human Rights", SEED_DATE, "partial"),
    ("They are focusing on the tall buildings", "Rami Abdel Rahman", SEED_DATE, "direct"),
    ("Everybody’s patience with Russia has run out", "Josh Earnest", SEED_DATE, "direct"),
    ("laser-focused", "A US official", SEED_DATE, "partial"),
    ("we did not come to lightly", "John Kerry", SEED_DATE, "partial"),
    ("We are not abandoning the pursuit of peace", "John Kerry", SEED_DATE, "direct"),  # "he added"
    ("People who are serious about making peace", "John Kerry", SEED_DATE, "direct"),  # "he said"
    ("We are not shirking our responsibility", "Sergei Lavrov", SEED_DATE, "direct"),
    ("ghastly avalanche of violence and destruction", "Zeid Ra'ad Al Hussein", SEED_DATE, "partial"),
    ("I was taking pictures of the party", "Walid Mohammad", SEED_DATE, "direct"),
    ("I saw so many people die", "Walid Mohammad", SEED_DATE, "direct"),  # the continuation paragraph
]


@pytest.fixture(scope="module")
def seed_quotes(quotes_extractor, seed_article) -> list[Quote]:
    return quotes_extractor.extract_one(seed_article).quotes


@pytest.mark.parametrize(("fragment", "speaker", "date", "kind"), SEED_QUOTES)
def test_seed_quoted_passages(seed_quotes, fragment, speaker, date, kind):
    marked = [q for q in seed_quotes if q.kind != "indirect" and q.text.rstrip(".,") == fragment]
    marked = marked or [q for q in seed_quotes if q.kind != "indirect" and q.text.startswith(fragment)]
    assert len(marked) == 1, [q.text for q in seed_quotes]
    quote = marked[0]
    assert (quote.speaker, quote.date, quote.kind) == (speaker, date, kind)


def test_every_quoted_passage_of_the_seed_is_found(seed_quotes, seed_article):
    marked = [q for q in seed_quotes if q.kind != "indirect"]
    assert len(marked) == len(SEED_QUOTES) == len(find_quote_spans(seed_article.text))


@pytest.mark.parametrize(
    ("fragment", "speaker", "date", "inferred"),
    [
        ("that it would suspend joint efforts", "United States", dt.date(2016, 10, 3), False),  # "late Monday"
        ("the decision was one", "John Kerry", SEED_DATE, False),  # "Kerry said Tuesday"
        ("rebel shelling on the government-held west", "SANA", SEED_DATE, True),  # "Tuesday" is the content's
        ("its embassy compound in Damascus", "Russia's foreign ministry", SEED_DATE, True),
        ("the largest hospital in the rebel-held side", "Syrian American Medical Society", SEED_DATE, True),
        ("one of its members had fired", "Islamic State", SEED_DATE, True),
        ("the Security Council to introduce a limit", "Zeid Ra'ad Al Hussein", SEED_DATE, True),  # "He urged"
    ],
)
def test_seed_reported_speech(seed_quotes, fragment, speaker, date, inferred):
    quote = _by_text([q for q in seed_quotes if q.kind == "indirect"], fragment)
    assert (quote.speaker, quote.date, quote.date_inferred) == (speaker, date, inferred)


def test_seed_speaker_mentions_point_into_the_text(seed_quotes, seed_article):
    earnest = _by_text(seed_quotes, "Everybody’s patience")
    assert seed_article.text[earnest.speaker_start : earnest.speaker_end] == "White House spokesman Josh Earnest"
    added = _by_text(seed_quotes, "We are not abandoning")
    assert seed_article.text[added.speaker_start : added.speaker_end] == "he"
    assert added.cue == "added"
    lavrov = _by_text(seed_quotes, "We are not shirking")
    assert (lavrov.date, lavrov.date_inferred) == (SEED_DATE, False)  # "Lavrov however said Tuesday:"


def test_an_undated_seed_keeps_dates_unresolved(quotes_extractor, seed_article):
    from dataclasses import replace

    quotes = quotes_extractor.extract_one(replace(seed_article, date=None)).quotes
    assert quotes and all(q.date is None for q in quotes)


@pytest.mark.parametrize(
    ("body", "title"),
    [
        ("CBS This Morning", True),
        ("Gang of Eight,", True),
        ("The Nightly Show with Larry Wilmore.", True),
        ("Okay,", False),  # one word: as often an answer as a title
        ("laser-focused", False),
        ("Everybody’s patience with Russia has run out,", False),
        ("I Will Not Back Down", False),  # a statement, even in title case
        ("We Are Going To Go All The Way To Cleveland And Secure The Nomination", False),  # too long for a name
    ],
)
def test_quoted_titles_are_not_statements(body, title):
    from wirelens.extraction.quotes.spans import looks_like_title

    assert looks_like_title(body) is title


# --- direct or partial: how much of the reported statement the quotation marks hold -----------


@pytest.mark.parametrize(
    ("text", "fragment", "kind"),
    [
        # The quote is the statement itself: direct.
        ('Clinton responded: "We will see what happens."', "We will see what happens", "direct"),
        ('"We will see what happens," Clinton responded.', "We will see what happens", "direct"),
        ('Trump told reporters on Monday that "we are going to win."', "we are going to win", "direct"),
        # A label the writer's sentence gives in the speaker's words is a phrase inside it (issue 20):
        # partial, however much of the statement it is.
        (
            'Ohio Democratic Party Chairman David Pepper called the ruling a "huge win for Ohio voters."',
            "huge win for Ohio voters",
            "partial",
        ),
        ('Cruz called Trump a "pathological liar."', "pathological liar", "partial"),
        ('Senator Bernie Sanders described the plan as "a gift to Wall Street."', "a gift to Wall Street", "partial"),
        # A few quoted words inside the writer's own sentence stay partial.
        ('A US official said Kerry is "laser-focused" on finding a solution.', "laser-focused", "partial"),
        ('Hillary Clinton said Donald Trump favors a "strongman approach."', "strongman approach", "partial"),
        # Mostly quoted, but the writer's words go on after it or it only qualifies the writer's noun.
        ('The minister decried the "ghastly avalanche of violence" in east Aleppo.', "ghastly avalanche", "partial"),
        ('Kerry said Tuesday the decision was one "we did not come to lightly."', "we did not come", "partial"),
        # A whole sentence of the speaker's, capitalised and sentence-long, is direct whatever surrounds it.
        (
            'Rubio said he would stay in the race, adding "We are going to win this state in March."',
            "We are going to win",
            "direct",
        ),
        ('Trump said the "Obama administration" failed.', "Obama administration", "partial"),  # negative: short
        # The writer's words open the reported clause: a quoted phrase inside reported speech (issue 20).
        ('Trump told reporters on Monday that they were "being ridiculous."', "being ridiculous", "partial"),
        ('Clinton said she was "going to put a lot of coal miners out of business."', "going to put", "partial"),
        # The writer adds only the subject of the speaker's words: the statement itself.
        (
            'Blackwell endorsed Cruz, saying he "has consistently demonstrated his deep commitment to principle."',
            "has consistently",
            "direct",
        ),
        ('Kerry said that it "was a decision we did not come to lightly."', "was a decision", "direct"),
        ('Sanders promised to "end the excessively wasteful deportation regime."', "end the excessively", "direct"),
        # The writer names only the subject of the speaker's words (and its auxiliary): the statement itself.
        (
            'He told reporters Clinton "has a number of super PACs and she is also raising significant sums from Wall '
            'Street."',
            "has a number",
            "direct",
        ),
        (
            'The company said it will "be adding this missing data in January and expect to be done by the end of '
            'the month."',
            "be adding",
            "direct",
        ),
        # Negative: a subject with the writer's verb is the writer's sentence (see "she was" above).
        (
            'Hillary Clinton said Donald Trump favors a "strongman approach to the whole region."',
            "strongman",
            "partial",
        ),
        # A short capitalised label with the writer's full stop inside the marks is no sentence.
        ('Cruz attacked Trump for his "New York values."', "New York values", "partial"),
        # Negative: an object pronoun opens a label in the writer's sentence.
        ('Sanders called her "an extremely intelligent woman with a wonderful resume."', "an extremely", "partial"),
        # Negatives: a quoted term the clause goes on about, and a clause the parser split off its subject.
        ('Ted Cruz said the "New York values" of Trump were a problem for voters.', "New York values", "partial"),
        (
            'Kerry insisted Washington’s decision to halt talks did not mean it was "abandoning the pursuit of peace".',
            "abandoning the pursuit",
            "partial",
        ),
    ],
)
def test_quote_kind_follows_the_quoted_share_of_the_statement(quotes_extractor, text, fragment, kind):
    marked = [q for q in _quotes(quotes_extractor, text) if q.kind != "indirect"]
    assert _by_text(marked, fragment).kind == kind


# --- which cue and which speaker -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "mention", "cue"),
    [
        # The outer cue reports the inner one: her statement, not his.
        (
            'Hillary Clinton said Donald Trump favors a "strongman approach."',
            "strongman approach",
            "Hillary Clinton",
            "Hillary Clinton",
            "said",
        ),
        # ", saying ..." is a statement of its own, not part of what "attacked" reports.
        (
            'Trump attacked the press at a rally in Ohio, saying the media is "totally dishonest."',
            "totally dishonest",
            "Trump",
            "Trump",
            "saying",
        ),
        # A relative pronoun names the speaker in its clause; the speaker is its antecedent.
        (
            'The bill was backed by Senator Tim Kaine, who said it would "help working families."',
            "help working families",
            "Tim Kaine",
            "who",
            "said",
        ),
        # "by saying": the subject of the verb the participle hangs from.
        (
            'Elizabeth Warren spoke on Tuesday. She responded to the tweet by saying, "Seriously, just stop lying."',
            "Seriously",
            "Elizabeth Warren",
            "She",
            "saying",
        ),
        # A cue in the next paragraph does not attribute the quote: it continues the speaker before it.
        (
            'Ted Cruz spoke in Iowa.\n"They sue," he said. "Everybody sues, right?"\n'
            "Later, Marco Rubio claimed that Muslim Americans face no discrimination.",
            "Everybody sues",
            "Ted Cruz",
            "he",
            None,
        ),
        (
            '"They sue," he said. "Everybody sues, right?" Marco Rubio said.',
            "Everybody sues",
            "Marco Rubio",
            "Marco Rubio",
            "said",
        ),  # negative: in its own paragraph the cue after the quote is its cue
    ],
)
def test_cues_and_speakers(quotes_extractor, text, fragment, speaker, mention, cue):
    quote = _by_text([q for q in _quotes(quotes_extractor, text) if q.kind != "indirect"], fragment)
    assert (quote.speaker, text[quote.speaker_start : quote.speaker_end], quote.cue) == (speaker, mention, cue)


# --- speakers the parse leaves without a subject ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "mention"),
    [
        # An inverted subject read as the cue's object, or the cue read as an adjective of the name.
        ("“How big is that wall?” asked the boy, who wore a hat.", "How big", "boy", "the boy"),
        (
            '"Debate recap," tweeted Rubio spokesman Alex Conant.',
            "Debate recap",
            "Alex Conant",
            "Rubio spokesman Alex Conant",
        ),
        # A person named by age is not a date.
        ("“Donald is an amazing leader,” said the 46-year-old.", "Donald is", "46-year-old", "the 46-year-old"),
        # The sender of a statement, an email or an ad speaks through it.
        (
            'On Saturday, Trump issued a statement saying that Scalia was "a remarkable person and a brilliant justice."',
            "a remarkable person",
            "Donald Trump",
            "Trump",
        ),  # a lone surname: the one Trump the lexicon knows
        # A name right before a cue left without a subject, or the subject of a verb hung before it.
        (
            "In a statement to the Observer, her senior policy adviser, Jake Sullivan, said: "
            "“Hillary Clinton believes that cooperation is essential.”",
            "Hillary Clinton believes",
            "Jake Sullivan",
            "Jake Sullivan",
        ),
        (
            'Clinton, exasperated, famously responded: "What difference does it make?"',
            "What difference",
            "Clinton",
            "Clinton",
        ),
        # Negative: a place in a prepositional phrase before the cue is not the speaker.
        (
            "Trump, in Kentucky, said Tuesday that Rubio was “a total lightweight.”",
            "a total lightweight",
            "Donald Trump",
            "Trump",
        ),
        # A new speech cue, inverted.
        (
            "“This is fantastic!” beamed Donald Hartley of Madison, Alabama.",
            "This is fantastic",
            "Donald Hartley",
            "Donald Hartley of Madison",
        ),
    ],
)
def test_speakers_the_parse_misses(quotes_extractor, text, fragment, speaker, mention):
    quote = _by_text([q for q in _quotes(quotes_extractor, text) if q.kind != "indirect"], fragment)
    assert (quote.speaker, text[quote.speaker_start : quote.speaker_end]) == (speaker, mention)


@pytest.mark.parametrize(
    ("text", "cue", "mention"),
    [
        # A cue set off by commas inside the clause it reports: its subject is beside it, after or before.
        ("The contrast with Trump, said Mark Doyle, would be clear since Trump has no plan.", "said", "Mark Doyle"),
        ("Trump, said the Times, would not comment on the deal.", "said", "the Times"),
        ('"My apologies, I am sorry," said Becky Quick, who was hosting.', "said", "Becky Quick"),
        # Two subjects: the one next to the cue ("Voters" is the reported clause's).
        (
            "Voters, Clinton suggested, don't have to worry that big banks can influence politicians.",
            "suggested",
            "Clinton",
        ),
        # A dateline before a spaced dash is no part of the speaker's name.
        ("LONDON - Donald Trump said he was unlikely to get along with David Cameron.", "said", "Donald Trump"),
        # Negatives: an object after a cue is the one addressed; a subject before its cue stays.
        ("Trump, speaking in Iowa, told reporters that he would win the state.", "told", "Trump"),
        ("Clinton, exasperated, said the deal was bad for workers.", "said", "Clinton"),
    ],
)
def test_the_subject_beside_the_cue_speaks(quotes_extractor, text, cue, mention):
    found = _by_cue(quotes_extractor, text, cue)
    assert found
    assert text[found[0].speaker_start : found[0].speaker_end] == mention


@pytest.mark.parametrize(
    ("text", "cue", "mention"),
    [
        # The parser ran the sentence across paragraph breaks and took a subject of the paragraph before:
        # the name before the verb in the cue's own paragraph speaks.
        (
            "WASHINGTON (AP) — The Latest on campaign 2016 in the lead up to Tuesday’s New York primary (all "
            "times Eastern Daylight Time):\n\n9:34 p.m.\n\nDonald Trump has delivered an impassioned defense "
            "of “New York values,” saying the city embodied the “bravery, heart and soul of America.”",
            "saying",
            "Donald Trump",
        ),
        # Negative: a line wrapped mid-sentence is no paragraph break.
        (
            "The president landed in Orlando on Thursday.\n\nObama, who has denounced the attack as a hate\n"
            "crime, reiterated his frustration over the easy availability of guns in America.",
            "reiterated",
            "Obama",
        ),
    ],
)
def test_the_speaker_is_in_the_cues_paragraph(quotes_extractor, text, cue, mention):
    found = _by_cue(quotes_extractor, text, cue)
    assert found and all(text[q.speaker_start : q.speaker_end] == mention for q in found)


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        # A possessive pronoun owning a report stands for the person it would as a subject.
        ("Donald Trump spoke in Iowa. His comments on Muslims drew criticism.", "comments", "Donald Trump"),
        ("Donald Trump spoke in Iowa. He repeated his call for a wall on the border.", "call", "Donald Trump"),
    ],
)
def test_a_possessive_pronoun_owns_its_report(quotes_extractor, text, cue, speaker):
    assert [q.speaker for q in _by_cue(quotes_extractor, text, cue)] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        # An object after a cue that follows a quote is not an inverted subject.
        "Trump summed up Clinton as “terrible,” denounced her record as secretary of state and said she "
        "should not run.",
        # A verb inside doubled apostrophes is the speaker's word, not a cue of its own.
        "''I think our country does plenty of killing also,'' Mr. Trump said.",
    ],
)
def test_no_speaker_from_objects_or_quoted_verbs(quotes_extractor, text):
    quotes = _quotes(quotes_extractor, text)
    mentions = [text[q.speaker_start : q.speaker_end] for q in quotes if q.speaker_start is not None]
    assert not any(m in ("her record", "I") for m in mentions), mentions
    assert all(q.cue != "think" for q in quotes)


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # A name and a colon before the quote: newsletter and poll-roundup style.
        (
            "RED STATES OUTNUMBER BLUE STATES - Jeffrey M. Jones: “Gallup’s analysis finds that 20 states are "
            "Republican.”",
            "Gallup’s analysis",
            "Jeffrey M. Jones",
        ),
        # A dash and a name after it, in the next paragraph.
        (
            "“Boeing and GE and other multinationals pay zero taxes.”\n\n- Bernie Sanders.",
            "Boeing and GE",
            "Bernie Sanders",
        ),
        # The author a digest names after a dash wins over the headline's verb before it.
        (
            "Pollsters agree - Carl Bialik: “One of the biggest lessons was a simple one: keep contacting voters.”",
            "One of the biggest",
            "Carl Bialik",
        ),
        (
            "INDIANA’S DEMOGRAPHICS FAVOR CRUZ, BUT ECONOMY FAVORS TRUMP - David Wasserman: “Indiana, which bills "
            "itself as the Crossroads of America, has long looked like a huge fork in the road.”",
            "Indiana, which",
            "David Wasserman",
        ),
        # Negatives: a channel after "on", and a dash before words that are no name.
        ("Then, later that month on CNN: “We are going to win this state.”", "We are going", None),
        ("“We are going to win this state.”\n\n- The end of the story.", "We are going", None),
    ],
)
def test_sources_named_by_punctuation(quotes_extractor, text, fragment, speaker):
    found = [q for q in _quotes(quotes_extractor, text) if fragment in q.text]
    if speaker is None:
        assert found == []
    else:
        assert [(q.speaker, q.cue, q.kind) for q in found] == [(speaker, None, "direct")]


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "cue"),
    [
        # Without the dash the verb before the colon is the cue, and its subject speaks.
        (
            "Pollsters agree with Carl Bialik: “One of the biggest lessons was a simple one: keep contacting voters.”",
            "One of the biggest",
            "Pollsters",
            "agree",
        ),
        # "As X put it": a way of saying.
        (
            'As John Cornyn, the No. 2 in the GOP leadership, put it: "This person will not be confirmed."',
            "This person",
            "John Cornyn",
            "put",
        ),
        (
            'At the time, as prosecutor Marc Trevidic put it, "apart from the wrong crowd, there was nothing."',
            "apart from",
            "Marc Trevidic",
            "put",
        ),
    ],
)
def test_cues_before_a_colon_or_put_it(quotes_extractor, text, fragment, speaker, cue):
    quote = _by_text([q for q in _quotes(quotes_extractor, text) if q.kind != "indirect"], fragment)
    assert (quote.speaker, quote.cue) == (speaker, cue)


def test_putting_something_somewhere_is_no_cue(quotes_extractor):
    quotes = _quotes(quotes_extractor, 'He will put it on the table, "and then we will see."')
    assert all(q.cue != "put" for q in quotes)
    assert not any(q.kind == "indirect" and q.cue == "put" for q in quotes)


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        ('"We found water," the planets said.', "We found water", None),  # a thing, not a speaker
        ('"Thank you," you said.', "Thank you", None),  # the reader
        ('"It is cold," I said.', "It is cold", None),  # the writer
        ("Studies show that smoking kills.", "smoking kills", None),
        ("The results suggest that the planet is warm.", "the planet is warm", None),
        ('"We will fight," it said.', "We will fight", None),  # no one before "it"
        ('Officials said "we will fight".', "we will fight", "Officials"),  # people by role
        ("The company said it would cut jobs.", "it would cut jobs", "company"),
        # Generic nouns say only that someone spoke; a name or an owner in the phrase says who.
        ("Scientists said the results were clear.", "the results were clear", None),
        ("People said the vote was rigged.", "the vote was rigged", None),
        ('"We are heartbroken," the family said.', "We are heartbroken", None),
        ("A lot of people said the vote was rigged.", "the vote was rigged", None),
        ('"He was kind," a woman told reporters.', "He was kind", None),
        ("Syrian researchers said the results were clear.", "the results were clear", "Syrian researchers"),
        (
            "Researchers at Oxford University said the results were clear.",
            "the results were clear",
            "Researchers at Oxford University",
        ),
        ('"We are heartbroken," the victim\'s family said.', "We are heartbroken", "victim's family"),
        ("People from Tanzania said the vote was rigged.", "the vote was rigged", "People from Tanzania"),
        ("Police said the vote was rigged.", "the vote was rigged", "Police"),  # an institution's voice
        ('"We will win," Trump said.', "We will win", "Donald Trump"),  # a name
        ("Trump said the media is dishonest.", "the media is dishonest", "Donald Trump"),  # sentence-initial name
        ("Some of her followers said the vote was rigged.", "the vote was rigged", "Some of her followers"),
        ("Half of voters said the economy was bad.", "the economy was bad", "Half of voters"),
        ("Many Republicans said the race was over.", "the race was over", "Many Republicans"),
        ("Those close to him said he would run.", "he would run", None),  # no one the story names
    ],
)
def test_junk_speakers_are_unattributed(quotes_extractor, text, fragment, speaker):
    quote = _by_text(_quotes(quotes_extractor, text), fragment)
    assert quote.speaker == speaker
