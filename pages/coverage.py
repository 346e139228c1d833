"""Coverage: outlets side by side, event stories (one event, every article reporting it), and the news matched
against a record of what happened (an ACLED or UCDP GED export)."""

import pandas as pd
import streamlit as st

from wirelens.coverage.datasets import NotAnEventDataset, read_event_dataset
from wirelens.coverage.files import csv_text, geojson_text, news_frame, records_frame
from wirelens.coverage.matching import MatchSettings, coverage_rates, match_events
from wirelens.coverage.stories import event_stories, outlet_event_coverage, story_reports
from wirelens.dashboard.coverage_charts import outlet_weeks_chart, rate_bars_chart, share_bars_chart
from wirelens.dashboard.downloads import download_buttons
from wirelens.dashboard.markdown import escape_markdown
from wirelens.dashboard.paging import paged
from wirelens.dashboard.state import current_filters, open_cached_store, page, reader_link, route_through_app
from wirelens.dashboard.time_views import with_empty_periods
from wirelens.exports.events import group_reports
from wirelens.store.corrections import CorrectionError

TOP = 8  # actors and speakers listed per outlet
route_through_app()
store = open_cached_store()
filters = current_filters(store)

st.title("Coverage")
st.caption(
    "How the conflict was covered: which outlets reported what and when, whom they let speak, whose toll "
    "they printed, and, against a record of events (ACLED or UCDP GED), which violence never made the news."
)
# Bound to the URL, so only the open tab runs (and is sent): all three at once took seconds at 10,000 articles.
outlets_tab, stories_tab, record_tab = st.tabs(
    ["Outlets side by side", "Event stories", "Against the record"], key="coverage_tab", bind="query-params"
)


def _open_reader(article_id: str, title: str, start: int, end: int, key: str) -> None:
    if st.button("Open in the article reader", key=key, icon=":material/article:"):
        st.switch_page(page("reader.py"), query_params=reader_link(article_id, title, start, end))


# --- outlets -------------------------------------------------------------------------------------------------------


def outlets_view() -> None:
    summary = store.outlet_summary(filters)
    if summary.empty:
        st.info("No article matches the filters. Clear them in the sidebar, or ingest articles with `wirelens ingest`.")
    else:
        st.caption(
            "An article's outlet is its `source`: from its metadata, URL or dateline, normalised at ingest "
            "(`lib/wirelens/run/outlets.toml`); correct one with `wirelens set-source`, or merge two "
            "spellings below."
        )
        st.dataframe(
            summary,
            hide_index=True,
            width="stretch",
            key="coverage_outlets",
            column_config={  # publication dates, not timestamps: "2019-01-04", not "2019-01-04 00:00:00"
                "first": st.column_config.DateColumn("first", format="YYYY-MM-DD"),
                "last": st.column_config.DateColumn("last", format="YYYY-MM-DD"),
            },
        )
        over_time = store.article_timeline(filters, "week")
        if not over_time.empty:
            st.vega_lite_chart(
                outlet_weeks_chart(with_empty_periods(over_time, "source", "articles", "week")),
                key="coverage_over_time",
                width="stretch",
            )
        types = store.outlet_actor_types(filters)
        if not types.empty:
            types["share"] = types["mentions"] / types.groupby("outlet")["mentions"].transform("sum")
            st.vega_lite_chart(
                share_bars_chart(types, "actor_type", "Share of actor mentions, by actor type", "mentions"),
                key="coverage_actor_types",
                width="stretch",
            )
        left, right = st.columns(2)
        with left:
            st.markdown("**Most mentioned actors, per outlet**")
            st.dataframe(
                store.outlet_top_actors(filters, TOP), hide_index=True, width="stretch", key="coverage_top_actors"
            )
        kinds = store.outlet_quote_kinds(filters)
        with right:
            st.markdown("**Most quoted speakers, per outlet** (direct share: quoted in their own words)")
            st.dataframe(store.outlet_speakers(filters, TOP), hide_index=True, width="stretch", key="coverage_speakers")
        if not kinds.empty:
            by_type = kinds.groupby(["outlet", "speaker_type"], as_index=False)["quotes"].sum()
            by_type["share"] = by_type["quotes"] / by_type.groupby("outlet")["quotes"].transform("sum")
            st.vega_lite_chart(
                share_bars_chart(by_type, "speaker_type", "Whom each outlet quotes: speaker types", "quotes"),
                key="coverage_speaker_types",
                width="stretch",
            )
            direct = kinds.assign(direct=kinds["kind"].isin(["direct", "partial"]) * kinds["quotes"])
            direct = direct.groupby("outlet", as_index=False)[["quotes", "direct"]].sum()
            direct["direct_share"] = (direct["direct"] / direct["quotes"]).round(3)
            direct["indirect_share"] = (1 - direct["direct_share"]).round(3)
            st.dataframe(direct, hide_index=True, width="stretch", key="coverage_direct")
        with st.expander("Merge or rename an outlet"):
            with st.form("coverage_rename_outlet"):
                old = st.selectbox("Outlet", store.sources(), index=None, key="coverage_rename_old")
                new = st.text_input("Call it", key="coverage_rename_new")
                if st.form_submit_button("Rename") and old and new.strip():
                    try:
                        changed = store.rename_source(old, new.strip())
                    except CorrectionError as exc:
                        st.error(str(exc))
                    else:
                        st.success(
                            f"{changed} article(s) now from {escape_markdown(new.strip())}: a correction, "
                            "listed (and undone) on the Corrections page."
                        )


