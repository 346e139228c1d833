"""Quote timeline: who said what, when. One mark per quote; select one to read it in its sentence."""

import pandas as pd
import streamlit as st

from wirelens.dashboard.correcting import announce_done, dismiss_button
from wirelens.dashboard.downloads import download_buttons
from wirelens.dashboard.markdown import escape_markdown
from wirelens.dashboard.quote_pages import (
    PAGE_SIZE,
    PAGE_SIZES,
    newest_first,
    newest_pick,
    page_of,
    page_rows,
    speaker_choices,
)
from wirelens.dashboard.state import (
    current_filters,
    find_record,
    open_cached_store,
    page,
    reader_link,
    record_key,
    route_through_app,
    url_selection,
)
from wirelens.dashboard.timeline import (
    OTHER,
    PICK,
    TOP_SPEAKERS,
    build_quote_days,
    build_timeline,
    chart_rows,
    quote_in_context,
    speaker_group,
)

# Query-parameter names of this page's own filters: a copied URL reproduces the view.
SEARCH_KEY = "quote_search"
SPEAKER_KEY = "quote_speaker"
SIZE_KEY = "quote_per_page"
PAGE_KEY = "quote_page"
KINDS_KEY = "quote_kinds"
SELECTED_KEY = "quote"  # the selected quote, "<article id prefix>:start:end"
TOP_KEY = "quote_top"  # speakers with a row of their own in the timeline
TOP_CHOICES = [10, 25, 50, 100]
KINDS = ["direct", "partial", "indirect"]
SHOWN_AT_MOST = 2_000  # quotes charted one mark each; beyond, the chart counts them per speaker and day
SPEAKER_CHOICES = 5_000  # speakers the picker offers, most quoted first
TABLE_HEIGHT = 420  # a page of quotes scrolls inside the table: the quote beside it stays in view
# Chart (and table) : the quote's panel beside them. At 3:2 the chart was 548 px of a 1,400 px window, its
# dates squeezed into 390 px; the panel's text reads well at a third.
SIDE_BY_SIDE = [2, 1]
PICKS_STATE, USED_STATE = "_quote_picks", "_quote_used"  # the last chart and table picks, and which came last

route_through_app()
store = open_cached_store()
filters = current_filters(store)
announce_done()
total = store.quote_count(filters)

st.title("Quotes")
st.caption(
    "Who said what, when. Dates are when the quote was said, read from the sentence "
    "(\"said Tuesday\") or, marked *inferred*, the article's publication date. The sidebar's dates "
    "and filters choose the articles."
)

if total == 0:
    st.info(
        "No quotes in the articles that match the sidebar filters. Clear the filters, or ingest "
        "articles with quotations (`wirelens ingest`)."
    )
    st.stop()

search_col, kind_col, speaker_col, top_col = st.columns([3, 2, 3, 1])
search = search_col.text_input(
    "Search quotes and speakers", key=SEARCH_KEY, bind="query-params", placeholder="e.g. ceasefire, Kerry"
)
kinds = kind_col.multiselect("Kind", KINDS, key=KINDS_KEY, bind="query-params", placeholder="All kinds")
days = store.quote_days(filters, search=search, kinds=kinds)  # counted per speaker and day: cheap at any size
speaker = speaker_col.selectbox(
    "Speaker",
    speaker_choices(days)[:SPEAKER_CHOICES],
    index=None,
    key=SPEAKER_KEY,
    bind="query-params",
    placeholder="Every speaker (type to find one)",
    help="The most quoted first. Their quotes only, in the timeline and the table.",
)
top_n = top_col.selectbox(
    "Speaker rows",
    TOP_CHOICES,
    index=TOP_CHOICES.index(TOP_SPEAKERS),
    key=TOP_KEY,
    bind="query-params",
    help="The most quoted speakers get a row each; the others share the last row. Pick a speaker to chart them alone.",
)

narrowed = bool(search and search.strip()) or bool(kinds)
if speaker:  # one speaker's quotes are few: all of them, counted exactly (undated ones included)
    everything: pd.DataFrame | None = newest_first(store.quotes(filters, speaker=speaker, search=search, kinds=kinds))
    matching = len(everything)
else:
    matching = store.quote_count(filters, search=search, kinds=kinds) if narrowed else total
    everything = newest_first(store.quotes(filters, search=search, kinds=kinds)) if matching <= SHOWN_AT_MOST else None
if matching == 0:
    st.info(
        "No quote matches the search, kind and speaker filters. Clear them to see all "
        f"{total:,} quote(s) of the filtered articles."
    )
    st.stop()


