"""Hosting check: the app as Streamlit Community Cloud runs it, from the dependency file alone.

    uv run python bench/hosting.py            # updates the "## Hosting" section of BENCHMARKS.md
    uv run python bench/hosting.py --no-write
    uv run python bench/hosting.py --sessions 10   # and 10 concurrent visitors uploading 50 articles each

1. Export the committed tree (``git archive HEAD``: what Cloud clones) into a temporary folder.
2. Install it into a fresh virtualenv from ``uv.lock`` alone (``uv sync --locked --no-dev``),
   the spaCy model included (it is a PyPI dependency).
3. Start ``streamlit run app.py`` there in hosted mode (``WIRELENS_MODE=hosted``, as the
   deploy steps in the README set it) with a fresh HOME and TMPDIR.
4. Load every page in headless Chromium (Debian's ``chromium``, driven by Playwright): no Python
   exception, no JavaScript error. Screenshots go to artifacts/hosting/.
5. With ``--sessions N``: N visitors at once in one Chromium (a context each), each uploading a
   zip of ``--articles`` dated articles and opening every page; errors, cross-session leaks
   (each searches the title mark all uploads share and must count its own only), the server's
   peak memory, and the p95 page render against a bare Streamlit page under the same crowd.
6. Report the server's peak resident memory (VmHWM, the kernel's high-water mark: Community
   Cloud's smallest allowance is 700 MB) and every file the app wrote outside TMPDIR and the
   user data dir (there must be none). The baseline in the same run is a bare ``streamlit
   hello``-sized app (``import streamlit`` only) started the same way.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

from benchmarks_md import write_section
from serving import PAGES as SESSION_PAGES  # every page a visitor can click to, with its heading

REPO = Path(__file__).resolve().parents[1]
SECTION = "## Hosting (bench/hosting.py)"
ARTIFACTS = REPO / "artifacts" / "hosting"
PAGES = {
    "": "Overview",
    "map": "Map",
    "events": "Events",
    "network": "Actor network",
    "quotes": "Quotes",
    "reader": "Article reader",
    "corrections": "Corrections",
    "upload": "Add articles",
}


def export_tree(target: Path) -> None:
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=REPO, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")


def install(app: Path, venv: Path) -> float:
    start = time.perf_counter()
    env = {**os.environ, "UV_PROJECT_ENVIRONMENT": str(venv), "UV_PYTHON_DOWNLOADS": "never"}
    subprocess.run(
        ["uv", "sync", "--locked", "--no-dev", "--python", sys.executable, "--quiet"], cwd=app, env=env, check=True
    )
    return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(app: Path, venv: Path, home: Path, tmp: Path, script: str = "app.py") -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "WIRELENS_", "UV_", "VIRTUAL_ENV"))}
    env.update(HOME=str(home), TMPDIR=str(tmp), WIRELENS_MODE="hosted", PATH=f"{venv / 'bin'}:{env['PATH']}")
    log = tmp / f"{script}.log"  # a file, not a pipe: an unread pipe fills up and freezes the server
    proc = subprocess.Popen(
        [str(venv / "bin" / "streamlit"), "run", script, "--server.port", str(port), "--server.headless", "true"],
        cwd=app,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise TimeoutError(log.read_text(errors="replace"))


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def visit_every_page(url: str) -> list[str]:
    """Load each page; return the problems seen (exceptions on the page, JavaScript errors)."""
    from playwright.sync_api import sync_playwright

    chromium = next(p for p in map(shutil.which, ("chromium", "chromium-browser")) if p)
    problems: list[str] = []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 1600})
        page.on("pageerror", lambda exc: problems.append(f"JavaScript error: {exc}"))
        for path, title in PAGES.items():
            page.goto(f"{url}/{path}")
            page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=240_000)
            deadline = time.monotonic() + 60
            while page.locator('[data-testid="stStatusWidget"]').count() and time.monotonic() < deadline:
                time.sleep(0.3)
            time.sleep(2)
            if page.locator('[data-testid="stException"]').count():
                problems.append(f"/{path}: {page.locator('[data-testid=stException]').first.inner_text()[:300]}")
            page.screenshot(path=str(ARTIFACTS / f"{path or 'overview'}.png"), full_page=True)
            print(f"  /{path}: loaded", flush=True)
        browser.close()
    return problems


# --- concurrent hosted sessions (--sessions N) ------------------------------------------------------

MARK = "Hostmark"  # in every uploaded title: searching it shows what a session can see of all uploads
PLACES = ["Aleppo", "Idlib", "Homs", "Hama", "Raqqa", "Deir ez-Zor", "Daraa", "Latakia", "Mosul", "Kirkuk"]


def session_zip(session: int, articles: int = 50) -> bytes:
    """One session's upload: ``articles`` dated news texts, each title marked with the session."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        for j in range(articles):
            place, other = PLACES[j % len(PLACES)], PLACES[(j + session) % len(PLACES)]
            text = (
                f"{MARK}{session:02d} report {j}: fighting near {place}\n"
                f"Rebels shelled government positions near {place} on Monday, killing {j % 7 + 2} people, "
                f"the Syrian Observatory for Human Rights said. Government forces answered with air strikes on "
                f'{other} on Tuesday. "We will not leave {place}," a rebel commander told Reuters. '
                f"Aid groups said {100 + j * 3} families had fled towards the Turkish border since the week began."
            )
            zf.writestr(f"report_{j:02d}.txt", text)
            meta = {"date": f"2016-{j % 12 + 1:02d}-{j % 27 + 1:02d}", "source": f"Wire {session}"}
            zf.writestr(f"report_{j:02d}.meta.json", json.dumps(meta))
    return archive.getvalue()


