"""A story comparison as Markdown, for pasting into a newsroom document.

Every statement carries ``[Outlet]`` citations. Text from articles is escaped so that it reads
as plain text wherever the Markdown is pasted (no stray emphasis, links or HTML).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from newsprism.models import DiffOp, DisputePair, QuoteVariant, StoryArticle, StoryComparison
from newsprism.render.labels import (
    VOICE_LABELS,
    asserter,
    claim_outlets,
    claim_voice,
    conflicts_and_updates,
    has_changes,
    is_quoted,
    kind_label,
    outlet_label,
    shown_quotes,
)

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


def _rendering(v: QuoteVariant) -> str:
    """One outlet's words: in quotation marks when it quotes them, labelled when it reports them."""
    body = _diff_md(v.diff) if has_changes(v) else _md(v.text)
    if is_quoted(v):
        return f"“{body}”"
    label = kind_label(v)
    return f"*{label}:* {body}" if label else body


def _quotes(c: StoryComparison, outlets: _Outlets, *, shared_only: bool = False) -> list[str]:
    shown = shown_quotes(c, shared_only=shared_only)
    if not shown:
        return []
    scope = " Only quotations that two or more outlets print are listed." if shared_only else ""
    lines = [
        "## Quotations",
        "",
        "*Each quotation as every outlet renders it; **bold** words appear only in that version, "
        "~~struck~~ words only in the reference one. Quotation marks enclose only words the outlet "
        f"quotes; reported speech is labelled *reported*.{scope}*",
        "",
    ]
    for i, g in shown:
        by = f", reported by {_md(g.reported_by)}" if g.reported_by else ""
        lines.append(f"### Q{i + 1}. {_md(g.speaker) or 'Unattributed'}{by}")
        lines.append("")
        for v in g.variants:
            lines.append(f"- {outlets.cite([v.article])} {_rendering(v)}")
        lines.append("")
    return lines


def _claims(c: StoryComparison, outlets: _Outlets) -> list[str]:
    if not c.claims:
        return []
    lines = ["## Claims", ""]
    known = {status for status, _ in _STATUS_TITLES}
    titles = [*_STATUS_TITLES, *((s, s) for s in dict.fromkeys(cl.status for cl in c.claims) if s not in known)]
    articles = list(outlets.by_id.values())
    for status, title in titles:
        claims = [cl for cl in c.claims if cl.status == status]
        if not claims:
            continue
        lines += [f"### {_md(title)} ({len(claims)})", ""]
        for cl in claims:
            about = [_md(claim_voice(cl))] if claim_voice(cl) else []
            names = claim_outlets(cl, articles)
            if names:
                about.append(f"{len(names)} outlet{'s' * (len(names) != 1)}: {', '.join(_md(n) for n in names)}")
            note = f" *({'; '.join(about)})*" if about else ""
            lines.append(f"- {_md(cl.text)} {outlets.cite(s.article for s in cl.support)}{note}")
            # The articles' passages are excerpts, not quotations: no quotation marks, and who
            # asserts one follows it, so that it never reads as that person's own words.
            for s in cl.support:
                who = ""
                if s.asserted_by:
                    who = f" *({_md(asserter(s.asserted_by))}, {_md(VOICE_LABELS.get(s.voice, s.voice))})*"
                lines.append(f"  - {outlets.cite([s.article])} {_md(s.text)}{who}")
            for d in cl.disputes:
                who = f" *({_md(asserter(d.attributed_to))})*" if d.attributed_to else ""
                label = "Updated" if d.kind == "update" else f"Disputed ({_md(d.kind)})"
                lines.append(f"  - **{label}**: {outlets.cite([d.article])} {_md(d.text)}{who}")
        lines.append("")
    return lines


def _pair_lines(pairs: list[DisputePair], outlets: _Outlets) -> list[str]:
    lines = []
    for d in pairs:
        note = f": {_md(d.note)}" if d.note else ""
        lines.append(f"- **{_md(d.kind.capitalize())}**{note}")
        for side in (d.a, d.b):
            lines.append(f"  - {outlets.cite([side.article])} {_md(side.text)} *({_md(asserter(side.asserted_by))})*")
    return lines


def _disputes(c: StoryComparison, outlets: _Outlets) -> list[str]:
    """Each dispute once with both sides; updates (revised figures) apart from conflicts."""
    conflicts, updates = conflicts_and_updates(c)
    lines: list[str] = []
    if conflicts:
        lines += ["## Disputes", "", *_pair_lines(conflicts, outlets), ""]
    if updates:
        lines += ["## Updates", "", "*A figure that a later report revises: not a conflict.*", ""]
        lines += [*_pair_lines(updates, outlets), ""]
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


def comparison_markdown(c: StoryComparison, *, shared_only: bool = False) -> str:
    """A story comparison as a Markdown document.

    Args:
        c: The comparison.
        shared_only: List only the quotations two or more outlets print.

    Returns:
        Markdown (CommonMark with GitHub tables and strikethrough): title and articles, the
        digest with ``[Outlet]`` citations, quotations with each outlet's version (quotation
        marks only around quoted words, reported speech labelled), claims by status with whose
        statement they are, their outlets and disputes, the disputes with both sides (updates
        apart), entity spellings, and later additions.
    """
    outlets = _Outlets(c.articles)
    lines = [
        *_header(c, outlets),
        *_digest(c, outlets),
        *_quotes(c, outlets, shared_only=shared_only),
        *_claims(c, outlets),
        *_disputes(c, outlets),
        *_entities(c, outlets),
        *_additions(c, outlets),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"
