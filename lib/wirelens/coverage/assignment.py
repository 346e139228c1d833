"""The one-to-one assignment of records to news events: as many pairs as possible, then the least total cost.

:func:`assign` splits the candidate graph into connected components and solves each on its own (the same
optimum as one assignment over everything). A component is solved densely
(:func:`scipy.optimize.linear_sum_assignment` on its cost matrix) unless that matrix would be too large
for memory, as when a country's events, or its name in the texts, tie a whole corpus into one component:
then sparsely (:func:`scipy.sparse.csgraph.min_weight_full_bipartite_matching` over its candidate pairs
only; much slower where dense fits: 12 s against 0.6 s on the synthetic bench's few-million-cell
components), with one dummy partner per record and per news event so that a full matching always exists.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components, min_weight_full_bipartite_matching

DENSE_CELLS = 10_000_000  # a component whose cost matrix has more cells (80 MB) is solved sparsely


def solve(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns of the optimal one-to-one pairs of a cost matrix (NaN: not a candidate): as many
    pairs as possible, then the least total cost (a non-candidate costs more than any full set of candidates)."""
    missing = np.isnan(matrix)
    big = (float(np.nanmax(matrix)) + 1.0) * (min(matrix.shape) + 1)
    a, b = linear_sum_assignment(np.where(missing, big, matrix))
    good = ~missing[a, b]
    return a[good], b[good]


def solve_sparse(rows: np.ndarray, cols: np.ndarray, cost: np.ndarray, n_rows: int, n_cols: int) -> np.ndarray:
    """The same optimum as :func:`solve`, from the candidate pairs (rows[i], cols[i], cost[i]) only: the
    indices i of the pairs chosen.

    Row r may stay unmatched by taking its dummy column (n_cols + r), column c by taking its dummy row
    (n_rows + c), each at a cost higher than any full set of pairs; dummy row c and dummy column r meet
    wherever (r, c) is a pair, so that the dummies of two matched partners pair up. Every weight is shifted
    by 1 (the solver drops zero weights): with the number of pairs the most possible, a constant."""
    m = len(cost)
    big = (float(cost.max()) + 2.0) * (min(n_rows, n_cols) + 1)
    r_idx = np.concatenate([rows, np.arange(n_rows), n_rows + np.arange(n_cols), n_rows + cols])
    c_idx = np.concatenate([cols, n_cols + np.arange(n_rows), np.arange(n_cols), n_cols + rows])
    weight = np.concatenate([cost + 1.0, np.full(n_rows + n_cols, big), np.ones(m)])
    graph = csr_matrix((weight, (r_idx, c_idx)), shape=(n_rows + n_cols, n_cols + n_rows))
    a, b = min_weight_full_bipartite_matching(graph)
    real = (a < n_rows) & (b < n_cols)
    pair_of = {(int(r), int(c)): i for i, (r, c) in enumerate(zip(rows, cols))}
    return np.array([pair_of[(int(r), int(c))] for r, c in zip(a[real], b[real])], dtype=np.int64)


def assign(ri: np.ndarray, ni: np.ndarray, cost: np.ndarray, n_rec: int, n_news: int) -> np.ndarray:
    """One-to-one pairs (rows of indices into ri/ni), optimal as :func:`solve` says, per connected component."""
    if len(ri) == 0:
        return np.zeros(0, dtype=np.int64)
    graph = coo_matrix((np.ones(len(ri)), (ri, n_rec + ni)), shape=(n_rec + n_news, n_rec + n_news))
    _, label = connected_components(graph, directed=False)
    comp = label[ri]
    order = np.argsort(comp, kind="stable")
    bounds = np.flatnonzero(np.diff(comp[order])) + 1
    chosen: list[np.ndarray] = []
    for block in np.split(order, bounds):
        if len(block) == 1:
            chosen.append(block)
            continue
        rows, r_pos = np.unique(ri[block], return_inverse=True)
        cols, c_pos = np.unique(ni[block], return_inverse=True)
        if len(rows) * len(cols) > DENSE_CELLS:
            chosen.append(block[solve_sparse(r_pos, c_pos, cost[block], len(rows), len(cols))])
            continue
        matrix = np.full((len(rows), len(cols)), np.nan)
        where = np.full((len(rows), len(cols)), -1, dtype=np.int64)
        matrix[r_pos, c_pos] = cost[block]
        where[r_pos, c_pos] = block
        a, b = solve(matrix)
        chosen.append(where[a, b])
    return np.concatenate(chosen)
