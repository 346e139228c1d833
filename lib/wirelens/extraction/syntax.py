"""Small facts about English syntax that several layers read the parse with.

Closed-class words (pronouns) are grammar, not vocabulary a researcher edits, so they stay
code; each set is named for what it holds, because the layers need different ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: importing this module costs no spaCy import
    from spacy.tokens import Token

# Pronouns that can stand for a quote's speaker ("he said", "they added").
SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
# Of those, the ones only a person can be: "he said" is a person, "it said" may be a ministry.
PERSON_SPEAKER_PRONOUNS = frozenset({"he", "she", "i"})
# Third-person pronouns that stand for one person, as subject or object ("accused him").
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
# Pronouns that stand for a group, state or organisation ("they shelled", "its forces").
GROUP_PRONOUNS = frozenset({"it", "they", "them", "its", "their"})
# Relative pronouns: "Smith, who said" speaks for the name before them.
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
# Words that open a phrase naming no one the story can point at: the reader ("your family", "you"
# in a public notice), the writer ("our correspondent" aside, "my"), or anyone at all ("everyone").
NO_ONE_WORDS = frozenset(
    {
        "your",
        "my",
        "our",
        "everyone",
        "everybody",
        "someone",
        "somebody",
        "anyone",
        "anybody",
        "nobody",
        "no one",
        "those",
        "these",
        "this",
        "many",
        "some",
        "others",
        "all",
        "both",
        "each",
        "none",
        "few",
        "whoever",
        "what",
        "whatever",
        "one",
    }
)
# Words that only open a reported clause: 'told reporters that "we will win"' reports the quote.
COMPLEMENTISERS = frozenset({"that", "whether", "if"})


def with_conjuncts(tokens: Iterable[Token]) -> list[Token]:
    """The tokens and their coordinated tokens, each once, in order: "Russia and Syria" -> both."""
    out: list[Token] = []
    for token in tokens:
        for t in (token, *token.conjuncts):
            if t not in out:
                out.append(t)
    return out
