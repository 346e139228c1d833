"""Schema migrations: a store written by any earlier wirelens opens, read-only and read-write.

``fixtures/store_previous_main.duckdb.gz`` is a store made by the code before numbered
migrations (main at 511ae75, which recorded schema version 1 whatever the schema held):
``WIRELENS_DB=... wirelens ingest seeds/`` there, then one actor rename, one dismissed quote
and one moved place made through that code's ``Store``. It is the DuckDB file itself,
gzipped (26 kB instead of 3.4 MB), so the test reads the exact bytes an old version left.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from wirelens.cli import main
from wirelens.store import SCHEMA_VERSION, Filters, Store, StoreTooNew, migrations, schema
from wirelens.store.migrations import MIGRATIONS

FIXTURE = Path(__file__).parent / "fixtures" / "store_previous_main.duckdb.gz"
# What the previous main stored: the seed article and its records, and three corrections.
PREVIOUS_ROWS = {
    "articles": 1,
    "sentences": 30,
    "entities": 99,
    "places": 50,
    "quotes": 36,
    "events": 8,
    "interactions": 32,
    "corrections": 3,
}
ARTICLE_ID = "08ed0b15c8f7b8c0"


@pytest.fixture()
def previous(tmp_path) -> Path:
    path = tmp_path / "previous.duckdb"
    with gzip.open(FIXTURE) as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    return path


def recorded_version(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return migrations.stored_version(con)
    finally:
        con.close()


def table_shapes(path: Path) -> dict[str, list[tuple[str, str]]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            t: [(name, kind) for name, kind, *_ in con.execute(f"DESCRIBE {t}").fetchall()]
            for t in (*schema.EXPORTED, "meta")
        }
    finally:
        con.close()


def check_pages_read(store: Store) -> None:
    """What the pages ask of a store, on the previous main's corpus with its corrections applied."""
    assert store.row_counts() == PREVIOUS_ROWS
    assert list(store.articles()["id"]) == [ARTICLE_ID]
    assert store.article(ARTICLE_ID).text.startswith("Syria")
    summary = store.corpus_summary()
    assert summary.articles == 1 and summary.actors > 0
    names = store.actor_names()
    assert "Syrian rebels" in names and "Rebels" not in names  # the old rename, applied
    assert len(store.quotes()) == PREVIOUS_ROWS["quotes"] - 1  # the old dismissal, applied
    assert store.quote_count(search="kerry") > 0
    events = store.events()
    assert len(events) == PREVIOUS_ROWS["events"] and events["type"].notna().all()
    assert not store.events(Filters(actors=("Russia",)), types=["Explosions/Remote violence"]).empty
    places = store.place_counts()
    russia = places[places["name"] == "Russia"].iloc[0]
    assert (russia["lat"], russia["lon"]) == (55.75, 37.62)  # the old move, applied
    assert len(store.places(at=("Russia", 55.75, 37.62))) == russia["mentions"]
    assert not store.interaction_edges().empty and not store.cooccurrences().empty
    assert [c.kind for c in store.corrections()] == ["rename_actor", "dismiss_quote", "move_place"]


def test_the_fixture_is_what_the_previous_main_wrote(previous):
    assert recorded_version(previous) == 1
    assert table_shapes(previous)["articles"][-1] == ("extractor", "VARCHAR")  # version 1 in name only


def test_a_store_from_the_previous_main_opens_read_only_and_migrates(previous):
    with Store(previous, read_only=True) as store:
        assert store.schema_version() == SCHEMA_VERSION
        check_pages_read(store)
    assert recorded_version(previous) == SCHEMA_VERSION  # migrated in place: the next open costs nothing


def test_a_store_from_the_previous_main_opens_read_write_and_takes_writes(previous):
    with Store(previous) as store:
        assert store.schema_version() == SCHEMA_VERSION
        check_pages_read(store)
        store.rename_actor("John Kerry", "Secretary Kerry")
        assert "Secretary Kerry" in store.actor_names()
    with Store(previous, read_only=True) as store:
        assert len(store.corrections()) == 4


