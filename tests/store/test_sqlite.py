"""Tests for newsprism.store.sqlite on real SQLite files built by the real migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsprism.errors import StoreError
from newsprism.models import Article, Extracted, RawDocument
from newsprism.store import SQLiteStore, open_store
from newsprism.store.migrations import MIGRATIONS

FERRY = (
    "The island ferry resumed its winter timetable on Monday.\n\n"
    "Crews replaced two engines during the autumn refit. "
    "The operator said crossings will take forty minutes."
)
MARKET = (
    "The covered market will stay open until nine on Fridays.\n\n"
    "Stallholders asked for longer hours last spring. "
    "The council agreed after a three-month trial."
)
LIBRARY = (
    "A mobile library now visits four hill villages each week.\n\n"
    "The van carries two thousand books and a reading corner. "
    "Volunteers drive it on alternate days."
)


def _item(
    article_id: str,
    text: str,
    *,
    url: str | None = None,
    outlet: str | None = None,
    content: bytes | None = None,
) -> Extracted:
    article = Article(
        id=article_id,
        source="news.txt",
        url=url,
        outlet=outlet,
        title="Local news",
        published="2024-02-01",
        authors=("A. Writer",),
        language="en",
        text=text,
    )
    raw = RawDocument(
        source="news.txt",
        content=text.encode("utf-8") if content is None else content,
        kind="text",
        url=url,
    )
    return Extracted(article, raw)


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


def test_sqlite_schema_built_by_migrations(db: Path) -> None:
    with open_store(db) as store:
        assert store.schema_version == len(MIGRATIONS)
        tables = {r[0] for r in store._conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        names = [r[0] for r in store._conn.execute("SELECT name FROM migrations ORDER BY name")]
    assert {"documents", "articles", "paragraph_marks", "article_sizes", "migrations"} <= tables
    assert names == [m.name for m in MIGRATIONS]
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    finally:
        conn.close()


def test_sqlite_memory_store_works() -> None:
    with SQLiteStore(":memory:") as store:
        assert store.schema_version == len(MIGRATIONS)
        assert [r.status for r in store.add([_item("a", FERRY)])] == ["new"]
        assert store.count_articles() == 1


def test_sqlite_reopen_keeps_data_without_reapplying_migrations(db: Path) -> None:
    with open_store(db) as store:
        store.add([_item("ferry", FERRY, outlet="Island Post"), _item("market", MARKET)])
        before = list(store._conn.execute("SELECT name, applied_at FROM migrations"))
    with open_store(db) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert list(store._conn.execute("SELECT name, applied_at FROM migrations")) == before
        assert [a.id for a in store.iter_articles()] == ["ferry", "market"]
        article = store.get_article("ferry")
    assert article is not None
    assert article.text == FERRY
    assert article.outlet == "Island Post"
    assert article.authors == ("A. Writer",)


def test_sqlite_newer_schema_refused_with_upgrade_hint(db: Path) -> None:
    with open_store(db) as store:
        store.add([_item("ferry", FERRY)])
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(StoreError, match="upgrade"):
        open_store(db)
    assert _count(db, "articles") == 1


def test_sqlite_non_database_file_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    garbage = bytes(range(256)) * 40
    path.write_bytes(garbage)
    with pytest.raises(StoreError, match=r"notes\.db"):
        SQLiteStore(path)
    assert path.read_bytes() == garbage


def test_sqlite_duplicate_by_id(db: Path) -> None:
    with open_store(db) as store:
        store.add([_item("ferry", FERRY)])
        (result,) = store.add([_item("ferry", MARKET)])
        assert (result.status, result.article_id, result.duplicate_of) == ("duplicate", "ferry", "ferry")
        assert store.count_articles() == 1


def test_sqlite_duplicate_by_url_variant(db: Path) -> None:
    with open_store(db) as store:
        store.add([_item("first", FERRY, url="https://example.org/news/ferry-returns")])
        results = store.add(
            [
                _item("second", MARKET, url="http://www.example.org/news/ferry-returns/?utm_source=rss"),
                _item("third", LIBRARY, url="https://example.org/news/library-van"),
            ]
        )
        assert [(r.status, r.duplicate_of) for r in results] == [("duplicate", "first"), ("new", None)]
        assert store.count_articles() == 2


def test_sqlite_duplicate_by_text_modulo_case_and_spacing(db: Path) -> None:
    variant = "  " + FERRY.upper().replace(" ", "   ").replace("\n\n", "\n") + "  "
    with open_store(db) as store:
        store.add([_item("first", FERRY)])
        (result,) = store.add([_item("second", variant)])
        assert (result.status, result.duplicate_of) == ("duplicate", "first")
        (other,) = store.add([_item("third", FERRY.replace("forty", "fifty"))])
        assert other.status == "new"


def test_sqlite_duplicate_within_one_batch(db: Path) -> None:
    with open_store(db) as store:
        results = store.add([_item("a", FERRY), _item("b", FERRY.lower())])
        assert [r.status for r in results] == ["new", "duplicate"]
        assert results[1].duplicate_of == "a"
        assert store.count_articles() == 1


def test_sqlite_raw_document_round_trips_exact_bytes(db: Path) -> None:
    content = ("<html><body>" + "<p>Ferry crossings resume on Monday.</p>" * 400 + "</body></html>").encode()
    content += b"\x00\xff\xfe trailing bytes \r\n"
    item = Extracted(
        _item("ferry", FERRY).article,
        RawDocument(
            source="pages/ferry.html",
            content=content,
            kind="html",
            url="https://example.org/ferry",
            locator="record 3",
            fetched_at="2024-02-01T08:00:00Z",
            fields={"title": "Ferry", "html": "dropped body copy"},
            content_type="text/html",
        ),
    )
    with open_store(db) as store:
        store.add([item])
        raw = store.raw_document("ferry")
        stored_size = store._conn.execute("SELECT length(content) FROM documents").fetchone()[0]
        assert store.raw_document("missing") is None
    assert raw is not None
    assert raw.content == content
    assert (raw.source, raw.kind, raw.url, raw.locator) == (
        "pages/ferry.html",
        "html",
        "https://example.org/ferry",
        "record 3",
    )
    assert (raw.fetched_at, raw.content_type) == ("2024-02-01T08:00:00Z", "text/html")
    assert dict(raw.fields) == {"title": "Ferry"}
    assert stored_size < len(content) / 5


def test_sqlite_reader_not_blocked_by_open_write_transaction(db: Path) -> None:
    writer = open_store(db)
    reader = open_store(db)
    try:
        writer.add([_item("ferry", FERRY)])
        writer._conn.execute("BEGIN IMMEDIATE")
        writer._add_one(_item("market", MARKET))
        reader._conn.execute("PRAGMA busy_timeout = 0")
        assert reader.count_articles() == 1
        assert [a.id for a in reader.iter_articles()] == ["ferry"]
        assert reader.get_article("market") is None
        writer._conn.execute("ROLLBACK")
        assert writer.count_articles() == 1
    finally:
        writer.close()
        reader.close()


def test_sqlite_writer_commits_while_reader_holds_snapshot(db: Path) -> None:
    writer = open_store(db)
    reader = open_store(db)
    try:
        writer.add([_item("ferry", FERRY)])
        reader._conn.execute("BEGIN")
        assert reader.count_articles() == 1
        writer._conn.execute("PRAGMA busy_timeout = 0")
        writer.add([_item("market", MARKET)])  # would raise "database is locked" without WAL
        assert reader.count_articles() == 1  # still the snapshot
        reader._conn.execute("COMMIT")
        assert reader.count_articles() == 2
    finally:
        writer.close()
        reader.close()


class _Exploding:
    """An item that breaks when the store looks at it."""

    @property
    def article(self) -> Article:
        raise RuntimeError("broken item")


def test_sqlite_add_is_atomic(db: Path) -> None:
    with open_store(db) as store:
        store.add([_item("library", LIBRARY, outlet="Hill Times")])
        batch = [_item("ferry", FERRY, outlet="Hill Times"), _item("market", MARKET), _Exploding()]
        with pytest.raises(RuntimeError, match="broken item"):
            store.add(batch)  # type: ignore[list-item]
        assert not store._conn.in_transaction
        assert [a.id for a in store.iter_articles()] == ["library"]
        # The store is usable afterwards, and the rolled-back articles are new again.
        assert [r.status for r in store.add(batch[:2])] == ["new", "new"]  # type: ignore[arg-type]
    assert _count(db, "articles") == 3
    assert _count(db, "documents") == 3


def test_sqlite_add_rolls_back_on_keyboard_interrupt(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(db) as store:
        real = store._add_one
        calls = 0

        def interrupted(item: Extracted):  # type: ignore[no-untyped-def]
            nonlocal calls
            calls += 1
            if calls == 2:
                raise KeyboardInterrupt
            return real(item)

        monkeypatch.setattr(store, "_add_one", interrupted)
        with pytest.raises(KeyboardInterrupt):
            store.add([_item("ferry", FERRY, outlet="Isle"), _item("market", MARKET)])
        assert store.count_articles() == 0
    for table in ("articles", "documents", "paragraph_marks", "article_sizes"):
        assert _count(db, table) == 0, table


def test_sqlite_neighbours_share_outlet_fingerprints(db: Path) -> None:
    footer = "Follow the Island Post for daily updates on island life and travel news."
    with open_store(db) as store:
        store.add(
            [
                _item("a", FERRY + "\n\n" + footer, outlet="Island Post"),
                _item("b", MARKET + "\n\n" + footer, outlet="island post"),
                _item("c", LIBRARY + "\n\n" + footer, outlet="Other Paper"),
            ]
        )
        rows = store._conn.execute("SELECT DISTINCT fingerprint FROM paragraph_marks WHERE article_id='a'")
        prints = [r[0] for r in rows]
        found = store.neighbours("ISLAND POST", prints)
    assert set(found) == {"a", "b"}
    assert found["a"][1] == len(prints)
    assert len(found["b"][0]) >= 1
