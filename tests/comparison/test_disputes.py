"""Disputes: real conflicts found, false ones left out, each listed once; the digest's size and shape.

Short invented two-outlet stories analysed with the trained model (the session ``analyzer``), then
compared; plus hand-built claims for the rules that need no parse.
"""

from __future__ import annotations

import re

import pytest

from newsprism.comparison.disputes import Side, dates_conflict, find_disputes, values_conflict, written_step
from newsprism.comparison.story import compare
from newsprism.models import AnalyzedArticle, Article, Claim, DateValue, NumberValue, StoryComparison


def story(analyzer, first: str, second: str, *, published: tuple[str, str] = ("2019-01-10", "2019-01-10")):  # type: ignore[no-untyped-def]
    """Two articles of two outlets, analysed together and compared."""
    articles = [
        Article(f"a{n}", f"a{n}.txt", None, outlet, None, day, (), "en", text)
        for n, (outlet, day, text) in enumerate(zip(("Outlet A", "Outlet B"), published, (first, second), strict=True))
    ]
    items = list(analyzer.analyze(articles))
    return items, compare(items)


def kinds(comparison: StoryComparison) -> list[str]:
    return [p.kind for p in comparison.disputes]


def assert_sides_exact(items: list[AnalyzedArticle], comparison: StoryComparison) -> None:
    texts = {i.article.id: i.article.text for i in items}
    claim_ids = {c.id for c in comparison.claims}
    for pair in comparison.disputes:
        for side in (pair.a, pair.b):
            assert texts[side.article][side.start : side.end] == side.text
            assert side.claim in claim_ids
        assert pair.a.article != pair.b.article or pair.a.start != pair.b.start


# -- real conflicts ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_disputes_different_dates_of_one_departure(analyzer) -> None:  # type: ignore[no-untyped-def]
    items, c = story(
        analyzer,
        "Defense Secretary Jim Mattis will leave the Pentagon on January 1.",
        "Defense Secretary Jim Mattis will leave the Pentagon at the end of February.",
        published=("2018-12-23", "2018-12-21"),
    )
    assert kinds(c) == ["date"]
    (pair,) = c.disputes
    assert "January 1" in pair.note and "February" in pair.note
    assert {pair.a.outlet, pair.b.outlet} == {"Outlet A", "Outlet B"}
    assert_sides_exact(items, c)


@pytest.mark.slow
def test_disputes_amounts_beyond_their_written_precision(analyzer) -> None:  # type: ignore[no-untyped-def]
    items, c = story(
        analyzer,
        "President Trump demanded $5.7 billion for the border wall on Tuesday.",
        "President Trump demanded $5.6 billion for the border wall on Tuesday.",
    )
    assert kinds(c) == ["number"]
    assert "5.7" in c.disputes[0].note and "5.6" in c.disputes[0].note
    disputed = [claim for claim in c.claims if claim.status == "disputed"]
    assert disputed and all(any(d.kind == "number" for d in claim.disputes) for claim in disputed)
    assert_sides_exact(items, c)


@pytest.mark.slow
def test_disputes_page_counts(analyzer) -> None:  # type: ignore[no-untyped-def]
    _, c = story(
        analyzer,
        "The committee released 50,000 pages of documents on Friday.",
        "The committee released 55,000 pages of documents on Friday.",
    )
    assert kinds(c) == ["number"]


@pytest.mark.slow
def test_disputes_casualty_counts_in_different_verbs(analyzer) -> None:  # type: ignore[no-untyped-def]
    _, c = story(
        analyzer,
        "A car struck four people near the station on Monday evening.",
        "Six people were injured near the station on Monday evening.",
    )
    assert kinds(c) == ["number"]


