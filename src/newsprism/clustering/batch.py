"""Batch re-clustering: all articles at once, with the full kNN graph built before linking."""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.clustering.incremental import StoryClusterer
from newsprism.clustering.records import Assignment, ClusterOptions, StoryInput


def recluster(items: Sequence[StoryInput], options: ClusterOptions | None = None) -> list[Assignment]:
    """Cluster a whole collection from scratch (e.g. after changing settings).

    Every article's neighbour list is complete before any linking decision, so the result is
    order-independent up to ties; the incremental clusterer approximates it.

    Args:
        items: All articles.
        options: Settings (the incremental defaults unless given).

    Returns:
        One assignment per article, in input order.
    """
    clusterer = StoryClusterer(options)
    return list(clusterer.add(items).assignments)
