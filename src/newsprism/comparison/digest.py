"""The story digest: a few extractive sentences chosen for coverage, each citing its articles.

At most ``size`` sentences (default :data:`MAX_SENTENCES`), in three parts:

1. what most outlets corroborate (claims carried by the most outlets from one source, each once);
2. the main disputes, each named once in one sentence with both sides (a figure revised by a
   later report is said as an update, not as a dispute);
3. notable single-source details (a figure, a date or named entities), earliest first.

Each part has a share of the budget (:data:`SHARES`); what one part leaves unused goes to the next,
then back to the first. A claim stated in a dispute sentence is not repeated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsprism.models import AlignedClaim, AnalyzedArticle, DigestSentence, DisputePair, DisputeSide

# Enough to tell the story, short enough to read at a glance.
MAX_SENTENCES = 6
# Budget shares of corroborated claims, disputes and single-source details (half, a third, the
# rest): a digest leads with what the outlets agree on.
SHARES = (0.5, 0.34, 0.16)
_FIRST_PERSON = re.compile(r"\b(?:I|I['’]m|me|my|we|our|us|you|your)\b")
_QUOTED = re.compile(r"[“‘\"«][^”’\"»]*[”’\"»]")
_LABELS = {"denial": "a denial", "number": "figures", "date": "dates", "other": "a contradiction"}
_AGAINST = {"denial": "denies it", "number": "gives", "date": "gives", "other": "says"}


def digest(
    items: Sequence[AnalyzedArticle],
    claims: Sequence[AlignedClaim],
    *,
    size: int = MAX_SENTENCES,
    disputes: Sequence[DisputePair] = (),
) -> list[DigestSentence]:
    """Pick the story's central claims, its main disputes and a few details, with citations.

    Args:
        items: The story's analysed articles (for ordering by position).
        claims: The aligned claims.
        size: The most sentences the digest may have.
        disputes: The story's disputes, each listed once (see :class:`~newsprism.models.DisputePair`).

    Returns:
        At most ``size`` sentences: corroborated claims (most outlets first), then disputes (one
        sentence each, ``disputed`` set unless it is an update), then single-source details.
    """
    if size <= 0:
        return []
    position = {item.article.id: n for n, item in enumerate(items)}

    def first(claim: AlignedClaim) -> int:
        return min((position.get(s.article, 99) * 100_000 + s.start for s in claim.support), default=10**9)

    corroborated = sorted(
        (c for c in claims if c.status == "corroborated" and _readable(c.text)),
        key=lambda c: (-len(_outlets(c)), first(c)),
    )
    conflicts = sorted(disputes, key=lambda p: (p.kind == "update", _order(p, position)))
    in_disputes = {side.claim for p in conflicts for side in (p.a, p.b) if side.claim}
    details = sorted(
        (c for c in claims if c.status == "single_source" and _notable(c) and _readable(c.text)), key=first
    )
    parts: list[list[DigestSentence]] = [
        [_claim_sentence(c) for c in corroborated if c.id not in in_disputes],
        _dispute_sentences(conflicts, {c.id: c for c in claims}),
        [_claim_sentence(c) for c in details if c.id not in in_disputes],
    ]
    quotas = [max(1, round(share * size)) for share in SHARES]
    chosen: list[list[DigestSentence]] = [[], [], []]
    left = size
    for n, part in enumerate(parts):  # each part's share, then what the others left
        take = min(quotas[n], len(part), left)
        chosen[n] = part[:take]
        left -= take
    for n, part in enumerate(parts):
        if left <= 0:
            break
        extra = part[len(chosen[n]) : len(chosen[n]) + left]
        chosen[n] += extra
        left -= len(extra)
    return [s for part in chosen for s in part]


def _outlets(claim: AlignedClaim) -> set[str]:
    return set(claim.outlets) or {s.outlet or s.article for s in claim.support}


def _order(pair: DisputePair, position: dict[str, int]) -> tuple[int, int]:
    return min(position.get(pair.a.article, 99), position.get(pair.b.article, 99)), pair.a.start


def _claim_sentence(claim: AlignedClaim) -> DigestSentence:
    articles = tuple(dict.fromkeys(s.article for s in claim.support))
    return DigestSentence(text=_sentence(claim.text), articles=articles)


def _dispute_sentences(pairs: Sequence[DisputePair], by_id: dict[str, AlignedClaim]) -> list[DigestSentence]:
    """One sentence per dispute, both sides and who gives each; a pair of claims only once.

    It cites every article stating either side (the aligned claims' supports).
    """
    sentences = []
    seen: set[frozenset[str]] = set()
    for pair in pairs:
        key = frozenset((pair.a.text, pair.b.text))
        if key in seen:
            continue
        seen.add(key)
        cited = [pair.a.article, pair.b.article]
        for side in (pair.a, pair.b):
            claim = by_id.get(side.claim or "")
            cited += [s.article for s in claim.support] if claim is not None else []
        articles = tuple(dict.fromkeys(cited))
        if pair.kind == "update":
            text = f"A later report updates the figure: {_sentence(pair.b.text)} Earlier: {_sentence(pair.a.text)}"
            sentences.append(DigestSentence(text=text, articles=articles))
            continue
        label = _LABELS.get(pair.kind, "a contradiction")
        against = _AGAINST.get(pair.kind, "says")
        text = (
            f"Disputed ({label}): {_sentence(pair.a.text)} {_upper_first(_source(pair.b))} {against}: "
            f"{_sentence(pair.b.text)}"
        )
        sentences.append(DigestSentence(text=text, articles=articles, disputed=True))
    return sentences


def _source(side: DisputeSide) -> str:
    """Who states a side: its source, else its outlet, else "another article"."""
    return side.asserted_by or side.outlet or "another article"


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _notable(claim: AlignedClaim) -> bool:
    """A detail worth a digest line: it carries a figure, a date or a name (digits or capitals inside)."""
    words = claim.text.split()
    return bool(re.search(r"\d", claim.text)) or sum(w[:1].isupper() for w in words[1:]) >= 2


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
