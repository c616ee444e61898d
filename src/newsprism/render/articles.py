"""Rendering extracted articles: JSON Lines for machines, a rich view for people."""

from __future__ import annotations

import json

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from newsprism.models import Article


def to_json_line(data: object) -> str:
    """One record as one line of JSON, non-ASCII text kept readable."""
    return json.dumps(data, ensure_ascii=False)


def article_json(article: Article) -> str:
    """One article as one line of JSON (the ``extract`` contract, see ``docs/json.md``)."""
    return to_json_line(article.to_dict())


def article_view(article: Article, extra: list[RenderableType] | None = None) -> RenderableType:
    """A readable terminal view of one article: metadata, body, what was removed, and ``extra``."""
    meta = Text()
    for label, value in (
        ("id", article.id),
        ("source", article.source),
        ("url", article.url),
        ("outlet", article.outlet),
        ("published", article.published),
        ("authors", ", ".join(article.authors) or None),
        ("language", article.language),
    ):
        if value:
            meta.append(f"{label}: ", style="bold dim")
            meta.append(f"{value}\n")
    parts: list[RenderableType] = [meta, Text(article.text)]
    if article.boilerplate:
        removed = Text("\nremoved boilerplate:\n", style="bold yellow")
        for item in article.boilerplate:
            first = item.text.split("\n")
            more = f" (+{len(first) - 1} lines)" if len(first) > 1 else ""
            removed.append(f"  [{item.reason}] ", style="yellow")
            removed.append(f"{_shorten(first[0])}{more}\n", style="dim")
        parts.append(removed)
    parts.extend(extra or [])
    return Panel(Group(*parts), title=Text(article.title or "(untitled)", style="bold"), title_align="left")


def _shorten(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
