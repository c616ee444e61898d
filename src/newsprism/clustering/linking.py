"""Linking decisions: shared-nearest-neighbour re-weighting and average linkage.

Raw TF-IDF similarity cannot tell two earthquakes apart: both articles say "earthquake",
"magnitude", "killed". Their *neighbourhoods* differ, though: articles about the same quake
share neighbours, articles about the other quake have their own. Scaling each similarity by
the overlap of the two articles' top-k neighbour lists (Jarvis-Patrick) keeps same-event links
and weakens same-topic ones; average linkage then cuts at one threshold.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np


def snn_weights(neighbours: Sequence[Iterable[int]], ids: Sequence[int], k: int, floor: float = 0.0) -> np.ndarray:
    """Factor per pair from the overlap of neighbour lists.

    Args:
        neighbours: For each of ``n`` local items, the global ids of its nearest neighbours
            (itself excluded); neighbours outside the local set count too.
        ids: The global id of each local item (an item counts as its own neighbour, so two
            mutual neighbours with nothing else in common still score).
        k: Nominal list length; overlaps are measured against ``k + 1``.
        floor: Factor for pairs with no overlap at all.

    Returns:
        ``(n, n)`` float32 matrix of factors in ``[floor, 1]``.
    """
    column: dict[int, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, (own, row) in enumerate(zip(ids, neighbours, strict=True)):
        for j in (own, *row):
            rows.append(i)
            cols.append(column.setdefault(int(j), len(column)))
    member = np.zeros((len(ids), max(len(column), 1)), dtype=np.float32)
    member[rows, cols] = 1.0
    shared = member @ member.T
    factor = np.minimum(shared / float(k + 1), 1.0)
    return floor + (1.0 - floor) * factor


def average_linkage(sim: np.ndarray, labels: np.ndarray, threshold: float) -> np.ndarray:
    """Agglomerate clusters by average similarity, starting from a given partition.

    Existing clusters are never split, only merged, which keeps story ids stable when this
    runs on the neighbourhood of newly arrived articles.

    Args:
        sim: ``(n, n)`` symmetric similarity matrix (missing pairs as 0).
        labels: ``(n,)`` initial cluster label per item; -1 for a singleton.
        threshold: Stop when no two clusters have average similarity at or above it.

    Returns:
        ``(n,)`` array of final cluster indices ``0..c-1``.
    """
    n = sim.shape[0]
    init = np.asarray(labels).copy()
    singles = init < 0
    init[singles] = init.max(initial=-1) + 1 + np.arange(int(singles.sum()))
    _, cluster = np.unique(init, return_inverse=True)
    c = int(cluster.max()) + 1 if n else 0
    if c <= 1:
        return cluster
    member = np.zeros((n, c), dtype=np.float64)
    member[np.arange(n), cluster] = 1.0
    total = member.T @ sim.astype(np.float64) @ member
    size = member.sum(axis=0)
    alive = np.ones(c, dtype=bool)
    avg = total / np.outer(size, size)
    np.fill_diagonal(avg, -np.inf)
    parent = np.arange(c)
    while True:
        flat = int(np.argmax(avg))
        a, b = divmod(flat, c)
        if avg[a, b] < threshold:
            break
        # Merge b into a: sums add, sizes add, averages of row a are recomputed.
        total[a, :] += total[b, :]
        total[:, a] += total[:, b]
        size[a] += size[b]
        alive[b] = False
        parent[b] = a
        row = total[a, :] / (size[a] * size)
        row[~alive] = -np.inf
        row[a] = -np.inf
        avg[a, :] = row
        avg[:, a] = row
        avg[b, :] = -np.inf
        avg[:, b] = -np.inf
    # Resolve chains of merges to their final cluster.
    for i in range(c):
        root = i
        while parent[root] != root:
            root = parent[root]
        parent[i] = root
    _, final = np.unique(parent[cluster], return_inverse=True)
    return final


def components(n: int, pairs: np.ndarray) -> list[np.ndarray]:
    """Connected components of an undirected graph.

    Average linkage with missing similarities as 0 can only merge clusters joined by at least
    one edge above the threshold, so the problem splits into these components.

    Args:
        n: Number of nodes.
        pairs: ``(m, 2)`` array of edges.

    Returns:
        Node index arrays, one per component.
    """
    parent = np.arange(n)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = int(parent[x])
        return x

    for a, b in pairs:
        ra, rb = find(int(a)), find(int(b))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = np.array([find(i) for i in range(n)], dtype=np.int64)
    order = np.argsort(roots, kind="stable")
    split = np.flatnonzero(np.diff(roots[order])) + 1
    return np.split(order, split)