@pytest.mark.slow
def test_disputes_rising_toll_in_a_later_report_is_an_update(analyzer) -> None:  # type: ignore[no-untyped-def]
    _, c = story(
        analyzer,
        "At least 10 people were killed in the storm, officials said.",
        "At least 14 people were killed in the storm, officials said.",
        published=("2020-01-01", "2020-01-03"),
    )
    assert kinds(c) == ["update"]
    assert "later report" in c.disputes[0].note
    assert c.disputes[0].a.article == "a0"  # the earlier report first
    assert all(claim.status != "disputed" for claim in c.claims)  # an update is no conflict
    # The same figures on the same day are a conflict.
    _, same_day = story(
        analyzer,
        "At least 10 people were killed in the storm, officials said.",
        "At least 14 people were killed in the storm, officials said.",
    )
    assert kinds(same_day) == ["number"]


@pytest.mark.slow
def test_disputes_denial_of_the_same_proposition(analyzer) -> None:  # type: ignore[no-untyped-def]
    items, c = story(
        analyzer,
        "Prosecutors say Christopher Simpson called Karen Flynn twice that night.",
        "His lawyer, Warren Gotcher, said Christopher Simpson did not call Karen Flynn.",
    )
    assert kinds(c) == ["denial"]
    (pair,) = c.disputes
    assert pair.b.asserted_by == "Warren Gotcher"
    assert_sides_exact(items, c)


# -- false disputes ---------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "second"),
    [
        # a negation about another subject and predicate
        ("No members or staff were harmed in the attack.", "Hodgkinson was a member of the local YMCA."),
        # one quote worded twice
        ('"I went too far and I was wrong," Smith said on Monday.', '"I went too far," Smith said on Monday.'),
        # criticism and opinion: nothing denied
        ("Critics said the plan would hurt farmers in the north.", "The minister said the plan will help farmers."),
        # two different plans
        ("The bill includes no money for a wall.", "A compromise plan funded the wall with $1 billion."),
    ],
)
def test_disputes_none_between_statements_about_different_facts(analyzer, first: str, second: str) -> None:  # type: ignore[no-untyped-def]
    _, c = story(analyzer, first, second)
    assert c.disputes == ()
    assert all(claim.status != "disputed" for claim in c.claims)


@pytest.mark.slow
def test_disputes_example_denial_and_troop_figures(example_analyses) -> None:  # type: ignore[no-untyped-def]
    c = compare(example_analyses)
    denials = [p for p in c.disputes if p.kind == "denial"]
    assert any("apologize" in p.b.text and p.b.asserted_by == "Natalya Eismont" for p in denials)
    numbers = [p for p in c.disputes if p.kind == "number"]
    assert any("20,000" in p.a.text + p.b.text and "70,000" in p.a.text + p.b.text for p in numbers)
    assert len(c.disputes) == len({(p.a.claim, p.b.claim) for p in c.disputes})  # each listed once
    assert len(c.digest) <= 6


@pytest.mark.slow
def test_disputes_digest_size_and_one_sentence_per_dispute(analyzer) -> None:  # type: ignore[no-untyped-def]
    first = (
        "Defense Secretary Jim Mattis will leave the Pentagon on January 1. "
        "President Trump demanded $5.7 billion for the border wall on Tuesday. "
        "The committee released 50,000 pages of documents on Friday. "
        "Lawmakers from both parties met at the White House for two hours."
    )
    second = (
        "Defense Secretary Jim Mattis will leave the Pentagon at the end of February. "
        "President Trump demanded $5.6 billion for the border wall on Tuesday. "
        "The committee released 55,000 pages of documents on Friday. "
        "Lawmakers from both parties met at the White House for two hours."
    )
    articles = [
        Article(f"a{n}", f"a{n}.txt", None, f"Outlet {n}", None, "2018-12-21", (), "en", text)
        for n, text in enumerate((first, second))
    ]
    items = list(analyzer.analyze(articles))
    full = compare(items)
    assert len(full.disputes) == 3
    assert 1 <= len(full.digest) <= 6
    disputed = [s for s in full.digest if s.disputed]
    assert len(disputed) == len({s.text for s in disputed})
    assert all(s.text.count("Disputed") == 1 for s in disputed)  # one dispute a sentence, no chains
    assert all(set(s.articles) == {"a0", "a1"} for s in disputed)  # both sides cited
    assert len(compare(items, digest_size=2).digest) == 2
    assert compare(items, digest_size=0).digest == ()


