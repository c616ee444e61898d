"""Turning bytes from disk or network into checked, decompressed, decoded content.

Every check raises :class:`~newsprism.errors.SourceError` with a message a user can act on;
the callers turn it into a :class:`~newsprism.models.Failure` for that one input.
"""

from __future__ import annotations

import codecs
import re
import zlib
from pathlib import Path

from charset_normalizer import from_bytes

from newsprism.errors import SourceError

GZIP_MAGIC = b"\x1f\x8b"

# Magic numbers of formats people drop into a news folder by mistake; named in the error.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (also .docx/.xlsx/.epub)"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"\x7fELF", "executable"),
    (b"RIFF", "RIFF media file"),
    (b"SQLite format 3", "SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

# A handful of replacement characters in a long UTF-8 text is a broken byte or two, not a
# different encoding: keep the text rather than lose the article.
_MAX_BAD_UTF8_SHARE = 0.002


def human_size(n: int) -> str:
    """Format a byte count for messages (``12.3 MB``)."""
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{int(size)} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} bytes"  # pragma: no cover - loop always returns


def cap_message(size: int, cap: int) -> str:
    """The message for an input over the size cap."""
    return f"input is {human_size(size)}, over the {human_size(cap)} cap; raise it with --max-bytes"


def read_file(path: Path, max_bytes: int) -> bytes:
    """Read a whole file, refusing empty and oversized ones.

    Args:
        path: The file.
        max_bytes: The size cap.

    Returns:
        The file's bytes.

    Raises:
        SourceError: The file is unreadable, empty or over the cap.
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(cap_message(size, max_bytes))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise SourceError(cap_message(len(data), max_bytes))
    if not data.strip():
        raise SourceError("empty input")
    return data


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip data, refusing truncated streams and decompression bombs.

    Raises:
        SourceError: The stream is corrupt, truncated, or inflates past ``max_bytes``.
    """
    decomp = zlib.decompressobj(wbits=31)
    try:
        out = decomp.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise SourceError(f"corrupt gzip data ({exc})") from exc
    if len(out) > max_bytes or decomp.unconsumed_tail:
        raise SourceError(f"decompresses to more than the {human_size(max_bytes)} cap")
    if not decomp.eof:
        raise SourceError("truncated gzip file (the compressed stream ends early)")
    if not out.strip():
        raise SourceError("empty input (after decompression)")
    return out


def maybe_gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress ``data`` if it starts with the gzip magic number."""
    return gunzip(data, max_bytes) if data.startswith(GZIP_MAGIC) else data


def binary_kind(data: bytes) -> str | None:
    """Name the binary format of ``data``, or return None when it may be text."""
    head = data[:8192]
    for magic, name in _BINARY_MAGIC:
        if head.startswith(magic):
            return name
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    if b"\x00" in head:
        return "binary data"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if head and controls / len(head) > 0.05:
        return "binary data"
    return None


def decode_text(data: bytes, *, declared: str | None = None) -> str:
    """Decode text bytes: BOM, then the declared charset, then UTF-8, then a detector.

    Args:
        data: The bytes.
        declared: A charset named by the container (HTTP header, HTML meta), tried early.

    Returns:
        The text.

    Raises:
        SourceError: The bytes are binary or fit no encoding.
    """
    kind = binary_kind(data)
    if kind:
        raise SourceError(f"not a text document ({kind})")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise SourceError(f"undecodable text: broken {encoding} ({exc.reason})") from exc
    if declared:
        try:
            return data.decode(_canonical_codec(declared))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    if bad / max(len(lenient), 1) <= _MAX_BAD_UTF8_SHARE:
        return lenient
    best = from_bytes(data).best()
    if best is None or best.chaos > 0.3:
        raise SourceError("undecodable text: not UTF-8 and no other encoding fits; convert the file to UTF-8")
    return str(best)


def decode_html(data: bytes, *, declared: str | None = None) -> str:
    """Decode an HTML page, honouring a ``<meta charset>`` declaration."""
    if not declared:
        match = _META_CHARSET.search(data[:4096])
        if match:
            declared = match.group(1).decode("ascii", "ignore")
    return decode_text(data, declared=declared)


def _canonical_codec(name: str) -> str:
    codec = codecs.lookup(name.strip().strip("\"'").lower()).name
    # Pages that say ISO-8859-1 are, in practice, Windows-1252 (as browsers assume).
    return "cp1252" if codec in {"latin-1", "iso8859-1", "ascii"} else codec
