"""The map in a real browser: click a place, click an event, reload the copied URL, brush the timeline.

Pixel positions come from the same pure builders the page uses (fit_view, spread_events), run on the
seed corpus built here before the server starts. Screenshots go to artifacts/e2e/.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import launch_browser, new_tab, require_chromium, serve

sync_api = require_chromium()
pytestmark = pytest.mark.timeout(900)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_browser import assert_clean, caption_matching, open_view, settle, shoot  # noqa: E402


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> dict:
    """The seed corpus, built before the server starts; what the map will draw, from the same builders."""
    from wirelens.config import load_settings
    from wirelens.dashboard.maps import fit_view, spread_events, style_events, style_places
    from wirelens.dashboard.time_views import timeline_chart
    from wirelens.extraction.pipeline import Extractor
    from wirelens.run.ingest import ensure_seeds
    from wirelens.store.database import Store

    db = tmp_path_factory.mktemp("map-e2e") / "corpus.duckdb"
    settings = load_settings()
    with Store(db) as store:
        ensure_seeds(store, lambda: Extractor.from_settings(settings), settings.seeds_dir)
        places = style_places(store.place_counts(metonymic=False))
        marks = style_events(store.events(aggregates=False))
        event_days = store.events(aggregates=False)["date"].dt.date.value_counts().sort_index()
        # The timeline by event date, unfiltered, as the page draws it: its time axis's ends.
        spec = timeline_chart(store.event_timeline(period="day"), store.article_timeline(period="day"), period="day")
    return {
        "event_days": event_days,
        "timeline_domain": spec["vconcat"][0]["encoding"]["x"]["scale"]["domain"],
        "db": db,
        "places": places,
        "marks": marks,
        "fit": fit_view(marks["lat"], marks["lon"]),
        "spread": spread_events,
    }


@pytest.fixture(scope="module")
def server(seeded) -> Iterator[str]:
    with serve(seeded["db"], "map-server.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with launch_browser(sync_api) as chromium:
        yield chromium


def _tab(browser):
    return new_tab(browser, 1400, 1600)


def _pixel(box: dict, lat0: float, lon0: float, zoom: float, lat: float, lon: float) -> tuple[float, float]:
    """Where (lat, lon) is on a web-mercator canvas centred on (lat0, lon0) at ``zoom`` (512-px world)."""
    scale = 512 * 2**zoom

    def y(a: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(a) / 2))

    return (
        box["x"] + box["width"] / 2 + (lon - lon0) / 360 * scale,
        box["y"] + box["height"] / 2 - (y(lat) - y(lat0)) / (2 * math.pi) * scale,
    )


def _click(tab, x: float, y: float) -> None:
    """Hover first, as a person does: deck.gl picks what is under the pointer before the click."""
    tab.mouse.move(x, y)
    time.sleep(1)
    tab.mouse.click(x, y)


_CANVAS_ROOT = '[data-testid="stDeckGlJsonChart"]'


def _canvas(tab) -> dict:
    chart = tab.locator(f"{_CANVAS_ROOT} canvas").first
    chart.wait_for(timeout=60_000)
    time.sleep(3)  # deck.gl draws after the element mounts
    return chart.bounding_box()


def test_click_a_place_then_an_event_and_the_copied_url_reopens_it(server, seeded, browser):
    tab = _tab(browser)
    open_view(tab, f"{server}/map?map_marks=points", "Map")
    assert_clean(tab)
    shoot(tab, "map-seed")
    places, marks, fit = seeded["places"], seeded["marks"], seeded["fit"]

    # A place under events: Aleppo's grey disc, clicked between the events fanned out on it.
    aleppo = places[(places["name"] == "Aleppo") & (places["feature_type"] == "city")].iloc[0]
    x, y = _pixel(_canvas(tab), fit.latitude, fit.longitude, fit.zoom, aleppo["lat"], aleppo["lon"])
    _click(tab, x + 17, y + 17)
    time.sleep(3)  # the rerun a click starts
    tab.locator("h3", has_text="Aleppo · city").first.wait_for(timeout=60_000)
    tab.wait_for_function("location.href.includes('map_place=')", timeout=30_000)
    settle(tab)
    assert_clean(tab)
    shoot(tab, "map-place-clicked")

    # An event: the suicide bomb in Hasakeh, on the view now zoomed to Aleppo.
    bomb = marks[marks["sub_type"] == "Suicide bomb"].iloc[0]
    zoom = max(fit.zoom, 6.0)
    spread = seeded["spread"](marks, zoom)
    drawn = spread[spread["key"] == bomb["key"]].iloc[0]
    x, y = _pixel(_canvas(tab), aleppo["lat"], aleppo["lon"], zoom, drawn["lat"], drawn["lon"])
    _click(tab, x, y)
    time.sleep(3)
    tab.locator("h3", has_text="Suicide bomb").first.wait_for(timeout=60_000)
    tab.wait_for_function("location.href.includes('map_event=')", timeout=30_000)
    settle(tab)
    assert_clean(tab)
    assert tab.get_by_text(re.compile(r"34 reported killed")).count() == 1
    assert tab.get_by_text(re.compile(r"Open in the reader")).count() == 1
    shoot(tab, "map-event-clicked")

    copied = tab.evaluate("location.href")  # what a visitor copies (replaceState: page.url may lag)
    assert "map_event=" in copied
    other = _tab(browser)
    open_view(other, copied, "Map")
    other.locator("h3", has_text="Suicide bomb").first.wait_for(timeout=60_000)
    settle(other)
    assert_clean(other)
    shoot(other, "map-copied-url")
    other.context.close()
    tab.context.close()


def test_counts_per_area_and_the_timeline_draw(server, browser):
    tab = _tab(browser)
    open_view(tab, f"{server}/map?map_marks=areas", "Map")
    _canvas(tab)
    assert_clean(tab)
    # The URL's choice holds (the seed's few marks open on points otherwise): it was dropped when the
    # radio wrote its shown label, not its value, to the URL.
    assert tab.get_by_role("radio", name="areas").is_checked()
    assert tab.locator(f"{_CANVAS_ROOT} canvas").count() and "map_marks=areas" in tab.url
    shoot(tab, "map-areas")
    open_view(tab, f"{server}/timeline", "Timeline")
    tab.wait_for_selector(TIMELINE_SVG, timeout=60_000)
    assert_clean(tab)
    shoot(tab, "timeline")
    tab.context.close()


TIMELINE_SVG = '[data-testid="stVegaLiteChart"] svg.marks'


def _brush(tab, start: str, end: str, domain: list[float]) -> None:
    """Drag across the events band from ``start`` to ``end`` (dates), as a person brushes with the mouse.
    ``domain``: the time axis's ends (epoch ms), from the same builder the page draws with."""
    tab.wait_for_selector(TIMELINE_SVG, timeout=60_000)
    time.sleep(2)  # vega lays the bands out after mounting
    band = tab.locator(f"{TIMELINE_SVG} .role-scope path.background").first.bounding_box()  # the events band

    def px(when: str) -> float:
        ms = dt.datetime.fromisoformat(when).replace(tzinfo=dt.UTC).timestamp() * 1000
        return band["x"] + band["width"] * (ms - domain[0]) / (domain[1] - domain[0])

    x0, x1, y = px(start), px(end), band["y"] + band["height"] / 2
    tab.mouse.move(x0, y)
    tab.mouse.down()
    for step in range(1, 11):
        tab.mouse.move(x0 + (x1 - x0) * step / 10, y)
    tab.mouse.up()
    settle(tab)


