"""One name per entity across the articles analysed together.

Each article knows only its own spellings ("Aleksandr Lukashenko" here, "Alaksandar Łukašenka"
there); the key already joins them. This pass gives every key one canonical name across the
batch, and lets a surname-only mention take the full key when the batch names exactly one
person with that surname.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace

from newsprism.analysis.mentions import ENTITY_TYPES
from newsprism.analysis.names import NameResolver
from newsprism.models import AnalyzedArticle, Entity

_LABELS = {value: key for key, value in reversed(ENTITY_TYPES.items())}


def harmonize(items: Sequence[AnalyzedArticle], names: NameResolver) -> list[AnalyzedArticle]:
    """Give each entity key one canonical name across ``items``, and rename speakers to match.

    Args:
        items: Analysed articles of one batch.
        names: The name resolver that made their keys.

    Returns:
        The articles with entity names, keys, quote speakers and claim attributions updated.
    """
    full_keys: dict[str, set[str]] = defaultdict(set)
    for item in items:
        for entity in item.entities:
            if entity.type == "person" and "/" in entity.key:
                full_keys[entity.key.split("/")[0]].add(entity.key)

    def final_key(entity: Entity) -> str:
        if entity.type == "person" and "/" not in entity.key and len(full_keys.get(entity.key, ())) == 1:
            return next(iter(full_keys[entity.key]))
        return entity.key

    spellings: dict[str, list[str]] = defaultdict(list)
    types: dict[str, str] = {}
    for item in items:
        for entity in item.entities:
            key = final_key(entity)
            spellings[key].append(entity.name)
            types.setdefault(key, entity.type)
    canonical = {key: names.canonical(texts, _LABELS.get(types[key], "ORG")) for key, texts in spellings.items()}
    return [_rename(item, final_key, canonical) for item in items]


def _rename(item: AnalyzedArticle, final_key: Callable[[Entity], str], canonical: dict[str, str]) -> AnalyzedArticle:
    renames: dict[str, str] = {}
    rekeys: dict[str, str] = {}
    entities = []
    for entity in item.entities:
        key = final_key(entity)
        name = canonical.get(key, entity.name)
        renames[entity.name] = name
        rekeys[entity.key] = key
        entities.append(replace(entity, key=key, name=name))
    if all(e == o for e, o in zip(entities, item.entities, strict=True)):
        return item
    quotes = tuple(
        replace(
            q,
            speaker=renames.get(q.speaker, q.speaker) if q.speaker else None,
            reported_by=renames.get(q.reported_by, q.reported_by) if q.reported_by else None,
            speaker_key=rekeys.get(q.speaker_key, q.speaker_key) if q.speaker_key else None,
            reported_by_key=rekeys.get(q.reported_by_key, q.reported_by_key) if q.reported_by_key else None,
        )
        for q in item.quotes
    )

    def rekey(value: str | None) -> str | None:
        return rekeys.get(value, value) if value else value

    claims = tuple(
        replace(
            c,
            attributed_to=renames.get(c.attributed_to, c.attributed_to) if c.attributed_to else None,
            reported_by=renames.get(c.reported_by, c.reported_by) if c.reported_by else None,
            attributed_key=rekey(c.attributed_key),
            reported_by_key=rekey(c.reported_by_key),
            subject=rekey(c.subject),
            object=rekey(c.object),
        )
        for c in item.claims
    )
    return replace(item, entities=tuple(entities), quotes=quotes, claims=claims)
