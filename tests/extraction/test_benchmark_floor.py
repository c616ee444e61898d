"""F1 floor for main-text extraction on the shared extraction dataset (benchmarks/extraction.py)."""

from __future__ import annotations

import pytest

from newsprism.extraction import Extractor

F1_FLOOR = 0.95


def test_benchmark_token_f1_is_a_bag_of_lowercased_words(load_benchmark) -> None:
    bench = load_benchmark("extraction")

    assert bench.token_f1("The cat, the HAT.", "the cat the hat") == 1.0
    assert bench.token_f1("", "") == 1.0
    assert bench.token_f1("", "words") == 0.0
    # predicted {a, b}, gold {a, c, d}: overlap 1, precision 1/2, recall 1/3
    assert bench.token_f1("a b", "a c d") == pytest.approx(0.4)


def test_benchmark_decode_html_uses_declared_charset_for_non_utf8(load_benchmark) -> None:
    bench = load_benchmark("extraction")
    page = '<html><head><meta charset="iso-8859-1"></head><body>café</body></html>'

    assert bench.decode_html(page.encode("utf-8")) == page
    assert bench.decode_html(page.encode("latin-1")) == page


@pytest.mark.slow
def test_benchmark_extraction_f1_floor(load_benchmark) -> None:
    bench = load_benchmark("extraction")
    directory = bench.extraction_dir()
    if not (directory / "ground-truth.json").is_file():
        pytest.skip(
            f"shared extraction dataset not found at {directory} (set ${bench.DATASETS_ENV} to the datasets folder)"
        )

    extractor = Extractor()
    pages = bench.load_pages(directory)
    summary = bench.summarize(bench.score(pages, lambda page: bench.newsprism_text(page, extractor)))

    assert summary["pages"] >= 80
    assert summary["mean_f1"] >= F1_FLOOR, summary["worst"]
