"""What the offline basemap's admin-1 areas cost the map page: packaged size, bytes, render time.

    uv run python bench/basemap_admin1.py [--repeat 5] [--shot artifacts/admin1-seed-map.png] [--no-write]

- packaged size: ``dashboard/data/admin1.json.gz`` on disk;
- builder bytes and time: the deck JSON ``maps.build_map`` makes for the seed corpus, with and without
  admin-1, on the seed's own view (Syria) and on a world view (``ADMIN1_MAX_SPAN`` set to -1 turns
  admin-1 off), and the CPU time to build it (less noisy than a page's wall time on a shared machine);
- the page in Chromium, on the seed corpus, network requests off this machine blocked (so the offline
  basemap is what shows): the map page's first render (goto to the page drawn and Streamlit idle) and the
  WebSocket bytes the server sent, against the same page served with admin-1 off, alternating visit by
  visit in the same run. Admin-1 is turned off in that second server by a ``sitecustomize`` on its
  PYTHONPATH; nothing in wirelens reads a switch. Medians over --repeat. A screenshot of the seed's map
  page with admin-1 goes to --shot.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from benchmarks_md import write_section
from browser_pages import settled
from serving import launch, wait_healthy

REPO = Path(__file__).resolve().parents[1]
SECTION = "## Offline basemap: admin-1 areas (bench/basemap_admin1.py)"
LOADS: list[float] = []  # the machine's 1-minute load average after each visit: a shared machine's noise
OFF = "import wirelens.dashboard.basemap as basemap\n\nbasemap.ADMIN1_MAX_SPAN = -1.0\n"


def seed_store(directory: Path) -> Path:
    from wirelens.config import load_settings
    from wirelens.extraction.pipeline import Extractor
    from wirelens.run.ingest import ensure_seeds
    from wirelens.store.database import Store

    db = directory / "seed.duckdb"
    settings = load_settings()
    with Store(db) as store:
        ensure_seeds(store, lambda: Extractor.from_settings(settings), settings.seeds_dir)
    return db


def builder_costs(db: Path, repeat: int) -> dict[str, tuple[int, int, float, float]]:
    """{view: (deck bytes with admin-1, without, build ms with, without)} for the seed's view and a world
    view; build time is the median CPU time of ``build_map`` and its JSON, alternating with and without."""
    import wirelens.dashboard.basemap as basemap
    from wirelens.dashboard.maps import build_map, fit_view, style_events, style_places
    from wirelens.store.database import Store

    with Store(db) as store:
        places = style_places(store.place_counts(metonymic=False))
        events = style_events(store.events(aggregates=False))
    views = {"seed (Syria)": fit_view(events["lat"], events["lon"]), "world": fit_view([60, -40], [-120, 150])}
    out = {}
    for name, view in views.items():
        sizes, times = {}, defaultdict(list)
        for _ in range(repeat):
            for span in (basemap.ADMIN1_MAX_SPAN, -1.0):
                kept, basemap.ADMIN1_MAX_SPAN = basemap.ADMIN1_MAX_SPAN, span
                try:
                    start = time.process_time()
                    sizes[span] = len(build_map(places, events, view=view).to_json().encode())
                    times[span].append(time.process_time() - start)
                finally:
                    basemap.ADMIN1_MAX_SPAN = kept
        on, off = basemap.ADMIN1_MAX_SPAN, -1.0
        out[name] = (sizes[on], sizes[off], statistics.median(times[on]) * 1e3, statistics.median(times[off]) * 1e3)
    return out


def visit(browser, url: str, shot: Path | None = None) -> tuple[float, float]:
    """(first render s, KB received) of the map page for a fresh visitor, offline."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    local = ("http://127.0.0.1", "ws://127.0.0.1")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(local) else route.abort())
    page = context.new_page()
    received = [0]
    page.on("websocket", lambda ws: ws.on("framereceived", lambda p: received.__setitem__(0, received[0] + len(p))))
    try:
        start = time.perf_counter()
        page.goto(f"{url}/map")
        page.get_by_role("heading", name="Map", exact=True).first.wait_for(timeout=120_000)
        settled(page)
        page.locator("canvas").first.wait_for(timeout=60_000)
        first = time.perf_counter() - start
        LOADS.append(os.getloadavg()[0])
        if shot is not None:
            time.sleep(8)  # deck.gl draws its layers and text atlas frames after the canvas appears
            shot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shot), full_page=False)
        return first, received[0] / 1000
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--shot", type=Path, default=REPO / "artifacts" / "admin1-seed-map.png")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    packaged = (REPO / "lib/wirelens/dashboard/data/admin1.json.gz").stat().st_size
    with tempfile.TemporaryDirectory() as tmp:
        db = seed_store(Path(tmp))
        built = builder_costs(db, args.repeat)
        (Path(tmp) / "off").mkdir()
        (Path(tmp) / "off" / "sitecustomize.py").write_text(OFF, encoding="utf-8")
        env = {"WIRELENS_DB": str(db), "WIRELENS_MODE": "local"}
        python_path = os.pathsep.join(p for p in (str(Path(tmp) / "off"), os.environ.get("PYTHONPATH")) if p)
        on_proc, on_url = launch("app.py", env)
        off_proc, off_url = launch("app.py", {**env, "PYTHONPATH": python_path})
        runs: dict[str, list[tuple[float, float]]] = {"with admin-1": [], "without": []}
        try:
            wait_healthy(on_url)
            wait_healthy(off_url)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
                visit(browser, on_url, args.shot)  # warms the server's caches, and the screenshot
                visit(browser, off_url)
                for _ in range(args.repeat):
                    runs["with admin-1"].append(visit(browser, on_url))
                    runs["without"].append(visit(browser, off_url))
                browser.close()
        finally:
            for proc in (on_proc, off_proc):
                proc.terminate()
                proc.wait(timeout=30)
    lines = report(packaged, built, runs, args.repeat)
    print("\n".join(lines))
    if not args.no_write:
        write_section(SECTION, SECTION + "\n\n" + "\n".join(lines))


def report(packaged: int, built: dict, runs: dict, repeat: int) -> list[str]:
    raw = len(gzip.decompress((REPO / "lib/wirelens/dashboard/data/admin1.json.gz").read_bytes()))
    lines = [
        f"Packaged: `admin1.json.gz` {packaged / 1e3:.0f} KB gzipped ({raw / 1e6:.2f} MB of JSON), read once per "
        "process. Deck JSON built for the seed corpus (`maps.build_map`), with admin-1 and without, and the median "
        "CPU time to build it:",
        "",
        "| view | with admin-1 | without | added | build with | build without |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {a / 1e3:.1f} KB | {b / 1e3:.1f} KB | {(a - b) / 1e3:+.1f} KB | {ta:.0f} ms | {tb:.0f} ms |"
        for name, (a, b, ta, tb) in built.items()
    ]
    lines += [
        "",
        f"The seed's map page in Chromium, offline (requests off this machine blocked), medians of {repeat} "
        "fresh visits alternating between two servers in the same run (first render: median, and the range; "
        f"the 2-core machine's 1-minute load average meanwhile: median {statistics.median(LOADS):.1f}):",
        "",
        "| server | first render | range | bytes to the browser (WebSocket) |",
        "|---|---:|---:|---:|",
    ]
    for name, visits in runs.items():
        times = [v[0] for v in visits]
        kb = statistics.median(v[1] for v in visits)
        lines.append(
            f"| {name} | {statistics.median(times):.2f} s | {min(times):.1f}-{max(times):.1f} s | {kb:.0f} KB |"
        )
    return lines


if __name__ == "__main__":
    main()
