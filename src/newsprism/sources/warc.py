"""WARC archives (Common Crawl, CC-NEWS, crawler output): one raw document per HTML response.

fastwarc does the parsing. Two of its behaviours shape this module: it hands over HTTP bodies
exactly as archived (still chunked or gzip-encoded when the crawler kept them), and it does
not report a file cut short: the last record comes back with fewer bytes than its headers
promise, or, cut inside a gzip member, not at all. So bodies are decoded here, every record's
length is checked, and the gzip framing is followed alongside fastwarc.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from newsprism.config import Settings
from newsprism.models import Failure, RawDocument

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.I | re.S
)
_READ_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class _Damage:
    """The archive is broken from this record on."""

    detail: str


@dataclass(frozen=True, slots=True)
class _Problem:
    """This record cannot be used, but the archive goes on."""

    message: str


def read_warc(stream: BinaryIO, source: str, settings: Settings) -> Iterator[RawDocument | Failure]:
    """Read the HTML responses of a WARC file, plain or gzip-compressed.

    Args:
        stream: The archive, opened in binary mode (compression is detected).
        source: The archive's path or URL as the user gave it.
        settings: ``max_bytes`` caps each record's body.

    Yields:
        An ``html`` document for each 2xx HTML response record; a failure for each record
        over the size cap or with an undecodable body; and, if the archive is cut short or
        corrupt, one failure after everything read before the damage.
    """
    watched = _WatchedStream(stream)
    records = ArchiveIterator(watched, parse_http=True, auto_decode="none")
    complete = 0  # records read in full, for the damage message
    iterator = iter(records)
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            break
        except (OSError, ValueError, EOFError) as exc:
            yield _damage_failure(source, complete, _one_line(exc))
            return
        n = complete + 1
        try:
            result = _read_record(record, n, source, settings)
        except (OSError, ValueError, EOFError) as exc:  # e.g. gzip data corrupt mid-record
            result = _Damage(_one_line(exc))
        if isinstance(result, _Damage):
            yield _damage_failure(source, complete, result.detail)
            return
        complete = n
        if isinstance(result, _Problem):
            yield Failure(f"{source} (record {n})", result.message)
        elif result is not None:
            yield result
    if watched.cut_short:
        yield _damage_failure(source, complete, "the gzip data ends in the middle of a member")
    elif complete == 0:
        yield Failure(source, "not a WARC file (no records found)")


class _WatchedStream:
    """A forward-only view of the archive stream that fastwarc can read from.

    It gives fastwarc a working ``tell()`` (fastwarc 2.0.1 panics with a PanicException, which
    is not an Exception, on streams whose ``tell()`` fails, such as pipes and stdin), and for
    gzip input it follows the member boundaries, because fastwarc ends silently when the file
    stops inside a gzip member.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._pos = 0
        self._gzip: bool | None = None  # decided on the first read
        self._member: zlib._Decompress | None = None  # the gzip member being read
        self._broken = False  # the gzip framing is invalid (fastwarc reports its own error)

    @property
    def cut_short(self) -> bool:
        """True once the stream has ended inside a gzip member."""
        return self._member is not None

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        if self._gzip is None and data:
            self._gzip = data[:2] == b"\x1f\x8b"
        if self._gzip and not self._broken:
            self._follow_members(data)
        self._pos += len(data)
        return data

    def _follow_members(self, data: bytes) -> None:
        # Inflating a second time (output discarded) is cheap next to HTML extraction.
        while data:
            if self._member is None:
                if data[0] == 0 and not data.strip(b"\0"):
                    return  # zero padding after the last member, as some tools write
                self._member = zlib.decompressobj(zlib.MAX_WBITS | 16)
            member = self._member
            try:
                member.decompress(data, _READ_CHUNK)
                while member.unconsumed_tail and not member.eof:
                    member.decompress(member.unconsumed_tail, _READ_CHUNK)
            except zlib.error:
                self._broken, self._member = True, None
                return
            data = b""
            if member.eof:
                data, self._member = member.unused_data, None

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = 0) -> int:
        raise io.UnsupportedOperation("seek")  # fastwarc reads forward only

    def close(self) -> None:
        """Leave the wrapped stream open: its owner closes it."""


def _damage_failure(source: str, complete: int, detail: str) -> Failure:
    if complete == 0 and detail == "Invalid WARC header":
        return Failure(source, "not a WARC file (no records found)")
    return Failure(source, f"truncated or malformed WARC after record {complete}: {detail}")


