"""Tests for newsprism.sources.reading: size caps, gzip, binary detection and decoding."""

from __future__ import annotations

import codecs
import gzip
import random
from pathlib import Path

import pytest

from newsprism.errors import SourceError
from newsprism.sources.reading import (
    binary_kind,
    decode_html,
    decode_text,
    gunzip,
    maybe_gunzip,
    read_file,
)

NEWS = (
    "The night bus now stops at the hospital gate.\n"
    "Nurses on late shifts had asked for the change for years.\n"
    "The transport office said the route will be reviewed in June.\n"
)
CP1252_NEWS = "Café owners say the “new rules” cost them — at least — €200 a week."
RUSSIAN_NEWS = (
    "В городе открылся новый мост через реку. Строительство заняло три года. "
    "Мэр поблагодарил рабочих за их труд. Движение по мосту откроют в понедельник утром."
)
MB = 1024 * 1024


# -- read_file --------------------------------------------------------------------------------


def test_reading_read_file_returns_bytes(tmp_path: Path) -> None:
    path = tmp_path / "bus.txt"
    path.write_text(NEWS, encoding="utf-8")
    assert read_file(path, MB) == NEWS.encode()


def test_reading_read_file_rejects_oversized_with_hint(tmp_path: Path) -> None:
    path = tmp_path / "bus.txt"
    path.write_text(NEWS * 10, encoding="utf-8")
    with pytest.raises(SourceError, match="--max-bytes") as info:
        read_file(path, 100)
    assert "100 bytes" in info.value.message


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  "])
def test_reading_read_file_rejects_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError, match="empty input"):
        read_file(path, MB)


def test_reading_read_file_missing_is_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read file"):
        read_file(tmp_path / "gone.txt", MB)


# -- gunzip -----------------------------------------------------------------------------------


def test_reading_gunzip_round_trip() -> None:
    assert gunzip(gzip.compress(NEWS.encode()), MB) == NEWS.encode()
    assert maybe_gunzip(gzip.compress(NEWS.encode()), MB) == NEWS.encode()
    assert maybe_gunzip(NEWS.encode(), MB) == NEWS.encode()


def test_reading_gunzip_truncated() -> None:
    data = gzip.compress((NEWS * 50).encode())
    with pytest.raises(SourceError, match="truncated"):
        gunzip(data[: len(data) // 2], MB)


def test_reading_gunzip_missing_trailer_is_truncated() -> None:
    data = gzip.compress((NEWS * 50).encode())
    with pytest.raises(SourceError, match="truncated"):
        gunzip(data[:-4], MB)


def test_reading_gunzip_corrupt() -> None:
    data = bytearray(gzip.compress((NEWS * 50).encode()))
    data[12:40] = bytes(range(28))
    with pytest.raises(SourceError, match=r"corrupt|truncated"):
        gunzip(bytes(data), MB)


def test_reading_gunzip_bomb_over_cap() -> None:
    bomb = gzip.compress(b"\0" * (20 * MB), compresslevel=9)
    assert len(bomb) < 100_000
    with pytest.raises(SourceError, match="cap"):
        gunzip(bomb, MB)
    with pytest.raises(SourceError, match="cap"):
        maybe_gunzip(bomb, MB)


def test_reading_gunzip_exactly_at_cap_is_accepted() -> None:
    body = b"a" * 1000
    assert gunzip(gzip.compress(body), 1000) == body
    with pytest.raises(SourceError, match="cap"):
        gunzip(gzip.compress(body), 999)


def test_reading_gunzip_empty_payload() -> None:
    with pytest.raises(SourceError, match="empty"):
        gunzip(gzip.compress(b"\n\n"), MB)


# -- binary_kind ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"SQLite format 3\x00", "SQLite"),
        (b"\x00" * 200, "binary"),
        (bytes(range(32)) * 8, "binary"),
    ],
)
def test_reading_binary_kind_names_format(data: bytes, name: str) -> None:
    kind = binary_kind(data)
    assert kind is not None
    assert name in kind