def test_migrating_reproduces_the_schema_a_new_store_gets(previous, tmp_path):
    Store(previous).close()
    Store(tmp_path / "new.duckdb").close()
    assert table_shapes(previous) == table_shapes(tmp_path / "new.duckdb")


def test_migrations_run_once(tmp_path):
    path = tmp_path / "corpus.duckdb"
    con = duckdb.connect(str(path))
    assert migrations.migrate(con, path) == [m.version for m in MIGRATIONS]
    assert migrations.migrate(con, path) == []
    con.close()


def test_a_store_of_the_original_schema_opens_read_only(tmp_path):
    """The first store wirelens ever wrote: no quote speaker types, events layer, network or corrections."""
    path = tmp_path / "original.duckdb"
    con = duckdb.connect(str(path))
    con.execute(schema.ORIGINAL)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute(
        "INSERT INTO articles VALUES ('a1', 'Title', DATE '2016-10-04', 'AFP', NULL, "
        "'Kerry spoke in Aleppo.', NULL, 'm', NULL)"
    )
    con.execute("INSERT INTO entities VALUES ('a1', 0, 5, 'Kerry', 'PERSON', 'John Kerry', 'person', 0, 22)")
    con.execute(
        "INSERT INTO places VALUES ('a1', 15, 21, 'Aleppo', 'Aleppo', 36.2, 37.16, 'SY', 170063, 'PPLA', FALSE)"
    )
    con.execute(
        "INSERT INTO events VALUES ('a1', 0, 22, 'Kerry spoke in Aleppo.', 'Protests', 'Peaceful protest', "
        "NULL, 'Aleppo', 36.2, 37.16, ['John Kerry'], NULL)"
    )
    con.close()
    with Store(path, read_only=True) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.actor_names() == ["John Kerry"]
        assert store.events()["cue"].isna().all() and store.interactions().empty
        assert store.place_counts()["name"].tolist() == ["Aleppo"]
        assert store.outdated_ids() == {"a1"}  # read by unknown extraction code: re-extracted on --refresh


HOLD_READ_ONLY = textwrap.dedent("""
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    print("ready", flush=True)
    time.sleep(60)
""")


def test_a_read_only_open_migrates_a_copy_when_the_file_cannot_be_written(previous):
    """Another reader holds the old store (so no writer may open it): read a migrated copy, leave the file."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD_READ_ONLY, str(previous)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        with Store(previous, read_only=True) as store:
            copy = store._copy
            assert copy is not None and copy.is_file()
            assert store.schema_version() == SCHEMA_VERSION
            check_pages_read(store)
        assert not copy.exists()  # the copy goes with the store
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert recorded_version(previous) == 1


def test_the_cli_exports_a_store_from_the_previous_main(previous, tmp_path, capsys):
    assert main(["export", "--db", str(previous), "--format", "csv", "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "quotes.csv").read_text().count("\n") >= PREVIOUS_ROWS["quotes"] - 1
    assert main(["events", "--db", str(previous)]) == 0
    assert "Explosions/Remote violence" in capsys.readouterr().out


@pytest.mark.parametrize("read_only", [False, True])
def test_a_store_from_a_newer_wirelens_is_refused_clearly(tmp_path, read_only):
    path = tmp_path / "future.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(StoreTooNew, match=rf"schema version {SCHEMA_VERSION + 1}, newer .* upgrade wirelens"):
        Store(path, read_only=read_only)
    assert recorded_version(path) == SCHEMA_VERSION + 1  # left as it was


def test_the_cli_names_the_problem_with_a_newer_store(tmp_path, capsys):
    path = tmp_path / "future.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.close()
    assert main(["export", "--db", str(path), "--out", str(tmp_path / "out")]) != 0
    assert "upgrade wirelens" in capsys.readouterr().err
