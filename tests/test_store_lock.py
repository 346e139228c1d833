"""The store beside a running dashboard: no lock held while idle, a busy or broken store said in one line."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from page_runner import open_page
from wirelens import cli
from wirelens.store.database import Store, StoreCorrupt

REPO = Path(__file__).resolve().parents[1]
STORY = "Rebels retake the town of Deir Hafer\n\nRebels said on Tuesday they had retaken the town near Aleppo.\n"


def _articles(at) -> str:
    return {m.label: m.value for m in at.metric}["Articles"]


@pytest.fixture()
def local_db(tmp_path, monkeypatch):
    path = tmp_path / "shared.duckdb"
    monkeypatch.setenv("WIRELENS_DB", str(path))
    monkeypatch.chdir(REPO)
    return path


def test_ingest_beside_a_running_dashboard(local_db, tmp_path):
    at = open_page()
    assert _articles(at) == "1"
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    env = {**os.environ, "WIRELENS_DB": str(local_db)}
    done = subprocess.run(
        [sys.executable, "-m", "wirelens", "ingest", "--date", "2016-10-04", str(story)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "1 added" in done.stderr
    at.run()  # the same session, its next run: the new article is there
    assert not at.exception
    assert _articles(at) == "2"
    assert "Corpus: 2 article(s)" in " ".join(c.value for c in at.sidebar.caption)


def test_dashboard_idle_holds_no_lock(local_db):
    open_page()
    # Another process can open the file read-write: the dashboard let go when its run ended.
    probe = "import duckdb, sys; duckdb.connect(sys.argv[1]).close(); print('ok')"
    done = subprocess.run([sys.executable, "-c", probe, str(local_db)], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "ok", done.stderr


def test_a_write_in_progress_shows_a_message_not_a_traceback(local_db):
    open_page()  # builds the seed corpus
    holder = textwrap.dedent("""
        import sys, time, duckdb
        con = duckdb.connect(sys.argv[1])
        print("ready", flush=True)
        time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", holder, str(local_db)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        at = open_page()
        assert "being written" in at.warning[0].value
    finally:
        proc.kill()
        proc.wait(timeout=30)
    at.run()  # the write is over: the page is back
    assert not at.exception and not at.warning
    assert _articles(at) == "1"


def _garbage(path: Path) -> Path:
    path.write_bytes(os.urandom(64 * 1024))
    return path


def _foreign(path: Path) -> Path:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE invoices (id INTEGER, total DOUBLE)")
    con.close()
    return path


@pytest.mark.parametrize(("make", "problem"), [(_garbage, "not a DuckDB database"), (_foreign, "another program")])
def test_a_file_that_is_not_a_store_is_one_line_on_the_cli(tmp_path, capsys, make, problem):
    bad = make(tmp_path / "bad.duckdb")
    before = bad.read_bytes()
    for argv in (
        ["export", "--db", str(bad), "--out", str(tmp_path / "out")],
        ["set-date", "--db", str(bad), "abc", "2016-10-04"],
        ["ingest", "--db", str(bad), str(REPO / "seeds")],
    ):
        assert cli.main(argv) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1, err
        assert str(bad) in err and problem in err
    assert bad.read_bytes() == before  # nothing written into another program's file
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("make", [_garbage, _foreign])
def test_a_file_that_is_not_a_store_is_one_message_on_the_page(tmp_path, monkeypatch, make):
    bad = make(tmp_path / "bad.duckdb")
    monkeypatch.setenv("WIRELENS_DB", str(bad))
    monkeypatch.chdir(REPO)
    at = open_page()
    assert len(at.error) == 1 and str(bad) in at.error[0].value
    with pytest.raises(StoreCorrupt):
        Store(bad)


def test_export_appears_whole_or_not_at_all(tmp_path, monkeypatch, capsys):
    db = tmp_path / "c.duckdb"
    Store(db).close()
    out = tmp_path / "export"
    assert cli.main(["export", "--db", str(db), "--out", str(out)]) == 0
    assert (out / "README.md").is_file() and (out / "articles.csv").is_file()
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []

    def broken(store, folder, fmt):
        (Path(folder) / "articles.csv").write_text("half")
        raise RuntimeError("disk full")

    monkeypatch.setattr(cli, "write_corpus", broken)
    again = tmp_path / "again"
    assert cli.main(["export", "--db", str(db), "--out", str(again)]) == 2
    assert not again.exists()
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []
    assert (out / "articles.csv").read_text() != "half"
