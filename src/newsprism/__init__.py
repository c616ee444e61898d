"""newsprism: read one news story through every outlet that covered it.

The library API mirrors the stages: :func:`extract` turns sources into articles without
storing them; :func:`analyze` adds entities, quotations and claims; :func:`ingest` extracts,
analyses, stores and assigns stories. All take plain specs (paths, globs, URLs). Comparison:
:func:`newsprism.comparison.story.compare`.
"""

from __future__ import annotations

import logging

from newsprism.config import Settings
from newsprism.models import Article, Boilerplate, Failure, RawDocument
from newsprism.pipeline import IngestReport, analyze, extract, ingest
from newsprism.version import __version__

__all__ = [
    "Article",
    "Boilerplate",
    "Failure",
    "IngestReport",
    "RawDocument",
    "Settings",
    "__version__",
    "analyze",
    "extract",
    "ingest",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
