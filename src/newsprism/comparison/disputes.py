"""Disputes between the claims of one story: two statements about the same fact that conflict.

A pair of claims is a dispute only when both are about one fact and they cannot both be true:

* **denial**: one negates or denies the proposition the other asserts: the same predicate (lemma),
  compatible subjects and objects (the same entity key or lemma, or one side unknown), not merely
  shared words; a modal negation ("you can't fight") forbids, it denies no fact;
* **number**: two values of one quantity (the same unit and counted noun) of the same fact (the
  claims align, are closely related, state the same predicate of the same subject, or are the two
  clauses of one contrastive sentence), further apart than the precision they are written with;
  a figure that rises in a later report (later publication) is an ``update``, shown apart;
* **date**: incompatible resolved dates for the same event (same predicate, compatible subject).

Never a dispute: a claim and its own sentence; two renderings of one utterance (the same source
in one aligned claim); opinion and debate (nothing negated, no figure, no date in conflict).
Everything here reads :class:`~newsprism.models.Claim` fields filled by the analysis, so it works
on entity keys and lemmas, whatever the language. See ``docs/claims.md``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from math import floor, log10

from newsprism.models import Claim, DateValue, NumberValue

# Two unaligned claims this similar (content cosine + entity overlap, see comparison/claims.py) may
# give conflicting figures or dates of one fact. Fitted on the dispute gold (BASIL + ECB+ dev) with
# the disputed share of the 50 BASIL dev stories (see docs/benchmarks.md, "Disputes").
RELATED_THRESHOLD = 0.3
# ... and figures of one counted noun ("2,029 points" / "2,129 points") that the same named subject
# has by the same predicate need only this similarity: outlets word such a total in few shared words.
# Fitted on the dispute gold (BASIL + ECB+ dev) with the disputed share of the 50 BASIL dev stories.
COUNTED_RELATED = 0.1
# A figure hedged by an approximator ("about", "nearly", "more than") is compatible with another
# within this share of the larger value. Fitted on BASIL + ECB+ dev and the dispute gold together.
APPROX_TOLERANCE = 0.15
# A round figure covers figures within this share of its last written digit ("20,000" covers 17,500 to
# 22,500; "10" covers 7.5 to 12.5): a round figure is rounded, but not to the nearest order of magnitude.
# Fitted on the dispute gold (BASIL + ECB+ dev) with the disputed share of BASIL dev.
ROUNDING_SHARE = 0.25
# Figures of one quantity that outlets give differently stay within this factor of each other; further
# apart they measure different things (23 points in a game, 2,129 in a career). Fitted on BASIL + ECB+
# dev and the dispute gold.
MAX_RATIO = 5.0
# At most this many characters between two clauses of one sentence read as one contrast
# ("..., while Ukraine estimated ..."): a connector, not another sentence.
CLAUSE_GAP = 40
# Two claims sharing this share of their content words (Jaccard) are one utterance worded twice.
# Fitted on BASIL + ECB+ dev (quotes repeated across outlets) and the dispute gold.
SAME_WORDS = 0.7
# ... or one holds this share of the other's words and is at most twice as long. Both fitted on
# BASIL + ECB+ dev (quotes repeated across outlets) and the dispute gold.
CONTAINED = 0.9
# Predicates too general to identify a fact on their own ("is", "has", "said"): they need the same object.
GENERAL_PREDICATES = frozenset("be have do say make get go come take give see know think tell".split())
# Negations that forbid or predict rather than deny (their modality): no denial of a fact.
# Verbs that report one kind of fact in news tolls and counts (a general lexicon, not a story's words):
# "four people struck" and "six injured" count the same casualties.
PREDICATE_CLASSES = {
    **dict.fromkeys("injure hurt wound strike hit harm maim".split(), "harm"),
    **dict.fromkeys("kill die dead perish".split(), "kill"),
    **dict.fromkeys("arrest detain".split(), "arrest"),
    **dict.fromkeys("evacuate displace".split(), "evacuate"),
}
# Pronouns and demonstratives as arguments: they stand for something the argument does not name.
PRONOUNS = frozenset("i me we us you it they them this that these those who which what one there".split())
_NON_FACTUAL = frozenset({"possible", "necessary", "conditional"})
# Words before a figure that make it approximate or a bound.
APPROXIMATORS = re.compile(
    r"\b(about|around|roughly|nearly|almost|approximately|some|more than|over|at least|up to|as many as"
    r"|fewer than|less than|under|close to|upwards of|estimated|an estimated)\s*$",
    re.IGNORECASE,
)
_CONTRAST = re.compile(r"^[\s,;:—–-]*(while|whereas|but|although|though|yet|however)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\n]")
_MEASURES = frozenset({"percent", "percentage point", "USD", "EUR", "GBP", "RUB", "UAH", "BYN", "CNY", "JPY", "PLN"})
_WHOLE_RE = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:of|in|out of)\b[^.;:]{0,30}$",
    re.IGNORECASE,
)
# "10 points in the first 7 minutes", "11 in the second half": a count over part of the event.
_SPAN_RE = re.compile(r"(?:\s+\w+)?\s+in\s+the\s+(?:first|last|opening|final|second|closing)\b", re.IGNORECASE)
_PART_RE = re.compile(r"\s+(?:of|in|out of)\b", re.IGNORECASE)
_ROUND = 1e-9
WEEKDAY_NAMES = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTH_NAMES = frozenset("january february march april may june july august september october november december".split())
_RECURRING = re.compile(r"\b(each|every)\b", re.I)
_RELATIVE_DAY = re.compile(r"\b(yesterday|today|tonight|tomorrow|last night|this morning|this evening)\b", re.I)


@dataclass(frozen=True, slots=True)
class Side:
    """One claim as dispute detection reads it.

    ``group`` is the aligned claim it belongs to; ``voices`` the keys or names of its source and of
    the speakers and reporters of quotes inside it (empty: the outlet's own voice); ``text`` the
    article's text (to read the words before a figure); ``start`` where the claim's support begins.
    """

    item: int
    article: str
    published: str | None
    claim: Claim
    start: int
    group: int
    voices: frozenset[str]
    text: str
    words: frozenset[str] = frozenset()  # content stems and @entity keys of the claim
    entities: frozenset[str] = frozenset()  # entity keys the claim mentions


@dataclass(frozen=True, slots=True)
class Found:
    """A dispute between sides ``i`` and ``j`` (``i`` the earlier report), with a short note."""

    kind: str
    i: int
    j: int
    note: str


def find_disputes(
    sides: Sequence[Side], similarity: Sequence[Sequence[float]], names: Mapping[str, str] | None = None
) -> list[Found]:
    """Every conflicting pair of claims, at most one per pair of aligned claims.

    Args:
        sides: The story's claims, with the aligned claim each belongs to.
        similarity: Pairwise similarity of the claims (as used for alignment).
        names: Canonical names by entity key, for the notes.

    Returns:
        The disputes, denials first, then numbers, dates and updates; each pair of aligned claims
        (or one aligned claim with itself, for two figures inside it) at most once.
    """
    found: list[Found] = []
    seen: set[tuple[int, int]] = set()
    for i in range(len(sides)):
        for j in range(i + 1, len(sides)):
            a, b = sides[i], sides[j]
            if _same_sentence(a, b):
                continue
            key = (min(a.group, b.group), max(a.group, b.group))
            if key in seen:
                continue
            first, second = (i, j) if _earlier(a, b) else (j, i)
            result = _dispute(sides[first], sides[second], float(similarity[i][j]), names or {})
            if result is not None:
                seen.add(key)
                found.append(Found(result[0], first, second, result[1]))
    order = {"denial": 0, "number": 1, "date": 2, "other": 3, "update": 4}
    found.sort(key=lambda f: (order.get(f.kind, 5), f.i, f.j))
    return found


def _dispute(a: Side, b: Side, sim: float, names: Mapping[str, str]) -> tuple[str, str] | None:
    """The kind of conflict between two claims and a note, or None."""
    denial = _denial(a, b, names)
    if denial is not None:
        return "denial", denial
    numbers = _number_conflict(a, b, sim)
    if numbers is not None:
        return numbers
    if _same_event(a, b, sim, dates=True) and dates_conflict(a.claim, b.claim):
        xs = ", ".join(d.text for d in _event(a.claim))
        ys = ", ".join(d.text for d in _event(b.claim))
        return "date", f"{_what(a.claim, names)}: {xs} vs {ys}"
    return None


# -- identity of a fact ------------------------------------------------------------------------------


def _compatible(x: str | None, y: str | None) -> bool:
    """Two arguments may be the same: equal, or one of them unknown."""
    return x is None or y is None or _same_key(x, y)


def _same_key(x: str | None, y: str | None) -> bool:
    """Equal arguments, or one person's key by surname and by full name ("person:smith" and
    "person:smith/john": an article names a person in full once and by surname after)."""
    if x is None or y is None:
        return False
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    return short.startswith("person:") and "/" not in short and long.startswith(short + "/")


def _both_named(x: str | None, y: str | None) -> bool:
    return ":" in (x or "") and ":" in (y or "")


def _known(x: str | None) -> bool:
    """An argument that identifies something: not unknown, not a pronoun or demonstrative."""
    return x is not None and x not in PRONOUNS and any(ch.isalpha() for ch in x)


def same_proposition(a: Claim, b: Claim) -> bool:
    """Whether two claims state the same predicate of compatible arguments.

    A general predicate ("be", "have", "say") identifies nothing alone: it needs the same object.
    """
    if a.predicate is None or b.predicate is None or not a.predicate.isalpha():
        return False
    if PREDICATE_CLASSES.get(a.predicate, a.predicate) != PREDICATE_CLASSES.get(b.predicate, b.predicate):
        return False
    if not _compatible(a.subject, b.subject):
        return False
    # The same named subject and predicate is one fact whatever the object's wording ("fathered the
    # fetus", "the father of the baby"), unless both objects are named and differ.
    named_subject = ":" in (a.subject or "") and _same_key(a.subject, b.subject)
    if not _compatible(a.object, b.object) and not (named_subject and not _both_named(a.object, b.object)):
        return False
    if a.predicate in GENERAL_PREDICATES and (a.object is None or a.object != b.object):
        return False
    # At least one argument known on both sides and the same: a verb in common is not a fact in common.
    return (_known(a.subject) and _same_key(a.subject, b.subject)) or (_known(a.object) and a.object == b.object)


def _same_event(a: Side, b: Side, sim: float, *, dates: bool = False) -> bool:
    """Whether two claims report the same event: one proposition, and aligned or related by content.

    For dates, a proposition whose predicate and a named subject or the object agree ("Reid checked
    in", "hold the primary") names the event well enough on its own: outlets date it in different
    words, so content similarity is low.
    """
    if not same_proposition(a.claim, b.claim) or _persons_apart(a, b):
        return False
    if a.group == b.group or sim >= RELATED_THRESHOLD:
        return True
    if not dates:
        return False
    named_subject = ":" in (a.claim.subject or "") and _same_key(a.claim.subject, b.claim.subject)
    return named_subject or (_known(a.claim.object) and a.claim.object == b.claim.object)


def _same_sentence(a: Side, b: Side) -> bool:
    """A claim is never disputed by its own sentence (overlapping spans of one article)."""
    return a.article == b.article and a.start < b.claim.end and b.start < a.claim.end


def _same_utterance(a: Side, b: Side) -> bool:
    """Two renderings of one utterance: one aligned claim from the same source in both articles."""
    return a.group == b.group and bool(a.voices & b.voices)


def _same_words(a: Side, b: Side) -> bool:
    """Nearly the same content words: one sentence worded twice, whatever a negation inside says
    ("Man is the objective" inside "That is not the objective, man is the objective")."""
    if not a.words or not b.words:
        return False
    shared = len(a.words & b.words)
    small, large = sorted((len(a.words), len(b.words)))
    # the same words, or one inside the other with little added ("..., he added at another point")
    return shared / (small + large - shared) >= SAME_WORDS or (shared >= CONTAINED * small and large <= 2 * small)


def _persons_apart(a: Side, b: Side) -> bool:
    """Both claims name people and none in common: "14 points from Artino" is not Echenique's 11."""
    pa = {k for k in a.entities if k.startswith("person:")}
    pb = {k for k in b.entities if k.startswith("person:")}
    return bool(pa and pb and not any(_same_key(x, y) for x in pa for y in pb))


def _earlier(a: Side, b: Side) -> bool:
    """Whether ``a`` was published first (articles in story order when undated or the same day)."""
    if a.published and b.published and a.published != b.published:
        return a.published < b.published
    return (a.item, a.start) <= (b.item, b.start)


def _what(claim: Claim, names: Mapping[str, str]) -> str:
    """A few words naming the fact: subject, predicate and object (entity keys as canonical names)."""
    parts = [names.get(p, p) for p in (claim.subject, claim.predicate, claim.object) if p and _known(p)]
    return " ".join(parts) or "the same fact"


# -- denials -------------------------------------------------------------------------------------------


def _with_subject(side: Side, other: Side) -> Claim:
    """The claim, its unknown subject read as the other's named subject when it names that entity
    ("Lukashenko's press secretary said he did not apologize": he is Lukashenko, named there)."""
    claim, subject = side.claim, other.claim.subject
    if claim.subject is None and subject is not None and ":" in subject and subject in side.entities:
        return replace(claim, subject=subject)
    return claim


def _denial(a: Side, b: Side, names: Mapping[str, str]) -> str | None:
    """A note when one claim negates what the other asserts, else None."""
    if a.claim.negated == b.claim.negated:
        return None
    negated, asserted = (a, b) if a.claim.negated else (b, a)
    if negated.claim.modality in _NON_FACTUAL or asserted.claim.modality == "conditional":
        return None
    if (negated.voices and negated.voices == asserted.voices) or _same_utterance(a, b) or _same_words(a, b):
        return None  # one source saying both is a correction or a quote worded twice, not a dispute
    if not same_proposition(_with_subject(negated, asserted), _with_subject(asserted, negated)):
        return None
    if _persons_apart(a, b):
        return None
    who = negated.claim.attributed_to or "an outlet"
    return f"{who} denies: {_what(asserted.claim, names)}"


# -- numbers -----------------------------------------------------------------------------------------


def _number_conflict(a: Side, b: Side, sim: float) -> tuple[str, str] | None:
    """A number (or update) dispute between two claims, with its note, or None."""
    pairs = _quantity_pairs(a.claim, b.claim, a.text, b.text)
    if not pairs:
        return None
    # One fact: the same predicate of the same subject, or one aligned claim, or a contrast of two
    # clauses; content similarity alone is not enough (a game's many scores share every word).
    named = ":" in (a.claim.subject or "") and _same_key(a.claim.subject, b.claim.subject)
    related = not _persons_apart(a, b) and (
        _contrast_clauses(a, b)
        or (same_proposition(a.claim, b.claim) and (a.group == b.group or (named and sim >= RELATED_THRESHOLD / 2)))
        or (named and _same_tally(a.claim, b.claim, pairs) and sim >= COUNTED_RELATED and _counted_pair(pairs))
    )
    if not related:
        return None
    for x, y in pairs:
        if max(x.value, y.value) > MAX_RATIO * min(x.value, y.value):
            continue  # a game's points and a career's, one arrest and a week's: not one quantity
        if values_conflict(x, y, approx=_approximate(a, x) or _approximate(b, y)):
            what = x.counted or x.unit or "figure"
            later = a.published and b.published and a.published[:10] < b.published[:10]
            if later and y.value > x.value:
                return "update", f"later report: {what} {x.text} then {y.text}"
            return "number", f"{what}: {x.text} vs {y.text}"
    return None


def _same_tally(a: Claim, b: Claim, pairs: Sequence[tuple[NumberValue, NumberValue]]) -> bool:
    """The same proposition, or one side only has the figure ("had 12 points", the object the counted
    noun) of what the other did ("scored 14 points"): a tally states the count of the other's deed."""
    if same_proposition(a, b):
        return True
    counted = {x.counted for x, y in pairs if x.counted is not None and x.counted == y.counted}
    tally = [c for c in (a, b) if c.predicate == "have" and c.object in counted]
    other = b if tally and tally[0] is a else a
    return len(tally) == 1 and other.object in (None, *counted) and other.predicate not in GENERAL_PREDICATES


def _counted_pair(pairs: Sequence[tuple[NumberValue, NumberValue]]) -> bool:
    """Some pair of figures names the same counted noun on both sides ("2,029 points", "2,129 points")."""
    return any(x.counted is not None and x.counted == y.counted for x, y in pairs)


def _own_figures(claim: Claim) -> list[NumberValue]:
    """The figures of the claim's own predicate (all its figures where the analysis did not say)."""
    if claim.event_numbers is None:
        return list(claim.numbers)
    return [claim.numbers[n] for n in claim.event_numbers if n < len(claim.numbers)]


def _partitive(text: str, number: NumberValue) -> bool:
    """A part of a whole ("three of the seven bullets", "five of his rebounds", "1 in 500"): not the quantity."""
    if number.unit in _MEASURES:
        return False  # "12 percent of voters": the "of" names what the share is of
    if _PART_RE.match(text, number.end) is not None or _SPAN_RE.match(text, number.end) is not None:
        return True
    # the whole of a part ("10 of the team's first 17 points") is not the quantity either
    return _WHOLE_RE.search(text[max(0, number.start - 40) : number.start]) is not None


def _modifier(text: str, number: NumberValue) -> bool:
    """A figure joined to its counted noun in a compound modifier ("a three-point play", "a 5-point lead"):
    it qualifies another noun and counts nothing ("a 20,000-strong force" still counts troops)."""
    hyphened = re.match(r"-([a-z]+)", text[number.end : number.end + 24], re.IGNORECASE)
    return bool(hyphened and number.counted and hyphened.group(1).lower().startswith(number.counted.lower()))


def _quantity_pairs(a: Claim, b: Claim, a_text: str, b_text: str) -> list[tuple[NumberValue, NumberValue]]:
    """Figures of the two claims measuring one quantity: the same unit, and the same counted noun
    where both name one; only when no figure of one agrees with a figure of the other for it."""
    pairs = []
    na, nb = _own_figures(a), _own_figures(b)
    for unit in {n.unit for n in na if n.unit} & {n.unit for n in nb if n.unit}:
        xs = [n for n in na if n.unit == unit and n.value > 0 and not _modifier(a_text, n)]
        ys = [n for n in nb if n.unit == unit and n.value > 0 and not _modifier(b_text, n)]
        # A part and its whole ("three of the seven bullets") are neither the quantity as a whole.
        if any(_partitive(a_text, n) for n in xs) or any(_partitive(b_text, n) for n in ys):
            continue
        same = [(x, y) for x in xs for y in ys if _compatible(x.counted, y.counted)]
        if same and all(values_conflict(x, y) for x, y in same):
            pairs += same
    return pairs


def _approximate(side: Side, number: NumberValue) -> bool:
    """Whether the words just before a figure make it approximate or a bound ("about 130")."""
    return APPROXIMATORS.search(side.text[max(0, number.start - 24) : number.start]) is not None


def written_step(value: float) -> float:
    """The precision a figure is written with: 5.7e9 -> 1e8, 20000 -> 1e4, 2029 -> 1, 0.5 -> 0.1."""
    if value <= 0:
        return 1.0
    step = 10.0 ** floor(log10(value))
    while step > 1e-6 and abs(value / step - round(value / step)) > _ROUND * max(1.0, value / step):
        step /= 10
    return step


def values_conflict(x: NumberValue, y: NumberValue, *, approx: bool = False) -> bool:
    """Whether two figures differ beyond rounding: at least ``ROUNDING_SHARE`` of the coarser written step apart,
    and, when either is approximate, more than ``APPROX_TOLERANCE`` of the larger."""
    diff = abs(x.value - y.value)
    if diff < ROUNDING_SHARE * max(written_step(x.value), written_step(y.value)):
        return False
    return not (approx and diff <= APPROX_TOLERANCE * max(x.value, y.value))


def _contrast_clauses(a: Side, b: Side) -> bool:
    """Two clauses of one sentence with a contrastive connector between them ("..., while ...")."""
    if a.article != b.article:
        return False
    first, second = (a, b) if a.start < b.start else (b, a)
    gap = first.text[first.claim.end : second.start]
    return len(gap) <= CLAUSE_GAP and not _SENTENCE_END.search(gap) and _CONTRAST.match(gap) is not None


# -- dates ----------------------------------------------------------------------------------------------


def dates_conflict(a: Claim, b: Claim) -> bool:
    """Whether two claims date their event differently: resolved dates none of which is compatible
    with one of the other's (neither contains the other, as 2022 and 2022-02; nor adjacent days where
    either is relative to its publication, "yesterday"), or, where the text gives no resolvable date
    (no publication date on one side), different weekday or month names ("on Tuesday" against "on
    Friday, December 12")."""
    da, db = _event(a), _event(b)
    xs, ys = [d for d in da if d.value], [d for d in db if d.value]
    if xs and ys:
        return not any(_dates_compatible(x.value or "", y.value or "", x.text, y.text) for x in xs for y in ys)
    if any(_RELATIVE_DAY.search(d.text) for d in (*da, *db)):
        return False  # "yesterday" read without its publication date may be any weekday
    for names in (WEEKDAY_NAMES, MONTH_NAMES):
        na, nb = _names(da, names), _names(db, names)
        if na and nb and not na & nb:
            return True
    return False


def _dates_compatible(x: str, y: str, x_text: str, y_text: str) -> bool:
    if x.startswith(y) or y.startswith(x):
        return True
    if len(x) == len(y) == 10 and abs((date.fromisoformat(x) - date.fromisoformat(y)).days) <= 1:
        # A day apart: time zones and "yesterday" read from different publication times agree;
        # two weekdays or two calendar dates a day apart do not ("Friday" against "Saturday").
        return bool(_RELATIVE_DAY.search(x_text) or _RELATIVE_DAY.search(y_text))
    return False


def _event(claim: Claim) -> list[DateValue]:
    """The dates that time the claim's own event (all its dates where the analysis did not say)."""
    dates = (
        claim.dates
        if claim.event_dates is None
        else [claim.dates[n] for n in claim.event_dates if n < len(claim.dates)]
    )
    return [d for d in dates if not _RECURRING.search(d.text)]  # "the second Tuesday of each month": a habit


def _names(dates: Sequence[DateValue], names: frozenset[str]) -> set[str]:
    """Weekday or month names of the dates as written."""
    return {w for d in dates for w in re.findall(r"[a-z]+", d.text.lower()) if w in names}