@pytest.mark.parametrize(
    "data",
    [NEWS.encode(), RUSSIAN_NEWS.encode("cp1251"), codecs.BOM_UTF16_LE + NEWS.encode("utf-16-le"), b""],
)
def test_reading_binary_kind_accepts_text(data: bytes) -> None:
    assert binary_kind(data) is None


# -- decode_text ------------------------------------------------------------------------------


def test_reading_decode_utf8_bom_stripped() -> None:
    assert decode_text(codecs.BOM_UTF8 + NEWS.encode()) == NEWS


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_reading_decode_utf16_with_bom(codec: str) -> None:
    bom = codecs.BOM_UTF16_BE if codec == "utf-16-be" else codecs.BOM_UTF16_LE
    data = NEWS.encode(codec) if codec == "utf-16" else bom + NEWS.encode(codec)
    assert decode_text(data) == NEWS
    assert decode_text(bom + RUSSIAN_NEWS.encode(codec if codec != "utf-16" else "utf-16-le")) == RUSSIAN_NEWS


def test_reading_decode_broken_bom_text_rejected() -> None:
    with pytest.raises(SourceError, match="undecodable"):
        decode_text(codecs.BOM_UTF16_LE + b"\x00\xd8a\x00")  # lone surrogate


def test_reading_decode_declared_cp1252() -> None:
    data = CP1252_NEWS.encode("cp1252")
    assert decode_text(data, declared="windows-1252") == CP1252_NEWS


@pytest.mark.parametrize("declared", ["ISO-8859-1", "latin1", '"iso-8859-1"'])
def test_reading_decode_latin1_declaration_means_cp1252(declared: str) -> None:
    assert decode_text(CP1252_NEWS.encode("cp1252"), declared=declared) == CP1252_NEWS


def test_reading_decode_wrong_declaration_falls_back() -> None:
    assert decode_text(RUSSIAN_NEWS.encode(), declared="no-such-codec") == RUSSIAN_NEWS
    assert decode_text(b"\xd0\x9c\xd1\x8d\xd1\x80 " * 3, declared="ascii") == "Мэр " * 3


def test_reading_decode_cp1251_detected_without_declaration() -> None:
    assert decode_text(RUSSIAN_NEWS.encode("cp1251")) == RUSSIAN_NEWS


def test_reading_decode_few_broken_bytes_in_long_utf8_accepted() -> None:
    text = (NEWS + RUSSIAN_NEWS + "\n") * 20
    data = bytearray(text.encode())
    data[500] = 0xFF
    data[3000] = 0xFE
    decoded = decode_text(bytes(data))
    assert decoded.count("\ufffd") >= 2
    assert decoded.count("\ufffd") <= 4
    assert decoded.endswith(RUSSIAN_NEWS + "\n")
    assert "Nurses on late shifts" in decoded


def test_reading_decode_binary_rejected_with_format() -> None:
    with pytest.raises(SourceError, match=r"PDF") as info:
        decode_text(b"%PDF-1.4\n" + NEWS.encode())
    assert "not a text document" in info.value.message
    with pytest.raises(SourceError, match="PNG"):
        decode_text(b"\x89PNG\r\n\x1a\n" + bytes(300))


def test_reading_decode_random_high_bytes_rejected() -> None:
    rng = random.Random(1)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(600))
    with pytest.raises(SourceError, match=r"undecodable text.*UTF-8"):
        decode_text(data)


# -- decode_html ------------------------------------------------------------------------------


def test_reading_decode_html_meta_charset() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body><p>' + RUSSIAN_NEWS + "</p></body></html>"
    assert RUSSIAN_NEWS in decode_html(page.encode("cp1251"))


def test_reading_decode_html_http_equiv_charset() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "</head><body><p>" + CP1252_NEWS + "</p></body></html>"
    )
    assert CP1252_NEWS in decode_html(page.encode("cp1252"))


def test_reading_decode_html_declared_beats_meta() -> None:
    page = '<html><head><meta charset="utf-8"></head><body><p>' + CP1252_NEWS + "</p></body></html>"
    assert CP1252_NEWS in decode_html(page.encode("cp1252"), declared="cp1252")
