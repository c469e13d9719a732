"""Candidate pairs from shared keys, without visiting all pairs or all co-occurrences in Python.

Every linking step compares only items that share a rare key (a name stem, a figure, a
place). Counting shared keys pair by pair in Python costs the sum of each key's document
frequency squared, which on a large corpus is minutes and gigabytes. Here the items and
their keys form a sparse 0/1 matrix ``X`` (keys in more than ``max_df`` items are dropped:
they say nothing about identity), and ``X @ X.T`` (computed by scipy, a block of rows at a
time so memory stays bounded) gives, for every pair sharing a key, how many keys or how much
inverse-document-frequency weight they share. Callers keep pairs sharing at least
``min_shared`` keys, or each item's ``top_k`` best-sharing partners.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse

CHUNK_ROWS = 2048


def key_matrix(keysets: Sequence[Iterable[str]], max_df: int, *,
               weighted: bool = False) -> sparse.csr_matrix:
    """Items x keys; a key in fewer than 2 or more than ``max_df`` items is left out.

    ``weighted``: cells hold the key's inverse document frequency (rarer keys count more),
    else 1.
    """
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for r, keys in enumerate(keysets):
        for k in set(keys):
            rows.append(r)
            cols.append(vocab.setdefault(k, len(vocab)))
    n = len(keysets)
    r_arr = np.asarray(rows, dtype=np.int64)
    c_arr = np.asarray(cols, dtype=np.int64)
    df = np.bincount(c_arr, minlength=len(vocab)) if len(vocab) else np.zeros(0, np.int64)
    keep = (df[c_arr] >= 2) & (df[c_arr] <= max_df) if len(c_arr) else np.zeros(0, bool)
    r_arr, c_arr = r_arr[keep], c_arr[keep]
    data = np.log((n + 1) / df[c_arr]) + 1.0 if weighted else np.ones(len(c_arr))
    return sparse.csr_matrix((data, (r_arr, c_arr)), shape=(n, max(1, len(vocab))),
                             dtype=np.float64)


def shared_key_pairs(keysets: Sequence[Iterable[str]], *, max_df: int, min_shared: int = 1,
                     top_k: int | None = None, rows: Iterable[int] | None = None,
                     groups: Sequence[int] | None = None,
                     min_containment: float = 0.0) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, as an ``(n, 2)`` int array sorted by ``i, j``.

    A pair qualifies when the two items share at least ``min_shared`` keys (each key in at
    most ``max_df`` items). With ``top_k``, only each item's ``top_k`` partners sharing the
    most inverse-document-frequency weight are kept (ties: lower index first); a pair is
    kept when either side ranks the other. ``rows``: only pairs touching these items
    (incremental runs). ``groups``: items of the same group (e.g. one document) are never
    paired. ``min_containment`` (with ``min_shared``): shared keys over the smaller item's
    number of keys (all of them, rare or not).
    """
    if top_k is not None and min_shared > 1:
        raise ValueError("rank by weight (top_k) or filter by count (min_shared), not both")
    x = key_matrix(keysets, max_df, weighted=top_k is not None)
    sizes = np.fromiter((len(set(k)) for k in keysets), dtype=np.float64, count=len(keysets))
    xt = x.T.tocsr()
    n = x.shape[0]
    todo = np.arange(n) if rows is None else np.unique(np.fromiter(rows, dtype=np.int64))
    grp = None if groups is None else np.asarray(groups, dtype=np.int64)
    found: list[np.ndarray] = []
    for s in range(0, len(todo), CHUNK_ROWS):
        idx = todo[s:s + CHUNK_ROWS]
        prod = (x[idx] @ xt).tocoo()
        r, c, v = idx[prod.row], prod.col.astype(np.int64), prod.data
        keep = r != c
        if grp is not None:
            keep &= grp[r] != grp[c]
        if top_k is None:
            keep &= v >= min_shared - 0.5
            if min_containment > 0:
                keep &= v >= min_containment * np.minimum(sizes[r], sizes[c]) - 1e-9
        r, c, v = r[keep], c[keep], v[keep]
        if top_k is not None and len(r):
            order = np.lexsort((c, -v, r))
            r, c = r[order], c[order]
            first = np.searchsorted(r, r, side="left")
            rank = np.arange(len(r)) - first
            r, c = r[rank < top_k], c[rank < top_k]
        found.append(np.stack([np.minimum(r, c), np.maximum(r, c)], axis=1))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    allp = np.concatenate(found)
    if not len(allp):
        return allp
    code = np.unique(allp[:, 0] * max(n, 1) + allp[:, 1])
    return np.stack([code // max(n, 1), code % max(n, 1)], axis=1)
