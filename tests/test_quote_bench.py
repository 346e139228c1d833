"""The quotes benchmark's scorer (bench/quotes.py): which gold attributions count as direct quotes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCH))  # the script imports its sibling benchmarks_md
    try:
        spec = importlib.util.spec_from_file_location("bench_quotes", BENCH / "quotes.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win" today.', ['"we will win"']),
        ("He said “we will win” today.", ["“we will win”"]),
        # A curly opening closed by a straight mark is one passage, not the text up to the next one.
        (
            '“Deals are bad," Chaffetz said, adding they were handed out "like candy."',
            ['“Deals are bad,"', '"like candy."'],
        ),
        # A paragraph left open is quoted to its end; the next paragraph starts afresh.
        ('"First paragraph of a long quote.\nNot quoted here.', ['"First paragraph of a long quote.']),
        ("5'11\" tall and no quote", []),  # a closing mark with nothing open
        ("No quotes at all.", []),
    ],
)
def test_quoted_spans(bench, text, expected):
    assert [text[s:e] for s, e in bench.quoted_spans(text)] == expected


@pytest.mark.parametrize(
    ("text", "fragments", "direct"),
    [
        (
            '"These are strange days," said Peter Morgan, a lawyer for the miners. "It was destined to fail."',
            ((1, 25), (71, 94)),
            True,
        ),  # the attribution between the two halves is not Content
        ('He said the deals were handed out "like candy."', ((8, 46),), False),
        ('He called the ruling a "huge win for Ohio voters."', ((10, 50),), True),
    ],
)
def test_direct_gold_is_mostly_quoted_content(bench, text, fragments, direct):
    assert bench._mostly_quoted(text, fragments, bench.quoted_spans(text)) is direct
