"""Long tables are paged: the pure window arithmetic, and the overview's article table at 150 articles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from page_runner import open_page
from wirelens.dashboard.paging import page_window
from wirelens.extraction.articles import make_article
from wirelens.extraction.pipeline import Extraction
from wirelens.store.database import Store

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("total", "page", "size", "expected"),
    [
        (250, 1, 100, (0, 100, 3)),
        (250, 3, 100, (200, 250, 3)),  # the last page is short
        (250, 9, 100, (200, 250, 3)),  # past the end: the last page
        (250, 0, 100, (0, 100, 3)),  # before the start: the first
        (100, 1, 100, (0, 100, 1)),  # exactly one page
        (0, 1, 100, (0, 0, 1)),  # nothing: one empty page
    ],
)
def test_page_window(total, page, size, expected):
    assert page_window(total, page, size) == expected


@pytest.fixture()
def many_articles(tmp_path, monkeypatch):
    path = tmp_path / "many.duckdb"
    with Store(path) as store:
        for n in range(150):
            article = make_article(f"Headline number {n:03d}", title=f"Story {n:03d}", date=dt.date(2020, 1, 1))
            store.add(Extraction(article=article, sentences=[], entities=[], layers={}))
    monkeypatch.setenv("WIRELENS_DB", str(path))
    monkeypatch.setenv("WIRELENS_SEEDS", str(tmp_path / "no-seeds"))
    monkeypatch.chdir(REPO)


def test_the_overview_sends_one_page_of_articles_and_pages_through_the_rest(many_articles):
    at = open_page()
    table = at.dataframe(key="overview_articles")
    assert len(table.value) == 100
    assert any("Showing 1–100 of 150 articles" in c.value for c in at.caption)
    at.number_input(key="articles_page").set_value(2).run()
    assert not at.exception
    assert len(at.dataframe(key="overview_articles").value) == 50
    seen = set(table.value["title"]) | set(at.dataframe(key="overview_articles").value["title"])
    assert len(seen) == 150  # every article reachable, none twice
    linked = open_page(articles_page="2")  # the page number is in the URL: a link reopens it
    assert list(linked.dataframe(key="overview_articles").value["title"]) == list(
        at.dataframe(key="overview_articles").value["title"]
    )
    assert not open_page(articles_page="99").exception  # a page past the end: the first, no error


def test_one_row_is_counted_in_the_singular(tmp_path, monkeypatch):
    path = tmp_path / "one.duckdb"
    with Store(path) as store:
        article = make_article("A single story.", title="Only one", date=dt.date(2020, 1, 1))
        store.add(Extraction(article=article, sentences=[], entities=[], layers={}))
    monkeypatch.setenv("WIRELENS_DB", str(path))
    monkeypatch.setenv("WIRELENS_SEEDS", str(tmp_path / "no-seeds"))
    monkeypatch.chdir(REPO)
    captions = [c.value for c in open_page().caption]
    assert "1 article." in captions and "1 articles." not in captions
