"""Claim alignment across the articles of one story: which claims agree, which stand alone, which are disputed.

Claims are compared as weighted bags of content stems, entity keys, numbers and dates (TF-IDF over the
story, entity overlap, an optional embedder), grouped by correlation clustering with one claim per
article per group, and disputed from negation cues, numbers, dates and attributions; an optional local
model (:func:`load_judge`) may add more. Nothing is downloaded. See ``docs/comparison.md`` ("Claims").
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from newsprism.comparison.disputes import Found, Side, find_disputes
from newsprism.errors import NewsprismError
from newsprism.models import (
    AlignedClaim,
    AnalyzedArticle,
    Article,
    Claim,
    Dispute,
    DisputePair,
    DisputeSide,
    Support,
)

# -- thresholds (see docs/comparison.md, "Claims") -------------------------------------------------

# Paraphrases of one event in the example story all score 0.36 or more; most pairs of different
# events of the story (sharing its people and background) score less.
ALIGN_THRESHOLD = 0.34
# Similarity = LEXICAL_WEIGHT * content cosine + ENTITY_WEIGHT * entity Jaccard.
LEXICAL_WEIGHT = 0.75
ENTITY_WEIGHT = 0.25
# With an embedder, the content cosine is this share embedding, the rest TF-IDF.
EMBEDDING_SHARE = 0.5
# Words of a time adjunct ("at the start of the invasion") count this much: shared background.
CIRCUMSTANCE_WEIGHT = 0.35
# A judge's contradiction probability above this adds an "other" dispute.
JUDGE_THRESHOLD = 0.5

# Function words and speech verbs: alignment rests on what is claimed, not on "said".
STOPWORDS = frozenset(
    """a an the and or but nor so yet if then than that this these those there here it its it's is are was were
    be been being am do does did done have has had having will would shall should can could may might must of
    in on at by for with without from to into onto over under about against between through during before
    after above below up down out off again further once as until while because since also just only very
    too not no never nothing he she him her his hers they them their theirs we us our ours i me my mine you
    your yours who whom whose which what when where why how all any both each few more most other some such
    own same say says said saying tell tells told telling according one""".split()
)
# Reporting verbs and titles frame a claim ("Ukrainian President Zelensky revealed that ...") rather
# than state it; a story's claims all share them.
FRAME_WORDS = frozenset(
    """add note state reveal explain highlight emphasize emphasise stress recount quote claim announce report
    confirm insist assert remark write tweet post reply respond president prime minister secretary spokesman
    spokeswoman spokesperson press ruler leader official chairman head""".split()
)
# Negation cues scope over the next NEGATION_SCOPE words, denial verbs over DENIAL_SCOPE words.
# Modal negation ("you can't fight", "will not") forbids or predicts; it denies no fact, so it is no cue.
NEGATION_CUES = frozenset(
    "not never no nothing nobody none neither nor didn't doesn't don't wasn't weren't isn't aren't hasn't haven't "
    "hadn't".split()
)
_MODALS = frozenset("can could will would shall should may might must".split())
DENIAL_VERBS = re.compile(r"^(den(y|ies|ied|ying)|reject|refut|rebut|dismiss|disput|repudiat|debunk|disprov)")
NEGATION_SCOPE = 4
DENIAL_SCOPE = 8
# Words that open a time adjunct, and the nouns of "at the start/outset/beginning of".
TIME_OPENERS = frozenset("during after before since until amid following when as".split())
TIME_NOUNS = frozenset("start outset beginning end time height onset".split())
_BREAKS = frozenset({",", ";", ":", ".", "!", "?", "but", "and", "while", "although", "because"})
# Labels of an update or correction paragraph: not part of what is claimed.
_LABEL_RE = re.compile(r"^(?:updated?|correction|clarification|editor['’]s note)\b[^:\n]{0,40}:\s*", re.I)
# Calls to action and paywall lines that may survive extraction: never a claim.
_BOILERPLATE_RE = re.compile(
    r"\b(please support|recurring donation|subscribe to|sign up for|newsletter|available only to"
    r"|all rights reserved|follow us on|click here|read more:)",
    re.I,
)
_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|[,;:.!?]")
_SUFFIXES = tuple(
    "ization izing ising ized ised izes ises ize ise ings ing ies ied es ed s e y".split()
)  # longest first
_KINDS = ("denial", "number", "date", "other", "update")

Embedder = Callable[[Sequence[str]], Any]
"""Maps texts to one vector each (an array-like of shape ``(len(texts), dim)``)."""


class ContradictionJudge(Protocol):
    """A model scoring how likely ``hypothesis`` contradicts ``premise``, from 0 to 1."""

    def __call__(self, premise: str, hypothesis: str) -> float: ...  # pragma: no cover


class JudgeError(NewsprismError):
    """A contradiction model could not be loaded (missing file or package, no contradiction label)."""

    code = "NP510"


@dataclass(slots=True)
class _Unit:
    """One claim of one article with what alignment compares."""

    item: int
    article: Article
    claim: Claim
    start: int  # after an "Update:" label
    text: str
    bag: dict[str, float]  # content stem, @entity key, #number:unit, ^date -> weight
    entities: frozenset[str]
    negated: frozenset[str]  # stems inside a negation's scope
    voices: frozenset[str | None]


@dataclass(slots=True)
class _Group:
    members: list[int]
    disputes: dict[tuple[str, str, int], Dispute] = field(default_factory=dict)


def align_claims(
    items: Sequence[AnalyzedArticle], *, judge: ContradictionJudge | None = None, embedder: Embedder | None = None
) -> list[AlignedClaim]:
    """Align the claims of a story's articles and give each aligned claim its status and disputes.

    Args:
        items: The analysed articles of one story, analysed together (entity keys and speakers are
            canonical across them). Their order decides the order of the result.
        judge: Optional contradiction model (see :func:`load_judge`); a score above
            ``JUDGE_THRESHOLD`` for two aligned claims adds an ``other`` dispute.
        embedder: Optional sentence embedder mixed into the similarity; without it, similarity is
            lexical plus entity overlap.

    Returns:
        Aligned claims ``c1``, ``c2`` ... in order of first appearance, each ``corroborated`` (two or
        more outlets), ``single_source`` or ``disputed``; supports and disputes carry exact offsets.
    """
    return align_story_claims(items, judge=judge, embedder=embedder)[0]


def align_story_claims(
    items: Sequence[AnalyzedArticle], *, judge: ContradictionJudge | None = None, embedder: Embedder | None = None
) -> tuple[list[AlignedClaim], list[DisputePair]]:
    """Align a story's claims (as :func:`align_claims`) and list each dispute once.

    Args:
        items: The analysed articles of one story, analysed together.
        judge: Optional contradiction model.
        embedder: Optional sentence embedder.

    Returns:
        The aligned claims, and one :class:`~newsprism.models.DisputePair` per dispute (``d1``,
        ``d2`` ..., denials first), each naming both sides and the aligned claims they belong to.
    """
    units = [u for index, item in enumerate(items) for u in _units(index, item)]
    if not units:
        return [], []
    sim, conflict = _similarity(units, embedder)
    groups = _group(units, sim, conflict)
    names = {e.key: e.name for item in items for e in item.entities}
    found = _disputes(units, groups, sim, judge, names)
    order = sorted(groups, key=lambda g: min((units[k].item, units[k].start) for k in g.members))
    ids = {id(g): f"c{n}" for n, g in enumerate(order, start=1)}
    claims = [_aligned(units, g, _reference(units, g), ids[id(g)]) for g in order]
    return claims, dispute_pairs(found, units, ids)


def _units(index: int, item: AnalyzedArticle) -> list[_Unit]:
    article = item.article
    mentions = _mentions(item)
    units = []
    for claim in item.claims:
        # Drop an "Update:" label so the support reads as the claim itself; offsets stay exact.
        label = _LABEL_RE.match(claim.text)
        start = claim.start + (label.end() if label else 0)
        text = article.text[start : claim.end]
        if _BOILERPLATE_RE.search(text) or any(text in b.text for b in article.boilerplate):
            continue
        spans = [(a, b, key) for a, b, key in mentions if a >= start and b <= claim.end]
        # Lower-cased words and clause punctuation, each entity mention one "@key" token.
        raw, pos = [], start
        for a, b, key in [*spans, (claim.end, claim.end, "")]:
            raw += [re.sub(r"'s$", "", t.lower().replace("’", "'")) for t in _TOKEN_RE.findall(article.text[pos:a])]
            raw += ["@" + key] if key else []
            pos = b
        bag, negated = _features(raw)
        for key in [f"#{n.value:g}:{n.unit}" for n in claim.numbers] + [f"^{d.value}" for d in claim.dates if d.value]:
            bag[key] = bag.get(key, 0.0) + 1.0
        # Its source and the speakers and reporters of quotes inside it: nested quotes credit one
        # outlet's claim to Zelensky, another's to the Lukashenko he quotes; sharing a voice is no conflict.
        voices = {claim.attributed_key or claim.attributed_to} | {
            v
            for q in item.quotes
            if q.start < claim.end and q.end > claim.start
            for v in (q.speaker_key or q.speaker, q.reported_by_key or q.reported_by)
        }
        entities = frozenset(key for _, _, key in spans)
        units.append(_Unit(index, article, claim, start, text, bag, entities, negated, frozenset(voices - {None})))
    return units


def _mentions(item: AnalyzedArticle) -> list[tuple[int, int, str]]:
    """Entity mentions (start, end, key): the analysis's, plus repeats of their forms NER missed ("Łukašenka")."""
    forms: dict[str, str] = {}
    for entity in item.entities:
        for mention in entity.mentions:
            text = re.sub(r"['’]s$", "", mention.text.strip())
            forms.setdefault(text, entity.key)
            if entity.type == "person" and " " in text:
                forms.setdefault(text.rsplit(" ", 1)[1], entity.key)  # the surname alone
    found = [(m.start, m.end, e.key) for e in item.entities for m in e.mentions if m.end > m.start]
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True) if len(f) > 2)
    if alternatives:
        pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
        found += [(m.start(), m.end(), forms[m.group()]) for m in pattern.finditer(item.article.text)]
    spans: list[tuple[int, int, str]] = []
    for start, end, key in sorted(found, key=lambda s: (s[0], -s[1])):
        if not spans or start >= spans[-1][1]:
            spans.append((start, end, key))
    return spans


