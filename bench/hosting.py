"""Hosting check: the app as Streamlit Community Cloud runs it, from the dependency file alone.

    uv run python bench/hosting.py            # updates the "## Hosting" section of BENCHMARKS.md
    uv run python bench/hosting.py --no-write

1. Export the committed tree (``git archive HEAD``: what Cloud clones) into a temporary folder.
2. Install it into a fresh virtualenv from ``uv.lock`` alone (``uv sync --locked --no-dev``),
   the spaCy model included (it is a PyPI dependency).
3. Start ``streamlit run app.py`` there in hosted mode (``WIRELENS_MODE=hosted``, as the
   deploy steps in the README set it) with a fresh HOME and TMPDIR.
4. Load every page in headless Chromium (Debian's ``chromium``, driven by Playwright): no Python
   exception, no JavaScript error. Screenshots go to artifacts/hosting/.
5. Report the server's peak resident memory (VmHWM, the kernel's high-water mark: Community
   Cloud's smallest allowance is 700 MB) and every file the app wrote outside TMPDIR and the
   user data dir (there must be none). The baseline in the same run is a bare ``streamlit
   hello``-sized app (``import streamlit`` only) started the same way.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks_md import write_section

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


def files_under(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if not any(map(shutil.which, ("chromium", "chromium-browser"))):
        print("skipped: no chromium (apt-get install chromium)")
        return
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
        proc, url = serve(app, venv, home, tmp, "bare_app.py")
        urllib.request.urlopen(url).read()
        time.sleep(3)
        bare_mb = peak_rss_mb(proc.pid)
        proc.terminate()
        proc.wait(timeout=20)
        (app / "bare_app.py").unlink()

        start = time.perf_counter()
        proc, url = serve(app, venv, home, tmp)
        try:
            problems = visit_every_page(url)
            pages_s = time.perf_counter() - start
            peak_mb = peak_rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
        data_dir = Path(".local") / "share" / "wirelens"
        stray = sorted(str(p) for p in files_under(home) if data_dir not in p.parents)
        stray += sorted(f"app/{p}" for p in files_under(app) - tree_before if "__pycache__" not in p.parts)
    print(f"peak resident memory: {peak_mb:.0f} MB (bare Streamlit app: {bare_mb:.0f} MB); pages: {pages_s:.0f} s")
    print(f"problems: {problems or 'none'}; files written outside TMPDIR and the data dir: {stray or 'none'}")
    if args.no_write:
        return
    write_section(
        SECTION,
        "\n".join(
            [
                SECTION,
                "",
                f"- Date: {time.strftime('%Y-%m-%d')}. Command: `uv run python bench/hosting.py`.",
                f"- Fresh virtualenv from `uv.lock` alone (`uv sync --locked --no-dev`, model included): {install_s:.0f} s.",
                f"- `streamlit run app.py` in hosted mode, every page ({len(PAGES)}) loaded in headless Chromium: "
                f"{'no exception, no JavaScript error' if not problems else '; '.join(problems)}.",
                f"- Peak resident memory of the server (VmHWM) with the seed corpus: **{peak_mb:.0f} MB** (target <= 700 MB); "
                f"baseline in the same run, a bare Streamlit app started the same way: {bare_mb:.0f} MB.",
                f"- Files written outside TMPDIR and the user data dir: {', '.join(stray) if stray else 'none'}.",
            ]
        ),
    )


if __name__ == "__main__":
    main()
