"""The dashboard in a real browser: `streamlit run app.py` driven by Playwright on Debian's chromium.

Each page loads with no exception, a filter change reaches the URL and a copied URL restores the
view, an upload is ingested, and hostile article text renders as text. Screenshots go to
artifacts/e2e/ for a person to look at. Skipped when no chromium is installed, except in CI
(CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import ARTIFACTS, launch_browser, new_tab, require_chromium, serve

VEGA = '[data-testid="stVegaLiteChart"] svg'  # the network and quote charts: Vega-Lite, drawn as SVG
PAGES = {  # url path -> the page's title
    "": "Overview",
    "map": "Map",
    "events": "Events",
    "network": "Actor network",
    "quotes": "Quotes",
    "reader": "Article reader",
    "corrections": "Corrections",
    "upload": "Add articles",
}

sync_api = require_chromium()
pytestmark = pytest.mark.timeout(900)


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The dashboard as a newcomer starts it, on its own port and store."""
    with serve(tmp_path_factory.mktemp("e2e") / "corpus.duckdb", "server.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with launch_browser(sync_api) as chromium:
        yield chromium


@pytest.fixture()
def tab(browser) -> Iterator[object]:
    page = new_tab(browser)
    yield page
    page.context.close()


def open_view(tab, url: str, title: str) -> None:
    """Go to ``url`` and wait until the page titled ``title`` has finished running."""
    # The heading is what tells the page is there; the load event can lag on a busy machine.
    tab.goto(url, wait_until="domcontentloaded", timeout=120_000)
    tab.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=180_000)
    settle(tab)


def settle(tab, timeout: float = 60) -> None:
    """Wait until the script run is over (Streamlit shows a status widget while it runs)."""
    deadline = time.monotonic() + timeout
    time.sleep(0.5)
    while time.monotonic() < deadline:
        if tab.locator('[data-testid="stStatusWidget"]').count() == 0:
            time.sleep(0.5)
            if tab.locator('[data-testid="stStatusWidget"]').count() == 0:
                return
        time.sleep(0.3)
    raise TimeoutError("the page kept running")


def shoot(tab, name: str) -> Path:
    time.sleep(2)  # tables and charts draw after the script run ends
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path


def assert_clean(tab) -> None:
    assert tab.locator('[data-testid="stException"]').count() == 0, tab.locator(
        '[data-testid="stException"]'
    ).first.inner_text()
    assert tab.errors == []


def caption_matching(tab, pattern: str) -> str:
    texts = tab.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    return next((t for t in texts if re.search(pattern, t)), "")


@pytest.mark.parametrize("path", list(PAGES))
def test_each_page_loads_without_errors(server, tab, path):
    open_view(tab, f"{server}/{path}", PAGES[path])
    assert_clean(tab)
    assert shoot(tab, path or "overview").stat().st_size > 10_000


def test_a_filter_change_reaches_the_url_and_the_url_restores_it(server, tab, browser):
    open_view(tab, f"{server}/quotes", "Quotes")
    everything = caption_matching(tab, r"^Showing .+ of [\d,]+ quotes?")
    search = tab.get_by_label("Search quotes and speakers")
    search.fill("Kerry")
    search.press("Enter")
    tab.wait_for_url(re.compile(r"quote_search=Kerry"), timeout=60_000)
    settle(tab)
    narrowed = caption_matching(tab, r"^Showing .+ of [\d,]+ quotes?")
    assert narrowed and narrowed != everything
    shoot(tab, "quotes-filtered")

    copied = tab.url
    other = browser.new_context(viewport={"width": 1400, "height": 2000}).new_page()
    open_view(other, copied, "Quotes")
    sync_api.expect(other.get_by_label("Search quotes and speakers")).to_have_value("Kerry", timeout=60_000)
    settle(other)
    assert caption_matching(other, r"^Showing .+ of [\d,]+ quotes?") == narrowed
    other.context.close()


def test_a_sidebar_filter_deep_link_restores_the_view(server, tab):
    open_view(tab, f"{server}/?actors=Islamic+State", "Overview")
    assert_clean(tab)
    assert "Islamic State" in tab.locator('[data-testid="stSidebar"]').inner_text()
    shoot(tab, "overview-deep-link")


def test_an_upload_is_ingested_and_hostile_text_stays_text(server, tab, tmp_path):
    story = tmp_path / "hostile.txt"
    story.write_text(
        "Payload <script>window.__xss = 1</script> headline\n\n"
        'Rebels shelled Aleppo on Monday, killing six people. <img src=x onerror="window.__xss = 2"> '
        "Kerry said the talks were over.\n",
        encoding="utf-8",
    )
    open_view(tab, f"{server}/upload", "Add articles")
    tab.locator('input[type="file"]').set_input_files(str(story))
    tab.get_by_text("hostile.txt").first.wait_for(timeout=30_000)
    tab.get_by_role("button", name="Add to the corpus").click()
    tab.get_by_text(re.compile(r"1 added")).first.wait_for(timeout=180_000)
    settle(tab)
    assert_clean(tab)
    shoot(tab, "upload-report")

    open_view(tab, f"{server}/reader", "Article reader")
    tab.locator('[data-testid="stSelectbox"]').filter(has_text="Article").first.click()
    tab.get_by_role("option", name=re.compile("Payload")).first.click()
    tab.get_by_text("window.__xss = 2", exact=False).first.wait_for(timeout=60_000)
    settle(tab)
    assert_clean(tab)
    assert tab.evaluate("window.__xss") is None  # neither payload ran
    assert tab.locator('img[src="x"]').count() == 0
    assert "<script>" in tab.locator('[data-testid="stMain"]').inner_text()  # shown as the text it is
    shoot(tab, "reader-hostile-upload")


def test_clicking_a_network_node_shows_its_evidence_and_the_link_reopens_it(server, tab, browser):
    open_view(tab, f"{server}/network", "Actor network")
    tab.wait_for_selector(f"{VEGA} .actors_marks path", state="attached", timeout=60_000)
    time.sleep(1)
    # Only the best-connected actors are labelled, so find the node by its data (Vega names each mark's
    # tooltip in its aria-label), not its label.
    node = tab.locator(f'{VEGA} .actors_marks path[aria-label*="actor: Islamic State ("]')
    assert node.count() == 1
    node.click(force=True)
    tab.get_by_text("Every sentence naming them").wait_for(timeout=60_000)
    settle(tab)
    assert_clean(tab)
    assert tab.get_by_text(re.compile(r"Events \(\d+\)")).count() > 0  # the wedding attack it claimed
    shoot(tab, "network-node-clicked")

    tab.wait_for_url(re.compile(r"net_selected=node"), timeout=30_000)
    other = browser.new_context(viewport={"width": 1400, "height": 2000}).new_page()
    open_view(other, tab.url, "Actor network")
    other.get_by_text("Every sentence naming them").wait_for(timeout=60_000)
    assert other.get_by_role("heading", name="Islamic State").count() == 1
    other.context.close()


def test_clicking_a_quote_mark_shows_it_in_context(server, tab):
    open_view(tab, f"{server}/quotes?quote_search=Lavrov", "Quotes")
    tab.wait_for_selector(f"{VEGA} .quotes_marks path", state="attached", timeout=60_000)
    time.sleep(1)
    tab.locator(f"{VEGA} .quotes_marks path").first.click(force=True)
    tab.get_by_role("heading", name="In context").wait_for(timeout=60_000)
    settle(tab)
    assert_clean(tab)
    assert tab.get_by_role("button", name="Open in the article reader").count() == 1
    shoot(tab, "quote-clicked")
