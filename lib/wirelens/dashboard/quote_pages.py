"""The quote table in pages: every matching quote reachable, newest first, one page at a time (pure).

The store hands out the ``latest`` n matching quotes after skipping the ``skip`` newest
(``Store.quotes(..., latest=n, skip=m)``); page k of size s is ``latest=s, skip=(k-1)*s``, in the store's
own order (date said, newest first, undated last; then article and offset), so pages never overlap or
skip a quote however many share a day. A page costs one page of quotes, wherever it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

import pandas as pd

from wirelens.dashboard.paging import page_window

PAGE_SIZES = (25, 50, 100, 200)
PAGE_SIZE = 50


class Page(NamedTuple):
    number: int  # 1-based, within 1..pages
    pages: int
    first: int  # 1-based position of the page's first quote among all matches; 0 when there are none
    last: int
    total: int

    def caption(self) -> str:
        """ "Showing 51-100 of 2,345 quotes (page 2 of 47)"."""
        if self.total == 0:
            return "No quotes."
        return (
            f"Showing {self.first:,}–{self.last:,} of {self.total:,} quote{'s' if self.total != 1 else ''} "
            f"(page {self.number:,} of {self.pages:,}), newest first"
        )


def page_of(number: int, size: int, total: int) -> Page:
    """Page ``number`` of ``total`` quotes in pages of ``size``, the number clamped to the pages there are."""
    first, end, pages = page_window(total, int(number), size)
    return Page(first // size + 1, pages, first + 1 if total else 0, end, total)


def newest_first(quotes: pd.DataFrame) -> pd.DataFrame:
    """The store's paging order: date said, newest first and undated last, then article id and offset."""
    dates = pd.to_datetime(quotes["date"])
    order = quotes.assign(_undated=dates.isna(), _day=dates).sort_values(
        ["_undated", "_day", "article_id", "start"], ascending=[True, False, True, True], kind="mergesort"
    )
    return order.drop(columns=["_undated", "_day"]).reset_index(drop=True)


def page_rows(fetch: Callable[[int, int], pd.DataFrame], page: Page, size: int) -> pd.DataFrame:
    """The quotes of ``page``, newest first: ``fetch(n, skip)`` gives the latest ``n`` after the ``skip`` newest."""
    if page.total == 0:
        return fetch(1, 0).iloc[0:0]
    return newest_first(fetch(page.last - page.first + 1, page.first - 1))


def speaker_choices(days: pd.DataFrame) -> list[str]:
    """Every speaker of the counted quotes (``Store.quote_days``), most quoted first: the picker's options."""
    if days.empty:
        return []
    totals = days[days["speaker"].notna()].groupby("speaker")["quotes"].sum()
    return sorted(totals.index, key=lambda s: (-int(totals[s]), str(s)))


def newest_pick(previous: Mapping[str, str | None], current: Mapping[str, str | None], last: str | None) -> str | None:
    """Which of the page's pickers (chart, table) the visitor used last: the one whose pick just
    changed to something; else the one used last, if it still holds a pick; else any that does."""
    changed = [name for name, pick in current.items() if pick is not None and previous.get(name) != pick]
    if changed:
        return changed[0]
    if last is not None and current.get(last) is not None:
        return last
    return next((name for name, pick in current.items() if pick is not None), None)
