"""HTML fragments (feed entry bodies, JSON Lines ``html`` snippets) to paragraphs.

Whole pages go through trafilatura (:mod:`newsprism.extraction.html`); a fragment has no page
around it to separate from, so it is simply flattened block by block.
"""

from __future__ import annotations

import lxml.html
from lxml import etree

from newsprism.extraction.text import clean_line

_BLOCKS = frozenset("p div li h1 h2 h3 h4 h5 h6 blockquote pre td th dd dt figcaption section article br tr".split())
_DROP = ("script", "style", "noscript", "iframe", "svg", "form", "button", "template")


def fragment_paragraphs(html: str) -> list[str]:
    """Flatten an HTML fragment into paragraphs (one per block element).

    Returns an empty list for fragments with no text or that lxml cannot parse at all.
    """
    if not html.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    for element in root.iter(*_DROP):
        element.drop_tree()
    parts: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = clean_line(" ".join(current))
        if line:
            parts.append(line)
        current.clear()

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                flush()
            if tag == "li":
                current.append("-")
            if element.text:
                current.append(element.text)
        else:
            if tag in _BLOCKS:
                flush()
            if element.tail:
                current.append(element.tail)
    flush()
    return parts
