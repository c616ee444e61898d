"""Quotation attribution on the three bundled example articles, through the Analyzer (real model).

The Analyzer harmonises names across the three articles, so speakers carry the canonical names
("Alexander Lukashenko", "Volodymyr Zelensky", "Natalya Eismont").
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

LUKASHENKO = "Alexander Lukashenko"
ZELENSKY = "Volodymyr Zelensky"
EISMONT = "Natalya Eismont"


def _quotes(result, fragment: str):  # type: ignore[no-untyped-def]
    found = [q for q in result.quotes if fragment in q.text]
    assert found, f"no quote containing {fragment!r} in {result.article.title!r}"
    return found


def _paragraph(text: str, at: int) -> int:
    return text.count("\n", 0, at)


def test_examples_every_direct_quote_has_a_speaker(example_analyses) -> None:  # type: ignore[no-untyped-def]
    assert len(example_analyses) == 3
    for result in example_analyses:
        direct = [q for q in result.quotes if q.kind == "direct"]
        assert direct, result.article.title
        for q in direct:
            assert q.speaker is not None, (result.article.title, q.text[:60], q.speaker_text)


def test_examples_press_secretary(example_analyses) -> None:  # type: ignore[no-untyped-def]
    meduza = example_analyses[1]
    denial = _quotes(meduza, "did not apologize")
    assert any(q.kind == "indirect" and q.speaker == EISMONT for q in denial)
    (reason,) = _quotes(meduza, "For the simple reason")
    assert reason.speaker == EISMONT
    assert reason.speaker_text == "she"


@pytest.mark.parametrize("index", [0, 2])
def test_examples_refinery_is_lukashenko_reported_by_zelensky(example_analyses, index: int) -> None:  # type: ignore[no-untyped-def]
    result = example_analyses[index]
    nested = [q for q in _quotes(result, "Hit the refinery") if q.text.startswith("Hit the refinery")]
    assert nested
    for q in nested:
        assert q.speaker == LUKASHENKO
        assert q.reported_by == ZELENSKY


def test_examples_nested_he_in_meduza_is_lukashenko(example_analyses) -> None:  # type: ignore[no-untyped-def]
    meduza = example_analyses[1]
    for fragment in ("It was not me", "I have witnesses", "Volodymyr, this is not me"):
        (q,) = [q for q in _quotes(meduza, fragment) if q.text.startswith(fragment)]
        assert q.speaker == LUKASHENKO, fragment
        assert q.reported_by == ZELENSKY


def test_examples_pozirk_continued_quote(example_analyses) -> None:  # type: ignore[no-untyped-def]
    pozirk = example_analyses[2]
    outer = [q for q in _quotes(pozirk, "You are a murderer") if q.text.startswith("I told him")]
    assert outer and all(q.speaker == ZELENSKY and q.reported_by is None for q in outer)
    (reply,) = [q for q in _quotes(pozirk, "All right, retaliate") if q.text.startswith("All right")]
    assert reply.speaker == LUKASHENKO
    assert reply.reported_by == ZELENSKY


def test_examples_murderer_is_zelensky(example_analyses) -> None:  # type: ignore[no-untyped-def]
    for result in example_analyses:
        nested = [q for q in _quotes(result, "You are a murderer") if q.text.startswith("You are a murderer")]
        assert nested, result.article.title
        for q in nested:
            assert q.speaker == ZELENSKY
            assert q.reported_by is None  # his own words inside his own quote: not reported speech


def test_examples_cue_in_same_paragraph(analyzer, example_analyses) -> None:  # type: ignore[no-untyped-def]
    for result in example_analyses:
        doc = analyzer.nlp(result.article.text)
        text = doc.text
        quotes = analyzer.quotes.find(doc)
        assert quotes
        for q in quotes:
            if q.cue_start is None:
                continue
            paras = range(_paragraph(text, q.start), _paragraph(text, q.end) + 1)
            assert _paragraph(text, q.cue_start) in paras, (result.article.title, q.cue, text[q.start : q.end][:60])


def test_examples_no_truncated_or_non_speech_contents(example_analyses) -> None:  # type: ignore[no-untyped-def]
    kyiv = example_analyses[0]
    texts = [q.text for q in kyiv.quotes]
    assert "that back in 2022" not in texts
    assert not any(q.text.startswith("some phrases in Russian") for q in kyiv.quotes)


def test_examples_estimate_and_claim_have_their_own_speakers(example_analyses) -> None:  # type: ignore[no-untyped-def]
    pozirk = example_analyses[2]
    for q in _quotes(pozirk, "70,000"):
        assert q.speaker != LUKASHENKO, q  # Ukraine's estimate, not what Łukašenka told journalists
    meduza = example_analyses[1]
    (intelligence,) = [q for q in _quotes(meduza, "received intelligence") if q.text.startswith("he had received")]
    assert intelligence.speaker == LUKASHENKO  # Lukashenko claims it, not "Ukraine"


def test_examples_stances_and_objects_are_no_quotations(example_analyses) -> None:  # type: ignore[no-untyped-def]
    for result in example_analyses:
        for q in result.quotes:
            assert not (q.cue or "").endswith(("supports", "recognized", "answered")), (q.cue, q.text)
            assert not q.text.startswith("Fridman"), q.text
