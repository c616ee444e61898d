"""RSS, Atom and RDF feeds: one raw document per entry.

Feeds are parsed with feedparser from bytes already in memory; feedparser is never handed a
string, because it treats strings (and even bytes) as URLs or file names to open.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from xml.sax import SAXParseException

import feedparser  # type: ignore[import-untyped]  # no stubs or py.typed

from newsprism.config import Settings
from newsprism.errors import FetchError
from newsprism.models import Failure, RawDocument
from newsprism.sources.fetch import Fetcher

_SNIFF_BYTES = 4096
# The first element that matters: a feed root, or an HTML root that rules a feed out.
_ROOT = re.compile(rb"<(rss|feed|rdf:rdf|html)[\s>/]", re.IGNORECASE)
_ATOM_NS = b"http://www.w3.org/2005/atom"


def looks_like_feed(content: bytes) -> bool:
    """Tell from the first few KB whether bytes are an RSS, Atom or RDF feed.

    Args:
        content: The document's bytes.

    Returns:
        True if an ``<rss>``, Atom ``<feed>`` or ``<rdf:RDF>`` root appears before any
        ``<html>`` element.
    """
    head = content[:_SNIFF_BYTES]
    match = _ROOT.search(head)
    if match is None:
        return False
    root = match.group(1).lower()
    if root == b"feed":
        # <feed> alone is too common a word in HTML-ish markup; Atom declares its namespace.
        return _ATOM_NS in head.lower()
    return root != b"html"


def read_feed(
    content: bytes, source: str, settings: Settings, fetcher: Fetcher | None
) -> Iterator[RawDocument | Failure]:
    """Read a feed's entries as raw documents, optionally fetching each entry's page.

    Args:
        content: The feed's bytes.
        source: The feed's path or URL as the user gave it (a URL also resolves relative links).
        settings: With ``follow_links``, each entry's link is fetched with ``fetcher``.
        fetcher: The HTTP fetcher used for ``follow_links``; None to never fetch.

    Yields:
        A ``record`` document per entry (its HTML from the feed), or with ``follow_links`` an
        ``html`` document of the fetched page; a failure for each entry that yields nothing,
        or one failure for the whole feed if it is malformed or empty.
    """
    headers = {"content-location": source} if source.startswith(("http://", "https://")) else {}
    # A BytesIO, never the bytes themselves: feedparser would try them as a file name first.
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    entries = parsed.get("entries") or []
    if not entries:
        yield Failure(source, _empty_reason(parsed))
        return
    outlet = parsed.get("feed", {}).get("title") or None
    follow = settings.follow_links and fetcher is not None
    for i, entry in enumerate(entries, start=1):
        locator = f"entry {i}"
        link = entry.get("link") or None
        html = _entry_html(entry)
        fields = {
            "guid": entry.get("id") or None,
            "url": link,
            "title": entry.get("title") or None,
            "published": _published(entry),
            "authors": _authors(entry),
            "outlet": outlet,
            "html": html,
        }
        if follow and link and fetcher is not None:
            try:
                page = fetcher.fetch(link)
            except FetchError as exc:
                yield Failure(f"{source} (entry {i}: {link})", exc.message)
                continue
            yield RawDocument(
                source=source,
                content=page.content,
                kind="html",
                url=page.url,
                locator=locator,
                fetched_at=page.fetched_at,
                fields=fields,
                content_type=page.content_type,
            )
        elif html:
            yield RawDocument(
                source=source,
                content=html.encode("utf-8"),
                kind="record",
                url=link,
                locator=locator,
                fields=fields,
                content_type="text/html",
            )
        elif link:
            message = f"entry has no content in the feed; use --follow-links to fetch {link}"
            yield Failure(f"{source} ({locator})", message)
        elif parsed.get("bozo"):
            # A half-parsed entry of a broken feed: the breakage is the useful message.
            yield Failure(f"{source} ({locator})", _empty_reason(parsed))
        else:
            yield Failure(f"{source} ({locator})", "entry has neither content nor a link")


def _empty_reason(parsed: Any) -> str:
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        if isinstance(exc, SAXParseException):
            # str() would start with "<unknown>:", the system id of an in-memory document.
            where = f"line {exc.getLineNumber()}, column {exc.getColumnNumber()}"
            return f"malformed feed: {exc.getMessage()} at {where}"
        lines = str(exc).strip().splitlines() if exc is not None else []
        return f"malformed feed: {lines[0] if lines else type(exc).__name__}"
    if not parsed.get("version"):
        return "not an RSS, Atom or RDF feed (no feed root element)"
    return "feed has no entries"


def _entry_html(entry: Any) -> str | None:
    # Atom <content> and RSS <content:encoded> carry the full body; <summary>/<description>
    # is often a teaser, so it is only the fallback.
    for part in entry.get("content") or []:
        value = part.get("value")
        if value and value.strip():
            return str(value)
    summary = entry.get("summary")
    return str(summary) if summary and summary.strip() else None


def _published(entry: Any) -> str | None:
    # dict.get, not entry.get: feedparser maps a missing "updated" to "published" (with a
    # DeprecationWarning), which would blur the two.
    for key in ("published", "updated"):
        parsed: time.struct_time | None = dict.get(entry, f"{key}_parsed")
        if parsed is not None:
            # feedparser normalises every date it understands to a UTC struct_time.
            return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    raw = dict.get(entry, "published") or dict.get(entry, "updated")
    return str(raw) if raw else None


def _authors(entry: Any) -> list[str]:
    names = [str(a["name"]) for a in entry.get("authors") or [] if a.get("name")]
    if not names and entry.get("author"):
        names = [str(entry["author"])]
    return names