def fetch_latest(n: int, skip: int = 0) -> pd.DataFrame:
    """The ``n`` most recent matching quotes after the ``skip`` newest: from those already read, else the store."""
    if everything is not None:
        return everything.iloc[skip : skip + n]  # already newest first
    return store.quotes(filters, search=search, kinds=kinds, latest=n, skip=skip)


def page_number(pages: int) -> int:
    """The page asked for (this session's, else the URL's), within the pages there are now."""
    asked = st.session_state.get(PAGE_KEY) or st.query_params.get(PAGE_KEY) or 1
    try:
        return min(max(1, int(asked)), pages)
    except ValueError:  # a hand-edited URL
        return 1


@st.fragment
def explore() -> None:
    """Timeline, table and the selected quote: a click or a page turn reruns this part only."""
    chart_col, chart_context = st.columns(SIDE_BY_SIDE, gap="medium")
    plotted = everything if everything is not None and matching <= SHOWN_AT_MOST else None
    chart_row, day = timeline(chart_col, plotted)

    st.subheader("Quotes")
    size_col, number_col, count_col = st.columns([1, 1, 4], vertical_alignment="bottom")
    size = size_col.selectbox(
        "Per page", PAGE_SIZES, index=PAGE_SIZES.index(PAGE_SIZE), key=SIZE_KEY, bind="query-params"
    )
    pages = page_of(1, size, matching).pages
    st.session_state[PAGE_KEY] = page_number(pages)  # fewer pages since the filters changed: the last one
    number = number_col.number_input("Page", 1, pages, key=PAGE_KEY, bind="query-params")
    page = page_of(number, size, matching)
    rows = page_rows(fetch_latest, page, size)
    count_col.caption(page.caption() + ". Select a row to read the quote in its sentence beside it.")
    table_col, table_context = st.columns(SIDE_BY_SIDE, gap="medium")
    with table_col:
        table_row = quote_table(rows)
    download_buttons(
        lambda: store.quotes(filters, speaker=speaker, search=search, kinds=kinds).drop(
            columns=["sent_start", "sent_end"]
        ),
        "wirelens-quotes",
        key="quote_download",
        label="Every matching quote",
        rows=matching,
    )

    picks = {
        "chart": record_key(*plotted.loc[chart_row, ["article_id", "start", "end"]]) if chart_row is not None else None,
        "table": record_key(*rows.loc[table_row, ["article_id", "start", "end"]]) if table_row is not None else None,
    }
    used = newest_pick(st.session_state.get(PICKS_STATE, {}), picks, st.session_state.get(USED_STATE))
    st.session_state[PICKS_STATE], st.session_state[USED_STATE] = picks, used
    key = url_selection(SELECTED_KEY, picks[used] if used else None)
    on_page, in_chart = find_record(rows, key), find_record(plotted, key) if plotted is not None else None
    if day is not None and used != "table":
        with chart_context:
            day_panel(*day)
    elif used == "chart" and in_chart is not None:
        with chart_context:
            quote_panel(plotted.iloc[in_chart], "chart")
    elif on_page is not None:  # a table pick, or a link to a quote on this page
        with table_context:
            quote_panel(rows.iloc[on_page], "table")
    elif in_chart is not None:  # a link to a quote charted but on another page
        with chart_context:
            quote_panel(plotted.iloc[in_chart], "chart")
    else:
        chart_context.caption("Click a mark to read the quote in its sentence here.")
        table_context.caption("Select a row to read the quote in its sentence here.")


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def _chart(frame: pd.DataFrame, top: int, *, counted: bool) -> dict:
    """The chart's spec, built once per distinct frame: a click or a page turn reruns the fragment with the
    same quotes, and altair took ~0.1-0.2 s to build the spec each time."""
    return build_quote_days(frame, top) if counted else build_timeline(frame, top)


