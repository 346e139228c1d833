"""A long article is finished and stored a section at a time, so its memory does not grow with it (issue 22).

Sections end at chunk ends; offsets index the whole article's cleaned text; the store keeps an
article whole or not at all (its sections committed one by one, its article row last: see
test_store_sections.py); articles shorter than a section come out exactly as before.
"""

from __future__ import annotations

import pytest

from store_rows import table_rows
from wirelens.config import Settings
from wirelens.extraction.articles import make_article
from wirelens.extraction.pipeline import WHOLE, Extractor, Section, default_layers, joined
from wirelens.run import ingest as ingest_module
from wirelens.run.ingest import ingest_articles
from wirelens.store.database import TABLES, Store

PARAGRAPH = (
    "Rebels shelled Aleppo on Monday, killing six people, a monitor said. "
    '"We will fight on," Kerry said in Geneva. Government forces attacked Idlib on Tuesday.'
)


def _extractor(blank_extractor: Extractor, section_chars: int) -> Extractor:
    settings = Settings(chunk_chars=600)
    layers = default_layers(settings)
    return Extractor(blank_extractor.nlp, blank_extractor.lexicon, settings, layers, section_chars=section_chars)


def _long_article(paragraphs: int = 40, n: int = 0):
    return make_article("\n\n".join(f"{PARAGRAPH} ({n}.{i})" for i in range(paragraphs)), title=f"long {n}")


@pytest.fixture(scope="module")
def sectioned(blank_extractor) -> Extractor:
    return _extractor(blank_extractor, section_chars=1_500)


@pytest.fixture(scope="module")
def whole(blank_extractor) -> Extractor:
    return _extractor(blank_extractor, section_chars=10**9)


def test_a_long_article_comes_in_consecutive_sections_with_exact_offsets(sectioned):
    article = _long_article()
    sections = list(sectioned.extract_sections([article]))
    assert len(sections) > 2
    assert [s.section.index for s in sections] == list(range(len(sections)))
    assert [s.section.last for s in sections] == [False] * (len(sections) - 1) + [True]
    counted = 0
    for s in sections:
        assert s.section.first_sentence == counted  # numbered on from the sections before
        counted += len(s.sentences)
        assert s.article is article
    sentences = [x for s in sections for x in s.sentences]
    assert [x.start for x in sentences] == sorted(x.start for x in sentences)
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))  # no sentence read twice
    assert sentences[-1].end == len(article.text.rstrip())
    for s in sections:
        for e in s.entities:
            assert article.text[e.start : e.end] == e.text
        for records in s.layers.values():
            for r in records:
                if hasattr(r, "text") and isinstance(r.text, str) and r.end - r.start == len(r.text):
                    assert article.text[r.start : r.end] == r.text


def test_extract_joins_the_sections_of_each_article(sectioned):
    articles = [make_article(PARAGRAPH, title="short"), _long_article(), make_article("Kerry spoke.", title="s2")]
    got = list(sectioned.extract(articles))
    assert [g.article.id for g in got] == [a.id for a in articles]
    assert all(g.section == WHOLE for g in got)
    parts = [s for s in sectioned.extract_sections([articles[1]])]
    assert got[1] == joined(parts)
    assert got[1].sentences == [x for s in parts for x in s.sentences]


def test_an_article_shorter_than_a_section_is_extracted_as_before(sectioned, whole):
    articles = [make_article(PARAGRAPH * 3, title="a"), make_article(PARAGRAPH, title="b")]
    assert list(sectioned.extract_sections(articles)) == list(whole.extract(articles))


def test_the_store_holds_the_same_rows_whether_an_article_came_whole_or_in_sections(tmp_path, sectioned):
    article = _long_article()
    sections = list(sectioned.extract_sections([article]))
    with Store(tmp_path / "sections.duckdb") as a, Store(tmp_path / "joined.duckdb") as b:
        assert a.add(iter(sections)) is True
        assert b.add(joined(sections)) is True
        assert {t: table_rows(a, t) for t in TABLES} == {t: table_rows(b, t) for t in TABLES}
        idx = [row[1] for row in table_rows(a, "sentences")]
        assert sorted(idx) == list(range(len(idx)))
        assert a.add(iter(sections)) is False  # stored already: nothing written


def test_ingest_stores_long_and_short_articles_in_order(tmp_path, sectioned):
    articles = [_long_article(n=1), make_article(PARAGRAPH, title="short"), _long_article(n=2)]
    with Store(tmp_path / "s.duckdb") as store:
        first = ingest_articles(articles[:1], store, sectioned)
        report = ingest_articles(articles, store, sectioned)  # the first is stored already: not extracted again
        assert first.added == [articles[0].id]
        assert report.already_stored == [articles[0].id] and report.added == [a.id for a in articles[1:]]
        assert store.article_count() == 3
        for article in articles:
            stored = store.query("SELECT count(*) AS n FROM sentences WHERE article_id = ?", [article.id])["n"][0]
            assert stored == len(next(sectioned.extract([article])).sentences)


def test_a_stored_article_s_sections_are_read_past_so_the_next_article_follows(tmp_path, sectioned):
    one, two = _long_article(n=1), _long_article(n=2)
    with Store(tmp_path / "p.duckdb") as store:
        store.add(next(sectioned.extract([one])))
        stream = sectioned.extract_sections([one, two])
        first = next(stream)
        assert store.add(ingest_module.sections_of(first, stream)) is False
        following = next(stream)
        assert following.article is two and following.section.index == 0


def test_a_section_that_fails_leaves_nothing_of_its_article(tmp_path, sectioned, monkeypatch):
    article = _long_article()
    real = sectioned.extract_sections

    def failing(articles, **options):  # options: zones, as extract_all passes them
        for section in real(articles, **options):
            if section.section.index == 2:
                raise RuntimeError("the parser died in the third section")
            yield section

    monkeypatch.setattr(sectioned, "extract_sections", failing)
    with Store(tmp_path / "f.duckdb") as store:
        with pytest.raises(RuntimeError, match="third section"):  # an extraction error, as for a whole article
            ingest_articles([article], store, sectioned)
        assert store.article_count() == 0
        assert {t: table_rows(store, t) for t in TABLES} == {t: [] for t in TABLES}


def test_section_defaults_describe_a_whole_article():
    assert WHOLE == Section(index=0, first_sentence=0, last=True)
