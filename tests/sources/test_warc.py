"""Tests for newsprism.sources.warc on archives written with warcio."""

from __future__ import annotations

import gzip
import io
import os
import threading
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.config import Settings
from newsprism.models import Failure, RawDocument
from newsprism.sources.warc import read_warc

DATE = "2024-03-05T10:20:30Z"
ISO_DATE = "2024-03-05T10:20:30+00:00"
PAGE_A = b"<!DOCTYPE html><html><body><p>Story A.</p></body></html>"
PAGE_B = b"<html><body><p>Story B.</p></body></html>"


def _html_headers(extra: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    return [("Content-Type", "text/html; charset=utf-8"), *(extra or [])]


class _Archive:
    """Writes a CC-NEWS-like WARC: warcinfo, then request, response, metadata per page."""

    def __init__(self, gz: bool) -> None:
        self.buffer = io.BytesIO()
        self.writer = WARCWriter(self.buffer, gzip=gz)
        self.count = 0
        self.ends: list[int] = []  # the offset where each record ends
        self._write(self.writer.create_warcinfo_record("test.warc", {"software": "pytest"}))

    def _write(self, record: object) -> int:
        self.writer.write_record(record)
        self.ends.append(self.buffer.tell())
        self.count += 1
        return self.count

    def page(
        self,
        url: str,
        body: bytes,
        *,
        status: str = "200 OK",
        headers: list[tuple[str, str]] | None = None,
    ) -> int:
        """Add one fetch; return the response's 1-based record number."""
        date = {"WARC-Date": DATE}
        request = f"GET {url} HTTP/1.1\r\nHost: example\r\n\r\n".encode()
        http = StatusAndHeaders(status, _html_headers() if headers is None else headers, protocol="HTTP/1.1")
        meta = b"fetchTimeMs: 120\r\n"
        # Lengths are given so that warcio does not buffer payloads in temp files it never closes.
        self._write(
            self.writer.create_warc_record(url, "request", io.BytesIO(request), len(request), warc_headers_dict=date)
        )
        number = self._write(
            self.writer.create_warc_record(
                url, "response", io.BytesIO(body), len(body), http_headers=http, warc_headers_dict=date
            )
        )
        self._write(
            self.writer.create_warc_record(url, "metadata", io.BytesIO(meta), len(meta), "application/warc-fields")
        )
        return number

    def data(self) -> bytes:
        return self.buffer.getvalue()


def _read(data: bytes, **settings: int) -> list[RawDocument | Failure]:
    return list(read_warc(io.BytesIO(data), "crawl.warc.gz", Settings(**settings)))


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_read_warc_yields_html_responses_only(gz: bool, tmp_path: Path) -> None:
    archive = _Archive(gz)
    a = archive.page("https://news.example/a", PAGE_A)
    archive.page("https://news.example/logo.png", b"\x89PNG...", headers=[("Content-Type", "image/png")])
    archive.page("https://news.example/gone", b"<html>gone</html>", status="404 Not Found")
    archive.page(
        "https://news.example/robots.txt",
        b"User-agent: *",
        headers=[("Content-Type", "text/plain")],
    )
    b = archive.page("https://news.example/b", PAGE_B, headers=[("Content-Type", "application/xhtml+xml")])
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(archive.data())
    with path.open("rb") as stream:
        docs = list(read_warc(stream, str(path), Settings()))
    assert [d.locator for d in docs] == [f"record {a}", f"record {b}"]
    first, second = docs
    assert first == RawDocument(
        source=str(path),
        content=PAGE_A,
        kind="html",
        url="https://news.example/a",
        locator="record 3",
        fetched_at=ISO_DATE,
        fields={"url": "https://news.example/a", "fetched_at": ISO_DATE},
        content_type="text/html; charset=utf-8",
    )
    assert isinstance(second, RawDocument)
    assert second.content == PAGE_B
    assert second.content_type == "application/xhtml+xml"


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_read_warc_decodes_chunked_and_compressed_bodies(gz: bool) -> None:
    archive = _Archive(gz)
    zipped = gzip.compress(PAGE_A)
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(zipped), zipped)
    archive.page(
        "https://news.example/a",
        chunked,
        headers=_html_headers([("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")]),
    )
    archive.page(
        "https://news.example/b",
        zlib.compress(PAGE_B),
        headers=_html_headers([("Content-Encoding", "deflate")]),
    )
    # Header kept but body already de-chunked and decoded by the crawler: used as is.
    archive.page(
        "https://news.example/c",
        PAGE_A,
        headers=_html_headers([("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")]),
    )
    assert [d.content for d in _read(archive.data())] == [PAGE_A, PAGE_B, PAGE_A]


