"""Waiting for a Streamlit page by its own ready marker instead of fixed sleeps.

Streamlit's app root carries ``data-test-script-state``: "initial" before the first run of a page
load, "running" while the script runs, "notRunning" once the run has ended (Streamlit's own browser
tests wait on it). After a navigation or a click the state first has to leave "notRunning", so
:func:`wait_rerun` waits for the change and then for the end.
"""

from __future__ import annotations

APP = '[data-testid="stApp"]'
DONE = f'{APP}[data-test-script-state="notRunning"]'
# A rerun Streamlit is about to start or has started: the marker leaves "notRunning".
BUSY = f'{APP}:not([data-test-script-state="notRunning"])'
STALE = '[data-stale="true"]'  # elements the run in hand has not redrawn yet


def wait_ready(tab, timeout: float = 180) -> None:
    """Until the page's script run has ended and nothing on it is stale."""
    tab.locator(DONE).wait_for(timeout=timeout * 1000)
    tab.wait_for_function(
        f"() => document.querySelector('{DONE}') && !document.querySelector('{STALE}')",
        timeout=timeout * 1000,
    )


def goto_ready(tab, url: str, timeout: float = 180) -> None:
    """Open ``url`` and wait for its first run to end (a page first routed through app.py reruns)."""
    tab.goto(url, wait_until="domcontentloaded", timeout=timeout * 1000)
    wait_ready(tab, timeout)


def next_frames(tab) -> None:
    """Two animation frames: whatever the last event (a hover) made the page draw is in the DOM."""
    tab.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stDeckGlJsonChart"], [data-testid="stVegaLiteChart"]')]
    .every(chart => chart.querySelector('canvas, svg'))"""


def wait_charts_drawn(tab, timeout: float = 60) -> None:
    """Until every map and Vega chart on the page has drawn its canvas (they draw after the run ends)."""
    tab.wait_for_function(CHARTS_DRAWN, timeout=timeout * 1000)
