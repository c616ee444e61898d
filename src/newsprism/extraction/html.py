"""Main text and metadata of a web page: the only module that imports trafilatura.

:func:`extract_html` parses the page once, runs trafilatura's ``bare_extraction`` in precision
mode (falling back to its balanced mode, which has its own recall and baseline rescues, when
precision finds too little), turns the extracted tree into paragraphs, and then applies two
general corrections measured on the extraction benchmark (``docs/benchmarks.md``):

* **Split bodies.** Pages often cut the article body into several sibling containers with the
  same class (ads or widgets between them); trafilatura keeps only one. Paragraphs from the
  other containers with the same tag and class as the one the text came from are added back in
  document order (the "same class" sibling rule of readability).
* **Edge boilerplate.** The headline repeated as a paragraph near the top, and short calls to
  action at the start or end of the text (newsletter sign-ups, "share this story", "reach the
  reporter at", comment counters, leftover WordPress shortcodes) are cut and reported in
  ``removed``.

Metadata comes from trafilatura, with fallbacks read from the page's ``<meta>`` tags.
"""

from __future__ import annotations

import html as html_lib
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml.html import HtmlElement  # type: ignore[import-untyped]
from trafilatura.settings import Document

LOGGER = logging.getLogger(__name__)

__all__ = ["HtmlExtract", "extract_html"]

# Below this many characters a precision-mode extraction counts as a miss and the balanced mode
# runs (trafilatura's own MIN_EXTRACTED_SIZE).
MIN_PRECISE_CHARS = 250

# Edge boilerplate is only looked for in paragraphs this short (in words) ...
EDGE_MAX_WORDS = 40
# ... among this many paragraphs at each end of the text.
EDGE_WINDOW = 4

# Split-body continuation: a same-class container is merged only when its paragraphs are
# mostly not link text, and when it shares an ancestor with the main container at most this
# many levels up.
CONTINUATION_MAX_LINK_SHARE = 0.5
CONTINUATION_MAX_LEVELS = 4

_LOOKS_LIKE_HTML = re.compile(r"<\s*[A-Za-z!?/]")
_WS = re.compile(r"[^\S\n]+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_HTML_TAG_NAMES = (
    "a|abbr|article|aside|b|blockquote|body|br|button|code|div|em|figcaption|figure|font|footer|"
    "form|h[1-6]|head|header|hr|html|i|iframe|img|input|li|link|meta|nav|noscript|ol|p|picture|"
    "pre|script|section|small|source|span|strong|style|sub|sup|svg|table|tbody|td|th|thead|tr|"
    "u|ul|video"
)
_LEFTOVER_TAG = re.compile(rf"</?(?:{_HTML_TAG_NAMES})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|»|•|/)\s+")
_STRONG_SEPARATORS = {"|", "::", "»", "•", "·"}
_NON_ALNUM = re.compile(r"[\W_]+")
_LANG_CODE = re.compile(r"^[a-z]{2,3}$")

# Block-level tags of trafilatura's output tree (children of its <body>).
_OUT_BLOCKS = frozenset({"p", "head", "quote", "list", "item", "table", "row", "code", "div", "body", "graphic"})
_OUT_CONTAINERS = frozenset({"body", "div", "list", "table", "quote", "item"})

# Source-tree tags whose text makes a paragraph in a split-body continuation.
_SOURCE_BLOCKS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"})
# Class names that mark an article-body container, and ones that mark anything else (after
# readability's positive and negative class patterns).
_BODY_CLASS = re.compile(r"article|body|content|entry|post|story|text", re.IGNORECASE)
_NOT_BODY_CLASS = re.compile(
    r"comment|meta|foot|related|share|social|sidebar|sponsor|promo|widget|advert|teaser|recirc|"
    r"newsletter|caption|card|byline|author|header|nav|menu",
    re.IGNORECASE,
)
_SOURCE_SKIP = frozenset({"script", "style", "noscript", "figure", "figcaption", "aside", "nav", "footer", "form"})

# Short paragraphs at the edges of the text that are calls to action, not article text.
REPEATED_HEADLINE = "repeated headline"

