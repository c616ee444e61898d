"""The ``compare`` JSON document: a story comparison as one pretty-printed JSON object.

The layout is versioned: ``SCHEMA_VERSION`` names it, and the package ships its JSON Schema
(``newsprism.schemas.load_schema("story-comparison", SCHEMA_VERSION)``). Fields are documented in
``docs/comparison.md``.
"""

from __future__ import annotations

import json

from newsprism.models import StoryComparison

SCHEMA_VERSION = "1.1"
"""The ``schema_version`` a :class:`StoryComparison` built now carries."""


def comparison_json(c: StoryComparison) -> str:
    """A story comparison as an indented JSON document, non-ASCII text kept readable.

    Args:
        c: The comparison (its ``schema_version`` is written as it is: builders set it to
            ``SCHEMA_VERSION``).

    Returns:
        The JSON text of ``c.to_dict()``, ending with a newline.
    """
    return json.dumps(c.to_dict(), ensure_ascii=False, indent=2) + "\n"
