"""What every browser test shares: finding Chromium, serving the dashboard, a browser, a tab.

Each test module serves the dashboard on its own store (``serve``) and drives Debian's chromium
through Playwright. Without chromium the tests skip, except in CI, where they must run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts" / "e2e"
CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


def require_chromium() -> object:
    """Playwright's sync API, or a skip (an error in CI) when this machine has no chromium."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            raise RuntimeError("CI needs a chromium for the browser tests: apt-get install chromium")
        pytest.skip("no chromium on this machine (apt-get install chromium)", allow_module_level=True)
    return pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early; its output is in {log}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError("streamlit did not become healthy")


@contextlib.contextmanager
def serve(db: str | Path, log_name: str) -> Iterator[str]:
    """The dashboard as a newcomer starts it, on its own port and store; yields its URL."""
    port = free_port()
    env = {**os.environ, "WIRELENS_DB": str(db), "WIRELENS_MODE": "local"}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / log_name
    # The server's output goes to a file: a pipe nobody reads fills up and freezes the server.
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.port",
                str(port),
                "--server.headless",
                "true",
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, proc, log_path)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


@contextlib.contextmanager
def launch_browser(sync_api: object) -> Iterator[object]:
    with sync_api.sync_playwright() as p:  # type: ignore[attr-defined]
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()


def new_tab(browser: object, width: int = 1400, height: int = 2000) -> object:
    """A page in a fresh context that records uncaught JavaScript errors (a broken page even when Python ran fine)."""
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()  # type: ignore[attr-defined]
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    return page
