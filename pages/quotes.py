"""Quote timeline: who said what, when. One mark per quote; select one to read it in its sentence."""

import pandas as pd
import streamlit as st

from wirelens.dashboard.correcting import announce_done, dismiss_button
from wirelens.dashboard.downloads import download_buttons
from wirelens.dashboard.markdown import escape_markdown
from wirelens.dashboard.state import (
    current_filters,
    find_record,
    open_store,
    page,
    reader_link,
    record_key,
    route_through_app,
    url_selection,
)
from wirelens.dashboard.timeline import (
    OTHER,
    TOP_SPEAKERS,
    build_quote_days,
    build_timeline,
    quote_in_context,
    speaker_group,
)

# Query-parameter names of this page's own filters: a copied URL reproduces the view.
SEARCH_KEY = "quote_search"
KINDS_KEY = "quote_kinds"
SELECTED_KEY = "quote"  # the selected quote, "<article id prefix>:start:end"
TOP_KEY = "quote_top"  # speakers with a row of their own in the timeline
TOP_CHOICES = [10, 25, 50, 100]
KINDS = ["direct", "partial", "indirect"]
SHOWN_AT_MOST = 2_000  # marks and rows a browser gets; the downloads hold every match

route_through_app()
store = open_store()
filters = current_filters(store)
announce_done()
total = store.quote_count(filters)

st.title("Quotes")
st.caption(
    "Who said what, when. Dates are when the quote was said, read from the sentence "
    '("said Tuesday") or, marked *inferred*, the article\'s publication date.'
)

search_col, kind_col, top_col = st.columns([3, 2, 1])
search = search_col.text_input(
    "Search quotes and speakers", key=SEARCH_KEY, bind="query-params", placeholder="e.g. ceasefire, Kerry"
)
kinds = kind_col.multiselect("Kind", KINDS, key=KINDS_KEY, bind="query-params", placeholder="All kinds")
top_n = top_col.selectbox(
    "Speaker rows",
    TOP_CHOICES,
    index=TOP_CHOICES.index(TOP_SPEAKERS),
    key=TOP_KEY,
    bind="query-params",
    help="The most quoted speakers get a row each; the others share "
    "the last row. Search a speaker's name to chart them alone.",
)

shown = store.quotes(filters, search=search, kinds=kinds, latest=SHOWN_AT_MOST).reset_index(drop=True)

if total == 0:
    st.info(
        "No quotes in the articles that match the sidebar filters. Clear the filters, or ingest "
        "articles with quotations (`wirelens ingest`)."
    )
    st.stop()
if shown.empty:
    st.info(
        "No quote matches the search and kind filters. Clear them to see all "
        f"{total} quote(s) of the filtered articles."
    )
    st.stop()

matching = (
    total if not (search and search.strip()) and not kinds else store.quote_count(filters, search=search, kinds=kinds)
)
dated = shown["date"].notna()
summary = (
    f"{len(shown)} quote(s) by {shown['speaker'].nunique()} speaker(s) in {shown['article_id'].nunique()} article(s)"
)
if matching > len(shown):
    summary = (
        f"The {len(shown):,} most recent of {matching:,} matching quotes (search or filter to narrow; "
        f"the downloads hold all {matching:,}): "
    ) + summary
if (~dated).any():
    summary += f" · {int((~dated).sum())} undated (article without a publication date) are in the table only"
st.caption(summary)


