"""The story digest: a few extractive sentences, each citing the articles that support it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsprism.models import AlignedClaim, AnalyzedArticle, DigestSentence, DisputePair

# Enough to tell the story, short enough to read at a glance.
MAX_SENTENCES = 6
_FIRST_PERSON = re.compile(r"\b(?:I|I['’]m|me|my|we|our|us|you|your)\b")
_QUOTED = re.compile(r"[“‘\"«][^”’\"»]*[”’\"»]")
_STATUS_RANK = {"corroborated": 0, "disputed": 1, "single_source": 2}


def digest(
    items: Sequence[AnalyzedArticle],
    claims: Sequence[AlignedClaim],
    *,
    size: int = MAX_SENTENCES,
    disputes: Sequence[DisputePair] = (),
) -> list[DigestSentence]:
    """Pick the story's central claims and state them with citations, disputes as disputed.

    Claims that more outlets carry come first; the best-supported claim behind each distinct
    dispute is kept and followed by what disputes it (two figures that dispute each other are
    stated once). Sentences keep the order in which the story's articles first state them.

    Args:
        items: The story's analysed articles (for ordering by position).
        claims: The aligned claims.

    Returns:
        The digest sentences.
    """
    position = {item.article.id: n for n, item in enumerate(items)}

    def weight(claim: AlignedClaim) -> tuple[int, int, int]:
        outlets = len({s.article for s in claim.support})
        return (-outlets, _STATUS_RANK.get(claim.status, 3), _first_position(claim, position))

    chosen: list[AlignedClaim] = []
    stated: set[str] = set()  # texts already in the digest, as claims or as disputes
    for claim in sorted((c for c in claims if c.status == "disputed" and _readable(c.text)), key=weight):
        against = {d.text for d in claim.disputes}
        if against <= stated or claim.text in stated:
            continue
        chosen.append(claim)
        stated |= against | {claim.text}
    for claim in sorted(claims, key=weight):
        if len(chosen) >= size:
            break
        if claim.status != "disputed" and claim.text not in stated and _readable(claim.text):
            chosen.append(claim)
            stated.add(claim.text)
    chosen.sort(key=lambda c: _first_position(c, position))
    sentences = []
    for claim in chosen:
        articles = tuple(dict.fromkeys(s.article for s in claim.support))
        if claim.status == "disputed" and claim.disputes:
            against = "; ".join(_dispute_phrase(d.kind, d.text, d.attributed_to) for d in _distinct(claim))
            text = f"{_sentence(claim.text)} Disputed: {against}"
            articles = tuple(dict.fromkeys([*articles, *(d.article for d in claim.disputes)]))
            sentences.append(DigestSentence(text=text, articles=articles, disputed=True))
        else:
            sentences.append(DigestSentence(text=_sentence(claim.text), articles=articles))
    return sentences


def _distinct(claim: AlignedClaim) -> list:  # type: ignore[type-arg]
    seen: set[tuple[str, str | None]] = set()
    result = []
    for dispute in claim.disputes:
        key = (dispute.kind, dispute.attributed_to)
        if key not in seen:
            seen.add(key)
            result.append(dispute)
    return result


def _first_position(claim: AlignedClaim, position: dict[str, int]) -> int:
    return min((position.get(s.article, 99) * 100_000 + s.start for s in claim.support), default=10**9)


def _readable(text: str) -> bool:
    # A digest sentence must stand alone: not a piece of a quotation, not a fragment.
    words = text.split()
    if not 6 <= len(words) <= 60 or text[:1] in "“\"‘'«„[…":
        return False
    if _FIRST_PERSON.search(text):
        return False  # a speaker's own words read as the digest's voice without their quote marks
    if text.rstrip().endswith("’") and "‘" not in text:
        return False  # the tail of a quotation
    if len("".join(_QUOTED.findall(text))) > 0.4 * len(text):
        return False  # mostly someone's words: the quotes section shows those, with their speaker
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0 and text.count("‘") <= text.count("’")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "”", '"', "’")) else text + "."


def _dispute_phrase(kind: str, text: str, who: str | None) -> str:
    label = {"denial": "denied", "number": "a different figure", "date": "a different date"}.get(kind, "contradicted")
    source = f" ({who})" if who else ""
    return f"{label}{source}: {_sentence(text)}"
