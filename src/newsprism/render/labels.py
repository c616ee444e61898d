"""Small naming and display decisions shared by the report renderers."""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import urlsplit

from newsprism.models import QuoteVariant, StoryArticle, StoryComparison


def outlet_label(article: StoryArticle) -> str:
    """The outlet, else a short form of the source (a URL's host, a file's name), else the id."""
    if article.outlet:
        return article.outlet
    source = article.source or ""
    if source.startswith(("http://", "https://")):
        return urlsplit(source).hostname or source
    if source:
        name = PurePath(source).name
        for suffix in (".gz", ".txt", ".html", ".htm", ".jsonl", ".warc", ".xml"):
            name = name.removesuffix(suffix)
        # Records of one file (JSON Lines, WARC, feeds) share a source: add the id to tell them apart.
        return name if source.endswith((".txt", ".html", ".htm", ".txt.gz", ".html.gz")) else f"{name} ({article.id})"
    return article.id


def has_changes(variant: QuoteVariant) -> bool:
    """Whether a variant's word diff shows anything; if not, its own text (with punctuation) is shown."""
    return any(op.op != "equal" for op in variant.diff)


def shared_quotes(comparison: StoryComparison) -> int:
    """How many quotations appear in more than one article of the story."""
    return sum(1 for q in comparison.quotes if len({v.article for v in q.variants}) > 1)
