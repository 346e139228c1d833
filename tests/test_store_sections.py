"""A long article is committed a section at a time, its article row last (issue 22: memory flat up to 10 MB).

One transaction holding every section kept all of a long article's rows in DuckDB's memory until the
end. Now each section is committed as it comes and the article row last, so the article is in the
corpus only once all of it is; a write that fails deletes what it committed, and the rows a killed
process committed are deleted when the store is next opened for writing. A whole article, and a
stored article replaced (a refresh), are still one transaction each.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from store_rows import table_rows
from wirelens.extraction.articles import make_article
from wirelens.extraction.pipeline import Extraction, Section
from wirelens.extraction.records import Sentence
from wirelens.store.database import TABLES, Store

TEXT = "Rebels shelled Aleppo. Kerry spoke in Geneva. Forces attacked Idlib."
ARTICLE = make_article(TEXT, title="Three sections")


def _sections(article=ARTICLE) -> list[Extraction]:
    """The article in three sections, one sentence each (built by hand: no model needed)."""
    bounds = [(0, 22), (23, 45), (46, len(article.text))]
    return [
        Extraction(article, [Sentence(*b)], [], section=Section(i, i, i == len(bounds) - 1))
        for i, b in enumerate(bounds)
    ]


def _count(con: duckdb.DuckDBPyConnection | Store, table: str) -> int:
    if isinstance(con, Store):
        return int(con.query(f"SELECT count(*) AS n FROM {table}")["n"][0])
    return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_each_section_is_committed_as_it_comes_and_the_article_row_last(tmp_path):
    seen: list[tuple[int, int]] = []  # (sentences committed, articles) when the next section is asked for
    with Store(tmp_path / "s.duckdb") as store:

        def sections() -> Iterator[Extraction]:
            for section in _sections():
                if section.section.index:
                    # Read through a second connection: it sees committed rows only.
                    with store._con.cursor() as other:
                        seen.append((_count(other, "sentences"), _count(other, "articles")))
                yield section

        assert store.add(sections()) is True
        assert seen == [(1, 0), (2, 0)]  # sections committed one by one, the article not yet in the corpus
        assert store.article_count() == 1 and _count(store, "sentences") == 3
        assert [r[1:] for r in table_rows(store, "sentences")] == [(0, 0, 22), (1, 23, 45), (2, 46, len(TEXT))]
        assert store.add(iter(_sections())) is False  # stored: nothing written twice
        assert _count(store, "sentences") == 3


def test_a_failed_section_deletes_what_its_article_committed(tmp_path):
    def sections() -> Iterator[Extraction]:
        first, second, _ = _sections()
        yield first
        yield second
        raise RuntimeError("the parser died in the third section")

    with Store(tmp_path / "f.duckdb") as store:
        with pytest.raises(RuntimeError, match="third section"):
            store.add(sections())
        assert {t: _count(store, t) for t in TABLES} == {t: 0 for t in TABLES}


def _whole_article() -> Extraction:
    other = make_article("Another story, told whole.", title="Whole")
    return Extraction(other, [Sentence(0, len(other.text))], [])


KILLED_WRITER = """
import os, sys
sys.path.insert(0, {tests!r})
from test_store_sections import _sections
from wirelens.store.database import Store

store = Store({db!r})
def sections():
    first, second, third = _sections()
    yield first
    yield second
    os._exit(9)  # killed while the third section is being extracted: no cleanup runs
store.add(sections())
"""


def test_rows_a_killed_process_committed_are_gone_when_the_store_is_next_opened(tmp_path):
    db = tmp_path / "k.duckdb"
    with Store(db) as store:  # one article stored before, which must stay
        store.add(_whole_article())
    script = KILLED_WRITER.format(tests=str(Path(__file__).parent), db=str(db))
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 9, proc.stderr
    con = duckdb.connect(str(db), read_only=True)  # as the killed process left it
    try:
        assert _count(con, "sentences") == 1 + 2 and _count(con, "articles") == 1  # two sections no article owns
    finally:
        con.close()
    with Store(db) as store:  # opened for writing: the unowned rows go
        assert store.article_count() == 1 and _count(store, "sentences") == 1
        assert store.add(iter(_sections())) is True  # and the article can be written again, whole
        assert store.article_count() == 2 and _count(store, "sentences") == 4


def test_a_refresh_cut_short_keeps_the_stored_version(tmp_path):
    with Store(tmp_path / "r.duckdb") as store:
        assert store.add(iter(_sections())) is True
        before = {t: table_rows(store, t) for t in TABLES}

        def failing() -> Iterator[Extraction]:
            first, second, _ = _sections()
            yield first
            yield second
            raise RuntimeError("cut short")

        with pytest.raises(RuntimeError):
            store.add(failing(), replace=True)
        assert {t: table_rows(store, t) for t in TABLES} == before
