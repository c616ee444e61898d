"""Plain text: paragraphs, titles and whitespace.

Plain-text news comes in two shapes: one paragraph per line (copied from a page) and
hard-wrapped paragraphs separated by blank lines (wire copy, e-mail). Both are turned into the
same list of paragraphs.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE_RUN = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪◦–]|\d{1,3}[.)])\s+")
_SENTENCE_END = tuple(".!?:;\"'”’»)]…")

# A wrapped line is shorter than a typical paragraph but long enough not to be a heading.
_WRAP_MIN, _WRAP_MAX = 30, 100


def clean_line(line: str) -> str:
    """Collapse spacing, drop invisible and control characters, keep everything else as is."""
    line = _CONTROL.sub("", _INVISIBLE.sub("", line))
    return _SPACE_RUN.sub(" ", line).strip()


def normalize_newlines(text: str) -> str:
    """Unify line endings and Unicode composition (NFC) so offsets are stable."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def split_paragraphs(text: str) -> list[str]:
    """Split a plain-text body into clean paragraphs.

    Blocks are separated by blank lines. Inside a block, hard-wrapped lines are joined into one
    paragraph; otherwise each line is a paragraph of its own (and list items always are).

    Args:
        text: The body, any line endings.

    Returns:
        The non-empty paragraphs in order.
    """
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t]*\n", normalize_newlines(text)):
        lines = [clean_line(line) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if _is_hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def split_title(text: str) -> tuple[str | None, list[str]]:
    """Split a plain-text article: first non-empty line is the title, the rest the body."""
    normalized = normalize_newlines(text)
    lines = normalized.split("\n")
    for i, line in enumerate(lines):
        title = clean_line(line)
        if title:
            return title, split_paragraphs("\n".join(lines[i + 1 :]))
    return None, []


def _is_hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2 or any(_LIST_ITEM.match(line) for line in lines):
        return False
    body = lines[:-1]
    if not all(_WRAP_MIN <= len(line) <= _WRAP_MAX for line in body):
        return False
    if len(lines[-1]) > _WRAP_MAX:
        return False
    # Wrapping cuts mid-sentence: at least one line must end without sentence punctuation.
    return any(not line.endswith(_SENTENCE_END) for line in body)


def join_paragraphs(paragraphs: list[str]) -> str:
    """The article ``text`` form: paragraphs separated by one blank line."""
    return "\n\n".join(p for p in paragraphs if p)