_EDGE_BOILERPLATE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("advertisement marker", re.compile(r"^(?:advertisement|advertising|sponsored(?: content)?)\W*$")),
    (
        "newsletter prompt",
        re.compile(r"\b(?:sign(?:ing)? up|subscribe|subscription)\b.*\b(?:newsletters?|inbox)\b"),
    ),
    ("newsletter prompt", re.compile(r"\b(?:newsletters?|inbox)\b.*\b(?:sign(?:ing)? up|subscribe)\b")),
    ("social media prompt", re.compile(r"^(?:like|liked|enjoy(?:ed)?) this (?:story|article|post)\b")),
    ("social media prompt", re.compile(r"^share (?:this|the) (?:story|article|post)\b")),
    ("social media prompt", re.compile(r"^follow (?:us|him|her|them|me)\b.{0,40}\b(?:on|at)\b")),
    ("comments prompt", re.compile(r"^(?:\d+\s+)?comments?\W*$")),
    ("comments prompt", re.compile(r"^(?:tell us what you think|leave a (?:comment|reply))\W*")),
    ("call to action", re.compile(r"\bclick here\b")),
    (
        "author contact line",
        re.compile(
            r"\b(?:can|may) be reached\b"
            r"|\b(?:contact|e-?mail) (?:him|her|them|me|the (?:author|reporter|writer))\b"
        ),
    ),
    ("author contact line", re.compile(r"^(?:have|got) a (?:news )?tip\b")),
    ("related headlines", re.compile(r"^(?:read more|related|see also|more on this)\s*:")),
    ("update timestamp", re.compile(r"^(?:updated|last updated)\b[^.!?]{0,50}$")),
)
_BYLINE_STOPS = frozenset({"published", "updated", "posted", "is", "was", "on"})
_CALENDAR_WORDS = frozenset(
    {
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december"),
    }
)
_SHORTCODE = re.compile(r"^\[(\w+)(?:\s[^\]]*)?\].*\[/\1\]$|^\[\w+(?:\s+\w+\s*=[^\]]*)+\]$")


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    """What :func:`extract_html` found in one page.

    Attributes:
        title: The headline, without a trailing site name.
        paragraphs: The main text split into paragraphs, in order, none empty. A paragraph may
            hold single line breaks (from ``<br>``), never a blank line.
        published: Publication date or date-time, ISO 8601.
        authors: Author names in page order.
        sitename: The site or outlet name the page declares.
        language: Primary language subtag (``en``) declared by the page.
        url: Canonical URL declared by the page (``<link rel=canonical>`` or ``og:url``).
        removed: Paragraphs cut as boilerplate, as ``(text, reason)`` pairs (repeated headline,
            calls to action).
    """

    title: str | None
    paragraphs: list[str]
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    sitename: str | None = None
    language: str | None = None
    url: str | None = None
    removed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The paragraphs joined by blank lines."""
        return "\n\n".join(self.paragraphs)


def extract_html(html: str, *, url: str | None = None) -> HtmlExtract | None:
    """Extract the main text and metadata of a web page.

    Never raises on bad input: malformed, hostile or non-HTML input yields ``None`` or whatever
    could be extracted.

    Args:
        html: The page, decoded to text.
        url: The page's URL where known (resolves relative canonical URLs, helps date
            detection).

    Returns:
        The extract, or ``None`` when no main text was found.
    """
    if not html or not _LOOKS_LIKE_HTML.search(html):
        return None
    try:
        return _extract(html, url)
    except Exception as err:  # lxml, trafilatura, htmldate and deep recursion raise many types
        LOGGER.warning("extraction failed for %s: %s: %s", url or "page", type(err).__name__, err)
        return None


def _extract(html: str, url: str | None) -> HtmlExtract | None:
    tree = trafilatura.load_html(html)
    if tree is None:
        return None
    document = _bare_extraction(tree, url, precision=True)
    found = len(document.text or "") if document is not None else 0
    if found < MIN_PRECISE_CHARS:
        balanced = _bare_extraction(tree, url, precision=False)
        if balanced is not None and len(balanced.text or "") > found:
            document = balanced
    if document is None or document.body is None:
        return None

    paragraphs = [_clean(p) for p in _output_paragraphs(document.body)]
    paragraphs = [p for p in paragraphs if p]
    paragraphs = _add_split_body(tree, paragraphs)

    meta = _meta_tags(tree)
    sitename = _clean_line(document.sitename or meta.get("og:site_name") or "") or None
    title = document.title or meta.get("og:title") or meta.get("twitter:title") or _title_tag(tree)
    title = _strip_site_suffix(_clean_line(title), sitename, url) if title else None
    paragraphs, removed = _trim_edges(paragraphs, title)
    if not paragraphs:
        return None
    return HtmlExtract(
        title=title,
        paragraphs=paragraphs,
        published=_published(meta, document.date),
        authors=_split_authors(document.author),
        sitename=sitename,
        language=_language(tree, meta),
        url=_canonical_url(tree, meta, url),
        removed=removed,
    )


def _bare_extraction(tree: HtmlElement, url: str | None, *, precision: bool) -> Document | None:
    """One trafilatura pass over a parsed page (the tree is copied, not changed)."""
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        favor_precision=precision,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
    )
    return document if isinstance(document, Document) else None


# --- trafilatura output tree -> paragraphs ---------------------------------------------------


def _output_paragraphs(element: HtmlElement) -> Iterator[str]:
    """Yield the raw paragraph texts of trafilatura's output tree, in order."""
    tag = element.tag
    if tag == "row":
        yield " ".join(_inline_text(cell) for cell in element)
        return
    has_blocks = any(child.tag in _OUT_BLOCKS for child in element)
    if tag not in _OUT_CONTAINERS or not has_blocks:
        yield _inline_text(element)
        return
    buffer = [element.text or ""]
    for child in element:
        if child.tag in _OUT_BLOCKS:
            yield "".join(buffer)
            buffer = []
            yield from _output_paragraphs(child)
        else:
            buffer.append(_inline_text(child))
        buffer.append(child.tail or "")
    yield "".join(buffer)


