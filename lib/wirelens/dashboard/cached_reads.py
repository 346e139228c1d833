"""The store's reads, cached across page runs until the store file changes.

A page run opens a fresh read-only connection (the dashboard holds no lock between runs), so
DuckDB's own buffers are cold on every rerun: at 10,000 articles the sidebar's lists alone took
0.3-0.8 s per run. Each read here is held by ``st.cache_data``, keyed by plain values: the store's
path, its version (size and modification time of the file and its write-ahead log, which any
committed write changes, from this process or another), the method's name and its arguments.
An upload or a correction makes a new version, so nothing stale is ever shown.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import streamlit as st

if TYPE_CHECKING:
    from wirelens.store.database import Store

# The reads pages draw from; anything else (writes, the connection) goes to the store itself.
CACHED = frozenset(
    {
        "actor_names",
        "actor_sentences",
        "article",
        "article_count",
        "article_entities",
        "article_timeline",
        "articles",
        "articles_by_prefix",
        "articles_with",
        "cooccurrences",
        "corpus_summary",
        "date_range",
        "event_date_range",
        "event_timeline",
        "event_types",
        "events",
        "interaction_edges",
        "interactions",
        "outdated_ids",
        "outlet_actor_types",
        "outlet_quote_kinds",
        "outlet_speakers",
        "outlet_summary",
        "outlet_top_actors",
        "place_counts",
        "place_names",
        "places",
        "quote_count",
        "quote_days",
        "quotes",
        "shared_sentences",
        "sources",
        "title_matches",
        "title_search",
        "top_actors",
    }
)
# Distinct (read, arguments) kept per process, least recently used dropped first: a few views for each
# of many visitors, and a bound on memory (the largest reads, a 10,000-article list, are a few MB).
ENTRIES = 256
HOLD_SECONDS = 3600  # an entry is read from the store again after an hour at most, changed or not


def store_version(path: Path) -> tuple[int, ...]:
    """What changes whenever the store changes: size and mtime (ns) of the file and of its WAL."""
    stamp: list[int] = []
    for file in (path, path.with_name(path.name + ".wal")):
        try:
            info = file.stat()
        except FileNotFoundError:
            stamp += [-1, -1]
        else:
            stamp += [info.st_size, info.st_mtime_ns]
    return tuple(stamp)


@st.cache_data(max_entries=ENTRIES, ttl=HOLD_SECONDS, show_spinner=False)
def _read(_store: Store, path: str, version: tuple[int, ...], method: str, args: tuple, kwargs: tuple) -> Any:
    return getattr(_store, method)(*args, **dict(kwargs))


class _CachedStore:
    """The store, with :data:`CACHED` reads served from the cache; everything else passed through."""

    def __init__(self, store: Store):
        self._store = store

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._store, name)
        if name not in CACHED:
            return attribute

        @functools.wraps(attribute)
        def read(*args: Any, **kwargs: Any) -> Any:
            path = self._store.path
            return _read(self._store, str(path), store_version(path), name, args, tuple(sorted(kwargs.items())))

        return read


def cached_reads(store: Store) -> Store:
    """``store`` with its page reads cached (see the module's docstring); it behaves as the store does."""
    if isinstance(store, _CachedStore):
        return cast("Store", store)
    return cast("Store", _CachedStore(store))
