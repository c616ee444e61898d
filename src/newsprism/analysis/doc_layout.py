"""Where things are in a parsed Doc: its text (read once), paragraph numbers, characters to tokens.

Several attribution steps (:mod:`newsprism.analysis.quotes`, :mod:`newsprism.analysis.speakers`) ask
these questions many times per Doc; the answers are cached in ``doc.user_data``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_PARAGRAPHS_KEY = "newsprism.paragraphs"
_TEXT_KEY = "newsprism.text"


def span_chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character offsets ``(start, end)`` of the tokens ``doc[start:end]``."""
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def token_at(doc: Doc, char: int) -> int:
    """Index of the token at character ``char`` (the next token when ``char`` is whitespace)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is not None and len(span):
        return span.start
    for tok in doc:
        if tok.idx + len(tok) > char:
            return tok.i
    return len(doc) - 1


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc: spaCy rebuilds it from the tokens on every access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text  # type: ignore[no-any-return]


def paragraph_index(doc: Doc) -> list[int]:
    """The paragraph number of each token (paragraphs are separated by newlines).

    A paragraph that ends with a colon ("Caddell continued:") introduces the next one, so both get
    the same number. Computed once per Doc (several attribution steps ask for it).
    """
    cached = doc.user_data.get(_PARAGRAPHS_KEY)
    if cached is not None and len(cached) == len(doc):
        return cached  # type: ignore[no-any-return]
    out: list[int] = []
    para = 0
    last = ""
    for tok in doc:
        out.append(para)
        if not tok.is_space and tok.text.strip():
            last = tok.text
        breaks = tok.text.count("\n") + tok.whitespace_.count("\n")
        if breaks and last != ":":
            para += 1
    doc.user_data[_PARAGRAPHS_KEY] = out
    return out


def entity_of(token: Token) -> Span | None:
    """The named entity ``token`` is part of (its IOB run in the parse), or None."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)
