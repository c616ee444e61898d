"""JSON Schemas shipped with newsprism, one file per document layout and version.

``story-comparison-<version>.schema.json`` (JSON Schema draft 2020-12) describes the document
that ``newsprism compare --format json`` writes (see ``docs/comparison.md``). Versions are
additive: 1.1 is 1.0 plus fields, and every shipped version stays loadable.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

STORY_COMPARISON = "story-comparison"
CURRENT = "1.1"
"""The layout ``compare`` writes now; earlier layouts (1.0) still ship, for documents written before."""


def schema_filename(name: str = STORY_COMPARISON, version: str = CURRENT) -> str:
    """The file name of a shipped schema.

    Args:
        name: The document's name (``story-comparison``).
        version: The document's ``schema_version``.

    Returns:
        The file name inside this package, e.g. ``story-comparison-1.0.schema.json``.
    """
    return f"{name}-{version}.schema.json"


def load_schema(name: str = STORY_COMPARISON, version: str = CURRENT) -> dict[str, Any]:
    """Load a shipped JSON Schema.

    Args:
        name: The document's name (``story-comparison``).
        version: The document's ``schema_version``.

    Returns:
        The schema as a plain dictionary, ready for ``jsonschema.Draft202012Validator``.

    Raises:
        FileNotFoundError: No schema of that name and version ships with this package.
    """
    resource = resources.files(__package__).joinpath(schema_filename(name, version))
    with resource.open("r", encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema
