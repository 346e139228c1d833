"""One shared date filter, as a brush on the Timeline sets it, narrows every page (through AppTest, on a
generated corpus of 60 articles published every third day from 2019-01-01, ten quotes each)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from page_runner import open_page

REPO = Path(__file__).resolve().parents[1]
JANUARY = (dt.date(2019, 1, 1), dt.date(2019, 1, 31))  # articles 0-10: 11 of 60, 110 of 600 quotes


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    from many_speakers import build_store

    path = tmp_path_factory.mktemp("dates") / "dates.duckdb"
    build_store(path, speakers=120, articles=60, per_article=10)
    return path


@pytest.fixture()
def env(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_DB", str(corpus))
    monkeypatch.setenv("WIRELENS_SEEDS", str(tmp_path / "no-seeds"))
    monkeypatch.chdir(REPO)


def _actors_left_out(at) -> int:
    """The actors the network did not draw (beyond its top 60): fewer when fewer articles are kept."""
    caption = next(c.value for c in at.caption if " actors, " in c.value)
    return int(re.search(r"(\d+) less-mentioned", caption).group(1))


def test_one_date_range_narrows_every_page(env):
    at = open_page()
    everything = open_page("network.py")
    at.sidebar.date_input(key="dates").set_value(JANUARY).run()
    assert not at.exception
    assert next(m for m in at.metric if m.label == "Articles").value == "11"
    at.switch_page("../../pages/quotes.py").run()
    assert any(c.value.startswith("Showing 1–50 of 110 quotes") for c in at.caption)
    at.switch_page("../../pages/timeline.py").run()
    assert any("11 dated article(s)" in c.value for c in at.caption)
    at.switch_page("../../pages/coverage.py").run()
    assert int(at.dataframe[0].value["articles"].sum()) == 11
    at.switch_page("../../pages/network.py").run()
    assert not at.exception and _actors_left_out(at) < _actors_left_out(everything)
    at.switch_page("../../pages/reader.py").run()
    assert not at.exception
    shown = at.selectbox(key="article")
    assert len(shown.options) == 11  # the reader offers the filtered articles only
