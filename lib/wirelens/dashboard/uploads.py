"""Uploaded files into the store, with a per-file report (no Streamlit here: testable alone)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from wirelens.extraction.articles import Article, InputProblem
from wirelens.run.ingest import ingest_articles
from wirelens.run.readers import SIDECAR_SUFFIX, printable, read_paths
from wirelens.store.database import Store

if TYPE_CHECKING:
    from wirelens.extraction.pipeline import Extractor

_UNSAFE_NAME = re.compile(r"[^\w.\- ]+")


class UploadRow(NamedTuple):
    file: str  # the name the user uploaded (plus the line or archive member, where there is one)
    status: str  # "added" | "already in the corpus" | "refused" | "warning"
    detail: str  # the article's title, or what was wrong


NO_DATE = "no publication date in its metadata: stored undated (set one in the Article reader)"


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
) -> list[UploadRow]:
    """Ingest saved uploads; one report row per article or problem, named as the user named the file.

    An article added without a date gets a "warning" row too: nothing dates it by default.
    """
    items = list(read_paths(saved, default_date=default_date))
    articles = [i for i in items if isinstance(i, Article)]
    total = len(articles)
    report = ingest_articles(
        items, store, extractor, progress=(lambda done, _title: progress(done, total)) if progress else None
    )
    unclaimed = set(report.added)  # a text uploaded twice is added once, then already there
    rows = []
    for article in articles:
        status = "added" if article.id in unclaimed else "already in the corpus"
        unclaimed.discard(article.id)
        rows.append(UploadRow(_display(article.path, saved), status, printable(article.title)))
        if status == "added" and article.date is None:
            rows.append(UploadRow(_display(article.path, saved), "warning", NO_DATE))
    rows += [
        UploadRow(_display(p.path, saved), "refused" if p.skipped else "warning", printable(p.problem))
        for p in report.problems
        if isinstance(p, InputProblem)
    ]
    return rows
