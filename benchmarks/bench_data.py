"""Where the benchmarks find the shared datasets: ``$NEWSPRISM_DATASETS``, else ``../shared/datasets``."""

from __future__ import annotations

import os
from pathlib import Path

DATASETS_ENV = "NEWSPRISM_DATASETS"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_data_dir() -> Path:
    """The datasets folder (it may not exist): ``$NEWSPRISM_DATASETS``, else ``../shared/datasets``
    beside the project."""
    env = os.environ.get(DATASETS_ENV)
    return Path(env) if env else PROJECT_ROOT.parent / "shared" / "datasets"
