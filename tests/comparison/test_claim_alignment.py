"""Claim alignment, status and disputes: hand-built analyses for each behaviour, then the example articles."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from newsprism.comparison.claims import JudgeError, align_claims, load_judge
from newsprism.models import (
    AlignedClaim,
    AnalyzedArticle,
    Article,
    Claim,
    DateValue,
    Entity,
    Mention,
    NumberValue,
    Quote,
)

# Canonical entities of the hand-built stories: the surface forms each key is written as.
ENTITIES = {
    "person:lukashenko": ("person", ("Alexander Lukashenko", "Lukashenko", "Łukašenka")),
    "person:zelensky": ("person", ("Volodymyr Zelensky", "Zelensky")),
    "place:BY": ("place", ("Belarus",)),
    "place:UA": ("place", ("Ukraine",)),
}


def claim(
    text: str,
    *,
    by: str | None = None,
    negated: bool = False,
    numbers: Sequence[tuple[str, float, str | None]] = (),
    dates: Sequence[tuple[str, str | None]] = (),
    said: tuple[str | None, str | None, str | None] = (None, None, None),
) -> dict[str, object]:
    """A claim spec; offsets are filled in by :func:`article`. ``said`` is (subject, predicate, object)."""
    return {"text": text, "by": by, "negated": negated, "numbers": numbers, "dates": dates, "said": said}


def article(
    article_id: str,
    *specs: dict[str, object] | str,
    outlet: str | None = None,
    quotes: Sequence[tuple[str, str, str | None]] = (),
) -> AnalyzedArticle:
    """An analysed article whose text is the specs joined by spaces (a plain string is text, no claim).

    ``quotes`` are (quoted text, speaker, reported_by). Numbers and dates are given by their text,
    located inside their claim.
    """
    pieces = [s if isinstance(s, str) else str(s["text"]) for s in specs]
    text = " ".join(pieces)
    claims, pos = [], 0
    for spec, piece in zip(specs, pieces, strict=True):
        start = text.index(piece, pos)
        pos = start + len(piece)
        if isinstance(spec, str):
            continue

        def at(fragment: str, start: int = start, piece: str = piece) -> tuple[int, int]:
            offset = start + piece.index(fragment)
            return offset, offset + len(fragment)

        numbers = tuple(NumberValue(t, *at(t), value=v, unit=u) for t, v, u in spec["numbers"])  # type: ignore[attr-defined]
        dates = tuple(DateValue(t, *at(t), value=v) for t, v in spec["dates"])  # type: ignore[attr-defined]
        subject, predicate, obj = spec["said"]  # type: ignore[misc]
        claims.append(
            Claim(
                piece,
                start,
                pos,
                spec["by"],  # type: ignore[arg-type]
                spec["negated"],  # type: ignore[arg-type]
                numbers=numbers,
                dates=dates,
                voice="attributed" if spec["by"] else "outlet",
                subject=subject,
                predicate=predicate,
                object=obj,
            )
        )
    entities = []
    for key, (kind, forms) in ENTITIES.items():
        mentions = []
        for form in forms:
            k = text.find(form)
            while k >= 0:
                if not any(m.start <= k < m.end for m in mentions):
                    mentions.append(Mention(form, k, k + len(form)))
                k = text.find(form, k + len(form))
        if mentions:
            entities.append(Entity(forms[0], kind, key, tuple(sorted(mentions, key=lambda m: m.start))))
    quote_records = tuple(
        Quote(q, text.index(q), text.index(q) + len(q), "direct", "said", speaker, speaker, reported_by)
        for q, speaker, reported_by in quotes
    )
    meta = Article(article_id, f"{article_id}.txt", None, outlet, None, None, (), "en", text)
    return AnalyzedArticle(meta, tuple(entities), quote_records, tuple(claims))


def find(claims: list[AlignedClaim], fragment: str) -> AlignedClaim:
    found = [c for c in claims if any(fragment in s.text for s in c.support)]
    assert len(found) == 1, f"{len(found)} aligned claims support {fragment!r}"
    return found[0]


def assert_offsets(claims: list[AlignedClaim], items: Sequence[AnalyzedArticle]) -> None:
    texts = {item.article.id: item.article.text for item in items}
    for aligned in claims:
        for span in [*aligned.support, *aligned.disputes]:
            assert texts[span.article][span.start : span.end] == span.text


APOLOGY_A = "Lukashenko apologized for missile strikes launched from Belarus, Zelensky said."
APOLOGIZED = ("person:lukashenko", "apologize", "strike")
APOLOGY_B = "Zelensky told a podcaster that Łukašenka apologized for the missile strikes from Belarus."
REFINERY = "The Mozyr refinery processes Russian crude oil."


def test_claim_alignment_corroborated_across_outlets() -> None:
    items = [
        article("a", claim(APOLOGY_A), claim(REFINERY), outlet="Kyiv Post"),
        article("b", claim(APOLOGY_B), outlet="Meduza"),
    ]
    claims = align_claims(items)
    apology = find(claims, "apologized for missile strikes")
    assert apology.status == "corroborated"
    assert [s.article for s in apology.support] == ["a", "b"]
    assert apology.disputes == ()
    assert [c.id for c in claims] == ["c1", "c2"]  # in order of first appearance
    assert find(claims, "crude oil").status == "single_source"
    assert_offsets(claims, items)


def test_claim_alignment_same_outlet_is_single_source() -> None:
    # Two articles of one outlet are one source; with no outlet, each article counts as its own.
    same = [article("a", claim(APOLOGY_A), outlet="Meduza"), article("b", claim(APOLOGY_B), outlet="Meduza")]
    assert find(align_claims(same), "apologized").status == "single_source"
    assert len(find(align_claims(same), "apologized").support) == 2
    unnamed = [article("a", claim(APOLOGY_A)), article("b", claim(APOLOGY_B))]
    assert find(align_claims(unnamed), "apologized").status == "corroborated"


def test_claim_alignment_single_source_detail_stays_alone() -> None:
    items = [
        article("a", claim(APOLOGY_A), claim("The talk lasted over three hours.", numbers=[("three", 3, "hour")])),
        article("b", claim(APOLOGY_B), claim("It is located in the Gomel region, which borders Ukraine.")),
    ]
    claims = align_claims(items)
    talk, gomel = find(claims, "three hours"), find(claims, "Gomel")
    assert (talk.status, [s.article for s in talk.support]) == ("single_source", ["a"])
    assert (gomel.status, [s.article for s in gomel.support]) == ("single_source", ["b"])


def test_claim_alignment_denial_attached_to_the_claim_it_denies() -> None:
    denial = "Update: His press secretary, Natalya Eismont, told RBC that he did not apologize to Zelensky."
    items = [
        article("a", claim(APOLOGY_A, by="Volodymyr Zelensky", said=APOLOGIZED)),
        article(
            "b",
            claim(APOLOGY_B, by="Volodymyr Zelensky", said=APOLOGIZED),
            claim(denial, by="Natalya Eismont", negated=True, said=("person:lukashenko", "apologize", None)),
        ),
    ]
    claims = align_claims(items)
    apology = find(claims, "apologized for missile strikes")
    assert apology.status == "disputed"
    assert len(apology.support) == 2
    (dispute,) = apology.disputes
    assert (dispute.kind, dispute.article, dispute.attributed_to) == ("denial", "b", "Natalya Eismont")
    assert dispute.text.startswith("His press secretary")  # the "Update:" label is not part of it
    assert_offsets(claims, items)


def test_claim_alignment_modal_negation_is_no_denial() -> None:
    items = [
        article("a", claim("Ukraine fought the Russians back near Kyiv in March.")),
        article("b", claim("He told me that you can't fight the Russians.", by="Alexander Lukashenko", negated=True)),
    ]
    assert all(c.status != "disputed" for c in align_claims(items))


def test_claim_alignment_number_dispute_inside_one_article() -> None:
    first = "A 20,000-strong grouping of Russian forces crossed into Ukraine, Łukašenka told journalists"
    second = "Ukraine estimated their number at some 70,000 troops."
    items = [
        article(
            "a",
            claim(first, by="Alexander Lukashenko", numbers=[("20,000", 20000, "troop")]),
            ", while",
            claim(second, by="Ukraine", numbers=[("70,000", 70000, "troop")]),
        )
    ]
    claims = align_claims(items)
    low, high = find(claims, "20,000"), find(claims, "70,000")
    assert low.status == high.status == "disputed"
    assert [(d.kind, d.text, d.attributed_to) for d in low.disputes] == [("number", second, "Ukraine")]
    assert [(d.kind, d.text) for d in high.disputes] == [("number", first)]
    assert_offsets(claims, items)


def test_claim_alignment_number_dispute_across_articles_beyond_rounding() -> None:
    def story(other: float) -> list[AnalyzedArticle]:
        first = "Some 20,000 Russian troops crossed into Ukraine from Belarus."
        text = f"Some {other:,.0f} Russian troops crossed into Ukraine from Belarus in February."
        crossed = ("troop", "cross", "place:UA")
        return [
            article("a", claim(first, numbers=[("20,000", 20000, "troop")], said=crossed)),
            article("b", claim(text, numbers=[(f"{other:,.0f}", other, "troop")], said=crossed)),
        ]

    (aligned,) = align_claims(story(70000))
    assert aligned.status == "disputed"
    assert len(aligned.support) == 2
    assert [d.kind for d in aligned.disputes] == ["number"]
    assert [c.status for c in align_claims(story(21000))] == ["corroborated"]  # within rounding


def test_claim_alignment_date_dispute() -> None:
    called = ("person:lukashenko", "call", "person:zelensky")

    def story(value: str, written: str) -> list[AnalyzedArticle]:
        return [
            article(
                "a",
                claim(
                    "Lukashenko called Zelensky on Feb. 26, 2022 about the strikes.",
                    dates=[("Feb. 26, 2022", "2022-02-26")],
                    said=called,
                ),
            ),
            article(
                "b",
                claim(
                    f"Lukashenko called Zelensky in {written} about the strikes.", dates=[(written, value)], said=called
                ),
            ),
        ]

    (aligned,) = align_claims(story("2022-03-10", "March 10, 2022"))
    assert aligned.status == "disputed"
    assert [(d.kind, d.article) for d in aligned.disputes] == [("date", "b")]
    # A coarser date that contains the other is no conflict.
    assert [c.status for c in align_claims(story("2022-02", "February 2022"))] == ["corroborated"]


def test_claim_alignment_different_sources_are_no_dispute_and_no_corroboration() -> None:
    # The same words credited to two people: two statements, neither a conflict nor one corroborated fact.
    text = "Missiles were launched from Belarus and Putin was the one launching them."
    items = [
        article("a", claim(text, by="Alexander Lukashenko")),
        article("b", claim(text, by="Volodymyr Zelensky")),
    ]
    (aligned,) = align_claims(items)
    assert aligned.disputes == ()
    assert aligned.status == "single_source"
    assert aligned.outlets == ("a", "b")
    assert [(s.asserted_by, s.voice) for s in aligned.support] == [
        ("Alexander Lukashenko", "attributed"),
        ("Volodymyr Zelensky", "attributed"),
    ]


def test_claim_alignment_nested_quote_is_no_contradictory_attribution() -> None:
    # One outlet credits the words to Zelensky, who reports them; the other to Lukashenko, who said them.
    text = "Missiles were launched from my territory and Putin was the one launching them."
    items = [
        article("a", claim(text, by="Volodymyr Zelensky"), quotes=[(text, "Volodymyr Zelensky", None)]),
        article(
            "b", claim(text, by="Alexander Lukashenko"), quotes=[(text, "Alexander Lukashenko", "Volodymyr Zelensky")]
        ),
    ]
    assert [c.status for c in align_claims(items)] == ["corroborated"]


def test_claim_alignment_judge_adds_other_disputes() -> None:
    items = [article("a", claim(APOLOGY_A)), article("b", claim(APOLOGY_B))]
    seen: list[tuple[str, str]] = []

    def judge(premise: str, hypothesis: str) -> float:
        seen.append((premise, hypothesis))
        return 0.9 if "podcaster" in hypothesis else 0.1

    (aligned,) = align_claims(items, judge=judge)
    assert {(APOLOGY_A, APOLOGY_B), (APOLOGY_B, APOLOGY_A)} <= set(seen)
    assert aligned.status == "disputed"
    assert [d.kind for d in aligned.disputes] == ["other"]
    (calm,) = align_claims(items, judge=lambda premise, hypothesis: 0.2)
    assert calm.status == "corroborated"


def test_claim_alignment_embedder_aligns_paraphrases() -> None:
    items = [
        article("a", claim("The Belarusian ruler said sorry over the rockets.")),
        article("b", claim("Lukashenko apologized for missile strikes.")),
    ]
    assert len(align_claims(items)) == 2  # no word in common

    def embed(texts: Sequence[str]) -> list[list[float]]:
        return [[1.0, 0.0] for _ in texts]

    (aligned,) = align_claims(items, embedder=embed)
    assert aligned.status == "corroborated"


def test_claim_alignment_boilerplate_never_a_claim() -> None:
    items = [article("a", claim("Please support Meduza by signing up for a recurring donation."), claim(REFINERY))]
    assert [c.text for c in align_claims(items)] == [REFINERY]
    assert align_claims([]) == []


def test_claim_alignment_load_judge_needs_a_local_model(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(JudgeError, match=r"model\.onnx"):
        load_judge(tmp_path / "missing")
    for name in ("model.onnx", "tokenizer.json", "config.json"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        with pytest.raises(JudgeError, match="onnxruntime"):
            load_judge(tmp_path)
    else:
        with pytest.raises(JudgeError, match="contradiction label"):
            load_judge(tmp_path)


# -- the example articles (real analysis) -------------------------------------------------------------


@pytest.fixture(scope="module")
def example_claims(example_analyses):  # type: ignore[no-untyped-def]
    return align_claims(example_analyses)


@pytest.mark.slow
def test_claim_alignment_examples_denial_disputes_the_apology(example_claims, example_analyses) -> None:  # type: ignore[no-untyped-def]
    apology = [c for c in example_claims if "apologized for missile strikes" in c.text]
    assert len(apology) == 1
    (claim_,) = apology
    assert claim_.status == "disputed"
    assert len({s.article for s in claim_.support}) == 3
    denials = [d for d in claim_.disputes if d.kind == "denial"]
    assert any("did not apologize" in d.text and d.attributed_to == "Natalya Eismont" for d in denials)
    meduza = example_analyses[1].article.id
    assert all(d.article == meduza and d.attributed_to == "Natalya Eismont" for d in denials)
    assert_offsets(example_claims, example_analyses)


@pytest.mark.slow
def test_claim_alignment_examples_interview_corroborated_by_all(example_claims, example_analyses) -> None:  # type: ignore[no-untyped-def]
    interview = [c for c in example_claims if "Lex Fridman" in c.text]
    assert len(interview) == 1
    assert interview[0].status == "corroborated"
    assert {s.article for s in interview[0].support} == {item.article.id for item in example_analyses}


@pytest.mark.slow
def test_claim_alignment_examples_single_source_details(example_claims, example_analyses) -> None:  # type: ignore[no-untyped-def]
    talk = find(example_claims, "The talk lasted over three hours.")
    gomel = find(example_claims, "It is located in the Gomel region, which borders Ukraine.")
    assert talk.status == gomel.status == "single_source"
    assert [s.article for s in talk.support] == [example_analyses[0].article.id]
    assert [s.article for s in gomel.support] == [example_analyses[1].article.id]


@pytest.mark.slow
def test_claim_alignment_examples_troop_numbers_disputed(example_claims, example_analyses) -> None:  # type: ignore[no-untyped-def]
    low = find(example_claims, "A 20,000-strong grouping of Russian forces")
    high = find(example_claims, "some 70,000 troops")
    pozirk = example_analyses[2].article.id
    assert low.status == high.status == "disputed"
    assert [(d.kind, d.article) for d in low.disputes if "70,000" in d.text] == [("number", pozirk)]
    assert [(d.kind, d.article) for d in high.disputes if "20,000" in d.text] == [("number", pozirk)]


@pytest.mark.slow
def test_claim_alignment_examples_no_boilerplate(example_claims, example_analyses) -> None:  # type: ignore[no-untyped-def]
    boilerplate = [b.text for item in example_analyses for b in item.article.boilerplate]
    texts = [s.text for c in example_claims for s in c.support] + [d.text for c in example_claims for d in c.disputes]
    for text in texts:
        assert not any(text in b for b in boilerplate), text
        for marker in ("Please support", "available only to", "Update:", "January 6, Pozirk"):
            assert marker not in text
    # Every claim of every article is in exactly one aligned claim's support.
    supported = sorted((s.article, s.start) for c in example_claims for s in c.support)
    assert len(supported) == len(set(supported))
