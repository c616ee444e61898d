"""`newsprism analyze` on the bundled examples: the JSON contract and provenance of every span."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsprism.cli import app

ARTICLE_FIELDS = ["id", "source", "url", "outlet", "title", "published", "authors", "language", "text", "boilerplate"]


@pytest.fixture(scope="module")
def records(example_paths: list[Path]) -> list[dict[str, Any]]:
    result = CliRunner().invoke(app, ["analyze", *map(str, example_paths)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_cli_analyze_fields(records: list[dict[str, Any]]) -> None:
    assert len(records) == 3
    for record in records:
        assert list(record) == [*ARTICLE_FIELDS, "entities", "quotes", "claims"]
        for entity in record["entities"]:
            assert set(entity) == {"name", "type", "key", "mentions"}
        for quote in record["quotes"]:
            assert set(quote) == {
                "text",
                "start",
                "end",
                "kind",
                "cue",
                "speaker",
                "speaker_text",
                "reported_by",
                "speaker_key",
                "reported_by_key",
            }
            assert quote["kind"] in {"direct", "indirect", "mixed"}
        for claim in record["claims"]:
            assert {"text", "start", "end", "attributed_to", "negated", "numbers", "dates"} <= set(claim)


def test_cli_analyze_every_offset_is_exact(records: list[dict[str, Any]]) -> None:
    for record in records:
        text = record["text"]
        spans = [m for e in record["entities"] for m in e["mentions"]] + record["quotes"] + record["claims"]
        spans += [n for c in record["claims"] for n in c["numbers"] + c["dates"]]
        assert spans
        for span in spans:
            assert text[span["start"] : span["end"]] == span["text"]


def test_cli_analyze_no_boilerplate_in_claims(records: list[dict[str, Any]]) -> None:
    for record in records:
        for claim in record["claims"]:
            assert "POZIRK+" not in claim["text"] and "Please support" not in claim["text"]


def test_cli_analyze_text_format(example_paths: list[Path]) -> None:
    result = CliRunner().invoke(app, ["analyze", str(example_paths[2]), "--format", "text"])
    assert result.exit_code == 0, result.output
    assert "entities" in result.stdout and "quotations" in result.stdout and "claims" in result.stdout
    assert "Alaksandar Łukašenka" in result.stdout  # one article: its own most complete spelling