def _features(raw: list[str]) -> tuple[dict[str, float], frozenset[str]]:
    """Weighted content stems and entity tokens (no function, frame or title words), and negated stems.

    Words of a time adjunct ("at the start of Russia's full-scale invasion") count ``CIRCUMSTANCE_WEIGHT``:
    counted fully, shared background groups claims by when things happened rather than by what happened.
    """
    bag: dict[str, float] = {}
    negated: set[str] = set()
    circumstance, scope = False, 0
    for k, token in enumerate(raw):
        if token in _BREAKS:
            circumstance = circumstance and token in ("and", "but")
            scope = 0
            continue
        if token in TIME_OPENERS or (token == "at" and raw[k + 2 : k + 3] and raw[k + 2] in TIME_NOUNS):
            circumstance = True
        if (token in NEGATION_CUES and (k == 0 or raw[k - 1] not in _MODALS)) or DENIAL_VERBS.match(token):
            scope = NEGATION_SCOPE if DENIAL_VERBS.match(token) is None else DENIAL_SCOPE
            continue
        in_scope, scope = scope > 0, max(scope - 1, 0)
        if token[0] != "@":
            if token in STOPWORDS or len(token) < 2 or not token.isalpha() or token.endswith("n't"):
                continue
            token = _stem(token)
            if in_scope:
                negated.add(token)
            following = _stem(raw[k + 1]) if k + 1 < len(raw) and raw[k + 1] not in STOPWORDS else ""
            if token in _FRAME_STEMS or following in _FRAME_STEMS:
                continue
        bag[token] = bag.get(token, 0.0) + (CIRCUMSTANCE_WEIGHT if circumstance else 1.0)
    return bag, frozenset(negated)


