"""Cached resources and the shared sidebar filters, bound to the URL's query parameters."""

from __future__ import annotations

import datetime as dt
import re
import secrets
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from wirelens.config import Settings, load_settings
from wirelens.dashboard import sessions
from wirelens.dashboard.cached_reads import cached_reads
from wirelens.dashboard.uploads import MB, UploadLimits
from wirelens.run.ingest import IngestReport, ensure_seeds
from wirelens.store.database import Filters, Store, StoreBusy, StoreCorrupt, StoreTooNew

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
    # Not held: each page run reads through a read-only connection it closes when it ends, and
    # a write (an upload, a correction) opens it read-write for that moment. While the dashboard
    # is idle it holds no lock on the file, so `wirelens ingest` and `export` can run beside it.
    return Store(db_path, hold=False)


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
    start; this page run reads one state of it. Hosted mode: a private copy of the seed corpus,
    kept for this browser (see :func:`_private_store`). A store another process is writing, or a
    file that is not a store, stops the page with one message instead of a traceback.
    """
    cfg = settings()
    lexicons = tuple(str(p) for p in cfg.lexicons)
    try:
        if cfg.mode == "hosted":
            store = _private_store(cfg, lexicons)
        else:
            store = get_store(str(cfg.db_path))
            _seeded(str(cfg.db_path), str(cfg.seeds_dir), cfg.model, lexicons)
        store.keep_open_while()  # this run's queries read one connection, closed when the run ends
    except StoreBusy:
        st.warning(
            f"The store `{cfg.db_path.name}` is being written by another process (a `wirelens ingest`?). "
            "Retry in a moment: the page shows the new articles once the write is done.",
            icon=":material/hourglass_top:",
        )
        st.button("Retry", key="_wirelens_store_retry")
        st.stop()
    except (StoreCorrupt, StoreTooNew) as exc:
        st.error(str(exc), icon=":material/error:")
        st.stop()
    except sessions.SessionsFull:
        st.session_state["_wirelens_session_told"] = True  # at the retry, nothing of theirs was deleted
        _busy_page(cfg)
    return store


def open_cached_store() -> Store:
    """:func:`open_store`, its page reads served from a cache until the store changes (see cached_reads)."""
    return cached_reads(open_store())


def extractor_for_uploads() -> Extractor:
    cfg = settings()
    return get_extractor(cfg.model, tuple(str(p) for p in cfg.lexicons))


# --- hosted sessions: a private corpus per browser, kept across reloads, gone when idle ---------

SESSION_COOKIE = "wirelens_session"
_TOKEN = "_wirelens_session_token"
_TOKEN_FORM = re.compile(r"[A-Za-z0-9_-]{32,64}")
_registry_lock = threading.Lock()
SWEEP_SECONDS = 60.0  # how often idle sessions are looked for, visitors or none


def session_idle_minutes() -> float:
    """Idle minutes after which a hosted session's corpus is deleted (``session_idle_minutes``, default 60)."""
    return settings().session_idle_minutes


@st.cache_resource
def _session_stores() -> dict[Path, Store]:
    """The process's open session stores, by folder: a reload (a new Streamlit session) finds its own."""
    return {}


def _forget(folder: Path) -> None:
    store = _session_stores().pop(folder, None)
    if store is not None:
        store.close()


def expire_sessions(idle_minutes: float | None = None, *, now: float | None = None) -> list[Path]:
    """Delete the corpora of sessions idle longer than ``idle_minutes``; returns their folders."""
    idle = session_idle_minutes() if idle_minutes is None else idle_minutes
    with _registry_lock:
        return sessions.expire_sessions(idle, now=now, on_delete=_forget)


@st.cache_resource
def _sweeper() -> threading.Thread:
    """One thread per process deleting idle sessions, so a closed tab's corpus does not wait for a visitor."""

    def sweep() -> None:
        while True:
            time.sleep(SWEEP_SECONDS)
            try:
                expire_sessions()
            except Exception:  # a bad config read must not end the sweeping for good
                continue

    thread = threading.Thread(target=sweep, name="wirelens-session-sweeper", daemon=True)
    thread.start()
    return thread


def _browser_cookies() -> dict[str, str]:
    return dict(st.context.cookies)


