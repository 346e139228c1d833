"""What a cue reports when it has no clause of its own: the clause it is set into, its topic, the subject
of a passive report; and the statement a headline's name makes before a colon. Run on the real model."""

from __future__ import annotations

import pytest

from wirelens.extraction.quotes import headlines, mentions, statements
from wirelens.extraction.quotes.cues import load_cues


@pytest.fixture(scope="module")
def nlp():
    from wirelens.extraction.nlp import load_model

    return load_model()


def _content(nlp, rule, text: str, cue: str) -> str | None:
    doc = nlp(text)
    (token,) = [t for t in doc if t.text == cue]
    content = rule(token, load_cues())
    if content is None or content is statements.NOTHING:
        return None
    return text[content.start : content.end]


@pytest.mark.parametrize(
    ("rule", "text", "cue", "expected"),
    [
        (
            statements.host_clause,
            "This campaign, he says, is different.",
            "says",
            "This campaign, he says, is different",
        ),
        (
            statements.host_clause,
            "As the Post reported today, the State Department issued subpoenas to the foundation.",
            "reported",
            "the State Department issued subpoenas to the foundation",
        ),
        (statements.host_clause, "He said that the talks were over.", "said", None),  # a clause of its own
        (statements.host_clause, "The rally ended as the senator spoke.", "spoke", None),  # "as": a time, no mark
        (
            statements.topic_of_the_cue,
            "Trump's campaign has not commented on the reason for the delay.",
            "commented",
            "the reason for the delay",
        ),
        (
            statements.topic_of_the_cue,
            "She spoke about how the consulate had been looted.",
            "spoke",
            "how the consulate had been looted",
        ),
        (
            statements.topic_of_the_cue,
            "Gross was referring to Jim Brady and his wife.",
            "referring",
            "Jim Brady and his wife",
        ),
        (
            statements.topic_of_the_cue,
            "Clinton is calling for the United States to take a stronger role.",
            "calling",
            "for the United States to take a stronger role",
        ),
        (statements.topic_of_the_cue, "He spoke on Monday.", "spoke", None),  # a time, not a topic
        (statements.topic_of_the_cue, "She spoke in Ohio.", "spoke", None),
        (statements.topic_of_the_cue, "He said on the campaign trail.", "said", None),  # where it was said
        (statements.topic_of_the_cue, "He wrote to the senator.", "wrote", None),  # "to": the one addressed
        (statements.passive_subject, "O'Malley's move was first reported by MSNBC.", "reported", "O'Malley's move"),
        (statements.passive_subject, "Trump was criticized for his remarks.", "criticized", None),  # no agent
    ],
)
def test_content_of_a_cue_without_a_clause(nlp, rule, text, cue, expected):
    assert _content(nlp, rule, text, cue) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("O'Malley's move was first reported by MSNBC.", "MSNBC"),
        ("The deal was praised by Senator John McCain.", "McCain"),
        ("MSNBC reported the move.", None),  # active: its subject speaks
    ],
)
def test_the_agent_of_a_passive_cue_speaks(nlp, text, expected):
    doc = nlp(text)
    cue = next(t for t in doc if t.lemma_ in ("report", "praise"))
    agent = mentions.passive_agent(cue)
    assert (agent.text if agent is not None else None) == expected


