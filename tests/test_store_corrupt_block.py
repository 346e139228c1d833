"""A store damaged in the middle (one data block's bytes overwritten, its header intact): `ingest`, `export`
and the dashboard each say so in one message naming the file, and nothing stored is written over."""

from __future__ import annotations

import random
import shutil
import string
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from page_runner import MAIN
from wirelens import cli
from wirelens.extraction.articles import make_article
from wirelens.run.ingest import ingest_articles
from wirelens.store.database import Store, StoreCorrupt

REPO = Path(__file__).resolve().parents[1]
HEADER = 3 * 4096  # DuckDB's file headers, then blocks of the database's block size
ARTICLES = 400
STORY = "Rebels retake the town of Deir Hafer\n\nRebels said on Tuesday they had retaken the town near Aleppo.\n"


def _long_article(i: int):
    # Random words, ~3,000 characters (a longer text goes to an overflow block DuckDB does not list):
    # text it cannot compress into a block or two, so the column spans several.
    rng = random.Random(i)
    words = " ".join("".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 9))) for _ in range(500))
    return make_article(f"Report {i}\n\n{words}.", title=f"Report {i}")


@pytest.fixture(scope="module")
def intact(tmp_path_factory, blank_extractor) -> Path:
    """A real store (articles ingested the way `wirelens ingest` does) over several data blocks."""
    path = tmp_path_factory.mktemp("intact") / "store.duckdb"
    with Store(path) as store:
        report = ingest_articles([_long_article(i) for i in range(ARTICLES)], store, blank_extractor)
    assert len(report.added) == ARTICLES
    return path


def _damage_a_middle_block(path: Path, table: str, column: str) -> None:
    """Overwrite bytes inside one of ``table.column``'s data blocks, the middle one of them."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        size = con.execute("SELECT block_size FROM pragma_database_size()").fetchone()[0]
        blocks = sorted(
            b
            for (b,) in con.execute(
                f"SELECT DISTINCT block_id FROM pragma_storage_info('{table}') WHERE column_name = ? AND block_id >= 0",
                [column],
            ).fetchall()
        )
    finally:
        con.close()
    assert len(blocks) >= 3, blocks  # a block in the middle, not the file's first or last
    with path.open("r+b") as fh:
        fh.seek(HEADER + blocks[len(blocks) // 2] * size + 1_000)
        fh.write(b"\xab" * 64)


@pytest.fixture()
def damaged(intact, tmp_path) -> Path:
    path = tmp_path / "damaged.duckdb"
    shutil.copyfile(intact, path)
    _damage_a_middle_block(path, "articles", "text")  # a column `ingest` itself never reads
    return path


def _one_line_naming(err: str, path: Path) -> None:
    assert len(err.strip().splitlines()) == 1, err
    assert str(path) in err and "checksum" in err and "Traceback" not in err


def test_ingest_refuses_a_damaged_store_and_writes_nothing(damaged, tmp_path, capsys):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    before = damaged.read_bytes()
    assert cli.main(["ingest", "--db", str(damaged), "--date", "2016-10-04", str(story)]) == 2
    _one_line_naming(capsys.readouterr().err, damaged)
    assert damaged.read_bytes() == before  # nothing written into it
    assert not damaged.with_name(damaged.name + ".wal").exists()
    with Store(damaged, read_only=True) as store:  # what the damage spared still reads as before
        assert store.article_count() == ARTICLES
        assert len(store.query("SELECT id FROM articles")) == ARTICLES


def test_export_of_a_damaged_store_is_one_line_and_no_folder(damaged, tmp_path, capsys):
    out = tmp_path / "out"
    assert cli.main(["export", "--db", str(damaged), "--out", str(out)]) == 2
    _one_line_naming(capsys.readouterr().err, damaged)
    assert not out.exists() and [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


def test_a_read_that_meets_the_damage_raises_store_corrupt(damaged):
    with Store(damaged, read_only=True) as store, pytest.raises(StoreCorrupt, match="checksum") as raised:
        store.query("SELECT max(length(text)) FROM articles")
    assert str(damaged) in str(raised.value)
    with pytest.raises(StoreCorrupt, match="checksum"):  # a read-write open checks every block first
        Store(damaged)


def _unreadable_article(path: Path) -> tuple[str, str]:
    """The id and title of an article whose text lies in the damaged block."""
    with Store(path, read_only=True) as store:
        for article_id, title in store.query("SELECT id, title FROM articles ORDER BY id").itertuples(index=False):
            try:
                store.query("SELECT text FROM articles WHERE id = ?", [article_id])
            except StoreCorrupt:
                return article_id, title
    raise AssertionError("no article's text is in the damaged block")


def test_the_dashboard_says_so_in_one_message(damaged, monkeypatch):
    monkeypatch.setenv("WIRELENS_DB", str(damaged))
    monkeypatch.chdir(REPO)
    article_id, title = _unreadable_article(damaged)
    at = AppTest.from_file(MAIN, default_timeout=120)
    at.query_params["article"] = f"{title} [{article_id[:8]}]"  # a deep link to the reader on it
    at.run()  # the overview reads no article text: it draws
    assert not at.exception, [e.value for e in at.exception]
    at.switch_page("../../pages/reader.py").run()
    assert not at.exception, [e.value for e in at.exception]
    said = [e.value for e in at.error]
    assert len(said) == 1 and str(damaged) in said[0] and "checksum" in said[0], said


def test_an_intact_store_passes_the_check(intact, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(intact, copy)
    with Store(copy) as store:
        assert store.article_count() == ARTICLES
