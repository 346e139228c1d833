"""Ingestion: read files, skip what the store already has, extract the rest, store each article whole."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from wirelens.config import Settings
from wirelens.extraction.articles import Article, InputProblem, check_date
from wirelens.run.readers import read_paths
from wirelens.store.database import Store

if TYPE_CHECKING:  # spaCy is imported when something is extracted, not to open a built corpus
    from wirelens.extraction.pipeline import Extraction, Extractor

Progress = Callable[[int, str], None]  # (articles done so far, current label)


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)  # article ids
    already_stored: list[str] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    refreshed: list[str] = field(default_factory=list)  # stored before, extracted again (``refresh``)

    @property
    def refused(self) -> list[InputProblem]:
        return [p for p in self.problems if p.skipped]

    def summary(self) -> str:
        refreshed = f"{len(self.refreshed)} refreshed, " if self.refreshed else ""
        return (
            f"{len(self.added)} added, {refreshed}{len(self.already_stored)} already stored, "
            f"{len(self.refused)} refused"
        )


def ingest_articles(
    items: Iterable[Article | InputProblem],
    store: Store,
    extractor: Extractor,
    *,
    progress: Progress | None = None,
    report: IngestReport | None = None,
    release_memory: bool = False,
    refresh: bool = False,
) -> IngestReport:
    """Extract and store every new article in ``items``; problems are collected, not raised.

    Articles are stored one by one as they are extracted, each whole or not at all (a long one a
    section at a time, its article row last: see ``Store.add``), so an interrupted run keeps what it
    finished and a rerun carries on without duplicates.
    ``release_memory`` frees the model's per-text strings after each batch (keeps a long run
    flat); leave it off where other threads share the model, as in the dashboard.
    ``refresh`` extracts again, and replaces, the stored articles among ``items`` that another
    version of the extraction code produced (see :mod:`wirelens.extraction.provenance`).
    A date outside the extractor's settings' plausible range (an article built by hand with
    ``date=dt.date(1, 1, 1)``) is reported, and the article stored undated.
    """
    report = report or IngestReport()
    seen: set[str] = set()
    refreshed: set[str] = set()
    settings = getattr(extractor, "settings", None) or Settings()
    bounds, longest = settings.date_bounds(), settings.max_article_chars

    def new_articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputProblem):
                report.problems.append(item)
                continue
            if len(item.text) > longest:
                report.problems.append(InputProblem(item.path or item.id, _too_long(len(item.text), longest)))
                continue
            item = _plausibly_dated(item, bounds, report)
            if item.id in seen:
                report.already_stored.append(item.id)
            elif store.has_article(item.id):
                if refresh and store.outdated_ids([item.id]):
                    seen.add(item.id)
                    refreshed.add(item.id)
                    yield with_stored_date(item, store)
                else:
                    report.already_stored.append(item.id)
            else:
                seen.add(item.id)
                yield item

    from wirelens.run.parallel import extract_all

    stream = extract_all(new_articles(), extractor, release_memory=release_memory, sections=True)
    for first in stream:
        article = first.article
        try:  # a long article comes in sections, each written as it is finished: memory stays flat
            stored = store.add(sections_of(first, stream), model=extractor.model_name, replace=article.id in refreshed)
        except _ExtractionFailed as failed:  # as for a whole article: extraction errors are not the store's
            raise failed.__cause__ from None  # type: ignore[misc]
        except Exception as exc:  # one article's failure must not cost the batch
            report.problems.append(InputProblem(article.path or article.id, f"could not be stored ({exc})"))
            continue
        done = report.refreshed if article.id in refreshed else report.added
        (done if stored else report.already_stored).append(article.id)
        if progress is not None:
            progress(len(report.added) + len(report.refreshed), article.title)
    if report.added or report.refreshed:
        store.merge_lone_surnames()  # what the corpus as a whole says of a lone "Biden"
    return report


def sections_of(first: Extraction, stream: Iterator[Extraction]) -> Iterator[Extraction]:
    """``first`` and the sections of its article that follow it in ``stream`` (up to its last)."""
    section = first
    yield section
    while not section.section.last:
        try:
            section = next(stream)
        except Exception as exc:
            raise _ExtractionFailed from exc
        yield section


class _ExtractionFailed(Exception):
    """Extracting a later section of an article failed (raised while the store was writing it)."""


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    extractor: Extractor,
    *,
    default_date: dt.date | None = None,
    encoding: str = "utf-8",
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest files and folders; each bad file is reported by name and the rest go through."""
    items = read_paths(paths, encoding=encoding, default_date=default_date)
    return ingest_articles(items, store, extractor, progress=progress)


def ensure_seeds(store: Store, extractor: Extractor | Callable[[], Extractor], seeds_dir: Path) -> IngestReport:
    """Build the embedded seed corpus into ``store`` if it is not there yet (a no-op after).

    ``extractor`` may be a function that loads one: a store that already holds the seeds then
    opens without loading the model (a dashboard's cold start).
    """
    if not seeds_dir.is_dir():
        return IngestReport()
    items = list(read_paths([seeds_dir]))
    ids = [item.id for item in items if isinstance(item, Article)]
    if len(ids) == len(items) and store.known_ids(ids) == set(ids) and not store.outdated_ids(ids):
        return IngestReport(already_stored=ids)
    # Seeds an older version extracted are extracted again: the default corpus shows what the code finds.
    return ingest_articles(items, store, extractor() if _is_loader(extractor) else extractor, refresh=True)


def _too_long(chars: int, longest: int) -> str:
    return f"not added: {chars:,} characters, over the limit of {longest:,} per article (max_article_chars)"


def _plausibly_dated(article: Article, bounds: tuple[dt.date, dt.date], report: IngestReport) -> Article:
    if article.date is None:
        return article
    try:
        check_date(article.date, bounds)
    except ValueError as exc:
        report.problems.append(InputProblem(article.path or article.id, f"{exc}; stored undated", skipped=False))
        return replace(article, date=None)
    return article


def with_stored_date(article: Article, store: Store) -> Article:
    """The article to extract again, with the date a user gave it if its source has none."""
    stored = store.article(article.id)
    if article.date is None and stored is not None and stored.date is not None:
        return replace(article, date=stored.date)
    return article


def _is_loader(extractor: object) -> bool:
    return callable(extractor) and not hasattr(extractor, "extract")