def _stem(word: str) -> str:
    """A light suffix stripper: enough to match apologized/apologize/apology, strikes/strike."""
    word = re.sub(r"'s?$", "", word)
    suffix = next((x for x in _SUFFIXES if word.endswith(x) and len(word) - len(x) >= 4), "")
    return word[: len(word) - len(suffix)]


_FRAME_STEMS = FRAME_WORDS | {_stem(w) for w in FRAME_WORDS}


def _similarity(units: list[_Unit], embedder: Embedder | None) -> tuple[np.ndarray, np.ndarray]:
    """Pairwise similarity (TF-IDF cosine, optionally mixed with embeddings, plus entity overlap) and conflicts.

    A conflict is one claim negating what the other asserts: they contradict, never corroborate.
    """
    n = len(units)
    vocabulary = {t: i for i, t in enumerate(sorted({t for u in units for t in u.bag}))}
    matrix = np.zeros((n, len(vocabulary)))
    for row, unit in enumerate(units):
        for token, weight in unit.bag.items():
            matrix[row, vocabulary[token]] = weight
    # Smoothed IDF over the story's own claims: what every claim of the story says weighs little.
    matrix *= np.log((1 + n) / (1 + (matrix > 0).sum(axis=0))) + 1
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    content = matrix @ matrix.T
    if embedder is not None:
        vectors = np.asarray(embedder([u.text for u in units]), dtype=float)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        content = (1 - EMBEDDING_SHARE) * content + EMBEDDING_SHARE * np.clip(vectors @ vectors.T, 0, 1)
    sim = LEXICAL_WEIGHT * content
    words = [{t for t in u.bag if t[0] != "@"} for u in units]
    conflict = np.zeros((n, n), dtype=bool)
    for i, j in combinations(range(n), 2):
        u, v = units[i], units[j]
        conflict[i, j] = conflict[j, i] = bool(
            u.negated & (v.bag.keys() - v.negated) or v.negated & (u.bag.keys() - u.negated)
        )
        shared = len(u.entities & v.entities) / max(len(u.entities | v.entities), 1)
        sim[i, j] = sim[j, i] = sim[i, j] + ENTITY_WEIGHT * shared
        # Without embeddings, shared entities alone are no evidence (a story's claims all name the same people).
        if embedder is None and not words[i] & words[j]:
            sim[i, j] = sim[j, i] = 0.0
    np.fill_diagonal(sim, 1.0)
    return sim, conflict


