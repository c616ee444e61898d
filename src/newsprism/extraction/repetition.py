"""Boilerplate revealed by repetition across articles of the same outlet.

An outlet's appeal or teaser line looks like any short line in one article; across many of the
outlet's articles it repeats word for word at the same edge. Repetition is evidence only
together with a weak boilerplate signal and a position at the article's start or end, and only
between *different* stories: two versions of one story share most paragraphs, and those are
story text.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import replace
from typing import Protocol

from newsprism.extraction.boilerplate import has_weak_signal, reports_speech
from newsprism.extraction.text import join_paragraphs
from newsprism.models import Article, Boilerplate

REPEATED = "repeated across the outlet's articles"

_NON_WORD = re.compile(r"[\W_]+")
# Articles sharing at least this share of paragraphs are versions of one story.
_SAME_STORY_SHARE = 0.5
_EDGE = 3


def fingerprint(paragraph: str) -> str:
    """A key for a paragraph that ignores case, spacing and punctuation."""
    folded = _NON_WORD.sub(" ", paragraph.casefold()).strip()
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()[:16]


def article_fingerprints(article: Article) -> set[str]:
    """Fingerprints of an article's paragraphs, boilerplate lines included."""
    lines = list(article.paragraphs)
    for item in article.boilerplate:
        lines.extend(item.text.split("\n"))
    return {fingerprint(line) for line in lines if line.strip()}


class RepetitionIndex(Protocol):
    """Where an outlet's earlier paragraphs can be looked up (memory, or the store)."""

    def neighbours(self, outlet: str, fingerprints: Collection[str]) -> Mapping[str, tuple[set[str], int]]:
        """Map each other article of ``outlet`` sharing a fingerprint to (shared, its total)."""
        ...


class MemoryRepetitionIndex:
    """An in-memory :class:`RepetitionIndex` over one batch of articles."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._sizes: dict[str, int] = {}

    def add(self, article: Article) -> None:
        """Index an article's paragraphs under its outlet."""
        if not article.outlet:
            return
        prints = article_fingerprints(article)
        self._sizes[article.id] = len(prints)
        for fp in prints:
            self._by_key[(article.outlet.casefold(), fp)].add(article.id)

    def neighbours(self, outlet: str, fingerprints: Collection[str]) -> dict[str, tuple[set[str], int]]:
        """See :meth:`RepetitionIndex.neighbours`."""
        found: dict[str, tuple[set[str], int]] = {}
        for fp in fingerprints:
            for other in self._by_key.get((outlet.casefold(), fp), ()):
                found.setdefault(other, (set(), self._sizes[other]))[0].add(fp)
        return found


def remove_repeated(article: Article, indexes: Iterable[RepetitionIndex]) -> Article:
    """Move edge paragraphs that repeat in other stories of the same outlet to boilerplate.

    Args:
        article: The article, already cleaned paragraph by paragraph.
        indexes: Where the outlet's other articles are indexed (the batch, the store).

    Returns:
        The article, changed only if something was removed (never emptied).
    """
    if not article.outlet:
        return article
    paragraphs = article.paragraphs
    prints = [fingerprint(p) for p in paragraphs]
    own = article_fingerprints(article)
    others: dict[str, set[str]] = {}
    for index in indexes:
        for other, (shared, total) in index.neighbours(article.outlet, own).items():
            if other == article.id or other in others:
                continue
            if len(shared) < _SAME_STORY_SHARE * max(1, min(len(own), total)):
                others[other] = shared
    if not others:
        return article
    n = len(paragraphs)
    removed: list[Boilerplate] = []
    kept: list[str] = []
    for i, (paragraph, fp) in enumerate(zip(paragraphs, prints, strict=True)):
        at_edge = i < _EDGE - 1 or i >= n - _EDGE
        repeats = sum(1 for shared in others.values() if fp in shared)
        if repeats and at_edge and has_weak_signal(paragraph, article.outlet) and not reports_speech(paragraph):
            removed.append(Boilerplate(text=paragraph, reason=REPEATED))
        else:
            kept.append(paragraph)
    if not removed or not kept:
        return article
    return replace(article, text=join_paragraphs(kept), boilerplate=article.boilerplate + tuple(removed))