def test_brushing_the_timeline_filters_every_page_by_event_date(server, seeded, browser):
    days = seeded["event_days"]
    assert len(days) >= 2, "the seed reports events on two days"
    last = days.index[-1]
    tab = _tab(browser)
    open_view(tab, f"{server}/timeline?date_on=event+date", "Timeline")
    # From just inside the last day's bar to just before its end: that day, and only that day.
    _brush(tab, f"{last} 02:00", f"{last} 22:00", seeded["timeline_domain"])
    assert_clean(tab)
    assert "dates=" in tab.url and str(last) in tab.url, tab.url  # the filter is in the URL: a link keeps it
    shoot(tab, "timeline-brushed")
    wanted = int(days.iloc[-1])
    tab.get_by_role("link", name="Events").first.click()  # the same session, another page
    tab.get_by_role("heading", name="Events", exact=True).first.wait_for(timeout=60_000)
    settle(tab)
    assert caption_matching(tab, rf"^{wanted} events?\.$"), tab.locator(
        '[data-testid="stCaptionContainer"]'
    ).all_inner_texts()
    tab.get_by_role("link", name="Map").first.click()
    tab.get_by_role("heading", name="Map", exact=True).first.wait_for(timeout=60_000)
    settle(tab)
    assert caption_matching(tab, rf"{wanted} event\(s\) on the map")
    shoot(tab, "map-after-brush")
    tab.context.close()