def test_read_warc_reports_undecodable_body_and_continues() -> None:
    archive = _Archive(True)
    bad = archive.page(
        "https://news.example/bad",
        b"\x00\x01 not deflate data",
        headers=_html_headers([("Content-Encoding", "deflate")]),
    )
    # A stale header on a body stored decoded is tolerated.
    archive.page("https://news.example/a", PAGE_A, headers=_html_headers([("Content-Encoding", "deflate")]))
    failure, doc = _read(archive.data())
    assert isinstance(failure, Failure)
    assert failure.source == f"crawl.warc.gz (record {bad})"
    assert failure.message.startswith("could not decode the deflate body: ")
    assert isinstance(doc, RawDocument) and doc.content == PAGE_A


def test_read_warc_sniffs_responses_without_content_type() -> None:
    archive = _Archive(True)
    number = archive.page("https://news.example/a", b"\n  " + PAGE_A, headers=[])
    archive.page("https://news.example/data", b'{"not": "html"}', headers=[])
    (doc,) = _read(archive.data())
    assert isinstance(doc, RawDocument)
    assert doc.locator == f"record {number}"
    assert doc.content_type is None


def test_read_warc_skips_oversized_record_and_continues() -> None:
    archive = _Archive(True)
    big = archive.page("https://news.example/big", b"<html>" + b"x" * 5000 + b"</html>")
    small = archive.page("https://news.example/a", PAGE_A)
    failure, doc = _read(archive.data(), max_bytes=1000)
    assert failure == Failure(
        f"crawl.warc.gz (record {big})",
        "record is larger than the 1000-byte cap; raise it with --max-bytes",
    )
    assert isinstance(doc, RawDocument) and doc.locator == f"record {small}"


def test_read_warc_caps_decompressed_size() -> None:
    archive = _Archive(False)
    bomb = archive.page(
        "https://news.example/bomb",
        gzip.compress(b"<html>" + b" " * 100_000),
        headers=_html_headers([("Content-Encoding", "gzip")]),
    )
    (failure,) = _read(archive.data(), max_bytes=10_000)
    assert failure == Failure(
        f"crawl.warc.gz (record {bomb})",
        "decompressed body is larger than the 10000-byte cap; raise it with --max-bytes",
    )


