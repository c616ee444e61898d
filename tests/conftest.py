"""Shared fixtures: the bundled example articles and the shared datasets folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "lukashenko-apology"


def datasets_dir() -> Path:
    """The shared datasets folder: ``$NEWSPRISM_DATASETS`` or ``../shared/datasets``."""
    return Path(os.environ.get("NEWSPRISM_DATASETS") or ROOT.parent / "shared" / "datasets")


@pytest.fixture(scope="session")
def example_paths() -> list[Path]:
    """The three example articles, in file order (Kyiv Post-style, Meduza, Pozirk)."""
    return sorted(EXAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def datasets() -> Path:
    """The shared datasets folder; tests that need it skip when it is absent."""
    path = datasets_dir()
    if not path.is_dir():
        pytest.skip(f"shared datasets not found at {path} (set NEWSPRISM_DATASETS)")
    return path
