"""The network and quotes pages at scale in a real browser (Debian's chromium through Playwright).

On a generated store of 500 speakers and 500 actors (tests/many_speakers.py): the network names
at most 40 actors and no two names drawn on the page overlap (the boxes the browser rendered,
not our estimates); a quote picked in the table on a later page, or a mark in the chart, shows
its context in the viewport, beside the click. Screenshots go to artifacts/e2e/.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import ARTIFACTS, REPO, launch_browser, new_tab, require_chromium, serve

sync_api = require_chromium()
pytestmark = pytest.mark.timeout(900)
VIEWPORT = (1400, 900)
NETWORK = '[data-testid="stVegaLiteChart"] svg'  # the charts are Vega-Lite, drawn as SVG


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    sys.path.insert(0, str(REPO / "tests"))
    from many_speakers import build_store

    folder = tmp_path_factory.mktemp("many")
    build_store(folder / "many.duckdb", speakers=500, articles=250, per_article=10)  # 2,500 quotes
    with pytest.MonkeyPatch.context() as env:
        env.setenv("WIRELENS_SEEDS", str(folder / "no-seeds"))  # this corpus only
        with serve(folder / "many.duckdb", "network-quotes-server.log") as url:
            yield url


@pytest.fixture()
def tab() -> Iterator[object]:
    """A tab of a browser of its own: a failed test leaves nothing behind for the next."""
    with launch_browser(sync_api) as chromium:
        page = new_tab(chromium, *VIEWPORT)
        yield page


def open_view(tab, url: str, title: str) -> None:
    tab.goto(url, wait_until="domcontentloaded", timeout=120_000)
    tab.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=180_000)
    idle(tab)


def idle(tab) -> None:
    """The script run over (its status widget gone), no error on the page or in its JavaScript."""
    time.sleep(0.5)
    tab.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=90_000)
    assert tab.locator('[data-testid="stException"]').count() == 0 and tab.errors == []


def shoot(tab, name: str) -> Path:
    time.sleep(2)  # charts draw after the script run ends
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    return ARTIFACTS / f"{name}.png"


def context_beside(tab) -> dict:
    """The "In context" panel once it shows, checked to be on screen; its box."""
    context = tab.get_by_role("heading", name="In context").first
    context.wait_for(timeout=60_000)
    idle(tab)
    box = context.bounding_box()
    assert in_viewport(box), box
    return box


def in_viewport(box: dict | None) -> bool:
    return box is not None and 0 <= box["y"] and box["y"] + min(box["height"], 200) <= VIEWPORT[1]


def test_the_network_of_500_actors_names_at_most_40_and_no_names_overlap(server, tab):
    open_view(tab, f"{server}/network?net_top=200", "Actor network")
    nodes = tab.locator(f"{NETWORK} .actors_marks path")
    nodes.first.wait_for(state="attached", timeout=60_000)
    tab.locator(NETWORK).first.scroll_into_view_if_needed()
    time.sleep(2)
    assert nodes.count() >= 150  # a big network, not a handful
    # The names as the browser drew them (Vega's SVG text; each name's white halo is a copy underneath).
    boxes = tab.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] g[class*="names_"] text')]
            .filter(t => !t.closest('g[class*="_halo"]') && t.textContent.trim())
            .map(t => { const r = t.getBoundingClientRect();
                        return [t.textContent, r.left, r.top, r.right, r.bottom]; })"""
    )
    assert 10 <= len(boxes) <= 40, [b[0] for b in boxes]
    overlapping = [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if not (a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2])
    ]
    assert overlapping == []
    shoot(tab, "network-500-actors")


def _grid_row(tab, row: int) -> tuple[float, float]:
    """Where to click to select a row of the quote table (the row-marker column, rows 35 px)."""
    grid = tab.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    time.sleep(1)
    box = grid.bounding_box()
    return box["x"] + 12, box["y"] + 35 * (row + 1) + 17


