"""The docs cover every public command, option, setting and JSON field."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import typer.main

from newsprism.cli import app
from newsprism.config import SETTINGS, Settings
from newsprism.extraction import boilerplate, repetition
from newsprism.models import Article, Claim, NumberValue, Quote
from newsprism.schemas import load_schema

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_docs_every_command_and_option_documented() -> None:
    cli_doc = (DOCS / "cli.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    for param in group.params:
        for opt in param.opts:
            assert f"`{opt}" in cli_doc, opt
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert re.search(rf"## `newsprism (\[--db PATH\] )?{name}\b", cli_doc), name
        assert command.help, name
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("-"):
                    assert f"`{opt}" in cli_doc, f"{name} {opt}"


def test_docs_every_setting_documented() -> None:
    settings_doc = (DOCS / "settings.md").read_text(encoding="utf-8")
    names = [f.name for f in dataclasses.fields(Settings)]
    assert names == list(SETTINGS)
    for name in names:
        assert f"`{name}`" in settings_doc, name


def test_docs_every_article_field_and_reason_documented() -> None:
    json_doc = (DOCS / "json.md").read_text(encoding="utf-8")
    for field in dataclasses.fields(Article):
        assert f"| `{field.name}` |" in json_doc, field.name
    reasons = [v for k, v in vars(boilerplate).items() if k.isupper() and isinstance(v, str)]
    for reason in [*reasons, repetition.REPEATED]:
        assert f"`{reason}`" in json_doc, reason


def test_docs_every_analysis_field_documented() -> None:
    json_doc = (DOCS / "json.md").read_text(encoding="utf-8")
    quotes = json_doc[json_doc.index("### `quotes`") : json_doc.index("### `claims`")]
    claims = json_doc[json_doc.index("### `claims`") : json_doc.index("## Stories")]
    for field in dataclasses.fields(Quote):
        assert re.search(rf"^\| [^|]*`{field.name}`", quotes, re.MULTILINE), field.name
    for field in dataclasses.fields(Claim):
        assert re.search(rf"^\| [^|]*`{field.name}`", claims, re.MULTILINE), field.name
    numbers = re.search(r"\| `numbers` \| list of `\{([^}]*)\}`", claims)
    assert numbers is not None
    assert [f.name for f in dataclasses.fields(NumberValue)] == [n.strip() for n in numbers.group(1).split(",")]


def test_docs_every_comparison_json_field_documented() -> None:
    doc = (DOCS / "comparison.md").read_text(encoding="utf-8")
    section = doc[doc.index("### JSON document") : doc.index("### HTML page")]
    documented = set(re.findall(r"\w+", " ".join(re.findall(r"`[^`]+`|\{[^}]+\}", section))))
    schema = load_schema("story-comparison", "1.1")
    names = set(schema["properties"])
    for definition in schema["$defs"].values():
        names |= set(definition.get("properties", {}))
        names |= {v for v in definition.get("enum", ()) if isinstance(v, str)}
        for prop in definition.get("properties", {}).values():
            names |= {v for v in prop.get("enum", ()) if isinstance(v, str)}
    assert not names - documented, sorted(names - documented)
    assert '`"1.1"`' in section
