"""The SQLite store: one file, WAL mode, so readers keep working while an ingest writes."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import Any

from newsprism.errors import StoreError
from newsprism.extraction.metadata import text_key, url_key
from newsprism.extraction.repetition import article_fingerprints
from newsprism.models import AnalyzedArticle, Article, Boilerplate, Extracted, RawDocument
from newsprism.store.base import AddResult
from newsprism.store.migrations import MIGRATIONS, SCHEMA_VERSION
from newsprism.store.sqlite_stories import StoryTables
from newsprism.store.transactions import immediate, utc_now
from newsprism.version import __version__

_BUSY_TIMEOUT_MS = 30_000
_ARTICLE_COLUMNS = "id, source, url, outlet, title, published, authors, language, text, boilerplate"


class SQLiteStore(StoryTables):
    """A :class:`~newsprism.store.base.Store` in one SQLite file (or ``:memory:``).

    Args:
        path: The database file; created, with its schema, if missing.

    Raises:
        StoreError: The file is not an SQLite database, or was written by a newer newsprism.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open store {self.path}: {exc} (is it a newsprism database?)") from exc
        except OSError as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc

    # -- schema -----------------------------------------------------------------------------

    def _migrate(self) -> None:
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"store {self.path} has schema version {version}, newer than this newsprism "
                f"({SCHEMA_VERSION}); upgrade newsprism"
            )
        self._conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        applied = {row[0] for row in self._conn.execute("SELECT name FROM migrations")}
        for number, migration in enumerate(MIGRATIONS, start=1):
            if migration.name in applied:
                continue
            # executescript() commits first; wrap the script so it applies all or nothing.
            self._conn.executescript(
                "BEGIN IMMEDIATE;\n"
                + migration.sql
                + f"\nINSERT INTO migrations VALUES ('{migration.name}', '{utc_now()}');"
                + f"\nPRAGMA user_version = {number};\nCOMMIT;"
            )

    @property
    def schema_version(self) -> int:
        """The number of migrations applied."""
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    # -- writes -----------------------------------------------------------------------------

    def add(self, items: Sequence[Extracted]) -> list[AddResult]:
        """Store new articles atomically; see :meth:`newsprism.store.base.Store.add`."""
        with immediate(self._conn):
            return [self._add_one(item) for item in items]

    def find_duplicate(self, article: Article) -> str | None:
        """The id of a stored article that ``article`` duplicates (id, URL or text), or None."""
        row = self._conn.execute(
            "SELECT id FROM articles WHERE id = ? OR text_key = ? OR (url_key IS NOT NULL AND url_key = ?)",
            (article.id, text_key(article.text), url_key(article.url)),
        ).fetchone()
        return str(row[0]) if row else None

    def _add_one(self, item: Extracted) -> AddResult:
        article, raw = item.article, item.raw
        ukey, tkey = url_key(article.url), text_key(article.text)
        existing = self.find_duplicate(article)
        if existing:
            return AddResult("duplicate", article.id, existing)
        sha = hashlib.sha256(raw.content).hexdigest()
        self._conn.execute(
            "INSERT OR IGNORE INTO documents (sha256, source, locator, url, kind, content_type, fetched_at,"
            " fields, content, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                sha,
                raw.source,
                raw.locator,
                raw.url,
                raw.kind,
                raw.content_type,
                raw.fetched_at,
                json.dumps(_lean_fields(raw.fields), ensure_ascii=False, default=str),
                zlib.compress(raw.content, 6),
                utc_now(),
            ),
        )
        document_id = self._conn.execute("SELECT id FROM documents WHERE sha256 = ?", (sha,)).fetchone()[0]
        data = article.to_dict()
        self._conn.execute(
            "INSERT INTO articles (id, document_id, source, url, url_key, text_key, outlet, title, published,"
            " authors, language, text, boilerplate, extractor_version, added_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                document_id,
                article.source,
                article.url,
                ukey,
                tkey,
                article.outlet,
                article.title,
                article.published,
                json.dumps(data["authors"], ensure_ascii=False),
                article.language,
                article.text,
                json.dumps(data["boilerplate"], ensure_ascii=False),
                __version__,
                utc_now(),
            ),
        )
        if article.outlet:
            prints = article_fingerprints(article)
            self._conn.executemany(
                "INSERT OR IGNORE INTO paragraph_marks VALUES (?, ?, ?)",
                [(article.outlet.casefold(), fp, article.id) for fp in prints],
            )
            self._conn.execute("INSERT INTO article_sizes VALUES (?, ?)", (article.id, len(prints)))
        if item.analysis is not None:
            self._write_analysis(item.analysis)
        return AddResult("new", article.id)

    def save_analyses(self, items: Sequence[AnalyzedArticle]) -> None:
        """Store (or replace) the analyses of stored articles, in one transaction."""
        with immediate(self._conn):
            for item in items:
                self._write_analysis(item)

    def _write_analysis(self, item: AnalyzedArticle) -> None:
        article_id = item.article.id
        data = item.to_dict()
        payload = {key: data[key] for key in ("entities", "quotes", "claims")}
        self._conn.execute(
            "INSERT OR REPLACE INTO analyses VALUES (?, ?, ?, ?)",
            (article_id, __version__, json.dumps(payload, ensure_ascii=False), utc_now()),
        )
        self._conn.execute("DELETE FROM entity_index WHERE article_id = ?", (article_id,))
        self._conn.executemany(
            "INSERT OR REPLACE INTO entity_index VALUES (?, ?, ?, ?, ?)",
            [(article_id, e.key, e.name, e.type, len(e.mentions)) for e in item.entities],
        )

    # -- reads ------------------------------------------------------------------------------

    def get_article(self, article_id: str) -> Article | None:
        """One article by id, or None."""
        row = self._conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _article(row) if row else None

    def iter_articles(self) -> Iterator[Article]:
        """Every stored article in insertion order."""
        # A separate cursor over a snapshot: WAL lets this read run while another process writes.
        cursor = self._conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY rowid")
        for row in cursor:
            yield _article(row)

    def get_analysis(self, article_id: str) -> AnalyzedArticle | None:
        """An article with its stored analysis, or None if either is missing."""
        article = self.get_article(article_id)
        row = self._conn.execute("SELECT data FROM analyses WHERE article_id = ?", (article_id,)).fetchone()
        if article is None or row is None:
            return None
        return AnalyzedArticle.from_dict({**article.to_dict(), **json.loads(row[0])})

    def unanalyzed_ids(self) -> list[str]:
        """Ids of stored articles that have no analysis yet (e.g. after an interrupted ingest)."""
        rows = self._conn.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM analyses) ORDER BY rowid"
        )
        return [row[0] for row in rows]

    def count_articles(self) -> int:
        """How many articles are stored."""
        return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def raw_document(self, article_id: str) -> RawDocument | None:
        """The raw document behind an article, decompressed."""
        row = self._conn.execute(
            "SELECT d.source, d.content, d.kind, d.url, d.locator, d.fetched_at, d.fields, d.content_type"
            " FROM documents d JOIN articles a ON a.document_id = d.id WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if not row:
            return None
        return RawDocument(
            source=row[0],
            content=zlib.decompress(row[1]),
            kind=row[2],
            url=row[3],
            locator=row[4],
            fetched_at=row[5],
            fields=json.loads(row[6]),
            content_type=row[7],
        )

    def neighbours(self, outlet: str, fingerprints: Collection[str]) -> dict[str, tuple[set[str], int]]:
        """Stored articles of ``outlet`` that share paragraph fingerprints."""
        found: dict[str, tuple[set[str], int]] = {}
        prints = list(fingerprints)
        for start in range(0, len(prints), 500):
            chunk = prints[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                "SELECT m.article_id, m.fingerprint, s.fingerprints FROM paragraph_marks m"
                " JOIN article_sizes s ON s.article_id = m.article_id"
                f" WHERE m.outlet = ? AND m.fingerprint IN ({marks})",
                (outlet.casefold(), *chunk),
            )
            for article_id, fp, size in rows:
                found.setdefault(article_id, (set(), size))[0].add(fp)
        return found

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(path: str | Path) -> SQLiteStore:
    """Open (creating and migrating if needed) the SQLite store at ``path``."""
    return SQLiteStore(path)


def _article(row: Sequence[Any]) -> Article:
    return Article(
        id=row[0],
        source=row[1],
        url=row[2],
        outlet=row[3],
        title=row[4],
        published=row[5],
        authors=tuple(json.loads(row[6])),
        language=row[7],
        text=row[8],
        boilerplate=tuple(Boilerplate(**b) for b in json.loads(row[9])),
    )


def _lean_fields(fields: Any) -> dict[str, Any]:
    # The body is already in the compressed content; don't store it twice.
    return {k: v for k, v in dict(fields).items() if k not in {"text", "html"}}
