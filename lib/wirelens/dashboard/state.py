"""Cached resources and the shared sidebar filters, bound to the URL's query parameters."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import weakref
from pathlib import Path

import streamlit as st

from typing import TYPE_CHECKING

from wirelens.config import Settings, load_settings
from wirelens.run.ingest import IngestReport, ensure_seeds
from wirelens.store.database import Filters, Store

if TYPE_CHECKING:
    import pandas as pd  # not imported here: the sidebar and the first figures draw without it

    from wirelens.extraction.pipeline import Extractor

# Query-parameter names of the shared filters: a copied URL reproduces the view.
ARTICLES_KEY = "articles"
DATES_KEY = "dates"
ACTORS_KEY = "actors"
ARTICLE_KEY = "article"  # the reader's current article
SENTENCE_KEY = "sentence"  # "<article id prefix>:start:end" to underline in the reader


@st.cache_resource(show_spinner="Loading the language model…")
def get_extractor(model: str | None, lexicons: tuple[str, ...]) -> Extractor:
    from wirelens.extraction.pipeline import Extractor  # spaCy: only when something is to be extracted

    settings = load_settings(model=model).with_overrides(lexicons=tuple(Path(p) for p in lexicons))
    return Extractor.from_settings(settings)


@st.cache_resource(show_spinner="Opening the corpus…")
def get_store(db_path: str) -> Store:
    return Store(db_path)


@st.cache_resource(show_spinner="Building the seed corpus…")
def _seeded(db_path: str, seeds_dir: str, model: str | None, lexicons: tuple[str, ...]) -> IngestReport:
    # The model loads only if the seeds still need extracting: a built store opens without it.
    return ensure_seeds(get_store(db_path), lambda: get_extractor(model, lexicons), Path(seeds_dir))


_pages_dir: Path | None = None


def use_pages_dir(folder: Path) -> None:
    """Where the page files are: app.py says so, from its own location (a wheel ships no pages)."""
    global _pages_dir
    _pages_dir = folder


def page(name: str) -> str:
    """A page file's absolute path, for st.switch_page/st.page_link: right whatever the main script is."""
    if _pages_dir is None:
        raise RuntimeError("the dashboard's pages folder is unknown: run the dashboard through app.py")
    return str(_pages_dir / name)


def settings() -> Settings:
    return load_settings()


def open_store() -> Store:
    """This visitor's store, with the seed corpus in it.

    Local mode: the configured store file, shared by every tab, the seeds built in on first
    start. Hosted mode: a private copy of the seed corpus for this session only.
    """
    cfg = settings()
    lexicons = tuple(str(p) for p in cfg.lexicons)
    if cfg.mode == "hosted":
        return _private_store(cfg, lexicons)
    _seeded(str(cfg.db_path), str(cfg.seeds_dir), cfg.model, lexicons)
    return get_store(str(cfg.db_path))


def extractor_for_uploads() -> Extractor:
    cfg = settings()
    return get_extractor(cfg.model, tuple(str(p) for p in cfg.lexicons))


@st.cache_resource(show_spinner="Building the seed corpus…")
def _seed_template(seeds_dir: str, model: str | None, lexicons: tuple[str, ...]) -> Path:
    """The seed corpus, built once per process into a file no session ever writes."""
    path = Path(tempfile.mkdtemp(prefix="wirelens-seed-")) / "seed.duckdb"
    with Store(path) as store:
        ensure_seeds(store, lambda: get_extractor(model, lexicons), Path(seeds_dir))
    return path


_PRIVATE_STORE = "_wirelens_private_store"


def _private_store(cfg: Settings, lexicons: tuple[str, ...]) -> Store:
    store = st.session_state.get(_PRIVATE_STORE)
    if store is None:
        template = _seed_template(str(cfg.seeds_dir), cfg.model, lexicons)
        folder = Path(tempfile.mkdtemp(prefix="wirelens-session-"))
        shutil.copyfile(template, folder / "corpus.duckdb")
        store = Store(folder / "corpus.duckdb")
        # The session's uploads go when the session does.
        weakref.finalize(store, shutil.rmtree, folder, True)
        st.session_state[_PRIVATE_STORE] = store
    return store


def article_label(article_id: str, title: str | None) -> str:
    """How an article appears in pickers and in the URL: its title plus a short id."""
    return f"{(title or 'Untitled').strip()[:80]} [{article_id[:8]}]"


def reader_link(article_id: str, title: str | None, start: int, end: int) -> dict[str, str]:
    """Query parameters that open the reader on this article with [start, end) underlined."""
    return {ARTICLE_KEY: article_label(article_id, title), SENTENCE_KEY: f"{article_id[:8]}:{int(start)}:{int(end)}"}


def linked_sentence(value: str | None, article_id: str, length: int) -> tuple[int, int] | None:
    """The range a reader link asked to underline, if it is for this article and inside its text."""
    try:
        prefix, start, end = (value or "").split(":")
        span = int(start), int(end)
    except ValueError:
        return None
    if prefix != article_id[:8] or not 0 <= span[0] < span[1] <= length:
        return None
    return span


def url_selection(param: str, chosen: str | None) -> str | None:
    """A page's selection, kept in the URL under ``param`` so a copied link reopens it.

    Charts and tables cannot bind their selection to the URL themselves. A selection the visitor
    makes or clears in this session goes into the URL; with none made yet, the URL's stands.
    """
    seen = f"_wirelens_selection_{param}"
    if seen in st.session_state and st.session_state[seen] == chosen:
        return chosen if chosen is not None else st.query_params.get(param)
    first_run = seen not in st.session_state
    st.session_state[seen] = chosen
    if chosen is not None:
        st.query_params[param] = chosen
        return chosen
    if not first_run:  # the visitor cleared it
        st.query_params.pop(param, None)
        return None
    return st.query_params.get(param)


def record_key(article_id: str, start: int, end: int) -> str:
    """How a quote or event is named in the URL: short article id and its offsets."""
    return f"{article_id[:8]}:{int(start)}:{int(end)}"


def find_record(frame: pd.DataFrame, key: str | None) -> int | None:
    """The row of ``frame`` (with article_id, start, end) that :func:`record_key` named, if any."""
    if not key or frame.empty:
        return None
    keys = [record_key(a, s, e) for a, s, e in zip(frame["article_id"], frame["start"], frame["end"])]
    return keys.index(key) if key in keys else None


def id_prefixes(labels: list[str] | str | None) -> list[str]:
    """The short ids inside article labels."""
    if not labels:
        return []
    items = [labels] if isinstance(labels, str) else labels
    return [label.rsplit("[", 1)[-1].rstrip("]") for label in items]


def draw_sidebar_filters(store: Store) -> None:
    """The shared filters; each widget's key is also its query parameter."""
    labels = [article_label(i, t) for i, t in store.article_titles()]
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
        article_ids = tuple(i for i, _ in store.article_titles() if i[:8] in prefixes)
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
