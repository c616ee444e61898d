"""Named schema migrations, applied in order, each in its own transaction.

Never edit a released migration: add a new one. ``PRAGMA user_version`` mirrors the number
applied so a store written by a newer newsprism is recognised and left alone.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema change."""

    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_articles",
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            locator TEXT,
            url TEXT,
            kind TEXT NOT NULL,
            content_type TEXT,
            fetched_at TEXT,
            fields TEXT NOT NULL DEFAULT '{}',
            content BLOB NOT NULL,          -- zlib-compressed raw bytes
            added_at TEXT NOT NULL
        );
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            document_id INTEGER REFERENCES documents(id),
            source TEXT NOT NULL,
            url TEXT,
            url_key TEXT UNIQUE,
            text_key TEXT NOT NULL UNIQUE,
            outlet TEXT,
            title TEXT,
            published TEXT,
            authors TEXT NOT NULL DEFAULT '[]',
            language TEXT,
            text TEXT NOT NULL,
            boilerplate TEXT NOT NULL DEFAULT '[]',
            extractor_version TEXT NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE paragraph_marks (
            outlet TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (outlet, fingerprint, article_id)
        ) WITHOUT ROWID;
        CREATE TABLE article_sizes (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            fingerprints INTEGER NOT NULL
        );
        """,
    ),
    Migration(
        "0002_analyses",
        """
        CREATE TABLE analyses (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            analyzer_version TEXT NOT NULL,
            data TEXT NOT NULL,             -- entities, quotes, claims as in `analyze` JSON
            analyzed_at TEXT NOT NULL
        );
        CREATE TABLE entity_index (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            mentions INTEGER NOT NULL,
            PRIMARY KEY (article_id, key)
        ) WITHOUT ROWID;
        CREATE INDEX entity_index_key ON entity_index(key);
        """,
    ),
    Migration(
        "0003_stories",
        """
        CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id TEXT NOT NULL,
            assigned_at TEXT NOT NULL
        );
        CREATE INDEX story_articles_story ON story_articles(story_id);
        CREATE TABLE story_merges (
            absorbed TEXT PRIMARY KEY,
            kept TEXT NOT NULL,
            merged_at TEXT NOT NULL
        );
        -- the clusterer's own story ids -> public ids (they differ only after a recluster)
        CREATE TABLE story_aliases (
            internal TEXT PRIMARY KEY,
            public TEXT NOT NULL
        );
        CREATE TABLE cluster_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            seen INTEGER NOT NULL,          -- articles the saved clusterer has taken in
            meta TEXT NOT NULL,
            arrays BLOB NOT NULL,
            saved_at TEXT NOT NULL
        );
        """,
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)
