"""Attribution F1 and speaker-accuracy floors on PolNeAR dev (benchmarks/quotes.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

F1_FLOOR = 0.66  # the default: a verb's bare object ("supports | X") is no quotation
STANCES_F1_FLOOR = 0.70  # stances=True: PolNeAR's own notion of attribution
SPEAKER_FLOOR = 0.90


def test_quotes_benchmark_bag_f1_and_one_to_one_matching(load_benchmark) -> None:
    bench = load_benchmark("quotes")
    assert bench.bag_f1("The cat, the HAT.", "the cat the hat") == 1.0
    assert bench.bag_f1("a b", "a c d") == pytest.approx(0.4)
    preds = [bench.Predicted("we will win the race", "Smith", True)] * 2
    golds = [bench.Gold("we will win the race", "John Smith")]
    tally = bench.score_article(preds, golds)
    assert (tally.predicted, tally.gold, tally.matched, tally.source_right) == (2, 1, 1, 1)


def test_quotes_benchmark_speaker_rules(load_benchmark) -> None:
    bench = load_benchmark("quotes")
    assert bench.speaker_right(bench.Predicted("x", "Natalya Eismont", True), "the press secretary Eismont")
    assert not bench.speaker_right(bench.Predicted("x", "he", False), "he")
    assert bench.speaker_right(bench.Predicted("x", "Donald Trump he", True), "He")
    assert not bench.speaker_right(bench.Predicted("x", None, False), "Trump")


@pytest.mark.slow
def test_quotes_benchmark_polnear_dev_floor(load_benchmark, datasets: Path) -> None:
    bench = load_benchmark("quotes")
    if not (datasets / "quotes" / "polnear" / "dev").is_dir():
        pytest.skip(f"PolNeAR dev not found under {datasets} (set ${bench.DATASETS_ENV})")
    result = bench.run(datasets, baseline=False)
    scores = result["ours"]
    assert result["articles"] >= 80
    assert scores["f1"] >= F1_FLOOR, scores
    assert scores["speaker_accuracy"] >= SPEAKER_FLOOR, scores
    stances = result["ours_stances"]
    assert stances["f1"] >= STANCES_F1_FLOOR, stances
    assert stances["speaker_accuracy"] >= SPEAKER_FLOOR, stances
    assert stances["predicted"] > scores["predicted"]  # the default drops the stance objects
