"""From mentions to entities: one canonical name and key per entity, and span lookups.

Mentions of one entity within an article ("Alexander Lukashenko", "Lukashenko") are grouped by
the name resolver, which also gives each group the key shared by every spelling and script
(Lukashenko / Łukašenka / Лукашенко).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.analysis.mentions import ENTITY_TYPES, RawMention
from newsprism.analysis.names import NameResolver
from newsprism.models import Entity, Mention

# Preference when several entities overlap a span: who speaks is a person first.
_TYPE_RANK = {"PERSON": 0, "ORG": 1, "GPE": 2, "LOC": 2, "FAC": 3, "EVENT": 4}


@dataclass(frozen=True, slots=True)
class _Placed:
    start: int
    end: int
    name: str
    label: str
    possessive: bool


class EntityIndex:
    """Which entity is mentioned where, for attributing quotes and claims to canonical names."""

    def __init__(self, text: str, placed: Sequence[_Placed]) -> None:
        self._text = text
        self._placed = sorted(placed, key=lambda p: p.start)
        self._starts = [p.start for p in self._placed]

    def name_at(self, start: int, end: int) -> str | None:
        """The canonical name of the entity a span refers to, or None.

        Within the span, a mention that is not a possessive wins ("Lukashenko's press
        secretary, Natalya Eismont" is Eismont), then persons, then the last mention.
        """
        lo = bisect.bisect_left(self._starts, start)
        # A mention that starts a little before the span but overlaps it still counts.
        while lo > 0 and self._placed[lo - 1].end > start:
            lo -= 1
        inside = [p for p in self._placed[lo:] if p.start < end and p.end > start]
        if not inside:
            return None
        best = min(
            enumerate(inside), key=lambda item: (item[1].possessive, _TYPE_RANK.get(item[1].label, 9), -item[0])
        )[1]
        return best.name

    def names_in(self, start: int, end: int) -> list[str]:
        """Canonical names of every entity mentioned inside a span, in order."""
        lo = bisect.bisect_left(self._starts, start)
        return [p.name for p in self._placed[lo:] if p.start < end and p.end <= end]


def build_entities(text: str, mentions: Sequence[RawMention], names: NameResolver) -> tuple[list[Entity], EntityIndex]:
    """Group an article's mentions into entities with canonical names and keys.

    Args:
        text: The article text the mentions index into.
        mentions: The mentions, in text order.
        names: The name resolver (owns the name-variant data).

    Returns:
        The entities (in order of first mention) and an index for span lookups.
    """
    if not mentions:
        return [], EntityIndex(text, [])
    clusters = names.cluster([(m.text, m.label) for m in mentions])
    by_member: dict[tuple[str, str], int] = {}
    for number, cluster in enumerate(clusters):
        for member in cluster.members:
            by_member.setdefault((member, cluster.type), number)
            by_member.setdefault((member, ""), number)
    grouped: dict[int, list[RawMention]] = {}
    placed: list[_Placed] = []
    for m in mentions:
        number = by_member.get((m.text, m.label), by_member.get((m.text, "")))
        if number is None:
            continue
        grouped.setdefault(number, []).append(m)
        cluster = clusters[number]
        possessive = text[m.end : m.end + 2] in ("'s", "’s")
        placed.append(_Placed(m.start, m.end, cluster.name, cluster.type, possessive))
    entities = [
        Entity(
            name=clusters[number].name,
            type=ENTITY_TYPES.get(clusters[number].type, clusters[number].type.lower()),
            key=clusters[number].key,
            mentions=tuple(Mention(m.text, m.start, m.end) for m in members),
        )
        for number, members in sorted(grouped.items(), key=lambda item: item[1][0].start)
    ]
    return entities, EntityIndex(text, placed)
