"""Every page draws a store whatever dates it holds: ingest refuses implausible dates now, but a store an
older version wrote (or a hand edit, or `set-date`) can hold year 1 and year 9999 (the probe's Quotes
page crashed on them for the whole corpus with pandas' OutOfBoundsDatetime)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from page_runner import open_page
from wirelens.run.ingest import ensure_seeds
from wirelens.store.database import Store

REPO = Path(__file__).resolve().parents[1]
# The quotes page's timeline added hours to a 9999-12-31 quote date in pandas' nanosecond timestamps (which
# end in 2262): it now reckons in calendar days.
PAGES = sorted(p.name for p in (REPO / "pages").glob("*.py"))
EXTREMES = (dt.date(1, 1, 1), dt.date(9999, 12, 31))


@pytest.fixture(scope="module")
def extreme_store(tmp_path_factory, extractor) -> Path:
    """The seed corpus, built the way the dashboard builds it, then its dates set to year 1 and 9999."""
    path = tmp_path_factory.mktemp("extreme") / "store.duckdb"
    with Store(path) as store:
        ensure_seeds(store, extractor, REPO / "seeds")
    con = duckdb.connect(str(path))
    try:
        (seed,) = con.execute("SELECT id FROM articles").fetchone()
        # A second article holding the other extreme, so a page's date range spans both.
        con.execute(
            "INSERT INTO articles (id, title, date, text) VALUES ('far-future', 'Far future', ?, 'Rebels said so.')",
            [EXTREMES[1]],
        )
        con.execute("UPDATE articles SET date = ? WHERE id = ?", [EXTREMES[0], seed])
        for table in ("quotes", "events", "interactions"):
            con.execute(f"UPDATE {table} SET date = CASE WHEN start % 2 = 0 THEN ?::DATE ELSE ?::DATE END", EXTREMES)
        counts = [
            con.execute(f"SELECT count(*) FROM {t} WHERE date IS NOT NULL").fetchone()[0] for t in ("quotes", "events")
        ]
    finally:
        con.close()
    assert all(counts), counts  # the seed has quotes and events whose dates are now extreme
    return path


@pytest.mark.parametrize("page", PAGES)
def test_every_page_draws_a_store_holding_year_1_and_9999(extreme_store, monkeypatch, page):
    monkeypatch.setenv("WIRELENS_DB", str(extreme_store))
    monkeypatch.chdir(REPO)
    open_page(page)  # asserts that nothing raised