def _group(units: list[_Unit], sim: np.ndarray, conflict: np.ndarray) -> list[_Group]:
    """Correlation clustering, one claim per article per group: maximise the sum of (sim - ALIGN_THRESHOLD) in groups.

    A greedy average-link pass (best pair first), then single-claim moves while the sum grows: greedy
    merging alone lets "at the start of the invasion, Lukashenko apologized" join the phone-call claims
    on shared background first; the sum prefers two tight groups to one loose one.
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
        if gi == gj or {units[k].item for k in members[gi]} & {units[k].item for k in members[gj]}:
            continue
        if np.mean([weight[a, b] for a in members[gi] for b in members[gj]]) >= 0:
            members[gi] += members.pop(gj)
            for k in members[gi]:
                group_of[k] = gi
    for _ in range(20):  # converges in a few rounds; the cap only bounds pathological inputs
        if not _improve(units, weight, group_of, members):
            break
    return [_Group(sorted(m, key=lambda k: (units[k].item, units[k].start))) for m in members.values() if m]


def _improve(units: list[_Unit], weight: np.ndarray, group_of: list[int], members: dict[int, list[int]]) -> bool:
    """One round of moves raising the objective (True if any): a claim moves to another group or alone,
    and a claim of its article already there moves on to its best place (the old group, another, alone)."""

    def gain(k: int, group: list[int], *without: int) -> float:
        return float(sum(weight[k, m] for m in group if m != k and m not in without))

    def move(k: int, target: int) -> None:  # target -1: a new group of its own
        members[group_of[k]].remove(k)
        target = max(members) + 1 if target == -1 else target
        members.setdefault(target, []).append(k)
        group_of[k] = target

    changed = False
    for k in range(len(units)):
        home = group_of[k]
        stay = gain(k, members[home])
        best = (-stay if len(members[home]) > 1 else 0.0, -1, -1, -1)  # (gain, target, rival, rival's target)
        for target, group in members.items():
            if target == home or not group or weight[k, group].max() <= 0:
                continue
            rival = next((m for m in group if units[m].item == units[k].item), -1)
            delta, place = gain(k, group, rival) - stay, -1
            if rival >= 0:
                options = [(0.0, -1)] + [
                    (gain(rival, g, k), key)
                    for key, g in members.items()
                    if key != target and g and (key == home or all(units[m].item != units[rival].item for m in g))
                ]
                rival_gain, place = max(options)
                delta += rival_gain - gain(rival, group)
            if delta > best[0]:
                best = (delta, target, rival, place)
        if best[0] > 1e-9:
            move(k, best[1])
            if best[2] >= 0:
                move(best[2], best[3])
            changed = True
    return changed


def _reference(units: list[_Unit], group: _Group) -> int:
    """The most complete supporting claim: the one carrying most of the group's content, earliest on ties."""
    return max(group.members, key=lambda k: (len(units[k].bag), -units[k].item, -units[k].start))


