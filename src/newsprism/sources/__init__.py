"""Sources: from what the user names (paths, directories, globs, URLs) to raw documents.

:func:`read_sources` is the single entry point. It streams :class:`RawDocument` records and,
for inputs that cannot be read, :class:`Failure` records, so a bad input never stops a batch.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsprism.config import Settings
from newsprism.errors import SourceError
from newsprism.models import Failure, RawDocument
from newsprism.sources.feeds import looks_like_feed, read_feed
from newsprism.sources.fetch import FetchedPage, Fetcher
from newsprism.sources.jsonl import read_jsonl
from newsprism.sources.reading import GZIP_MAGIC, binary_kind, maybe_gunzip, read_file
from newsprism.sources.resolve import Input, format_of, resolve
from newsprism.sources.warc import read_warc

__all__ = ["Fetcher", "Input", "read_input", "read_sources", "resolve"]

_WARC_MAGIC = b"WARC/"


def read_sources(
    specs: Iterable[str],
    settings: Settings,
    *,
    fetcher: Fetcher | None = None,
    on_input: Callable[[Input], None] | None = None,
) -> Iterator[RawDocument | Failure]:
    """Stream the documents of every source spec, in order.

    Args:
        specs: Paths, directories, globs and URLs, mixed freely.
        settings: Reading options.
        fetcher: The HTTP fetcher for URLs (one is created and closed here if not given).
        on_input: Called after each concrete input is fully read (for progress bars).

    Yields:
        Raw documents, and failures for inputs (or parts of inputs) that could not be read.
    """
    inputs = list(resolve(list(specs)))
    own = fetcher is None
    fetch = fetcher or Fetcher(settings)
    try:
        for item in inputs:
            yield from read_input(item, settings, fetch)
            if on_input:
                on_input(item)
    finally:
        if own:
            fetch.close()


def read_input(item: Input, settings: Settings, fetcher: Fetcher) -> Iterator[RawDocument | Failure]:
    """Read one concrete input; never raises for bad content."""
    if item.kind == "missing":
        yield Failure(item.spec, "no such file, directory or matching path")
        return
    try:
        if item.kind == "url":
            yield from _read_url(item.location, settings, fetcher)
        else:
            yield from _read_file(Path(item.location), item.location, settings, fetcher)
    except SourceError as exc:
        yield Failure(item.label, exc.message)


def _read_file(path: Path, label: str, settings: Settings, fetcher: Fetcher) -> Iterator[RawDocument | Failure]:
    fmt = format_of(path.name)
    if fmt == "warc" or (fmt is None and _sniff_file(path) == "warc"):
        with path.open("rb") as stream:
            yield from read_warc(stream, label, settings)
        return
    if fmt == "jsonl":
        yield from _read_jsonl_file(path, label, settings)
        return
    data = maybe_gunzip(read_file(path, settings.max_bytes), settings.max_bytes)
    yield from _dispatch_bytes(data, fmt, label, None, None, None, settings, fetcher)


def _read_jsonl_file(path: Path, label: str, settings: Settings) -> Iterator[RawDocument | Failure]:
    if path.stat().st_size == 0:
        raise SourceError("empty input")
    with path.open("rb") as raw:
        gz = raw.read(2) == GZIP_MAGIC
        raw.seek(0)
        stream: io.BufferedIOBase = gzip.GzipFile(fileobj=raw) if gz else raw  # type: ignore[assignment]
        yield from read_jsonl(stream, label, settings)


def _sniff_file(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    if head.startswith(GZIP_MAGIC):
        try:
            with gzip.open(path, "rb") as handle:
                head = handle.read(4096)
        except (OSError, EOFError):
            return None
    return "warc" if head.startswith(_WARC_MAGIC) else None


def _read_url(url: str, settings: Settings, fetcher: Fetcher) -> Iterator[RawDocument | Failure]:
    page: FetchedPage = fetcher.fetch(url)
    data = maybe_gunzip(page.content, settings.max_bytes)
    if not data.strip():
        raise SourceError("empty response body")
    fmt = _format_from_content_type(page.content_type) or format_of(page.url.split("?")[0])
    yield from _dispatch_bytes(data, fmt, url, page.url, page.content_type, page.fetched_at, settings, fetcher)


def _format_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    mime = content_type.split(";")[0].strip().lower()
    if mime in {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}:
        return "feed"
    if mime in {"text/html", "application/xhtml+xml"}:
        return "html"
    if mime == "text/plain":
        return "text"
    if mime in {"application/warc", "application/x-warc"}:
        return "warc"
    if mime in {"application/jsonl", "application/x-ndjson", "application/json-lines"}:
        return "jsonl"
    return None


def _dispatch_bytes(
    data: bytes,
    fmt: str | None,
    label: str,
    url: str | None,
    content_type: str | None,
    fetched_at: str | None,
    settings: Settings,
    fetcher: Fetcher,
) -> Iterator[RawDocument | Failure]:
    kind = binary_kind(data)
    if kind and not data.startswith(_WARC_MAGIC):
        raise SourceError(f"not a news document ({kind})")
    if fmt is None:
        fmt = "feed" if looks_like_feed(data) else _sniff_bytes(data)
    elif fmt == "html" and looks_like_feed(data):
        fmt = "feed"  # feeds are often served as text/html or saved as .html
    if fmt == "warc":
        yield from read_warc(io.BytesIO(data), label, settings)
    elif fmt == "jsonl":
        yield from read_jsonl(io.BytesIO(data), label, settings)
    elif fmt == "feed":
        yield from read_feed(data, label, settings, fetcher)
    else:
        yield RawDocument(
            source=label,
            content=data,
            kind="html" if fmt == "html" else "text",
            url=url,
            fetched_at=fetched_at,
            content_type=content_type,
            fields={"url": url} if url else {},
        )


def _sniff_bytes(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith(_WARC_MAGIC.lower()):
        return "warc"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<p>" in head:
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"
