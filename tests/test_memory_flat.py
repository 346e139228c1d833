"""What keeps a long ingest's peak memory flat: bounded parsing batches, Arrow inserts, no vacuum."""

from __future__ import annotations

from dataclasses import replace

import pytest

from store_rows import table_rows
from wirelens.extraction.articles import make_article
from wirelens.run.parallel import PADDED_CHARS, extract_all, padded_batches
from wirelens.store.database import TABLES, extraction_tables


def _article(chars: int, n: int = 0):
    return make_article(("x" * (chars - 1)) + str(n % 10), title=f"a{n}")


def test_padded_batches_keep_order_size_and_budget():
    lengths = [100, 200, 5_000, 300, 50_000, 10, 20, 30, 40, 1_000_000, 7]
    articles = [_article(c, i) for i, c in enumerate(lengths)]
    got = list(padded_batches(articles, 3, max_chars=100_000, budget=10_000))
    assert [a for batch in got for a in batch] == articles  # every article, once, in order
    for batch in got:
        assert len(batch) <= 3
        longest = max(min(len(a.text), 100_000) for a in batch)
        assert len(batch) == 1 or len(batch) * longest <= 10_000  # a longer text goes alone
    assert [len(a.text) for a in got[2]] == [50_000]
    assert [len(a.text) for a in got[-2]] == [1_000_000]


def test_padded_batches_leave_ordinary_batches_whole():
    articles = [_article(3_000, i) for i in range(40)]
    assert [len(b) for b in padded_batches(articles, 16, budget=PADDED_CHARS)] == [16, 16, 8]
    assert list(padded_batches([], 16)) == []


def test_bounded_batches_give_what_one_pipe_gives(blank_extractor, seed_article):
    long = replace(seed_article, id="long", text=seed_article.text * 30)  # far over the budget
    articles = [seed_article, long, make_article("Rebels shelled the city.", title="short")]
    plain = list(blank_extractor.extract(articles))
    for release in (False, True):
        bounded = list(extract_all(articles, blank_extractor, release_memory=release))
        assert [b.article.id for b in bounded] == [a.id for a in articles]
        assert [b.entities for b in bounded] == [p.entities for p in plain]
        assert [b.sentences for b in bounded] == [p.sentences for p in plain]


def test_untypeable_column_falls_back_to_a_frame(blank_extractor):
    ex = blank_extractor.extract_one(make_article("Rebels shelled Aleppo.", title="t"))
    Odd = __import__("collections").namedtuple("Odd", "start end text")
    odd = replace(ex, layers={"places": [Odd(0, 6, "Rebels"), Odd(7, 14, 3.5)]})  # text column: str and float
    assert "places" in extraction_tables(odd)  # built as a pandas frame, not refused


def test_writer_does_not_vacuum_at_checkpoints(store):
    """Vacuum would merge each checkpoint's rows into the last row group and rewrite it whole."""
    assert store.query("SELECT current_setting('max_vacuum_tasks') AS v")["v"][0] == 0


@pytest.mark.parametrize("replace_it", [False, True])
def test_adding_does_not_touch_other_articles(store, blank_extractor, replace_it):
    a, b = (blank_extractor.extract_one(make_article(t, title=t)) for t in ("Rebels left.", "Kerry spoke."))
    store.add(a)
    store.add(b)
    before = {t: table_rows(store, t) for t in TABLES}
    assert store.add(a, replace=replace_it) is replace_it
    assert {t: table_rows(store, t) for t in TABLES} == before


def test_a_long_article_s_rows_are_built_and_inserted_a_piece_at_a_time(tmp_path):
    import datetime as dt

    import pyarrow as pa

    from wirelens.extraction.articles import make_article
    from wirelens.extraction.pipeline import Extraction
    from wirelens.extraction.records import Entity
    from wirelens.store.database import Store
    from wirelens.store.rows import table_pieces

    text = " ".join(f"Person{n} spoke." for n in range(5))
    entities = [
        Entity(n * 15, n * 15 + 7, f"Person{n}", "PERSON", f"Person{n}", "person", 0, len(text)) for n in range(5)
    ]
    ex = Extraction(
        article=make_article(text, title="t", date=dt.date(2020, 1, 1)),
        sentences=[(0, len(text))],
        entities=entities,
        layers={},
    )
    pieces = [(table, piece) for table, piece in table_pieces(ex, rows=2) if table == "entities"]
    assert [piece.num_rows for _, piece in pieces] == [2, 2, 1]
    assert pa.concat_tables([p for _, p in pieces]).equals(extraction_tables(ex)["entities"])  # same rows, same order
    with Store(tmp_path / "pieces.duckdb") as store:
        store.add(ex)
        assert sorted(store.entities()["actor"]) == [f"Person{n}" for n in range(5)]


def test_a_split_text_s_pieces_are_parsed_one_at_a_time_and_short_texts_still_share_batches():
    from wirelens.extraction.nlp import split_texts_alone

    pieces = [("a" * 100, 0, False), ("b" * 100, 1, False), ("c" * 900, 2, True), ("d" * 900, 3, True)]
    pieces += [("e" * 50, 4, False), ("f" * 50, 5, False), ("g" * 50, 6, False)]
    groups = [[key for _, key in group] for group in split_texts_alone(pieces, 16, budget=10_000)]
    assert groups == [[0, 1], [2], [3], [4, 5, 6]]  # in order; each split piece alone
    assert list(split_texts_alone([], 16)) == []


def test_a_long_text_parses_the_same_one_piece_at_a_time(blank_extractor):
    from wirelens.extraction.nlp import parse_texts

    texts = ["Rebels left. " * 2_000, "Kerry spoke.", "Aleppo fell. " * 900]
    docs = list(parse_texts(blank_extractor.nlp, texts, max_chars=5_000))
    assert [(index, offset) for index, offset, _ in docs] == [
        (0, 0),
        (0, 4_992),
        (0, 9_984),
        (0, 14_976),
        (0, 19_968),
        (0, 24_960),
        (1, 0),
        (2, 0),
        (2, 4_992),
        (2, 9_984),
    ]
    for index, offset, doc in docs:
        assert texts[index][offset : offset + len(doc.text)] == doc.text
