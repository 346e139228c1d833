"""Every page's text elements, walked: wherever an article's text shows up (a title, a source, a name, a
sentence), its markdown, HTML, LaTeX and Streamlit directives arrive escaped. The browser test
(tests/e2e/test_security_browser.py) checks what Chromium runs; this one reads what each page hands
Streamlit to render, element by element, on every page, in the quick suite."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from page_runner import open_page

REPO = Path(__file__).resolve().parents[1]
PAGES = sorted(p.name for p in (REPO / "pages").glob("*.py"))
MARK = "attackerzq"  # in every payload, to find the elements that show article text
PAYLOAD = f"![x](http://{MARK}.example/p.png) [l](http://{MARK}.example) <img src=x onerror=alert(1)> $x^2$ :red[r]"
# What would render as something else than text: a markdown image or link to the payload's host, raw HTML,
# LaTeX, a colour directive. An escaped character (a backslash before it) is text.
LIVE = re.compile(rf"(?<!\\)!\[|(?<!\\)\]\(http://{MARK}|(?<!\\)<img|(?<!\\)\$x\^2|(?<!\\):red\[")
TEXT_ELEMENTS = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success")


@pytest.fixture(scope="module")
def payload_seeds(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("payload")
    seeds = folder / "seeds"
    seeds.mkdir()
    article = {
        "title": f"{PAYLOAD} title",
        "source": f"{PAYLOAD} source",
        "url": "http://x.org/a",
        "date": "2016-10-04",
        "text": f"Rebels shelled Aleppo on Monday, killing six people. {PAYLOAD} said the monitor in Aleppo.",
    }
    (seeds / "payload.jsonl").write_text(json.dumps(article) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("page", PAGES)
def test_article_text_reaches_every_page_escaped(payload_seeds, monkeypatch, page):
    monkeypatch.setenv("WIRELENS_SEEDS", str(payload_seeds / "seeds"))
    monkeypatch.setenv("WIRELENS_DB", str(payload_seeds / "payload.duckdb"))
    monkeypatch.chdir(REPO)
    at = open_page(page)
    shown = [e.value for kind in TEXT_ELEMENTS for e in getattr(at, kind) if isinstance(e.value, str)]
    live = [value for value in shown if MARK in value and LIVE.search(value)]
    assert not live, live


def test_the_walk_sees_the_article_text(payload_seeds, monkeypatch):
    """The walk above is not vacuous: the reader's elements show the payload (escaped)."""
    monkeypatch.setenv("WIRELENS_SEEDS", str(payload_seeds / "seeds"))
    monkeypatch.setenv("WIRELENS_DB", str(payload_seeds / "payload.duckdb"))
    monkeypatch.chdir(REPO)
    at = open_page("reader.py")
    shown = [e.value for kind in TEXT_ELEMENTS for e in getattr(at, kind) if isinstance(e.value, str)]
    assert sum(MARK in value for value in shown) >= 2, shown  # the title and the source at least
