"""Issue 22, in a real browser: Cancel stops an upload's extraction and keeps what it stored.

An upload of many articles is started on the Add-articles page; once the progress bar has counted
a few, Cancel is clicked. Then: the page says how many were added before it stopped; the store holds
exactly those (and the seed), and no more arrive afterwards (the extraction really stopped, it was
not merely hidden); the session goes on working: a second upload is added and counted. And a visitor who closes the
tab mid-upload leaves no extraction running behind them.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from browser_support import launch_browser, new_tab, require_chromium, serve
from page_ready import goto_ready, wait_ready

from wirelens.run.readers import read_paths

sync_api = require_chromium()
pytestmark = pytest.mark.timeout(900)

ARTICLES = 150  # minutes of extraction on this machine: Cancel comes long before the end
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
QUIET_SECONDS = 15  # after the cancel, the store must not grow over this long
PROGRESS = re.compile(r"Extracted (\d+) of (\d+) article")
CANCELLED = re.compile(r"Upload cancelled: (\d+) of (\d+) article\(s\) were added before it stopped")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, str]]:
    db = tmp_path_factory.mktemp("cancel") / "cancel.duckdb"
    with serve(db, "cancel-server.log") as url:
        yield url, str(db)


@pytest.fixture(scope="module")
def browser(server) -> Iterator[object]:
    with launch_browser(sync_api) as browser:  # one Playwright per module: a second inside it is refused
        yield browser


@pytest.fixture(scope="module")
def tab(browser) -> Iterator[object]:
    page = new_tab(browser, 1400, 1600)
    yield page
    page.context.close()


def stored_articles(db: str) -> int:
    """Articles in the store, read the way another process would (the dashboard holds no lock while idle)."""
    for _ in range(50):
        try:
            con = duckdb.connect(db, read_only=True)
        except duckdb.IOException:  # the page is writing this very moment
            time.sleep(0.2)
            continue
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    raise TimeoutError(f"{db} stayed locked")


def upload_file(tmp_path, seed_text: str, count: int, name: str) -> str:
    """``count`` distinct dated articles (the seed's text, each with its own last line) as one JSONL file."""
    path = tmp_path / name
    rows = (
        {"title": f"{name} story {i}", "date": "2016-10-04", "text": f"{seed_text}\n\n(Report {name} {i}.)"}
        for i in range(count)
    )
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return str(path)


def add(tab, path: str) -> None:
    """Upload ``path`` alone: files left in the uploader by an earlier upload are removed first.

    Each step waits for the run it starts to be drawn, read off the Add button: disabled once the
    uploader is empty, enabled once the new file is uploaded. The run marker alone can read "not
    running" before a click's run has begun, so Add could be clicked on the button an earlier run drew,
    with the new file still uploading, and the upload's own run would then arrive during Add's run.
    """
    go = tab.get_by_role("button", name="Add to the corpus")
    chips = tab.locator('[data-testid="stFileChipDeleteBtn"]')
    if chips.count():
        while (left := chips.count()) > 0:
            chips.first.click()
            sync_api.expect(chips).to_have_count(left - 1, timeout=60_000)
        sync_api.expect(go).to_be_disabled(timeout=120_000)  # the run after the last removal is drawn
    wait_ready(tab)
    tab.locator('input[type="file"]').set_input_files(path)
    tab.get_by_text(path.rsplit("/", 1)[-1]).first.wait_for(timeout=60_000)
    sync_api.expect(go).to_be_enabled(timeout=120_000)  # the run after the upload is drawn
    wait_ready(tab)
    go.click()


def sidebar_count(tab) -> int:
    text = tab.locator('[data-testid="stSidebar"]').inner_text()
    return int(re.search(r"Corpus: ([\d,]+) article", text).group(1).replace(",", ""))


def test_cancel_stops_the_extraction_and_keeps_what_was_stored(server, tab, tmp_path):
    url, db = server
    seed = next(iter(read_paths([SEEDS])))
    goto_ready(tab, url, timeout=300)  # the first visit builds the seed corpus
    goto_ready(tab, f"{url}/upload")
    before = stored_articles(db)
    assert sidebar_count(tab) == before

    add(tab, upload_file(tmp_path, seed.text, ARTICLES, "many.jsonl"))
    bar = tab.get_by_text(PROGRESS).first
    bar.wait_for(timeout=300_000)
    tab.wait_for_function(  # a few stored, so Cancel has something to keep
        "() => { const m = document.body.innerText.match(/Extracted (\\d+) of/); return m && +m[1] >= 2 }",
        timeout=300_000,
    )
    tab.get_by_role("button", name="Cancel").click()
    notice = tab.get_by_text(CANCELLED).first
    notice.wait_for(timeout=120_000)
    wait_ready(tab)
    added, total = map(int, CANCELLED.search(notice.inner_text()).groups())
    assert total == ARTICLES and 2 <= added < ARTICLES, (added, total)

    # What the page says was kept is what the store holds, and nothing more arrives afterwards.
    assert stored_articles(db) == before + added
    deadline = time.monotonic() + QUIET_SECONDS
    while time.monotonic() < deadline:
        assert stored_articles(db) == before + added, "extraction went on after Cancel"
        time.sleep(1)
    assert sidebar_count(tab) == before + added
    assert tab.locator('[data-testid="stException"]').count() == 0
    assert tab.get_by_text(PROGRESS).count() == 0  # no progress bar left running

    # The session still works: another upload is extracted, reported and counted.
    add(tab, upload_file(tmp_path, seed.text, 1, "one-more.jsonl"))
    tab.get_by_text(re.compile(r"1 added")).first.wait_for(timeout=300_000)
    wait_ready(tab)
    assert stored_articles(db) == before + added + 1
    assert sidebar_count(tab) == before + added + 1
    assert tab.locator('[data-testid="stException"]').count() == 0
    assert tab.errors == []


def test_closing_the_tab_stops_the_extraction(server, browser, tmp_path):
    """The probe's case: an uploader who closes the tab mid-extraction left a core busy for minutes. The
    tab's session ends with its connection (Streamlit stops the run at its next progress update): the
    store stops growing within one article's extraction, far short of the upload."""
    url, db = server
    seed = next(iter(read_paths([SEEDS])))
    page = new_tab(browser, 1400, 1600)
    goto_ready(page, f"{url}/upload", timeout=300)
    before = stored_articles(db)
    add(page, upload_file(tmp_path, seed.text, ARTICLES, "left-behind.jsonl"))
    page.wait_for_function(
        "() => { const m = document.body.innerText.match(/Extracted (\\d+) of/); return m && +m[1] >= 2 }",
        timeout=300_000,
    )
    page.context.close()  # the visitor leaves: the connection closes with the tab
    settled = _settled_count(db, within=120)
    assert before + 2 <= settled < before + ARTICLES // 2, (before, settled)


def _settled_count(db: str, within: float) -> int:
    """The store's article count once it has not changed for QUIET_SECONDS (fails if it keeps growing)."""
    deadline = time.monotonic() + within
    last, since = stored_articles(db), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(1)
        now = stored_articles(db)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= QUIET_SECONDS:
            return now
    raise AssertionError(f"the store was still growing {within:.0f} s after the tab closed ({last} articles)")