def _inline_text(element: HtmlElement) -> str:
    """The text of an element and its descendants (not its tail), ``<lb>`` as a line break."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag in _OUT_BLOCKS or child.tag == "cell":
            parts.append(f" {_inline_text(child)} ")
        else:
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _clean(text: str) -> str:
    """Normalise whitespace, drop leftover tags and entities; keep single line breaks."""
    text = _ZERO_WIDTH.sub("", text)
    if "&" in text and _ENTITY.search(text):
        text = html_lib.unescape(text)
    if "<" in text:
        text = _LEFTOVER_TAG.sub(" ", text)
    lines = (_WS.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _clean_line(text: str) -> str:
    return " ".join(_clean(text).split())


# --- split article bodies --------------------------------------------------------------------


def _key(text: str) -> str:
    """A matching key for a paragraph: its first 80 letters and digits, lowercased."""
    return _NON_ALNUM.sub("", text.lower())[:80]


def _source_text(element: HtmlElement) -> str:
    return _clean(" ".join(element.itertext()))


def _class_signature(element: HtmlElement) -> tuple[str, frozenset[str]] | None:
    classes = frozenset((element.get("class") or "").split())
    return (str(element.tag), classes) if classes else None


def _is_body_class(classes: frozenset[str]) -> bool:
    """Whether a class list names an article body (and nothing that is not one)."""
    return any(_BODY_CLASS.search(c) for c in classes) and not any(_NOT_BODY_CLASS.search(c) for c in classes)


def _add_split_body(tree: HtmlElement, paragraphs: list[str]) -> list[str]:
    """Add paragraphs from containers sharing the tag and class of the text's main container."""
    keys = [_key(p) for p in paragraphs]
    wanted = {k for k in keys if len(k) >= 20}
    if len(wanted) < 2:
        return paragraphs
    order: dict[HtmlElement, int] = {}
    found: dict[str, HtmlElement] = {}
    for index, element in enumerate(tree.iter()):
        order[element] = index
        if element.tag == "p" and wanted:
            key = _key(_source_text(element))
            if key in wanted and key not in found:
                found[key] = element
    parents = Counter(parent for element in found.values() if (parent := element.getparent()) is not None)
    if not parents:
        return paragraphs
    main, count = parents.most_common(1)[0]
    signature = _class_signature(main)
    if count < 2 or signature is None or not _is_body_class(signature[1]):
        return paragraphs
    lineage = list(main.iterancestors())
    near = set(lineage[:CONTINUATION_MAX_LEVELS])
    additions: list[tuple[int, str]] = []
    known = set(keys)
    for other in tree.iter(main.tag):
        if other is main or other in near or _class_signature(other) != signature:
            continue
        ancestors = list(other.iterancestors())
        if main in ancestors or not near.intersection(ancestors):
            continue
        if any(a.tag in _SOURCE_SKIP for a in ancestors):
            continue
        additions.extend(_continuation(other, order, known))
    if not additions:
        return paragraphs
    # Place the extracted paragraphs by the position of their source element; unmatched ones
    # follow the previous matched paragraph.
    placed: list[tuple[int, int, str]] = []
    position = -1
    for seq, (text, key) in enumerate(zip(paragraphs, keys, strict=True)):
        if key in found:
            position = order[found[key]]
        placed.append((position, seq, text))
    placed.extend((pos, len(placed) + i, text) for i, (pos, text) in enumerate(additions))
    placed.sort(key=lambda item: (item[0], item[1]))
    return [text for _, _, text in placed]


