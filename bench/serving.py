"""Serving: cold start, and the bytes each page sends to the browser.

    uv run python bench/serving.py [--store PATH] [--no-write]

- Cold start: from launching `streamlit run app.py` (a new process; the seed store already
  built) to the overview showing the seed corpus's figures in headless Chromium (Debian's
  chromium, driven by Playwright; the browser is started beforehand), and on to the whole
  overview drawn (its article table). Baseline in the same run: the same for a bare app that
  only imports Streamlit and draws a title.
- Bytes to the browser: the WebSocket frames the server sends while a page loads in a fresh
  browser context (the app's own data; the JavaScript bundle is static and cached), for every
  page, on the seed corpus and on --store (default: the 10,000-article store of
  bench/dashboard.py, when it exists).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import platformdirs

from benchmarks_md import write_section

REPO = Path(__file__).resolve().parents[1]
SECTION = "## Serving: cold start and bytes to the browser (bench/serving.py)"
PAGES = {  # every page a visitor can open, with the title that says it drew
    "": "Overview",
    "map": "Map",
    "timeline": "Timeline",
    "events": "Events",
    "network": "Actor network",
    "quotes": "Quotes",
    "coverage": "Coverage",
    "reader": "Article reader",
    "corrections": "Corrections",
    "upload": "Add articles",
}
SCALED = Path(platformdirs.user_cache_dir("wirelens")) / "bench" / "scaled-10000.duckdb"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def launch(script: str, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.headless", "true"],
        cwd=REPO,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return proc, f"http://127.0.0.1:{port}"


def wait_healthy(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(url)


def settle(page, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    time.sleep(0.3)
    while page.locator('[data-testid="stStatusWidget"]').count() and time.monotonic() < deadline:
        time.sleep(0.1)


def cold_start(browser, script: str, env: dict[str, str], *ready) -> list[float]:
    """Seconds from launching the server to each of ``ready(page)`` holding in turn, in a fresh page."""
    page = browser.new_page()
    start = time.perf_counter()
    proc, url = launch(script, env)
    try:
        wait_healthy(url)
        page.goto(url)
        times = []
        for check in ready:
            check(page)
            times.append(time.perf_counter() - start)
        return times
    finally:
        page.close()
        proc.terminate()
        proc.wait(timeout=20)


def page_bytes(browser, url: str) -> dict[str, int]:
    """WebSocket bytes the server sends while each page loads in a fresh context."""
    sizes = {}
    for path, title in PAGES.items():
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        received = [0]

        def on_socket(ws, received=received) -> None:
            ws.on("framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload)))

        page.on("websocket", on_socket)
        page.goto(f"{url}/{path}")
        page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=300_000)
        settle(page)
        time.sleep(1)
        sizes[path or "overview"] = received[0]
        context.close()
    return sizes


def build_seed_store(path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "wirelens", "ingest", "--db", str(path), "seeds"],
        cwd=REPO,
        check=True,
        capture_output=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, default=SCALED if SCALED.exists() else None)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    chromium = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
    if chromium is None:
        print("skipped: no chromium (apt-get install chromium)")
        return
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="wirelens-serving-") as tmp:
        seed_db = Path(tmp) / "seed.duckdb"
        build_seed_store(seed_db)
        (Path(tmp) / "bare.py").write_text("import streamlit as st\nst.title('Overview')\n")
        env = {"WIRELENS_DB": str(seed_db)}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])

            def seed_shown(page) -> None:  # the overview's corpus figures, drawn from the seed store
                page.locator('[data-testid="stMetricValue"]').first.wait_for(timeout=120_000)

            def overview_drawn(page) -> None:  # the article table, last of the overview's data
                page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=120_000)

            def title_shown(page) -> None:
                page.get_by_role("heading", name="Overview").first.wait_for(timeout=120_000)

            app, drawn, bare = [], [], []
            for _ in range(args.repeat):  # alternate, so machine noise hits both
                bare += cold_start(browser, str(Path(tmp) / "bare.py"), env, title_shown)
                shown, whole = cold_start(browser, "app.py", env, seed_shown, overview_drawn)
                app.append(shown), drawn.append(whole)
                print(
                    f"cold start: app {app[-1]:.2f} s (whole overview {drawn[-1]:.2f} s), "
                    f"bare Streamlit {bare[-1]:.2f} s",
                    flush=True,
                )

            corpora = {"seed (1 article)": env}
            if args.store is not None:
                corpora[f"{args.store.stem} ({args.store.name})"] = {
                    "WIRELENS_DB": str(args.store),
                    "WIRELENS_SEEDS": str(Path(tmp) / "no-seeds"),
                }
            sizes = {}
            for name, corpus_env in corpora.items():
                proc, url = launch("app.py", corpus_env)
                try:
                    wait_healthy(url)
                    sizes[name] = page_bytes(browser, url)
                    print(name, sizes[name], flush=True)
                finally:
                    proc.terminate()
                    proc.wait(timeout=20)
            browser.close()

    median_app, median_drawn, median_bare = (statistics.median(runs) for runs in (app, drawn, bare))
    names = list(sizes)
    lines = [
        SECTION,
        "",
        f"- Date: {time.strftime('%Y-%m-%d')}. Command: `uv run python bench/serving.py`; {os.cpu_count()} CPUs.",
        f"- Cold start, `streamlit run app.py` launched to the seed corpus shown in Chromium (the overview's "
        f"figures), store already built: **{median_app:.2f} s** (median of {args.repeat}; runs "
        f"{', '.join(f'{t:.2f}' for t in app)}; target <= 5 s). On to the whole overview drawn (its article table, "
        f"after pandas is imported): {median_drawn:.2f} s. Baseline in the same run, a bare app (import streamlit, "
        f"one title) launched the same way: {median_bare:.2f} s.",
        "- Bytes the server sends over the WebSocket while a page loads in a fresh browser context:",
        "",
        "| page | " + " | ".join(names) + " |",
        "|---|" + "---:|" * len(names),
        *(
            f"| {page} | " + " | ".join(f"{sizes[n][page] / 1024:,.0f} KB" for n in names) + " |"
            for page in sizes[names[0]]
        ),
    ]
    print("\n".join(lines))
    if not args.no_write:
        write_section(SECTION, "\n".join(lines))


if __name__ == "__main__":
    main()
