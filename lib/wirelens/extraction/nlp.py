"""Loading the spaCy model and parsing texts of any length. The only place a model is loaded."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from wirelens.config import OFFICIAL_SM, PYPI_SM

# The sm pipeline's "senter" duplicates the parser's sentence boundaries; every other
# component feeds the actor rules (ner, parser for sentences and metonymy, tagger and
# lemmatizer for verb lemmas).
EXCLUDED_COMPONENTS = ("senter",)

T = TypeVar("T")

_lock = threading.Lock()
_models: dict[str, Language] = {}


def resolve_model_name(name: str | None) -> str:
    """The configured model, else the official sm package when installed, else its PyPI copy."""
    if name:
        return name
    return OFFICIAL_SM if spacy.util.is_package(OFFICIAL_SM) else PYPI_SM


def load_model(name: str | None = None) -> Language:
    """The named pipeline, loaded once per process and shared; callers must not modify it."""
    resolved = resolve_model_name(name)
    with _lock:
        if resolved not in _models:
            try:
                _models[resolved] = spacy.load(resolved, exclude=list(EXCLUDED_COMPONENTS))
            except OSError as exc:
                raise RuntimeError(
                    f"spaCy model {resolved!r} is not installed; install it with pip "
                    f"(e.g. pip install {resolved.replace('_', '-')}) or set WIRELENS_MODEL"
                ) from exc
    return _models[resolved]


def chunk_bounds(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Split ``text`` into pieces of at most ``max_chars``, preferring paragraph, then sentence, then word ends."""
    if max_chars <= 0:
        raise ValueError("max_chars must be positive")
    bounds = []
    start = 0
    while len(text) - start > max_chars:
        window = text[start : start + max_chars]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            pos = window.rfind(sep)
            if pos > max_chars // 4:
                cut = pos + len(sep)
                break
        end = start + (cut if cut > 0 else max_chars)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


# What one parsing batch may cost, in characters once padded: spaCy's parser and tagger work on a
# batch padded to its longest text, so their short-lived memory grows with (texts in the batch) x
# (longest text). 16 texts of 3,000 characters (a typical news article) still go in one batch; the
# pieces of one long text go one at a time (:func:`split_texts_alone`), so its peak stays near a short one's.
PADDED_CHARS = 16 * 3_000


def parse_texts(
    nlp: Language,
    texts: Iterable[str],
    *,
    max_chars: int = 20_000,
    batch_size: int = 16,
    n_process: int = 1,
    budget: int = PADDED_CHARS,
    zones: bool = False,
) -> Iterator[tuple[int, int, Doc]]:
    """Parse texts in chunks; yields (text index, chunk offset, doc) in text order.

    Long texts are never rejected: pieces of at most ``max_chars`` (and never more than
    the model's ``max_length``) are parsed separately and their offsets reported, in batches of at
    most ``batch_size`` pieces whose padded size stays within ``budget`` characters.
    With ``zones`` each batch is parsed in a memory zone of its own (see :func:`batch_zone`): a
    yielded doc is valid only until the next one is asked for, so callers copy out what they keep.
    """
    limit = min(max_chars, nlp.max_length)

    def pieces() -> Iterator[tuple[str, tuple[int, int], bool]]:
        for index, text in enumerate(texts):
            bounds = chunk_bounds(text, limit)
            for start, end in bounds:
                yield text[start:end], (index, start), len(bounds) > 1

    if n_process > 1:  # worker processes batch for themselves; one pipe keeps them alive
        groups: Iterable[list[tuple[str, tuple[int, int]]]] = [[(p, key) for p, key, _ in pieces()]]
    else:
        groups = split_texts_alone(pieces(), batch_size, budget)
    for group in groups:
        with batch_zone(nlp, zones):
            for doc, (index, start) in nlp.pipe(group, as_tuples=True, batch_size=batch_size, n_process=n_process):
                yield index, start, doc
                del doc  # nothing of the zone outlives it here; the caller drops its reference too


def batch_zone(nlp: Language, zones: bool) -> AbstractContextManager[object]:
    """spaCy's memory zone for one parsing batch (when ``zones``), else nothing.

    The strings and lexemes of a zone's texts are freed when it closes. One zone per batch, not per
    article or per run: a 10 MB article's vocabulary grew 2,000-3,000 lexemes per 200,000-character
    section inside one zone. A batch is a whole ``nlp.pipe`` call, so no doc of a later batch is
    pre-parsed inside an earlier one's zone. Zones must not nest: callers open none around this.
    """
    return nlp.memory_zone() if zones else nullcontext()


def split_texts_alone(
    pieces: Iterable[tuple[str, T, bool]], size: int, budget: int = PADDED_CHARS
) -> Iterator[list[tuple[str, T]]]:
    """:func:`padded_groups` of the pieces, in order, except that each piece of a text that was split
    (the third item) is a group of its own: a long text's pieces are all near the chunk size, and
    one such piece at a time halves the parser's short-lived memory (two made the peak of a long
    article's parse), at no cost to the short texts that fill the other batches."""
    for split, run in itertools.groupby(pieces, key=lambda piece: piece[2]):
        if split:
            yield from ([(text, key)] for text, key, _ in run)
        else:
            yield from padded_groups(((text, key) for text, key, _ in run), size, budget)


def padded_groups(
    pieces: Iterable[tuple[str, T]], size: int, budget: int = PADDED_CHARS
) -> Iterator[list[tuple[str, T]]]:
    """Consecutive pieces, in order, in groups of at most ``size`` whose padded size (pieces x longest)
    stays within ``budget``; a piece longer than the budget goes alone."""
    group: list[tuple[str, T]] = []
    longest = 0
    for piece in pieces:
        length = len(piece[0])
        if group and (len(group) >= size or (len(group) + 1) * max(longest, length) > budget):
            yield group
            group, longest = [], 0
        group.append(piece)
        longest = max(longest, length)
    if group:
        yield group
