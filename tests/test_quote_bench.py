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


# "Mr. Pruzan said the founders insisted that it was theirs."
_NESTED = "Mr. Pruzan said the founders insisted that it was theirs."


def _gold(bench, start, end, cue, source):
    s, e = source
    return bench.Gold(start, end, ((start, end),), (source,), _NESTED[s:e], False, False, cue)


def _pred(bench, start, end, cue, speaker, at):
    return bench.Pred(start, end, "indirect", speaker, at[0], at[1], cue)


def test_a_report_inside_another_pairs_with_its_own_cue(bench):
    outer = _gold(bench, 16, 57, "said", (4, 10))  # the founders insisted that it was theirs
    inner = _gold(bench, 38, 57, "insisted", (16, 28))  # that it was theirs
    p_outer = _pred(bench, 16, 57, "said", "Pruzan", (4, 10))
    p_inner = _pred(bench, 38, 57, "insisted", "founders", (20, 28))
    # both scored, each against the gold of its cue: both speakers right
    all_score, _, right, with_source, _ = bench.score([p_outer, p_inner], [outer, inner], _NESTED)
    assert (all_score.tp, all_score.fp, all_score.fn) == (2, 0, 0) and (right, with_source) == (2, 2)
    # only the inner report predicted: it is the inner gold's, and the outer gold is missed
    all_score, _, right, with_source, _ = bench.score([p_inner], [outer, inner], _NESTED)
    assert (all_score.tp, all_score.fn, right, with_source) == (1, 1, 1, 1)
    # a cue neither gold has pairs by overlap: the inner gold's, and its wrong speaker counts
    wrong = _pred(bench, 38, 57, "added", "Pruzan", (4, 10))
    assert bench.score([wrong], [outer, inner], _NESTED)[2:4] == (0, 1)


def test_a_partial_quote_in_its_own_cues_clause_is_one_attribution(bench):
    text = 'He said the deals were handed out "like candy."'
    gold = [bench.Gold(8, 46, ((8, 46),), ((0, 2),), "He", False, False, "said")]
    clause = bench.Pred(8, 46, "indirect", "he", 0, 2, "said")
    partial = bench.Pred(34, 46, "partial", "he", 0, 2, "said")
    other_cue = bench.Pred(34, 46, "partial", "he", 0, 2, "called")
    assert bench.outermost([clause, partial]) == [clause]
    assert bench.outermost([clause, other_cue]) == [clause, other_cue]
    assert bench.score([clause, partial], gold, text)[0] == bench.Score(1, 0, 0)
