"""The assignment of records to news events (issue 21): dense and sparse solving find the same optimum."""

from __future__ import annotations

import numpy as np
import pytest

from wirelens.coverage import assignment
from wirelens.coverage.assignment import assign, solve, solve_sparse


def _pairs(seed: int, n_rows: int, n_cols: int, density: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    keep = rng.random((n_rows, n_cols)) < density
    rows, cols = np.nonzero(keep)
    # Whole-number costs with zeros among them: ties and zero weights are the hard cases for a sparse solver.
    return rows, cols, rng.integers(0, 4, len(rows)).astype(float)


@pytest.mark.parametrize(
    ("seed", "n_rows", "n_cols", "density"), [(1, 30, 40, 0.05), (2, 50, 20, 0.1), (3, 60, 60, 0.02)]
)
def test_sparse_solving_finds_as_many_pairs_and_the_same_least_cost_as_dense(seed, n_rows, n_cols, density):
    rows, cols, cost = _pairs(seed, n_rows, n_cols, density)
    matrix = np.full((n_rows, n_cols), np.nan)
    matrix[rows, cols] = cost
    a, b = solve(matrix)
    chosen = solve_sparse(rows, cols, cost, n_rows, n_cols)
    assert len(chosen) == len(a) > 5
    assert cost[chosen].sum() == pytest.approx(matrix[a, b].sum())
    assert len(set(rows[chosen])) == len(set(cols[chosen])) == len(chosen)  # one to one


def test_a_large_component_is_solved_sparsely_to_the_same_optimum(monkeypatch):
    rows, cols, cost = _pairs(4, 80, 90, 0.04)
    dense = assign(rows, cols, cost, 80, 90)
    monkeypatch.setattr(assignment, "DENSE_CELLS", 0)
    sparse = assign(rows, cols, cost, 80, 90)
    assert len(sparse) == len(dense) > 20
    assert cost[sparse].sum() == pytest.approx(cost[dense].sum())
