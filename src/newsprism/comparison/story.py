"""Comparing one story across its articles: the entry point of the comparison stage."""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.comparison.claims import ContradictionJudge, align_story_claims
from newsprism.comparison.coverage import coverage
from newsprism.comparison.digest import MAX_SENTENCES, digest
from newsprism.comparison.quotes import align_quotes
from newsprism.comparison.variants import entity_variants
from newsprism.models import AnalyzedArticle, StoryArticle, StoryComparison

SCHEMA_VERSION = "1.1"


def compare(
    items: Sequence[AnalyzedArticle],
    *,
    story_id: str | None = None,
    judge: ContradictionJudge | None = None,
    digest_size: int = MAX_SENTENCES,
) -> StoryComparison:
    """Read one story through all its articles.

    Args:
        items: The story's analysed articles, analysed (or harmonised) together so that entity
            names and speakers agree across them.
        story_id: The stored story's id, when there is one.
        judge: An optional user-supplied contradiction model for claim disputes.
        digest_size: The most sentences the digest may have.

    Returns:
        The comparison: articles, entity spellings, aligned quotes and claims, the disputes (each
        listed once), coverage, digest.
    """
    ordered = sorted(items, key=lambda i: (i.article.published is None, i.article.published or "", i.article.id))
    claims, disputes = align_story_claims(ordered, judge=judge)
    return StoryComparison(
        schema_version=SCHEMA_VERSION,
        title=_title(ordered),
        articles=tuple(
            StoryArticle(a.id, a.source, a.outlet, a.title, a.published, a.url) for a in (i.article for i in ordered)
        ),
        entities=tuple(entity_variants(ordered)),
        quotes=tuple(align_quotes(ordered)),
        claims=tuple(claims),
        coverage=coverage(ordered),
        digest=tuple(digest(ordered, claims, size=digest_size, disputes=disputes)),
        story_id=story_id,
        disputes=tuple(disputes),
    )


def _title(items: Sequence[AnalyzedArticle]) -> str | None:
    # The earliest article's headline names the story as it first broke.
    return next((i.article.title for i in items if i.article.title), None)
