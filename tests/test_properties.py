"""Property tests: for any text, no exception, honest offsets, stable ids, idempotent ingest.

CI runs each property on at least 500 examples (the "ci" hypothesis profile in conftest).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from wirelens.extraction.articles import article_id, make_article
from wirelens.extraction.cleaning import clean_text
from wirelens.store.database import Store

NEWS_WORDS = [
    "Kerry",
    "said",
    "Tuesday",
    "rebels",
    "regime forces",
    "Washington",
    "Moscow",
    "Aleppo",
    "US",
    "IS",
    "(IS)",
    "The Islamic State",
    "“",
    "”",
    '"',
    "'",
    "’s",
    "\\’",
    "—",
    "\n",
    "\n\n",
    ".",
    ",",
    "[do_widget_area x]",
    "Comments are closed.",
    "cafÃ©",
    "\u200b",
    "\ufeff",
    "<script>",
    "=cmd|",
]
news_text = st.lists(st.sampled_from(NEWS_WORDS) | st.text(max_size=8), max_size=60).map(" ".join)
any_text = st.text(max_size=400) | news_text


def _article_or_none(raw: str):
    try:
        return make_article(raw)
    except ValueError:  # nothing left after cleaning: refused with a message, never a crash
        return None


@given(any_text)
def test_cleaning_is_idempotent(raw):
    once = clean_text(raw)
    assert clean_text(once) == once


@given(any_text)
def test_article_ids_are_stable_content_hashes(raw):
    first, second = _article_or_none(raw), _article_or_none(raw)
    assert (first is None) == (second is None)
    if first is not None:
        assert first.id == second.id == article_id(first.text)
        assert first.text == first.text.strip() and first.text


@given(any_text)
def test_every_reported_span_indexes_the_text(extractor, raw):
    article = _article_or_none(raw)
    if article is None:
        return
    result = extractor.extract_one(article)
    text = article.text
    for e in result.entities:
        assert text[e.start : e.end] == e.text
        assert 0 <= e.sent_start <= e.start < e.end <= e.sent_end <= len(text)
    for s in result.sentences:
        assert 0 <= s.start <= s.end <= len(text)


@given(st.lists(any_text, min_size=1, max_size=4))
def test_reingesting_is_a_no_op(blank_extractor, raws):
    articles = [a for a in map(_article_or_none, raws) if a is not None]
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "p.duckdb") as store:
        for extraction in blank_extractor.extract(articles):
            store.add(extraction)
        counts = {t: store.query(f"SELECT count(*) AS n FROM {t}")["n"][0] for t in ("articles", "entities")}
        assert counts["articles"] == len({a.id for a in articles})
        for extraction in blank_extractor.extract(articles):
            assert store.add(extraction) is False
        assert {t: store.query(f"SELECT count(*) AS n FROM {t}")["n"][0] for t in counts} == counts
