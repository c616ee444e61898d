"""Coverage: which outlets carried the story, who published first, what was added later."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsprism.models import Addition, AnalyzedArticle, Coverage

# Paragraph openings that mark text added after publication.
_ADDITION = re.compile(
    r"^(?P<kind>update[d]?|upd|correction|corrected|editor['’]s note|clarification)\b[^:\n]{0,40}:",
    re.IGNORECASE,
)


def coverage(items: Sequence[AnalyzedArticle]) -> Coverage:
    """Outlets, the earliest article(s), the timeline, and later additions of each article.

    Args:
        items: The story's analysed articles.

    Returns:
        The coverage record; undated articles come last in the timeline and count as first
        only when no article has a date.
    """
    articles = [item.article for item in items]
    outlets = tuple(dict.fromkeys(a.outlet for a in articles if a.outlet))
    dated = sorted((a.published, n, a.id) for n, a in enumerate(articles) if a.published)
    undated = [a.id for a in articles if not a.published]
    timeline = tuple([aid for _, _, aid in dated] + undated)
    if dated:
        # Compare by day when one side has no time: "2025-01-06" ties "2025-01-06T10:00:00Z".
        earliest = dated[0][0][:10]
        first = tuple(aid for published, _, aid in dated if published[:10] == earliest)
    else:
        first = tuple(undated)
    return Coverage(outlets=outlets, first=first, timeline=timeline, additions=tuple(_additions(items)))


def _additions(items: Sequence[AnalyzedArticle]) -> list[Addition]:
    found = []
    for item in items:
        text = item.article.text
        start = 0
        for paragraph in text.split("\n\n"):
            match = _ADDITION.match(paragraph)
            if match:
                kind = "correction" if match.group("kind").lower().startswith(("correct", "clarif")) else "update"
                found.append(Addition(item.article.id, kind, paragraph, start, start + len(paragraph)))
            start += len(paragraph) + 2
    return found