async def settle(page, title: str, timeout: float = 300) -> float:
    """Seconds until the page's heading is shown and its script run has ended."""
    start = time.perf_counter()
    await page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=timeout * 1000)
    await asyncio.sleep(0.3)
    deadline = time.monotonic() + timeout
    while await page.locator('[data-testid="stStatusWidget"]').count() and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    return time.perf_counter() - start


async def one_session(browser, url: str, session: int, articles: int, renders: list[float], problems: list[str]):
    context = await browser.new_context(viewport={"width": 1400, "height": 1200})
    page = await context.new_page()
    page.on("pageerror", lambda exc: problems.append(f"session {session}: JavaScript error: {exc}"))
    try:
        await page.goto(f"{url}/upload", timeout=300_000)
        await settle(page, "Add articles")
        zipped = session_zip(session, articles)
        await page.locator('input[type="file"]').set_input_files(
            {"name": f"session{session}.zip", "mimeType": "application/zip", "buffer": zipped}
        )
        await page.get_by_role("button", name="Add to the corpus").click()
        done = page.locator('[data-testid="stAlert"]').filter(has_text=" added · ")
        await done.first.wait_for(timeout=900_000)
        added = await done.first.inner_text()
        if not added.startswith(f"{articles} added"):
            problems.append(f"session {session}: upload said {added!r}")
        for path, title in SESSION_PAGES.items():
            start = time.perf_counter()
            await page.goto(f"{url}/{path}", timeout=300_000)
            await settle(page, title)
            renders.append(time.perf_counter() - start)
            if await page.locator('[data-testid="stException"]').count():
                text = await page.locator('[data-testid="stException"]').first.inner_text()
                problems.append(f"session {session} /{path}: {text[:200]}")
        # Leak check: the titles of every session share MARK; a session must find its own 50 only.
        await page.goto(f"{url}/?title={MARK}", timeout=300_000)
        await settle(page, "Overview")
        seen = await page.locator('[data-testid="stMetricValue"]').first.inner_text()
        if seen.strip() != str(articles):
            problems.append(f"session {session}: sees {seen.strip()} articles titled {MARK}*, not its own {articles}")
    except Exception as exc:  # a timeout or a crash is this session's error, the others go on
        problems.append(f"session {session}: {type(exc).__name__}: {str(exc)[:300]}")
    finally:
        await context.close()


async def bare_renders(browser, url: str, sessions: int, loads: int) -> list[float]:
    """The same concurrency on a bare Streamlit app: what a page render costs with nothing to draw."""
    renders: list[float] = []

    async def visitor() -> None:
        context = await browser.new_context()
        page = await context.new_page()
        for _ in range(loads):
            start = time.perf_counter()
            await page.goto(url)
            await settle(page, "Overview")
            renders.append(time.perf_counter() - start)
        await context.close()

    await asyncio.gather(*(visitor() for _ in range(sessions)))
    return renders


async def concurrent_sessions(app_url: str, bare_url: str, sessions: int, articles: int) -> dict[str, object]:
    from playwright.async_api import async_playwright

    chromium = next(p for p in map(shutil.which, ("chromium", "chromium-browser")) if p)
    renders: list[float] = []
    problems: list[str] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        bare = await bare_renders(browser, bare_url, sessions, len(SESSION_PAGES))
        start = time.perf_counter()
        await asyncio.gather(*(one_session(browser, app_url, i, articles, renders, problems) for i in range(sessions)))
        seconds = time.perf_counter() - start
        await browser.close()
    return {"renders": renders, "bare": bare, "problems": problems, "seconds": seconds}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else float("nan")


