"""Cached resources and the shared sidebar filters, bound to the URL's query parameters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from wirelens.config import Settings, load_settings
from wirelens.extract import Extractor
from wirelens.ingest import IngestReport, ensure_seeds
from wirelens.store import Filters, Store

# Query-parameter names of the shared filters: a copied URL reproduces the view.
ARTICLES_KEY = "articles"
DATES_KEY = "dates"
ACTORS_KEY = "actors"
ARTICLE_KEY = "article"  # the reader's current article


@st.cache_resource(show_spinner="Loading the language model…")
def get_extractor(model: str | None, lexicons: tuple[str, ...]) -> Extractor:
    settings = load_settings(model=model).with_overrides(lexicons=tuple(Path(p) for p in lexicons))
    return Extractor.from_settings(settings)


@st.cache_resource(show_spinner="Opening the corpus…")
def get_store(db_path: str) -> Store:
    return Store(db_path)


@st.cache_resource(show_spinner="Building the seed corpus…")
def _seeded(db_path: str, seeds_dir: str, model: str | None, lexicons: tuple[str, ...]) -> IngestReport:
    return ensure_seeds(get_store(db_path), get_extractor(model, lexicons), Path(seeds_dir))


def settings() -> Settings:
    return load_settings()


def open_store() -> Store:
    """The configured store, with the seed corpus built into it on first start."""
    cfg = settings()
    lexicons = tuple(str(p) for p in cfg.lexicons)
    _seeded(str(cfg.db_path), str(cfg.seeds_dir), cfg.model, lexicons)
    return get_store(str(cfg.db_path))


def article_label(article_id: str, title: str | None) -> str:
    """How an article appears in pickers and in the URL: its title plus a short id."""
    return f"{(title or 'Untitled').strip()[:80]} [{article_id[:8]}]"


def id_prefixes(labels: list[str] | str | None) -> list[str]:
    """The short ids inside article labels."""
    if not labels:
        return []
    items = [labels] if isinstance(labels, str) else labels
    return [label.rsplit("[", 1)[-1].rstrip("]") for label in items]


def draw_sidebar_filters(store: Store) -> None:
    """The shared filters; each widget's key is also its query parameter."""
    articles = store.articles()
    labels = [article_label(i, t) for i, t in zip(articles["id"], articles["title"])]
    st.sidebar.header("Filters")
    st.sidebar.multiselect("Articles", labels, key=ARTICLES_KEY, bind="query-params",
                           placeholder="All articles")
    lo, hi = store.date_range()
    if lo is not None and hi is not None:
        st.sidebar.date_input("Published between", value=(lo, hi), min_value=lo, max_value=hi,
                              key=DATES_KEY, bind="query-params")
    st.sidebar.multiselect("Mentioning actors", store.actor_names(), key=ACTORS_KEY, bind="query-params",
                           placeholder="Any actor")


def current_filters(store: Store) -> Filters:
    """The filters as the sidebar set them; the full date range means no date filter (undated articles stay)."""
    prefixes = set(id_prefixes(st.session_state.get(ARTICLES_KEY)))
    article_ids = None
    if prefixes:
        all_ids = store.articles()["id"]
        article_ids = tuple(i for i in all_ids if i[:8] in prefixes)
    date_from = date_to = None
    dates = st.session_state.get(DATES_KEY)
    lo, hi = store.date_range()
    if isinstance(dates, (tuple, list)) and len(dates) == 2 and (dates[0], dates[1]) != (lo, hi):
        date_from, date_to = _as_date(dates[0]), _as_date(dates[1])
    actors = tuple(st.session_state.get(ACTORS_KEY) or ()) or None
    return Filters(article_ids=article_ids, date_from=date_from, date_to=date_to, actors=actors)


def _as_date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def route_through_app() -> None:
    """Send a page run that skipped app.py back through the router.

    When a process's first visitor opens a page URL directly, Streamlit's old multipage
    mode (triggered by the ``pages/`` folder) runs the page file on its own: no shared
    sidebar, no layout. Turning that mode off and rerunning makes app.py's
    ``st.navigation`` serve the same page, as it does for every later visitor.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