def _continuation(container: HtmlElement, order: dict[HtmlElement, int], known: set[str]) -> list[tuple[int, str]]:
    """The new paragraphs of a same-class container, or none when it is mostly links."""
    blocks: list[tuple[int, str]] = []
    total = links = 0
    for element in _source_blocks(container):
        text = _source_text(element)
        key = _key(text)
        if not key or key in known:
            continue
        link_text = sum(len(_source_text(a)) for a in element.iter("a"))
        total += len(text)
        links += link_text
        blocks.append((order[element], text))
    if not blocks or links > CONTINUATION_MAX_LINK_SHARE * total:
        return []
    known.update(_key(text) for _, text in blocks)
    return blocks


def _source_blocks(container: HtmlElement) -> Iterator[HtmlElement]:
    """Paragraph-like descendants of a source container, outermost only."""
    stack = list(reversed(container))
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str) or element.tag in _SOURCE_SKIP:
            continue
        if element.tag in _SOURCE_BLOCKS and not any(d.tag in _SOURCE_BLOCKS for d in element.iterdescendants()):
            yield element
        else:
            stack.extend(reversed(element))


# --- edge boilerplate ------------------------------------------------------------------------


def _boilerplate_reason(paragraph: str) -> str | None:
    if len(paragraph.split()) > EDGE_MAX_WORDS:
        return None
    if _SHORTCODE.match(paragraph):
        return "markup residue"
    lowered = paragraph.lower()
    for reason, pattern in _EDGE_BOILERPLATE:
        if pattern.search(lowered):
            return reason
    return None


def _trim_edges(paragraphs: list[str], title: str | None) -> tuple[list[str], list[tuple[str, str]]]:
    """Cut the headline and boilerplate paragraphs at the start and end of the text.

    Returns the kept paragraphs and the removed ones as ``(text, reason)`` pairs.
    """
    title_key = _key(title) if title else ""

    def reason_for(paragraph: str) -> str | None:
        if title_key and _key(paragraph) == title_key:
            return REPEATED_HEADLINE
        return _boilerplate_reason(paragraph)

    start, end = 0, len(paragraphs)
    while start < end and start < EDGE_WINDOW and reason_for(paragraphs[start]):
        start += 1
    while end > start and len(paragraphs) - end < EDGE_WINDOW and reason_for(paragraphs[end - 1]):
        end -= 1
    kept = paragraphs[start:end]
    removed = [(p, reason_for(p) or REPEATED_HEADLINE) for p in paragraphs[:start]]
    if title_key:  # the headline repeated below other page furniture
        early = kept[:EDGE_WINDOW]
        removed += [(p, REPEATED_HEADLINE) for p in early if _key(p) == title_key]
        kept = [p for p in early if _key(p) != title_key] + kept[EDGE_WINDOW:]
    return kept, removed + [(p, reason_for(p) or REPEATED_HEADLINE) for p in paragraphs[end:]]


