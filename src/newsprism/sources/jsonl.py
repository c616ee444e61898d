"""JSON Lines: one article a line with ``id``, ``url``, ``outlet``, ``title``, ``published``
and ``text`` or ``html``."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from typing import IO

from newsprism.config import Settings
from newsprism.errors import SourceError
from newsprism.models import Failure, RawDocument
from newsprism.sources.reading import cap_message, decode_text

_TEXT_FIELDS = ("text", "html")


def read_jsonl(stream: IO[bytes], source: str, settings: Settings) -> Iterator[RawDocument | Failure]:
    """Read JSON Lines records from a binary stream (plain or already gunzipped).

    Each bad line becomes a :class:`Failure` naming its line number; the other lines are
    still read. A stream that breaks off (truncated gzip) ends with one failure.

    Args:
        stream: The open binary stream.
        source: The path or URL as given, for provenance and messages.
        settings: Reading options (``max_bytes`` caps each line).

    Yields:
        One ``RawDocument`` of kind ``record`` per good line, a ``Failure`` per bad one.
    """
    number = 0
    good = 0
    try:
        while True:
            line = stream.readline(settings.max_bytes + 1)
            if not line:
                break
            number += 1
            if len(line) > settings.max_bytes:
                yield Failure(f"{source} (line {number})", cap_message(len(line), settings.max_bytes))
                _skip_rest_of_line(stream, settings.max_bytes)
                continue
            if not line.strip():
                continue
            item = _parse_line(line, source, number)
            if isinstance(item, RawDocument):
                good += 1
            yield item
    except (OSError, EOFError, zlib.error) as exc:
        yield Failure(source, f"stream broke off after line {number} ({_reason(exc)})")
        return
    if number == 0:
        yield Failure(source, "empty input")


def _skip_rest_of_line(stream: IO[bytes], chunk: int) -> None:
    while True:
        rest = stream.readline(chunk)
        if not rest or rest.endswith(b"\n"):
            return


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    if "end-of-stream" in text or isinstance(exc, EOFError):
        return "truncated gzip file"
    return text


def _parse_line(line: bytes, source: str, number: int) -> RawDocument | Failure:
    where = f"{source} (line {number})"
    try:
        record = json.loads(decode_text(line))
    except SourceError as exc:
        return Failure(where, exc.message)
    except json.JSONDecodeError as exc:
        return Failure(where, f"malformed JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(record, dict):
        return Failure(where, f"expected a JSON object, got {type(record).__name__}")
    body_field = next((f for f in _TEXT_FIELDS if isinstance(record.get(f), str) and record[f].strip()), None)
    if body_field is None:
        return Failure(where, "record has neither a non-empty 'text' nor 'html' field")
    fields = {k: v for k, v in record.items() if v is not None}
    if "id" in fields:
        fields["id"] = str(fields["id"])
    return RawDocument(
        source=source,
        content=record[body_field].encode("utf-8", errors="surrogatepass"),
        kind="record",
        url=fields.get("url") if isinstance(fields.get("url"), str) else None,
        locator=f"line {number}",
        fields=fields,
        content_type="text/html" if body_field == "html" else "text/plain",
    )
