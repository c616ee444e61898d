"""Claim alignment across the articles of one story: which claims agree, which stand alone, which are disputed.

Each claim of each article (from :mod:`newsprism.analysis.claims`) becomes a bag of content stems in
which entity mentions are replaced by their cross-article key and numbers and dates by their
normalised values. Pairs of claims are scored by TF-IDF cosine over the story's claims mixed with
entity overlap (and an embedding cosine when the caller passes an :class:`Embedder`). Claims are
grouped greedily, best pair first, at most one claim per article per group; a claim that states two
events ("X apologized ..., Zelensky told Lex Fridman") may also support a second group it matches
strongly. Disputes come from the parse's negation flag and cue words (denials), normalised numbers
and dates, and attributions; a user-supplied local model (:func:`load_judge`) may add more. See
``docs/comparison.md#claims`` for the thresholds and why.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfTransformer

from newsprism.errors import NewsprismError
from newsprism.models import AlignedClaim, AnalyzedArticle, Claim, Dispute, Support

# -- thresholds (see docs/comparison.md#claims) --------------------------------------------------

# Two claims of different articles state the same thing: TF-IDF over a story's short claims puts
# paraphrases of one event around 0.35-0.7 and different events of the same story below 0.3.
ALIGN_THRESHOLD = 0.34
# A claim already grouped may also support another group only when it matches that group better
# than it would need to for a first alignment (compound sentences carry two events).
ATTACH_THRESHOLD = 0.45
# A negated claim denies a group when it negates one of the group's content words and is this similar.
DENIAL_THRESHOLD = 0.12
# Claims that are not aligned but related this much (or share a sentence) may still give conflicting figures.
RELATED_THRESHOLD = 0.3
# Figures for the same unit differ when the larger exceeds the smaller by more than rounding.
NUMBER_RATIO = 1.1
# Weights of the similarity: lexical (or lexical+embedding) content, then entity overlap.
LEXICAL_WEIGHT = 0.75
ENTITY_WEIGHT = 0.25
# With an embedder, the content part is this mix of embedding and TF-IDF cosine.
EMBEDDING_SHARE = 0.5
# A judge's contradiction probability above this adds an "other" dispute.
JUDGE_THRESHOLD = 0.5

# Function words and reporting verbs: alignment should rest on what is claimed, not on "said".
STOPWORDS = frozenset(
    """a an the and or but nor so yet if then than that this these those there here it its it's is are was were
    be been being am do does did done have has had having will would shall should can could may might must of
    in on at by for with without from to into onto over under about against between through during before
    after above below up down out off again further once as until while because since also just only very
    too not no never nothing he she him her his hers they them their theirs we us our ours i me my mine you
    your yours who whom whose which what when where why how all any both each few more most other some such
    own same s t don't didn't can't won't isn't wasn't aren't weren't say says said saying tell tells told
    telling according one""".split()
)
# Reporting verbs and titles frame a claim ("Ukrainian President Zelensky revealed that ...") rather
# than state it; every claim of a story shares them, so they are left out like function words.
FRAME_WORDS = frozenset(
    """add note state reveal explain highlight emphasize emphasise stress recount quote claim announce report
    confirm insist assert remark write tweet post reply respond president prime minister secretary spokesman
    spokeswoman spokesperson press ruler leader official chairman head""".split()
)
# Negation cues open a scope over the next few words; denial verbs over the rest of the clause.
NEGATION_CUES = frozenset(
    "not n't never no nothing nobody none neither nor cannot didn't don't doesn't wasn't weren't isn't".split()
)
DENIAL_VERBS = re.compile(r"^(den(y|ies|ied|ying)|reject|refut|rebut|dismiss|disput|repudiat|debunk|disprov)")
NEGATION_SCOPE = 4
DENIAL_SCOPE = 8
# Words that open a time adjunct, and the nouns of "at the start/outset/beginning of".
TIME_OPENERS = frozenset("during after before since until amid following when as".split())
TIME_NOUNS = frozenset("start outset beginning end time height onset".split())
CIRCUMSTANCE_WEIGHT = 0.35
_SCOPE_BREAKS = frozenset({",", ";", ":", ".", "!", "?", "but", "and", "while", "although", "because"})
# Labels that open an update or correction paragraph: not part of what is claimed.
_LABEL_RE = re.compile(r"^(?:update[d]?|correction|clarification|editor['’]s note)\b[^:\n]{0,40}:\s*", re.I)
# Calls to action and paywall lines that sometimes survive extraction: never a claim.
_BOILERPLATE_RE = re.compile(
    r"\b(please support|recurring donation|subscribe to|sign up for|newsletter|available only to"
    r"|all rights reserved|follow us on|click here|read more:)",
    re.I,
)
_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|[,;:.!?]")
_SUFFIXES = ("izations", "ization", "izing", "ising", "ized", "ised", "izes", "ises", "ize", "ise", "ings", "ing")
_SUFFIXES2 = ("ies", "ied", "es", "ed", "s", "e", "y")

Embedder = Callable[[Sequence[str]], Any]
"""Maps texts to one vector each (an array of shape ``(len(texts), dim)``)."""


class ContradictionJudge(Protocol):
    """A model that scores how likely ``hypothesis`` contradicts ``premise`` (0 to 1)."""

    def __call__(self, premise: str, hypothesis: str) -> float: ...  # pragma: no cover


class JudgeError(NewsprismError):
    """A contradiction model could not be loaded (missing file, missing package, unknown labels)."""

    code = "NP510"


# -- claims with their features ------------------------------------------------------------------


@dataclass(slots=True)
class _Unit:
    """One claim of one article with what alignment compares."""

    item: int
    article: str
    outlet: str
    claim: Claim
    start: int
    end: int
    text: str
    tokens: list[str]
    weights: list[float]
    entities: frozenset[str]
    negated_stems: frozenset[str]
    voices: frozenset[str]
    source: str  # the article's text (shared, not copied), to look between two claims

    @property
    def content(self) -> set[str]:
        return set(self.tokens)


@dataclass(slots=True)
class _Group:
    members: list[int]  # unit indices, primary members first
    secondary: list[int] = field(default_factory=list)
    disputes: dict[tuple[str, str, int], Dispute] = field(default_factory=dict)

    def all(self) -> list[int]:
        return self.members + self.secondary


def align_claims(
    items: Sequence[AnalyzedArticle],
    *,
    judge: ContradictionJudge | None = None,
    embedder: Embedder | None = None,
) -> list[AlignedClaim]:
    """Align the claims of a story's articles and give each aligned claim its status and disputes.

    Args:
        items: The analysed articles of one story, analysed together (entity keys and speakers are
            canonical across them). Their order decides the order of the result.
        judge: Optional contradiction model (see :func:`load_judge`); its score above
            ``JUDGE_THRESHOLD`` for two aligned claims adds an ``other`` dispute.
        embedder: Optional sentence embedder mixed into the similarity (e.g. a local MiniLM);
            without it, similarity is lexical and entity overlap only.

    Returns:
        Aligned claims ``c1``, ``c2`` ... in order of first appearance: ``corroborated`` (two or more
        outlets), ``single_source`` or ``disputed`` (a denial, a conflicting number or date, a
        contradictory attribution). Every support and dispute has exact offsets into its article.
    """
    units = [u for index, item in enumerate(items) for u in _units(index, item)]
    if not units:
        return []
    sim = _similarity(units, embedder)
    conflict = _polarity_conflicts(units)
    groups = _group(units, sim, conflict)
    _attach_secondary(units, groups, sim, conflict)
    reference = {id(g): _reference(units, g) for g in groups}
    _denials(units, groups, sim, conflict)
    _number_disputes(units, groups, sim, reference)
    _date_and_attribution_disputes(units, groups, reference, judge)
    groups.sort(key=lambda g: min((units[i].item, units[i].start) for i in g.all()))
    return [_aligned(units, g, reference[id(g)], f"c{n}") for n, g in enumerate(groups, start=1)]


def single_source_by_article(claims: Sequence[AlignedClaim]) -> dict[str, list[AlignedClaim]]:
    """What each article adds: its single-source aligned claims, by article id.

    Args:
        claims: The output of :func:`align_claims`.

    Returns:
        Article id -> the single-source claims only that article supports, in order.
    """
    added: dict[str, list[AlignedClaim]] = {}
    for claim in claims:
        if claim.status == "single_source":
            added.setdefault(claim.support[0].article, []).append(claim)
    return added


# -- features ------------------------------------------------------------------------------------


def _units(index: int, item: AnalyzedArticle) -> list[_Unit]:
    article = item.article
    boilerplate = [b.text for b in article.boilerplate]
    mentions = _mentions(item)
    units = []
    for claim in item.claims:
        # Drop an "Update:" label so the support reads as the claim itself; offsets stay exact.
        label = _LABEL_RE.match(claim.text)
        start = claim.start + (label.end() if label else 0)
        text = article.text[start : claim.end]
        if _BOILERPLATE_RE.search(text) or any(text in b for b in boilerplate):
            continue
        spans = [(a, b, key) for a, b, key in mentions if a >= start and b <= claim.end]
        raw = _raw_tokens(article.text, start, claim.end, spans)
        weighted = _content(raw)
        weighted += [(f"#{n.value:g}:{n.unit}", 1.0) for n in claim.numbers]
        weighted += [(f"^{d.value}", 1.0) for d in claim.dates if d.value]
        units.append(
            _Unit(
                item=index,
                article=article.id,
                outlet=article.outlet or article.id,
                claim=claim,
                start=start,
                end=claim.end,
                text=text,
                tokens=[t for t, _ in weighted],
                weights=[w for _, w in weighted],
                entities=frozenset(key for _, _, key in spans),
                negated_stems=_negated_stems(raw),
                voices=_voices(item, claim),
                source=article.text,
            )
        )
    return units


def _mentions(item: AnalyzedArticle) -> list[tuple[int, int, str]]:
    """Entity mentions as (start, end, key): the analysis's own, plus every other occurrence of their forms.

    The analysis lists the mentions its NER found; a later bare "Łukašenka" it missed is still the
    same person, and its key is what lets claims in different spellings match.
    """
    forms: dict[str, str] = {}
    for entity in item.entities:
        for mention in entity.mentions:
            text = re.sub(r"['’]s$", "", mention.text.strip())
            forms.setdefault(text, entity.key)
            if entity.type == "person" and " " in text:
                forms.setdefault(text.rsplit(" ", 1)[1], entity.key)  # the surname alone
    found = [(m.start, m.end, e.key) for e in item.entities for m in e.mentions if m.end > m.start]
    if forms:
        alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True) if len(f) > 2)
        if alternatives:
            pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
            found += [(m.start(), m.end(), forms[m.group()]) for m in pattern.finditer(item.article.text)]
    spans: list[tuple[int, int, str]] = []
    for start, end, key in sorted(found, key=lambda s: (s[0], -s[1])):
        if not spans or start >= spans[-1][1]:
            spans.append((start, end, key))
    return spans


def _raw_tokens(text: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> list[str]:
    """Lower-cased words and clause punctuation, each entity mention as one ``@key`` token."""
    tokens: list[str] = []
    pos = start
    for a, b, key in [*spans, (end, end, "")]:
        if a < pos:
            continue
        tokens += [t.lower().replace("’", "'") for t in _TOKEN_RE.findall(text[pos:a])]
        if key:
            tokens.append("@" + key)
        pos = b
    return tokens


def _content(raw: list[str]) -> list[tuple[str, float]]:
    """Content stems and entity tokens of a claim with their weights.

    Function words, frame words and title adjectives are dropped. Words of a time adjunct ("at the
    start of Russia's full-scale invasion", "a few days after ...", "during the call") get
    ``CIRCUMSTANCE_WEIGHT``: every claim of a story shares that background, and letting it count fully
    groups claims by when they happened rather than by what they say.
    """
    tokens: list[tuple[str, float]] = []
    circumstance = False
    for k, token in enumerate(raw):
        if token in _SCOPE_BREAKS and token not in ("and", "but"):
            circumstance = False
        elif token in TIME_OPENERS or (token == "at" and raw[k + 2 : k + 3] and raw[k + 2] in TIME_NOUNS):
            circumstance = True
        weight = CIRCUMSTANCE_WEIGHT if circumstance else 1.0
        if token[0] == "@":
            tokens.append((token, weight))
            continue
        if token in STOPWORDS or len(token) < 2 or not token.isalpha():
            continue
        stem = _stem(token)
        # "Ukrainian President": the adjective only qualifies a title.
        if _frame(stem) or (k + 1 < len(raw) and _frame(_stem(raw[k + 1])) and raw[k + 1] not in STOPWORDS):
            continue
        tokens.append((stem, weight))
    return tokens


def _frame(stem: str) -> bool:
    return stem in FRAME_WORDS or any(stem == _stem(w) for w in FRAME_WORDS)


def _stem(word: str) -> str:
    """A light suffix stripper: enough to match apologized/apologize/apology, strikes/strike."""
    if word.endswith(("'s", "'")):
        word = word.rsplit("'", 1)[0]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    for suffix in _SUFFIXES2:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _negated_stems(raw: list[str]) -> frozenset[str]:
    """Content stems inside a negation's scope: "did not apologize", "nothing to apologize for", "denied X"."""
    stems: set[str] = set()
    scope = 0
    for token in raw:
        if token in _SCOPE_BREAKS:
            scope = 0
        elif token in NEGATION_CUES:
            scope = NEGATION_SCOPE
        elif DENIAL_VERBS.match(token):
            scope = DENIAL_SCOPE
        elif scope:
            scope -= 1
            if token[0] != "@" and token not in STOPWORDS and len(token) > 1:
                stems.add(_stem(token))
    return frozenset(stems)


def _voices(item: AnalyzedArticle, claim: Claim) -> frozenset[str]:
    """Who the claim may be credited to: its source, and the speakers and reporters of quotes in it.

    Nested quotes make attribution ambiguous (one outlet credits Zelensky's account, another the
    Lukashenko words he reports); sharing any voice means the attributions do not contradict.
    """
    voices = {claim.attributed_to} if claim.attributed_to else set()
    for quote in item.quotes:
        if quote.start < claim.end and quote.end > claim.start:
            voices.update(v for v in (quote.speaker, quote.reported_by) if v)
    return frozenset(voices)


def _similarity(units: list[_Unit], embedder: Embedder | None) -> np.ndarray:
    """Pairwise similarity: TF-IDF cosine (optionally mixed with embeddings) plus entity overlap."""
    # Term weights are summed per claim (time adjuncts count less), then scaled by IDF over the story.
    counts = DictVectorizer().fit_transform([_bag(u) for u in units])
    matrix = TfidfTransformer(norm="l2").fit_transform(counts)
    content = (matrix @ matrix.T).toarray()
    if embedder is not None:
        vectors = np.asarray(embedder([u.text for u in units]), dtype=float)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        content = (1 - EMBEDDING_SHARE) * content + EMBEDDING_SHARE * np.clip(vectors @ vectors.T, 0, 1)
    n = len(units)
    entity = np.zeros((n, n))
    for i, j in combinations(range(n), 2):
        a, b = units[i].entities, units[j].entities
        if a and b:
            entity[i, j] = entity[j, i] = len(a & b) / len(a | b)
    sim = LEXICAL_WEIGHT * content + ENTITY_WEIGHT * entity
    # Shared entities alone (every claim of a story names the same people) are no evidence: two
    # claims must share a word, number or date.
    words = [{t for t in u.tokens if t[0] != "@"} for u in units]
    for i, j in combinations(range(n), 2):
        if not words[i] & words[j]:
            sim[i, j] = sim[j, i] = 0.0
    np.fill_diagonal(sim, 1.0)
    return sim


def _bag(unit: _Unit) -> dict[str, float]:
    bag: dict[str, float] = {}
    for token, weight in zip(unit.tokens, unit.weights, strict=True):
        bag[token] = bag.get(token, 0.0) + weight
    return bag


def _polarity_conflicts(units: list[_Unit]) -> np.ndarray:
    """Pairs where one claim negates a content word the other asserts: they contradict, not corroborate."""
    n = len(units)
    conflict = np.zeros((n, n), dtype=bool)
    for i, j in combinations(range(n), 2):
        a, b = units[i], units[j]
        if (a.negated_stems & (b.content - b.negated_stems)) or (b.negated_stems & (a.content - a.negated_stems)):
            conflict[i, j] = conflict[j, i] = True
    return conflict


# -- grouping ------------------------------------------------------------------------------------


def _group(units: list[_Unit], sim: np.ndarray, conflict: np.ndarray) -> list[_Group]:
    """Group claims so that the sum of (similarity - threshold) over pairs in a group is high.

    This is correlation clustering under the constraint of one claim per article per group: a
    greedy average-link pass (best pair first), then moves and swaps of single claims while the sum
    grows. The second pass matters for compound sentences: greedy merging lets "at the start of the
    invasion, Lukashenko apologized" join the phone-call claims on their shared background before
    the other apology claims are considered; the sum prefers two tight groups to one loose one.
    """
    weight = np.where(conflict, -10.0, sim - ALIGN_THRESHOLD)
    n = len(units)
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    pairs = [(sim[i, j], i, j) for i, j in combinations(range(n), 2) if units[i].item != units[j].item]
    for score, i, j in sorted(pairs, reverse=True):
        if score < ALIGN_THRESHOLD:
            break
        gi, gj = group_of[i], group_of[j]
        if gi == gj or _articles(units, members[gi]) & _articles(units, members[gj]):
            continue
        if np.mean([weight[a, b] for a in members[gi] for b in members[gj]]) < 0:
            continue
        members[gi] += members.pop(gj)
        for k in members[gi]:
            group_of[k] = gi
    for _ in range(20):  # rarely more than three rounds; the cap only bounds pathological inputs
        if not _improve(units, weight, group_of, members):
            break
    ordered = (sorted(m, key=lambda k: (units[k].item, units[k].start)) for m in members.values() if m)
    return [_Group(members=m) for m in ordered]


def _articles(units: list[_Unit], group: list[int]) -> set[int]:
    return {units[k].item for k in group}


def _improve(units: list[_Unit], weight: np.ndarray, group_of: list[int], members: dict[int, list[int]]) -> bool:
    """One round of moves that raise the objective; True if any was made.

    A claim moves to another group (or alone); when that group already has a claim of the same
    article, that rival moves on to its own best place: the mover's old group, another group or alone.
    """

    def gain(k: int, group: list[int], *without: int) -> float:
        return float(sum(weight[k, m] for m in group if m != k and m not in without))

    changed = False
    for k in range(len(units)):
        home = group_of[k]
        stay = gain(k, members[home])
        # (improvement, target group or -1 for alone, rival, rival's group or -1 for alone)
        best: tuple[float, int, int, int] = (-stay if len(members[home]) > 1 else 0.0, -1, -1, -1)
        for target, group in members.items():
            if target == home or not group or weight[k, group].max() <= 0:
                continue
            rival = next((m for m in group if units[m].item == units[k].item), -1)
            delta = gain(k, group, rival) - stay
            place = -1
            if rival >= 0:
                options = [(0.0, -1)] + [
                    (gain(rival, g, k), key)
                    for key, g in members.items()
                    if key != target and g and (key == home or units[rival].item not in _articles(units, g))
                ]
                best_gain, place = max(options)
                delta += best_gain - gain(rival, group)
            if delta > best[0]:
                best = (delta, target, rival, place)
        improvement, target, rival, place = best
        if improvement <= 1e-9:
            continue
        _move(k, target, group_of, members)
        if rival >= 0:
            _move(rival, place, group_of, members)
        changed = True
    return changed


def _move(k: int, target: int, group_of: list[int], members: dict[int, list[int]]) -> None:
    """Move claim k to group ``target`` (-1: a new group of its own)."""
    members[group_of[k]].remove(k)
    if target == -1:
        target = max(members) + 1
        members[target] = []
    members[target].append(k)
    group_of[k] = target


def _attach_secondary(units: list[_Unit], groups: list[_Group], sim: np.ndarray, conflict: np.ndarray) -> None:
    """Let a claim support a second group whose other articles it matches strongly (compound sentences)."""
    for group in groups:
        if len(group.members) < 2:
            continue  # a lone claim is not yet an established event to attach to
        present = {units[k].item for k in group.members}
        best: dict[int, tuple[float, int]] = {}
        for k, unit in enumerate(units):
            if unit.item in present or any(conflict[k, m] for m in group.members):
                continue
            scores = [sim[k, m] for m in group.members]
            score = float(np.mean(scores))
            if (
                score >= ALIGN_THRESHOLD
                and max(scores) >= ATTACH_THRESHOLD
                and score > best.get(unit.item, (0.0, -1))[0]
            ):
                best[unit.item] = (score, k)
        group.secondary = sorted((k for _, k in best.values()), key=lambda k: (units[k].item, units[k].start))


def _reference(units: list[_Unit], group: _Group) -> int:
    """The most complete supporting claim: the one carrying most of the group's content, earliest on ties."""
    union: set[str] = set().union(*(units[k].content for k in group.all()))
    return max(group.all(), key=lambda k: (len(units[k].content & union), -units[k].item, -units[k].start))


# -- disputes ------------------------------------------------------------------------------------


def _add(group: _Group, kind: str, unit: _Unit, attributed_to: str | None = None) -> None:
    key = (kind, unit.article, unit.start)
    who = attributed_to if attributed_to is not None else unit.claim.attributed_to
    group.disputes.setdefault(key, Dispute(kind, unit.article, unit.text, who, unit.start, unit.end))


def _denials(units: list[_Unit], groups: list[_Group], sim: np.ndarray, conflict: np.ndarray) -> None:
    """Attach each denying claim to every group with a claim asserting what it negates, similar enough.

    "He did not apologize" disputes the outlets' "Lukashenko apologized" and also the quoted "I
    apologize": each is a statement of the apology it denies.
    """
    for k, unit in enumerate(units):
        if not (unit.claim.negated and unit.negated_stems):
            continue
        for group in groups:
            targets = [m for m in group.all() if conflict[k, m]]
            if targets and k not in group.all():
                if max(_unnegated_similarity(units, sim, k, m) for m in targets) >= DENIAL_THRESHOLD:
                    _add(group, "denial", unit)


def _unnegated_similarity(units: list[_Unit], sim: np.ndarray, k: int, m: int) -> float:
    """Similarity of a denial to a claim, with a floor from the share of its negated words the claim asserts."""
    negated = units[k].negated_stems
    return max(float(sim[k, m]), len(negated & units[m].content) / max(len(negated), 1) * 0.5)


def _number_disputes(units: list[_Unit], groups: list[_Group], sim: np.ndarray, reference: dict[int, int]) -> None:
    """Conflicting figures for the same unit: in one group, or in related claims / one sentence of an article."""
    group_of: dict[int, _Group] = {}
    for group in groups:
        for k in group.members:
            group_of[k] = group
    for i, j in combinations(range(len(units)), 2):
        a, b = units[i], units[j]
        if not _numbers_conflict(a.claim, b.claim):
            continue
        gi, gj = group_of[i], group_of[j]
        if gi is gj:
            # Both report the event; the figure that is not the reference's is the disputed one.
            ref = reference[id(gi)]
            for k in (i, j):
                if k != ref:
                    _add(gi, "number", units[k])
        elif sim[i, j] >= RELATED_THRESHOLD or (a.item == b.item and _same_sentence(a, b)):
            _add(gi, "number", b)
            _add(gj, "number", a)


def _numbers_conflict(a: Claim, b: Claim) -> bool:
    """Same non-empty unit in both, and no pair of their values within rounding of each other."""
    units = {n.unit for n in a.numbers if n.unit} & {n.unit for n in b.numbers if n.unit}
    for unit in units:
        xs = [n.value for n in a.numbers if n.unit == unit and n.value > 0]
        ys = [n.value for n in b.numbers if n.unit == unit and n.value > 0]
        if xs and ys and all(max(x, y) / min(x, y) > NUMBER_RATIO for x in xs for y in ys):
            return True
    return False


def _same_sentence(a: _Unit, b: _Unit) -> bool:
    """Two clauses of one sentence: only a connector between them ("..., while Ukraine estimated ...")."""
    first, second = (a, b) if a.start < b.start else (b, a)
    gap = a.source[first.end : second.start]
    return 0 <= len(gap) <= 40 and "\n" not in gap and not re.search(r"[.!?]", first.text[-1:] + gap)


def _dates_conflict(a: Claim, b: Claim) -> bool:
    """Both give resolved dates and none of one is compatible with any of the other."""
    xs = [d.value for d in a.dates if d.value]
    ys = [d.value for d in b.dates if d.value]
    return bool(xs and ys) and not any(_dates_compatible(x, y) for x in xs for y in ys)


def _dates_compatible(x: str, y: str) -> bool:
    """One date contains the other (2022 and 2022-02), or two days one apart (time zones, "yesterday")."""
    if x.startswith(y) or y.startswith(x):
        return True
    if len(x) == len(y) == 10:
        return abs((date.fromisoformat(x) - date.fromisoformat(y)).days) <= 1
    return False


def _date_and_attribution_disputes(
    units: list[_Unit], groups: list[_Group], reference: dict[int, int], judge: ContradictionJudge | None
) -> None:
    """Within each group: other dates, other speakers for the same words, and the judge's contradictions."""
    for group in groups:
        ref = reference[id(group)]
        for i, j in combinations(group.all(), 2):
            a, b = units[i], units[j]
            if a.item == b.item:
                continue
            other = j if i == ref else i
            if _dates_conflict(a.claim, b.claim):
                _add(group, "date", units[other])
            if a.claim.attributed_to and b.claim.attributed_to and not (a.voices & b.voices):
                _add(group, "other", units[other])
            if judge is not None and max(judge(a.text, b.text), judge(b.text, a.text)) > JUDGE_THRESHOLD:
                _add(group, "other", units[other])


def _aligned(units: list[_Unit], group: _Group, ref: int, claim_id: str) -> AlignedClaim:
    members = sorted(group.all(), key=lambda k: (units[k].item, units[k].start))
    support = tuple(Support(units[k].article, units[k].text, units[k].start, units[k].end) for k in members)
    outlets = {units[k].outlet for k in members}
    kinds = ("denial", "number", "date", "other")
    disputes = tuple(sorted(group.disputes.values(), key=lambda d: (kinds.index(d.kind), d.article, d.start or 0)))
    status = "disputed" if disputes else "corroborated" if len(outlets) >= 2 else "single_source"
    return AlignedClaim(id=claim_id, text=units[ref].text, status=status, support=support, disputes=disputes)


# -- optional contradiction model ------------------------------------------------------------------


def load_judge(path: str | Path) -> ContradictionJudge:
    """Load a user-supplied local NLI cross-encoder as a :class:`ContradictionJudge`; never downloads.

    Args:
        path: A folder with ``model.onnx`` (a sequence-pair classifier), ``tokenizer.json`` and
            ``config.json`` whose ``id2label`` names a contradiction label.

    Returns:
        A callable ``judge(premise, hypothesis) -> float`` giving the contradiction probability.

    Raises:
        JudgeError: The folder or a file is missing, onnxruntime or tokenizers is not installed, or
            the config names no contradiction label.
    """
    import json

    folder = Path(path)
    model, tokenizer_file, config = folder / "model.onnx", folder / "tokenizer.json", folder / "config.json"
    for needed in (model, tokenizer_file, config):
        if not needed.is_file():
            raise JudgeError(f"no {needed.name} in {folder}: a contradiction model is a folder with "
                             "model.onnx, tokenizer.json and config.json")  # fmt: skip
    try:
        import onnxruntime
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise JudgeError(
            f"loading a contradiction model needs onnxruntime and tokenizers ({exc.name} is missing): "
            "pip install onnxruntime==1.31.1 tokenizers==0.23.3"
        ) from exc
    labels = json.loads(config.read_text(encoding="utf-8")).get("id2label") or {}
    index = next((int(i) for i, name in labels.items() if "contradict" in str(name).lower()), None)
    if index is None:
        raise JudgeError(f"{config} names no contradiction label in id2label: {labels}")
    session = onnxruntime.InferenceSession(str(model), providers=["CPUExecutionProvider"])
    return _OnnxJudge(session, Tokenizer.from_file(str(tokenizer_file)), index)


class _OnnxJudge:
    """An ONNX sequence-pair classifier: softmax over its logits, the contradiction label's probability."""

    def __init__(self, session: Any, tokenizer: Any, index: int) -> None:
        self.session = session
        self.tokenizer = tokenizer
        self.index = index
        self.inputs = {i.name for i in session.get_inputs()}

    def __call__(self, premise: str, hypothesis: str) -> float:
        encoding = self.tokenizer.encode(premise, hypothesis)
        feed = {
            "input_ids": np.array([encoding.ids], dtype=np.int64),
            "attention_mask": np.array([encoding.attention_mask], dtype=np.int64),
            "token_type_ids": np.array([encoding.type_ids], dtype=np.int64),
        }
        logits = np.asarray(self.session.run(None, {k: v for k, v in feed.items() if k in self.inputs})[0])[0]
        exp = np.exp(logits - logits.max())
        return float(exp[self.index] / exp.sum()) if math.isfinite(float(exp.sum())) else 0.0