# -- rules without a parse --------------------------------------------------------------------------


def side(item: int, claim: Claim, *, group: int, text: str, article: str | None = None) -> Side:
    return Side(item, article or f"a{item}", None, claim, claim.start, group, frozenset(), text)


def test_disputes_never_a_claim_against_its_own_sentence() -> None:
    text = "Police said 11 shots were fired, while 7 shots were fired."
    one = Claim(text, 0, len(text), None, False, numbers=(NumberValue("11", 12, 14, 11.0, "shot", "shot"),))
    other = Claim(text[32:], 32, len(text), None, False, numbers=(NumberValue("7", 39, 40, 7.0, "shot", "shot"),))
    sides = [side(0, one, group=0, text=text, article="a"), side(0, other, group=1, text=text, article="a")]
    assert find_disputes(sides, [[1.0, 1.0], [1.0, 1.0]]) == []


def test_disputes_written_precision_decides_rounding() -> None:
    def n(value: float) -> NumberValue:
        return NumberValue(f"{value:g}", 0, 1, value, "page")

    assert written_step(5.7e9) == 1e8 and written_step(20000) == 1e4 and written_step(2029) == 1
    assert values_conflict(n(5.6e9), n(5.7e9))
    assert values_conflict(n(50000), n(55000))
    assert not values_conflict(n(20000), n(21000))  # 20,000 is a round figure
    assert values_conflict(n(6000), n(10000), approx=True)
    assert not values_conflict(n(100), n(110), approx=True)  # "about 100" and "about 110"


def test_disputes_dates_by_day_and_by_unresolved_names() -> None:
    def c(*dates: tuple[str, str | None]) -> Claim:
        return Claim("x", 0, 1, None, False, dates=tuple(DateValue(t, 0, 1, v) for t, v in dates))

    assert dates_conflict(c(("Friday", "2014-11-28")), c(("Saturday", "2014-11-29")))
    assert not dates_conflict(c(("yesterday", "2014-11-28")), c(("Saturday", "2014-11-29")))
    assert not dates_conflict(c(("2022", "2022")), c(("February 2022", "2022-02")))
    assert dates_conflict(c(("on Tuesday", None)), c(("on Friday", None)))
    assert not dates_conflict(c(("on Tuesday", None)), c(("Tuesday night", None)))


def test_disputes_one_sentence_worded_twice_is_no_denial() -> None:
    def claim(text: str, negated: bool) -> Claim:
        return Claim(text, 0, len(text), None, negated, subject="party", predicate="tax", object="income")

    said = claim('"One party will tax income and spend," he added at another point.', False)
    printed = claim("One party won't tax income and will spend.", True)
    other = claim("The party of the governor never taxed income of the farmers in the north.", True)

    def sides(a: Claim, b: Claim) -> list[Side]:
        words = [frozenset(w for w in re.findall(r"[a-z]+", c.text.lower()) if len(w) > 3) for c in (a, b)]
        return [Side(n, f"a{n}", None, c, 0, n, frozenset(), c.text, words[n]) for n, c in enumerate((a, b))]

    assert find_disputes(sides(said, printed), [[1.0, 0.2], [0.2, 1.0]]) == []
    (found,) = find_disputes(sides(said, other), [[1.0, 0.2], [0.2, 1.0]])
    assert found.kind == "denial"


def _total(text: str, figure: str, value: float, subject: str, entities: frozenset[str], item: int) -> Side:
    at = text.index(figure)
    number = NumberValue(figure, at, at + len(figure), value, "point", "point")
    claim = Claim(text, 0, len(text), None, False, numbers=(number,), subject=subject, predicate="have", object="point")
    return Side(item, f"a{item}", None, claim, 0, item, frozenset(), text, frozenset(), entities)


