"""Stories: keeping every stored article in exactly one story as articles arrive.

:class:`StoryTracker` joins the clustering stage to a store: it restores the clusterer's saved
state, clusters new articles, records assignments and merges, and saves the state again. It
sits above the stages (like :mod:`newsprism.pipeline`), so the clustering package itself knows
nothing of storage.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.clustering import ClusterOptions, StoryClusterer, StoryInput
from newsprism.clustering.evaluation import bcubed
from newsprism.clustering.persist import dump_state, load_state
from newsprism.models import AnalyzedArticle, Article
from newsprism.store.base import Store
from newsprism.store.sqlite_stories import ClusterInput

log = logging.getLogger(__name__)

# Articles per clusterer call when catching up or rebuilding: the size ingest uses.
REPLAY_CHUNK = 64


@dataclass(frozen=True, slots=True)
class ReclusterReport:
    """How a batch recluster changed the stories.

    ``agreement`` is the B-cubed F1 of the new grouping against the previous one (1.0: the same).
    """

    articles: int
    stories_before: int
    stories_after: int
    agreement: float


def story_input(article: Article, analysis: AnalyzedArticle | None = None) -> StoryInput:
    """The clusterer's view of an article (entity keys from its analysis, when there is one)."""
    keys = tuple(sorted({e.key for e in analysis.entities})) if analysis else ()
    return StoryInput(article.id, article.text, article.title, article.published, article.language, keys)


def _from_stored(item: ClusterInput) -> StoryInput:
    return StoryInput(item.id, item.text, item.title, item.published, item.language, item.entity_keys)


class StoryTracker:
    """Assigns stored articles to stories incrementally; owns the clusterer for one store.

    Args:
        store: The store whose articles are clustered.
        options: Clustering settings (used when no state is saved yet).
    """

    def __init__(self, store: Store, options: ClusterOptions | None = None, *, restore: bool = True) -> None:
        self.store = store
        self.options = options or ClusterOptions()
        self.consistent = True
        self._aliases: dict[str, str] = store.story_aliases() if restore else {}
        if not restore:
            self.clusterer = StoryClusterer(self.options)
            self._seen = 0
            return
        saved = store.load_cluster_state()
        if saved is not None and saved[0] == store.clustered_count():
            self.clusterer = StoryClusterer.from_state(load_state(saved[1], saved[2]))
            self._seen = saved[0]
        else:
            if saved is not None:
                log.warning("story state is behind the store (an interrupted ingest?); rebuilding it")
            self.clusterer = StoryClusterer(self.options)
            self._seen = 0
            self._rebuild()

    def _public(self, internal: str) -> str:
        return self._aliases.get(internal, internal)

    def _rebuild(self) -> None:
        """Replay every stored article through a fresh clusterer, keeping stored story ids."""
        previous = {row.article_id: row.story_id for row in self.store.story_rows()}
        if not previous:
            return
        inputs = [_from_stored(i) for i in self.store.cluster_inputs() if i.id in previous]
        assignments: list[tuple[str, str]] = []
        for start in range(0, len(inputs), REPLAY_CHUNK):
            update = self.clusterer.add(inputs[start : start + REPLAY_CHUNK])
            assignments += [(a.article_id, a.story_id) for a in update.assignments]
        self._adopt(assignments, previous)
        self._seen = len(inputs)
        self.save()

    def _adopt(self, assignments: list[tuple[str, str]], previous: dict[str, str]) -> None:
        """Map the clusterer's story ids onto stored ids: each new story takes the stored id most
        of its articles had (older ids win ties), so a rebuild changes as few ids as possible."""
        members: dict[str, list[str]] = defaultdict(list)
        for article_id, internal in assignments:
            members[self.clusterer.resolve(internal)].append(article_id)
        taken: set[str] = set()
        aliases: dict[str, str] = {}
        for internal, ids in sorted(members.items(), key=lambda item: -len(item[1])):
            votes = Counter(previous[i] for i in ids if i in previous)
            choice = next((s for s, _ in sorted(votes.items(), key=lambda v: (-v[1], v[0])) if s not in taken), None)
            public = choice or self._fresh_id(taken | set(previous.values()))
            taken.add(public)
            aliases[internal] = public
        self._aliases = aliases
        rows = [(a, aliases[self.clusterer.resolve(s)]) for a, s in assignments]
        self.store.replace_stories(rows, {k: v for k, v in aliases.items() if k != v})

    def _fresh_id(self, used: set[str]) -> str:
        number = self.clusterer.next_story
        while f"{self.options.id_prefix}{number:06d}" in used:
            number += 1
        self.clusterer.next_story = number + 1
        return f"{self.options.id_prefix}{number:06d}"

    def add(self, items: Sequence[StoryInput]) -> list[tuple[str, str]]:
        """Cluster new stored articles and record their stories (and any merges).

        Returns:
            ``(article_id, story_id)`` for each item, with public story ids.
        """
        if not items:
            return []
        # Between the clusterer's decision and its record in the store, the saved state would
        # not match the store: an interruption there must not save it.
        self.consistent = False
        update = self.clusterer.add(items)
        assignments = [(a.article_id, self._public(self.clusterer.resolve(a.story_id))) for a in update.assignments]
        merges = [(self._public(m.kept), self._public(m.absorbed)) for m in update.merges]
        self.store.record_stories(assignments, merges)
        self._seen += len(items)
        self.consistent = True
        return assignments

    def catch_up(self) -> int:
        """Cluster stored articles that have no story yet; returns how many."""
        missing = self.store.unclustered_ids()
        for start in range(0, len(missing), REPLAY_CHUNK):
            inputs = self.store.cluster_inputs(missing[start : start + REPLAY_CHUNK])
            self.add([_from_stored(i) for i in inputs])
        return len(missing)

    def save(self) -> None:
        """Save the clusterer's state so the next ingest continues from here."""
        meta, arrays = dump_state(self.clusterer.state_dict())
        self.store.save_cluster_state(self._seen, meta, arrays)


def recluster_store(store: Store, options: ClusterOptions | None = None) -> ReclusterReport:
    """Rebuild every story from scratch in batch mode, keeping ids where stories survive.

    All articles go to a fresh clusterer in one call, so every neighbour list is complete
    before any linking decision; the result becomes the new incremental state.

    Returns:
        Counts before and after, and the agreement (B-cubed F1) with the previous grouping.
    """
    previous = {row.article_id: row.story_id for row in store.story_rows()}
    inputs = [_from_stored(i) for i in store.cluster_inputs()]
    tracker = StoryTracker(store, options, restore=False)
    update = tracker.clusterer.add(inputs)
    tracker._adopt([(a.article_id, a.story_id) for a in update.assignments], previous)
    tracker._seen = len(inputs)
    tracker.save()
    after = {row.article_id: row.story_id for row in store.story_rows()}
    return ReclusterReport(
        articles=len(inputs),
        stories_before=len(set(previous.values())),
        stories_after=len(set(after.values())),
        agreement=bcubed_f1(previous, after) if previous else 1.0,
    )


def bcubed_f1(gold: dict[str, str], predicted: dict[str, str]) -> float:
    """B-cubed F1 of ``predicted`` against ``gold`` over the articles both contain."""
    return bcubed({i: label for i, label in gold.items() if i in predicted}, predicted)[2]
