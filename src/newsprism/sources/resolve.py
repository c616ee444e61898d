"""Resolving what the user typed (files, directories, globs, URLs) into concrete inputs."""

from __future__ import annotations

import glob
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

# Suffixes (after an optional .gz) that a directory walk picks up, and the format each means.
FORMAT_BY_SUFFIX: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".xml": "feed",
    ".warc": "warc",
    ".arc": "warc",
}


@dataclass(frozen=True, slots=True)
class Input:
    """One concrete input: a file or a URL, with the spec it came from."""

    kind: Literal["file", "url", "missing"]
    location: str
    spec: str

    @property
    def label(self) -> str:
        """How the input is named in output and messages: the path or URL as given."""
        return self.location


def is_url(spec: str) -> bool:
    """Whether a spec names a web address rather than a path."""
    return spec.lower().startswith(("http://", "https://"))


def format_of(path: str) -> str | None:
    """The format a file name implies (``text``, ``html``, ``jsonl``, ``feed``, ``warc``)."""
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return FORMAT_BY_SUFFIX.get(Path(name).suffix)


def resolve(specs: list[str] | tuple[str, ...]) -> Iterator[Input]:
    """Expand specs into inputs, in the order given; directories and globs sorted by path.

    A spec that matches nothing yields an ``Input`` of kind ``missing`` so the caller can
    report it without stopping the batch.
    """
    seen: set[str] = set()
    for spec in specs:
        for item in _expand(spec):
            key = f"{item.kind}:{Path(item.location).resolve() if item.kind == 'file' else item.location}"
            if item.kind != "missing" and key in seen:
                continue
            seen.add(key)
            yield item


def _expand(spec: str) -> Iterator[Input]:
    if is_url(spec):
        yield Input("url", spec, spec)
        return
    path = Path(spec).expanduser()
    if path.is_dir():
        found = sorted(
            p
            for p in path.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts) and format_of(p.name)
        )
        if not found:
            yield Input("missing", spec, spec)
        for p in found:
            yield Input("file", str(p), spec)
        return
    if path.is_file():
        yield Input("file", spec, spec)
        return
    if glob.has_magic(spec):
        # glob.glob, not Path.glob: the pattern may be absolute or climb with '..'.
        matches = sorted(m for m in glob.glob(spec, recursive=True) if Path(m).is_file())  # noqa: PTH207
        if not matches:
            yield Input("missing", spec, spec)
        for m in matches:
            yield Input("file", m, spec)
        return
    yield Input("missing", spec, spec)