def _session_token() -> tuple[str, bool]:
    """This browser's session token, and whether it came back from the browser (a reload, a new tab).

    The token lives in a cookie (sent with each new page load), never in the URL: a copied view
    link carries the view, not the corpus. A new visitor gets a new token from ``secrets``.
    """
    token = st.session_state.get(_TOKEN)
    if token:
        return token, False
    token = _browser_cookies().get(SESSION_COOKIE, "")
    returning = bool(_TOKEN_FORM.fullmatch(token))
    if not returning:
        token = secrets.token_urlsafe(32)
        _remember_in_browser(token)
    st.session_state[_TOKEN] = token
    return token, returning


def _remember_in_browser(token: str) -> None:
    st.html(
        "<script>document.cookie = '"
        + SESSION_COOKIE
        + "="
        + token  # [A-Za-z0-9_-] only
        + "; path=/; max-age=2592000; SameSite=Strict' + (location.protocol === 'https:' ? '; Secure' : '');</script>",
        unsafe_allow_javascript=True,
    )


def session_folder(token: str) -> Path:
    return sessions.session_folder(token)


def current_session_folder() -> Path | None:
    """This visitor's session folder in hosted mode; None in local mode (one shared store, no session)."""
    token = st.session_state.get(_TOKEN)
    return sessions.session_folder(token) if token and settings().mode == "hosted" else None


def _seed_template(cfg: Settings, lexicons: tuple[str, ...]) -> Path:
    key = sessions.template_key(cfg.seeds_dir, cfg.model, lexicons)
    build = lambda store: ensure_seeds(store, lambda: get_extractor(cfg.model, lexicons), cfg.seeds_dir)  # noqa: E731
    with st.spinner("Building the seed corpus…"):
        return sessions.seed_template(key, build)


def _private_store(cfg: Settings, lexicons: tuple[str, ...]) -> Store:
    token, returning = _session_token()
    _sweeper()
    expire_sessions(cfg.session_idle_minutes)
    folder = sessions.session_folder(token)
    path = folder / sessions.CORPUS
    with _registry_lock:
        stores = _session_stores()
        store = stores.get(folder)
        if store is None:
            if not path.is_file():
                template = _seed_template(cfg, lexicons)
                sessions.create_session(folder, template, cfg.max_sessions)  # SessionsFull past the limit
                if returning and not st.session_state.get("_wirelens_session_told"):
                    st.session_state["_wirelens_session_told"] = True
                    st.info(
                        f"Your earlier session here was idle for more than {cfg.session_idle_minutes:g} minutes: "
                        "its uploads were deleted. You are on a fresh copy of the seed corpus.",
                        icon=":material/history:",
                    )
            store = Store(path, hold=False)  # no connection (nor its memory) held between page runs
            stores[folder] = store
        (folder / sessions.LAST_SEEN).touch()
    return store


def _busy_page(cfg: Settings) -> None:
    st.title("wirelens is busy")
    st.warning(
        f"{cfg.max_sessions} visitors are working here right now, as many as this server takes. "
        "Please try again in a few minutes: a session frees its place after "
        f"{cfg.session_idle_minutes:g} idle minutes.",
        icon=":material/group:",
    )
    st.button("Try again", key="_wirelens_busy_retry", type="primary")
    st.stop()


def upload_limits() -> UploadLimits:
    """What the next upload may cost: hosted mode's limits less this session's usage; none in local mode."""
    cfg = settings()
    folder = current_session_folder()
    if folder is None:
        return UploadLimits()
    used = sessions.read_usage(folder)
    return UploadLimits(
        file_bytes=cfg.upload_mb_per_file * MB,
        session_bytes_left=max(0, cfg.upload_mb_per_session * MB - used.upload_bytes),
        articles_left=max(0, cfg.articles_per_session - used.articles),
        article_chars=cfg.article_chars,
        seconds=cfg.upload_seconds,
    )


def charge_session(upload_bytes: int = 0, articles: int = 0) -> None:
    """Count an upload's bytes or added articles against this hosted session (a no-op in local mode)."""
    if (folder := current_session_folder()) is not None and folder.is_dir():
        sessions.add_usage(folder, upload_bytes, articles)


def draw_session_notice(store: Store) -> None:
    """Hosted mode, in the sidebar: how long uploads are kept, a warning before they go, the corpus zip."""
    folder = current_session_folder()
    if folder is not None:
        with st.sidebar:
            _session_notice(store, folder)