def test_disputes_surname_key_is_the_full_name_and_a_total_needs_little_similarity() -> None:
    # "Smith" (surname key) and "John Smith" (full-name key) are one person; two totals of his points
    # conflict even though the sentences share few words (similarity 0.12, below RELATED_THRESHOLD / 2).
    a = _total("Smith now has 1,029 points.", "1,029", 1029.0, "person:smith", frozenset({"person:smith"}), 0)
    b = _total(
        "Smith, a junior, ended with 1,129 points overall.",
        "1,129",
        1129.0,
        "person:smith/john",
        frozenset({"person:smith/john", "person:brown/al"}),
        1,
    )
    (found,) = find_disputes([a, b], [[1.0, 0.12], [0.12, 1.0]])
    assert found.kind == "number"


def test_disputes_a_figure_in_a_compound_modifier_or_the_whole_of_a_part_counts_nothing() -> None:
    # "a three-point play" counts no points; "10 of the team's first 17 points": 17 is the team's, not his.
    play = _total("Smith finished a three-point play.", "three", 3.0, "person:smith", frozenset({"person:smith"}), 0)
    whole = _total(
        "Smith scored 10 of the first 17 points.", "17", 17.0, "person:smith", frozenset({"person:smith"}), 1
    )
    total = _total("Smith scored 14 points.", "14", 14.0, "person:smith", frozenset({"person:smith"}), 2)
    sim = [[1.0, 0.5, 0.5], [0.5, 1.0, 0.5], [0.5, 0.5, 1.0]]
    assert find_disputes([play, whole, total], sim) == []


def test_disputes_a_strong_force_still_counts_its_troops() -> None:
    # only a figure joined to its own counted noun ("three-point") is a modifier; "20,000-strong" counts troops
    def force(text: str, figure: str, value: float, item: int) -> Side:
        at = text.index(figure)
        number = NumberValue(figure, at, at + len(figure), value, "troop", "troop")
        claim = Claim(text, 0, len(text), None, False, numbers=(number,), subject="force", predicate="cross")
        return Side(item, f"a{item}", None, claim, 0, 0, frozenset({f"s{item}"}), text)

    a = force("A 20,000-strong force crossed the border.", "20,000", 20000.0, 0)
    b = force("Some 70,000 troops crossed the border.", "70,000", 70000.0, 1)
    (found,) = find_disputes([a, b], [[1.0, 0.9], [0.9, 1.0]])
    assert found.kind == "number"


def _points(text: str, figure: str, value: float, predicate: str, obj: str | None, item: int) -> Side:
    at = text.index(figure)
    number = NumberValue(figure, at, at + len(figure), value, "point", "point")
    claim = Claim(
        text, 0, len(text), None, False, numbers=(number,), subject="person:jones/ann", predicate=predicate, object=obj
    )
    return Side(item, f"a{item}", None, claim, 0, item, frozenset(), text, frozenset(), frozenset({"person:jones/ann"}))


def test_disputes_a_tally_states_the_count_of_the_deed() -> None:
    # "had 12 points" gives the count of what "scored 14 points" did: one quantity, two figures
    scored = _points("Ann Jones scored 14 points.", "14", 14.0, "score", None, 0)
    had = _points("Ann Jones had 12 points and four assists.", "12", 12.0, "have", "point", 1)
    (found,) = find_disputes([scored, had], [[1.0, 0.2], [0.2, 1.0]])
    assert found.kind == "number"


def test_disputes_a_count_over_part_of_the_event_is_not_the_total() -> None:
    scored = _points("Ann Jones scored 14 points.", "14", 14.0, "score", None, 0)
    early = _points("Ann Jones had 10 points in the first half.", "10", 10.0, "have", "point", 1)
    assert find_disputes([scored, early], [[1.0, 0.2], [0.2, 1.0]]) == []
