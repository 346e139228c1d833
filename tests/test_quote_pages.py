"""The quote table's pages (pure): every matching quote on exactly one page, in the store's order."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from wirelens.dashboard.quote_pages import newest_first, newest_pick, page_of, page_rows, speaker_choices


def _quotes(n: int) -> pd.DataFrame:
    """``n`` quotes over a few days (many on one day, as at a summit), some undated, shuffled."""
    rows = [
        (
            f"article{i % 7}",
            i,
            None if i % 11 == 0 else dt.date(2020, 1, 1 + (i % 3)),
            f"Speaker {i % 13}",
            f"quote {i}",
        )
        for i in range(n)
    ]
    frame = pd.DataFrame(rows, columns=["article_id", "start", "date", "speaker", "text"])
    return frame.sample(frac=1, random_state=4).reset_index(drop=True)


def _store_latest(frame: pd.DataFrame):
    """What ``Store.quotes(latest=n, skip=m)`` returns: the n newest after the m newest, handed back oldest first."""

    def fetch(n: int, skip: int = 0) -> pd.DataFrame:
        return newest_first(frame).iloc[skip : skip + n].iloc[::-1].reset_index(drop=True)

    return fetch


@pytest.mark.parametrize("size", [25, 50, 100])
def test_every_quote_is_on_exactly_one_page(size):
    quotes = _quotes(237)
    fetch = _store_latest(quotes)
    pages = page_of(1, size, len(quotes)).pages
    seen = []
    for number in range(1, pages + 1):
        page = page_of(number, size, len(quotes))
        rows = page_rows(fetch, page, size)
        assert len(rows) == page.last - page.first + 1
        seen += list(rows["text"])
    assert sorted(seen) == sorted(quotes["text"]) and len(seen) == len(set(seen))
    assert seen == list(newest_first(quotes)["text"])  # newest first across pages, undated last


def test_the_newest_come_first_and_the_undated_last():
    ordered = newest_first(_quotes(40))
    dates = pd.to_datetime(ordered["date"])
    dated = dates[dates.notna()]
    assert dated.is_monotonic_decreasing and dates.isna().sum() == 4
    assert dates.iloc[-4:].isna().all()


def test_a_page_says_which_quotes_it_shows():
    page = page_of(2, 50, 2345)
    assert (page.first, page.last, page.pages) == (51, 100, 47)
    assert page.caption().startswith("Showing 51–100 of 2,345 quotes (page 2 of 47)")
    assert page_of(99, 50, 120) == page_of(3, 50, 120)  # past the end: the last page
    assert page_of(0, 50, 120).number == 1
    assert page_of(3, 50, 120).last == 120  # the last page is short
    assert page_of(1, 50, 0).caption() == "No quotes."


def test_a_page_reads_only_its_own_quotes():
    asked = []
    quotes = _quotes(500)

    def fetch(n: int, skip: int) -> pd.DataFrame:
        asked.append((n, skip))
        return _store_latest(quotes)(n, skip)

    page_rows(fetch, page_of(3, 25, 500), 25)
    page_rows(fetch, page_of(20, 25, 500), 25)
    assert asked == [(25, 50), (25, 475)]


def test_the_speaker_picker_lists_the_most_quoted_first():
    days = pd.DataFrame(
        {"speaker": ["B", "A", "B", None, "C"], "quotes": [2, 3, 2, 9, 1], "date": [dt.date(2020, 1, 1)] * 5}
    )
    assert speaker_choices(days) == ["B", "A", "C"]  # 4, 3, 1; no row for unattributed quotes
    assert speaker_choices(days.iloc[0:0]) == []


@pytest.mark.parametrize(
    ("previous", "current", "last", "expected"),
    [
        ({}, {"chart": None, "table": "q1"}, None, "table"),  # the first pick
        ({"chart": None, "table": "q1"}, {"chart": "q2", "table": "q1"}, "table", "chart"),  # a newer pick
        ({"chart": "q2", "table": "q1"}, {"chart": "q2", "table": "q3"}, "chart", "table"),
        ({"chart": "q2", "table": "q3"}, {"chart": "q2", "table": "q3"}, "table", "table"),  # nothing new
        ({"chart": "q2", "table": "q3"}, {"chart": "q2", "table": None}, "table", "chart"),  # the row unselected
        ({"chart": None, "table": None}, {"chart": None, "table": None}, None, None),
    ],
)
def test_the_context_goes_beside_the_picker_used_last(previous, current, last, expected):
    assert newest_pick(previous, current, last) == expected