@st.fragment(run_every=60)  # redrawn alone each minute: an idle tab sees the warning come (and touches nothing)
def _session_notice(store: Store, folder: Path) -> None:
    idle = settings().session_idle_minutes
    last = sessions.last_activity(folder)
    if last is None:
        st.error(
            f"This session was idle for more than {idle:g} minutes: its uploads were deleted. "
            "Reload the page for a fresh copy of the seed corpus.",
            icon=":material/history:",
        )
        return
    added = sessions.read_usage(folder).articles
    level, text = sessions.keep_notice(added, idle, time.time() - last)
    if level == "warning":
        st.warning(text, icon=":material/timer:")
    else:
        st.caption(text)
    if not added:
        return
    st.download_button(
        "Download your corpus (zip)",
        lambda: _corpus_zip(store),
        file_name="wirelens-corpus-csv.zip",
        mime="application/zip",
        key="_wirelens_session_zip",
        on_click="ignore",
        icon=":material/folder_zip:",
    )


def _corpus_zip(store: Store) -> bytes:
    from wirelens.exports.formats import corpus_zip  # pandas: only when the zip is asked for

    return corpus_zip(store, "csv")


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


TITLE_KEY = "title"  # server-side title search
SOURCES_KEY = "sources"
PLACES_KEY = "places"
TYPES_KEY = "types"
BACKGROUND_KEY = "background"  # show events more than a year before their article
DATE_BASIS_KEY = "date_on"  # what the shared date range filters: "publication date" or "event date"
PUBLISHED, EVENT_DATE = "publication date", "event date"
DATE_BASES = {
    PUBLISHED: "publication date (of articles)",
    EVENT_DATE: "event date (of events, and the articles reporting them)",
}
TITLE_MATCHES = 20  # titles offered under the search box: the page stays light at any corpus size
ACTOR_OPTIONS = 500
PLACE_OPTIONS = 300


def date_basis() -> str:
    basis = st.session_state.get(DATE_BASIS_KEY) or st.query_params.get(DATE_BASIS_KEY)
    return basis if basis in DATE_BASES else PUBLISHED


def date_bounds(store: Store, basis: str | None = None) -> tuple[dt.date | None, dt.date | None]:
    """The range the shared date filter spans: publication dates or event dates."""
    basis = basis or date_basis()
    return store.event_date_range() if basis == EVENT_DATE else store.date_range()


def set_date_range(store: Store, lo: dt.date, hi: dt.date, basis: str | None = None) -> None:
    """Set the shared date filter (from a brushed chart, in an on_select callback), clamped to its bounds."""
    basis = basis or date_basis()
    b_lo, b_hi = date_bounds(store, basis)
    if b_lo is None or b_hi is None:
        return
    lo, hi = max(lo, b_lo), min(hi, b_hi)
    if lo > hi:
        lo, hi = b_lo, b_hi
    st.session_state[DATE_BASIS_KEY] = basis
    st.session_state[DATES_KEY] = (lo, hi)


def _listed(key: str) -> list[str]:
    """A multiselect's values before it is drawn: this session's, else the URL's."""
    if key in st.session_state:
        return list(st.session_state[key] or [])
    return list(st.query_params.get_all(key))


