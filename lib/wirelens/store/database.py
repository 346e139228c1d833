"""The corpus store: one embedded DuckDB file holding articles and everything found in them.

:class:`Store` is the one door to it: the connection, its locking, the schema (migrated on
open, see :mod:`wirelens.store.migrations`) and the writes live here; the read queries pages
draw from are in :mod:`wirelens.store.queries`, the files in and out in :mod:`wirelens.store.files`,
and ``Store`` delegates to them under the method names pages and the CLI call.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import duckdb

from wirelens.extraction.articles import Article
from wirelens.extraction.provenance import extraction_fingerprint
from wirelens.store import corrections, coverage, files, migrations, queries, surnames, views
from wirelens.store.corrections import Correction
from wirelens.store.filters import Filters, where
from wirelens.store.integrity import StoreCorrupt, corrupt_message, damage, verify_blocks
from wirelens.store.migrations import SCHEMA_VERSION, StoreTooNew
from wirelens.store.queries import CorpusSummary
from wirelens.store.rows import article_frame, extraction_tables, insert_frame, release_arrow_memory, table_pieces
from wirelens.store.schema import EXPORTED, TABLES

if TYPE_CHECKING:
    # The store reads and writes plain records: no spaCy on its import path. Nor pandas: it
    # takes over a second to import, and the dashboard draws its first figures from plain rows
    # (corpus_summary); DuckDB imports it itself when a query returns a DataFrame.
    import pandas as pd

    from wirelens.extraction.pipeline import Extraction

__all__ = [
    "EXPORTED",
    "SCHEMA_VERSION",
    "TABLES",
    "CorpusSummary",
    "Filters",
    "Store",
    "StoreBusy",
    "StoreCorrupt",
    "StoreMissing",
    "StoreTooNew",
    "extraction_tables",
]

T = TypeVar("T")


class StoreBusy(RuntimeError):
    """Another process holds the database for writing."""


class StoreMissing(FileNotFoundError):
    """A store opened for reading does not exist."""


# How long an open waits for another connection to let go of the file before giving up with
# StoreBusy: a dashboard holds a read lock only while a page runs (see ``hold=False``).
LOCK_WAIT = 3.0


class Store:
    """A DuckDB corpus. An article is in it whole or not at all (see :meth:`add`).

    Opening it read-write runs the migrations it lacks. Opening read-only a store written by an
    earlier version (its schema version behind this code's) first tries to bring the file itself
    up to date: it is opened read-write once, briefly, migrated and reopened read-only, so the
    next open costs nothing and every reader sees one schema. That fails when the file cannot be
    written: another process has it open (even read-only: DuckDB then refuses a writer), or the
    file or its folder is read-only. The store is then migrated in a temporary copy, opened
    read-only and deleted on close: the reader gets the current schema without touching a file
    it may not change; the cost, a copy of the file, is paid by each such open until a writer
    migrates the store. A store from a *newer* version is refused (:class:`StoreTooNew`) either way.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, hold: bool = True, wait: float = LOCK_WAIT):
        self.path = Path(path)
        self._copy: Path | None = None  # the migrated temporary copy a read-only open reads, if any
        self._hold = hold
        self._wait = wait
        self._lock = threading.Lock()  # one writer at a time in this process
        if read_only and not self.path.is_file():
            raise StoreMissing(f"{self.path}: no such store")
        if not hold and read_only:
            raise ValueError("a store that does not hold its connection opens read-write when it writes")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._con: duckdb.DuckDBPyConnection | None = _connect(self.path, read_only, wait)
        if not read_only:
            self._migrate(self._con)
        elif self._behind(self._con):
            self._con.close()
            self._con = self._open_migrated()
        # Without ``hold``, the connection is opened when a query needs it and closed when nothing
        # uses it: read-only for reads (many processes may read at once), read-write only while
        # writing. Another process (``wirelens ingest``) can then write whenever this one is idle.
        self._con_writes = not read_only
        self._users = 0
        self._keepers: dict[threading.Thread, float] = {}  # threads whose work keeps the connection open
        self._cond = threading.Condition()
        self._closer: threading.Thread | None = None
        if not hold:
            self._con.close()
            self._con = None

    def _migrate(self, con: duckdb.DuckDBPyConnection) -> None:
        try:
            _refuse_foreign(con, self.path)
            verify_blocks(con, self.path)  # before anything is written into a damaged file
            # No vacuum at checkpoints: DuckDB would merge each checkpoint's new rows back into
            # the table's last row group (up to 122,880 rows) and rewrite all of it, so the memory
            # of every automatic checkpoint grew with the store (+6, +11, +15 MB at the first three
            # of a 5,000-article ingest). Without it each checkpoint writes only its new rows;
            # the cost is that space of deleted rows (a replaced article) is not compacted.
            con.execute("SET GLOBAL max_vacuum_tasks = 0")
            migrations.migrate(con, self.path)
            _drop_unowned_rows(con)
        except BaseException:
            con.close()
            raise

    def _behind(self, con: duckdb.DuckDBPyConnection) -> bool:
        try:
            _refuse_foreign(con, self.path)
            return migrations.behind(con, self.path)
        except BaseException:
            con.close()
            raise

    def _open_migrated(self) -> duckdb.DuckDBPyConnection:
        """A read-only connection to the store brought up to date: in place if possible, else a copy."""
        try:
            writer = _connect(self.path, read_only=False, wait=0)
        except (StoreBusy, duckdb.Error, OSError):
            return self._open_migrated_copy()
        try:
            migrations.migrate(writer, self.path)
        finally:
            writer.close()
        return _connect(self.path, read_only=True, wait=self._wait)

    def _open_migrated_copy(self) -> duckdb.DuckDBPyConnection:
        folder = Path(tempfile.mkdtemp(prefix="wirelens-store-"))
        copy = folder / self.path.name
        shutil.copyfile(self.path, copy)
        wal = self.path.with_name(self.path.name + ".wal")
        if wal.is_file():  # changes not yet checkpointed into the file
            shutil.copyfile(wal, copy.with_name(copy.name + ".wal"))
        try:
            writer = duckdb.connect(str(copy))
            try:
                migrations.migrate(writer, self.path)
            finally:
                writer.close()
            con = duckdb.connect(str(copy), read_only=True)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        self._copy = copy
        return con

    def close(self) -> None:
        with self._cond:
            if self._con is not None:
                self._con.close()
                self._con = None
        if self._copy is not None:
            shutil.rmtree(self._copy.parent, ignore_errors=True)
            self._copy = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the connection: held, or borrowed for each use (``hold=False``) ---------------

    def keep_open_while(self, thread: threading.Thread | None = None, *, at_most: float = 120.0) -> None:
        """Keep a borrowed connection open while ``thread`` (default: this one) runs, at most ``at_most`` s.

        A dashboard page run calls this first: all its queries then read one connection, one
        state of the store, and the connection (with its lock on the file) goes when the run ends.
        Raises :class:`StoreBusy` at once if another process is writing the store.
        """
        if self._hold:
            return
        with self._cond:
            self._keepers[thread or threading.current_thread()] = time.monotonic() + at_most
        with self._cursor():
            pass  # open it now: a busy store is reported before the page draws anything

    @contextlib.contextmanager
    def _cursor(self, write: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        # One cursor per query: the connection is shared by every Streamlit session thread.
        try:
            if self._hold:
                if self._con is None:
                    raise duckdb.ConnectionException(f"{self.path}: the store is closed")
                with self._con.cursor() as cur:
                    yield cur
                return
            con = self._borrow(write)
            try:
                with con.cursor() as cur:
                    yield cur
            finally:
                self._give_back()
        except duckdb.Error as exc:  # a damaged block a query read: one message naming the file
            found = damage(self.path, exc)
            if found is None:
                raise
            raise found from exc

    @contextlib.contextmanager
    def _writing(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock, self._cursor(write=True) as cur:
            yield cur

    def _borrow(self, write: bool) -> duckdb.DuckDBPyConnection:
        with self._cond:
            while True:
                if self._con is not None and (self._con_writes or not write):
                    self._users += 1
                    return self._con
                if self._con is not None:  # read-only, and a write needs it read-write
                    if self._users:
                        self._cond.wait(0.05)
                        continue
                    self._con.close()
                    self._con = None
                self._con = _connect(self.path, read_only=not write, wait=self._wait)
                self._con_writes = write
                self._users += 1
                if self._closer is None:
                    self._closer = threading.Thread(target=self._close_when_idle, name="wirelens-store-closer")
                    self._closer.daemon = True
                    self._closer.start()
                return self._con

    def _give_back(self) -> None:
        with self._cond:
            self._users -= 1
            if self._idle():
                self._close_borrowed()
            self._cond.notify_all()

    def _idle(self) -> bool:
        now = time.monotonic()
        self._keepers = {t: end for t, end in self._keepers.items() if t.is_alive() and end > now}
        return self._users == 0 and not self._keepers

    def _close_borrowed(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def _close_when_idle(self) -> None:
        """Close a borrowed connection once nothing uses it and the threads keeping it open have ended."""
        while True:
            with self._cond:
                if self._con is None:
                    self._closer = None
                    return
                if self._idle():
                    self._close_borrowed()
                    self._closer = None
                    self._cond.notify_all()
                    return
                self._cond.wait(0.05)

    def _read(self, query: Callable[..., T], *args: Any) -> T:
        with self._cursor() as cur:
            return query(cur, *args)

    def schema_version(self) -> int:
        """The schema version the store records (after opening: :data:`SCHEMA_VERSION`)."""
        return self._read(migrations.stored_version)

    def query(self, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
        """Any SQL, for a notebook; the package itself reads through the named queries below."""
        return self._read(queries.frame, sql, params)

    def article_texts(self, ids: Iterable[str] | None = None) -> dict[str, str]:
        """Article id -> cleaned text, of ``ids`` (every article when None): what event matching reads for the
        records' place names around a news event."""
        with self._cursor() as cur:
            if ids is None:
                rows = cur.execute("SELECT id, text FROM articles").fetchall()
            else:
                rows = cur.execute("SELECT id, text FROM articles WHERE list_contains(?, id)", [list(ids)]).fetchall()
        return dict(rows)

    # --- writing ---------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self._cursor() as cur:
            return cur.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def outdated_ids(self, ids: Iterable[str] | None = None) -> set[str]:
        """Stored articles (of ``ids``, or all) that another version of the extraction code produced."""
        condition, params = where([("id", "in", None if ids is None else list(ids))])
        with self._cursor() as cur:
            rows = cur.execute(
                f"SELECT id FROM articles WHERE {condition} AND extractor IS DISTINCT FROM ?",
                [*params, extraction_fingerprint()],
            ).fetchall()
        return {r[0] for r in rows}

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        with self._cursor() as cur:
            rows = cur.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [list(ids)]).fetchall()
        return {r[0] for r in rows}

    def add(self, extraction: Extraction | Iterable[Extraction], *, model: str = "", replace: bool = False) -> bool:
        """Store one article and its records; False (and nothing written) if it is already stored.

        ``extraction`` is the whole article, or its sections in order (``Extractor.extract_sections``),
        each inserted as it comes, so a long article's records are never all in memory at once. A whole
        article goes in one transaction. A new long article's sections are committed one at a time (one
        transaction holding them all kept every section's rows in DuckDB's memory until the end), and its
        article row last: until then the article is not in the corpus, and a write that fails deletes
        what it committed; a process killed in between leaves rows no article owns, deleted when the
        store is next opened for writing (:func:`_drop_unowned_rows`). Replacing a stored article stays
        one transaction, so a refresh cut short keeps the stored version.
        Sections not stored (the article already is, or a write failed) are still read to the end.
        """
        # Extraction is not imported at run time: that would import spaCy with the store.
        sections = iter([extraction] if hasattr(extraction, "article") else extraction)  # type: ignore[list-item]
        try:
            return self._add_sections(sections, model, replace)
        finally:
            for _ in sections:  # the caller's stream goes on with the next article
                pass

    def _add_sections(self, sections: Iterator[Extraction], model: str, replace: bool) -> bool:
        first = next(sections)
        art, whole = first.article, first.section.last
        sections = itertools.chain([first], sections)
        del first  # a long article's first section is not held while the others are written
        with self._writing() as cur:
            if whole or replace:
                with _transaction(cur):
                    if not _make_room(cur, art.id, replace):
                        return False
                    self._insert_sections(cur, sections, art, model)
                return True
            if _stored(cur, art.id):
                return False
            try:
                self._insert_sections(cur, sections, art, model, commit_each=True)
            except BaseException:
                _delete_article(cur, art.id)  # the sections committed so far: no part of an article stays
                raise
        return True

    def _insert_sections(
        self,
        cur: duckdb.DuckDBPyConnection,
        sections: Iterator[Extraction],
        art: Article,
        model: str,
        *,
        commit_each: bool = False,
    ) -> None:
        """Insert the sections' rows, then (for a sectioned article) its own row; each in a transaction of its own with ``commit_each``."""
        sectioned = False
        for section in sections:
            sectioned = sectioned or not section.section.last or section.section.index > 0
            with _transaction(cur) if commit_each else contextlib.nullcontext():
                self._insert(cur, section, model)
            if sectioned:
                release_arrow_memory()  # the next section is parsed meanwhile: keep the peak low
        if sectioned:  # a whole article's extraction carried its row
            with _transaction(cur) if commit_each else contextlib.nullcontext():
                insert_frame(cur, "articles", article_frame(art, model))

    @staticmethod
    def _insert(cur: duckdb.DuckDBPyConnection, ex: Extraction, model: str) -> None:
        for table, rows in table_pieces(ex, model):
            insert_frame(cur, table, rows)

    def import_parquet(self, folder: str | Path, *, replace: Iterable[str] = ()) -> int:
        """Add the articles of Parquet shards (``folder/<table>/*.parquet``) not stored yet; returns how many.

        Stored articles whose id is in ``replace`` are replaced by the shards' version (a refresh).
        Each shard goes in one transaction, so an interrupted import keeps whole articles only.
        """
        folder = Path(folder)
        replace = set(replace)
        added = 0
        for shard in sorted((folder / "articles").glob("*.parquet")):
            with self._writing() as cur, _transaction(cur):
                added += files.import_parquet(cur, shard, folder, replace)
        if added:
            self.merge_lone_surnames()
        return added

    def merge_lone_surnames(self) -> int:
        """Recompute which lone surnames stand for the corpus's one person of that name (after an ingest)."""
        with self._writing() as cur:
            return surnames.refresh(cur)

    def set_date(self, article_id: str, date: dt.date | None) -> None:
        with self._writing() as cur:
            cur.execute("UPDATE articles SET date = ? WHERE id = ?", [date, article_id])

    # --- corrections: stored apart from the extracted rows, applied by the *_corrected views ---

    def rename_actor(self, old: str, new: str, note: str = "") -> None:
        """Show ``old`` as ``new`` everywhere: a rename, or a merge when ``new`` is an actor already."""
        with self._writing() as cur:
            corrections.rename_actor(cur, old, new, note)

    def move_place(
        self,
        name: str,
        lat: float,
        lon: float,
        *,
        new_name: str,
        new_lat: float,
        new_lon: float,
        country_code: str | None = None,
        note: str = "",
    ) -> None:
        """Put the place shown as ``name`` at (lat, lon), and the events there, somewhere else."""
        with self._writing() as cur:
            corrections.move_place(
                cur,
                name,
                lat,
                lon,
                new_name=new_name,
                new_lat=new_lat,
                new_lon=new_lon,
                country_code=country_code,
                note=note,
            )

    def dismiss(self, kind: str, article_id: str, start: int, end: int, note: str = "") -> None:
        """Hide a wrong quote attribution (``kind="quote"``) or event (``kind="event"``)."""
        with self._writing() as cur:
            corrections.dismiss(cur, kind, article_id, int(start), int(end), note)

    def undo_correction(self, correction_id: int) -> bool:
        with self._writing() as cur:
            return corrections.undo(cur, int(correction_id))

    def corrections(self) -> list[Correction]:
        return self._read(corrections.listed)

    def corrections_frame(self) -> pd.DataFrame:
        """Every correction as stored, oldest first (what the Corrections page downloads)."""
        return self._read(queries.corrections_frame)

    # --- reading: see wirelens.store.queries for what each returns --------------------

    def article_count(self) -> int:
        return self._read(queries.article_count)

    def article(self, article_id: str) -> Article | None:
        return self._read(queries.article, article_id)

    def articles(self, filters: Filters = Filters()) -> pd.DataFrame:
        return self._read(queries.articles, filters)

    def entities(self, filters: Filters = Filters(), *, actors_only: bool = False) -> pd.DataFrame:
        return self._read(queries.entities, filters, actors_only)

    def top_actors(self, filters: Filters = Filters(), limit: int = 20) -> pd.DataFrame:
        return self._read(queries.top_actors, filters, limit)

    def quotes(
        self,
        filters: Filters = Filters(),
        *,
        speaker: str | None = None,
        search: str | None = None,
        kinds: Sequence[str] | None = None,
        latest: int | None = None,
        skip: int = 0,
    ) -> pd.DataFrame:
        return self._read(queries.quotes, filters, speaker, search, kinds, latest, skip)

    def quote_count(
        self, filters: Filters = Filters(), *, search: str | None = None, kinds: Sequence[str] | None = None
    ) -> int:
        return self._read(queries.quote_count, filters, search, kinds)

    def interactions(
        self,
        filters: Filters = Filters(),
        *,
        actor: str | None = None,
        source: str | None = None,
        target: str | None = None,
        interaction_class: str | None = None,
        limit: int | None = None,
    ) -> pd.DataFrame:
        return self._read(queries.interactions, filters, actor, source, target, interaction_class, limit)

    def interaction_edges(self, filters: Filters = Filters()) -> pd.DataFrame:
        return self._read(queries.interaction_edges, filters)

    def cooccurrences(self, filters: Filters = Filters()) -> pd.DataFrame:
        return self._read(queries.cooccurrences, filters)

    def shared_sentences(self, a: str, b: str, filters: Filters = Filters(), limit: int = 200) -> pd.DataFrame:
        return self._read(queries.shared_sentences, a, b, filters, limit)

    def actor_sentences(self, actor: str, filters: Filters = Filters(), limit: int = 200) -> pd.DataFrame:
        return self._read(queries.actor_sentences, actor, filters, limit)

    def article_entities(self, article_id: str) -> pd.DataFrame:
        return self._read(queries.article_entities, article_id)

    def actor_names(self) -> list[str]:
        return self._read(queries.actor_names)

    def article_titles(self) -> list[tuple[str, str | None]]:
        return self._read(queries.article_titles)

    def corpus_summary(self, filters: Filters = Filters()) -> CorpusSummary:
        return self._read(queries.corpus_summary, filters)

    def places(
        self,
        filters: Filters = Filters(),
        *,
        metonymic: bool = True,
        at: tuple[str, float, float] | None = None,
        limit: int | None = None,
    ) -> pd.DataFrame:
        return self._read(queries.places, filters, metonymic, at, limit)

    def place_counts(self, filters: Filters = Filters(), *, metonymic: bool = True) -> pd.DataFrame:
        return self._read(queries.place_counts, filters, metonymic)

    def events(
        self,
        filters: Filters = Filters(),
        *,
        types: Sequence[str] | None = None,
        actor: str | None = None,
        place: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        aggregates: bool = True,
    ) -> pd.DataFrame:
        return self._read(queries.events, filters, types, actor, place, date_from, date_to, aggregates)

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        return self._read(queries.date_range)

    def row_counts(self, tables: Sequence[str] = EXPORTED) -> dict[str, int]:
        """Rows stored in each of ``tables`` (as stored: before corrections)."""
        return self._read(queries.row_counts, tables)

    # --- export ----------------------------------------------------------------------

    def export(self, out_dir: str | Path, fmt: str = "csv") -> list[Path]:
        """Write every table to ``out_dir`` as csv, jsonl or parquet; returns the files written.

        Tables are written as the dashboard shows them, corrections applied (dismissed quotes
        and events left out), with the corrections themselves in ``corrections.<fmt>``; CSV
        cells that a spreadsheet would run as formulas are defused (:func:`files.defuse`).
        """
        return self._read(files.export_tables, out_dir, fmt)

    # --- the map, the timeline and the sidebar (store/views.py) ------------------------

    def title_search(self, text: str, limit: int = 20) -> list[tuple[str, str | None]]:
        return self._read(views.title_search, text, limit)

    def title_matches(self, text: str) -> list[str]:
        return self._read(views.title_matches, text)

    def articles_by_prefix(self, prefixes: Sequence[str]) -> list[tuple[str, str | None]]:
        return self._read(views.articles_by_prefix, prefixes)

    def sources(self) -> list[str]:
        return self._read(views.sources)

    def place_names(self, limit: int = 300) -> list[str]:
        return self._read(views.place_names, limit)

    def event_types(self) -> list[str]:
        return self._read(views.event_types)

    def event_date_range(self) -> tuple[dt.date | None, dt.date | None]:
        return self._read(views.event_date_range)

    def articles_with(self, **conditions: Any) -> set[str] | None:
        return self._read(lambda cur: views.articles_with(cur, **conditions))

    def event_timeline(
        self,
        filters: Filters = Filters(),
        period: str = "day",
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> pd.DataFrame:
        return self._read(views.event_timeline, filters, period, date_from, date_to)

    def article_timeline(self, filters: Filters = Filters(), period: str = "day") -> pd.DataFrame:
        return self._read(views.article_timeline, filters, period)

    # --- coverage: outlets compared, and an article's outlet edited (store/coverage.py) ----

    def outlet_summary(self, filters: Filters = Filters()) -> pd.DataFrame:
        return self._read(coverage.outlet_summary, filters)

    def outlet_actor_types(self, filters: Filters = Filters()) -> pd.DataFrame:
        return self._read(coverage.outlet_actor_types, filters)

    def outlet_top_actors(self, filters: Filters = Filters(), limit: int = 10) -> pd.DataFrame:
        return self._read(coverage.outlet_top_actors, filters, limit)

    def outlet_quote_kinds(self, filters: Filters = Filters()) -> pd.DataFrame:
        return self._read(coverage.outlet_quote_kinds, filters)

    def outlet_speakers(self, filters: Filters = Filters(), limit: int = 10) -> pd.DataFrame:
        return self._read(coverage.outlet_speakers, filters, limit)

    def set_source(self, article_id: str, source: str | None, note: str = "") -> None:
        """Name one article's outlet (a correction: listed, undoable, the ingested value kept)."""
        with self._writing() as cur:
            corrections.set_source(cur, article_id, source, note)

    def rename_source(self, old: str, new: str, note: str = "") -> int:
        """Show outlet ``old`` as ``new`` everywhere (a correction); how many articles it names."""
        with self._writing() as cur:
            return corrections.rename_source(cur, old, new, note)

    def quote_days(
        self, filters: Filters = Filters(), *, search: str | None = None, kinds: Sequence[str] | None = None
    ) -> pd.DataFrame:
        from wirelens.store import reader_views  # the quote, network and reader views' queries

        return self._read(reader_views.quote_days, filters, search, kinds)


@contextlib.contextmanager
def _transaction(cur: duckdb.DuckDBPyConnection) -> Iterator[None]:
    cur.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        cur.execute("ROLLBACK")
        raise
    cur.execute("COMMIT")


def _stored(cur: duckdb.DuckDBPyConnection, article_id: str) -> bool:
    return cur.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None


def _make_room(cur: duckdb.DuckDBPyConnection, article_id: str, replace: bool) -> bool:
    """Whether the article may be written: it is new, or stored and to be replaced (its rows deleted here)."""
    if not _stored(cur, article_id):
        # Only a replacement deletes: the record tables have no index, so each DELETE scans the
        # whole table, and seven of them per new article made a long ingest slower with every
        # article stored.
        return True
    if replace:
        _delete_rows(cur, article_id)
    return replace


def _delete_rows(cur: duckdb.DuckDBPyConnection, article_id: str) -> None:
    for table in TABLES:
        key = "id" if table == "articles" else "article_id"
        cur.execute(f"DELETE FROM {table} WHERE {key} = ?", [article_id])


def _delete_article(cur: duckdb.DuckDBPyConnection, article_id: str) -> None:
    """Delete what a failed write committed of an article; if even that fails, the next open does it."""
    try:
        with _transaction(cur):
            _delete_rows(cur, article_id)
    except duckdb.Error:
        pass


def _drop_unowned_rows(con: duckdb.DuckDBPyConnection) -> None:
    """Delete the rows of articles whose sections were committed by a process that died before their
    article row (see :meth:`Store.add`). Every section commits its sentences with its other rows, so
    sentences alone name such articles: one scan of one table per read-write open."""
    unowned = con.execute(
        "SELECT DISTINCT article_id FROM sentences WHERE article_id NOT IN (SELECT id FROM articles)"
    ).fetchall()
    if unowned:
        with _transaction(con):
            for table in TABLES[1:]:
                con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", [[r[0] for r in unowned]])


def _connect(path: Path, read_only: bool, wait: float = 0.0) -> duckdb.DuckDBPyConnection:
    """Open the file, waiting up to ``wait`` seconds for another process (or connection) to let go of it."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.ConnectionException as exc:
            # This process has the file open in the other mode (a borrowed connection closing).
            if "different configuration" not in str(exc) or time.monotonic() >= deadline:
                raise StoreBusy(f"{path}: the store is open in another mode in this process ({exc})") from exc
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                if path.is_file():
                    raise StoreCorrupt(corrupt_message(path, exc)) from exc
                raise
            if time.monotonic() >= deadline:
                raise StoreBusy(f"{path}: database is in use by another process ({exc})") from exc
        except (duckdb.SerializationException, duckdb.InternalException, duckdb.FatalException) as exc:
            raise StoreCorrupt(corrupt_message(path, exc)) from exc
        time.sleep(0.05)


def _refuse_foreign(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Refuse a DuckDB database of another program: it has tables, but neither our version mark nor articles."""
    if migrations.stored_version(con):
        return
    tables = {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database()"
        ).fetchall()
    }
    if tables and "articles" not in tables:
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise StoreCorrupt(
            f"{path}: a DuckDB database of another program, not a wirelens store (its tables: {shown}); "
            "choose another store (WIRELENS_DB)"
        )