@st.fragment
def explore() -> None:
    """Timeline, table and the selected quote: a selection reruns this part only."""
    selected_row, day = None, None
    chart_col, context_col = st.columns([3, 2], gap="medium")
    if matching > len(shown):  # the marks count every matching quote; the table holds the latest
        figure = build_quote_days(store.quote_days(filters, search=search, kinds=kinds), top_n)
        note = (
            f"All {matching:,} matching quotes are plotted, counted per speaker, day and kind (a bigger mark "
            "is more quotes); click one to list them."
        )
    else:
        figure, note = build_timeline(shown, top_n), "Every matching quote is plotted. Hover a mark to read it."
    if figure.data:
        chart_col.caption(f"● direct · ◆ partial · ○ indirect (reported speech). {note}")
        event = chart_col.plotly_chart(
            figure,
            on_select="rerun",
            selection_mode="points",
            key="quote_timeline",
            width="stretch",
            config={"displaylogo": False},
        )
        points = event.selection.points if event and event.selection else []
        if points:
            data = points[0]["customdata"]
            if int(data[0]) >= 0:
                selected_row = int(data[0])
            else:
                day = (str(data[4]), str(data[3]))

    table = pd.DataFrame(
        {
            "date": shown["date"],
            "inferred": shown["date_inferred"],
            "speaker": shown["speaker"],
            "speaker type": shown["speaker_type"].map(speaker_group),
            "kind": shown["kind"],
            "quote": shown["text"],
            "cue": shown["cue"],
            "article": shown["title"],
        }
    )
    st.subheader("Quotes")
    st.caption("Select a row, or a mark in the timeline, to read the quote in its sentence.")
    picked = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="quote_table",
        column_config={
            "date": st.column_config.DateColumn("date", format="YYYY-MM-DD"),
            "inferred": st.column_config.CheckboxColumn("inferred", help="publication date stands in"),
            "quote": st.column_config.TextColumn("quote", width="large"),
        },
    )
    rows = picked.selection.rows if picked else []
    if rows:
        selected_row = rows[0]
    download_buttons(
        lambda: store.quotes(filters, search=search, kinds=kinds).drop(columns=["sent_start", "sent_end"]),
        "wirelens-quotes",
        key="quote_download",
        label="Every matching quote",
        rows=matching,
    )
    chosen = (
        record_key(*shown.loc[selected_row, ["article_id", "start", "end"]])
        if selected_row is not None and 0 <= selected_row < len(shown)
        else None
    )
    row = find_record(shown, url_selection(SELECTED_KEY, chosen))
    with context_col:
        if day is not None and row is None:
            day_panel(*day)
        elif row is not None:
            quote_panel(shown.iloc[row])
        else:
            st.caption("Click a mark, or select a row of the table, to read the quote in its sentence here.")


def day_panel(speaker: str, day: str) -> None:
    """The quotes behind one counted mark: a speaker's quotes of one day."""
    st.subheader("In context")
    if speaker.startswith(OTHER):
        st.caption(f"Quotes of the less-quoted speakers on {day}: search a speaker's name to chart them alone.")
        return
    theirs = store.quotes(filters, speaker=speaker, search=search, kinds=kinds)
    theirs = theirs[pd.to_datetime(theirs["date"]).dt.strftime("%Y-%m-%d") == day].reset_index(drop=True)
    st.caption(f"{escape_markdown(speaker)} · {day} · {len(theirs)} quote(s)")
    for quote in theirs.head(5).itertuples():
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
    if len(theirs) > 5:
        st.caption(f"and {len(theirs) - 5} more: search the speaker to list them in the table.")


def quote_panel(row: pd.Series) -> None:
    """The quote in its sentence, one click from the reader, and the way to dismiss a wrong attribution."""
    article = store.article(row["article_id"])
    st.subheader("In context")
    if article is None:  # deleted by another process since the table was read
        st.error("That article is no longer in the store.")
        return
    when = pd.Timestamp(row["date"]).strftime("%Y-%m-%d") if pd.notna(row["date"]) else "undated"
    speaker = escape_markdown(row["speaker"]) if isinstance(row["speaker"], str) else "unknown speaker"
    st.caption(f"{speaker} · {row['kind']} · {when}" + (" (publication date)" if bool(row["date_inferred"]) else ""))
    # Escaped markdown, never raw HTML: the text is the article's.
    st.markdown(
        quote_in_context(article.text, int(row["sent_start"]), int(row["sent_end"]), int(row["start"]), int(row["end"]))
    )
    open_col, dismiss_col = st.columns(2)
    if open_col.button("Open in the article reader", key="quote_open_reader", icon=":material/article:"):
        st.switch_page(
            page("reader.py"), query_params=reader_link(article.id, article.title, int(row["start"]), int(row["end"]))
        )
    with dismiss_col:
        dismiss_button(store, "quote", row, key=f"quote_dismiss_{article.id[:8]}_{row['start']}")


explore()
