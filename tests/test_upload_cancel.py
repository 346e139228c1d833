"""Cancel during an upload: the page after it counts what the cancelled run stored, the article in hand included.

Streamlit's fast reruns start the page's next run while the cancelled one is still extracting the
article in hand; that run stores it, then stops at its next Streamlit call. The browser test
(tests/e2e/test_upload_cancel_browser.py) found the notice one article short; here the two runs are
played by a thread and the page.
"""

from __future__ import annotations

import threading
from pathlib import Path

from page_runner import open_page
from wirelens.dashboard.uploads import RunningUpload, UploadRow

REPO = Path(__file__).resolve().parents[1]


def test_running_upload_unpacks_as_done_and_total():
    running = RunningUpload()
    running.done, running.total = 3, 10
    assert tuple(running) == (3, 10)
    assert not running.wait_ended(0)
    running.ended.set()
    assert running.wait_ended(0)


def _page_after(running: RunningUpload, tmp_path: Path, monkeypatch):
    """The upload page, its last upload's run having ended (or ending) as ``running`` says."""
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "local.duckdb"))
    monkeypatch.chdir(REPO)
    at = open_page("upload.py")
    at.session_state["upload_running"] = running
    return at


def test_the_notice_waits_for_the_cancelled_run_and_counts_its_last_article(tmp_path, monkeypatch):
    running = RunningUpload()
    running.done, running.total = 2, 10
    at = _page_after(running, tmp_path, monkeypatch)

    def cancelled_run_finishes_its_article() -> None:
        running.done = 3  # stored after the Cancel click, before the run reached its next Streamlit call
        running.ended.set()

    threading.Timer(1.0, cancelled_run_finishes_its_article).start()
    at.run(timeout=60)
    assert "Upload cancelled: 3 of 10 article(s) were added" in at.warning[0].value
    at.run()
    assert not at.warning  # said once


def test_a_run_stopped_after_its_extraction_finished_shows_its_report(tmp_path, monkeypatch):
    running = RunningUpload()
    running.done, running.total = 1, 1
    running.rows = [UploadRow("one.txt", "added", "One story")]
    running.ended.set()
    at = _page_after(running, tmp_path, monkeypatch)  # stopped between its report and its last st calls
    at.run(timeout=60)
    assert not at.warning  # not reported as cancelled: it was not
    assert at.success[0].value.startswith("1 added")
