"""Uploaded files into the store, with a per-file report (no Streamlit here: testable alone)."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from wirelens.extraction.articles import Article, InputProblem
from wirelens.run.ingest import IngestReport, ingest_articles
from wirelens.run.readers import SIDECAR_SUFFIX, printable, read_paths
from wirelens.store.database import Store

if TYPE_CHECKING:
    from wirelens.extraction.pipeline import Extractor

_UNSAFE_NAME = re.compile(r"[^\w.\- ]+")


class RunningUpload:
    """How far an upload's extraction got, shared by the run that extracts and the run after a Cancel.

    With Streamlit's fast reruns, Cancel starts the page's next run at once, while the cancelled
    run is still extracting the article in hand (it stops at its next Streamlit call, after storing
    that article). The next run waits for :attr:`ended` before it says how many were added, or shows
    :attr:`rows` if the run was stopped only after the extraction had finished. Unpacks as ``done, total``.
    """

    def __init__(self) -> None:
        self.done = 0  # articles added
        self.total = 0  # articles in the upload
        self.ended = threading.Event()  # set when the extracting run has stopped, however it stopped
        self.rows: list[UploadRow] | None = None  # the report, once the extraction has finished

    def __iter__(self) -> Iterator[int]:
        return iter((self.done, self.total))

    def wait_ended(self, seconds: float) -> bool:
        return self.ended.wait(seconds)


@contextlib.contextmanager
def running_upload(register: Callable[[RunningUpload], None]) -> Iterator[RunningUpload]:
    """A :class:`RunningUpload` for one upload's run, ended however the run ends.

    ``register`` keeps it where the page's next run looks (session_state): a Streamlit call, which
    may itself stop the run, so it is made inside the block that ends it. Registered before the
    block, with another Streamlit call (a session_state read) in between, a run stopped at that call
    left a RunningUpload that never ended, and each later run of the page waited 300 s for it.
    """
    running = RunningUpload()
    try:
        register(running)
        yield running
    finally:
        running.ended.set()  # finished, or stopped by a Cancel: the next run may count what was stored


class UploadRow(NamedTuple):
    file: str  # the name the user uploaded (plus the line or archive member, where there is one)
    status: str  # "added" | "already in the corpus" | "refused" | "warning"
    detail: str  # the article's title, or what was wrong


NO_DATE = "no publication date in its metadata: stored undated (set one in the Article reader)"
MB = 1024 * 1024


@dataclass(frozen=True)
class UploadLimits:
    """What one upload may still cost (hosted mode); None is no limit."""

    file_bytes: int | None = None
    session_bytes_left: int | None = None
    articles_left: int | None = None
    article_chars: int | None = None  # longer articles are refused: one extraction cannot be cut short
    seconds: float | None = None  # extraction time; the articles left when it runs out are reported


def admit_uploads(
    files: Iterable[tuple[str, bytes]], limits: UploadLimits
) -> tuple[list[tuple[str, bytes]], list[UploadRow]]:
    """The files within the size limits, and a "refused" row for each of the others, in upload order."""
    admitted: list[tuple[str, bytes]] = []
    refused: list[UploadRow] = []
    left = limits.session_bytes_left
    for name, data in files:
        if limits.file_bytes is not None and len(data) > limits.file_bytes:
            why = f"{_mb(len(data))} is over the limit of {_mb(limits.file_bytes)} per file"
        elif left is not None and len(data) > left:
            why = f"{_mb(len(data))} is over what this session may still upload ({_mb(left)} of its allowance)"
        else:
            admitted.append((name, data))
            left = None if left is None else left - len(data)
            continue
        refused.append(UploadRow(printable(name), "refused", why))
    return admitted, refused


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB"


def save_uploads(files: Iterable[tuple[str, bytes]], folder: Path) -> dict[Path, str]:
    """Write uploads under ``folder`` with safe, unique names; maps each saved path to its original name.

    A ``story.meta.json`` uploaded beside ``story.txt`` is saved as that file's sidecar (read with
    it, as on the command line), not as a file of its own.
    """
    files = list(files)
    saved: dict[Path, str] = {}
    sidecars: list[tuple[str, bytes]] = []
    for i, (name, data) in enumerate(files):
        if _base(name).endswith(SIDECAR_SUFFIX):
            sidecars.append((name, data))
            continue
        path = folder / f"{i:04d}_{_safe(name)}"
        path.write_bytes(data)
        saved[path] = name
    by_stem = {Path(_base(name)).stem: path for path, name in saved.items() if path.suffix.lower() == ".txt"}
    for i, (name, data) in enumerate(sidecars, start=len(files)):
        partner = by_stem.get(_base(name)[: -len(SIDECAR_SUFFIX)])
        if partner is not None:
            partner.with_name(partner.stem + SIDECAR_SUFFIX).write_bytes(data)
        else:  # read on its own, it is reported as a metadata file without its article
            path = folder / f"{i:04d}_{_safe(name)}"
            path.write_bytes(data)
            saved[path] = name
    return saved


def _base(name: str) -> str:
    return Path(name.replace("\\", "/")).name


def _safe(name: str) -> str:
    return _UNSAFE_NAME.sub("_", _base(name)).strip(". ") or "upload"


def _display(where: str | None, saved: dict[Path, str]) -> str:
    """The name the user uploaded, control characters escaped: a name cannot forge a report row."""
    where = where or ""
    for path, name in saved.items():
        if where.startswith(str(path)):
            return printable(name + where[len(str(path)) :])
    return printable(where)


def ingest_uploads(
    saved: dict[Path, str],
    store: Store,
    extractor: Extractor,
    *,
    default_date: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    limits: UploadLimits = UploadLimits(),
) -> list[UploadRow]:
    """Ingest saved uploads; one report row per article or problem, named as the user named the file.

    An article added without a date gets a "warning" row too: nothing dates it by default. Past
    ``limits.articles_left`` new articles, the rest are refused; when ``limits.seconds`` run out,
    extraction stops after the article in hand and the articles not reached are reported.
    """
    items = list(read_paths(saved, default_date=default_date))
    articles = [i for i in items if isinstance(i, Article)]
    total = len(articles)
    report = IngestReport()
    deadline = None if limits.seconds is None else time.monotonic() + limits.seconds

    def step(done: int, _title: str | None) -> None:
        if progress is not None:
            progress(done, total)
        if deadline is not None and time.monotonic() > deadline:
            raise _TimeUp

    over: set[str] = set()
    try:
        ingest_articles(_within(items, store, limits, over, deadline), store, extractor, progress=step, report=report)
    except _TimeUp:
        pass  # the articles stored so far stay; those not reached are reported below
    rows = _article_rows(articles, report, saved, over, limits.seconds)
    rows += [
        UploadRow(_display(p.path, saved), "refused" if p.skipped else "warning", printable(p.problem))
        for p in report.problems
        if isinstance(p, InputProblem)
    ]
    return rows


class _TimeUp(Exception):
    """The upload's extraction time ran out (raised between two articles, never inside one's write)."""


def _within(
    items: list[Article | InputProblem], store: Store, limits: UploadLimits, over: set[str], deadline: float | None
) -> Iterator[Article | InputProblem]:
    """The items, with the new articles past the limits refused (their ids put in ``over``)
    and none left out after the deadline (the progress step stops the extraction in hand)."""
    seen: set[str] = set()
    articles_left, longest = limits.articles_left, limits.article_chars
    for item in items:
        if isinstance(item, Article) and item.id not in seen and not store.has_article(item.id):
            if deadline is not None and time.monotonic() > deadline:
                continue  # reported as not reached
            why = None
            if longest is not None and len(item.text) > longest:
                why = f"not added: {len(item.text):,} characters, over this server's limit of {longest:,} per article"
            elif item.id in over or (articles_left is not None and articles_left <= 0):
                why = "not added: this session has reached its limit of new articles"
            if why:
                over.add(item.id)
                yield InputProblem(item.path or item.id, why)
                continue
            articles_left = None if articles_left is None else articles_left - 1
            seen.add(item.id)
        yield item


def _article_rows(
    articles: list[Article], report: IngestReport, saved: dict[Path, str], over: set[str], seconds: float | None
) -> list[UploadRow]:
    unclaimed = set(report.added)  # a text uploaded twice is added once, then already there
    reached = unclaimed | set(report.already_stored) | {p.path for p in report.problems}
    rows = []
    for article in articles:
        where = _display(article.path, saved)
        if article.id in over:
            continue  # its refusal row says why
        if article.id not in reached and (article.path or article.id) not in reached:
            why = f"not extracted: the upload's time limit ({seconds or 0:g} s) ran out; upload it again"
            rows.append(UploadRow(where, "refused", why))
            continue
        status = "added" if article.id in unclaimed else "already in the corpus"
        unclaimed.discard(article.id)
        rows.append(UploadRow(where, status, printable(article.title)))
        if status == "added" and article.date is None:
            rows.append(UploadRow(where, "warning", NO_DATE))
    return rows
