"""Which code extracted a stored article: the fingerprint, and refreshing what is out of date."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from wirelens.extraction import provenance
from wirelens.extraction.articles import make_article
from wirelens.extraction.provenance import extraction_fingerprint
from wirelens.run.ingest import ensure_seeds, ingest_articles

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture()
def package_copy(tmp_path, monkeypatch):
    """A copy of the package for the fingerprint to read, with its cache cleared before and after."""
    copy = tmp_path / "wirelens"
    shutil.copytree(provenance.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(provenance, "PACKAGE", copy)
    extraction_fingerprint.cache_clear()
    yield copy
    extraction_fingerprint.cache_clear()


def _refingerprint() -> str:
    extraction_fingerprint.cache_clear()
    return extraction_fingerprint()


@pytest.mark.parametrize(
    ("changed", "edit", "counts"),
    [
        ("extraction/places/layer.py", "\nCHANGED = 1\n", True),
        ("extraction/quotes/cues.toml", "\n[changed]\nx = 1\n", True),
        ("extraction/lexicons/states.toml", "\n[changed]\nx = 1\n", True),
        ("geo/regions.toml", "\n[changed]\nx = 1\n", True),
        # comment-only edits to extraction code and data change nothing extracted
        ("extraction/places/layer.py", "\n# changed\n", False),
        ("extraction/quotes/cues.toml", "\n# changed\n", False),
        ("dashboard/state.py", "\nCHANGED = 1\n", False),
        ("store/database.py", "\nCHANGED = 1\n", False),
        ("exports/events.py", "\nCHANGED = 1\n", False),
        ("cli.py", "\nCHANGED = 1\n", False),
        ("extraction/lexicons/README.md", "\nchanged\n", False),
    ],
)
def test_fingerprint_follows_what_the_extraction_code_means(package_copy, changed, edit, counts):
    before = extraction_fingerprint()
    with (package_copy / changed).open("a", encoding="utf-8") as f:
        f.write(edit)
    assert (_refingerprint() != before) is counts


def test_a_docstring_edit_changes_nothing(package_copy):
    before = extraction_fingerprint()
    path = package_copy / "extraction" / "events" / "numbers.py"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"""', '"""Reworded. ', 1), encoding="utf-8")
    assert _refingerprint() == before


def test_fingerprint_is_stable_and_short():
    assert extraction_fingerprint() == _refingerprint()
    assert len(extraction_fingerprint()) == 12


def _make_outdated(store, article_id: str) -> None:
    """What an older version left: its own fingerprint, and none of the actors this one finds."""
    with store._cursor() as cur:
        cur.execute("UPDATE articles SET extractor = 'older' WHERE id = ?", [article_id])
        cur.execute("DELETE FROM entities WHERE article_id = ?", [article_id])


def test_store_records_the_fingerprint_and_finds_outdated_articles(store, blank_extractor):
    a, b = make_article("Rebels held Aleppo.", title="A"), make_article("The US objected in Geneva.", title="B")
    ingest_articles([a, b], store, blank_extractor)
    assert store.query("SELECT DISTINCT extractor FROM articles")["extractor"].tolist() == [extraction_fingerprint()]
    assert store.outdated_ids() == set()
    _make_outdated(store, a.id)
    assert store.outdated_ids() == {a.id} and store.outdated_ids([b.id]) == set()


def test_ensure_seeds_extracts_outdated_seeds_again(store, blank_extractor, seed_article):
    ensure_seeds(store, blank_extractor, SEEDS)
    entities = len(store.entities())
    assert entities > 0
    _make_outdated(store, seed_article.id)
    assert store.entities().empty

    report = ensure_seeds(store, blank_extractor, SEEDS)
    assert report.refreshed == [seed_article.id] and report.added == []
    assert len(store.entities()) == entities and store.outdated_ids() == set()
    assert store.article_count() == 1
    assert ensure_seeds(store, blank_extractor, SEEDS).already_stored == [seed_article.id]


def test_refresh_keeps_a_date_the_user_set_and_leaves_current_articles_alone(store, blank_extractor):
    undated = make_article("Rebels retook the town on Monday.", title="Undated")
    current = make_article("Regime forces shelled Aleppo.", title="Current", date=dt.date(2016, 10, 1))
    ingest_articles([undated, current], store, blank_extractor)
    store.set_date(undated.id, dt.date(2016, 10, 3))
    _make_outdated(store, undated.id)

    plain = ingest_articles([undated, current], store, blank_extractor)
    assert plain.already_stored == [undated.id, current.id] and store.outdated_ids() == {undated.id}

    report = ingest_articles([undated, current], store, blank_extractor, refresh=True)
    assert report.refreshed == [undated.id] and report.already_stored == [current.id]
    assert "1 refreshed" in report.summary()
    assert store.article(undated.id).date == dt.date(2016, 10, 3)
    assert store.outdated_ids() == set() and store.article_count() == 2
