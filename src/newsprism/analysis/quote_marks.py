"""Quotation-mark scanning: where direct quotes start and end in a text.

The scanner works on characters, not tokens, so it is independent of the tokenizer. It knows the
common mark styles of news text: English curly quotes (“…”), straight double quotes ("…"), guillemets
(«…»), German low-high quotes („…“), single curly quotes (‘…’) at the top level or nested inside a
double quote, and mismatched pairs that editors leave behind («…”). A quote that a paragraph opens
without closing continues when the next paragraph reopens it, as in long multi-paragraph quotations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DOUBLE_OPENERS = frozenset('“„«"')
DOUBLE_CLOSERS = frozenset('”»"“')
SINGLE_OPENER = "‘"
SINGLE_CLOSER = "’"
ALL_MARKS = frozenset('“”„«»"‘’')
_MAX_UNCLOSED_CHARS = 600


@dataclass(slots=True)
class MarkedQuote:
    """A quoted stretch of text found by :func:`scan_quotes`.

    Attributes:
        start: Offset of the first character inside the marks.
        end: Offset just past the last character inside the marks.
        open_at: Offset of the opening mark.
        close_at: Offset of the closing mark, or ``None`` when the quote ran to a paragraph end unclosed.
        double: Whether the quote uses double marks (“ " « „) rather than single ones (‘).
        inner: Single-mark quotes nested inside this one.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    double: bool = True
    inner: list[MarkedQuote] = field(default_factory=list)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _opens_single(text: str, i: int) -> bool:
    """Whether ‘ at ``i`` opens a quote (not an apostrophe as in ‘90s written with the wrong mark)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not _is_word_char(before) and not after.isspace() and not after.isdigit()


def _closes_single(text: str, i: int) -> bool:
    """Whether ’ at ``i`` closes a quote rather than being an apostrophe (don’t, Nations’)."""
    after = text[i + 1] if i + 1 < len(text) else " "
    before = text[i - 1] if i > 0 else " "
    return not _is_word_char(after) and not before.isspace()


def _straight_opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (not _is_word_char(before) or before in "([") and not after.isspace()


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for i, ch in enumerate(text):
        if ch == "\n":
            if i > start:
                bounds.append((start, i))
            start = i + 1
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def _first_non_space(text: str, start: int, end: int) -> int:
    i = start
    while i < end and text[i].isspace():
        i += 1
    return i


def _closer_matches(opener: str, ch: str) -> bool:
    if opener == '"':
        return ch in '"”'
    if opener == "„":
        return ch in "“”"
    if opener == "“":
        return ch in '”"»'
    return ch in '»”"'


def scan_quotes(text: str) -> list[MarkedQuote]:
    """Find the direct quotations in ``text``.

    Args:
        text: Plain text, paragraphs separated by newlines.

    Returns:
        Top-level quotes in text order, each with its nested single-mark quotes in ``inner``.
    """
    quotes: list[MarkedQuote] = []
    paragraphs = _paragraph_bounds(text)
    current: MarkedQuote | None = None
    opener = ""
    inner_open: int | None = None
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        i = p_start
        if current is not None:
            first = _first_non_space(text, p_start, p_end)
            if first < p_end and text[first] in DOUBLE_OPENERS:
                i = first + 1  # the paragraph reopens the running quote
            else:
                current = None
        while i < p_end:
            ch = text[i]
            if current is None:
                if ch in "“„«" or (ch == '"' and _straight_opens(text, i)):
                    current = MarkedQuote(start=i + 1, end=i + 1, open_at=i, close_at=None)
                    opener = ch
                    inner_open = None
                elif ch == SINGLE_OPENER and _opens_single(text, i):
                    close = _find_single_close(text, i + 1, p_end)
                    if close is not None:
                        quotes.append(MarkedQuote(i + 1, close, i, close, double=False))
                        i = close
            elif _closer_matches(opener, ch) and not (ch == "“" and opener == "“"):
                current.end = i
                current.close_at = i
                if inner_open is not None:
                    inner_open = None
                if current.end > current.start:
                    quotes.append(current)
                current = None
            elif (ch == SINGLE_OPENER and inner_open is None and _opens_single(text, i)) or (
                ch == "'" and inner_open is None and _straight_opens(text, i) and opener == '"'
            ):
                inner_open = i
            elif inner_open is not None and (
                (ch == SINGLE_CLOSER and _closes_single(text, i)) or (ch == "'" and text[inner_open] == "'")
            ):
                if i > inner_open + 1:
                    current.inner.append(MarkedQuote(inner_open + 1, i, inner_open, i, double=False))
                inner_open = None
            i += 1
        if current is not None:
            nxt = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
            reopens = False
            if nxt is not None:
                first = _first_non_space(text, nxt[0], nxt[1])
                reopens = first < nxt[1] and text[first] in DOUBLE_OPENERS and not _closes_at_start(text, first)
            if reopens:
                continue
            end = p_end
            while end > current.start and text[end - 1].isspace():
                end -= 1
            if inner_open is not None:
                inner_open = None
            if current.start < end and end - current.start <= _MAX_UNCLOSED_CHARS:
                current.end = end
                quotes.append(current)
            current = None
    quotes.sort(key=lambda q: q.start)
    return quotes


def _closes_at_start(text: str, i: int) -> bool:
    """A mark at a paragraph start followed by a space is a stray closer, not a reopening."""
    return i + 1 < len(text) and text[i + 1] == " "


def _find_single_close(text: str, start: int, end: int) -> int | None:
    for j in range(start, end):
        if text[j] == SINGLE_CLOSER and _closes_single(text, j):
            return j if j > start else None
        if text[j] in "“”«»":
            return None
    return None


def quote_char_mask(text: str, quotes: list[MarkedQuote] | None = None) -> bytearray:
    """A per-character mask: 1 inside a top-level quote (marks included), 0 outside.

    Args:
        text: The text the quotes were found in.
        quotes: Quotes from :func:`scan_quotes`; scanned from ``text`` when ``None``.

    Returns:
        A bytearray as long as ``text``.
    """
    mask = bytearray(len(text))
    for q in quotes if quotes is not None else scan_quotes(text):
        stop = (q.close_at + 1) if q.close_at is not None else q.end
        mask[q.open_at : stop] = b"\x01" * (stop - q.open_at)
    return mask
