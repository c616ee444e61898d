"""Check-worthy claims: an article's statements split into units, each with who makes it.

A unit is a sentence, cut at paragraph breaks (the parser sometimes runs a sentence across
them) and split into clauses only where it joins independent clauses that each have their own
subject and verb ("...; ...", "..., but ...", "..., while Ukraine estimated ..."). Each unit gets:

* ``attributed_to``: the speaker of a quotation covering most of it; else the source of "according
  to X"; else the subject of a speech or cognition verb governing it ("X told RBC that ..."); else
  None, the outlet's own voice;
* ``negated``: a negation on its main verb or clausal complement ("did not apologize"), a denial
  verb ("denied") or a denial phrase ("nothing to apologize for");
* ``hedged``: "reportedly", "allegedly", may/might/could, "appears to", "is believed to" ...;
* ``numbers`` and ``dates`` from :mod:`newsprism.analysis.quantities`.

Everything is read off the one parse the pipeline already made; offsets index the article text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from newsprism.analysis.doc_layout import entity_of
from newsprism.analysis.quantities import UNIT_CANON, find_dates, find_numbers
from newsprism.analysis.quotes_rules import name_gender
from newsprism.analysis.statements import statement, times_verb
from newsprism.models import Claim, DateValue, NumberValue, Quote

EntityAt = Callable[[int, int], str | None]
KeyAt = Callable[[int, int], tuple[str, str] | None]
_Item = TypeVar("_Item", NumberValue, DateValue)

# Verbs that report someone's words or judgement, so that their subject is the claim's source.
# Speech verbs as in news attribution style guides, plus cognition/estimation verbs ("Ukraine
# estimated", "officials believe"). Left out on purpose: "answer", "ask" (no claim of their own),
# "suggest" (mostly a proposal in news: "suggested Zelensky hit a refinery"; see HEDGE handling).
CUE_LEMMAS = frozenset(
    """say tell claim state warn estimate deny insist assert argue allege add explain note stress emphasize
    emphasise highlight reveal announce report confirm admit acknowledge declare reply respond recount recall
    write tweet post predict promise threaten vow accuse blame believe think assess expect conclude calculate
    contend maintain testify disclose inform assure reiterate repeat caution complain""".split()
)
# Denial verbs: the clause rejects a proposition rather than asserting one.
DENIAL_LEMMAS = frozenset("deny dismiss reject refute rebut disprove debunk dispute repudiate retract".split())
# Denial phrases (lower-cased regex, whole words): fixed expressions of denial seen in news copy.
DENIAL_RE = re.compile(
    r"\b(nothing to apologi[sz]e for|no truth|not true|untrue|baseless|groundless|unfounded|fabricated"
    r"|never happened|fake news|no basis)\b",
    re.IGNORECASE,
)
# Hedges: words that mark a claim as unconfirmed or uncertain (reporting verbs of hearsay, epistemic
# adverbs and adjectives), after the hedging cues used in fact-checking annotation guidelines.
HEDGE_WORDS = frozenset(
    """reportedly allegedly apparently purportedly supposedly possibly probably perhaps presumably seemingly
    likely unlikely maybe unverified unconfirmed rumored rumoured""".split()
)
HEDGE_MODALS = frozenset({"may", "might", "could"})
# "appears to", "seems to"
_RAISING_LEMMAS = frozenset({"appear", "seem"})
# "is believed to", "is said to", "is reported to"
_HEARSAY_PASSIVES = frozenset({"believe", "think", "say", "report", "understand", "rumor", "rumour", "expect"})
# Sources for which "suggest" is a hedge ("reports suggested that ..."), not a proposal.
_EVIDENCE_NOUNS = frozenset("report evidence data study analysis poll survey sign indication footage image".split())
# Connectors after a comma that may join two independent clauses.
CLAUSE_CONNECTORS = frozenset({"but", "while", "whereas", "although", "though", "yet", "and"})
# Minimum number of word tokens for a unit to be check-worthy.
MIN_TOKENS = 4

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_VERB_POS = frozenset({"VERB", "AUX"})
_CLOSERS = frozenset({"”", "’", "»", '"', "'", ")", "]", "›"})
_BULLETS = frozenset({"-", "–", "—", "•", "*", "·", "▪"})
_TRAILING_SEPARATORS = frozenset({",", ";", ":", "-", "–", "—"})
_RESOLVABLE_PRONOUNS = frozenset({"he", "she", "him", "her"})
_FIRST_PERSON = frozenset({"i", "me", "myself"})
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
# Frames of a proposition: reporting and denial verbs, whose clausal complement is what is claimed.
FRAME_LEMMAS = CUE_LEMMAS | DENIAL_LEMMAS
_MAX_NAME_TOKENS = 8


def find_claims(
    doc: Doc,
    *,
    quotes: Sequence[Quote] = (),
    entity_at: EntityAt | None = None,
    key_at: KeyAt | None = None,
    published: str | None = None,
) -> list[Claim]:
    """Split an article into check-worthy claims with their source, negation, hedging, numbers and dates.

    Args:
        doc: The article text parsed by the full pipeline (tagger, parser, lemmatizer, NER).
        quotes: The article's resolved quotations (character offsets, canonical ``speaker``).
        entity_at: Maps a character span to the canonical name of the entity mentioned there, or
            None; without it, speakers are given as written.
        key_at: Maps a character span to the ``(key, name)`` of the entity mentioned there, or None.
        published: The publication date (ISO 8601), to resolve relative dates.

    Returns:
        The claims in text order; ``doc.text[claim.start:claim.end] == claim.text``.
    """
    attributor = _Attributor(doc, quotes, entity_at, key_at)
    numbers = find_numbers(doc)
    dates = find_dates(doc, published)
    number_starts = [n.start for n in numbers]
    date_starts = [d.start for d in dates]
    claims: list[Claim] = []
    for sent in doc.sents:
        for start, end in _units(sent):
            claim = _claim(doc, start, end, attributor, numbers, number_starts, dates, date_starts)
            if claim is not None:
                claims.append(claim)
    return claims


# -- units -------------------------------------------------------------------------------------


def _units(sent: Span) -> list[tuple[int, int]]:
    """Token ranges of a sentence's units: cut at paragraph breaks, then at independent clauses."""
    doc = sent.doc
    units: list[tuple[int, int]] = []
    piece_start = sent.start
    for tok in sent:
        if tok.is_space and "\n" in tok.text:
            units.extend(_clauses(doc, *_trim(doc, piece_start, tok.i)))
            piece_start = tok.i + 1
    units.extend(_clauses(doc, *_trim(doc, piece_start, sent.end)))
    return [(a, b) for a, b in units if b > a]


