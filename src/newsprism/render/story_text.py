"""A readable terminal view of a story comparison (rich): digest, quotations, claims, disputes, names.

Article text never goes through rich markup: every cell is a ``Text`` object, so brackets in
news copy print as they are. Word diffs are coloured; on a console without colour (``NO_COLOR``,
a file, a pipe) deletions print as ``[-...-]`` and insertions as ``{+...+}``, so that a deleted
word never reads as one the outlet printed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsprism.models import DiffOp, DisputePair, DisputeSide, QuoteVariant, StoryArticle, StoryComparison
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
    shared_quotes,
    shown_quotes,
)

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


def _diff_text(ops: Sequence[DiffOp], *, marks: bool = False) -> Text:
    """A word diff: insertions green and underlined, deletions red and struck.

    With ``marks`` (no colour to show them) deletions are ``[-...-]`` and insertions ``{+...+}``.
    """
    text = Text()
    for op in ops:
        if text and op.text and not text.plain[-1:].isspace() and not op.text[0].isspace():
            text.append(" ")
        style = {"insert": "green underline", "delete": "red strike"}.get(op.op, "")
        body = op.text
        if marks and op.op in ("insert", "delete"):
            body = f"{{+{body}+}}" if op.op == "insert" else f"[-{body}-]"
        text.append(body, style=style)
    return text


class _Rendering:
    """One outlet's rendering of a quotation, drawn for the console it is printed on.

    Whether the console shows colour is known only when printing, so the diff's form (colours,
    or ``[-...-]`` / ``{+...+}`` marks) is chosen then.
    """

    def __init__(self, variant: QuoteVariant) -> None:
        self.variant = variant

    def text(self, console: Console) -> Text:
        """The rendering: quotation marks only around a direct quotation, a label otherwise."""
        v = self.variant
        marks = console.no_color or console.color_system is None
        body = _diff_text(v.diff, marks=marks) if has_changes(v) else Text(v.text)
        if is_quoted(v):
            return Text("“").append_text(body).append("”")
        label = kind_label(v)
        return Text(f"{label}: ", style="italic dim").append_text(body) if label else body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.text(console)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text(console))


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


def _quotes(c: StoryComparison, outlets: _Outlets, *, shared_only: bool = False) -> RenderableType:
    title = "quotations shared by two or more outlets" if shared_only else "quotations"
    table = Table("quotation", "outlet", "as reported", title=title, title_justify="left", expand=True)
    for i, g in shown_quotes(c, shared_only=shared_only):
        who = Text(f"Q{i + 1} ", style="bold")
        who.append(g.speaker or "unattributed", style="bold")
        if g.reported_by:
            who.append(f"\nreported by {g.reported_by}", style="dim")
        for j, v in enumerate(g.variants):
            table.add_row(
                who if j == 0 else Text(),
                Text(outlets.name(v.article), style=outlets.style(v.article)),
                _Rendering(v),
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
        voice = claim_voice(cl)
        names = claim_outlets(cl, outlets.items)
        about = [voice] if voice else []
        if names:
            about.append(f"{len(names)} outlet{'s' * (len(names) != 1)}: {', '.join(names)}")
        if about:
            body.append("\n" + " · ".join(about), style="dim")
        for s in cl.support:
            if s.asserted_by and s.asserted_by != cl.asserted_by:
                body.append("\n")
                body.append_text(outlets.cite([s.article]))
                body.append(f" ({asserter(s.asserted_by)}, {VOICE_LABELS.get(s.voice, s.voice)})", style="dim")
        for d in cl.disputes:
            body.append(f"\n{_FLAG} {d.kind}: ", style="bold yellow" if d.kind == "update" else "bold red")
            body.append_text(outlets.cite([d.article]))
            body.append(f" {d.text}")
            if d.attributed_to:
                body.append(f" ({asserter(d.attributed_to)})", style="dim")
        status = Text(cl.status.replace("_", " "), style=_STATUS_STYLE.get(cl.status, "bold"))
        table.add_row(status, body)
    return table


def _side(side: DisputeSide, outlets: _Outlets) -> Text:
    """``[Outlet] passage (statement of X)``: who asserts it follows the passage, which is no quotation."""
    text = outlets.cite([side.article])
    text.append(f" {side.text} ")
    text.append(f"({asserter(side.asserted_by)})", style="dim")
    return text


def _pairs(pairs: Sequence[DisputePair], outlets: _Outlets) -> Text:
    text = Text()
    for d in pairs:
        if text:
            text.append("\n\n")
        text.append(f"{_FLAG} {d.kind}" if d.kind != "update" else "update", style="bold")
        if d.note:
            text.append(f" {d.note}", style="dim")
        for label, side in (("a", d.a), ("b", d.b)):
            text.append(f"\n  {label}. ")
            text.append_text(_side(side, outlets))
    return text


def _disputes(c: StoryComparison, outlets: _Outlets) -> list[RenderableType]:
    """Conflicts (both sides of each, listed once) and, apart from them, updates."""
    conflicts, updates = conflicts_and_updates(c)
    parts: list[RenderableType] = []
    if conflicts:
        parts.append(Panel(_pairs(conflicts, outlets), title="disputes", title_align="left", border_style="red"))
    if updates:
        title = "updates (a later report revises a figure)"
        parts.append(Panel(_pairs(updates, outlets), title=title, title_align="left", border_style="yellow"))
    return parts


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


def comparison_view(c: StoryComparison, *, shared_only: bool = False) -> RenderableType:
    """A story comparison for the terminal.

    Args:
        c: The comparison.
        shared_only: List only the quotations two or more outlets print.

    Returns:
        A rich renderable: the story's articles by date, the digest with citations, quotations
        with each outlet's version (direct ones in quotation marks, reported speech labelled;
        word diff coloured, or marked ``[-...-]``/``{+...+}`` without colour), claims with
        coloured status, whose statement they are and their outlets, the disputes with both
        sides (updates apart), entity spellings, and later additions. Empty sections are left out.
    """
    outlets = _Outlets(c.articles)
    parts: list[RenderableType] = [_header(c, outlets)]
    if c.digest:
        parts.append(_digest(c, outlets))
    if shown_quotes(c, shared_only=shared_only):
        parts.append(_quotes(c, outlets, shared_only=shared_only))
    if c.claims:
        parts.append(_claims(c, outlets))
    parts.extend(_disputes(c, outlets))
    if c.entities:
        parts.append(_entities(c, outlets))
    if c.coverage.additions:
        parts.append(_additions(c, outlets))
    title = Text(c.title or "(untitled story)", style="bold")
    disputed = sum(1 for cl in c.claims if cl.status == "disputed")
    subtitle = f"{len(c.articles)} articles · {shared_quotes(c)} shared quotations · {len(c.claims)} claims"
    if disputed:
        subtitle += f" · {disputed} disputed"
    conflicts, updates = conflicts_and_updates(c)
    if conflicts:
        subtitle += f" · {len(conflicts)} dispute{'s' * (len(conflicts) != 1)}"
    if updates:
        subtitle += f" · {len(updates)} update{'s' * (len(updates) != 1)}"
    return Panel(Group(*parts), title=title, title_align="left", subtitle=subtitle, subtitle_align="left")