def draw_sidebar_filters(store: Store) -> None:
    """The shared filters; each widget's key is also its query parameter. Lists stay short at any corpus size."""
    st.sidebar.header("Filters")
    search = st.sidebar.text_input(
        "Article title contains",
        key=TITLE_KEY,
        bind="query-params",
        placeholder="Search titles",
        help="Keeps the articles whose title contains this text; pick some of "
        f"the {TITLE_MATCHES} newest matches below to narrow further.",
    )
    picked = [article_label(i, t) for i, t in store.articles_by_prefix(id_prefixes(_listed(ARTICLES_KEY)))]
    matches = [article_label(i, t) for i, t in store.title_search(search or "", TITLE_MATCHES)] if search else []
    st.sidebar.multiselect(
        "Articles",
        list(dict.fromkeys([*picked, *matches])),
        key=ARTICLES_KEY,
        bind="query-params",
        placeholder="Search titles above, then pick" if not search else "All matching articles",
    )
    basis = st.sidebar.radio(
        "Dates filter by",
        list(DATE_BASES),
        key=DATE_BASIS_KEY,
        bind="query-params",
        horizontal=False,
        help="Publication date keeps the articles published in the range. Event date keeps "
        "the articles reporting an event dated in the range, and the events shown on the "
        "Map, Events and Timeline pages to those dates. Brushing the Timeline sets it.",
    )
    lo, hi = date_bounds(store, basis)
    if lo is not None and hi is not None:
        chosen = st.session_state.get(DATES_KEY)
        if (
            isinstance(chosen, (tuple, list))
            and len(chosen) == 2
            and not all(isinstance(d, dt.date) and lo <= d <= hi for d in chosen)
        ):
            del st.session_state[DATES_KEY]  # from the other basis, or from a bigger corpus
        label = "Published between" if basis == PUBLISHED else "Events dated between"
        st.sidebar.date_input(label, value=(lo, hi), min_value=lo, max_value=hi, key=DATES_KEY, bind="query-params")
    st.sidebar.multiselect(
        "Outlets",
        store.sources(),
        key=SOURCES_KEY,
        bind="query-params",
        placeholder="Any outlet",
        help="Articles from these outlets (the source column).",
    )
    places = list(dict.fromkeys([*_listed(PLACES_KEY), *store.place_names(PLACE_OPTIONS)]))
    st.sidebar.multiselect(
        "Articles naming places",
        places,
        key=PLACES_KEY,
        bind="query-params",
        placeholder="Anywhere",
        help=f"The {PLACE_OPTIONS} places named in most articles.",
    )
    st.sidebar.multiselect(
        "Articles reporting events of type",
        store.event_types(),
        key=TYPES_KEY,
        bind="query-params",
        placeholder="Any event type",
    )
    actors = list(dict.fromkeys([*_listed(ACTORS_KEY), *store.actor_names()[:ACTOR_OPTIONS]]))
    st.sidebar.multiselect(
        "Articles mentioning actors",
        actors,
        key=ACTORS_KEY,
        bind="query-params",
        placeholder="Any actor",
        help=f"Keeps the articles that mention any of these actors (the {ACTOR_OPTIONS} most mentioned are listed).",
    )
    st.sidebar.toggle(
        "Show background events",
        key=BACKGROUND_KEY,
        bind="query-params",
        help="Events more than a year before the article reporting them (history, anniversaries) "
        "are hidden on every page unless this is on; they are always exported.",
    )


def chosen_dates(store: Store) -> tuple[dt.date | None, dt.date | None]:
    """The shared date range, or (None, None) when it spans everything."""
    dates = st.session_state.get(DATES_KEY)
    lo, hi = date_bounds(store)
    if isinstance(dates, (tuple, list)) and len(dates) == 1:  # one day (or a range being picked)
        dates = (dates[0], dates[0])
    if isinstance(dates, (tuple, list)) and len(dates) == 2 and (dates[0], dates[1]) != (lo, hi):
        return _as_date(dates[0]), _as_date(dates[1])
    return None, None


def event_dates(store: Store) -> tuple[dt.date | None, dt.date | None]:
    """The event-date range the shared filter sets for event queries, or (None, None)."""
    return chosen_dates(store) if date_basis() == EVENT_DATE else (None, None)


def event_types_filter() -> list[str] | None:
    return list(st.session_state.get(TYPES_KEY) or []) or None


def date_filter_label(store: Store) -> str:
    """What the shared date filter does now, in words, for a page to say."""
    lo, hi = chosen_dates(store)
    if lo is None:
        return "No date filter."
    what = "articles published" if date_basis() == PUBLISHED else "events dated (and the articles reporting them)"
    return f"Date filter: {what} {lo:%Y-%m-%d} to {hi:%Y-%m-%d}." if hi else f"Date filter: {what} from {lo:%Y-%m-%d}."


def current_filters(store: Store) -> Filters:
    """The filters as the sidebar set them; the full date range means no date filter (undated articles stay)."""
    ids: set[str] | None = None
    prefixes = set(id_prefixes(st.session_state.get(ARTICLES_KEY)))
    if prefixes:
        ids = {i for i, _ in store.articles_by_prefix(sorted(prefixes))}
    elif search := (st.session_state.get(TITLE_KEY) or "").strip():
        ids = set(store.title_matches(search))
    date_from, date_to = chosen_dates(store)
    event_from = event_to = None
    if date_basis() == EVENT_DATE:
        event_from, event_to, date_from, date_to = date_from, date_to, None, None
    more = store.articles_with(
        sources=st.session_state.get(SOURCES_KEY) or None,
        places=st.session_state.get(PLACES_KEY) or None,
        event_types=event_types_filter(),
        event_from=event_from,
        event_to=event_to,
    )
    if more is not None:
        ids = more if ids is None else ids & more
    actors = tuple(st.session_state.get(ACTORS_KEY) or ()) or None
    return Filters(
        article_ids=tuple(sorted(ids)) if ids is not None else None,
        date_from=date_from,
        date_to=date_to,
        actors=actors,
        background_events=bool(st.session_state.get(BACKGROUND_KEY)),
    )


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
