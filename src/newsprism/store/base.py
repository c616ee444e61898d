"""The store interface every backend implements."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from newsprism.models import AnalyzedArticle, Article, Extracted, RawDocument
from newsprism.store.sqlite_stories import ClusterInput, StoryRow


@dataclass(frozen=True, slots=True)
class AddResult:
    """What happened to one article offered to the store."""

    status: Literal["new", "duplicate"]
    article_id: str
    duplicate_of: str | None = None


class Store(Protocol):
    """Persistent articles and the raw documents they came from.

    Writes go through :meth:`add`, one transaction per call, so an interrupted ingest leaves
    every earlier call's articles stored and nothing half-written.
    """

    def add(self, items: Sequence[Extracted]) -> list[AddResult]:
        """Store new articles (deduplicated by id, URL and normalised text) atomically."""
        ...

    def find_duplicate(self, article: Article) -> str | None:
        """The id of a stored article that ``article`` duplicates, or None."""
        ...

    def save_analyses(self, items: Sequence[AnalyzedArticle]) -> None:
        """Store or replace analyses of stored articles, atomically."""
        ...

    def get_analysis(self, article_id: str) -> AnalyzedArticle | None:
        """An article with its analysis, or None."""
        ...

    def unanalyzed_ids(self) -> list[str]:
        """Ids of stored articles without an analysis."""
        ...

    def get_article(self, article_id: str) -> Article | None:
        """One article by id."""
        ...

    def iter_articles(self) -> Iterator[Article]:
        """Every stored article, oldest first."""
        ...

    def count_articles(self) -> int:
        """How many articles are stored."""
        ...

    def raw_document(self, article_id: str) -> RawDocument | None:
        """The raw document an article was extracted from, for re-extraction."""
        ...

    def neighbours(self, outlet: str, fingerprints: Collection[str]) -> Mapping[str, tuple[set[str], int]]:
        """Stored articles of ``outlet`` sharing paragraph fingerprints (see repetition)."""
        ...

    # -- stories (see newsprism.stories) --

    def record_stories(
        self,
        assignments: Sequence[tuple[str, str]],
        merges: Sequence[tuple[str, str]],
        state: tuple[int, str, bytes] | None = None,
    ) -> None:
        """Store article -> story assignments and ``(kept, absorbed)`` merges atomically."""
        ...

    def replace_stories(self, assignments: Sequence[tuple[str, str]], aliases: dict[str, str]) -> None:
        """Replace every assignment (a recluster)."""
        ...

    def save_cluster_state(self, seen: int, meta: str, arrays: bytes) -> None:
        """Save the clusterer's state."""
        ...

    def load_cluster_state(self) -> tuple[int, str, bytes] | None:
        """The saved clusterer state, or None."""
        ...

    def story_aliases(self) -> dict[str, str]:
        """Clusterer story ids -> public ids where they differ."""
        ...

    def clustered_count(self) -> int:
        """How many articles have a story."""
        ...

    def unclustered_ids(self) -> list[str]:
        """Stored articles without a story."""
        ...

    def cluster_inputs(self, ids: Sequence[str] | None = None) -> list[ClusterInput]:
        """Articles as the clusterer sees them."""
        ...

    def story_rows(self) -> list[StoryRow]:
        """Every assigned article with its story."""
        ...

    def resolve_story(self, story_id: str) -> str:
        """The current id of a (possibly merged) story id."""
        ...

    def story_article_ids(self, story_id: str) -> list[str]:
        """Article ids of a story, earliest first."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...
