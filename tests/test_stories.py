"""Stories in the store: incremental assignment on ingest, listing, recluster, interruption."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsprism
from newsprism.cli import app
from newsprism.store import SQLiteStore, open_store
from newsprism.stories import StoryTracker, bcubed_f1

QUAKE = [
    "A magnitude 7.1 earthquake struck off the coast of Chile on Monday, {x} the national seismology office said.",
    "The quake hit near the port city of Valparaiso at 03:12 local time and was felt in Santiago.",
    "Officials said 12 people were injured and several buildings were damaged in Valparaiso.",
]
FLOOD = [
    "Heavy rain flooded the centre of Milan on Thursday, {x} the city's civil protection agency said.",
    "The Seveso river burst its banks and the metro closed three stations in northern Milan.",
    "Firefighters rescued 40 residents from ground-floor flats, the agency said.",
]


def _write(tmp_path: Path) -> list[str]:
    records = []
    for n, (lines, outlet, date) in enumerate(
        [
            (QUAKE, "Wire A", "2025-03-03"),
            (QUAKE, "Paper B", "2025-03-03"),
            (QUAKE, "Site C", "2025-03-04"),
            (FLOOD, "Wire A", "2025-05-08"),
            (FLOOD, "Paper B", "2025-05-08"),
        ]
    ):
        text = "\n\n".join(lines).replace("{x}", f"report {n} says")
        records.append({"id": f"a{n}", "outlet": outlet, "title": lines[0][:40], "published": date, "text": text})
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return [str(path)]


def _listing(db: Path, *extra: str) -> list[dict]:
    result = CliRunner().invoke(app, ["--db", str(db), "stories", "--format", "json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_stories_every_article_in_exactly_one_story(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", *_write(tmp_path), "--no-analysis"])
    assert result.exit_code == 0, result.output
    listing = _listing(db)
    ids = [a["id"] for story in listing for a in story["articles"]]
    assert sorted(ids) == ["a0", "a1", "a2", "a3", "a4"]
    groups = sorted(sorted(a["id"] for a in s["articles"]) for s in listing)
    assert groups == [["a0", "a1", "a2"], ["a3", "a4"]]
    quake = next(s for s in listing if len(s["articles"]) == 3)
    assert quake["first_published"] == "2025-03-03"
    assert quake["outlets"] == ["Paper B", "Site C", "Wire A"]
    assert set(quake) == {"id", "title", "first_published", "outlets", "articles"}


def test_stories_filters_since_and_min_outlets(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    CliRunner().invoke(app, ["--db", str(db), "ingest", *_write(tmp_path), "--no-analysis"])
    assert len(_listing(db, "--min-outlets", "3")) == 1
    recent = _listing(db, "--since", "2025-04-01")
    assert [len(s["articles"]) for s in recent] == [2]
    bad = CliRunner().invoke(app, ["--db", str(db), "stories", "--since", "someday"])
    assert bad.exit_code == 2


def test_stories_later_ingest_joins_existing_story_and_keeps_ids(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    paths = _write(tmp_path)
    lines = Path(paths[0]).read_text(encoding="utf-8").splitlines()
    first = tmp_path / "first.jsonl"
    first.write_text("\n".join(lines[:2] + lines[3:]) + "\n", encoding="utf-8")
    later = tmp_path / "later.jsonl"
    later.write_text(lines[2] + "\n", encoding="utf-8")
    runner = CliRunner()
    runner.invoke(app, ["--db", str(db), "ingest", str(first), "--no-analysis"])
    before = {a["id"]: s["id"] for s in _listing(db) for a in s["articles"]}
    runner.invoke(app, ["--db", str(db), "ingest", str(later), "--no-analysis"])
    after = {a["id"]: s["id"] for s in _listing(db) for a in s["articles"]}
    assert after["a2"] == after["a0"] == before["a0"]
    assert all(after[k] == v for k, v in before.items())


def test_stories_recluster_reports_agreement_and_keeps_ids(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    CliRunner().invoke(app, ["--db", str(db), "ingest", *_write(tmp_path), "--no-analysis"])
    before = {a["id"]: s["id"] for s in _listing(db) for a in s["articles"]}
    result = CliRunner().invoke(app, ["--db", str(db), "recluster"])
    assert result.exit_code == 0, result.output
    assert "agreement" in result.stderr and "1.000" in result.stderr
    assert {a["id"]: s["id"] for s in _listing(db) for a in s["articles"]} == before


def test_stories_stale_state_is_rebuilt(tmp_path: Path) -> None:
    """A crash after assignments were written but before the state was saved is repaired."""
    db = tmp_path / "s.db"
    with open_store(db) as store:
        newsprism.ingest(_write(tmp_path), store, with_analysis=False)
        before = {r.article_id: r.story_id for r in store.story_rows()}
        seen, meta, arrays = store.load_cluster_state()  # type: ignore[misc]
        store.save_cluster_state(seen - 2, meta, arrays)  # the state now lags the store
        tracker = StoryTracker(store)
        assert tracker.clusterer.next_slot == len(before)
        after = {r.article_id: r.story_id for r in store.story_rows()}
    assert after == before


def test_stories_merge_keeps_older_id(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "m.db") as store:
        newsprism.ingest(_write(tmp_path), store, with_analysis=False, with_stories=False)
        store.record_stories([("a0", "story-000001"), ("a3", "story-000002")], [])
        store.record_stories([], [("story-000001", "story-000002")])
        assert store.resolve_story("story-000002") == "story-000001"
        assert store.story_article_ids("story-000002") == ["a0", "a3"]
        assert {r.story_id for r in store.story_rows()} == {"story-000001"}


def test_stories_bcubed_identical_and_split() -> None:
    gold = {"a": "1", "b": "1", "c": "2"}
    assert bcubed_f1(gold, {"a": "x", "b": "x", "c": "y"}) == 1.0
    assert bcubed_f1(gold, {"a": "x", "b": "y", "c": "z"}) == pytest.approx(0.8)
