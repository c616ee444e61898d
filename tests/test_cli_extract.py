"""`newsprism extract` and `ingest` on the bundled example articles."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.store import open_store

FIELDS = ["id", "source", "url", "outlet", "title", "published", "authors", "language", "text", "boilerplate"]


def _extract(paths: list[Path], *extra: str) -> list[dict]:
    result = CliRunner().invoke(app, ["extract", *map(str, paths), "--format", "jsonl", *extra])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_cli_extract_examples_fields_and_boilerplate(example_paths: list[Path]) -> None:
    records = _extract(example_paths)
    assert len(records) == 3
    for record, path in zip(records, example_paths, strict=True):
        assert list(record) == FIELDS
        assert record["source"] == str(path)
        assert record["language"] == "en"
        assert "\n\n" in record["text"] and "\n\n\n" not in record["text"]
        raw_lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert record["title"] == raw_lines[0]
    first, meduza, pozirk = records
    assert first["boilerplate"] == []
    assert "Please support Meduza" not in meduza["text"]
    assert meduza["boilerplate"][0]["reason"] == "donation appeal"
    assert "Natalya Eismont, told RBC that he did not apologize" in meduza["text"]
    assert "It is located in the Gomel region" in meduza["text"]
    assert "POZIRK+" not in pozirk["text"]
    assert pozirk["boilerplate"][0]["reason"] == "related headlines"
    assert "some 70,000 troops and 7,000 armored vehicles" in pozirk["text"]


def test_cli_extract_story_text_intact(example_paths: list[Path]) -> None:
    """Every story line of the source is in the output, word for word."""
    records = _extract(example_paths)
    for record, path in zip(records, example_paths, strict=True):
        removed = "\n".join(b["text"] for b in record["boilerplate"])
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            line = " ".join(line.split())
            if line and line not in removed:
                assert line in record["text"], line


def test_cli_extract_outlet_option_and_stable_ids(example_paths: list[Path]) -> None:
    records = _extract(example_paths[:1], "--outlet", "Example Wire")
    assert records[0]["outlet"] == "Example Wire"
    assert records[0]["id"] == _extract(example_paths[:1])[0]["id"]


def test_cli_extract_text_format_lists_removed_boilerplate(example_paths: list[Path]) -> None:
    result = CliRunner().invoke(app, ["extract", str(example_paths[1]), "--format", "text"])
    assert result.exit_code == 0
    assert "Zelensky says Lukashenko apologized" in result.stdout
    assert "removed boilerplate" in result.stdout and "donation appeal" in result.stdout


def test_cli_ingest_stores_once_and_reports(example_paths: list[Path], tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    runner = CliRunner()
    first = runner.invoke(app, ["--db", str(db), "ingest", str(example_paths[0].parent)])
    assert first.exit_code == 0, first.output
    assert "3 new, 0 duplicate, 0 failed" in first.stderr
    again = runner.invoke(app, ["--db", str(db), "ingest", *map(str, example_paths)])
    assert "0 new, 3 duplicate, 0 failed" in again.stderr
    with open_store(db) as store:
        assert store.count_articles() == 3
        stored = {a.title: a.id for a in store.iter_articles()}
        assert store.unanalyzed_ids() == []
        pozirk = store.get_analysis(stored["Zelensky: Łukašenka blamed Putin for attacks on Ukraine from Belarus"])
    assert pozirk is not None
    assert "Alexander Lukashenko" in {e.name for e in pozirk.entities}
    assert any(n.value == 70000 for c in pozirk.claims for n in c.numbers)


def test_cli_ingest_db_from_environment(example_paths: list[Path], tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "env.db"
    monkeypatch.setenv("NEWSPRISM_DB", str(db))
    result = CliRunner().invoke(app, ["ingest", str(example_paths[0]), "--no-analysis"])
    assert result.exit_code == 0
    with open_store(db) as store:
        assert store.count_articles() == 1
