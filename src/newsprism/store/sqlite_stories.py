"""The story tables of the SQLite store: assignments, merges, aliases and the clusterer state."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.store.transactions import immediate, utc_now


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One article of a stored story, as the ``stories`` listing needs it."""

    story_id: str
    article_id: str
    outlet: str | None
    title: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class ClusterInput:
    """What the clusterer needs of a stored article."""

    id: str
    text: str
    title: str | None
    published: str | None
    language: str | None
    entity_keys: tuple[str, ...]


class StoryTables:
    """Mixin for :class:`~newsprism.store.sqlite.SQLiteStore`: needs ``self._conn``."""

    _conn: sqlite3.Connection

    def record_stories(
        self,
        assignments: Sequence[tuple[str, str]],
        merges: Sequence[tuple[str, str]],
        state: tuple[int, str, bytes] | None = None,
    ) -> None:
        """Store article -> story assignments and merges (and the clusterer state) atomically.

        Args:
            assignments: ``(article_id, public story id)`` pairs.
            merges: ``(kept, absorbed)`` public story ids; absorbed stories' articles move.
            state: ``(articles seen, meta JSON, arrays blob)`` of the clusterer, if saving it.
        """
        now = utc_now()
        with immediate(self._conn):
            self._conn.executemany(
                "INSERT OR REPLACE INTO story_articles VALUES (?, ?, ?)", [(a, s, now) for a, s in assignments]
            )
            for kept, absorbed in merges:
                if kept == absorbed:
                    continue
                self._conn.execute("INSERT OR REPLACE INTO story_merges VALUES (?, ?, ?)", (absorbed, kept, now))
                self._conn.execute("UPDATE story_articles SET story_id = ? WHERE story_id = ?", (kept, absorbed))
                self._conn.execute("UPDATE story_merges SET kept = ? WHERE kept = ?", (kept, absorbed))
            if state is not None:
                self._write_state(*state)

    def replace_stories(self, assignments: Sequence[tuple[str, str]], aliases: dict[str, str]) -> None:
        """Replace every assignment (a recluster), keeping the merge history, in one transaction."""
        now = utc_now()
        with immediate(self._conn):
            self._conn.execute("DELETE FROM story_articles")
            self._conn.execute("DELETE FROM story_aliases")
            self._conn.execute("DELETE FROM cluster_state")
            self._conn.executemany("INSERT INTO story_articles VALUES (?, ?, ?)", [(a, s, now) for a, s in assignments])
            self._conn.executemany("INSERT INTO story_aliases VALUES (?, ?)", list(aliases.items()))

    def save_cluster_state(self, seen: int, meta: str, arrays: bytes) -> None:
        """Save the clusterer's state (one row)."""
        with immediate(self._conn):
            self._write_state(seen, meta, arrays)

    def _write_state(self, seen: int, meta: str, arrays: bytes) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO cluster_state VALUES (1, ?, ?, ?, ?)", (seen, meta, arrays, utc_now())
        )

    def load_cluster_state(self) -> tuple[int, str, bytes] | None:
        """The saved clusterer state: ``(articles seen, meta JSON, arrays blob)``, or None."""
        row = self._conn.execute("SELECT seen, meta, arrays FROM cluster_state WHERE id = 1").fetchone()
        return (int(row[0]), row[1], row[2]) if row else None

    def story_aliases(self) -> dict[str, str]:
        """Clusterer story ids -> public ids, where they differ."""
        return dict(self._conn.execute("SELECT internal, public FROM story_aliases").fetchall())

    def add_story_aliases(self, aliases: dict[str, str]) -> None:
        """Record more clusterer -> public id mappings."""
        with immediate(self._conn):
            self._conn.executemany("INSERT OR REPLACE INTO story_aliases VALUES (?, ?)", list(aliases.items()))

    def clustered_count(self) -> int:
        """How many articles have a story."""
        return int(self._conn.execute("SELECT count(*) FROM story_articles").fetchone()[0])

    def unclustered_ids(self) -> list[str]:
        """Stored articles without a story, in insertion order."""
        rows = self._conn.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles) ORDER BY rowid"
        )
        return [r[0] for r in rows]

    def cluster_inputs(self, ids: Sequence[str] | None = None) -> list[ClusterInput]:
        """Articles as the clusterer sees them (text, dates, entity keys), in insertion order."""
        query = "SELECT rowid, id, text, title, published, language FROM articles"
        if ids is None:
            rows = self._conn.execute(query + " ORDER BY rowid").fetchall()
        else:
            rows = []
            for start in range(0, len(ids), 500):
                chunk = list(ids[start : start + 500])
                marks = ",".join("?" * len(chunk))
                rows += self._conn.execute(f"{query} WHERE id IN ({marks})", chunk).fetchall()
            rows.sort()
        keys: dict[str, list[str]] = {}
        for start in range(0, len(rows), 500):
            chunk = [row[1] for row in rows[start : start + 500]]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT article_id, key FROM entity_index WHERE article_id IN ({marks}) ORDER BY article_id, key"
            for article_id, key in self._conn.execute(query, chunk):
                keys.setdefault(article_id, []).append(key)
        return [
            ClusterInput(article_id, text, title, published, language, tuple(keys.get(article_id, ())))
            for _, article_id, text, title, published, language in rows
        ]

    def story_rows(self) -> list[StoryRow]:
        """Every assigned article with its story, ordered by story then publication date."""
        rows = self._conn.execute(
            "SELECT s.story_id, a.id, a.outlet, a.title, a.published FROM story_articles s"
            " JOIN articles a ON a.id = s.article_id ORDER BY s.story_id, a.published IS NULL, a.published, a.rowid"
        )
        return [StoryRow(*r) for r in rows]

    def resolve_story(self, story_id: str) -> str:
        """The current id of a story id (absorbed stories point to the story that kept them)."""
        seen = set()
        while story_id not in seen:
            seen.add(story_id)
            row = self._conn.execute("SELECT kept FROM story_merges WHERE absorbed = ?", (story_id,)).fetchone()
            if not row:
                break
            story_id = row[0]
        return story_id

    def story_article_ids(self, story_id: str) -> list[str]:
        """Article ids of a story (after following merges), earliest published first."""
        current = self.resolve_story(story_id)
        rows = self._conn.execute(
            "SELECT a.id FROM story_articles s JOIN articles a ON a.id = s.article_id WHERE s.story_id = ?"
            " ORDER BY a.published IS NULL, a.published, a.rowid",
            (current,),
        )
        return [r[0] for r in rows]

    def merges(self) -> list[tuple[str, str]]:
        """Every recorded merge as ``(kept, absorbed)``."""
        return [(k, a) for a, k in self._conn.execute("SELECT absorbed, kept FROM story_merges ORDER BY merged_at")]


__all__ = ["ClusterInput", "StoryRow", "StoryTables"]
