"""Quote alignment: group the renderings of one utterance across the articles of a story.

Outlets print the same utterance in different cuts ("[…]", ellipses), with editorial insertions
("[He]"), in different translations, or inside a longer passage that holds several utterances.
:func:`align_quotes` groups them so that each group is one utterance with every outlet's variant
and a word-level diff against the group's most complete variant.

How it works:

* **Words.** A quote is compared as its sequence of lowercased words (apostrophes unified,
  punctuation, brackets and ellipses dropped), each word keeping its character offsets.
* **Containment.** Two quotes are compared by how much of the *shorter* one appears, in order,
  inside a compact window of the longer one (``difflib`` matching blocks; blocks of a single
  stop word are ignored, because "the" or "you" match anywhere; the window is the run of blocks
  with the best matched-minus-``GAP_COST``-x-skipped words). This coverage is 1.0 for a
  fragment, a cut and an identical quote alike, and the window says where in the longer quote
  the shorter one sits. Quotes under ``MIN_MATCH_WORDS`` words only match identical ones.
* **Speakers.** Speakers are compared by entity key (``Quote.speaker_key``), so that
  "Łukašenka" and "Lukashenko" are one speaker; a quote without a key (analyses stored before
  keys existed) takes the key another quote of the story gives its speaker's name, else is
  compared by name. A surname-only key ("Cheney", kept apart by the analysis when the story
  names two Cheneys) is compatible with a full one of that surname, like an unknown speaker.
  Coverage must reach ``min_similarity`` (0.8) when a speaker is unknown; when both
  quotes name the same speaker (and no two different reporters), a looser
  ``SAME_SPEAKER_FACTOR`` x ``min_similarity`` (0.6) admits differently translated renderings.
  A reporter's passage holding the words of the person it reports (one's speaker is the other's
  ``reported_by``) needs ``min_similarity``. Two other known speakers veto the pair unless the
  shorter quote has at least ``VETO_OVERRIDE_WORDS`` words and is covered at ``NEAR_IDENTICAL``:
  across reports of one event, five words printed verbatim are one utterance, and a different
  speaker is an attribution error (common: "Harry Reid" / "Jim Manley" / "Senate").
* **Groups.** Quotes are taken shortest first, so every group forms around its shortest variant
  (its *core*, the most specific rendering of the utterance). A quote joins every group whose core
  it matches, provided every other member (of another article) is covered at least
  ``GUARD_FACTOR`` x the threshold and does not veto it: this complete-link guard stops chains of
  different utterances. A group holds one variant per article: within an article a nested or
  duplicate quote is not a variant of its container, and being shorter it got there first.
* **Many-to-one.** A long passage that joins several groups (it holds several utterances other
  outlets print apart), or whose matched window is under ``SUBSPAN_SHARE`` of it, is listed in
  each group by its matched sub-span only: ``start``/``end`` index that part and ``text`` is
  ``article.text[start:end]``. Otherwise the whole quote is listed. A quote listed whole nowhere
  (it joined no group, or only by sub-spans) also starts a group of its own, so every quote
  appears whole once and other outlets' renderings of the whole passage can join it.

* **Kinds.** Each variant keeps its quote's ``kind``; a group is ``direct`` when any outlet
  prints the words in quotation marks, else ``mixed`` when one quotes part of them, else
  ``indirect`` (reported speech only).
* **Diffs** match on words but show them as printed: each word keeps the punctuation attached to
  it ("choice," "[He]"), so a diff reads like the quotation.
* **Order.** Groups that two or more outlets share come first, then the others; within each,
  by first appearance.

Thresholds: on the BASIL dev triplets precision and recall against the automatic gold of
``benchmarks/comparison.py`` are flat for ``min_similarity`` 0.6-0.9 and same-speaker factors
0.6-1.0; the settings only move how many paraphrases and translations get in, which that gold
cannot score. 0.8 and 0.75 sit mid-range and keep the bundled example groups; the veto override
lifted recall from 0.78 to 0.99 at equal precision (``docs/benchmarks.md``). No constant was
fitted to a single pair.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from newsprism.models import AnalyzedArticle, DiffOp, Quote, QuoteGroup, QuoteVariant

__all__ = ["align_quotes", "quote_words"]

# Threshold on containment coverage when a speaker is unknown (see the module docstring).
DEFAULT_MIN_SIMILARITY = 0.8
# Same known speaker: translations keep only part of the words, so the bar is lowered.
SAME_SPEAKER_FACTOR = 0.75
# Every other member of a group must be covered at least this share of the threshold.
GUARD_FACTOR = 0.6
# Different known speakers only match when the shorter quote is this long and covered at NEAR_IDENTICAL.
VETO_OVERRIDE_WORDS = 5
NEAR_IDENTICAL = 0.9
# Quotes shorter than this are only grouped with identical direct or mixed ones: one or two words
# ("tenfold response") occur inside unrelated passages too easily.
MIN_MATCH_WORDS = 3
# Cost of a skipped word of the longer quote inside a match window, against 1 per matched word.
GAP_COST = 0.5
# Under this share of a long quote matched, it is listed by its matched sub-span.
SUBSPAN_SHARE = 0.5

_WORD = re.compile(r"\w+(?:'\w+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
# Words too common to anchor a match on their own.
_STOP = frozenset(
    """a an the of and or but to in on at for by with from as that this these those it its is are was
    were be been being i you he she we they me him her us them my your his our their not no so if
    then than there here what who which do did does have has had will would can could just all""".split()
)


@dataclass(frozen=True, slots=True)
class _Word:
    key: str  # normalised form, compared
    surface: str  # as written with its attached punctuation ("choice," "[He]"), shown in diffs
    start: int  # offsets of the word itself into the quote's text
    end: int
    spaced: bool = True  # whether whitespace separates it from the previous word


@dataclass(frozen=True, slots=True)
class _Match:
    coverage: float  # share of the shorter sequence matched inside the window
    matched: int
    window: tuple[int, int]  # word range of the longer sequence
    short_is_a: bool


@dataclass(slots=True)
class _Unit:
    """One quote of one article, ready to compare."""

    article: int
    quote: Quote
    words: list[_Word]
    speaker: str | None = None  # who said it: entity key, else ``name:<speaker>``
    reporter: str | None = None  # who relays it, likewise
    keys: tuple[str, ...] = field(init=False)
    vocab: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.keys = tuple(w.key for w in self.words)
        self.vocab = frozenset(self.keys)


@dataclass(slots=True)
class _Member:
    unit: int
    lo: int  # listed word range of the unit
    hi: int


@dataclass(slots=True)
class _Group:
    members: list[_Member]

    def articles(self, units: Sequence[_Unit]) -> set[int]:
        return {units[m.unit].article for m in self.members}


def quote_words(text: str) -> list[str]:
    """The normalised words a quotation is compared by.

    Args:
        text: A quotation as printed.

    Returns:
        Lowercased words with apostrophes unified; punctuation, brackets and ellipses dropped.
    """
    return [w.key for w in _words(text)]


def _words(text: str) -> list[_Word]:
    """The words of a quote, each with the punctuation printed around it.

    Punctuation between two words goes with the word it touches: up to the first space to the
    word before ("choice,"), after the last space to the word after ("[He]", "“We"). Without a
    space between them ("well-known"), it goes to the word before and the next is unspaced.
    """
    folded = text.translate(_APOSTROPHES)  # same length, so offsets stay valid
    found = list(_WORD.finditer(folded))
    words: list[_Word] = []
    lead_from, spaced = 0, True  # where the next word's leading punctuation starts
    for i, m in enumerate(found):
        gap_end = found[i + 1].start() if i + 1 < len(found) else len(text)
        gap = text[m.end() : gap_end]
        space = next((k for k, ch in enumerate(gap) if ch.isspace()), None)
        last = i + 1 == len(found)
        trail_to = m.end() + (len(gap) if space is None or last else space)
        surface = text[lead_from:trail_to].strip()
        words.append(_Word(m.group(0).lower(), surface, m.start(), m.end(), spaced))
        if space is None:
            lead_from, spaced = trail_to, False
        else:
            rest = gap[space:]
            lead_from, spaced = m.end() + space + (len(rest) - len(rest.lstrip())), True
    return words


def _contain(a: Sequence[str], b: Sequence[str]) -> _Match | None:
    """How much of the shorter of ``a``/``b`` lies, in order, in a compact window of the other."""
    short_is_a = len(a) <= len(b)
    short, long = (a, b) if short_is_a else (b, a)
    if not short:
        return None
    blocks = difflib.SequenceMatcher(None, short, long, autojunk=False).get_matching_blocks()
    # A lone stop word is noise; a block of two or more words or a content word anchors.
    anchors = [bl for bl in blocks if bl.size >= 2 or (bl.size == 1 and short[bl.a] not in _STOP)]
    if not anchors:
        return None
    # The window is the run of anchors with the best words-matched minus GAP_COST x words-skipped
    # on the long side (maximum-sum segment): a stray anchor far off in a long passage belongs to
    # another utterance, while a cut ("[…]") skipping a few words keeps both sides.
    best, best_score = (0, 0), float(anchors[0].size)
    start, score = 0, float(anchors[0].size)
    for k in range(1, len(anchors)):
        prev, cur = anchors[k - 1], anchors[k]
        extended = score - GAP_COST * (cur.b - prev.b - prev.size) + cur.size
        start, score = (start, extended) if extended >= cur.size else (k, float(cur.size))
        if score > best_score:
            best, best_score = (start, k), score
    best_run = anchors[best[0] : best[1] + 1]
    matched = sum(bl.size for bl in best_run)
    window = (best_run[0].b, best_run[-1].b + best_run[-1].size)
    return _Match(matched / len(short), matched, window, short_is_a)


def _threshold(a: _Unit, b: _Unit, base: float) -> float | None:
    """The coverage a pair needs given its speakers; None when the speakers veto it."""
    if _surname_of(a.speaker, b.speaker) or _surname_of(b.speaker, a.speaker):
        return base  # "Cheney" beside "Dick Cheney": maybe the same person, as if one were unknown
    if a.speaker and b.speaker and a.speaker != b.speaker:
        # A reporter's passage holds the nested words of the person it reports: not a conflict.
        reporting = a.speaker == b.reporter or b.speaker == a.reporter
        return base if reporting else None
    if a.speaker and a.speaker == b.speaker:
        reporters_differ = a.reporter and b.reporter and a.reporter != b.reporter
        return base if reporters_differ else base * SAME_SPEAKER_FACTOR
    return base


def _surname_of(short: str | None, full: str | None) -> bool:
    """Whether ``short`` is a surname-only person key that ``full`` completes (``person:x`` and
    ``person:x/y``): the analysis keeps a surname apart when the story names two people with it."""
    return bool(short and full and short.startswith("person:") and "/" not in short and full.startswith(short + "/"))


def _identity(key: str | None, name: str | None, keys_by_name: dict[str, str]) -> str | None:
    """Who a speaker is: the entity key, else the key the story gives that name, else the name.

    Keys join "Łukašenka" and "Lukashenko"; names remain for analyses stored before quotes had keys.
    """
    if key:
        return key
    if not name:
        return None
    return keys_by_name.get(name) or f"name:{name}"


def _near_identical(a: Sequence[str], b: Sequence[str], match: _Match) -> bool:
    """Whether the shorter quote appears nearly word for word in the other and is long enough."""
    return min(len(a), len(b)) >= VETO_OVERRIDE_WORDS and match.coverage >= NEAR_IDENTICAL


class _Aligner:
    """Holds the units of one call and caches their pairwise comparisons."""

    def __init__(self, items: Sequence[AnalyzedArticle], min_similarity: float) -> None:
        self.items = items
        self.base = min_similarity
        self.units: list[_Unit] = []
        keys_by_name: dict[str, str] = {}
        for item in items:
            for q in item.quotes:
                for name, key in ((q.speaker, q.speaker_key), (q.reported_by, q.reported_by_key)):
                    if name and key:
                        keys_by_name.setdefault(name, key)
        for index, item in enumerate(items):
            seen: set[tuple[int, int]] = set()
            for quote in item.quotes:
                if (quote.start, quote.end) in seen:  # the same span recorded twice is one quote
                    continue
                seen.add((quote.start, quote.end))
                speaker = _identity(quote.speaker_key, quote.speaker, keys_by_name)
                reporter = _identity(quote.reported_by_key, quote.reported_by, keys_by_name)
                self.units.append(_Unit(index, quote, _words(quote.text), speaker, reporter))

    def compare(self, u: int, member: _Member, *, loose: bool = False) -> _Match | None:
        """Whether unit ``u`` renders the member's listed words; the match, or None.

        ``loose`` applies the guard (a share of the threshold) instead of the threshold.
        """
        a, b = self.units[u], self.units[member.unit]
        b_keys = b.keys[member.lo : member.hi]
        base = self.base * (GUARD_FACTOR if loose else 1.0)
        if min(len(a.keys), len(b_keys)) < MIN_MATCH_WORDS:
            # Very short quotes: only an identical one renders them, and only when both are the
            # speaker's words: a short indirect "quote" ("her position") is the outlet's phrase.
            identical = bool(a.keys) and a.keys == b_keys and "indirect" not in (a.quote.kind, b.quote.kind)
            return _Match(1.0, len(a.keys), (0, len(a.keys)), True) if identical else None
        if len(a.vocab & set(b_keys)) < min(MIN_MATCH_WORDS, len(b_keys)):
            return None  # cheap reject: too few shared words for any threshold
        match = _contain(a.keys, b_keys)
        if match is None or match.matched < MIN_MATCH_WORDS:
            return None
        needed = _threshold(a, b, base)
        if needed is None:
            return match if _near_identical(a.keys, b_keys, match) else None
        return match if match.coverage >= needed else None

    def group(self) -> list[_Group]:
        """Build groups shortest quote first (see the module docstring)."""
        order = sorted(range(len(self.units)), key=lambda u: (len(self.units[u].words), self.units[u].article, u))
        groups: list[_Group] = []
        for u in order:
            unit = self.units[u]
            joined: list[tuple[_Group, tuple[int, int]]] = []
            for grp in groups:
                if unit.article in grp.articles(self.units):
                    continue  # one variant per article; the more specific one is already there
                window = self._join(u, grp)
                if window is not None:
                    joined.append((grp, window))
            whole = False
            for grp, (lo, hi) in joined:
                sub = len(joined) > 1 or (hi - lo) < SUBSPAN_SHARE * len(unit.words)
                lo, hi = (lo, hi) if sub else (0, len(unit.words))
                grp.members.append(_Member(u, lo, hi))
                whole = whole or (lo, hi) == (0, len(unit.words))
            if not whole:
                # Listed nowhere in full (it joined no group, or only by sub-spans): it starts a
                # group of its own, so that other outlets' renderings of the whole can join it.
                groups.append(_Group([_Member(u, 0, len(unit.words))]))
        return groups

    def _join(self, u: int, grp: _Group) -> tuple[int, int] | None:
        """The window of unit ``u`` that renders the group, or None when it does not join."""
        core = self.compare(u, grp.members[0])
        if core is None:
            return None
        matches = [core]
        for member in grp.members[1:]:
            match = self.compare(u, member, loose=True)
            if match is None:
                return None
            matches.append(match)
        # Windows lie in the unit where it was the longer side of a comparison.
        windows = [m.window for m in matches if not m.short_is_a]
        if not windows:  # the unit is the shorter side everywhere: it is listed whole
            return (0, len(self.units[u].words))
        return (min(w[0] for w in windows), max(w[1] for w in windows))


def _diff(words: Sequence[_Word], reference: Sequence[_Word]) -> tuple[DiffOp, ...]:
    """Word-level diff of a variant against the reference, consecutive words of one op merged.

    Words are matched on their normalised form and shown as printed, punctuation included.
    """
    ops: list[tuple[str, list[_Word]]] = []

    def add(op: str, run: Sequence[_Word]) -> None:
        if not run:
            return
        if ops and ops[-1][0] == op:
            ops[-1][1].extend(run)
        else:
            ops.append((op, list(run)))

    matcher = difflib.SequenceMatcher(None, [w.key for w in reference], [w.key for w in words], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", words[j1:j2])
            continue
        add("delete", reference[i1:i2])
        add("insert", words[j1:j2])
    return tuple(DiffOp(op, _joined(run)) for op, run in ops)


def _joined(run: Sequence[_Word]) -> str:
    """Words as printed, a space between them where the quote has one."""
    return "".join((" " if k and w.spaced else "") + w.surface for k, w in enumerate(run))


def _most_common(values: Sequence[str | None]) -> str | None:
    known = Counter(v for v in values if v)
    return known.most_common(1)[0][0] if known else None  # ties: the first in variant order


def _group_kind(kinds: Sequence[str]) -> str:
    """``direct`` when any outlet prints the words in quotation marks, else ``mixed``, else ``indirect``."""
    for kind in ("direct", "mixed"):
        if kind in kinds:
            return kind
    return "indirect" if kinds else "direct"


def align_quotes(
    items: Sequence[AnalyzedArticle], *, min_similarity: float = DEFAULT_MIN_SIMILARITY
) -> list[QuoteGroup]:
    """Group the quotations of one utterance across the articles of a story.

    Args:
        items: The analysed articles of one story (speakers are canonical across them).
        min_similarity: Share of the shorter rendering's words that must appear, in order, in the
            longer one when a speaker is unknown; a shared known speaker lowers it by
            ``SAME_SPEAKER_FACTOR``.

    Returns:
        One group per utterance, ids ``q1``, ``q2``... in the order listed: groups that two or
        more outlets share first, then the others, each in order of first appearance (article
        order, then position). Every quote is in at least one group; a long passage holding
        several utterances is listed in each of their groups by its matched sub-span. Variants
        are in article order, each with its ``kind`` and its diff against the group's reference
        variant (the longest by words among those whose speaker agrees with the group's). The
        group's ``speaker_key``/``reported_by_key`` are the entity keys its speakers were joined
        on; ``speaker``/``reported_by`` the names most of those variants give.
    """
    aligner = _Aligner(items, min_similarity)
    units = aligner.units
    built: list[tuple[tuple[bool, int, int], QuoteGroup]] = []
    for grp in aligner.group():
        members = sorted(grp.members, key=lambda m: (units[m.unit].article, units[m.unit].quote.start + m.lo))
        spans = [_span(units[m.unit], m) for m in members]
        quoted = [units[m.unit] for m in members]
        # A sub-span of a reporter's passage carries the reporter as its speaker, so the
        # speaker is read from the variants listed whole where there are any.
        whole = [units[m.unit] for m in members if (m.lo, m.hi) == (0, len(units[m.unit].words))]
        speaker = _most_common([u.speaker for u in whole]) or _most_common([u.speaker for u in quoted])
        reporter = _most_common([u.reporter for u in quoted if u.speaker == speaker])
        agreeing = [i for i, u in enumerate(quoted) if u.speaker in (None, speaker)] or [0]
        ref = max(agreeing, key=lambda i: (len(spans[i][2]), -i))
        variants = tuple(
            QuoteVariant(
                article=items[u.article].article.id,
                text=items[u.article].article.text[start:end],
                start=start,
                end=end,
                diff=_diff(words, spans[ref][2]),
                kind=u.quote.kind,
            )
            for u, (start, end, words) in zip(quoted, spans, strict=True)
        )
        outlets = {items[u.article].article.outlet or items[u.article].article.id for u in quoted}
        group = QuoteGroup(
            id="",
            speaker=_most_common([u.quote.speaker for u in quoted if u.speaker == speaker]),
            reported_by=_most_common([u.quote.reported_by for u in quoted if u.reporter == reporter]),
            variants=variants,
            kind=_group_kind([v.kind for v in variants]),
            speaker_key=_key(speaker),
            reported_by_key=_key(reporter),
        )
        built.append(((len(outlets) < 2, quoted[0].article, spans[0][0]), group))
    # Shared quotations first: what several outlets print is what a reader compares.
    built.sort(key=lambda pair: pair[0])
    return [replace(g, id=f"q{n}") for n, (_, g) in enumerate(built, start=1)]


def _key(identity: str | None) -> str | None:
    """The entity key behind a speaker identity (None for a name without key)."""
    return identity if identity and not identity.startswith("name:") else None


def _span(unit: _Unit, member: _Member) -> tuple[int, int, list[_Word]]:
    """Article offsets and words of a member's listed part (the whole quote, or a sub-span)."""
    quote = unit.quote
    if member.lo == 0 and member.hi == len(unit.words):
        return quote.start, quote.end, unit.words
    words = unit.words[member.lo : member.hi]
    return quote.start + words[0].start, quote.start + words[-1].end, words
