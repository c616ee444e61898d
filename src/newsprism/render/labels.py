"""Small naming and display decisions shared by the report renderers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from urllib.parse import urlsplit

from newsprism.models import AlignedClaim, DisputePair, QuoteGroup, QuoteVariant, StoryArticle, StoryComparison

# How each quote kind is labelled where its words are shown (direct quotes carry marks instead).
KIND_LABELS = {"indirect": "reported", "mixed": "partly quoted"}
VOICE_LABELS = {"outlet": "the outlet's own voice", "quoted": "quoted", "attributed": "attributed"}


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
    """Whether a variant's word diff shows anything; if not, its own text is shown."""
    return any(op.op != "equal" for op in variant.diff)


def is_quoted(variant: QuoteVariant) -> bool:
    """Whether the variant's words go inside quotation marks: only a direct quotation's do.

    Reported speech is the outlet's paraphrase, and a mixed quotation already carries the marks
    the outlet put around the quoted part of it.
    """
    return variant.kind == "direct"


def kind_label(variant: QuoteVariant) -> str:
    """``reported`` for indirect speech, ``partly quoted`` for a mixed quotation, else ``""``."""
    return KIND_LABELS.get(variant.kind, "")


def group_outlets(group: QuoteGroup, articles: Sequence[StoryArticle]) -> int:
    """How many outlets print a quotation (two articles of one outlet count once)."""
    by_id = {a.id: a.outlet or a.id for a in articles}
    return len({by_id.get(v.article, v.article) for v in group.variants})


def shown_quotes(comparison: StoryComparison, *, shared_only: bool = False) -> list[tuple[int, QuoteGroup]]:
    """The quotation groups a quote table lists, with their position (``Q<n>`` is position + 1).

    Args:
        comparison: The comparison.
        shared_only: Only groups that two or more outlets print.

    Returns:
        ``(index, group)`` pairs in the comparison's order (shared groups first).
    """
    return [
        (i, g) for i, g in enumerate(comparison.quotes) if not shared_only or group_outlets(g, comparison.articles) > 1
    ]


def shared_quotes(comparison: StoryComparison) -> int:
    """How many quotations two or more outlets print."""
    return len(shown_quotes(comparison, shared_only=True))


def asserter(name: str | None) -> str:
    """Who asserts a passage, in words: ``statement of X``, or the outlet's own voice.

    Reports show an article's passage with this label after it, never in quotation marks before
    a name: "Ukraine: “Ukraine estimated ...”" would read as words Ukraine said.
    """
    return f"statement of {name}" if name else "the outlet's own voice"


def claim_voice(claim: AlignedClaim) -> str:
    """Whose statement a claim is: ``"statement of X"``, or the outlets' own voice."""
    if claim.asserted_by:
        return f"statement of {claim.asserted_by}"
    voices = {s.voice for s in claim.support}
    if claim.support and voices <= {"outlet"}:
        return "in the outlets' own voice" if len(claim.outlets) > 1 else "in the outlet's own voice"
    return ""


def claim_outlets(claim: AlignedClaim, articles: Sequence[StoryArticle]) -> list[str]:
    """The distinct outlets that state a claim: ``claim.outlets``, else those of its supports.

    ``outlets`` holds an article's id where its outlet is unknown; it is shown as the label the
    report cites that article by (its file name, its host).
    """
    by_id = {a.id: outlet_label(a) for a in articles}
    names = claim.outlets or tuple(s.outlet or s.article for s in claim.support)
    return list(dict.fromkeys(by_id.get(n, n) for n in names))


def conflicts_and_updates(comparison: StoryComparison) -> tuple[list[DisputePair], list[DisputePair]]:
    """The story's disputes split into conflicts and updates (a figure a later report revises)."""
    conflicts = [d for d in comparison.disputes if d.kind != "update"]
    updates = [d for d in comparison.disputes if d.kind == "update"]
    return conflicts, updates