def _add(group: _Group, kind: str, unit: _Unit) -> None:
    claim = unit.claim
    dispute = Dispute(
        kind, unit.article.id, unit.text, claim.attributed_to, unit.start, claim.end, claim.attributed_key
    )
    group.disputes.setdefault((kind, unit.article.id, unit.start), dispute)


def _disputes(
    units: list[_Unit],
    groups: list[_Group],
    sim: np.ndarray,
    judge: ContradictionJudge | None,
    names: dict[str, str],
) -> list[tuple[Found, _Group, _Group]]:
    """Find the story's disputes (see :mod:`newsprism.comparison.disputes`) and attach them to both groups."""
    group_index = {k: n for n, g in enumerate(groups) for k in g.members}
    sides = [
        Side(
            u.item,
            u.article.id,
            u.article.published,
            u.claim,
            u.start,
            group_index[k],
            u.voices,
            u.article.text,
            frozenset(t for t in u.bag if t[0].isalpha() or t[0] == "@"),
            u.entities,
        )
        for k, u in enumerate(units)
    ]
    found = find_disputes(sides, sim, names)
    if judge is not None:
        found += _judged(units, groups, judge, {(f.i, f.j) for f in found})
    result = []
    for f in found:
        gi, gj = groups[group_index[f.i]], groups[group_index[f.j]]
        # Each side's aligned claim lists the other side; inside one aligned claim, the later report
        # is the one that disputes it.
        _add(gi, f.kind, units[f.j])
        if gj is not gi:
            _add(gj, f.kind, units[f.i])
        result.append((f, gi, gj))
    return result


def _judged(
    units: list[_Unit], groups: list[_Group], judge: ContradictionJudge, known: set[tuple[int, int]]
) -> list[Found]:
    """Within each group, across articles: pairs the contradiction model judges contradictory."""
    found = []
    for group in groups:
        for i, j in combinations(group.members, 2):
            a, b = units[i], units[j]
            if a.item == b.item or (i, j) in known or (j, i) in known:
                continue
            if max(judge(a.text, b.text), judge(b.text, a.text)) > JUDGE_THRESHOLD:
                found.append(Found("other", i, j, "contradiction (model)"))
                break  # one dispute per aligned claim
    return found


def _asserter(unit: _Unit) -> tuple[str | None, str | None]:
    """The source a support gives (name, key); (None, None) for the outlet's own voice."""
    return unit.claim.attributed_to, unit.claim.attributed_key


def _aligned(units: list[_Unit], group: _Group, ref: int, claim_id: str) -> AlignedClaim:
    members = sorted(group.members, key=lambda k: (units[k].item, units[k].start))
    support = tuple(
        Support(
            units[k].article.id,
            units[k].text,
            units[k].start,
            units[k].claim.end,
            outlet=units[k].article.outlet,
            voice=units[k].claim.voice,
            asserted_by=units[k].claim.attributed_to,
            asserted_key=units[k].claim.attributed_key,
        )
        for k in members
    )
    disputes = tuple(sorted(group.disputes.values(), key=lambda d: (_KINDS.index(d.kind), d.article, d.start or 0)))
    outlets = tuple(dict.fromkeys(units[k].article.outlet or units[k].article.id for k in members))
    # Whose statement it is: the source most supports give (ties: the reference's); None is the outlets' voice.
    asserters = Counter(_asserter(units[k]) for k in members)
    ranked = sorted(asserters.items(), key=lambda kv: (-kv[1], kv[0] != _asserter(units[ref])))
    asserted_by, asserted_key = ranked[0][0]
    conflicting = any(d.kind != "update" for d in disputes)
    status = "disputed" if conflicting else "corroborated" if _corroborating(units, members) >= 2 else "single_source"
    return AlignedClaim(
        id=claim_id,
        text=units[ref].text,
        status=status,
        support=support,
        disputes=disputes,
        outlets=outlets,
        asserted_by=asserted_by,
        asserted_key=asserted_key,
    )


