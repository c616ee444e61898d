"""The hand-made BASIL quotation gold (``benchmarks/basil_quotes/``) and its benchmark's scoring.

The gold's integrity tests read the shared dataset (marked slow, skipped when it is absent); the
scoring tests need nothing but the benchmark module.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "benchmarks" / "basil_quotes" / "gold.jsonl"
KINDS = {"direct", "indirect", "mixed"}


def _gold() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def texts(datasets: Path) -> dict[str, dict[str, Any]]:
    """The dataset records of the gold's articles, by id."""
    path = datasets / "stories" / "dev.jsonl"
    if not path.is_file():
        pytest.skip(f"stories dev set not found at {path}")
    ids = {g["id"] for g in _gold()}
    out = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if record["id"] in ids:
                out[record["id"]] = record
    return out


def test_gold_shape() -> None:
    gold = _gold()
    assert len(gold) == 12
    assert len({g["id"] for g in gold}) == 12
    assert Counter(g["outlet"] for g in gold) == {"Fox": 4, "NYT": 4, "HuffPost": 4}
    for g in gold:
        assert g["id"].startswith("basil-")
        assert g["quotes"], g["id"]
        for q in g["quotes"]:
            assert q["kind"] in KINDS
            assert 0 <= q["start"] < q["end"]
            assert q["speaker"] is None or q["speaker"].strip()
            assert q["content"] == q["content"].strip()


@pytest.mark.slow
def test_spans_are_exact_substrings_of_the_dataset_texts(texts: dict[str, dict[str, Any]]) -> None:
    for g in _gold():
        assert g["id"] in texts, f"{g['id']} is not in stories/dev.jsonl"
        text = texts[g["id"]]["text"]
        for q in g["quotes"]:
            assert text[q["start"] : q["end"]] == q["content"], (g["id"], q["content"][:40])
            m = q["speaker_mention"]
            if m is not None:
                assert text[m["start"] : m["end"]] == m["text"], (g["id"], m["text"])
            if q["cue"]:
                assert q["cue"] in text, (g["id"], q["cue"])


@pytest.mark.slow
def test_kinds_agree_with_the_quotation_marks(texts: dict[str, dict[str, Any]]) -> None:
    """Direct: the span sits between quotation marks; mixed: it contains some; indirect: none."""
    for g in _gold():
        text = texts[g["id"]]["text"]
        for q in g["quotes"]:
            inner = re.sub(r"(?<=\w)['’](?=\w)", "", q["content"])  # apostrophes are not quotation marks
            if q["kind"] == "direct":
                # a mark just before or just after (one article drops an opening mark after "Christie:")
                around = text[max(0, q["start"] - 2) : q["start"]] + text[q["end"] : q["end"] + 3]
                assert re.search(r"[\"“”‘’']", around), (g["id"], q["content"][:40])
            elif q["kind"] == "mixed":
                assert re.search(r"[\"“”]", inner), (g["id"], q["content"][:40])
            else:
                assert not re.search(r"[\"“”]", inner), (g["id"], q["content"][:40])


@pytest.mark.slow
def test_selection_rule_reproduces_the_gold_articles(datasets: Path, load_benchmark) -> None:  # type: ignore[no-untyped-def]
    bench = load_benchmark("basil_quotes")
    assert bench.select_articles(datasets) == [g["id"] for g in _gold()]


@pytest.mark.slow
def test_outlets_match_the_dataset(texts: dict[str, dict[str, Any]], load_benchmark) -> None:  # type: ignore[no-untyped-def]
    bench = load_benchmark("basil_quotes")
    for g in _gold():
        assert bench.normalise_outlet(texts[g["id"]]["outlet"]) == g["outlet"]


def test_scoring_matches_contents_and_speakers(load_benchmark) -> None:  # type: ignore[no-untyped-def]
    bench = load_benchmark("basil_quotes")
    golds = [
        bench.GoldQuote("I hope he can win the race", "direct", "Donald Trump"),
        bench.GoldQuote("the plan always was for him to stay", "indirect", "White House official"),
        bench.GoldQuote("nobody knows what is happening", "direct", None),
    ]
    preds = [
        bench.PredictedQuote("I hope he can win the race,", "direct", "Trump", "he"),  # match, right
        bench.PredictedQuote("the plan always was for him to stay", "indirect", None, "an official"),  # None: wrong
        bench.PredictedQuote("something else entirely", "direct", "Obama", "Obama"),  # spurious
    ]
    result = bench.Result()
    bench.score_article(preds, golds, "Fox", result, "a")
    s = result.overall.scores()
    assert (s["predicted"], s["gold"], s["matched"], s["with_speaker"]) == (3, 3, 2, 2)
    assert s["precision"] == pytest.approx(2 / 3)
    assert s["speaker_accuracy"] == pytest.approx(0.5)
    assert result.direct.scores()["matched"] == 1 and result.direct.scores()["speaker_accuracy"] == 1.0
    assert result.outlets["Fox"].matched == 2 and result.outlets["NYT"].gold == 0
    kinds = Counter(e["error"] for e in result.errors)
    assert kinds == {"speaker": 1, "missed": 1, "spurious": 1}


def test_speaker_needs_a_shared_content_word(load_benchmark) -> None:  # type: ignore[no-untyped-def]
    bench = load_benchmark("basil_quotes")
    assert bench.speaker_right("Mr. Romney", "Mitt Romney")
    assert not bench.speaker_right("President Obama", "President Trump")  # titles do not count
    assert not bench.speaker_right("he", "Donald Trump")
    assert not bench.speaker_right(None, "Donald Trump")


def test_matching_is_one_to_one_and_needs_half_the_tokens(load_benchmark) -> None:  # type: ignore[no-untyped-def]
    bench = load_benchmark("basil_quotes")
    gold = [bench.GoldQuote("a b c d", "direct", "X"), bench.GoldQuote("a b c d e", "direct", "X")]
    one = [bench.PredictedQuote("a b c d", "direct", "X", "X")]
    assert bench.match(one, gold) == [(0, 0)]
    assert bench.match([bench.PredictedQuote("a x y z w", "direct", "X", "X")], gold[:1]) == []
