"""The command line, run in-process (real model, cached per process) and once as ``python -m wirelens``."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from wirelens.cli import main
from wirelens.store.database import EXPORTED, Store

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_b2a18b2bed862a32.txt"
SEED_DATE = "2016-10-04"
TOP_KEYS = {"id", "title", "date", "source", "url", "text", "entities", "places", "quotes", "events", "interactions"}
ENTITY_KEYS = {"start", "end", "text", "label", "actor"}
ENTITY_EXTRA_KEYS = {"actor_type"}


def check_record(rec: object) -> None:
    """Assert that ``rec`` is one article in the public JSON format."""
    assert isinstance(rec, dict), rec
    assert set(rec) == TOP_KEYS, set(rec) ^ TOP_KEYS
    assert isinstance(rec["id"], str) and re.fullmatch(r"[0-9a-f]{16}", rec["id"]), rec["id"]
    assert isinstance(rec["title"], str) and rec["title"]
    assert isinstance(rec["text"], str) and rec["text"]
    assert rec["date"] is None or (isinstance(rec["date"], str) and dt.date.fromisoformat(rec["date"]))
    for key in ("source", "url"):
        assert rec[key] is None or isinstance(rec[key], str), key
    for key in ("places", "quotes", "events", "interactions"):
        assert isinstance(rec[key], list), key
        assert all(isinstance(x, dict) for x in rec[key]), key
    assert isinstance(rec["entities"], list)
    text = rec["text"]
    for ent in rec["entities"]:
        assert isinstance(ent, dict)
        assert ENTITY_KEYS <= set(ent) <= ENTITY_KEYS | ENTITY_EXTRA_KEYS, set(ent)
        start, end = ent["start"], ent["end"]
        assert type(start) is int and type(end) is int and 0 <= start < end <= len(text), ent
        assert isinstance(ent["text"], str) and text[start:end] == ent["text"], ent
        assert isinstance(ent["label"], str) and ent["label"], ent
        assert ent["actor"] is None or (isinstance(ent["actor"], str) and ent["actor"]), ent
        assert ent.get("actor_type") is None or isinstance(ent["actor_type"], str), ent


@pytest.mark.parametrize(
    "bad",
    [
        {
            "id": "b2a18b2bed862a32",
            "title": "t",
            "date": None,
            "source": None,
            "url": None,
            "text": "x",
            "entities": [],
            "places": [],
            "quotes": [],
            "interactions": [],
        },  # missing key
        {
            "id": "b2a18b2bed862a32",
            "title": "t",
            "date": "04/10/2016",
            "source": None,
            "url": None,
            "text": "x",
            "entities": [],
            "places": [],
            "quotes": [],
            "events": [],
            "interactions": [],
        },  # not ISO
        {
            "id": "b2a18b2bed862a32",
            "title": "t",
            "date": None,
            "source": None,
            "url": None,
            "text": "abc",
            "entities": [{"start": 0, "end": 2, "text": "bc", "label": "ORG", "actor": None}],
            "places": [],
            "quotes": [],
            "events": [],
            "interactions": [],
        },  # offsets do not match
        {
            "id": "b2a18b2bed862a32",
            "title": "t",
            "date": None,
            "source": None,
            "url": None,
            "text": "abc",
            "entities": [],
            "places": {},
            "quotes": [],
            "events": [],
            "interactions": [],
        },  # places not a list
    ],
)
def test_checker_rejects_malformed_records(bad):
    with pytest.raises((AssertionError, ValueError)):
        check_record(bad)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for var in ("WIRELENS_MODEL", "WIRELENS_DB", "WIRELENS_LEXICONS", "WIRELENS_SEEDS", "WIRELENS_CONFIG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray ./wirelens.toml


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


# --- extract ---------------------------------------------------------------------------


def test_extract_jsonl_on_the_seed(capsys, seed_article):
    code, out, err = run(capsys, "extract", "--format", "jsonl", SEED)
    assert code == 0, err
    assert len(out.splitlines()) == 1
    (rec,) = jsonl(out)
    check_record(rec)
    assert rec["id"] == seed_article.id
    assert rec["date"] == SEED_DATE
    assert rec["title"] == seed_article.title and rec["source"] == "AFP"
    assert rec["text"] == seed_article.text
    actors = {e["actor"] for e in rec["entities"]}
    assert {"United States", "Rebels"} <= actors
    assert any(e["label"] != "ACTOR" for e in rec["entities"])  # the real NER ran


def test_extract_json_prints_an_array(capsys, seed_article):
    code, out, _ = run(capsys, "extract", "--format", "json", SEED)
    assert code == 0
    data = json.loads(out)
    assert isinstance(data, list) and len(data) == 1
    check_record(data[0])
    assert data[0]["id"] == seed_article.id


def test_extract_default_format_is_jsonl(capsys):
    code, out, _ = run(capsys, "extract", SEED)
    assert code == 0
    assert len(jsonl(out)) == 1


def test_date_option_fills_only_undated_articles(capsys, tmp_path):
    undated = tmp_path / "undated.txt"
    undated.write_text("Undated report\nRebels attacked regime forces.\n", encoding="utf-8")
    code, out, _ = run(capsys, "extract", "--date", "2020-01-02", SEED, undated)
    assert code == 0
    recs = jsonl(out)
    for rec in recs:
        check_record(rec)
    assert [(r["title"], r["date"]) for r in recs] == [
        ("Syria army advances in Aleppo after US drops Russia talks", SEED_DATE),
        ("Undated report", "2020-01-02"),
    ]


def test_bad_date_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["extract", "--date", "yesterday", str(SEED)])
    assert info.value.code == 2
    assert "not a date" in capsys.readouterr().err


def test_bad_file_among_good_ones(capsys, tmp_path, seed_article):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run(capsys, "extract", empty, SEED)
    assert code == 1
    assert re.search(rf"^wirelens: error: {re.escape(str(empty))}: \S", err, re.M), err
    recs = jsonl(out)
    assert [r["id"] for r in recs] == [seed_article.id]
    check_record(recs[0])


# --- ingest / export / set-date ------------------------------------------------------------


@pytest.fixture()
def db(tmp_path, capsys):
    path = tmp_path / "db" / "corpus.duckdb"
    code, _, err = run(capsys, "ingest", "--db", path, SEED)
    assert code == 0, err
    assert "1 added, 0 already stored" in err
    return path


def test_ingest_twice_adds_nothing_the_second_time(capsys, db, seed_article):
    code, _, err = run(capsys, "ingest", "--db", db, SEED)
    assert code == 0
    assert "0 added, 1 already stored" in err
    assert str(db) in err
    with Store(db, read_only=True) as store:
        assert store.article_count() == 1
        assert store.article(seed_article.id).date == dt.date(2016, 10, 4)
        assert len(store.entities()) > 0


def _make_outdated(db) -> None:
    """What an older version of wirelens left: another fingerprint, and no places."""
    with Store(db) as store, store._cursor() as cur:
        cur.execute("UPDATE articles SET extractor = 'older'")
        cur.execute("DELETE FROM places")


def test_ingest_refresh_extracts_outdated_articles_again(capsys, db):
    _make_outdated(db)
    assert "0 added, 1 already stored" in run(capsys, "ingest", "--db", db, SEED)[2]  # only when asked
    code, _, err = run(capsys, "ingest", "--db", db, "--refresh", SEED)
    assert code == 0 and "0 added, 1 refreshed, 0 already stored" in err
    with Store(db, read_only=True) as store:
        assert store.outdated_ids() == set() and store.article_count() == 1
        assert {"Aleppo", "Damascus", "Syria"} <= set(store.places()["text"])


def test_ingest_with_a_bad_file_reports_and_returns_1(capsys, tmp_path):
    bad = tmp_path / "notes.pdf"
    bad.write_bytes(b"%PDF-1.4")
    path = tmp_path / "x.duckdb"
    code, _, err = run(capsys, "ingest", "--db", path, bad, SEED)
    assert code == 1
    assert f"wirelens: error: {bad}: " in err
    assert "1 added, 0 already stored, 1 refused" in err
    with Store(path, read_only=True) as store:
        assert store.article_count() == 1


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_lists_the_files(capsys, db, tmp_path, fmt):
    out_dir = tmp_path / "export"
    code, out, err = run(capsys, "export", "--db", db, "--out", out_dir, "--format", fmt)
    assert code == 0, err
    assert out.splitlines() == [str(out_dir / f"{t}.{fmt}") for t in EXPORTED] + [str(out_dir / "README.md")]
    assert all((out_dir / f"{t}.{fmt}").is_file() for t in EXPORTED)


def test_export_csv_contains_the_article(capsys, db, tmp_path, seed_article):
    out_dir = tmp_path / "export"
    assert run(capsys, "export", "--db", db, "--out", out_dir, "--format", "csv")[0] == 0
    header, *rows = (out_dir / "articles.csv").read_text(encoding="utf-8").splitlines()
    assert header.startswith("id,title,date")
    assert rows[0].startswith(f"{seed_article.id},")


def test_set_date_updates_the_article(capsys, db, seed_article):
    code, _, err = run(capsys, "set-date", seed_article.id, "2016-10-05", "--db", db)
    assert code == 0, err
    with Store(db, read_only=True) as store:
        assert store.article(seed_article.id).date == dt.date(2016, 10, 5)


def test_set_date_unknown_id_returns_1(capsys, db, seed_article):
    code, _, err = run(capsys, "set-date", "0000000000000000", "2016-10-05", "--db", db)
    assert code == 1
    assert "wirelens: error: no article 0000000000000000" in err
    with Store(db, read_only=True) as store:
        assert store.article(seed_article.id).date == dt.date(2016, 10, 4)


def test_export_from_a_missing_db_says_it_does_not_exist(capsys, tmp_path):
    code, _, err = run(capsys, "export", "--db", tmp_path / "typo.duckdb", "--out", tmp_path / "o")
    assert code == 2
    assert "in use by another process" not in err
    assert "not exist" in err or "no such" in err.lower()


# --- module entry point ------------------------------------------------------------------


def test_python_dash_m_wirelens_extract():
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIRELENS_")}
    proc = subprocess.run(
        [sys.executable, "-m", "wirelens", "extract", "seeds/000_b2a18b2bed862a32.txt"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    (rec,) = jsonl(proc.stdout)
    check_record(rec)
    assert rec["date"] == SEED_DATE