@pytest.mark.parametrize(
    ("text", "speaker", "statement"),
    [
        (
            "Graham: Trump’s Rhetoric Destroying GOP’s Chance to Win the Presidency\nGraham spoke on Thursday.",
            "Graham",
            "Trump’s Rhetoric Destroying GOP’s Chance to Win the Presidency",
        ),
        (
            "John McCain: Populist Anger Appeals to Bad Angels.\nMore text here.",
            "John McCain",
            "Populist Anger Appeals to Bad Angels",
        ),
        # A role noun after the name ("camp", "aides" of speakers.toml) is the name's people speaking.
        (
            "Clinton camp: Trump’s Islamaphobia threatens national security.\nWASHINGTON (UPI) — In a statement.",
            "Clinton camp",
            "Trump’s Islamaphobia threatens national security",
        ),
        ("Clinton aides: The race is far from over\nMore text here.", "Clinton aides", "The race is far from over"),
        ("Clinton wins: Nevada caucus goes to the former secretary\nMore.", None, None),  # no role noun
        ("Obama tower: a fire broke out on the top floor\nMore.", None, None),  # a building, no one
        ("Syria: Rebels take the town of Idlib\nThe rebels took it.", None, None),  # a dateline
        ("The Latest: Trump says he will win the state\nHe said so.", None, None),  # a headline label
        ("Update: the vote was delayed by an hour\nIt was.", None, None),
        ('Graham: "We will win this state"\nHe said so.', None, None),  # a quote: read as a quote
        ("Graham: No.\nHe said so.", None, None),  # too short to be a statement
    ],
)
def test_a_name_and_a_colon_open_a_statement(nlp, text, speaker, statement):
    found = headlines.named_statements(nlp(text), text, frozenset({"camp", "aide", "spokesman"}))
    assert [(s.speaker.phrase.text, text[s.start : s.end]) for s in found] == (
        [(speaker, statement)] if speaker else []
    )


@pytest.mark.parametrize(
    "text",
    [
        "The Ninth Circle: The Hellish View from Inside the Beltway\nMore text.",  # a series title
        "Paid Notice: Deaths SIEGEL, JEROME ARTHUR\nMore text.",
    ],
)
def test_a_title_before_a_colon_names_no_one(nlp, text):
    assert headlines.named_statements(nlp(text), text) == []


@pytest.mark.parametrize(
    ("text", "noun", "expected"),
    [
        (
            "The evidence is weak, according to a court document filed by attorney Dave Aronberg.",
            "document",
            "Aronberg",
        ),
        ("Bernie Sanders is releasing a new ad that urges voters to act.", "ad", "Sanders"),
        ("Trump's statement said the deal was bad.", "statement", "Trump"),
        ("The ad says nothing will change.", "ad", None),  # no sender named: the ad itself is the source
        ("A lawyer filed by the court said so.", "lawyer", None),  # not a message
    ],
)
def test_the_sender_of_a_message(nlp, text, noun, expected):
    from wirelens.extraction.quotes.cues import load_speaker_words

    doc = nlp(text)
    token = next(t for t in doc if t.text == noun)
    sender = mentions.message_sender(token, load_speaker_words())
    assert (sender.text if sender is not None else None) == expected


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # reported speech, then the quote in its paragraph: the same speaker goes on
        (
            'Kerry said that 100,000 would be accepted. "That adds up to 185,000 over two years."',
            "That adds",
            "Kerry",
        ),
        # negatives: a paragraph between, or the writer's words between
        ('Kerry said that 100,000 would be accepted.\n"That adds up to 185,000 over two years."', "That adds", None),
        ('Kerry said that 100,000 would be accepted. Critics disagreed. "That adds up to 185,000."', "That adds", None),
    ],
)
def test_a_quote_goes_on_from_reported_speech_in_its_paragraph(extractor_with_quotes, text, fragment, speaker):
    from wirelens.extraction.articles import make_article

    quotes = extractor_with_quotes.extract_one(make_article(text, title="T")).quotes
    found = [q for q in quotes if q.text.startswith(fragment)]
    assert [q.speaker for q in found] == ([speaker] if speaker else [])


@pytest.fixture(scope="module")
def extractor_with_quotes():
    from wirelens.extraction.lexicon import cached_lexicon
    from wirelens.extraction.nlp import load_model
    from wirelens.extraction.pipeline import Extractor
    from wirelens.extraction.quotes.layer import QuotesLayer

    return Extractor(load_model(), cached_lexicon(), layers=[QuotesLayer()])
