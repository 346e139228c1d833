"""Issue 22, in a real browser: article text that is an attack stays text on every page.

One corpus whose title, source, URL, body and actor name (from a lexicon) carry ``<script>``,
``onerror`` images, ``javascript:`` links, markdown image and link injection, LaTeX and
Streamlit's colour and icon directives. Each page that shows article text is opened (the quote
and event deep-linked so their panels draw, every chart and map hovered for its tooltips) with
every request off this machine intercepted: the payloads' window flag is never set, no request
leaves localhost, no ``javascript:`` link or remote image is in the page, and the reader shows
the title literally.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from urllib.parse import quote, urlparse

import duckdb
import pytest
from browser_support import launch_browser, new_tab, require_chromium, serve

from wirelens.store.database import Store

sync_api = require_chromium()
pytestmark = pytest.mark.timeout(600)

FLAG = "__wirelens_pwned"
SET_FLAG = f"window.{FLAG}=1"
EVIL = "attacker.example"
TITLE = f"<script>{SET_FLAG}</script> ![t](http://{EVIL}/t.png) [t](javascript:{SET_FLAG}) $E=mc^2$ :red[red]"
ACTOR = f'<img src=x onerror="{SET_FLAG}"> [a](javascript:{SET_FLAG}) $x^2$ ![i](http://{EVIL}/a.png) Brigade'
ARTICLE = {
    "title": TITLE,
    "source": f'<img src=x onerror="{SET_FLAG}">Payload Wire :material/home:',
    "url": f"javascript:{SET_FLAG}",
    "date": "2016-10-04",
    "text": (
        "Zorblax fighters shelled Aleppo on Monday, killing six people, a monitor said.\n\n"
        f'"We will fight on until <script>{SET_FLAG}</script> victory," the Zorblax fighters said in a statement.\n\n'
        f"Rebels clashed with regime forces near Idlib on Tuesday ![b](http://{EVIL}/b.png) "
        f'<img src=x onerror="{SET_FLAG}">, killing two. Read [more](javascript:{SET_FLAG}) or $x^2$ at '
        f"http://{EVIL}/story.\n"
    ),
}
# Every page that shows text from an article; the quotes and events pages, and the network's node
# panel, are opened by deep links to the payload's records once it is built, and the corrections
# page after corrections whose notes and names are payloads.
ICONS = "https://fonts.gstatic.com/s/i/short-term/release/materialsymbolsrounded/"
BASEMAP = "https://basemaps.cartocdn.com/gl/positron-gl-style/"  # the map page's own basemap style
PAGES = ["reader", "map", "timeline", "coverage"]
LINKED = [("quotes", "quote"), ("events", "event")]  # deep links to the payload's first quote and event


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, str]]:
    folder = tmp_path_factory.mktemp("payload")
    seeds = folder / "seeds"
    seeds.mkdir()
    (seeds / "payload.jsonl").write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    lexicon = folder / "payload.toml"
    lexicon.write_text(
        f'[[actor]]\nname = {json.dumps(ACTOR)}\ntype = "armed group"\naliases = ["Zorblax fighters"]\n',
        encoding="utf-8",
    )
    db = folder / "payload.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WIRELENS_SEEDS", str(seeds))
        mp.setenv("WIRELENS_LEXICONS", str(lexicon))
        with serve(db, "security-server.log") as url:
            yield url, str(db)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with launch_browser(sync_api) as chromium:
        yield chromium


def settle(tab) -> None:
    """Wait for the script run to end and the page to draw."""
    tab.locator('[data-testid="stSidebar"]').first.wait_for(timeout=180_000)
    time.sleep(0.5)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and tab.locator('[data-testid="stStatusWidget"]').count():
        time.sleep(0.3)
    time.sleep(0.5)


def hover_everything(tab) -> None:
    """Sweep the mouse over every chart, map and table: tooltips draw on hover only."""
    targets = tab.locator('canvas, .js-plotly-plot, [data-testid="stVegaLiteChart"], [data-testid="stDeckGlJsonChart"]')
    for i in range(min(targets.count(), 6)):
        box = targets.nth(i).bounding_box()
        if not box or box["width"] < 20 or box["height"] < 20:
            continue
        for y in range(1, 6):
            for x in range(1, 10):
                tab.mouse.move(box["x"] + box["width"] * x / 10, box["y"] + box["height"] * y / 6)


def first_records(db: str) -> dict[str, tuple[str, int, int]]:
    """The payload article's first quote and event (article id, start, end)."""
    con = duckdb.connect(db, read_only=True)
    try:
        found = {
            t: con.execute(f'SELECT article_id, start, "end" FROM {t} ORDER BY start LIMIT 1').fetchone()
            for t in ("quotes", "events")
        }
        return {t: row for t, row in found.items() if row}
    finally:
        con.close()


def correct_with_payloads(db: str, quote_row: tuple[str, int, int]) -> None:
    """Corrections whose notes and new names are payloads too, for the Corrections page to list."""
    with Store(db) as store:  # the dashboard holds no lock while idle
        store.dismiss("quote", *quote_row, note=TITLE)
        store.rename_actor(ACTOR, f"{ACTOR} renamed", note=ARTICLE["source"])


def test_article_payloads_stay_inert_text_on_every_page(server, browser):
    url, db = server
    tab = new_tab(browser, 1400, 1400)
    off_host: list[str] = []

    def guard(route) -> None:
        host = urlparse(route.request.url).hostname or ""
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:  # nothing may leave this machine: a payload's image or link would go to its host
            off_host.append(route.request.url)
            route.abort()

    def payload_requests() -> list[str]:
        # Streamlit fetches the app's own Material icons (the page menu's) from Google's font server
        # and the map its basemap style; any other request off this machine is a payload's, as is
        # the payload's ":material/home:" icon.
        return [u for u in off_host if not (u.startswith(BASEMAP) or u.startswith(ICONS) and "/home/" not in u)]

    tab.context.route("**/*", guard)
    tab.goto(url, timeout=180_000)
    settle(tab)  # the first visit builds the payload corpus with the real model
    records = first_records(db)
    assert records.keys() == {"quotes", "events"}, "no quote or no event: their panels would go untested"
    links = [f"{page}?{key}={a[:8]}:{s}:{e}" for (page, key), (a, s, e) in zip(LINKED, records.values())]
    network = "network?net_selected=" + quote(f"node|{ACTOR}")
    for path in [*PAGES, *links, network, "corrections"]:
        if path == "corrections":
            correct_with_payloads(db, records["quotes"])
        tab.goto(f"{url}/{path}", timeout=120_000)
        settle(tab)
        hover_everything(tab)
        time.sleep(0.3)
        assert tab.evaluate(f"() => window.{FLAG} === undefined"), f"/{path}: a payload ran"
        assert tab.locator('a[href^="javascript:" i]').count() == 0, f"/{path}: a javascript: link"
        assert tab.locator(f'img[src*="{EVIL}"], image[href*="{EVIL}"]').count() == 0, f"/{path}: a remote image"
        assert tab.locator('[data-testid="stException"]').count() == 0, f"/{path}: an exception"
        if path == "reader":
            shown = tab.locator('[data-testid="stMain"]').inner_text().replace("\u2060", "")
            assert TITLE in shown and "Payload Wire :material/home:" in shown  # literally, not rendered
        if path in (network, "corrections"):
            shown = tab.locator('[data-testid="stMain"]').inner_text().replace("\u2060", "")
            assert ACTOR in shown  # the node panel's heading; the renamed actor in the corrections list
    assert payload_requests() == [], payload_requests()
    assert tab.errors == []
    tab.context.close()
