"""Boilerplate revealed by repetition across one outlet's articles."""

from __future__ import annotations

from newsprism.extraction.repetition import REPEATED, MemoryRepetitionIndex, remove_repeated
from newsprism.models import Article

SIGNOFF = "Follow the latest updates from our newsroom"


def _article(aid: str, paragraphs: list[str], outlet: str = "Daily Example") -> Article:
    return Article(
        id=aid,
        source=f"{aid}.txt",
        url=None,
        outlet=outlet,
        title=aid,
        published=None,
        authors=(),
        language="en",
        text="\n\n".join(paragraphs),
    )


def _stories() -> list[Article]:
    return [
        _article("a", ["The port reopened on Monday after a week of strikes.", "Ships queued for days.", SIGNOFF]),
        _article("b", ["A new bridge opened in the capital on Friday.", "It cost $40 million.", SIGNOFF]),
        _article("c", ["The central bank held rates steady.", "Inflation fell to 3 percent.", SIGNOFF]),
    ]


def test_repetition_signoff_shared_by_other_stories_removed() -> None:
    index = MemoryRepetitionIndex()
    articles = _stories()
    for article in articles:
        index.add(article)
    cleaned = remove_repeated(articles[0], [index])
    assert SIGNOFF not in cleaned.text
    assert cleaned.boilerplate[-1].reason == REPEATED
    assert cleaned.text.startswith("The port reopened")


def test_repetition_versions_of_one_story_keep_their_shared_paragraphs() -> None:
    v1 = _article("v1", ["The port reopened on Monday.", "Ships queued for days.", "Talks go on."])
    v2 = _article("v2", ["The port reopened on Monday.", "Ships queued for days.", "Talks go on.", "Update: deal"])
    index = MemoryRepetitionIndex()
    index.add(v1)
    index.add(v2)
    assert remove_repeated(v2, [index]) == v2


def test_repetition_other_outlets_do_not_count() -> None:
    articles = _stories()
    index = MemoryRepetitionIndex()
    index.add(articles[0])
    for other in articles[1:]:
        index.add(_article(other.id, other.paragraphs, outlet="Other Post"))
    assert remove_repeated(articles[0], [index]) == articles[0]


def test_repetition_repeated_reporting_paragraph_kept() -> None:
    quote = "“We will rebuild,” the mayor said."
    articles = [
        _article("a", ["Storm damage was heavy in the north.", quote]),
        _article("b", ["Schools reopened across the region.", quote]),
    ]
    index = MemoryRepetitionIndex()
    for article in articles:
        index.add(article)
    assert remove_repeated(articles[0], [index]) == articles[0]
