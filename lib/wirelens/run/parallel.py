"""Extraction on several processes: each worker loads the model once and returns plain records.

Workers receive articles and send back :class:`~wirelens.extraction.pipeline.Extraction` records
(dataclasses of NamedTuples), never spaCy Docs, so nothing heavy crosses the process
boundary and the parent's memory stays flat.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import types
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from itertools import islice

from wirelens.config import Settings
from wirelens.extraction.articles import Article
from wirelens.extraction.nlp import PADDED_CHARS, padded_groups
from wirelens.extraction.pipeline import Extraction, Extractor

_worker_extractor: Extractor | None = None
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _init_worker(settings: Settings) -> None:
    global _worker_extractor
    # A worker parses in its own process only: with the parent's n_process its nlp.pipe
    # would start more processes for every batch.
    _worker_extractor = Extractor.from_settings(replace(settings, n_process=1))


def _extract_batch(articles: list[Article], sections: bool = False) -> list[Extraction]:
    assert _worker_extractor is not None, "worker not initialised"
    # A worker runs for the whole corpus: each parsing batch's strings are freed after it.
    return list(extract_bounded(articles, _worker_extractor, sections=sections, zones=True))


@contextmanager
def _workers_skip_main() -> Iterator[None]:
    """Spawned workers re-run the parent's ``__main__`` file; under Streamlit (and AppTest)
    that is the app script, which must never run in a worker. Workers are started on
    submit, so submits happen with a bare ``__main__`` that has nothing to re-run."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    # One BLAS/OpenMP thread per worker: N workers with N threads each fight over N cores.
    saved = {name: os.environ.get(name) for name in _THREAD_VARS}
    os.environ.update({name: "1" for name in _THREAD_VARS})
    try:
        yield
    finally:
        sys.modules["__main__"] = main
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while batch := list(islice(it, size)):
        yield batch


def padded_batches(
    articles: Iterable[Article], size: int, *, max_chars: int = 20_000, budget: int = PADDED_CHARS
) -> Iterator[list[Article]]:
    """Consecutive articles, in order, in batches of at most ``size`` whose padded size
    (articles x longest text, a text counting at most ``max_chars``, the chunk it is parsed in)
    stays within ``budget`` (see :data:`wirelens.extraction.nlp.PADDED_CHARS`); a longer text goes alone."""
    for group in padded_groups(((a.text[:max_chars], a) for a in articles), size, budget):
        yield [article for _, article in group]


def extract_bounded(
    articles: Iterable[Article], extractor: Extractor, *, sections: bool = False, zones: bool = False
) -> Iterator[Extraction]:
    """``extractor.extract`` (``extract_sections`` with ``sections``) with each parsing batch kept within
    :data:`PADDED_CHARS`, so the peak memory of a long run does not depend on which texts share a batch;
    ``zones`` frees each parsing batch's spaCy strings after it (``Extractor.extract_sections``)."""
    settings = extractor.settings
    extract = extractor.extract_sections if sections else extractor.extract
    for batch in padded_batches(articles, settings.batch_size, max_chars=settings.chunk_chars, budget=PADDED_CHARS):
        yield from extract(batch, zones=zones)


def extract_in_processes(
    articles: Iterable[Article], settings: Settings, *, n_process: int, batch_size: int = 32, sections: bool = False
) -> Iterator[Extraction]:
    """Extractions in input order, computed by ``n_process`` worker processes.

    At most two batches per worker are in flight, so a long input is never held in memory whole.
    """
    context = multiprocessing.get_context("spawn")  # no fork of a threaded parent (Streamlit)
    with ProcessPoolExecutor(n_process, mp_context=context, initializer=_init_worker, initargs=(settings,)) as pool:
        in_flight: deque[Future[list[Extraction]]] = deque()
        for batch in batches(articles, batch_size):
            with _workers_skip_main():
                in_flight.append(pool.submit(_extract_batch, batch, sections))
            if len(in_flight) >= 2 * n_process:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()


def extract_all(
    articles: Iterable[Article], extractor: Extractor, *, release_memory: bool = False, sections: bool = False
) -> Iterator[Extraction]:
    """Extract with the extractor's settings: in worker processes when ``n_process`` > 1.

    ``release_memory`` frees the model's per-text strings after each parsing batch (a long article's
    pieces are batches of their own), which keeps a long single-process run, and a long article, flat;
    leave it off where other threads share the model.
    ``sections`` yields a long article as its sections (``Extractor.extract_sections``), for the store.
    """
    settings = extractor.settings
    if settings.n_process > 1:
        yield from extract_in_processes(articles, settings, n_process=settings.n_process, sections=sections)
    else:
        yield from extract_bounded(articles, extractor, sections=sections, zones=release_memory)
