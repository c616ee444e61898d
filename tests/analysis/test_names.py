"""Canonical names across spellings, transliterations and scripts (newsprism.analysis.names)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from newsprism.analysis.names import NameResolver, latin_fold, strip_titles

PAIRS = Path(__file__).resolve().parents[2] / "benchmarks" / "names_pairs.tsv"


@pytest.fixture(scope="module")
def resolver() -> NameResolver:
    """A resolver without rigour: fast, and the rules below must hold without the optional name lists."""
    return NameResolver(use_rigour=False)


def _pairs() -> list[tuple[str, str, bool]]:
    lines = [line for line in PAIRS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [(r["a"], r["b"], r["label"] == "same") for r in csv.DictReader(lines, delimiter="\t")]


def _precision_recall(resolver: NameResolver) -> tuple[float, float]:
    tp = fp = fn = 0
    for a, b, same in _pairs():
        predicted = resolver.same_entity(a, b, "PERSON")
        tp += predicted and same
        fp += predicted and not same
        fn += same and not predicted
    return tp / (tp + fp), tp / (tp + fn)


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("President Alexander Lukashenko", "Alexander Lukashenko"),
        ("Mr. Trump", "Trump"),
        ("Mrs Clinton", "Clinton"),
        ("Dr. Anthony Fauci", "Anthony Fauci"),
        ("Gen. Valery Zaluzhny", "Valery Zaluzhny"),
        ("Prime Minister Donald Tusk", "Donald Tusk"),
        ("Belarusian leader Alexander Lukashenko", "Alexander Lukashenko"),
        ("Russian President Vladimir Putin's", "Vladimir Putin"),
        ("Secretary of State Antony Blinken", "Antony Blinken"),
        ("Lukashenko’s", "Lukashenko"),
        ("President", "President"),
        ("Martin Luther King", "Martin Luther King"),
    ],
)
def test_strip_titles(mention: str, name: str) -> None:
    assert strip_titles(mention) == name


def test_latin_fold_premaps_before_ascii() -> None:
    assert latin_fold("Łukašenka") == "lukashenka"
    assert latin_fold("Лукашенко") == "lukashenko"
    assert latin_fold("Зеленський") == "zelenskiy"
    assert latin_fold("  Ціханоўская ") == "tsikhanouskaya"


@pytest.mark.parametrize(
    "group",
    [
        ["Lukashenko", "Lukashenka", "Łukašenka", "Лукашенко", "Лукашэнка"],
        ["Alexander Lukashenko", "Aleksandr Lukashenko", "Alaksandar Łukašenka", "Аляксандр Лукашэнка"],
        ["Zelensky", "Zelenskyy", "Zelenskiy", "Зеленский", "Зеленський"],
        ["Volodymyr Zelensky", "Vladimir Zelensky", "Volodymyr Zelenskyy", "Володимир Зеленський"],
        ["Ihor Klymenko", "Igor Klimenko", "Ігор Клименко"],
        ["Oleksii Reznikov", "Alexei Reznikov", "Aleksey Reznikov"],
        ["President Alexander Lukashenko", "Alexander Lukashenko"],
    ],
)
def test_same_key(resolver: NameResolver, group: list[str]) -> None:
    keys = {resolver.key(name, "PERSON") for name in group}
    assert len(keys) == 1, keys


def test_given_name_forms_share_key(resolver: NameResolver) -> None:
    for names in (["Alexander", "Aleksandr", "Alaksandar"], ["Ihor", "Igor"], ["Volodymyr", "Vladimir"]):
        keys = {resolver.key(f"{n} Smith", "PERSON") for n in names}
        assert len(keys) == 1, keys


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Vladimir Putin", "Alexander Lukashenko"),
        ("Putin", "Lukashenko"),
        ("Putin", "Putilin"),
        ("Vladimir Putin", "Vladimir Putilin"),
        ("Hillary Clinton", "Bill Clinton"),
        ("Alexander Lukashenko", "Viktor Lukashenko"),
        ("Donald Trump", "Donald Trump Jr."),
        ("George W. Bush", "George H. W. Bush"),
        ("Sviatlana Tsikhanouskaya", "Siarhei Tsikhanouski"),
    ],
)
def test_guards_keep_people_apart(resolver: NameResolver, a: str, b: str) -> None:
    assert not resolver.same_entity(a, b, "PERSON")
    if "Bush" not in a:  # middle names are not in a mention's key; cluster() separates the Bushes
        assert resolver.key(a, "PERSON") != resolver.key(b, "PERSON")


def test_surname_only_is_compatible_with_each_full_name(resolver: NameResolver) -> None:
    assert resolver.same_entity("Lukashenko", "Alexander Lukashenko", "PERSON")
    assert resolver.same_entity("Łukašenka", "Viktor Lukashenko", "PERSON")
    assert resolver.same_entity("A. Lukashenko", "Aleksandr Lukashenka", "PERSON")
    assert not resolver.same_entity("V. Lukashenko", "Alexander Lukashenko", "PERSON")


def test_places_share_key(resolver: NameResolver) -> None:
    assert len({resolver.key(n, "GPE") for n in ("Mozyr", "Mazyr", "Мозырь")}) == 1
    assert resolver.key("Mozyr", "GPE") == resolver.key("Mazyr", "LOC")
    assert len({resolver.key(n, "GPE") for n in ("Belarus", "Беларусь", "Białoruś")}) == 1
    assert resolver.key("Kyiv", "GPE") == resolver.key("Kiev", "GPE") != resolver.key("Mazyr", "GPE")
    assert resolver.same_entity("the Kremlin", "Kremlin", "ORG")
    assert resolver.key("Belarusian", "NORP") == resolver.key("Belarusians", "NORP") == "norp:BY"


def test_places_containment_is_not_identity(resolver: NameResolver) -> None:
    names = ("US", "U.S.", "U.S.A.", "USA", "United States", "the United States", "America")
    us = {resolver.key(n, "GPE") for n in names}
    assert len(us) == 1  # one country, however written
    (country,) = us
    # A state is never a spelling of its country (countrynames maps every one of these to US).
    states = ("Arizona", "Texas", "Massachusetts", "Washington", "New York")
    keys = [resolver.key(n, "GPE") for n in states]
    assert country not in keys and len(set(keys)) == len(states)
    assert resolver.key("Minsk", "GPE") != resolver.key("Belarus", "GPE")  # a capital is not its country
    assert resolver.key("Moscow", "GPE") != resolver.key("Russia", "GPE")
    assert resolver.key("Berlin", "GPE") != resolver.key("Germany", "GPE")
    # countrynames reads "Md." and "Ga." as Moldova and Gabon; state abbreviations are no countries.
    assert resolver.key("Md.", "GPE") != resolver.key("Moldova", "GPE")
    assert resolver.key("Ga.", "GPE") != resolver.key("Gabon", "GPE")
    mentions = [("America", "GPE"), ("Arizona", "GPE"), ("U.S.", "GPE"), ("Texas", "GPE"), ("United States", "GPE")]
    clusters = resolver.cluster(mentions)
    assert sorted(c.indices for c in clusters) == [[0, 2, 4], [1], [3]]
    assert next(c for c in clusters if c.indices == [1]).canonical == "Arizona"


def test_surname_particles_and_articles(resolver: NameResolver) -> None:
    assert resolver.key("von der Leyen", "PERSON") == "person:vonderleyen"
    mentions = [("Ursula von der Leyen", "PERSON"), ("von der Leyen", "PERSON"), ("Bashar al-Assad", "PERSON")]
    clusters = resolver.cluster([*mentions, ("Assad", "PERSON")])
    assert [c.indices for c in clusters] == [[0, 1], [2, 3]]


def test_cluster_lukashenko_mentions(resolver: NameResolver) -> None:
    mentions = [
        ("President Alexander Lukashenko", "PERSON"),
        ("Lukashenko", "PERSON"),
        ("Łukašenka", "PERSON"),
        ("Лукашенко", "PERSON"),
        ("Alaksandar Łukašenka", "PERSON"),
        ("Aleksandr Lukashenko", "PERSON"),
        ("Alexander Lukashenko", "PERSON"),
        ("Lukashenko's", "PERSON"),
        ("Mozyr", "GPE"),
        ("Mazyr", "GPE"),
        ("Мозырь", "GPE"),
    ]
    clusters = resolver.cluster(mentions)
    assert len(clusters) == 2
    person, place = clusters
    assert person.canonical == "Alexander Lukashenko"
    assert person.type == "PERSON"
    assert person.indices == list(range(8))
    assert person.key == resolver.key("Alexander Lukashenko", "PERSON")
    assert place.canonical in {"Mazyr", "Mozyr"}
    assert place.key == resolver.key("Mozyr", "GPE")


def test_cluster_short_mentions_never_bridge(resolver: NameResolver) -> None:
    mentions = [
        ("Hillary Clinton", "PERSON"),
        ("Bill Clinton", "PERSON"),
        ("Clinton", "PERSON"),
        ("Mr. Clinton", "PERSON"),
    ]
    clusters = resolver.cluster(mentions)
    assert [c.canonical for c in clusters] == ["Hillary Clinton", "Bill Clinton", "Clinton"]
    assert len({c.key for c in clusters}) == 3
    # Within one article the surname is unambiguous: it attaches to that article's Clinton.
    by_doc = resolver.cluster(mentions, docs=["a", "b", "a", "b"])
    assert [c.indices for c in by_doc] == [[0, 2], [1, 3]]


def test_cluster_surname_attaches_to_unique_full_name(resolver: NameResolver) -> None:
    mentions = [
        ("Volodymyr Zelensky", "PERSON"),
        ("Zelenskyy", "PERSON"),
        ("Зеленський", "PERSON"),
        ("Volodymyr Zelenskyy", "PERSON"),
        ("Vladimir Zelensky", "PERSON"),
        ("Mr. Trump", "PERSON"),
        ("Donald Trump", "PERSON"),
        ("Donald Trump Jr.", "PERSON"),
    ]
    clusters = resolver.cluster(mentions)
    assert [(c.canonical, c.indices) for c in clusters] == [
        ("Volodymyr Zelensky", [0, 1, 2, 3, 4]),
        ("Donald Trump", [5, 6]),
        ("Donald Trump Jr.", [7]),
    ]


def test_cluster_keys_distinct_for_middle_names(resolver: NameResolver) -> None:
    clusters = resolver.cluster([("George W. Bush", "PERSON"), ("George H. W. Bush", "PERSON"), ("Bush", "PERSON")])
    assert len(clusters) == 3
    assert len({c.key for c in clusters}) == 3


def test_labelled_pairs_without_rigour(resolver: NameResolver) -> None:
    precision, recall = _precision_recall(resolver)
    assert precision >= 0.95
    assert recall >= 0.8


@pytest.mark.slow
def test_labelled_pairs_with_rigour() -> None:
    pytest.importorskip("rigour")
    precision, recall = _precision_recall(NameResolver())
    assert precision >= 0.95
    assert recall >= 0.8