def _trim(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """Drop surrounding whitespace tokens and a leading list bullet."""
    while a < b and doc[a].is_space:
        a += 1
    while b > a and doc[b - 1].is_space:
        b -= 1
    if a < b - 1 and doc[a].text in _BULLETS and (a == 0 or "\n" in doc[a - 1].text_with_ws or doc[a - 1].is_space):
        a += 1
    return a, b


def _clauses(doc: Doc, a: int, b: int) -> list[tuple[int, int]]:
    """Split a range at ";" or ", but/while/and ..." where both sides are clauses with their own subject."""
    units: list[tuple[int, int]] = []
    left = a
    for k in range(a + 1, b - 1):
        tok = doc[k]
        if tok.text == ";":
            right = k + 1
        elif tok.text == "," and doc[k + 1].lower_ in CLAUSE_CONNECTORS:
            right = k + 2
        else:
            continue
        if right < b and _has_clause(doc, left, k, headed=False) and _has_clause(doc, right, b, headed=True):
            end = k
            while end > left and doc[end - 1].text in _TRAILING_SEPARATORS:
                end -= 1
            units.append((left, end))
            left = right
    units.append((left, b))
    return units


def _has_clause(doc: Doc, a: int, b: int, *, headed: bool) -> bool:
    """Whether tokens [a, b) hold a verb with its own subject; with ``headed``, a verb heading the range."""
    words = 0
    found = False
    for tok in doc[a:b]:
        if not (tok.is_punct or tok.is_space):
            words += 1
        if tok.dep_ in _SUBJECTS and a <= tok.head.i < b and tok.head.pos_ in _VERB_POS:
            verb = tok.head
            if not headed or verb.head.i == verb.i or not a <= verb.head.i < b:
                found = True
    return found and words >= 3


# -- one claim ---------------------------------------------------------------------------------


def _claim(
    doc: Doc,
    a: int,
    b: int,
    attributor: _Attributor,
    numbers: list[NumberValue],
    number_starts: list[int],
    dates: list[DateValue],
    date_starts: list[int],
) -> Claim | None:
    span = doc[a:b]
    if not _check_worthy(span):
        return None
    start = span.start_char
    end = span.end_char
    main = _main_token(span)
    source = attributor.attribute(span, main)
    said = statement(main, span, FRAME_LEMMAS, attributor.argument, DENIAL_LEMMAS)
    if source.voice == "attributed" and said.verb is not None and attributor.in_direct_quote(doc[said.verb].idx):
        source = replace(source, voice="quoted")  # '"I will not resign," Mattis said': his words as printed
    if source.key and source.voice == "quoted":
        # In a speaker's own words "I" is the speaker: "I accept the fact" is Santorum accepting it.
        said = replace(
            said,
            subject=source.key if said.subject in _FIRST_PERSON else said.subject,
            object=source.key if said.object in _FIRST_PERSON else said.object,
        )
    own_dates = tuple(_within(dates, date_starts, start, end))
    own_numbers = tuple(_within(numbers, number_starts, start, end))
    return Claim(
        text=span.text,  # == doc.text[start:end]; Doc.text would rebuild the whole text
        start=start,
        end=end,
        attributed_to=source.name,
        negated=_negated(span, main),
        hedged=_hedged(span),
        numbers=own_numbers,
        dates=own_dates,
        voice=source.voice,
        attributed_key=source.key,
        reported_by=source.reported_by,
        reported_by_key=source.reported_by_key,
        subject=said.subject,
        predicate=said.predicate,
        object=said.object,
        modality=said.modality,
        event_dates=_own_clause(doc, own_dates, said.verb),
        event_numbers=_own_clause(doc, own_numbers, said.verb),
    )


def _own_clause(doc: Doc, values: Sequence[DateValue | NumberValue], verb: int | None) -> tuple[int, ...] | None:
    """Indexes of the dates or figures that belong to the content verb's own clause (see :func:`times_verb`)."""
    if verb is None:
        return None
    found = []
    for n, value in enumerate(values):
        span = doc.char_span(value.start, value.end, alignment_mode="expand")
        if span is not None and times_verb(span.root, verb):
            found.append(n)
    return tuple(found)


def _within(items: list[_Item], starts: list[int], start: int, end: int) -> list[_Item]:
    """Items (sorted by start) lying inside [start, end)."""
    lo = bisect_left(starts, start)
    hi = bisect_right(starts, end)
    return [item for item in items[lo:hi] if item.end <= end]


def _check_worthy(span: Span) -> bool:
    """Statements only: enough words, a verb, not a question, not an imperative."""
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if len(words) < MIN_TOKENS or not any(t.pos_ in _VERB_POS for t in words):
        return False
    k = len(span) - 1
    while k > 0 and span[k].text in _CLOSERS:
        k -= 1
    if span[k].text == "?":
        return False
    main = _main_token(span)
    # Imperatives and exhortations ("Please support Meduza ...", "Let's stick together"): base-form
    # root verb with no subject or auxiliary of its own.
    return not (
        main.tag_ == "VB"
        and main.dep_ == "ROOT"
        and not any(c.dep_ in _SUBJECTS or c.dep_ in ("aux", "auxpass") for c in main.children)
    )


def _main_token(span: Span) -> Token:
    """The unit's head: a token whose head lies outside the unit, preferring the sentence root and verbs."""
    roots = [t for t in span if not t.is_space and (t.head.i == t.i or not span.start <= t.head.i < span.end)]
    if not roots:
        return span.root
    verbs = [t for t in roots if t.pos_ in _VERB_POS]
    if not verbs:
        return roots[0]
    return next((t for t in verbs if t.dep_ == "ROOT"), verbs[0])


def _clause_verbs(main: Token, a: int, b: int) -> list[Token]:
    """The main verb, its coordinated verbs and their clausal complements, inside [a, b)."""
    verbs = [main]
    k = 0
    while k < len(verbs) and len(verbs) < 12:
        for child in verbs[k].children:
            if child.dep_ in ("conj", "ccomp", "xcomp") and child.pos_ in _VERB_POS and a <= child.i < b:
                verbs.append(child)
        k += 1
    return verbs


def _negated(span: Span, main: Token) -> bool:
    for verb in _clause_verbs(main, span.start, span.end):
        if verb.lemma_.lower() in DENIAL_LEMMAS:
            return True
        for child in verb.children:
            if child.dep_ == "neg":
                return True
            # "No one was hurt", "there is no evidence"
            if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and any(
                g.dep_ == "det" and g.lower_ == "no" for g in child.children
            ):
                return True
    return DENIAL_RE.search(span.text) is not None


def _hedged(span: Span) -> bool:
    for tok in span:
        low = tok.lower_
        if low in HEDGE_WORDS or (tok.tag_ == "MD" and low in HEDGE_MODALS):
            return True
        lemma = tok.lemma_.lower()
        if lemma in _RAISING_LEMMAS and any(c.dep_ == "xcomp" for c in tok.children):
            return True
        if (
            lemma in _HEARSAY_PASSIVES
            and any(c.dep_ == "auxpass" for c in tok.children)
            and any(c.dep_ == "xcomp" for c in tok.children)
        ):
            return True
        if lemma == "suggest" and any(c.dep_ == "nsubj" and c.lemma_.lower() in _EVIDENCE_NOUNS for c in tok.children):
            return True
    return False


# -- attribution -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Source:
    """Who asserts a unit: name and key (None: the outlet), voice, and who relays it."""

    name: str | None = None
    key: str | None = None
    voice: str = "outlet"
    reported_by: str | None = None
    reported_by_key: str | None = None


_OUTLET = _Source()


class _Attributor:
    """Finds a unit's source; owns the per-article caches (names of PERSON mentions)."""

    def __init__(
        self, doc: Doc, quotes: Sequence[Quote], entity_at: EntityAt | None, key_at: KeyAt | None = None
    ) -> None:
        self.doc = doc
        self.quotes = sorted((q for q in quotes if q.end > q.start), key=lambda q: q.start)
        self.entity_at = entity_at
        self.key_at = key_at
        self.sent_starts = [s.start_char for s in doc.sents]
        self._persons: list[tuple[int, str, str | None, str]] | None = None

    def attribute(self, span: Span, main: Token) -> _Source:
        """The source of a unit (name, key, voice, reporter); the outlet's own voice when none."""
        according = _according_to(span)
        cue = _governing_cue(main)
        # Words in quotation marks belong to their speaker; reported speech ("indirect") yields to
        # a cue verb of the unit's own ("..., while Ukraine estimated their number at 70,000").
        quote = self._quote(span.start_char, span.end_char, direct_only=cue is not None)
        if quote is not None:
            return _Source(
                quote.speaker,
                quote.speaker_key,
                "attributed" if quote.kind == "indirect" else "quoted",
                quote.reported_by,
                quote.reported_by_key,
            )
        # "According to Zelensky, Lukashenko warned ..." is Zelensky's account: the source named for
        # the whole clause wins over a cue verb inside it, but not over a cue that reports it.
        if according is not None and (cue is None or according.head.head.i == main.i or cue.i == main.i):
            name, key = self.name_of(according)
            return _Source(name, key, "attributed") if name else _OUTLET
        if cue is not None:
            cue = _inner_cue(cue, span)
            subject = _subject(cue)
            if subject is not None:
                name, key = self.name_of(subject)
                if name is None:
                    return _Source(voice="attributed")  # someone unnamed ("she said", unresolved)
                # "X said Y told him that ...": Y's claim, relayed by X.
                outer = _outer_cue(cue)
                relay = _subject(outer) if outer is not None else None
                by, by_key = self.name_of(relay) if relay is not None else (None, None)
                if (by_key and by_key == key) or by == name:
                    by = by_key = None
                return _Source(name, key, "attributed", by, by_key)
        return _OUTLET

    def in_direct_quote(self, char: int) -> bool:
        """Whether a character lies inside a quotation given in quotation marks (direct or mixed)."""
        return any(q.start <= char < q.end and q.kind != "indirect" for q in self.quotes)

    def _quote(self, start: int, end: int, *, direct_only: bool = False) -> Quote | None:
        """The innermost quote with a speaker covering at least half of [start, end)."""
        best: Quote | None = None
        for quote in self.quotes:
            if quote.start >= end:
                break
            if direct_only and quote.kind == "indirect":
                continue
            overlap = min(end, quote.end) - max(start, quote.start)
            covers = quote.speaker and overlap * 2 >= end - start
            if covers and (best is None or quote.end - quote.start < best.end - best.start):
                best = quote
        return best

    def argument(self, head: Token) -> str | None:
        """An argument of a proposition: the entity key where it is a named entity, else its lemma."""
        if head.pos_ == "PRON":
            # An unresolved he/she is unknown (None: may be anyone); other pronouns stand for
            # themselves ("we", "you", "nothing"), so "we talked" is not "he talked".
            if head.lower_ in _RESOLVABLE_PRONOUNS:
                return self._resolve_pronoun(head)[1]
            return head.lower_
        if self.key_at is not None:
            a, b = _entity_span(head) or _name_span(head)
            found = self.key_at(self.doc[a].idx, self.doc[b - 1].idx + len(self.doc[b - 1].text))
            if found is not None and (head.ent_type_ or head.pos_ == "PROPN"):
                return found[0]
            # "the actress, Tara Reid", "actress and reporter Tara Reid": the named person
            named = next((c for c in head.children if c.dep_ in ("appos", "conj") and c.ent_type_ == "PERSON"), None)
            if named is not None:
                a, b = _entity_span(named) or _name_span(named)
                found = self.key_at(self.doc[a].idx, self.doc[b - 1].idx + len(self.doc[b - 1].text))
                if found is not None:
                    return found[0]
        if head.pos_ == "PROPN":
            return head.text.lower()
        lemma = head.lemma_.lower()
        return UNIT_CANON.get(lemma, lemma)  # "people" and "person" are one argument

    def name_of(self, head: Token) -> tuple[str | None, str | None]:
        """Canonical name and entity key of the mention headed by ``head`` (the key None where no entity)."""
        if head.pos_ == "PRON":
            return self._resolve_pronoun(head) if head.lower_ in _RESOLVABLE_PRONOUNS else (None, None)
        doc = self.doc
        appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        spans: list[tuple[int, int]] = []
        ent = _entity_span(head)
        if ent is not None and head.ent_type_ == "PERSON":
            spans.append(ent)  # "Jason Schultz, technical researcher at Talos": the person, not the employer
        if appos is not None:  # "the press secretary, Natalya Eismont," names the person
            spans.append(_name_span(appos))
        if ent is not None:
            spans.append(ent)
        spans.append(_name_span(head))
        for a, b in spans:
            start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
            found = self.key_at(start, end) if self.key_at is not None else None
            if found is not None:
                return found[1], found[0]
            name = self.entity_at(start, end) if self.entity_at is not None else None
            if name:
                return name, None
        if appos is not None or head.pos_ == "PROPN":
            a, b = spans[0]
            written = _strip_possessive(doc[a:b].text)
            # A surname alone is the person named in full earlier in the article.
            earlier = [
                (n, k) for start, n, k, _ in self._person_names() if start < head.idx and n.split()[-1] == written
            ]
            if earlier and b - a == 1:
                return earlier[-1]
            return written, None
        # A description ("Authorities in Minsk", "the ministry"): as written, without the article.
        a, b = head.left_edge.i, head.right_edge.i + 1
        if b - a > _MAX_NAME_TOKENS:
            a, b = _name_span(head)
        while a < b - 1 and (doc[a].dep_ == "det" or doc[a].is_punct):
            a += 1
        return doc[a:b].text, None

    def _resolve_pronoun(self, pronoun: Token) -> tuple[str | None, str | None]:
        """The one person of the pronoun's gender named in the previous sentence or earlier in this one,
        or a quote speaker there; only persons (never a place, organisation or business)."""
        k = bisect_right(self.sent_starts, pronoun.idx) - 1
        window_start = self.sent_starts[max(k - 1, 0)]
        want = _PRONOUN_GENDER.get(pronoun.lower_, "")
        names = {
            (name, key)
            for start, name, key, gender in self._person_names()
            if window_start <= start < pronoun.idx and (not gender or not want or gender == want)
        }
        if not names:
            names = {
                (q.speaker, q.speaker_key)
                for q in self.quotes
                if q.speaker
                and window_start <= q.end <= pronoun.idx
                and (not want or name_gender(q.speaker) in ("", want))
            }
        if len({n for n, _ in names}) == 1:
            return next(iter(names))
        return None, None

    def _person_names(self) -> list[tuple[int, str, str | None, str]]:
        """(start, canonical name, key, gender) of each PERSON mention, in text order."""
        if self._persons is None:
            persons = []
            for ent in self.doc.ents:
                if ent.label_ != "PERSON":
                    continue
                found = self.key_at(ent.start_char, ent.end_char) if self.key_at else None
                name = found[1] if found else self.entity_at(ent.start_char, ent.end_char) if self.entity_at else None
                name = name or _strip_possessive(ent.text)
                persons.append((ent.start_char, name, found[0] if found else None, name_gender(name)))
            self._persons = persons
        return self._persons


def _inner_cue(cue: Token, span: Span) -> Token:
    """The innermost reporting verb in a cue's content inside the unit ("X said Y told him that ...": told)."""
    for _ in range(4):
        inner = next(
            (c for c in cue.children if c.dep_ == "ccomp" and span.start <= c.i < span.end and _is_cue(c)), None
        )
        if inner is None:
            return cue
        cue = inner
    return cue


def _outer_cue(cue: Token) -> Token | None:
    """A reporting verb whose content contains ``cue`` ("X said Y told him that ...": said)."""
    verb = cue
    for _ in range(6):
        head = verb.head
        if head.i == verb.i:
            return None
        if verb.dep_ in ("ccomp", "xcomp") and _is_cue(head):
            return head
        if verb.dep_ not in ("ccomp", "xcomp", "conj"):
            return None
        verb = head
    return None


def _governing_cue(main: Token) -> Token | None:
    """The speech or cognition verb whose content the unit is: the main verb itself, or a verb
    whose clausal complement contains it (climbing through coordination, not into a sibling cue)."""
    if _is_cue(main):
        return main
    verb = main
    for _ in range(6):
        head = verb.head
        if head.i == verb.i:
            return None
        if verb.dep_ in ("ccomp", "xcomp"):
            if _is_cue(head):
                return head
        elif verb.dep_ != "conj" or _is_cue(head):
            return None  # "He apologized and he said": a sibling of a cue is not its content
        verb = head
    return None


def _is_cue(tok: Token) -> bool:
    return tok.pos_ in _VERB_POS and tok.lemma_.lower() in CUE_LEMMAS and _subject(tok) is not None


def _subject(verb: Token) -> Token | None:
    """The speaker of a cue: its active subject, a passive's "by" agent, or a shared subject."""
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and not c.is_punct]
        if subjects:
            # Misparses give a verb two subjects ("Update: ... press secretary ... told"): the one
            # nearest the verb is the real one.
            return min(subjects, key=lambda c: abs(verb.i - c.i))
        for child in verb.children:
            if child.dep_ == "agent":
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            return None
        verb = verb.head  # "Lukashenko apologized and blamed ...": shared subject
    return None


def _according_to(span: Span) -> Token | None:
    """The X of "according to X" in the unit."""
    for tok in span:
        if tok.lower_ == "according" and tok.i + 1 < span.end and span.doc[tok.i + 1].lower_ == "to":
            obj = next((c for c in span.doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _name_span(head: Token) -> tuple[int, int]:
    """Token range of a name: the head and the compounds before it ("Volodymyr Zelensky")."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("compound", "flat") and child.i == start - 1:
            start = child.i
    while start > 0 and start < head.i and head.doc[start].is_punct:
        start += 1
    return start, head.i + 1


def _entity_span(tok: Token) -> tuple[int, int] | None:
    """Token range of the named entity containing ``tok``, if any."""
    ent = entity_of(tok)
    return (ent.start, ent.end) if ent is not None else None


def _strip_possessive(text: str) -> str:
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text
