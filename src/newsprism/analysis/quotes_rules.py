"""Rules over the dependency parse: cue verbs, speaker spans and pronoun resolution for quotes.

These rules complement the trained tagger (:mod:`newsprism.analysis.quotes_model`): they find the
speaker of a quotation-marked quote from the speech verb next to it ("…,” she said; He told me: “…”;
According to X, “…”), the speaker of a quote nested inside another one, and resolve pronoun speakers
to the nearest preceding PERSON mention (a light coreference).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

SPEECH_LEMMAS = frozenset(
    """say tell add ask reply write explain state note continue recount highlight emphasize emphasise insist
    argue claim declare warn tweet post answer respond remark comment acknowledge admit announce suggest
    conclude recall quip joke shout yell scream whisper testify report complain lament confirm deny
    mention observe predict promise repeat reiterate stress urge caution tout boast concede counter
    retort write describe put agree disagree believe think say assert allege charge contend""".split()
)
PRONOUNS = frozenset("he she they i we it him her them me us you".split())
RESOLVABLE = frozenset("he she him her".split())
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_MAX_SPEAKER_TOKENS = 14
_CLIMB_DEPS = frozenset({"conj", "xcomp", "ccomp", "advcl", "pcomp"})
PLURAL_PRONOUNS = frozenset("they them we us it".split())
GROUP_LABELS = frozenset({"ORG", "NORP", "GPE"})


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A cue and the speaker mention it points to, in token offsets.

    Attributes:
        cue_start: First token of the cue.
        cue_end: Token just past the cue.
        speaker_start: First token of the speaker mention, or ``None``.
        speaker_end: Token just past the speaker mention, or ``None``.
    """

    cue_start: int
    cue_end: int
    speaker_start: int | None
    speaker_end: int | None


def is_speech_verb(token: Token) -> bool:
    """Whether ``token`` is a verb of saying (by lemma).

    Args:
        token: A parsed token.

    Returns:
        ``True`` for verbs like said, told, added, replied.
    """
    return token.lemma_.lower() in SPEECH_LEMMAS and token.pos_ in ("VERB", "AUX")


def subject_span(verb: Token) -> tuple[int, int] | None:
    """The subject mention of ``verb``, climbing clause links up to the first verb that has one.

    "Trump tweeted, saying …" gives Trump for "saying"; "Clinton, saying …" (a participle attached to
    a noun) gives Clinton; "a judge who said …" gives "a judge" rather than "who".

    Args:
        verb: A verb token.

    Returns:
        Token offsets (start, end) of the subject noun phrase, or ``None``.
    """
    head: Token | None = verb
    for _ in range(4):
        if head is None:
            return None
        subjects = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            at = head.i
            child = min(subjects, key=lambda c: abs(c.i - at))  # "Update: X, told" has two
            if child.lower_ in ("who", "which", "that") and head.dep_ == "relcl":
                return noun_phrase_core(head.head)
            return noun_phrase(child)
        if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN"):
            return noun_phrase_core(head.head)
        head = head.head if head.dep_ in _CLIMB_DEPS and head.head is not head else None
    return None


def noun_phrase_core(head: Token) -> tuple[int, int]:
    """The head noun with its compounds, determiners and adjectives (no clauses).

    Args:
        head: The head noun.

    Returns:
        Token offsets (start, end).
    """
    left = head.i
    for child in head.lefts:
        if child.dep_ in ("compound", "amod", "det", "poss", "nmod"):
            left = min(left, child.left_edge.i)
    return left, head.i + 1


def noun_phrase(head: Token) -> tuple[int, int]:
    """The noun phrase of ``head``: its subtree, cut down to compounds and modifiers when long.

    Args:
        head: The head noun or pronoun.

    Returns:
        Token offsets (start, end).
    """
    start, end = head.left_edge.i, head.right_edge.i + 1
    if end - start <= _MAX_SPEAKER_TOKENS:
        doc = head.doc
        while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
            start += 1
        return start, end
    return noun_phrase_core(head)


def according_to(token: Token) -> tuple[int, int] | None:
    """The speaker of "according to X" when ``token`` is "according".

    Args:
        token: A token.

    Returns:
        Token offsets of X, or ``None``.
    """
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return noun_phrase(obj)
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        for obj in nxt.children:
            if obj.dep_ == "pobj":
                return noun_phrase(obj)
    return None


def _is_boundary(token: Token) -> bool:
    return token.text in (".", "!", "?") or "\n" in token.text


def _introduces_quote(doc: Doc, i: int) -> bool:
    """Whether the verb at ``i`` is followed closely by an opening mark (it introduces the next quote)."""
    return any(t.text in ("“", "«", "„", "‘", ":") for t in doc[i + 1 : i + 5])


