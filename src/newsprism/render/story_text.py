"""A readable terminal view of a story comparison (rich): digest, quotations, claims, names.

Article text never goes through rich markup: every cell is a ``Text`` object, so brackets in
news copy print as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsprism.models import DiffOp, StoryArticle, StoryComparison
from newsprism.render.labels import has_changes, outlet_label, shared_quotes

__all__ = ["comparison_view"]

_STATUS_STYLE = {"corroborated": "bold green", "single_source": "bold yellow", "disputed": "bold red"}
_STATUS_ORDER = ("disputed", "corroborated", "single_source")
_OUTLET_STYLES = ("bold blue", "bold dark_orange", "bold green4", "bold magenta", "bold cyan", "bold red3")
_FLAG = "\u2691"


class _Outlets:
    """Outlet labels and colours by article id."""

    def __init__(self, articles: Sequence[StoryArticle]) -> None:
        self.items = list(articles)
        self.index = {a.id: i for i, a in enumerate(self.items)}

    def name(self, article_id: str) -> str:
        i = self.index.get(article_id)
        if i is None:
            return article_id
        a = self.items[i]
        return outlet_label(a)

    def style(self, article_id: str) -> str:
        i = self.index.get(article_id)
        return _OUTLET_STYLES[i % len(_OUTLET_STYLES)] if i is not None else "bold"

    def cite(self, article_ids: Iterable[str]) -> Text:
        """``[Outlet A] [Outlet B]`` in each outlet's colour."""
        text = Text()
        for aid in dict.fromkeys(article_ids):
            if text:
                text.append(" ")
            text.append(f"[{self.name(aid)}]", style=self.style(aid))
        return text


def _diff_text(ops: Sequence[DiffOp]) -> Text:
    """A word diff: insertions green and underlined, deletions red and struck."""
    text = Text()
    for op in ops:
        if text and op.text and not text.plain[-1:].isspace() and not op.text[0].isspace():
            text.append(" ")
        style = {"insert": "green underline", "delete": "red strike"}.get(op.op, "")
        text.append(op.text, style=style)
    return text


def _header(c: StoryComparison, outlets: _Outlets) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False)
    table.add_column("outlet", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("headline", ratio=1)
    first = set(c.coverage.first)
    order = [a for a in c.coverage.timeline if a in outlets.index] or [a.id for a in c.articles]
    order += [a.id for a in c.articles if a.id not in order]
    for aid in order:
        a = outlets.items[outlets.index[aid]]
        when = Text(a.published or "undated")
        if aid in first:
            when.append(" first", style="bold cyan")
        table.add_row(Text(outlets.name(aid), style=outlets.style(aid)), when, Text(a.title or "(untitled)"))
    return table


def _digest(c: StoryComparison, outlets: _Outlets) -> RenderableType:
    text = Text()
    for s in c.digest:
        if text:
            text.append("\n")
        text.append(f"{_FLAG} " if s.disputed else "• ", style="bold red" if s.disputed else "dim")
        text.append(s.text)
        text.append(" ")
        text.append_text(outlets.cite(s.articles))
        if s.disputed:
            text.append(" disputed", style="bold red")
    return Panel(text, title="digest", title_align="left", border_style="dim")


def _quotes(c: StoryComparison, outlets: _Outlets) -> RenderableType:
    table = Table("quotation", "outlet", "as reported", title="quotations", title_justify="left", expand=True)
    for i, g in enumerate(c.quotes, 1):
        who = Text(f"Q{i} ", style="bold")
        who.append(g.speaker or "unattributed", style="bold")
        if g.reported_by:
            who.append(f"\nreported by {g.reported_by}", style="dim")
        for j, v in enumerate(g.variants):
            table.add_row(
                who if j == 0 else Text(),
                Text(outlets.name(v.article), style=outlets.style(v.article)),
                _diff_text(v.diff) if has_changes(v) else Text(v.text),
                end_section=j == len(g.variants) - 1,
            )
    return table


def _claims(c: StoryComparison, outlets: _Outlets) -> RenderableType:
    table = Table("status", "claim", title="claims", title_justify="left", expand=True, show_lines=True)
    ranked = sorted(c.claims, key=lambda cl: _STATUS_ORDER.index(cl.status) if cl.status in _STATUS_ORDER else 9)
    for cl in ranked:
        body = Text(cl.text, style="bold")
        body.append(" ")
        body.append_text(outlets.cite(s.article for s in cl.support))
        for d in cl.disputes:
            body.append(f"\n{_FLAG} {d.kind}: ", style="bold red")
            if d.attributed_to:
                body.append(f"{d.attributed_to} ", style="bold")
            body.append_text(outlets.cite([d.article]))
            body.append(f" “{d.text}”")
        status = Text(cl.status.replace("_", " "), style=_STATUS_STYLE.get(cl.status, "bold"))
        table.add_row(status, body)
    return table


def _entities(c: StoryComparison, outlets: _Outlets) -> RenderableType:
    table = Table("entity", "type", "written as", title="names and spellings", title_justify="left", expand=True)
    for e in c.entities:
        spellings = Text()
        for v in e.variants:
            if spellings:
                spellings.append("\n")
            spellings.append(v.text, style="bold" if len(e.variants) > 1 else "")
            spellings.append(" ")
            spellings.append_text(outlets.cite(v.articles))
        table.add_row(Text(e.name), Text(e.type), spellings)
    return table


def _additions(c: StoryComparison, outlets: _Outlets) -> RenderableType:
    text = Text()
    for a in c.coverage.additions:
        if text:
            text.append("\n")
        text.append(f"{a.kind} ", style="bold yellow")
        text.append_text(outlets.cite([a.article]))
        text.append(f" {a.text}")
    return Panel(text, title="added later", title_align="left", border_style="yellow")


def comparison_view(c: StoryComparison) -> RenderableType:
    """A story comparison for the terminal.

    Args:
        c: The comparison.

    Returns:
        A rich renderable: the story's articles by date, the digest with citations, quotations
        with each outlet's version (word diff coloured), claims with coloured status and their
        disputes, entity spellings, and later additions. Empty sections are left out.
    """
    outlets = _Outlets(c.articles)
    parts: list[RenderableType] = [_header(c, outlets)]
    if c.digest:
        parts.append(_digest(c, outlets))
    if c.quotes:
        parts.append(_quotes(c, outlets))
    if c.claims:
        parts.append(_claims(c, outlets))
    if c.entities:
        parts.append(_entities(c, outlets))
    if c.coverage.additions:
        parts.append(_additions(c, outlets))
    title = Text(c.title or "(untitled story)", style="bold")
    disputed = sum(1 for cl in c.claims if cl.status == "disputed")
    subtitle = f"{len(c.articles)} articles · {shared_quotes(c)} shared quotations · {len(c.claims)} claims"
    if disputed:
        subtitle += f" · {disputed} disputed"
    return Panel(Group(*parts), title=title, title_align="left", subtitle=subtitle, subtitle_align="left")