# --- event stories -------------------------------------------------------------------------------------------------
def grouped_events() -> tuple[pd.DataFrame, pd.Series]:
    """The filtered articles' single events and their story number (reports of one real-world event)."""
    events = store.events(filters, aggregates=False)
    return events, group_reports(events) if not events.empty else pd.Series(dtype=int)


def stories_view() -> None:
    events, groups = grouped_events()
    if events.empty:
        st.info("No event in the articles that match the filters.")
    else:
        stories = event_stories(events, groups)
        st.caption(
            "One row per real-world event: reports of the same sub-type within 25 km and a day, from "
            "different articles. Tolls and places are listed as each outlet gave them, never averaged; "
            "the lag is days from the event to its first report. Select a row to read every report."
        )
        per_outlet = outlet_event_coverage(events, groups)
        st.dataframe(per_outlet, hide_index=True, width="stretch", key="coverage_outlet_events")
        shown, first = paged(
            stories.drop(columns=["article_ids"]), key="stories_page", noun="event stories", one="event story"
        )
        picked = st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            on_select="rerun",
            selection_mode="single-row",
            key="coverage_stories",
            column_config={
                "date": st.column_config.DateColumn("date", format="YYYY-MM-DD"),
                "first_report": st.column_config.DateColumn("first report", format="YYYY-MM-DD"),
            },
        )
        download_buttons(stories, "wirelens-event-stories", key="coverage_stories_download", label="Event stories")
        rows = picked.selection.rows if picked else []
        if rows:
            story = int(stories.iloc[first + rows[0]]["story"])
            for i, report in story_reports(events, groups, story).iterrows():
                with st.container(border=True):
                    when = f"{report['published']:%Y-%m-%d}" if pd.notna(report["published"]) else "undated"
                    toll = "" if pd.isna(report["fatalities"]) else f" · toll {int(report['fatalities'])}"
                    st.markdown(
                        f"**{escape_markdown(report['outlet'])}** · {when} · "
                        f"{escape_markdown(str(report['place']))}{toll}"
                    )
                    st.markdown(f"“{escape_markdown(str(report['sentence']))}”")
                    _open_reader(
                        report["article_id"],
                        report["title"],
                        report["sent_start"],
                        report["sent_end"],
                        key=f"coverage_story_open_{i}",
                    )


