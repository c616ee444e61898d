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


@pytest.fixture(scope="session")
def analyzer():  # type: ignore[no-untyped-def]
    """One Analyzer for the whole session: loading spaCy, the quote model and name data is slow."""
    from newsprism.analysis import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def example_analyses(analyzer, example_paths):  # type: ignore[no-untyped-def]
    """The three example articles extracted and analysed together, in file order."""
    from newsprism import extract

    articles = list(extract([str(p) for p in example_paths]))
    return list(analyzer.analyze(articles))


def _import_benchmark(name: str):  # type: ignore[no-untyped-def]
    """Import ``benchmarks/<name>.py`` by path (benchmarks/ is not a package)."""
    import importlib.util
    import sys

    folder = str(ROOT / "benchmarks")
    if folder not in sys.path:
        sys.path.insert(0, folder)  # as when the script runs: its helpers (bench_data) sit beside it
    spec = importlib.util.spec_from_file_location(f"newsprism_benchmark_{name}", ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def load_benchmark():  # type: ignore[no-untyped-def]
    """A function importing a benchmark script by name, for tests of its scoring."""
    return _import_benchmark
