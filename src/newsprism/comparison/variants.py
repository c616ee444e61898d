"""Entity spellings across a story: one row per canonical entity, every way outlets write it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from newsprism.models import AnalyzedArticle, EntityVariants, Spelling

# A story table lists people, organisations, places, facilities and events; places that only
# one article mentions once are background, not part of the story's cast.
_MIN_MENTIONS_SINGLE_ARTICLE = 2


def entity_variants(items: Sequence[AnalyzedArticle]) -> list[EntityVariants]:
    """Group the story's entities by key with each spelling and the articles that use it.

    Args:
        items: The story's analysed articles, harmonised (one canonical name per key).

    Returns:
        Entities ordered by how many articles mention them, then by mentions; spellings by use.
    """
    names: dict[str, str] = {}
    types: dict[str, str] = {}
    spellings: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    mentions: dict[str, int] = defaultdict(int)
    for item in items:
        for entity in item.entities:
            names.setdefault(entity.key, entity.name)
            types.setdefault(entity.key, entity.type)
            for mention in entity.mentions:
                users = spellings[entity.key][mention.text]
                if item.article.id not in users:
                    users.append(item.article.id)
                mentions[entity.key] += 1
    rows = []
    for key, forms in spellings.items():
        articles = {a for users in forms.values() for a in users}
        if len(articles) == 1 and mentions[key] < _MIN_MENTIONS_SINGLE_ARTICLE:
            continue
        variants = sorted(forms.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        rows.append(
            (
                -len(articles),
                -mentions[key],
                names[key],
                EntityVariants(
                    name=names[key],
                    type=types[key],
                    key=key,
                    variants=tuple(Spelling(text=t, articles=tuple(a)) for t, a in variants),
                ),
            )
        )
    return [row[-1] for row in sorted(rows, key=lambda r: r[:3])]
