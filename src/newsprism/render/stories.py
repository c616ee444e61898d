"""Listing stories: the ``stories`` JSON contract and a terminal table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.table import Table

from newsprism.store.sqlite_stories import StoryRow


def story_listing(rows: Sequence[StoryRow], *, since: str | None = None, min_outlets: int = 1) -> list[dict[str, Any]]:
    """Group story rows into the ``stories`` JSON objects, newest story first.

    Args:
        rows: Every assigned article with its story (as the store lists them).
        since: Keep stories with an article published on or after this ISO date.
        min_outlets: Keep stories covered by at least this many outlets.

    Returns:
        ``[{id, title, first_published, outlets, articles: [{id, outlet, title, published}]}]``.
    """
    stories: dict[str, list[StoryRow]] = {}
    for row in rows:
        stories.setdefault(row.story_id, []).append(row)
    listing = []
    for story_id, members in stories.items():
        dated = sorted(m.published for m in members if m.published)
        # An article without an outlet still counts as a voice of its own.
        outlets = sorted({m.outlet or f"(article {m.article_id})" for m in members})
        if len(outlets) < min_outlets:
            continue
        if since and not any(d >= since for d in dated):
            continue
        first = next((m for m in members if m.published == dated[0]), members[0]) if dated else members[0]
        listing.append(
            {
                "id": story_id,
                "title": first.title,
                "first_published": dated[0] if dated else None,
                "outlets": [m for m in outlets if not m.startswith("(article ")],
                "articles": [
                    {"id": m.article_id, "outlet": m.outlet, "title": m.title, "published": m.published}
                    for m in members
                ],
            }
        )
    listing.sort(key=lambda s: (s["first_published"] or "", s["id"]), reverse=True)
    return listing


def stories_table(listing: list[dict[str, Any]]) -> Table:
    """A terminal table of stories: id, first date, outlets, article count, title."""
    table = Table("story", "first published", "outlets", "articles", "title", expand=True)
    for story in listing:
        table.add_row(
            story["id"],
            story["first_published"] or "—",
            ", ".join(story["outlets"]) or "—",
            str(len(story["articles"])),
            story["title"] or "(untitled)",
        )
    return table