# --- metadata --------------------------------------------------------------------------------


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    """``<meta>`` contents by lowercased name, property or itemprop (first one wins)."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content") or meta.get("datetime")
        if not content or not content.strip():
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            name = (meta.get(attribute) or "").strip().lower()
            if name and name not in found:
                found[name] = content.strip()
    return found


def _title_tag(tree: HtmlElement) -> str | None:
    element = tree.find(".//title")
    if element is None:
        return None
    return element.text_content() or None


def _strip_site_suffix(title: str, sitename: str | None, url: str | None) -> str | None:
    """Drop the site name around a headline: ``Headline | Site`` -> ``Headline``.

    A leading site name followed by a separator is dropped. A trailing segment after a strong
    separator (``|``, ``»``, ``::``, ``·``, ``•``) is dropped when it is short; after a dash or
    slash only when it names the site (its name or host).
    """
    if not title:
        return None
    names = {_key(sitename)} if sitename else set()
    host = urlsplit(url).hostname if url else None
    if host:
        names.add(_key(host.removeprefix("www.")))
        names.add(_key(host.removeprefix("www.").rsplit(".", 1)[0]))
    names.discard("")
    if sitename:
        prefix = re.match(rf"{re.escape(sitename.strip())}\s*[|:»·•–—-]\s+", title, re.IGNORECASE)
        if prefix and len(title[prefix.end() :].split()) >= 2:
            title = title[prefix.end() :]
    while True:
        matches = list(_TITLE_SEPARATORS.finditer(title))
        if not matches:
            return title
        last = matches[-1]
        head, tail = title[: last.start()].strip(), title[last.end() :].strip()
        if len(head.split()) < 2:
            return title
        separator = last.group().strip()
        tail_key = _key(tail)
        names_site = bool(tail_key) and any(n in tail_key or tail_key in n for n in names)
        if names_site or (separator in _STRONG_SEPARATORS and len(tail.split()) <= 5):
            title = head
        else:
            return title


def _published(meta: dict[str, str], fallback: str | None) -> str | None:
    """Publication date-time from the page's meta tags, else trafilatura's date."""
    for name in (
        "article:published_time",
        "og:article:published_time",
        "datepublished",
        "article.published",
        "pubdate",
        "publishdate",
        "parsely-pub-date",
        "sailthru.date",
        "dc.date.issued",
    ):
        value = meta.get(name)
        if not value:
            continue
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            continue
        if fallback and parsed.date().isoformat() != fallback:
            break  # disagreement: trust trafilatura's more careful date search
        if parsed.time() == datetime.min.time() and parsed.tzinfo is None:
            return parsed.date().isoformat()
        return parsed.isoformat()
    return fallback or None


def _split_authors(author: str | None) -> list[str]:
    """Split trafilatura's ``A; B`` author string, dropping things that are not names.

    A name is cut before a word that starts the rest of a byline line (``Published``, ``is``,
    a weekday or month after the first word), and dropped when it holds a URL or e-mail
    address, is a lone weekday or month, or is too long to be a name.
    """
    if not author:
        return []
    names: list[str] = []
    seen: set[str] = set()
    for part in re.split(r"\s*[;|]\s*", author):
        words = _clean_line(part).split()
        for index, word in enumerate(words):
            lowered_word = word.lower().strip(",.")
            if lowered_word in _BYLINE_STOPS or (index and lowered_word in _CALENDAR_WORDS):
                words = words[:index]
                break
        name = " ".join(words).strip(" ,.-")
        lowered = name.lower()
        if (
            not name
            or not any(c.isalpha() for c in name)
            or "@" in name
            or "http" in lowered
            or "www." in lowered
            or "/" in name
            or lowered in _CALENDAR_WORDS
            or len(name) > 80
            or len(words) > 6
            or lowered in seen
        ):
            continue
        seen.add(lowered)
        names.append(name)
    return names


def _language(tree: HtmlElement, meta: dict[str, str]) -> str | None:
    """The page's declared language as a lowercase primary subtag (``en``)."""
    candidates: Iterable[str | None] = (
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        tree.get("xml:lang"),
        meta.get("content-language"),
        meta.get("language"),
        meta.get("dc.language"),
        meta.get("og:locale"),
    )
    for value in candidates:
        if not value:
            continue
        primary = re.split(r"[-_,;\s]", value.strip().lower(), maxsplit=1)[0]
        if _LANG_CODE.match(primary):
            return primary
    return None


def _canonical_url(tree: HtmlElement, meta: dict[str, str], base: str | None) -> str | None:
    """The canonical URL the page declares, made absolute against ``base``."""
    candidates: list[str] = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and link.get("href"):
            candidates.append(link.get("href", ""))
    if meta.get("og:url"):
        candidates.append(meta["og:url"])
    for candidate in candidates:
        value = candidate.strip()
        absolute = urljoin(base, value) if base else value
        if absolute.startswith("//"):
            absolute = f"https:{absolute}"
        parts = urlsplit(absolute)
        if parts.scheme in ("http", "https") and parts.netloc:
            return absolute
    return None
