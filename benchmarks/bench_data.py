"""Where the benchmarks find the shared datasets: ``$NEWSPRISM_DATASETS``, else ``../shared/datasets``."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DATASETS_ENV = "NEWSPRISM_DATASETS"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_data_dir() -> Path:
    """The datasets folder (it may not exist): ``$NEWSPRISM_DATASETS``, else ``../shared/datasets``
    beside the project."""
    env = os.environ.get(DATASETS_ENV)
    return Path(env) if env else PROJECT_ROOT.parent / "shared" / "datasets"


def story_rows(data: Path) -> Iterator[dict[str, Any]]:
    """The records of ``stories/dev.jsonl`` in file order (blank lines skipped)."""
    with (data / "stories" / "dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def story_article(row: dict[str, Any]) -> Any:
    """A ``stories/dev.jsonl`` record as a newsprism ``Article`` (the text as given, English)."""
    from newsprism.models import Article  # imported here: bench_data itself needs no newsprism

    return Article(
        id=row["id"],
        source="stories/dev.jsonl",
        url=row.get("url"),
        outlet=row.get("outlet"),
        title=row.get("title"),
        published=row.get("published"),
        authors=(),
        language="en",
        text=row["text"],
    )