def _archive_cut_in_second_page(gz: bool) -> tuple[bytes, int]:
    """An archive whose second response is cut in half; returns it and the last whole record."""
    archive = _Archive(gz)
    archive.page("https://news.example/a", PAGE_A)
    start = archive.buffer.tell()
    # Random bytes so that gzip cannot shrink the body to nothing.
    body = b"<html><body>" + os.urandom(20_000).hex().encode() + b"</body></html>"
    response = archive.page("https://news.example/b", body)
    data = archive.data()
    return data[: start + (len(data) - start) // 2], response - 1


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_read_warc_reports_truncated_archive_after_good_records(gz: bool) -> None:
    data, last_whole = _archive_cut_in_second_page(gz)
    doc, failure = _read(data)
    assert isinstance(doc, RawDocument) and doc.content == PAGE_A
    assert isinstance(failure, Failure)
    assert failure.source == "crawl.warc.gz"
    assert failure.message.startswith(f"truncated or malformed WARC after record {last_whole}: ")


@pytest.mark.parametrize(
    ("gz", "detail"),
    [
        (False, "record 5 has an incomplete header"),
        (True, "the gzip data ends in the middle of a member"),
    ],
    ids=["plain", "gzip"],
)
def test_read_warc_reports_archive_cut_inside_a_header(gz: bool, detail: str) -> None:
    archive = _Archive(gz)
    archive.page("https://news.example/a", PAGE_A)
    start = archive.buffer.tell()
    archive.page("https://news.example/b", PAGE_B)
    doc, failure = _read(archive.data()[: start + 60])  # inside the next request's header
    assert isinstance(doc, RawDocument) and doc.content == PAGE_A
    assert failure == Failure("crawl.warc.gz", f"truncated or malformed WARC after record 4: {detail}")


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_read_warc_reports_every_cut_that_loses_data(gz: bool) -> None:
    archive = _Archive(gz)
    archive.page("https://news.example/a", PAGE_A)
    start = archive.buffer.tell()
    archive.page("https://news.example/b", PAGE_B)
    data = archive.data()
    # A cut exactly between records (or, in a plain WARC, inside the blank line that closes
    # a record) loses nothing and cannot be told from a complete file.
    harmless = {end - pad for end in archive.ends for pad in (range(5) if not gz else [0])}
    missed = [
        cut
        for cut in range(start + 1, len(data))
        if cut not in harmless and not isinstance(_read(data[:cut])[-1], Failure)
    ]
    assert missed == []


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_read_warc_reports_garbage_after_good_records(gz: bool) -> None:
    archive = _Archive(gz)
    archive.page("https://news.example/a", PAGE_A)
    garbage = b"this is not a WARC header\r\n\r\n" * 20
    data = archive.data() + (gzip.compress(garbage) if gz else garbage)
    doc, failure = _read(data)
    assert isinstance(doc, RawDocument) and doc.content == PAGE_A
    assert isinstance(failure, Failure)
    assert failure.message.startswith(f"truncated or malformed WARC after record {archive.count}: ")


def test_read_warc_reports_corrupt_gzip_member() -> None:
    archive = _Archive(True)
    archive.page("https://news.example/a", PAGE_A)
    data = archive.data() + b"\x1f\x8b\x08\x00" + b"\xff" * 200
    doc, failure = _read(data)
    assert isinstance(doc, RawDocument)
    assert isinstance(failure, Failure)
    assert failure.message.startswith(f"truncated or malformed WARC after record {archive.count}: ")


@pytest.mark.parametrize(
    "data",
    [b"", b"<html><body>not an archive</body></html>\n" * 10, gzip.compress(b"plain text\n" * 50)],
    ids=["empty", "html", "gzipped-text"],
)
def test_read_warc_reports_non_warc_input(data: bytes) -> None:
    assert _read(data) == [Failure("crawl.warc.gz", "not a WARC file (no records found)")]


def test_read_warc_reads_from_a_pipe() -> None:
    # Pipes cannot tell(); fastwarc 2.0.1 panics on such streams unless they are wrapped.
    archive = _Archive(True)
    archive.page("https://news.example/a", PAGE_A)
    data = archive.data()
    read_fd, write_fd = os.pipe()

    def feed() -> None:
        with open(write_fd, "wb") as sink:  # noqa: PTH123 - a file descriptor, not a path
            sink.write(data)

    writer = threading.Thread(target=feed)
    writer.start()
    with open(read_fd, "rb") as stream:  # noqa: PTH123 - a file descriptor, not a path
        docs = list(read_warc(stream, "-", Settings()))
    writer.join()
    assert [d.content for d in docs if isinstance(d, RawDocument)] == [PAGE_A]
    assert len(docs) == 1
