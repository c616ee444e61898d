"""The incremental story clusterer: articles arrive in chunks and join, start or merge stories.

For each chunk: count document frequencies, sketch and index the new articles, fetch
candidates (HNSW over sketches plus entity blocking, inside a publication-time window), update
the sparse kNN graph in both directions, then run average linkage on SNN-weighted similarities
over the *local neighbourhood* only: the new articles, their candidates and the recent members
of the candidates' stories. Existing stories start as whole clusters and are never split, so
ids stay stable; two stories that end in one cluster merge into the older id.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]

from newsprism.clustering.features import (
    DocumentFrequencies,
    Featurizer,
    Sketcher,
    SparseDoc,
    conflicts,
    publication_day,
)
from newsprism.clustering.index import AnnIndex, FeatureBlocker
from newsprism.clustering.linking import average_linkage, components, snn_weights
from newsprism.clustering.records import Assignment, ClusterOptions, Merge, StoryInput


@dataclass(slots=True)
class _Article:
    id: str
    doc: SparseDoc
    day: float
    sketch: np.ndarray
    story: int
    keys: tuple[str, ...]
    neighbours: dict[int, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ClusterUpdate:
    """What one :meth:`StoryClusterer.add` call decided.

    Attributes:
        assignments: One per new article, with the story id after this call's merges.
        merges: Stories merged in this call, older id kept.
    """

    assignments: tuple[Assignment, ...]
    merges: tuple[Merge, ...]


class StoryClusterer:
    """Groups articles into stories as they arrive.

    Args:
        options: Settings; defaults suit news in several languages.

    Example:
        >>> clusterer = StoryClusterer()
        >>> update = clusterer.add([StoryInput(id="a1", text="...")])
    """

    def __init__(self, options: ClusterOptions | None = None) -> None:
        self.options = options or ClusterOptions()
        o = self.options
        self.featurizer = Featurizer(hash_bits=o.hash_bits, entity_weight=o.entity_weight, date_weight=o.date_weight)
        self.df = DocumentFrequencies(hash_bits=o.hash_bits, max_df=o.max_df)
        self.sketcher = Sketcher(hash_bits=o.hash_bits, dim=o.sketch_dim)
        self.index = AnnIndex(o.sketch_dim)
        self.blocker = FeatureBlocker(terms=o.block_terms)
        self.articles: dict[int, _Article] = {}
        self.order: deque[int] = deque()  # slots by arrival, for eviction
        self.members: dict[int, list[int]] = {}  # story number -> live slots, oldest first
        self.merged_into: dict[int, int] = {}  # absorbed story number -> kept story number
        self.next_slot = 0
        self.next_story = 0
        self.newest_day = -math.inf

    # ---------------------------------------------------------------- public API
    def story_id(self, story: int) -> str:
        """External id of a story number (after following merges)."""
        return f"{self.options.id_prefix}{self._root(story):06d}"

    def resolve(self, story_id: str) -> str:
        """Current id of a story id handed out earlier (it may have been merged since)."""
        return self.story_id(int(story_id[len(self.options.id_prefix) :]))

    def assignments(self) -> dict[str, str]:
        """Current story id of every article still held in memory."""
        return {a.id: self.story_id(a.story) for a in self.articles.values()}

    def add(self, items: Sequence[StoryInput]) -> ClusterUpdate:
        """Cluster a chunk of new articles against everything held so far.

        Args:
            items: New articles (ids not seen before).

        Returns:
            Their assignments and any story merges.
        """
        o = self.options
        if not items:
            return ClusterUpdate((), ())
        docs = [self.featurizer.features(item) for item in items]
        for doc in docs:
            self.df.add(doc)
        new_slots = list(range(self.next_slot, self.next_slot + len(items)))
        self.next_slot += len(items)
        weights = [self.df.weigh(d) for d in docs]
        sketches = np.stack(
            [self.sketcher.sketch(d.ids, w, o.sketch_terms) for d, w in zip(docs, weights, strict=True)]
        )
        for slot, item, doc, vec in zip(new_slots, items, docs, sketches, strict=True):
            day = publication_day(item.published)
            if not math.isnan(day):
                self.newest_day = max(self.newest_day, day)
            self.articles[slot] = _Article(item.id, doc, day, vec, -1, tuple(item.entity_keys))
            self.order.append(slot)
        # Index first so articles of the same chunk find each other.
        self.index.add(np.asarray(new_slots), sketches)
        for slot, doc, w in zip(new_slots, docs, weights, strict=True):
            self.blocker.add(slot, doc.ids, w)
        found = self.index.search(sketches, o.candidates + 1)
        candidate_lists = []
        for slot, doc, w, hits in zip(new_slots, docs, weights, found, strict=True):
            extra = self.blocker.candidates(doc.ids, w, o.block_candidates, self.index.live)
            # Neighbours of the nearest hits are likely neighbours too (as in NN-descent); this
            # recovers candidates the coarse sketch ranks too low.
            hops = [n for h in hits[: o.expand] for n in self.articles[h].neighbours if n in self.articles]
            candidate_lists.append([s for s in dict.fromkeys([*hits, *extra, *hops]) if s != slot])
        self._update_graph(new_slots, candidate_lists)
        merges = self._link(new_slots, candidate_lists)
        update = ClusterUpdate(
            tuple(Assignment(self.articles[s].id, self.story_id(self.articles[s].story)) for s in new_slots),
            tuple(merges),
        )
        self._evict()
        return update

    # ---------------------------------------------------------------- internals
    def _root(self, story: int) -> int:
        while story in self.merged_into:
            story = self.merged_into[story]
        return story

    def _matrix(self, slots: Sequence[int]) -> sp.csr_matrix:
        """TF-IDF rows of the given articles under the current document frequencies."""
        docs = [self.articles[s].doc for s in slots]
        indptr = np.zeros(len(docs) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum([len(d.ids) for d in docs])
        data = np.concatenate([self.df.weigh(d) for d in docs]) if docs else np.zeros(0, np.float32)
        ids = np.concatenate([d.ids for d in docs]) if docs else np.zeros(0, np.int32)
        return sp.csr_matrix((data, ids, indptr), shape=(len(docs), 1 << self.options.hash_bits))

    def _similarity(self, rows: Sequence[int], cols: Sequence[int]) -> np.ndarray:
        """Cosine similarities, zeroed for dated pairs further apart than the time window."""
        sim = (self._matrix(rows) @ self._matrix(cols).T).toarray().astype(np.float32)
        day_r = np.array([self.articles[s].day for s in rows])
        day_c = np.array([self.articles[s].day for s in cols])
        with np.errstate(invalid="ignore"):
            far = np.abs(day_r[:, None] - day_c[None, :]) > self.options.window_days
        sim[far] = 0.0  # NaN comparisons are False: undated articles are never blocked
        marks_r = [self.articles[s].doc.marks for s in rows]
        marks_c = [self.articles[s].doc.marks for s in cols]
        for i, a in enumerate(marks_r):
            if a:
                for j, b in enumerate(marks_c):
                    if b and sim[i, j] > 0 and conflicts(a, b):
                        sim[i, j] *= self.options.conflict_factor
        return sim

    def _update_graph(self, new_slots: list[int], candidate_lists: list[list[int]]) -> None:
        """Top-k neighbour lists of new articles; new articles enter older articles' lists."""
        k = self.options.k
        for slot, cands in zip(new_slots, candidate_lists, strict=True):
            if not cands:
                continue
            sims = self._similarity([slot], cands)[0]
            for other, s in zip(cands, sims, strict=True):
                if s <= 0:
                    continue
                for a, b in ((slot, other), (other, slot)):
                    lst = self.articles[a].neighbours
                    if b in lst or len(lst) < k:
                        lst[b] = float(s)
                    else:
                        worst = min(lst, key=lst.__getitem__)
                        if s > lst[worst]:
                            del lst[worst]
                            lst[b] = float(s)

    def _link(self, new_slots: list[int], candidate_lists: list[list[int]]) -> list[Merge]:
        """Average linkage over the neighbourhood of the new articles; returns merges."""
        o = self.options
        local = dict.fromkeys(new_slots)
        stories = set()
        for cands in candidate_lists:
            for c in cands:
                local[c] = None
                if self.articles[c].story >= 0:
                    stories.add(self._root(self.articles[c].story))
        for story in stories:
            for m in self.members.get(story, [])[-o.max_story_members :]:
                local[m] = None
        slots = list(local)
        sim = self._similarity(slots, slots)
        np.fill_diagonal(sim, 0.0)
        sim *= snn_weights([self.articles[s].neighbours.keys() for s in slots], slots, o.k, o.snn_floor)
        labels = np.array([self._root(self.articles[s].story) if self.articles[s].story >= 0 else -1 for s in slots])
        merges: list[Merge] = []
        edges = np.argwhere(np.triu(sim >= o.threshold, 1))
        for part in components(len(slots), edges):
            final = average_linkage(sim[np.ix_(part, part)], labels[part], o.threshold)
            for cluster in np.unique(final):
                idx = part[final == cluster]
                old = sorted({int(labels[i]) for i in idx if labels[i] >= 0})
                if old:
                    kept = old[0]
                else:
                    kept = self.next_story
                    self.next_story += 1
                    self.members[kept] = []
                for absorbed in old[1:]:
                    merges.append(Merge(self.story_id(kept), self.story_id(absorbed)))
                    self.merged_into[absorbed] = kept
                    self.members.setdefault(kept, []).extend(self.members.pop(absorbed, []))
                    self.members[kept].sort()
                for i in idx:
                    if labels[i] < 0:
                        self.articles[slots[i]].story = kept
                        self.members.setdefault(kept, []).append(slots[i])
        return merges

    def _evict(self) -> None:
        """Drop articles beyond the retention window or the memory cap (oldest first)."""
        o = self.options
        horizon = self.newest_day - o.retention_days
        gone = []
        while self.order:
            slot = self.order[0]
            art = self.articles[slot]
            too_many = len(self.articles) > o.max_active
            if not too_many and not art.day < horizon:
                break
            self.order.popleft()
            del self.articles[slot]
            gone.append(slot)
            story = self._root(art.story)
            if story in self.members:
                self.members[story] = [m for m in self.members[story] if m != slot]
                if not self.members[story]:
                    del self.members[story]
        if gone:
            # Neighbour lists may keep evicted slots: they still count as shared neighbours, and
            # pruning every list on each eviction would cost O(active articles).
            self.index.remove(gone)
        if self.index.needs_compaction():
            live = np.array(sorted(self.articles), dtype=np.int64)
            self.index.rebuild(live, np.stack([self.articles[s].sketch for s in live]))
            self.blocker.prune(self.index.live)

    # ---------------------------------------------------------------- persistence
    def state_dict(self) -> dict[str, object]:
        """Everything needed to resume, as numpy arrays and JSON-able values.

        Returns:
            A dict for :meth:`from_state`; arrays under ``"arrays"``, the rest JSON-able.
        """
        slots = list(self.order)
        arts = [self.articles[s] for s in slots]
        lengths = np.array([len(a.doc.ids) for a in arts], dtype=np.int64)
        arrays = {
            "slots": np.array(slots, dtype=np.int64),
            "days": np.array([a.day for a in arts], dtype=np.float64),
            "stories": np.array([a.story for a in arts], dtype=np.int64),
            "doc_lengths": lengths,
            "doc_ids": np.concatenate([a.doc.ids for a in arts]) if arts else np.zeros(0, np.int32),
            "doc_tf": np.concatenate([a.doc.tf for a in arts]) if arts else np.zeros(0, np.float32),
            "sketches": np.stack([a.sketch for a in arts]) if arts else np.zeros((0, self.options.sketch_dim)),
            **{f"df_{k}": v for k, v in self.df.state_dict().items() if k != "n_docs"},
        }
        return {
            "arrays": arrays,
            "options": asdict(self.options),
            "ids": [a.id for a in arts],
            "keys": [list(a.keys) for a in arts],
            "neighbours": [[[int(s), float(v)] for s, v in a.neighbours.items()] for a in arts],
            "merged_into": {str(k): v for k, v in self.merged_into.items()},
            "blocker": self.blocker.state_dict(),
            "n_docs": self.df.n_docs,
            "next_slot": self.next_slot,
            "next_story": self.next_story,
            "newest_day": self.newest_day if math.isfinite(self.newest_day) else None,
        }

    @classmethod
    def from_state(cls, state: dict[str, object]) -> StoryClusterer:
        """Rebuild a clusterer from :meth:`state_dict` output.

        Args:
            state: The saved state.

        Returns:
            A clusterer that makes the same decisions as the one saved.
        """
        arrays: dict[str, np.ndarray] = state["arrays"]  # type: ignore[assignment]
        self = cls(ClusterOptions(**state["options"]))  # type: ignore[arg-type]
        self.df.load_state({"n_docs": state["n_docs"], "ids": arrays["df_ids"], "counts": arrays["df_counts"]})
        offsets = np.concatenate([[0], np.cumsum(arrays["doc_lengths"])])
        ids: list[str] = state["ids"]  # type: ignore[assignment]
        keys: list[list[str]] = state["keys"]  # type: ignore[assignment]
        neighbours: list[list[list[float]]] = state["neighbours"]  # type: ignore[assignment]
        for i, slot in enumerate(arrays["slots"].tolist()):
            doc = SparseDoc(
                arrays["doc_ids"][offsets[i] : offsets[i + 1]], arrays["doc_tf"][offsets[i] : offsets[i + 1]]
            )
            art = _Article(
                ids[i], doc, float(arrays["days"][i]), arrays["sketches"][i], int(arrays["stories"][i]), tuple(keys[i])
            )
            art.neighbours = {int(s): float(v) for s, v in neighbours[i]}
            self.articles[slot] = art
            self.order.append(slot)
        self.merged_into = {int(k): int(v) for k, v in state["merged_into"].items()}  # type: ignore[attr-defined]
        for slot, art in self.articles.items():
            self.members.setdefault(self._root(art.story), []).append(slot)
        self.index.add(arrays["slots"], arrays["sketches"])
        self.blocker.load_state(state["blocker"])  # type: ignore[arg-type]
        self.next_slot = int(state["next_slot"])  # type: ignore[call-overload]
        self.next_story = int(state["next_story"])  # type: ignore[call-overload]
        newest = state["newest_day"]
        self.newest_day = float(newest) if newest is not None else -math.inf  # type: ignore[arg-type]
        return self


def iter_chunks(items: Sequence[StoryInput], size: int) -> Iterable[Sequence[StoryInput]]:
    """Consecutive chunks of ``size`` items (the last may be shorter)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
