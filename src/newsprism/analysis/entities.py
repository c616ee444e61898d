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
    key: str = ""


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
        best = self._best_at(start, end)
        return best.name if best else None

    def key_at(self, start: int, end: int) -> tuple[str, str] | None:
        """The ``(key, canonical name)`` of the entity a span refers to (as :meth:`name_at`), or None."""
        best = self._best_at(start, end)
        return (best.key, best.name) if best else None

    def label_at(self, start: int, end: int) -> str | None:
        """The spaCy label (PERSON, ORG, GPE ...) of the entity a span refers to, or None."""
        best = self._best_at(start, end)
        return best.label if best else None

    def _best_at(self, start: int, end: int) -> _Placed | None:
        lo = bisect.bisect_left(self._starts, start)
        # A mention that starts a little before the span but overlaps it still counts.
        while lo > 0 and self._placed[lo - 1].end > start:
            lo -= 1
        inside = [p for p in self._placed[lo:] if p.start < end and p.end > start]
        if not inside:
            return None
        return min(
            enumerate(inside), key=lambda item: (item[1].possessive, _TYPE_RANK.get(item[1].label, 9), -item[0])
        )[1]

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
    merged: dict[str, list[RawMention]] = {}
    labels: dict[str, str] = {}
    for cluster in clusters:
        key = _facility_key(cluster.canonical, names) if cluster.type == "FAC" else None
        key = key or cluster.key
        merged.setdefault(key, []).extend(mentions[i] for i in cluster.indices)
        labels.setdefault(key, cluster.type)
    entities: list[Entity] = []
    placed: list[_Placed] = []
    for key, members in merged.items():
        members.sort(key=lambda m: m.start)
        label = labels[key]
        name = names.canonical([m.text for m in members], label)
        entities.append(
            Entity(
                name=name,
                type=ENTITY_TYPES.get(label, label.lower()),
                key=key,
                mentions=tuple(Mention(m.text, m.start, m.end) for m in members),
            )
        )
        for m in members:
            possessive = text[m.end : m.end + 2] in ("'s", "’s")
            placed.append(_Placed(m.start, m.end, name, label, possessive, key))
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities, EntityIndex(text, placed)


def _facility_key(name: str, names: NameResolver) -> str | None:
    """``fac:<place key>:<head>`` for a facility named after a place ("Mozyr/Mazyr Oil Refinery")."""
    words = name.split()
    if len(words) < 2:
        return None
    head = words[-1].lower()
    for size in (2, 1):
        place = names.place_key(" ".join(words[:size])) if len(words) > size else None
        if place:
            return f"fac:{place}:{head}"
    return None
