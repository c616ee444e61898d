"""Tests for the library entry points newsprism.ingest and newsprism.extract."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsprism
import newsprism.pipeline
from newsprism import Article, Failure, Settings
from newsprism.models import Extracted
from newsprism.store import SQLiteStore

SETTINGS = Settings(detect_language=False)

TEXT_FILE = (
    "Harbour reopens after storm\n\n"
    "The city harbour reopened on Tuesday after a week of repairs. "
    "Fishing boats returned to the quay before dawn. "
    "Officials said the breakwater held better than expected.\n"
)
HTML_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Orchard harvest begins</title>
<meta property="og:site_name" content="Valley Gazette"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Orchard harvest begins</h1>
<p>Apple growers in the valley started picking on Monday, two weeks earlier than last year.</p>
<p>A warm spring and steady rain in July gave the trees an unusually heavy crop this season.</p>
<p>Growers said they are short of pickers and have asked students to help at weekends.</p>
<p>The cooperative expects to press the first cider of the year by the end of the month.</p>
</article><footer>Copyright Valley Gazette</footer></body></html>
"""
RECORD_TEXTS = {
    "wire-1": "The regional rail line added a late train on Saturdays. "
    "Passengers had asked for it since the spring. The first service runs this weekend.",
    "wire-3": "A new cycle lane opened along the river embankment. "
    "It links the old town with the university campus. Builders finished a month early.",
}


def _jsonl(tmp_path: Path) -> Path:
    lines = [
        json.dumps({"id": "wire-1", "text": RECORD_TEXTS["wire-1"], "outlet": "Wire"}),
        '{"id": "wire-2", "text": "broken line',
        json.dumps({"id": "wire-3", "text": RECORD_TEXTS["wire-3"], "outlet": "Wire"}),
    ]
    path = tmp_path / "x.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def mixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    Path("story.txt").write_text(TEXT_FILE, encoding="utf-8")
    Path("page.html").write_text(HTML_PAGE, encoding="utf-8")
    _jsonl(tmp_path)
    Path("empty.txt").write_bytes(b"")
    return ["story.txt", "page.html", "x.jsonl", "nowhere.txt", "empty.txt"]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(tmp_path / "store.db") as opened:
        yield opened


def test_pipeline_ingest_mixed_batch(mixed: list[str], store: SQLiteStore) -> None:
    seen: list[str] = []
    report = newsprism.ingest(mixed, store, SETTINGS, with_analysis=False, on_input=lambda item: seen.append(item.spec))
    assert (report.new, report.duplicate, report.failed) == (4, 0, 3)
    assert {f.source for f in report.failures} == {"x.jsonl (line 2)", "nowhere.txt", "empty.txt"}
    by_source = {f.source: f.message for f in report.failures}
    assert "malformed JSON" in by_source["x.jsonl (line 2)"]
    assert "empty" in by_source["empty.txt"]
    assert seen == mixed  # every input reported once, in order (drives progress bars)
    assert store.count_articles() == 4
    assert sorted(report.article_ids) == sorted(a.id for a in store.iter_articles())
    articles = {a.source: a for a in store.iter_articles() if a.source != "x.jsonl"}
    assert articles["story.txt"].title == "Harbour reopens after storm"
    assert "breakwater held" in articles["story.txt"].text
    assert articles["page.html"].title == "Orchard harvest begins"
    assert "short of pickers" in articles["page.html"].text
    assert "Copyright" not in articles["page.html"].text


def test_pipeline_ingest_keeps_jsonl_id(mixed: list[str], store: SQLiteStore) -> None:
    newsprism.ingest(["x.jsonl"], store, SETTINGS, with_analysis=False)
    for article_id, text in RECORD_TEXTS.items():
        article = store.get_article(article_id)
        assert article is not None
        assert article.text == text
        assert article.outlet == "Wire"
        raw = store.raw_document(article_id)
        assert raw is not None
        assert raw.locator in {"line 1", "line 3"}
    assert store.get_article("wire-2") is None


