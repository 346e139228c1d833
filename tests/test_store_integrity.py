"""Store integrity under SIGKILL and under two concurrent ingests (real subprocesses)."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wirelens.run.readers import read_paths
from wirelens.store.database import Store

# Real ingest subprocesses killed or racing, about half a minute each: `uv run pytest -m slow`.
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
N_ARTICLES = 120


def _write_corpus(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:04d}.txt").write_text(
            f"Dispatch {i}\n"
            f"Regime forces shelled rebel positions near Aleppo on Monday, killing {i} people, "
            f"the Syrian Observatory for Human Rights said. John Kerry said talks with Russia were over. "
            f"Lavrov said Moscow would keep its air campaign. Report number {i}.",
            encoding="utf-8",
        )
    return folder


@pytest.fixture()
def corpus(tmp_path) -> Path:
    return _write_corpus(tmp_path / "corpus", N_ARTICLES)


def _ingest(db: Path, folder: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIRELENS_")}
    return subprocess.Popen(
        [sys.executable, "-m", "wirelens", "ingest", "--db", str(db), str(folder)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_progress(proc: subprocess.Popen, articles_done: int, timeout: float = 120) -> None:
    """Block until the ingest's progress bar reports ``articles_done`` stored articles."""
    deadline = time.time() + timeout
    seen = ""
    while time.time() < deadline and proc.poll() is None:
        seen += proc.stderr.read(1)
        done = re.findall(r"(\d+)/\d+ \[", seen[-200:])
        if done and int(done[-1]) >= articles_done:
            return
    raise AssertionError(f"ingest never reached {articles_done} articles: {seen[-300:]!r}")


def _assert_whole(db: Path, expected: dict[str, int]) -> int:
    """Every stored article is complete (all its sentences and entities), nothing orphaned."""
    with Store(db, read_only=True) as store:
        ids = set(store.query("SELECT id FROM articles")["id"])
        for table in ("sentences", "entities"):
            orphans = store.query(
                f"SELECT count(*) AS n FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
            )
            assert orphans["n"][0] == 0, table
        counts = store.query("SELECT article_id, count(*) AS n FROM entities GROUP BY article_id")
        got = dict(zip(counts["article_id"], counts["n"]))
        for article_id in ids:
            assert got.get(article_id, 0) == expected[article_id], article_id
        dupes = store.query("SELECT count(*) - count(DISTINCT id) AS d FROM articles")["d"][0]
        assert dupes == 0
    return len(ids)


def test_sigkill_at_random_points_loses_nothing_whole(tmp_path, corpus, extractor):
    expected = {x.article.id: len(x.entities) for x in extractor.extract(read_paths([corpus]))}
    db = tmp_path / "killed.duckdb"
    rng = random.Random(20161004)
    stored_after_each_kill = []
    for _ in range(3):
        proc = _ingest(db, corpus)
        _wait_for_progress(proc, rng.randint(1, N_ARTICLES // 2))  # kill in the middle of the writes
        time.sleep(rng.uniform(0, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        stored_after_each_kill.append(_assert_whole(db, expected) if db.exists() else 0)
    print("stored after each kill:", stored_after_each_kill)
    assert stored_after_each_kill == sorted(stored_after_each_kill)  # nothing stored is ever lost
    final = _ingest(db, corpus)
    _, err = final.communicate(timeout=300)
    assert final.returncode == 0, err
    assert _assert_whole(db, expected) == N_ARTICLES


def test_two_ingests_at_once_one_fails_clearly(tmp_path):
    corpus = _write_corpus(tmp_path / "big", 4 * N_ARTICLES)
    db = tmp_path / "shared.duckdb"
    first = _ingest(db, corpus)
    _wait_for_progress(first, 2)  # the first is writing: it holds the store
    second = _ingest(db, corpus)
    _, err2 = second.communicate(timeout=120)
    _, err1 = first.communicate(timeout=300)
    assert first.returncode == 0, err1
    assert second.returncode == 2 and "in use by another process" in err2 and str(db) in err2
    assert len(err2.strip().splitlines()) == 1  # one clear line, no traceback
