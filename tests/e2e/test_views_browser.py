"""The reader, network and quote views in a real browser (Debian's chromium through Playwright).

A reader link scrolls its sentence into the viewport; the network and quote pages draw, and their
screenshots go to artifacts/e2e/ for a person to look at. WIRELENS_E2E_DB=path points the server at
a bigger store (e.g. one built from the Wikinews CSVs) instead of a fresh seed corpus.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import ARTIFACTS, REPO, launch_browser, new_tab, require_chromium, serve

SEED_PREFIX = "08ed0b15"
sync_api = require_chromium()
pytestmark = pytest.mark.timeout(900)
SUFFIX = "-big" if os.environ.get("WIRELENS_E2E_DB") else ""


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    db = os.environ.get("WIRELENS_E2E_DB") or tmp_path_factory.mktemp("views") / "corpus.duckdb"
    with serve(db, "views-server.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with launch_browser(sync_api) as chromium:
        yield chromium


@pytest.fixture()
def tab(browser) -> Iterator[object]:
    page = new_tab(browser, 1400, 900)
    yield page
    page.context.close()


def open_view(tab, url: str, title: str) -> None:
    tab.goto(url, wait_until="domcontentloaded", timeout=120_000)
    tab.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=180_000)
    deadline = time.monotonic() + 60
    time.sleep(0.5)
    while time.monotonic() < deadline and tab.locator('[data-testid="stStatusWidget"]').count():
        time.sleep(0.3)


def shoot(tab, name: str, full_page: bool = True) -> Path:
    time.sleep(2)  # charts draw after the script run ends
    path = ARTIFACTS / f"{name}{SUFFIX}.png"
    tab.screenshot(path=str(path), full_page=full_page)
    return path


def assert_clean(tab) -> None:
    assert tab.locator('[data-testid="stException"]').count() == 0
    assert tab.errors == []


def _seed_length() -> int:
    return len((REPO / "seeds" / "000_b2a18b2bed862a32.txt").read_text(encoding="utf-8"))


@pytest.mark.skipif(bool(os.environ.get("WIRELENS_E2E_DB")), reason="the seed article's offsets")
def test_a_reader_link_scrolls_its_sentence_into_view(server, tab):
    end = _seed_length() - 400  # far down the article: well below the first screen
    open_view(tab, f"{server}/reader?sentence={SEED_PREFIX}:{end - 120}:{end}", "Article reader")
    focus = tab.locator("#wl-focus")
    focus.wait_for(timeout=60_000)
    deadline = time.monotonic() + 15
    box = focus.bounding_box()
    while time.monotonic() < deadline and not (box and 0 <= box["y"] <= 900):
        time.sleep(0.3)
        box = focus.bounding_box()
    assert box is not None and 0 <= box["y"] <= 900 - box["height"] / 2, box
    assert "article=" in tab.url  # the link names its article from now on
    assert_clean(tab)
    shoot(tab, "reader-linked", full_page=False)


CHART = '[data-testid="stVegaLiteChart"]'


def test_the_network_page_draws_with_its_legend(server, tab):
    open_view(tab, f"{server}/network?net_top=200", "Actor network")
    tab.locator(f"{CHART} svg .actors_marks").first.wait_for(state="attached", timeout=60_000)
    assert_clean(tab)
    time.sleep(1)
    legends = tab.locator(f"{CHART} svg .role-legend")
    assert legends.count() >= 2  # actor types and edge classes, each with its counts
    assert re.search(r"\(\d+\)", legends.first.inner_html())
    shoot(tab, "network")


def test_the_quotes_page_draws_a_bounded_chart(server, tab):
    open_view(tab, f"{server}/quotes", "Quotes")
    plot = tab.locator(CHART).first
    tab.locator(f"{CHART} svg .quotes_marks, {CHART} canvas").first.wait_for(state="attached", timeout=60_000)
    assert_clean(tab)
    assert plot.bounding_box()["height"] <= 26 * 26 + 200  # 25 speaker rows and "other", not one per speaker
    time.sleep(1)  # vega lays out its axes and legend after the element mounts
    drawn = tab.evaluate(
        """() => {
        const element = document.querySelector('[data-testid="stVegaLiteChart"]');
        const chart = element.getBoundingClientRect();
        const row = element.closest('[data-testid="stHorizontalBlock"]').getBoundingClientRect();
        const area = element.querySelector('svg .role-scope, svg path.background').getBoundingClientRect();
        const ticks = [...element.querySelectorAll('svg .role-axis-label text')]
            .map(t => t.getBoundingClientRect().top + t.getBoundingClientRect().height / 2);
        const legend = element.querySelector('svg .role-legend').getBoundingClientRect();
        return {share: chart.width / row.width, gap: Math.min(...ticks) - area.top,
                legend: [legend.top, legend.bottom, legend.right], chart: [chart.top, chart.bottom, chart.right]};
    }"""
    )
    assert drawn["share"] >= 0.64, drawn  # two thirds of its row to the chart, a third to the quote's panel
    assert drawn["gap"] <= 26, drawn  # the first speaker's row at the top: no blank band above it
    # The speaker-type legend is inside the chart, where it can be seen.
    assert drawn["chart"][0] <= drawn["legend"][0] and drawn["legend"][1] <= drawn["chart"][1] + 1, drawn
    assert drawn["legend"][2] <= drawn["chart"][2] + 1, drawn  # no type cut off at the chart's right edge
    shoot(tab, "quotes")
