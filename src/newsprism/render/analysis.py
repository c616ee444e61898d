"""A readable terminal view of an analysed article: entities, quotations, claims."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from newsprism.models import AnalyzedArticle
from newsprism.render.articles import article_view


def analysis_view(item: AnalyzedArticle) -> RenderableType:
    """The article view followed by tables of its entities, quotes and claims."""
    extra: list[RenderableType] = []
    if item.entities:
        table = Table("entity", "type", "written as", title="entities", title_justify="left", expand=True)
        for entity in item.entities:
            forms = sorted({m.text for m in entity.mentions})
            table.add_row(entity.name, entity.type, ", ".join(forms))
        extra.append(table)
    if item.quotes:
        table = Table("speaker", "kind", "quote", title="quotations", title_justify="left", expand=True)
        for quote in item.quotes:
            who = quote.speaker or (f"({quote.speaker_text})" if quote.speaker_text else "?")
            if quote.reported_by:
                who += f"\nreported by {quote.reported_by}"
            table.add_row(who, quote.kind, quote.text)
        extra.append(table)
    if item.claims:
        table = Table("claim", "by", "flags", title="claims", title_justify="left", expand=True)
        for claim in item.claims:
            flags = []
            if claim.negated:
                flags.append("negated")
            if claim.hedged:
                flags.append("hedged")
            flags += [f"{n.value:g} {n.unit or ''}".strip() for n in claim.numbers]
            flags += [d.value for d in claim.dates if d.value]
            table.add_row(Text(claim.text), claim.attributed_to or "—", ", ".join(flags))
        extra.append(table)
    return article_view(item.article, extra)