def files_under(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--sessions", type=int, default=0, help="then N concurrent visitors, each uploading a zip")
    parser.add_argument("--articles", type=int, default=50, help="articles in each visitor's zip")
    args = parser.parse_args()
    if not any(map(shutil.which, ("chromium", "chromium-browser"))):
        print("skipped: no chromium (apt-get install chromium)")
        return
    crowd: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="wirelens-hosting-") as work:
        work = Path(work)
        app, venv, home, tmp = work / "app", work / "venv", work / "home", work / "tmp"
        for folder in (app, home, tmp):
            folder.mkdir()
        export_tree(app)
        tree_before = files_under(app)
        install_s = install(app, venv)
        print(f"installed from uv.lock into a fresh virtualenv in {install_s:.0f} s", flush=True)

        (app / "bare_app.py").write_text("import streamlit as st\nst.title('Overview')\n")
        bare, bare_url = serve(app, venv, home, tmp, "bare_app.py")
        urllib.request.urlopen(bare_url).read()
        time.sleep(3)
        bare_mb = peak_rss_mb(bare.pid)
        start = time.perf_counter()
        proc, url = serve(app, venv, home, tmp)
        try:
            problems = visit_every_page(url)
            pages_s = time.perf_counter() - start
            alone_mb = peak_rss_mb(proc.pid)
            if args.sessions:
                print(f"{args.sessions} concurrent sessions, {args.articles} articles each…", flush=True)
                crowd = asyncio.run(concurrent_sessions(url, bare_url, args.sessions, args.articles))
            peak_mb = peak_rss_mb(proc.pid)
        finally:
            for server in (proc, bare):
                server.terminate()  # SIGTERM, as a host stops the app
                server.wait(timeout=30)
        (app / "bare_app.py").unlink()
        data_dir = Path(".local") / "share" / "wirelens"
        stray = sorted(str(p) for p in files_under(home) if data_dir not in p.parents)
        stray += sorted(f"app/{p}" for p in files_under(app) - tree_before if "__pycache__" not in p.parts)
        left = sorted(p.name for p in tmp.iterdir() if not p.name.endswith(".log"))
    print(f"peak resident memory: {alone_mb:.0f} MB (bare Streamlit app: {bare_mb:.0f} MB); pages: {pages_s:.0f} s")
    print(f"problems: {problems or 'none'}; files written outside TMPDIR and the data dir: {stray or 'none'}")
    print(f"left in TMPDIR after SIGTERM: {', '.join(left) or 'nothing'}")
    lines = [
        SECTION,
        "",
        f"- Date: {time.strftime('%Y-%m-%d')}. Command: `uv run python bench/hosting.py"
        + (f" --sessions {args.sessions} --articles {args.articles}`." if args.sessions else "`."),
        f"- Fresh virtualenv from `uv.lock` alone (`uv sync --locked --no-dev`, model included): {install_s:.0f} s.",
        f"- `streamlit run app.py` in hosted mode, every page ({len(PAGES)}) loaded in headless Chromium: "
        f"{'no exception, no JavaScript error' if not problems else '; '.join(problems)}.",
        f"- Peak resident memory of the server (VmHWM) with the seed corpus, one visitor: **{alone_mb:.0f} MB** "
        f"(target <= 700 MB); baseline in the same run, a bare Streamlit app started the same way: {bare_mb:.0f} MB.",
        f"- Files written outside TMPDIR and the user data dir: {', '.join(stray) if stray else 'none'}. Left in "
        f"TMPDIR after SIGTERM: {', '.join(left) or 'nothing'} (the seed template, one per code version, and the "
        "sessions, deleted when idle).",
    ]
    if crowd:
        renders, bare_times, crowd_problems = crowd["renders"], crowd["bare"], crowd["problems"]
        summary = (
            f"{args.sessions} concurrent hosted sessions, each uploading a {args.articles}-article zip and opening every "
            f"page ({len(SESSION_PAGES)}): {len(crowd_problems)} error(s)"
            + (f" ({'; '.join(crowd_problems)})" if crowd_problems else "")
            + f", {crowd['seconds']:.0f} s in all; peak server RSS **{peak_mb:.0f} MB** (target <= 1,500 MB); "
            f"p95 page render **{p95(renders):.1f} s** (median {sorted(renders)[len(renders) // 2]:.1f} s, "
            f"{len(renders)} renders) against a bare Streamlit page under the same {args.sessions} visitors: "
            f"p95 {p95(bare_times):.1f} s."
        )
        print(summary)
        lines.append(
            f"- {summary} Cross-session leaks: each session searched the titles all uploads share and "
            "counted only its own (any other count is listed as an error above)."
        )
    if not args.no_write:
        write_section(SECTION, "\n".join(lines))
    if crowd and crowd["problems"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