def test_pipeline_reingest_is_all_duplicates(mixed: list[str], store: SQLiteStore) -> None:
    first = newsprism.ingest(mixed, store, SETTINGS, with_analysis=False)
    results: list[tuple[str, str | None]] = []
    second = newsprism.ingest(
        mixed,
        store,
        SETTINGS,
        on_result=lambda item, verdict: results.append((type(item).__name__, verdict.status if verdict else None)),
    )
    assert (second.new, second.duplicate, second.failed) == (0, 4, 3)
    assert second.article_ids == []
    # The first run stored no analysis; the second analyses what the store lacks.
    assert second.analyzed == 4
    assert store.unanalyzed_ids() == []
    assert sorted(results) == sorted([("Article", "duplicate")] * 4 + [("Failure", None)] * 3)
    assert store.count_articles() == first.new == 4


def test_pipeline_extract_yields_articles_and_failures(mixed: list[str]) -> None:
    items = list(newsprism.extract(mixed, SETTINGS))
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [a.source for a in articles] == ["story.txt", "page.html", "x.jsonl", "x.jsonl"]
    assert [a.id for a in articles if a.source == "x.jsonl"] == ["wire-1", "wire-3"]
    assert [f.source for f in failures] == ["x.jsonl (line 2)", "nowhere.txt", "empty.txt"]
    assert all(f.message for f in failures)


def test_pipeline_extract_stores_nothing(mixed: list[str], tmp_path: Path) -> None:
    list(newsprism.extract(mixed, SETTINGS))
    assert not list(tmp_path.glob("*.db"))


def _stories(tmp_path: Path, count: int) -> list[str]:
    topics = ["bakery", "museum", "stadium", "bridge", "clinic", "school"]
    paths = []
    for i, topic in enumerate(topics[:count]):
        path = tmp_path / f"{i}-{topic}.txt"
        path.write_text(
            f"News about the {topic}\n\n"
            f"The town {topic} announced changes on day {i} of the month. "
            f"Residents near the {topic} were told in a letter. "
            f"The {topic} manager said more details would follow next week.\n",
            encoding="utf-8",
        )
        paths.append(str(path))
    return paths


class _Breaks:
    """An item that makes the store stop halfway through a transaction."""

    @property
    def article(self) -> Article:
        raise KeyboardInterrupt


def test_pipeline_interrupted_ingest_resumes(
    tmp_path: Path, store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(newsprism.pipeline, "CHUNK_SIZE", 2)
    paths = _stories(tmp_path, 6)
    real_add = store.add
    calls = 0

    def add(items: list[Extracted]):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 2:
            # The first article of the chunk is written inside the transaction, then Ctrl-C.
            return real_add([items[0], _Breaks()])  # type: ignore[list-item]
        return real_add(items)

    monkeypatch.setattr(store, "add", add)
    with pytest.raises(KeyboardInterrupt):
        newsprism.ingest(paths, store, SETTINGS, with_analysis=False)
    monkeypatch.setattr(store, "add", real_add)

    assert calls == 2
    assert sorted(a.source for a in store.iter_articles()) == paths[:2]
    conn = sqlite3.connect(store.path)
    try:
        counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "articles")]
    finally:
        conn.close()
    assert counts == [2, 2]

    report = newsprism.ingest(paths, store, SETTINGS, with_analysis=False)
    assert (report.new, report.duplicate, report.failed) == (4, 2, 0)
    assert store.count_articles() == 6


def test_pipeline_ingest_chunks_are_separate_transactions(
    tmp_path: Path, store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(newsprism.pipeline, "CHUNK_SIZE", 2)
    sizes: list[int] = []
    real_add = store.add

    def add(items: list[Extracted]):  # type: ignore[no-untyped-def]
        sizes.append(len(items))
        return real_add(items)

    monkeypatch.setattr(store, "add", add)
    report = newsprism.ingest(_stories(tmp_path, 5), store, SETTINGS, with_analysis=False)
    assert sizes == [2, 2, 1]
    assert report.new == 5