def _corroborating(units: list[_Unit], members: list[int]) -> int:
    """The most outlets giving the claim from one source (each outlet once).

    Two supports share a source when both are in the outlets' own voice, or when their voices (the
    source, and the speakers and reporters of quotes inside) meet: one outlet credits a quote to
    Zelensky, who reports it, another to Lukashenko, who said it. Supports from different sources
    are different statements, not one corroborated fact.
    """
    best = 0
    for k in members:
        mine = units[k].voices
        outlets = {
            units[m].article.outlet or units[m].article.id
            for m in members
            if (not mine and not units[m].voices) or mine & units[m].voices
        }
        best = max(best, len(outlets))
    return best


def dispute_pairs(
    units_found: list[tuple[Found, _Group, _Group]], units: list[_Unit], ids: dict[int, str]
) -> list[DisputePair]:
    """One :class:`DisputePair` per dispute, both sides with text, article, offsets, claim id and source."""
    pairs = []
    for n, (f, gi, gj) in enumerate(units_found, start=1):
        sides = []
        for k, group in ((f.i, gi), (f.j, gj)):
            u = units[k]
            sides.append(
                DisputeSide(
                    u.article.id,
                    u.text,
                    u.start,
                    u.claim.end,
                    ids.get(id(group)),
                    u.claim.attributed_to,
                    u.claim.attributed_key,
                    u.article.outlet,
                )
            )
        pairs.append(DisputePair(f"d{n}", f.kind, sides[0], sides[1], f.note))
    return pairs


def load_judge(path: str | Path) -> ContradictionJudge:
    """Load a user-supplied local NLI cross-encoder as a :class:`ContradictionJudge`; never downloads.

    Args:
        path: A folder with ``model.onnx`` (a sequence-pair classifier), ``tokenizer.json`` and
            ``config.json`` whose ``id2label`` names a contradiction label.

    Returns:
        ``judge(premise, hypothesis) -> float``, the contradiction probability.

    Raises:
        JudgeError: A file, onnxruntime or tokenizers is missing, or no label is a contradiction.
    """
    folder = Path(path)
    files = {name: folder / name for name in ("model.onnx", "tokenizer.json", "config.json")}
    for name, file in files.items():
        if not file.is_file():
            raise JudgeError(
                f"no {name} in {folder}: give an NLI cross-encoder folder (model.onnx, tokenizer.json, config.json)"
            )
    try:
        import onnxruntime  # type: ignore[import-not-found, import-untyped, unused-ignore]
        from tokenizers import Tokenizer  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError as exc:
        raise JudgeError(
            f"a contradiction model needs onnxruntime and tokenizers ({exc.name} is missing): "
            "pip install onnxruntime==1.31.1 tokenizers==0.23.3"
        ) from exc
    labels = json.loads(files["config.json"].read_text(encoding="utf-8")).get("id2label") or {}
    index = next((int(i) for i, name in labels.items() if "contradict" in str(name).lower()), None)
    if index is None:
        raise JudgeError(f"{files['config.json']} names no contradiction label in id2label: {labels}")
    session = onnxruntime.InferenceSession(str(files["model.onnx"]), providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(files["tokenizer.json"]))
    names = {i.name for i in session.get_inputs()}

    def judge(premise: str, hypothesis: str) -> float:
        enc = tokenizer.encode(premise, hypothesis)
        feed = {"input_ids": enc.ids, "attention_mask": enc.attention_mask, "token_type_ids": enc.type_ids}
        logits = np.asarray(session.run(None, {k: np.array([v], np.int64) for k, v in feed.items() if k in names})[0])
        exp = np.exp(logits[0] - logits[0].max())  # softmax over the labels
        return float(exp[index] / exp.sum())

    return judge
