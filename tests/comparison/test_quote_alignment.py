"""Quote alignment across the articles of a story (newsprism.comparison.quotes)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from newsprism.comparison.quotes import align_quotes, quote_words
from newsprism.models import AnalyzedArticle, Article, DiffOp, Quote, QuoteGroup

# Measured on all 50 BASIL dev triplets: precision 0.996, recall 0.993 (docs/benchmarks.md);
# the floors leave room for changes in the quote finder upstream.
PRECISION_FLOOR = 0.97
RECALL_FLOOR = 0.9


def make(
    article_id: str,
    text: str,
    *quotes: tuple[str, str | None] | tuple[str, str | None, str | None],
    kind: str = "direct",
    keys: dict[str, str] | None = None,
    outlet: str | None = None,
) -> AnalyzedArticle:
    """An analysed article whose quotes are found in ``text`` by their wording (first occurrence).

    ``keys`` maps speaker names to entity keys (none: quotes without keys, as stored before them).
    """
    keys = keys or {}
    records = []
    for spec in quotes:
        wording, speaker = spec[0], spec[1]
        reported_by = spec[2] if len(spec) > 2 else None
        start = text.index(wording)
        records.append(
            Quote(
                wording,
                start,
                start + len(wording),
                kind,
                "said",
                speaker,
                speaker,
                reported_by,
                speaker_key=keys.get(speaker or ""),
                reported_by_key=keys.get(reported_by or ""),
            )
        )
    article = Article(article_id, "test", None, outlet, None, None, (), "en", text)
    return AnalyzedArticle(article=article, quotes=tuple(records))


def group_of(groups: list[QuoteGroup], article: str, fragment: str) -> QuoteGroup:
    """The only group holding a variant of ``article`` whose text contains ``fragment``."""
    found = [g for g in groups if any(v.article == article and fragment in v.text for v in g.variants)]
    assert len(found) == 1, [g.variants for g in found]
    return found[0]


def test_quote_alignment_word_for_word_quote_is_one_group() -> None:
    a = make(
        "a",
        "He said: “We will rebuild every school in the region.”",
        ("We will rebuild every school in the region.", "Ann Lee"),
    )
    b = make(
        "b",
        "“We will rebuild every school in the region,” Lee said.",
        ("We will rebuild every school in the region,", "Ann Lee"),
    )

    groups = align_quotes([a, b])

    assert len(groups) == 1
    assert [v.article for v in groups[0].variants] == ["a", "b"]
    assert groups[0].id == "q1"
    assert groups[0].speaker == "Ann Lee"


def test_quote_alignment_cuts_with_brackets_and_ellipses_are_one_group() -> None:
    full = "The budget is balanced. We cut waste in every ministry and we kept every hospital open."
    a = make("a", f"“{full}” she said.", (full, "Ann Lee"))
    b = make(
        "b",
        "“The budget is balanced […] we kept every hospital open.”",
        ("The budget is balanced […] we kept every hospital open.", None),
    )
    c = make(
        "c",
        "“The budget is balanced. We cut waste ... and we kept every hospital open.”",
        ("The budget is balanced. We cut waste ... and we kept every hospital open.", "Ann Lee"),
    )

    groups = align_quotes([a, b, c])

    assert len(groups) == 1
    assert {v.article for v in groups[0].variants} == {"a", "b", "c"}


def test_quote_alignment_contained_variant_joins_with_offsets() -> None:
    long_text = "Prices will fall next year. Nobody should panic about the harvest. Farmers are ready."
    a = make("a", f"Intro. “{long_text}”", (long_text, "Ann Lee"))
    b = make(
        "b",
        "She added: “Nobody should panic about the harvest.”",
        ("Nobody should panic about the harvest.", "Ann Lee"),
    )

    groups = align_quotes([a, b])

    group = group_of(groups, "b", "Nobody should panic")
    variant = next(v for v in group.variants if v.article == "a")
    assert variant.text == a.article.text[variant.start : variant.end]
    assert "Nobody should panic about the harvest" in variant.text


def test_quote_alignment_long_passage_joins_each_contained_utterance() -> None:
    passage = "I told him, ‘You are a liar, I am just saying.’ Then he said, ‘Hit the depot, you know I hate it.’"
    a = make("a", f"“{passage}” he said.", (passage, "Ann Lee"))
    b = make(
        "b",
        "“You are a liar, I am just saying,” she said. Later: “Hit the depot, you know I hate it.”",
        ("You are a liar, I am just saying,", "Ann Lee"),
        ("Hit the depot, you know I hate it.", "Bob Ray"),
    )

    groups = align_quotes([a, b])

    liar = group_of(groups, "b", "liar")
    depot = group_of(groups, "b", "depot")
    assert liar is not depot
    for group, words in ((liar, "you are a liar i am just saying"), (depot, "hit the depot you know i hate it")):
        variant = next(v for v in group.variants if v.article == "a")
        assert " ".join(quote_words(variant.text)) == words  # the matched sub-span only
        assert variant.text == a.article.text[variant.start : variant.end]
    # The whole passage is listed in full somewhere too, so every quote appears.
    assert any(
        v.article == "a" and (v.start, v.end) == (a.quotes[0].start, a.quotes[0].end)
        for g in groups
        for v in g.variants
    )


def test_quote_alignment_different_utterances_of_one_speaker_stay_apart() -> None:
    a = make(
        "a",
        "“We will lower taxes for every family this year,” Lee said.",
        ("We will lower taxes for every family this year,", "Ann Lee"),
    )
    b = make(
        "b",
        "“The opposition has no plan for the economy at all,” Lee said.",
        ("The opposition has no plan for the economy at all,", "Ann Lee"),
    )

    groups = align_quotes([a, b])

    assert len(groups) == 2
    assert all(len(g.variants) == 1 for g in groups)


def test_quote_alignment_same_words_by_different_speakers_stay_apart() -> None:
    a = make("a", "“We stand together,” Lee said.", ("We stand together,", "Ann Lee"))
    b = make("b", "“We stand together,” Ray said.", ("We stand together,", "Bob Ray"))

    groups = align_quotes([a, b])

    assert len(groups) == 2
    assert {g.speaker for g in groups} == {"Ann Lee", "Bob Ray"}


def test_quote_alignment_nested_quotes_of_one_article_are_not_variants() -> None:
    outer = "He told me, ‘Close the border tonight, we have no choice.’ I refused."
    a = make(
        "a", f"“{outer}”", (outer, "Ann Lee"), ("Close the border tonight, we have no choice.", "Bob Ray", "Ann Lee")
    )

    groups = align_quotes([a])

    assert len(groups) == 2
    assert all(len(g.variants) == 1 for g in groups)


def test_quote_alignment_diff_ops_against_most_complete_variant() -> None:
    a = make("a", "“You are a murderer too, I'm just saying.”", ("You are a murderer too, I'm just saying.", "Ann Lee"))
    b = make("b", "“You are a killer too.”", ("You are a killer too.", "Ann Lee"))

    group = align_quotes([a, b], min_similarity=0.8)[0]

    by_article = {v.article: v for v in group.variants}
    # Matched on words, shown as printed: the punctuation stays with its word.
    assert by_article["a"].diff == (DiffOp("equal", "You are a murderer too, I'm just saying."),)
    assert by_article["b"].diff == (
        DiffOp("equal", "You are a"),
        DiffOp("delete", "murderer"),
        DiffOp("insert", "killer"),
        DiffOp("equal", "too."),
        DiffOp("delete", "I'm just saying."),
    )


def test_quote_alignment_group_speaker_and_reporter_are_the_most_common() -> None:
    a = make(
        "a",
        "“Hit the refinery, you know how much I care about it.”",
        ("Hit the refinery, you know how much I care about it.", "Al Luk", "Vo Zel"),
    )
    b = make(
        "b",
        "“Hit the refinery, you know how much I care about it.”",
        ("Hit the refinery, you know how much I care about it.", "Al Luk", None),
    )
    c = make(
        "c",
        "“Hit the refinery, you know how much I care about it.”",
        ("Hit the refinery, you know how much I care about it.", None, "Vo Zel"),
    )

    (group,) = align_quotes([a, b, c])

    assert (group.speaker, group.reported_by) == ("Al Luk", "Vo Zel")


def test_quote_alignment_speakers_join_on_keys_not_names() -> None:
    short = "We stand together"  # under VETO_OVERRIDE_WORDS: only the speakers decide
    # Two spellings of one person (one key): the same speaker, so the pair is grouped.
    a = make("a", f"“{short},” Lukasenka said.", (short, "Lukasenka"), keys={"Lukasenka": "person:luk"})
    b = make("b", f"“{short}.” Lukashenko said.", (short, "Lukashenko"), keys={"Lukashenko": "person:luk"})
    (group,) = align_quotes([a, b])
    assert group.speaker_key == "person:luk" and group.speaker in {"Lukasenka", "Lukashenko"}
    # One name shared by two different people (two keys): different speakers, kept apart.
    short = "We stand together"
    c = make("c", f"“{short},” Lee said.", (short, "Lee"), keys={"Lee": "person:lee/ann"})
    d = make("d", f"“{short},” Lee said.", (short, "Lee"), keys={"Lee": "person:lee/bob"})
    groups = align_quotes([c, d])
    assert len(groups) == 2
    assert {g.speaker_key for g in groups} == {"person:lee/ann", "person:lee/bob"}


def test_quote_alignment_surname_key_is_compatible_with_the_full_name() -> None:
    short = "Freedom means everything"
    keys = {"Cheney": "person:cheney", "Dick Cheney": "person:cheney/dick", "Liz Cheney": "person:cheney/liz"}
    a = make("a", f"“{short},” Cheney said.", (short, "Cheney"), keys=keys)
    b = make("b", f"“{short},” Dick Cheney said.", (short, "Dick Cheney"), keys=keys)
    c = make("c", f"“{short},” Liz Cheney said.", (short, "Liz Cheney"), keys=keys)
    (group,) = align_quotes([a, b])
    assert {v.article for v in group.variants} == {"a", "b"}
    assert len(align_quotes([b, c])) == 2  # two full names: two people


def test_quote_alignment_keyless_quotes_fall_back_to_names() -> None:
    short = "We stand together"
    # Stored before keys: names decide; a keyless quote takes the key the story gives its name.
    a = make("a", f"“{short},” Lee said.", (short, "Ann Lee"))
    b = make("b", f"“{short},” Ray said.", (short, "Bob Ray"))
    assert len(align_quotes([a, b])) == 2
    c = make("c", f"“{short},” Lee said.", (short, "Ann Lee"), keys={"Ann Lee": "person:lee/ann"})
    (group,) = align_quotes([a, c])
    assert group.speaker == "Ann Lee" and group.speaker_key == "person:lee/ann"
    assert {v.article for v in group.variants} == {"a", "c"}
    (alone,) = align_quotes([a])
    assert alone.speaker_key is None and alone.speaker == "Ann Lee"


def test_quote_alignment_kinds_of_variants_and_groups() -> None:
    words = "the bridge would close for repairs next month"
    direct = make("a", f"She said: “{words.capitalize()}.”", (words.capitalize(), "Ann Lee"))
    reported = make("b", f"Lee said {words}.", (words, "Ann Lee"), kind="indirect")
    mixed = make("c", f"Lee said {words}.", (words, "Ann Lee"), kind="mixed")
    (group,) = align_quotes([direct, reported])
    assert {v.article: v.kind for v in group.variants} == {"a": "direct", "b": "indirect"}
    assert group.kind == "direct"  # one outlet prints the words in quotation marks
    (group,) = align_quotes([reported, mixed])
    assert group.kind == "mixed"
    other = make("d", f"Lee told reporters {words}.", (words, "Ann Lee"), kind="indirect")
    (group,) = align_quotes([reported, other])
    assert group.kind == "indirect" and {v.kind for v in group.variants} == {"indirect"}


def test_quote_alignment_shared_groups_come_first() -> None:
    shared = "Prices will fall next year for every family"
    a = make(
        "a", "“Nobody should panic about the harvest,” Lee said.", ("Nobody should panic about the harvest,", "Ann Lee")
    )
    b = make("b", f"“{shared},” Lee said.", (shared, "Ann Lee"), outlet="Herald")
    c = make("c", f"Lee: “{shared}.”", (shared, "Ann Lee"), outlet="Planet")
    groups = align_quotes([a, b, c])
    assert [len(g.variants) for g in groups] == [2, 1]
    assert [g.id for g in groups] == ["q1", "q2"]
    assert "harvest" in groups[1].variants[0].text
    # Two articles of one outlet are one outlet: that group is not shared.
    same_outlet = [
        make("b", b.article.text, *[(q.text, q.speaker) for q in b.quotes], outlet="Herald"),
        make("c", c.article.text, *[(q.text, q.speaker) for q in c.quotes], outlet="Herald"),
    ]
    groups = align_quotes([a, *same_outlet])
    assert "harvest" in groups[0].variants[0].text


def test_quote_words_drop_punctuation_brackets_and_ellipses() -> None:
    assert quote_words("[He] apologized… and […] said: ‘It’s war. . .’") == [
        "he",
        "apologized",
        "and",
        "said",
        "it's",
        "war",
    ]


# -- with the trained pipeline -------------------------------------------------------------------


@pytest.mark.slow
def test_quote_alignment_example_groups(example_analyses: list[AnalyzedArticle]) -> None:
    ids = [item.article.id for item in example_analyses]
    groups = align_quotes(example_analyses)

    def articles(fragment: str) -> set[int]:
        holding = [g for g in groups if any(fragment in v.text.lower() for v in g.variants)]
        # The narrowest group holding the fragment in the most articles is the utterance's own.
        best = max(holding, key=lambda g: (len({v.article for v in g.variants}), -len(g.variants[0].text)))
        return {ids.index(v.article) for v in best.variants if fragment in v.text.lower()}

    assert articles("you are a murderer") == {0, 1, 2}
    assert articles("you can’t fight the russians") == {0, 1}
    assert articles("hit the refinery") == {0, 2}
    refinery = next(
        g for g in groups if len(g.variants) >= 2 and all("hit the refinery" in v.text.lower() for v in g.variants)
    )
    assert refinery.speaker == "Alexander Lukashenko"
    if any(q.reported_by for item in example_analyses for q in item.quotes if "Hit the refinery" in q.text):
        assert refinery.reported_by == "Volodymyr Zelensky"
    for group in groups:
        for variant in group.variants:
            text = example_analyses[ids.index(variant.article)].article.text
            assert variant.text == text[variant.start : variant.end]


@pytest.mark.slow
def test_quote_alignment_basil_triplets(load_benchmark, datasets: Path, analyzer) -> None:  # type: ignore[no-untyped-def]
    bench = load_benchmark("comparison")
    if not (datasets / "stories" / "dev.jsonl").is_file():
        pytest.skip(f"no stories/dev.jsonl under {datasets}")
    triplets = bench.load_triplets(datasets, limit=8)
    if not triplets:
        pytest.skip("no BASIL triplets in stories/dev.jsonl")
    score = bench.Score()
    for articles in triplets:
        items = list(analyzer.analyze(articles))
        groups = align_quotes(items)
        bench.score_triplet(items, score)
        # Word-for-word quotations of at least five words share a group.
        member = {(v.article, v.start, v.end): g.id for g in groups for v in g.variants}
        in_group: dict[tuple[str, int, int], set[str]] = {}
        for key, gid in member.items():
            in_group.setdefault(key, set()).add(gid)
        quotes = [(item.article.id, q) for item in items for q in item.quotes]
        for (ax, x), (ay, y) in itertools.combinations(quotes, 2):
            words = quote_words(x.text)
            if ax == ay or len(words) < 5 or words != quote_words(y.text):
                continue
            gx = {
                gid for (art, s, e), ids in in_group.items() if art == ax and x.start <= s and e <= x.end for gid in ids
            }
            gy = {
                gid for (art, s, e), ids in in_group.items() if art == ay and y.start <= s and e <= y.end for gid in ids
            }
            assert gx & gy, (x.text, y.text)
    assert score.precision >= PRECISION_FLOOR
    assert score.recall >= RECALL_FLOOR