def _read_record(
    record: WarcRecord, n: int, source: str, settings: Settings
) -> RawDocument | _Problem | _Damage | None:
    """Turn one record into a document, or None for records that are not HTML pages.

    The body is always consumed, even when unused, to check that it is complete.
    """
    if not (record.headers.get("Content-Length") or "").strip().isdigit():
        return _Damage(f"record {n} has an incomplete header")
    expected = record.content_length
    wanted = _is_candidate(record)
    cap = settings.max_bytes
    if not wanted or expected > cap:
        got = record.consume()
        if got < expected:
            return _Damage(f"record {n} ends after {got} of {expected} bytes")
        if wanted:
            return _Problem(f"record is larger than the {cap}-byte cap; raise it with --max-bytes")
        return None
    raw = _read_exactly(record, expected)
    if len(raw) < expected:
        return _Damage(f"record {n} ends after {len(raw)} of {expected} bytes")
    body = _decode_body(raw, record, cap)
    if isinstance(body, _Problem):
        return body
    content_type = record.http_headers.get("Content-Type")
    if not content_type and not _HTML_START.match(body[:2048]):
        return None
    url = record.headers.get("WARC-Target-URI")
    fetched_at = _iso_date(record.headers.get("WARC-Date"))
    return RawDocument(
        source=source,
        content=body,
        kind="html",
        url=url,
        locator=f"record {n}",
        fetched_at=fetched_at,
        fields={"url": url, "fetched_at": fetched_at},
        content_type=content_type or None,
    )


def _is_candidate(record: WarcRecord) -> bool:
    """A 2xx HTTP response whose Content-Type is HTML or missing (then sniffed later)."""
    if record.record_type != WarcRecordType.response or not record.is_http_parsed:
        return False
    status = record.http_headers.status_code
    if status is None or not 200 <= status < 300:
        return False
    mime = record.http_content_type
    return not mime or mime.lower() in _HTML_TYPES


def _read_exactly(record: WarcRecord, size: int) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = record.reader.read(min(remaining, _READ_CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _decode_body(raw: bytes, record: WarcRecord, cap: int) -> bytes | _Problem:
    """Undo the Transfer-Encoding and Content-Encoding the archive kept, within the cap."""
    headers = record.http_headers
    body = raw
    if "chunked" in (headers.get("Transfer-Encoding") or "").lower():
        # Some crawlers de-chunk the body but keep the header; then the raw body is right.
        dechunked = _dechunk(raw)
        body = raw if dechunked is None else dechunked
    encoding = (headers.get("Content-Encoding") or "").strip().lower()
    if encoding in {"gzip", "x-gzip", "deflate"}:
        return _decompress(body, encoding, cap)
    return body


def _dechunk(raw: bytes) -> bytes | None:
    """Decode a chunked body; None if it is not validly chunked."""
    out: list[bytes] = []
    pos = 0
    while True:
        eol = raw.find(b"\r\n", pos)
        if eol < 0:
            return None
        size_field = raw[pos:eol].split(b";", 1)[0].strip()
        try:
            size = int(size_field, 16)
        except ValueError:
            return None
        if size == 0:
            return b"".join(out)
        start = eol + 2
        if start + size > len(raw):
            return None
        out.append(raw[start : start + size])
        pos = start + size + 2


def _decompress(body: bytes, encoding: str, cap: int) -> bytes | _Problem:
    attempts: tuple[int, ...]
    if body[:2] == b"\x1f\x8b":
        attempts = (zlib.MAX_WBITS | 16,)
    elif encoding == "deflate":
        # Servers send "deflate" both zlib-wrapped (as specified) and raw.
        attempts = (zlib.MAX_WBITS, -zlib.MAX_WBITS)
    else:
        # Labelled gzip but no gzip header: some crawlers store the decoded body and keep
        # the header.
        return body
    error = ""
    for wbits in attempts:
        decoder = zlib.decompressobj(wbits)
        try:
            # max_length stops a small compressed record from expanding past the cap.
            data = decoder.decompress(body, cap + 1)
        except zlib.error as exc:
            error = str(exc)
            continue
        if len(data) > cap:
            return _Problem(f"decompressed body is larger than the {cap}-byte cap; raise it with --max-bytes")
        return data
    if _HTML_START.match(body[:2048]):
        return body  # the header is stale: the body was stored decoded
    return _Problem(f"could not decode the {encoding} body: {error}")


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return value.strip()  # keep what the archive says rather than lose it
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)  # WARC dates are UTC by definition
    return parsed.astimezone(UTC).isoformat()


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
