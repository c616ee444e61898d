"""Plain input and output records of the clustering stage, plus its options."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StoryInput:
    """One article as the clusterer sees it.

    Attributes:
        id: Stable article id.
        text: Clean body text.
        title: Headline, if known.
        published: ISO 8601 date or datetime of publication, if known.
        language: ISO 639-1 code (``"en"``, ``"ru"``), if known.
        entity_keys: Canonical entity keys (``"person:lukashenko/alexander"``, ``"place:BY"``);
            script-independent, so they link articles across languages.
    """

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    language: str | None = None
    entity_keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Assignment:
    """An article placed in a story (the story id as it was at the time of the decision)."""

    article_id: str
    story_id: str


@dataclass(frozen=True, slots=True)
class Merge:
    """Two stories found to be one: ``absorbed`` now lives on as ``kept`` (the older id)."""

    kept: str
    absorbed: str


@dataclass(frozen=True, slots=True)
class ClusterOptions:
    """Settings of the story clusterer; defaults were chosen on a plateau of the dev set.

    Attributes:
        threshold: Average-linkage threshold on SNN-weighted similarity; clusters merge above it.
        k: Neighbour-list length for shared-nearest-neighbour re-weighting.
        snn_floor: Share of the raw similarity kept when two articles share no neighbours.
        candidates: Approximate nearest neighbours fetched per new article.
        block_candidates: Extra candidates per article from blocking on heavy features.
        block_terms: Heaviest features per article used for blocking (words, entities, dates).
        window_days: Dated articles further apart than this are never linked directly.
        conflict_factor: Similarity scale for pairs whose written dates or places all disagree (1.0:
            off; 0.5 cost 0.02 B-cubed F1 on dev, because reports of one event often cite other dates).
        retention_days: Articles older than this (behind the newest date seen) leave memory. A year:
            archives arrive out of order, and `max_active` bounds memory anyway.
        max_active: Upper bound on articles held in memory (oldest leave first).
        max_story_members: Most recent members of a story used when scoring it.
        hash_bits: Size of the hashed feature space (2**hash_bits).
        sketch_dim: Dimension of the dense sketch used by the nearest-neighbour index.
        sketch_terms: Heaviest features of an article that go into its sketch.
        expand: Nearest hits whose own neighbour lists are added as candidates (graph search).
        entity_weight: Weight of an entity-key feature relative to a word.
        date_weight: Weight of a calendar-date feature relative to a word.
        max_df: Features in more than this share of documents get no weight.
        id_prefix: Prefix of new story ids.
    """

    threshold: float = 0.035
    k: int = 6
    snn_floor: float = 0.0
    candidates: int = 24
    block_candidates: int = 24
    block_terms: int = 32
    window_days: float = 7.0
    conflict_factor: float = 1.0
    retention_days: float = 365.0
    max_active: int = 200_000
    max_story_members: int = 48
    hash_bits: int = 20
    sketch_dim: int = 256
    sketch_terms: int = 32
    expand: int = 4
    entity_weight: float = 2.0
    date_weight: float = 1.5
    max_df: float = 0.5
    id_prefix: str = "story-"
