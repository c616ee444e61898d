"""Candidate search: an HNSW index over dense sketches plus blocking by heavy features
(rare words, entity keys, dates).

Both structures are bounded: the index drops evicted articles (tombstones, compacted when
they outnumber live ones) and each posting list keeps only its most recent articles, so
a common feature costs no more than a rare one.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

import faiss
import numpy as np


class AnnIndex:
    """Approximate inner-product search over unit sketches, keyed by integer slots.

    Args:
        dim: Sketch dimension.
        m: HNSW graph degree.
        ef_search: HNSW search breadth (recall against speed).
    """

    def __init__(self, dim: int, *, m: int = 16, ef_search: int = 48) -> None:
        self.dim = dim
        self.m = m
        self.ef_search = ef_search
        self.live: set[int] = set()
        self.dead = 0
        self._index = self._new()

    def _new(self) -> faiss.IndexIDMap:
        hnsw = faiss.IndexHNSWFlat(self.dim, self.m, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = 40
        hnsw.hnsw.efSearch = self.ef_search
        return faiss.IndexIDMap(hnsw)

    def __len__(self) -> int:
        return len(self.live)

    def add(self, slots: np.ndarray, vectors: np.ndarray) -> None:
        """Add sketches under their slots."""
        if len(slots):
            self._index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), slots.astype(np.int64))
            self.live.update(int(s) for s in slots)

    def remove(self, slots: Iterable[int]) -> None:
        """Forget slots (lazily: results are filtered until the next :meth:`compact`)."""
        for slot in slots:
            if slot in self.live:
                self.live.discard(slot)
                self.dead += 1

    def needs_compaction(self) -> bool:
        """True when tombstones outnumber live entries (rebuild is then amortised O(1) per add)."""
        return self.dead > max(len(self.live), 1024)

    def rebuild(self, slots: np.ndarray, vectors: np.ndarray) -> None:
        """Replace the index by one holding exactly these entries."""
        self._index = self._new()
        self.live = set()
        self.dead = 0
        self.add(slots, vectors)

    def search(self, vectors: np.ndarray, k: int) -> list[list[int]]:
        """Up to ``k`` live slots per query, nearest first."""
        if not self.live or not len(vectors):
            return [[] for _ in range(len(vectors))]
        # Ask for extra hits to make up for tombstones still in the graph.
        extra = min(k + int(k * self.dead / max(len(self.live), 1)) + 1, len(self.live) + self.dead)
        _, found = self._index.search(np.ascontiguousarray(vectors, dtype=np.float32), extra)
        return [[int(s) for s in row if s >= 0 and int(s) in self.live][:k] for row in found]


class FeatureBlocker:
    """Inverted index from heavy features to recent articles: sparse candidate search.

    Each article is posted under its ``terms`` heaviest TF-IDF features (rare words, names,
    entity keys, dates); a query scores the articles posted under its own heavy features by
    the summed query weights. Posting lists keep only their most recent ``per_feature``
    articles, so one query costs at most ``terms * per_feature`` steps however large the store.

    Args:
        terms: Heavy features posted and queried per article.
        per_feature: Most recent articles kept per feature.
    """

    def __init__(self, *, terms: int = 32, per_feature: int = 128) -> None:
        self.terms = terms
        self.per_feature = per_feature
        self.postings: dict[int, deque[int]] = {}

    def heavy(self, ids: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The ``terms`` heaviest features and their weights."""
        if len(ids) > self.terms:
            keep = np.argpartition(weights, -self.terms)[-self.terms :]
            ids, weights = ids[keep], weights[keep]
        nonzero = weights > 0
        return ids[nonzero], weights[nonzero]

    def add(self, slot: int, ids: np.ndarray, weights: np.ndarray) -> None:
        """Post one article under its heavy features."""
        for feature in self.heavy(ids, weights)[0].tolist():
            self.postings.setdefault(feature, deque(maxlen=self.per_feature)).append(slot)

    def candidates(self, ids: np.ndarray, weights: np.ndarray, limit: int, live: set[int]) -> list[int]:
        """Live articles sharing the most weight of heavy features with the query.

        Args:
            ids: Query feature ids.
            weights: Their (TF-IDF) weights.
            limit: Most candidates returned.
            live: Slots still in memory.

        Returns:
            Slots, best first.
        """
        score: dict[int, float] = {}
        for feature, weight in zip(*(a.tolist() for a in self.heavy(ids, weights)), strict=True):
            for slot in self.postings.get(feature, ()):
                score[slot] = score.get(slot, 0.0) + weight
        best = sorted(score, key=score.__getitem__, reverse=True)
        return [slot for slot in best if slot in live][:limit]

    def prune(self, live: set[int]) -> None:
        """Drop evicted slots and empty features (called on compaction)."""
        for feature in list(self.postings):
            kept = deque((s for s in self.postings[feature] if s in live), maxlen=self.per_feature)
            if kept:
                self.postings[feature] = kept
            else:
                del self.postings[feature]

    def state_dict(self) -> dict[str, list[int]]:
        """Postings as JSON-able lists (feature ids as strings)."""
        return {str(feature): list(slots) for feature, slots in self.postings.items()}

    def load_state(self, state: dict[str, list[int]]) -> None:
        """Restore postings from :meth:`state_dict` output."""
        self.postings = {int(f): deque(slots, maxlen=self.per_feature) for f, slots in state.items()}
