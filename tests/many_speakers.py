"""A generated store of many speakers and actors, without the parser: what a big corpus gives the
quotes and network pages (hundreds of people quoted, hundreds of actors linked), in seconds.

Each article is a run of sentences 'Name said: "..."', one quote each, by speakers named from
first and last name lists; each speaker also criticises or meets the next speaker of the article,
and most address one of a few heads of state, so the network has hubs, as news does.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from wirelens.extraction.articles import make_article
from wirelens.extraction.pipeline import Extraction
from wirelens.extraction.records import Entity, Interaction, Quote, Sentence
from wirelens.store.database import Store

FIRST = (
    "Amina Boris Carla Dmitri Elena Farid Greta Hassan Ines Jonas Kemal Lina Marco Nadia Omar Petra Rashid "
    "Sofia Tariq Ursula Viktor Wanda Yusuf Zora Anton"
).split()
LAST = "Okafor Lindqvist Moreau Petrov Haddad Sato Novak Brennan Duarte Kowalski Mensah Rossi Varga Abadi Ferreira Holm Ibrahim Jansen Kaplan Laine".split()
HUBS = ("President Aldana", "Chancellor Brunt", "Premier Castell")
VERBS = (("criticised", "accuse/criticise"), ("met", "cooperate/negotiate"), ("urged", "demand/appeal"))


def speaker_names(n: int) -> list[str]:
    """``n`` distinct full names (up to 500)."""
    names = [f"{first} {last}" for last in LAST for first in FIRST]
    return names[:n]


def build_store(path: Path, speakers: int = 500, articles: int = 250, per_article: int = 10) -> list[str]:
    """Write the store at ``path``; returns the speakers' names. ``articles * per_article`` quotes,
    speakers taken in turn (all quoted when there are enough quotes), published over 2019-2020,
    said the day of publication or a day or two before (every 11th read off the publication date)."""
    names = speaker_names(speakers)
    with Store(path) as store:
        for a in range(articles):
            published = dt.date(2019, 1, 1) + dt.timedelta(days=(a * 3) % 700)
            cast = [names[(a * per_article + k) % len(names)] for k in range(per_article)]
            store.add(_article(a, cast, published))
    return names


def _article(a: int, cast: list[str], published: dt.date) -> Extraction:
    """One generated article and the records the layers would have found in it."""
    text, sentences, entities, quotes, edges = "", [], [], [], []
    for k, name in enumerate(cast):
        other = HUBS[(a + k) % len(HUBS)] if k % 3 else cast[(k + 1) % len(cast)]
        verb, verb_class = VERBS[(a + k) % len(VERBS)]
        said = f"We will answer number {a * len(cast) + k} today."
        first = f'{name} said: "{said}"'
        second = f"{name} {verb} {other}."
        start = len(text) + (1 if text else 0)
        text += (" " if text else "") + first + " " + second
        s1, s2 = (start, start + len(first)), (start + len(first) + 1, len(text))
        sentences += [Sentence(*s1), Sentence(*s2)]
        entities += [
            Entity(s1[0], s1[0] + len(name), name, "PERSON", name, "person", *s1),
            Entity(s2[0], s2[0] + len(name), name, "PERSON", name, "person", *s2),
            Entity(s2[1] - 1 - len(other), s2[1] - 1, other, "PERSON", other, "person", *s2),
        ]
        q = s1[0] + first.index('"') + 1
        inferred = k % 11 == 10
        day = published if inferred else published - dt.timedelta(days=k % 3)
        quotes.append(
            Quote(q, q + len(said), said, "direct", name, s1[0], s1[0] + len(name), "person", "said", day, inferred)
        )
        v = s2[0] + len(name) + 1
        edges.append(Interaction(v, v + len(verb), name, other, verb, verb_class, *s2, published, "parse"))
    article = make_article(text, title=f"Summit report {a:03d}", date=published, source="Generated")
    assert article.text == text, "cleaning changed the generated text: its offsets would be wrong"
    return Extraction(article, sentences, entities, layers={"quotes": quotes, "interactions": edges})
