"""The docs cover every public command, option, setting and JSON field."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import typer.main

from newsprism.cli import app
from newsprism.config import SETTINGS, Settings
from newsprism.extraction import boilerplate, repetition
from newsprism.models import Article

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
