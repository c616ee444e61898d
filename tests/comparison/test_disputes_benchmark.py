"""The disputes benchmark scores flags exactly as disputes/README.md defines the metric."""

from __future__ import annotations

GOLD = {
    "kind": "date",
    "a": {"article": "x", "text": "Reid checked herself in on Tuesday."},
    "b": {"article": "y", "text": "Reid checked into rehab on Friday."},
    "alt": [{"article": "z", "text": "She entered the clinic on Tuesday night.", "side": "a"}],
    "note": "day Reid checked in",
}


def test_disputes_benchmark_token_f1_and_matching(load_benchmark) -> None:  # type: ignore[no-untyped-def]
    bench = load_benchmark("disputes")
    assert bench.f1("The cat sat", "the CAT sat down") == 2 * 3 / 7
    assert bench.f1("", "anything") == 0.0
    # either order, an alt text counts for its side, both sides must match
    assert bench.matches("Reid checked into rehab on Friday.", "She entered the clinic on Tuesday night.", GOLD)
    assert not bench.matches("Reid checked into rehab on Friday.", "The weather was cold all week.", GOLD)
    assert not bench.matches("Microsoft issued a patch.", "Reid checked into rehab on Friday.", GOLD)


def test_disputes_benchmark_story_scores(load_benchmark) -> None:  # type: ignore[no-untyped-def]
    bench = load_benchmark("disputes")
    flags = [
        ("Reid checked herself in on Tuesday.", "Reid checked into rehab on Friday."),
        ("Microsoft issued a patch.", "The flaw is serious."),
    ]
    flag_ok, gold_ok = bench.score_story(flags, [GOLD])
    assert flag_ok == [True, False] and gold_ok == [True]
    assert bench.score_story(flags, []) == ([False, False], [])  # a story without disputes: every flag is wrong
