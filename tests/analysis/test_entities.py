"""Entities: cleaned mentions, one canonical name and key across spellings, offsets."""

from __future__ import annotations

from newsprism.models import AnalyzedArticle, Article


def _article(text: str) -> Article:
    return Article(
        id="t", source="t.txt", url=None, outlet=None, title=None, published=None, authors=(), language="en", text=text
    )


def _names(item: AnalyzedArticle, kind: str | None = None) -> dict[str, set[str]]:
    return {e.name: {m.text for m in e.mentions} for e in item.entities if kind is None or e.type == kind}


def test_entities_examples_one_name_per_person_across_spellings(example_analyses: list[AnalyzedArticle]) -> None:
    people = [_names(item, "person") for item in example_analyses]
    for names in people:
        assert "Alexander Lukashenko" in names
        assert "Volodymyr Zelensky" in names
        assert "Vladimir Putin" in names
    assert people[0]["Alexander Lukashenko"] >= {"Alexander Lukashenko", "Lukashenko"}
    assert people[1]["Alexander Lukashenko"] >= {"Aleksandr Lukashenko", "Lukashenko"}
    assert people[2]["Alexander Lukashenko"] >= {"Alaksandar Łukašenka", "Łukašenka"}
    assert "Volodymyr Zelenskyy" in people[0]["Volodymyr Zelensky"]


def test_entities_examples_keys_shared_and_putin_apart(example_analyses: list[AnalyzedArticle]) -> None:
    keys: dict[str, set[str]] = {}
    for item in example_analyses:
        for entity in item.entities:
            keys.setdefault(entity.name, set()).add(entity.key)
    for name in ("Alexander Lukashenko", "Volodymyr Zelensky", "Vladimir Putin"):
        assert len(keys[name]) == 1, (name, keys[name])
    assert keys["Vladimir Putin"] != keys["Alexander Lukashenko"]
    assert keys["Vladimir Putin"] != keys["Volodymyr Zelensky"]


def test_entities_examples_mozyr_and_mazyr_one_facility(example_analyses: list[AnalyzedArticle]) -> None:
    facilities = [
        (e.name, e.key, {m.text for m in e.mentions})
        for item in example_analyses
        for e in item.entities
        if e.type == "facility"
    ]
    spellings = set().union(*(forms for _, _, forms in facilities))
    assert {"Mozyr Oil Refinery", "Mazyr Oil Refinery"} <= spellings
    assert len({name for name, _, _ in facilities}) == 1
    assert len({key for _, key, _ in facilities}) == 1


def test_entities_offsets_exact_and_titles_excluded(example_analyses: list[AnalyzedArticle]) -> None:
    for item in example_analyses:
        for entity in item.entities:
            for mention in entity.mentions:
                assert item.article.text[mention.start : mention.end] == mention.text
                assert not mention.text.lower().startswith(("president ", "mr. ", "the "))
                assert not mention.text.endswith(("'s", "’s"))
    meduza = _names(example_analyses[1], "person")
    assert "Natalya Eismont" in meduza


def test_entities_two_clintons_stay_apart(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Hillary Clinton met voters in Iowa on Monday. Bill Clinton campaigned in Ohio. "
        "Mrs. Clinton later said the race was close."
    )
    (item,) = analyzer.analyze([_article(text)])
    people = _names(item, "person")
    assert "Hillary Clinton" in people and "Bill Clinton" in people
    keys = {e.key for e in item.entities if e.type == "person"}
    assert len(keys) >= 2


def test_entities_short_form_joins_long_form(analyzer) -> None:  # type: ignore[no-untyped-def]
    text = "President Emmanuel Macron arrived in Berlin on Tuesday. Macron met the chancellor for two hours."
    (item,) = analyzer.analyze([_article(text)])
    people = _names(item, "person")
    assert people == {"Emmanuel Macron": {"Emmanuel Macron", "Macron"}}
