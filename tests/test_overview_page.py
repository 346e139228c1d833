"""The overview's headline figures: the publication span short enough to be read whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from page_runner import open_page
from wirelens.dashboard.date_spans import date_span

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("first", "last", "shown"),
    [
        (dt.date(2016, 10, 4), dt.date(2016, 10, 4), "4 Oct 2016"),
        (dt.date(2016, 10, 3), dt.date(2016, 10, 4), "3–4 Oct 2016"),
        (dt.date(2021, 1, 4), dt.date(2021, 3, 15), "4 Jan – 15 Mar 2021"),
        (dt.date(2019, 1, 4), dt.date(2021, 3, 15), "Jan 2019 – Mar 2021"),
        (dt.date(2021, 3, 15), dt.date(2019, 1, 4), "Jan 2019 – Mar 2021"),
    ],
)
def test_a_date_span_is_written_briefly(first, last, shown):
    assert date_span(first, last) == shown
    assert len(date_span(first, last)) <= 19  # the overview's figure showed "2019-01-04 …" of 23 characters


def test_the_overview_shows_the_span_and_its_exact_dates(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "o.duckdb"))
    monkeypatch.chdir(REPO)
    at = open_page()
    published = next(m for m in at.metric if m.label == "Published")
    assert published.value == "4 Oct 2016" and "2016-10-04 to 2016-10-04" in published.proto.help
