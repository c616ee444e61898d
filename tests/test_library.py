"""The library API as the README shows it, without the CLI."""

from __future__ import annotations

from pathlib import Path

import newsprism
from newsprism import Failure, analyze, extract
from newsprism.comparison.story import compare


def test_library_public_names_importable() -> None:
    for name in newsprism.__all__:
        assert hasattr(newsprism, name), name


def test_library_extract_analyze_compare(example_paths: list[Path], analyzer) -> None:  # type: ignore[no-untyped-def]
    articles = list(extract([str(p) for p in example_paths]))
    assert [a.title is not None for a in articles] == [True, True, True]
    items = [a for a in analyze([str(example_paths[0].parent)], analyzer=analyzer) if not isinstance(a, Failure)]
    assert len(items) == 3
    comparison = compare(items)
    assert comparison.digest and all(s.articles for s in comparison.digest)
    assert {a.id for a in comparison.articles} == {a.id for a in articles}