def cue_after(doc: Doc, close_tok: int, limit: int = 8) -> CueMatch | None:
    """A speech verb right after a quote ("…,” she said / “…,” said the spokesman).

    Args:
        doc: The parsed Doc.
        close_tok: Index of the closing quotation mark token.
        limit: How many tokens to look ahead.

    Returns:
        The cue and speaker, or ``None``.
    """
    if close_tok > 0 and doc[close_tok - 1].text == ".":
        return None  # a quote that ends its sentence is not followed by its own cue
    for i in range(close_tok + 1, min(len(doc), close_tok + 1 + limit)):
        tok = doc[i]
        if _is_boundary(tok) or tok.text in ("“", "«", "„", '"', "‘", ":"):
            return None
        span = according_to(tok)
        if span is not None:
            return CueMatch(i, i + 2, *span)
        if is_speech_verb(tok) and not _introduces_quote(doc, i):
            subj = subject_span(tok)
            if subj is not None:
                return CueMatch(i, i + 1, *subj)
    return None


def cue_before(doc: Doc, open_tok: int, limit: int = 16) -> CueMatch | None:
    """A speech verb before a quote (She said: “…” / He told me, ‘…’ / According to X, “…”).

    Args:
        doc: The parsed Doc.
        open_tok: Index of the opening quotation mark token.
        limit: How many tokens to look back.

    Returns:
        The cue and speaker, or ``None``.
    """
    lo = max(0, open_tok - limit)
    for i in range(open_tok - 1, lo - 1, -1):
        tok = doc[i]
        if _is_boundary(tok) or tok.text in ("”", "»", "’"):
            return None
        span = according_to(tok)
        if span is not None:
            return CueMatch(i, i + 2, *span)
        if is_speech_verb(tok):
            subj = subject_span(tok)
            if subj is not None:
                return CueMatch(i, i + 1, *subj)
    return None


def is_pronoun(span: Span) -> bool:
    """Whether a speaker mention is a single pronoun.

    Args:
        span: The mention.

    Returns:
        ``True`` for "he", "She", "they" and the like.
    """
    return len(span) == 1 and span[0].lower_ in PRONOUNS


def resolve_pronoun(
    doc: Doc,
    pronoun: Span,
    *,
    before: int | None = None,
    exclude: frozenset[str] = frozenset(),
    quoted: bytearray | None = None,
) -> Span | None:
    """Resolve a pronoun speaker: he/she to the nearest preceding PERSON, they/we/it to the nearest
    preceding ORG, NORP or GPE mention.

    Args:
        doc: The parsed Doc (with named entities).
        pronoun: The pronoun mention.
        before: Only consider mentions ending before this token (defaults to the pronoun).
        exclude: Lower-cased words of people who cannot be the referent (e.g. the reporter of a
            nested quote).
        quoted: Per-character mask of text inside quotation marks; mentions inside quotes are skipped.

    Returns:
        The antecedent PERSON entity, or ``None`` when there is none or the pronoun is not he/she.
    """
    word = pronoun[0].lower_
    if word in RESOLVABLE:
        labels = frozenset({"PERSON"})
    elif word in PLURAL_PRONOUNS:
        labels = GROUP_LABELS
    else:
        return None
    limit = pronoun.start if before is None else before
    best: Span | None = None
    for ent in doc.ents:
        if ent.end > limit:
            break
        if ent.label_ not in labels or len(ent.text) < 3:
            continue
        words = {w.lower() for w in ent.text.split()}
        if exclude and words & exclude:
            continue
        if quoted is not None and quoted[ent.start_char]:
            continue
        best = ent
    return best


def reported_speech(doc: Doc) -> list[tuple[tuple[int, int], CueMatch]]:
    """Indirect speech found by the parse alone: "X said (that) …" and "according to X, …".

    Args:
        doc: The parsed Doc.

    Returns:
        (content token offsets, cue match) pairs.
    """
    out: list[tuple[tuple[int, int], CueMatch]] = []
    for sent in doc.sents:
        for tok in sent:
            if tok.lower_ == "according":
                speaker = according_to(tok)
                if speaker is None:
                    continue
                if tok.i <= sent.start + 1:
                    comma = next((t.i for t in doc[speaker[1] : sent.end] if t.text == ","), None)
                    content = (comma + 1, sent.end) if comma is not None else None
                else:
                    content = (sent.start, tok.i)
                if content is not None:
                    content = _trim_punct(doc, *content)
                if content is not None and content[1] - content[0] >= 3:
                    out.append((content, CueMatch(tok.i, tok.i + 2, *speaker)))
            elif is_speech_verb(tok):
                comp = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
                subj = subject_span(tok)
                if comp is None or subj is None:
                    continue
                content = _trim_punct(doc, comp.left_edge.i, comp.right_edge.i + 1)
                if content is not None and content[1] - content[0] >= 3:
                    out.append((content, CueMatch(tok.i, tok.i + 1, *subj)))
    return out


def _trim_punct(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return (start, end) if end > start else None
