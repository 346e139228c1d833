"""Tables shown a page at a time: a table's every row is sent to the browser, so a long one is paged.

The pure part (:func:`page_window`) is tested without Streamlit; :func:`paged` draws the page picker
(bound to the URL, so a link reopens the same page) and returns the rows of the page to draw.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

PAGE_ROWS = 100


def page_window(total: int, page: int, size: int = PAGE_ROWS) -> tuple[int, int, int]:
    """(first row, end row, pages) of page ``page`` (1-based, clamped into range) of ``total`` rows."""
    pages = max(1, math.ceil(total / size))
    page = min(max(page, 1), pages)
    return (page - 1) * size, min(page * size, total), pages


def paged(
    frame: pd.DataFrame, *, key: str, noun: str, one: str | None = None, size: int = PAGE_ROWS
) -> tuple[pd.DataFrame, int]:
    """The rows of the page the visitor is on, and the offset of its first row in ``frame``.

    ``noun`` counts the rows ("events"), ``one`` names a single row (default: ``noun`` less its "s").
    Draws nothing but a caption when ``frame`` fits one page."""
    total = len(frame)
    if total <= size:
        single = one or noun.removesuffix("s")
        st.caption(f"{total:,} {single if total == 1 else noun}.")
        return frame, 0
    pages = page_window(total, 1, size)[2]
    if not isinstance(st.session_state.get(key), int) or not 1 <= st.session_state[key] <= pages:
        st.session_state.pop(key, None)  # a page beyond a smaller result, or a hand-edited URL
    row = st.container(horizontal=True, vertical_alignment="center")
    page = row.number_input(
        "Page", min_value=1, max_value=pages, value=1, step=1, key=key, bind="query-params", width=140
    )
    first, end, _ = page_window(total, int(page), size)
    row.caption(f"Showing {first + 1:,}–{end:,} of {total:,} {noun} ({pages:,} pages).")
    return frame.iloc[first:end], first