def timeline(column: object, plotted: pd.DataFrame | None) -> tuple[int | None, tuple[str, str] | None]:
    """The chart: one mark per quote when they are few enough, else counted marks of every match.
    Returns the clicked quote's row of ``plotted``, or the clicked counted mark's (speaker, day)."""
    if plotted is not None:
        spec, note = _chart(plotted, top_n, counted=False), "Every matching quote is plotted. Hover a mark to read it."
    else:
        spec = _chart(days[days["speaker"] == speaker] if speaker else days, top_n, counted=True)
        note = (
            f"All {matching:,} matching quotes are plotted, counted per speaker, day and kind (a bigger mark "
            "is more quotes); click one to list them."
        )
    if not chart_rows(spec):
        return None, None
    column.caption(f"● direct · ◆ partial · ○ indirect (reported speech). {note}")  # type: ignore[attr-defined]
    event = column.vega_lite_chart(  # type: ignore[attr-defined]
        spec, on_select="rerun", selection_mode=PICK, key="quote_timeline", width="stretch"
    )
    picked = (event.selection.get(PICK) if event and event.selection else None) or []
    if not picked:
        return None, None
    mark = picked[0]
    if "row" in mark:
        row = int(mark["row"])
        return (row if plotted is not None and 0 <= row < len(plotted) else None), None
    return None, (str(mark.get("speaker")), str(mark.get("date")))


def quote_table(rows: pd.DataFrame) -> int | None:
    """One page of quotes; the selected row's position, if any."""
    table = pd.DataFrame(  # what a reader scans first, first: when, who, what
        {
            "date": rows["date"],
            "speaker": rows["speaker"].fillna("unattributed"),
            "quote": rows["text"],
            "kind": rows["kind"],
            "article": rows["title"],
            "inferred": rows["date_inferred"],
            "speaker type": rows["speaker_type"].map(speaker_group),
            "cue": rows["cue"],
        }
    )
    picked = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=TABLE_HEIGHT,
        on_select="rerun",
        selection_mode="single-row",
        key="quote_table",
        column_config={
            "date": st.column_config.DateColumn("date", format="YYYY-MM-DD"),
            "inferred": st.column_config.CheckboxColumn("inferred", help="publication date stands in"),
            "quote": st.column_config.TextColumn("quote", width="large"),
        },
    )
    chosen = picked.selection.rows if picked else []
    return chosen[0] if chosen and chosen[0] < len(rows) else None


def day_panel(speaker_row: str, day: str) -> None:
    """The quotes behind one counted mark: a speaker's quotes of one day."""
    st.subheader("In context")
    if speaker_row.startswith(OTHER):
        st.caption(f"Quotes of the less-quoted speakers on {day}: pick a speaker to chart them alone.")
        return
    said = store.quotes(filters, speaker=speaker_row, search=search, kinds=kinds)
    said = said[pd.to_datetime(said["date"]).dt.strftime("%Y-%m-%d") == day].reset_index(drop=True)
    st.caption(f"{escape_markdown(speaker_row)} · {day} · {len(said)} quote(s)")
    for quote in said.head(5).itertuples():
        article = store.article(quote.article_id)
        if article is None:  # deleted by another process since the chart was read
            continue
        st.markdown(
            quote_in_context(article.text, int(quote.sent_start), int(quote.sent_end), int(quote.start), int(quote.end))
        )
        st.page_link(
            page("reader.py"),
            label="Open in the article reader",
            icon=":material/article:",
            query_params=reader_link(quote.article_id, quote.title, int(quote.start), int(quote.end)),
        )
    if len(said) > 5:
        st.caption(f"and {len(said) - 5} more: pick the speaker to list them in the table.")


def quote_panel(row: pd.Series, where: str) -> None:
    """The quote in its sentence, one click from the reader, and the way to dismiss a wrong attribution."""
    article = store.article(row["article_id"])
    st.subheader("In context")
    if article is None:  # deleted by another process since the table was read
        st.error("That article is no longer in the store.")
        return
    when = pd.Timestamp(row["date"]).strftime("%Y-%m-%d") if pd.notna(row["date"]) else "undated"
    who = escape_markdown(row["speaker"]) if isinstance(row["speaker"], str) else "unknown speaker"
    st.caption(f"{who} · {row['kind']} · {when}" + (" (publication date)" if bool(row["date_inferred"]) else ""))
    # Escaped markdown, never raw HTML: the text is the article's.
    st.markdown(
        quote_in_context(article.text, int(row["sent_start"]), int(row["sent_end"]), int(row["start"]), int(row["end"]))
    )
    st.caption(escape_markdown(f"{article.title or 'untitled'}"))  # an article title is article text
    open_col, dismiss_col = st.columns(2)
    if open_col.button("Open in the article reader", key=f"quote_open_reader_{where}", icon=":material/article:"):
        st.switch_page(
            page("reader.py"), query_params=reader_link(article.id, article.title, int(row["start"]), int(row["end"]))
        )
    with dismiss_col:
        dismiss_button(store, "quote", row, key=f"quote_dismiss_{where}_{article.id[:8]}_{row['start']}")


explore()