# --- against the record --------------------------------------------------------------------------------------------
def record_view() -> None:
    st.caption(
        "Upload an ACLED or UCDP GED CSV export. Each recorded event is matched to at most one news event "
        "of the filtered articles, and each news event to at most one record: dates within the window, "
        "places within the radius of the news event's place (wider when the text gives only its district or "
        "region; anywhere in its country when it gives only the country), or the record's place named in the "
        "event's sentence (in its article, when the event has no place); compatible types. The assignment is "
        "optimal over all of them, not first come first served, and a precise agreement beats a vague one."
    )
    upload = st.file_uploader("Event dataset (CSV)", type=["csv"], key="coverage_upload")
    defaults = MatchSettings()
    c1, c2, c3 = st.columns(3)
    days = c1.number_input("Date window (days either side)", 0, 30, defaults.days, key="coverage_days")
    km = c2.number_input(
        "Radius (km)", 1.0, 1000.0, defaults.km, step=5.0, key="coverage_km", help="Around a village, town or city."
    )
    any_type = c3.toggle(
        "Any event type",
        value=False,
        key="coverage_any_type",
        help="Off: the same ACLED type (UCDP: the types compatible with its type of violence).",
    )
    c4, c5, c6 = st.columns(3)
    district_km = c4.number_input(
        "District radius (km)", 1.0, 1000.0, defaults.district_km, step=5.0, key="coverage_district_km"
    )
    region_km = c5.number_input(
        "Region radius (km)",
        1.0,
        1000.0,
        defaults.region_km,
        step=5.0,
        key="coverage_region_km",
        help="Around a news event the text places only at a region, governorate or province.",
    )
    in_text = c6.toggle(
        "Place names in the text",
        value=defaults.context,
        key="coverage_context",
        help="A record's place named in the event's sentence (or, when the event has no place, its article) "
        "makes a candidate, at a weaker cost than a located pair.",
    )
    if upload is None:
        st.info("No event dataset uploaded yet.")
        return
    try:
        records = read_event_dataset(upload.getvalue(), name=upload.name)
    except NotAnEventDataset as exc:
        st.error(str(exc))
        return
    events = store.events(filters, aggregates=False)
    settings = MatchSettings(
        days=int(days),
        km=float(km),
        types="any" if any_type else "same",
        district_km=float(district_km),
        region_km=float(region_km),
        context=in_text,
    )
    texts = store.article_texts(events["article_id"].unique()) if in_text and not events.empty else {}
    result = match_events(records, events, settings, texts)
    s = result.summary()
    m1, m2, m3 = st.columns(3)
    m1.metric("Records", f"{s['records']:,}", help=f"{records['dataset'].iloc[0] if len(records) else ''} rows")
    m2.metric("Covered by the news", f"{s['record_coverage']:.0%}", help=f"{s['matched']:,} record(s) matched")
    m3.metric("News events matched", f"{s['news_matched']:.0%}", help=f"of {s['news_events']:,} dated single events")
    recs = result.records
    region = "admin1" if recs["country"].nunique() <= 1 else "country"
    for by, title in (("type", "type"), (region, "region"), ("month", "month"), ("toll_band", "toll band")):
        rates = coverage_rates(recs, by)
        st.vega_lite_chart(
            rate_bars_chart(rates, by, f"Coverage rate by {title}"), key=f"coverage_rate_{by}", width="stretch"
        )
    placed = recs.dropna(subset=["lat", "lon"]).assign(
        color=lambda f: f["covered"].map({True: "#1b9e77", False: "#d95f02"})
    )
    if not placed.empty:
        st.markdown("**Recorded events: covered (green) and not covered (orange)**")
        st.map(placed, latitude="lat", longitude="lon", color="color", size=2000)
    d1, d2, d3, d4 = st.columns(4)
    d1.download_button(
        "Records (CSV)",
        csv_text(records_frame(result)),
        "coverage-records.csv",
        "text/csv",
        key="coverage_dl_records_csv",
        on_click="ignore",
        icon=":material/download:",
    )
    d2.download_button(
        "Records (GeoJSON)",
        geojson_text(records_frame(result)),
        "coverage-records.geojson",
        "application/geo+json",
        key="coverage_dl_records_geo",
        on_click="ignore",
        icon=":material/download:",
    )
    d3.download_button(
        "News events (CSV)",
        csv_text(news_frame(result)),
        "coverage-news-events.csv",
        "text/csv",
        key="coverage_dl_news_csv",
        on_click="ignore",
        icon=":material/download:",
    )
    d4.download_button(
        "News events (GeoJSON)",
        geojson_text(news_frame(result)),
        "coverage-news-events.geojson",
        "application/geo+json",
        key="coverage_dl_news_geo",
        on_click="ignore",
        icon=":material/download:",
    )

    uncovered = recs[~recs["covered"]].reset_index(drop=True)
    st.subheader(f"Records the news did not report ({len(uncovered):,})")
    columns = [
        "record_id",
        "date",
        "type",
        "sub_type",
        "country",
        "admin1",
        "location",
        "fatalities",
        "actor1",
        "actor2",
        "candidate_articles",
    ]
    uncovered_page, first_uncovered = paged(uncovered[columns], key="uncovered_page", noun="records")
    picked = st.dataframe(
        uncovered_page,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="coverage_uncovered",
        column_config={"date": st.column_config.DateColumn("date", format="YYYY-MM-DD")},
    )
    if picked and picked.selection.rows:
        row = uncovered.iloc[first_uncovered + picked.selection.rows[0]]
        with st.container(border=True):
            st.markdown(
                f"**{escape_markdown(str(row['record_id']))}** ({escape_markdown(str(row['dataset']))}) · "
                f"{row['date']:%Y-%m-%d} · {escape_markdown(str(row['location']))}"
            )
            st.markdown(escape_markdown(str(row["notes"] or "(no notes)")))
            st.caption(f"Source: {escape_markdown(str(row['source']))}")
    covered = recs[recs["covered"]].reset_index(drop=True)
    with st.expander(f"Records the news reported ({len(covered):,})"):
        covered_page, first_covered = paged(
            covered[
                [
                    "record_id",
                    "date",
                    "type",
                    "location",
                    "fatalities",
                    "title",
                    "source",
                    "news_sub_type",
                    "news_place",
                    "news_fatalities",
                    "km",
                    "days_apart",
                ]
            ],
            key="covered_page",
            noun="records",
        )
        chosen = st.dataframe(
            covered_page,
            hide_index=True,
            width="stretch",
            on_select="rerun",
            selection_mode="single-row",
            key="coverage_covered",
        )
        if chosen and chosen.selection.rows:
            row = covered.iloc[first_covered + chosen.selection.rows[0]]
            st.markdown(f"“{escape_markdown(str(row['sentence']))}”")
            _open_reader(row["article_id"], row["title"], row["sent_start"], row["sent_end"], key="coverage_open_cov")
    unmatched = result.news[~result.news["matched"]].reset_index(drop=True)
    st.subheader(f"News events with no record ({len(unmatched):,})")
    unmatched_page, first_unmatched = paged(
        unmatched[["date", "type", "sub_type", "place", "fatalities", "source", "title", "sentence"]],
        key="unmatched_page",
        noun="news events",
    )
    picked_news = st.dataframe(
        unmatched_page,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="coverage_unmatched_news",
        column_config={"date": st.column_config.DateColumn("date", format="YYYY-MM-DD")},
    )
    if picked_news and picked_news.selection.rows:
        row = unmatched.iloc[first_unmatched + picked_news.selection.rows[0]]
        _open_reader(row["article_id"], row["title"], row["sent_start"], row["sent_end"], key="coverage_open_news")


for tab, draw in ((outlets_tab, outlets_view), (stories_tab, stories_view), (record_tab, record_view)):
    if tab.open:
        with tab:
            draw()
