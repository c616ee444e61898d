"""What a quotation's content is: reported content or a verb's object, and where the content ends.

The tagger and the rules propose *drafts* (a content span with its cue and source, in token offsets);
this module mends their boundaries ("that back in 2022" runs to the end of its clause; "suggested
retaliating against | X" gives the content its clause) and says which are not attributions at all
(a stance's or an act's bare object: "supports | X", "apologized for | Y").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from newsprism.analysis.quotes_rules import ATTRIBUTION_LEMMAS, MESSAGE_LEMMAS, SPEECH_LEMMAS

OPEN_MARKS = "“„«\"‘'"
CLOSE_MARKS = "”“»\"’'"


@dataclass(slots=True)
class Draft:
    """An attribution under construction, in token offsets (content, cue and source spans)."""

    start: int
    end: int
    cue: tuple[int, int] | None = None
    source: tuple[int, int] | None = None
    marked: bool = False


def _cue_lemma(doc: Doc, cue: tuple[int, int]) -> str:
    span = doc[cue[0] : cue[1]]
    verbs = [t for t in span if t.pos_ == "VERB"]
    return (verbs[0] if verbs else span.root).lemma_.lower()


def not_attribution(doc: Doc, d: Draft, *, stances: bool = False) -> bool:
    """Whether a content outside quotation marks is a verb's object rather than reported content.

    A content that is a clause ("that …", "he would …", "to retaliate", "retaliating …") reports what
    was said; so does one with a quoted span. A bare noun phrase ("supports | Russian aggression",
    "recognized | the independence of …", "apologized for | wrongdoing", "answered | the host's
    question") names what the verb is about, not what was said, unless the verb is one whose object is
    the message (``MESSAGE_LEMMAS``: "denied | any involvement", "estimated | their number at
    70,000") or "according to". With ``stances`` the older, PolNeAR-shaped rule applies: a bare noun
    phrase is kept with any verb in ``ATTRIBUTION_LEMMAS`` or ``SPEECH_LEMMAS``.
    """
    if d.cue is None or any(t.text in OPEN_MARKS or t.text in CLOSE_MARKS for t in doc[d.start : d.end]):
        return False
    content = doc[d.start : d.end]
    lemma = _cue_lemma(doc, d.cue)
    if doc[d.cue[0]].lower_ == "according":
        return False
    if stances:
        if any(t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBG", "VBN") for t in content):
            return False
        return lemma not in ATTRIBUTION_LEMMAS and lemma not in SPEECH_LEMMAS
    if _is_clause(content):
        return False
    return lemma not in MESSAGE_LEMMAS


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _is_clause(span: Span) -> bool:
    """Whether a span is (or holds) a clause rather than a noun phrase: its root is a verb, or a
    finite verb outside a relative clause stands in it (a content cut off around its clause, "a
    report that he had lost"); an infinitive or participle modifying a noun ("the question on his
    readiness to negotiate", "strikes launched from …") does not make a clause."""
    if span.root.pos_ in ("VERB", "AUX"):
        return True
    return any(t.tag_ in _FINITE_TAGS and t.dep_ != "relcl" for t in span)


def repair_span(doc: Doc, d: Draft) -> None:
    """Mend a content cut off mid-clause: "that back in 2022" runs on to the end of its clause, and a
    dangling conjunction or preposition at the end ("some phrases in Russian and") is dropped."""
    first = doc[d.start]
    if first.dep_ == "mark" and first.head.i >= d.start:
        clause = first.head
        end = clause.right_edge.i + 1
        sent_end = first.sent.end
        if d.end < end <= sent_end and (d.cue is None or not d.start <= d.cue[0] < end):
            while end > d.end and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            d.end = max(d.end, end)
    while d.end - d.start > 1 and doc[d.end - 1].pos_ in ("CCONJ", "ADP", "DET"):
        d.end -= 1
    _take_verb_complement(doc, d)


def _take_verb_complement(doc: Doc, d: Draft) -> None:
    """Give the content the clause a cue ran into: "suggested retaliating against | the refinery" is
    the suggestion "retaliating against the refinery" (cue "suggested"), and "urged | to vote" keeps
    "to vote"; the verb of saying stays the cue."""
    if d.cue is None or d.cue[1] != d.start or d.cue[1] - d.cue[0] < 2:
        return
    for i in range(d.cue[0] + 1, d.cue[1]):
        tok = doc[i]
        if tok.tag_ == "VBG" or (tok.lower_ == "to" and i + 1 < d.cue[1] and doc[i + 1].tag_ == "VB"):
            if doc[d.cue[0] : i].root.pos_ == "VERB":
                d.cue, d.start = (d.cue[0], i), i
            return
