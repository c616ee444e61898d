"""A story comparison as Markdown, for pasting into a newsroom document.

Every statement carries ``[Outlet]`` citations. Text from articles is escaped so that it reads
as plain text wherever the Markdown is pasted (no stray emphasis, links or HTML).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from newsprism.models import DiffOp, StoryArticle, StoryComparison
from newsprism.render.labels import has_changes, outlet_label

__all__ = ["comparison_markdown"]

_STATUS_TITLES = (
    ("disputed", "Disputed"),
    ("corroborated", "Corroborated"),
    ("single_source", "Single source"),
)
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def _md(text: str | None) -> str:
    """Escape Markdown and HTML syntax in untrusted text, and fold it onto one line."""
    if not text:
        return ""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


class _Outlets:
    """Outlet labels by article id."""

    def __init__(self, articles: Sequence[StoryArticle]) -> None:
        self.by_id = {a.id: a for a in articles}

    def name(self, article_id: str) -> str:
        a = self.by_id.get(article_id)
        return outlet_label(a) if a else article_id

    def cite(self, article_ids: Iterable[str]) -> str:
        """``[Outlet A] [Outlet B]``, without repeats."""
        return " ".join(f"[{_md(self.name(a))}]" for a in dict.fromkeys(article_ids))


def _diff_md(ops: Sequence[DiffOp]) -> str:
    """A word diff with insertions in bold and deletions struck through."""
    out: list[str] = []
    for op in ops:
        text = _md(op.text)
        if not text:
            continue
        out.append({"insert": f"**{text}**", "delete": f"~~{text}~~"}.get(op.op, text))
    return " ".join(out)


def _header(c: StoryComparison, outlets: _Outlets) -> list[str]:
    lines = [f"# {_md(c.title) or 'Story comparison'}", ""]
    for a in c.articles:
        when = a.published or "undated"
        first = " (first)" if a.id in c.coverage.first else ""
        title = f"*{_md(a.title)}*" if a.title else "(untitled)"
        link = f" <{a.url}>" if a.url and re.match(r"https?://\S+$", a.url) and ">" not in a.url else ""
        lines.append(f"- **{_md(outlets.name(a.id))}**, {_md(when)}{first}: {title}{link}")
    return [*lines, ""]


def _digest(c: StoryComparison, outlets: _Outlets) -> list[str]:
    if not c.digest:
        return []
    lines = ["## Digest", ""]
    for s in c.digest:
        flag = " **(disputed)**" if s.disputed else ""
        lines.append(f"- {_md(s.text)} {outlets.cite(s.articles)}{flag}")
    return [*lines, ""]


def _quotes(c: StoryComparison, outlets: _Outlets) -> list[str]:
    if not c.quotes:
        return []
    lines = [
        "## Quotations",
        "",
        "*Each quotation as every outlet renders it; **bold** words appear only in that version, "
        "~~struck~~ words only in the first one.*",
        "",
    ]
    for i, g in enumerate(c.quotes, 1):
        by = f", reported by {_md(g.reported_by)}" if g.reported_by else ""
        lines.append(f"### Q{i}. {_md(g.speaker) or 'Unattributed'}{by}")
        lines.append("")
        for v in g.variants:
            body = _diff_md(v.diff) if has_changes(v) else _md(v.text)
            lines.append(f"- {outlets.cite([v.article])} “{body}”")
        lines.append("")
    return lines


def _claims(c: StoryComparison, outlets: _Outlets) -> list[str]:
    if not c.claims:
        return []
    lines = ["## Claims", ""]
    known = {status for status, _ in _STATUS_TITLES}
    titles = [*_STATUS_TITLES, *((s, s) for s in dict.fromkeys(cl.status for cl in c.claims) if s not in known)]
    for status, title in titles:
        claims = [cl for cl in c.claims if cl.status == status]
        if not claims:
            continue
        lines += [f"### {_md(title)} ({len(claims)})", ""]
        for cl in claims:
            lines.append(f"- {_md(cl.text)} {outlets.cite(s.article for s in cl.support)}")
            for s in cl.support:
                lines.append(f"  - {outlets.cite([s.article])} “{_md(s.text)}”")
            for d in cl.disputes:
                who = f"{_md(d.attributed_to)}, " if d.attributed_to else ""
                lines.append(f"  - **Disputed ({_md(d.kind)})**: {who}{outlets.cite([d.article])} “{_md(d.text)}”")
        lines.append("")
    return lines


def _entities(c: StoryComparison, outlets: _Outlets) -> list[str]:
    if not c.entities:
        return []
    lines = ["## Names and spellings", "", "| Entity | Type | Written as |", "|---|---|---|"]
    for e in c.entities:
        spellings = "; ".join(f"{_md(v.text)} {outlets.cite(v.articles)}" for v in e.variants)
        lines.append(f"| {_md(e.name)} | {_md(e.type)} | {spellings} |")
    return [*lines, ""]


def _additions(c: StoryComparison, outlets: _Outlets) -> list[str]:
    if not c.coverage.additions:
        return []
    lines = ["## Added later", ""]
    for a in c.coverage.additions:
        lines.append(f"- **{_md(a.kind.capitalize())}** {outlets.cite([a.article])}: {_md(a.text)}")
    return [*lines, ""]


def comparison_markdown(c: StoryComparison) -> str:
    """A story comparison as a Markdown document.

    Args:
        c: The comparison.

    Returns:
        Markdown (CommonMark with GitHub tables and strikethrough): title and articles, the
        digest with ``[Outlet]`` citations, quotations with each outlet's version, claims by
        status with their disputes, entity spellings, and later additions.
    """
    outlets = _Outlets(c.articles)
    lines = [
        *_header(c, outlets),
        *_digest(c, outlets),
        *_quotes(c, outlets),
        *_claims(c, outlets),
        *_entities(c, outlets),
        *_additions(c, outlets),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"
