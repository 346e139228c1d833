"""Issue 22, in a real browser: article text that is an attack stays text on every page.

One corpus whose title, source, URL, body and actor name (from a lexicon) carry ``<script>``,
``onerror`` images, ``javascript:`` links, markdown image and link injection, LaTeX and
Streamlit's colour and icon directives. Each page that shows article text is opened (the quote
and event deep-linked so their panels draw, every chart and map hovered for its tooltips) with
every request off this machine intercepted: the payloads' window flag is never set, no request
leaves localhost, no ``javascript:`` link or remote image is in the page, and the reader shows
the title literally.

One server, one browser tab and one payload corpus (built by the first visit) serve every page's
case; each case waits on Streamlit's own ready marker, not on fixed sleeps.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote, urlparse

import duckdb
import pytest
from browser_support import launch_browser, new_tab, require_chromium, serve
from page_ready import goto_ready, next_frames, wait_charts_drawn

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
NETWORK = "network?net_selected=" + quote(f"node|{ACTOR}")  # the actor's node panel
CASES = [*PAGES, *(page for page, _ in LINKED), NETWORK, "corrections"]  # corrections last: it corrects the store


@dataclass
class Site:
    """The served payload corpus and the one tab every case drives; requests off this machine are recorded."""

    url: str
    db: str
    tab: object
    records: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    off_host: list[str] = field(default_factory=list)

    def payload_requests(self) -> list[str]:
        # Streamlit fetches the app's own Material icons (the page menu's) from Google's font server
        # and the map its basemap style; any other request off this machine is a payload's, as is
        # the payload's ":material/home:" icon.
        return [u for u in self.off_host if not (u.startswith(BASEMAP) or u.startswith(ICONS) and "/home/" not in u)]

    def path(self, case: str) -> str:
        """The case's page, the quotes and events pages deep-linked to the payload's records."""
        linked = dict(LINKED)
        if case in linked:
            article, start, end = self.records[case]
            return f"{case}?{linked[case]}={article[:8]}:{start}:{end}"
        return case


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
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
        with serve(db, "security-server.log") as url, launch_browser(sync_api) as browser:
            tab = new_tab(browser, 1400, 1400)
            site = Site(url, str(db), tab)

            def guard(route) -> None:
                host = urlparse(route.request.url).hostname or ""
                if host in ("127.0.0.1", "localhost"):
                    route.continue_()
                else:  # nothing may leave this machine: a payload's image or link would go to its host
                    site.off_host.append(route.request.url)
                    route.abort()

            tab.context.route("**/*", guard)
            goto_ready(tab, url, timeout=300)  # the first visit builds the payload corpus with the real model
            site.records = first_records(str(db))
            yield site
            tab.context.close()


def hover_everything(tab) -> None:
    """Sweep the mouse over every chart, map and table: tooltips draw on hover only.

    A 9 x 5 grid over each of the first six charts; each row is one move of eight steps (Playwright
    dispatches and awaits every step, as it did the nine separate moves this replaced), not nine
    round trips from here.
    """
    wait_charts_drawn(tab)
    targets = tab.locator('canvas, .js-plotly-plot, [data-testid="stVegaLiteChart"], [data-testid="stDeckGlJsonChart"]')
    for i in range(min(targets.count(), 6)):
        box = targets.nth(i).bounding_box()
        if not box or box["width"] < 20 or box["height"] < 20:
            continue
        for y in range(1, 6):
            row = box["y"] + box["height"] * y / 6
            tab.mouse.move(box["x"] + box["width"] / 10, row)
            tab.mouse.move(box["x"] + box["width"] * 9 / 10, row, steps=8)  # through x = 2/10 ... 9/10
        next_frames(tab)  # what the last hover over this chart drew is in the page


def first_records(db: str) -> dict[str, tuple[str, int, int]]:
    """The payload article's first quote and event (article id, start, end), by the page that shows each."""
    con = duckdb.connect(db, read_only=True)
    try:
        found = {
            page: con.execute(f'SELECT article_id, start, "end" FROM {page} ORDER BY start LIMIT 1').fetchone()
            for page, _ in LINKED
        }
        return {page: row for page, row in found.items() if row}
    finally:
        con.close()


def correct_with_payloads(db: str, quote_row: tuple[str, int, int]) -> None:
    """Corrections whose notes and new names are payloads too, for the Corrections page to list."""
    with Store(db) as store:  # the dashboard holds no lock while idle
        store.dismiss("quote", *quote_row, note=TITLE)
        store.rename_actor(ACTOR, f"{ACTOR} renamed", note=ARTICLE["source"])


def test_the_payload_corpus_has_a_quote_and_an_event(site):
    assert site.records.keys() == {"quotes", "events"}, "no quote or no event: their panels would go untested"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.replace("?", ":").split("=")[0])
def test_article_payloads_stay_inert_text(site, case):
    tab = site.tab
    if case in dict(LINKED) and case not in site.records:
        pytest.fail(f"the payload has no record for /{case}'s deep link")
    if case == "corrections":
        correct_with_payloads(site.db, site.records["quotes"])
    path = site.path(case)
    goto_ready(tab, f"{site.url}/{path}", timeout=120)
    hover_everything(tab)
    assert tab.evaluate(f"() => window.{FLAG} === undefined"), f"/{path}: a payload ran"
    assert tab.locator('a[href^="javascript:" i]').count() == 0, f"/{path}: a javascript: link"
    assert tab.locator(f'img[src*="{EVIL}"], image[href*="{EVIL}"]').count() == 0, f"/{path}: a remote image"
    assert tab.locator('[data-testid="stException"]').count() == 0, f"/{path}: an exception"
    shown = tab.locator('[data-testid="stMain"]').inner_text().replace("\u2060", "")
    if case == "reader":
        assert TITLE in shown and "Payload Wire :material/home:" in shown  # literally, not rendered
    if case in (NETWORK, "corrections"):
        assert ACTOR in shown  # the node panel's heading; the renamed actor in the corrections list
    assert site.payload_requests() == [], site.payload_requests()
    assert tab.errors == []
