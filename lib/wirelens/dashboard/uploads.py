"""Uploaded files into the store, with a per-file report (no Streamlit here: testable alone)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple


from wirelens.extraction.articles import Article, InputProblem
from wirelens.run.readers import read_paths
from wirelens.run.ingest import ingest_articles
from wirelens.store.database import Store

if TYPE_CHECKING:
    from wirelens.extraction.pipeline import Extractor

_UNSAFE_NAME = re.compile(r"[^\w.\- ]+")


class UploadRow(NamedTuple):
    file: str  # the name the user uploaded (plus the line or archive member, where there is one)
    status: str  # "added" | "already in the corpus" | "refused" | "warning"
    detail: str  # the article's title, or what was wrong


def save_uploads(files: Iterable[tuple[str, bytes]], folder: Path) -> dict[Path, str]:
    """Write uploads under ``folder`` with safe, unique names; maps each saved path to its original name."""
    saved: dict[Path, str] = {}
    for i, (name, data) in enumerate(files):
        base = _UNSAFE_NAME.sub("_", Path(name.replace("\\", "/")).name).strip(". ") or "upload"
        path = folder / f"{i:04d}_{base}"
        path.write_bytes(data)
        saved[path] = name
    return saved


def _display(where: str | None, saved: dict[Path, str]) -> str:
    where = where or ""
    for path, name in saved.items():
        if where.startswith(str(path)):
            return name + where[len(str(path)):]
    return where


def ingest_uploads(
    saved: dict[Path, str],
    store: Store,
    extractor: Extractor,
    *,
    default_date: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[UploadRow]:
    """Ingest saved uploads; one report row per article or problem, named as the user named the file."""
    items = list(read_paths(saved, default_date=default_date))
    articles = [i for i in items if isinstance(i, Article)]
    total = len(articles)
    report = ingest_articles(items, store, extractor,
                             progress=(lambda done, _title: progress(done, total)) if progress else None)
    unclaimed = set(report.added)  # a text uploaded twice is added once, then already there
    rows = []
    for article in articles:
        status = "added" if article.id in unclaimed else "already in the corpus"
        unclaimed.discard(article.id)
        rows.append(UploadRow(_display(article.path, saved), status, article.title))
    rows += [UploadRow(_display(p.path, saved), "refused" if p.skipped else "warning", p.problem)
             for p in report.problems if isinstance(p, InputProblem)]
    return rows