def test_a_quote_picked_on_a_later_page_shows_its_context_beside_it(server, tab):
    open_view(tab, f"{server}/quotes?quote_page=7", "Quotes")
    tab.get_by_text(re.compile(r"Showing 301–350 of 2,500 quotes")).wait_for(timeout=60_000)
    x, y = _grid_row(tab, 4)
    tab.mouse.click(x, y)
    tab.wait_for_url(re.compile(r"quote=[0-9a-f]{8}%3A\d+%3A\d+"), timeout=60_000)
    box = context_beside(tab)
    assert box["x"] > x and abs(box["y"] - y) < VIEWPORT[1] / 2  # beside the table, level with the click
    said = tab.locator('[data-testid="stMarkdownContainer"] strong', has_text="We will answer number").first
    assert in_viewport(said.bounding_box())  # the quote itself, in its sentence, on screen
    assert "quote_page=7" in tab.url  # the link reopens this page with this quote
    shoot(tab, "quotes-page-7-row-clicked")


def test_a_counted_mark_shows_that_day_s_quotes_beside_the_chart(server, tab):
    open_view(tab, f"{server}/quotes?quote_top=10", "Quotes")
    marks = tab.locator(f"{NETWORK} .quotes_marks path")
    marks.first.wait_for(state="attached", timeout=60_000)
    tab.locator(NETWORK).first.scroll_into_view_if_needed()
    time.sleep(1)
    mark = marks.nth(3)  # a mark of the first row, near the right: where the chart's toolbar shows
    target = mark.bounding_box()
    centre = [target["x"] + target["width"] / 2, target["y"] + target["height"] / 2]
    tab.mouse.move(*centre)  # the toolbar shows on hover: it must not cover a mark
    time.sleep(0.5)
    assert tab.evaluate(
        "([x, y]) => !document.elementFromPoint(x, y).closest('[data-testid=\"stElementToolbar\"]')", centre
    )
    tab.mouse.click(*centre)
    assert context_beside(tab)["x"] > target["x"]  # beside the chart
    shoot(tab, "quotes-mark-clicked")


def test_a_quote_mark_clicked_in_a_500_speaker_corpus_shows_its_context_in_view(server, tab):
    # One speaker picked: their quotes are marks of their own (the whole corpus is counted marks).
    open_view(tab, f"{server}/quotes?quote_speaker=Carla+Okafor", "Quotes")
    mark = tab.locator(f"{NETWORK} .quotes_marks path").first
    mark.wait_for(state="attached", timeout=60_000)
    mark.scroll_into_view_if_needed()
    time.sleep(1)
    target = mark.bounding_box()
    tab.mouse.click(target["x"] + target["width"] / 2, target["y"] + target["height"] / 2)
    box = context_beside(tab)
    assert box["x"] > target["x"] and abs(box["y"] - target["y"]) < VIEWPORT[1] / 2  # beside the click
    said = tab.locator('[data-testid="stMarkdownContainer"] strong', has_text="We will answer number").first
    assert in_viewport(said.bounding_box())
    shoot(tab, "quotes-500-speakers-mark-clicked")


def test_clicking_an_edge_of_the_network_shows_its_sentences(server, tab):
    open_view(tab, f"{server}/network", "Actor network")
    middle = tab.locator(f"{NETWORK} .edge_middles_marks path").first
    middle.wait_for(state="attached", timeout=60_000)
    middle.scroll_into_view_if_needed()
    time.sleep(2)
    label = middle.get_attribute("aria-label") or ""
    source, target = re.search(r"edge: (.+?) [→–] (.+?) · ", label).groups()
    box = middle.bounding_box()
    tab.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.wait_for_url(re.compile(r"net_selected=edge"), timeout=60_000)
    tab.get_by_role("heading", name=re.compile(f"{re.escape(source)} . {re.escape(target)}")).wait_for(timeout=60_000)
    idle(tab)
    shoot(tab, "network-edge-clicked")
