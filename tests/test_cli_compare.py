"""`newsprism compare` and `story` on the bundled example: the issue's done-when list."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.schemas import load_schema


@pytest.fixture(scope="module")
def document(example_paths: list[Path]) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["compare", *map(str, example_paths), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _ids(document: dict[str, Any]) -> dict[str, str]:
    """Article id -> example file stem (000, 002, 003)."""
    return {a["id"]: Path(a["source"]).name[:3] for a in document["story"]["articles"]}


def _group(document: dict[str, Any], words: str) -> dict[str, Any]:
    hits = [q for q in document["quotes"] if any(words in v["text"] for v in q["variants"]) and len(q["variants"]) > 1]
    assert hits, words
    return max(hits, key=lambda q: len(q["variants"]))


def test_compare_document_validates_against_schema(document: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(load_schema("story-comparison", "1.1")).validate(document)
    assert document["schema_version"] == "1.1"
    assert {"story", "entities", "quotes", "claims", "disputes", "digest"} <= set(document)


def test_compare_quotes_carry_kinds_and_keys_shared_first(document: dict[str, Any]) -> None:
    outlets = {a["id"]: a["outlet"] or a["id"] for a in document["story"]["articles"]}
    shared = [len({outlets[v["article"]] for v in q["variants"]}) > 1 for q in document["quotes"]]
    assert shared == sorted(shared, reverse=True)  # every shared group before every other
    for group in document["quotes"]:
        kinds = {v["kind"] for v in group["variants"]}
        assert group["kind"] == ("direct" if "direct" in kinds else "mixed" if "mixed" in kinds else "indirect")
    murderer = _group(document, "You are a murderer")
    zelensky = next(e for e in document["entities"] if e["name"] == "Volodymyr Zelensky")
    assert murderer["speaker_key"] == zelensky["key"]


def test_compare_quote_groups_across_outlets(document: dict[str, Any]) -> None:
    ids = _ids(document)
    murderer = _group(document, "You are a murderer")
    assert sorted(ids[v["article"]] for v in murderer["variants"]) == ["000", "002", "003"]
    assert murderer["speaker"] == "Volodymyr Zelensky"
    russians = _group(document, "you can’t fight the Russians")
    assert {"000", "002"} <= {ids[v["article"]] for v in russians["variants"]}
    refinery = _group(document, "Hit the refinery, you know how much I care about it")
    assert sorted(ids[v["article"]] for v in refinery["variants"]) == ["000", "003"]
    assert refinery["speaker"] == "Alexander Lukashenko"
    assert refinery["reported_by"] == "Volodymyr Zelensky"


def test_compare_denial_disputes_the_apology(document: dict[str, Any]) -> None:
    apology = [c for c in document["claims"] if "apologized for missile strikes" in c["text"]]
    assert apology and apology[0]["status"] == "disputed"
    denials = [d for d in apology[0]["disputes"] if d["kind"] == "denial"]
    assert any("did not apologize" in d["text"] and d["attributed_to"] == "Natalya Eismont" for d in denials)
    eismont = [q for q in document["quotes"] if q["speaker"] == "Natalya Eismont"]
    assert any("did not apologize" in v["text"] for q in eismont for v in q["variants"])


def test_compare_statuses(document: dict[str, Any]) -> None:
    claims = document["claims"]
    interview = [
        c for c in claims if any("Fridman" in s["text"] for s in c["support"]) and c["status"] == "corroborated"
    ]
    assert any(len({s["article"] for s in c["support"]}) == 3 for c in interview)
    hours = [c for c in claims if "three hours" in c["text"]]
    assert hours and hours[0]["status"] == "single_source"
    gomel = [c for c in claims if "Gomel region" in c["text"]]
    assert gomel and gomel[0]["status"] == "single_source"
    troops = [c for c in claims if "20,000-strong" in c["text"]]
    assert troops and any(d["kind"] == "number" and "70,000" in d["text"] for d in troops[0]["disputes"])


def test_compare_no_boilerplate_and_exact_offsets(document: dict[str, Any], example_paths: list[Path]) -> None:
    texts = {}
    for path in example_paths:
        result = CliRunner().invoke(app, ["extract", str(path)])
        record = json.loads(result.stdout)
        texts[record["id"]] = record["text"]
    for claim in document["claims"]:
        for support in claim["support"]:
            assert "POZIRK+" not in support["text"] and "donation" not in support["text"]
            assert texts[support["article"]][support["start"] : support["end"]] == support["text"]
    for group in document["quotes"]:
        for variant in group["variants"]:
            assert texts[variant["article"]][variant["start"] : variant["end"]] == variant["text"]


def test_compare_digest_cites_articles_and_states_disputes(document: dict[str, Any]) -> None:
    digest = document["digest"]
    assert 1 <= len(digest) <= 8
    known = set(_ids(document))
    for sentence in digest:
        assert sentence["articles"] and set(sentence["articles"]) <= known
    assert any(s["disputed"] and "Disputed" in s["text"] for s in digest)


def test_compare_entity_variants(document: dict[str, Any]) -> None:
    lukashenko = next(e for e in document["entities"] if e["name"] == "Alexander Lukashenko")
    spellings = {v["text"] for v in lukashenko["variants"]}
    assert {"Aleksandr Lukashenko", "Alaksandar Łukašenka", "Łukašenka"} <= spellings
    assert all(
        e["name"] != "Vladimir Putin" or "Lukashenko" not in {v["text"] for v in e["variants"]}
        for e in document["entities"]
    )


@pytest.mark.parametrize("fmt", ["html", "md", "text"])
def test_compare_other_formats(fmt: str, example_paths: list[Path], tmp_path: Path) -> None:
    out = tmp_path / f"story.{fmt}"
    result = CliRunner().invoke(app, ["compare", *map(str, example_paths), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    rendered = out.read_text(encoding="utf-8")
    assert "Lukashenko" in rendered and "Zelensky" in rendered
    if fmt == "html":
        assert rendered.lstrip().lower().startswith("<!doctype html") and "<script" not in rendered


def test_story_command_on_stored_story(example_paths: list[Path], tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    runner = CliRunner()
    assert runner.invoke(app, ["--db", str(db), "ingest", *map(str, example_paths)]).exit_code == 0
    listing = json.loads(runner.invoke(app, ["--db", str(db), "stories", "--format", "json"]).stdout)
    assert len(listing) == 1
    result = runner.invoke(app, ["--db", str(db), "story", listing[0]["id"], "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["story"]["id"] == listing[0]["id"]
    assert len(document["story"]["articles"]) == 3
    short = runner.invoke(
        app, ["--db", str(db), "story", listing[0]["id"], "-f", "md", "--shared-only", "--digest-size", "1"]
    )
    assert short.exit_code == 0, short.output
    assert short.stdout.split("## Digest")[1].split("\n## ")[0].count("\n- ") == 1
    assert "Only quotations that two or more outlets print are listed." in short.stdout
    missing = runner.invoke(app, ["--db", str(db), "story", "story-999999"])
    assert missing.exit_code == 1 and "newsprism stories" in missing.stderr


def test_compare_shared_only_and_digest_size(example_paths: list[Path], tmp_path: Path) -> None:
    runner = CliRunner()
    paths = [str(p) for p in example_paths]
    full = runner.invoke(app, ["compare", *paths, "-f", "md"], env={"COLUMNS": "200"})
    shared = runner.invoke(app, ["compare", *paths, "-f", "md", "--shared-only", "--digest-size", "2"])
    assert full.exit_code == 0 and shared.exit_code == 0, shared.output
    count = lambda text: text.split("## Quotations")[1].split("\n## ")[0].count("\n### Q")  # noqa: E731
    assert 0 < count(shared.stdout) < count(full.stdout)
    digest = lambda text: text.split("## Digest")[1].split("\n## ")[0].count("\n- ")  # noqa: E731
    assert digest(shared.stdout) <= 2 < digest(full.stdout)
    out = tmp_path / "view.txt"
    text = runner.invoke(app, ["compare", *paths, "-f", "text", "-o", str(out), "--digest-size", "1"])
    assert text.exit_code == 0, text.output
    rendered = out.read_text(encoding="utf-8")
    # A file has no colour: deleted words are marked, not printed as if the outlet wrote them.
    assert "[-" in rendered and "-]" in rendered
    assert "reported: " in rendered and "“You are a murderer" in rendered
