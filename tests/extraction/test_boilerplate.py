"""Boilerplate removal: the example articles and the guards that protect story text."""

from __future__ import annotations

from pathlib import Path

from newsprism.extraction.boilerplate import DONATION, RELATED, split_boilerplate
from newsprism.extraction.text import split_title


def _split(path: Path) -> tuple[list[str], list]:
    _, paragraphs = split_title(path.read_text(encoding="utf-8"))
    return split_boilerplate(paragraphs)


def test_boilerplate_meduza_donation_appeal_removed_update_kept(example_paths: list[Path]) -> None:
    kept, removed = _split(example_paths[1])
    body = "\n".join(kept)
    assert "Please support Meduza" not in body
    assert "Let’s stick together" not in body
    assert "thanks to its readers" not in body
    assert [b.reason for b in removed] == [DONATION]
    assert removed[0].text.startswith("Meduza survived 2024")
    assert removed[0].text.endswith("recurring donation.")
    # The refinery paragraphs and the press secretary's denial are story text.
    assert any(p.startswith("Update: Aleksandr Lukashenko's press secretary") for p in kept)
    assert any("The Mozyr Oil Refinery, one of Belarus’s largest" in p for p in kept)
    assert kept[-1].startswith("In the spring of 2024, Lukashenko warned")


def test_boilerplate_pozirk_teaser_list_removed_troop_figures_kept(example_paths: list[Path]) -> None:
    kept, removed = _split(example_paths[2])
    body = "\n".join(kept)
    assert "available only to POZIRK+" not in body
    assert "Pundit:" not in body
    assert "20,000-strong grouping" in body and "70,000 troops" in body
    assert [b.reason for b in removed] == [RELATED]
    assert removed[0].text.count("\n") >= 20


def test_boilerplate_clean_article_untouched(example_paths: list[Path]) -> None:
    _, paragraphs = split_title(example_paths[0].read_text(encoding="utf-8"))
    kept, removed = split_boilerplate(paragraphs)
    assert removed == []
    assert kept == paragraphs


def test_boilerplate_quoted_appeal_is_story_text() -> None:
    paragraphs = [
        "The mayor opened the new shelter on Monday.",
        "“Please support the shelter, it depends on donations,” the mayor said.",
        "The shelter has 40 beds.",
    ]
    kept, removed = split_boilerplate(paragraphs)
    assert kept == paragraphs and removed == []


def test_boilerplate_trailing_appeal_sentence_cut_from_reporting_paragraph() -> None:
    paragraphs = [
        "Officials said the bridge will reopen in May. Subscribe to continue reading our coverage.",
    ]
    kept, removed = split_boilerplate(paragraphs)
    assert kept == ["Officials said the bridge will reopen in May."]
    assert removed[0].text == "Subscribe to continue reading our coverage."


def test_boilerplate_story_sentence_after_stray_teaser_kept() -> None:
    paragraphs = [
        "Floods hit the northern region on Tuesday, officials said.",
        "Read more: Why the dams failed",
        "The trial continues on Monday.",
    ]
    kept, removed = split_boilerplate(paragraphs)
    assert kept == [paragraphs[0], paragraphs[2]]
    assert [b.reason for b in removed] == [RELATED]


def test_boilerplate_factual_bullet_list_kept() -> None:
    paragraphs = [
        "The storm's toll so far:",
        "- 12 people were killed in the coastal towns.",
        "- 3,000 homes lost power overnight.",
        "- Two bridges were closed to traffic.",
        "Rescue teams are still searching the area, the governor said.",
    ]
    kept, removed = split_boilerplate(paragraphs)
    assert kept == paragraphs and removed == []


def test_boilerplate_support_in_news_sense_kept() -> None:
    paragraphs = [
        "The European Union pledged to support Ukraine's reconstruction with new funds.",
        "A donation of $2 million from the foundation will pay for the new school.",
    ]
    kept, removed = split_boilerplate(paragraphs)
    assert kept == paragraphs and removed == []


def test_boilerplate_markers_newsletter_copyright_cookie() -> None:
    paragraphs = [
        "Advertisement",
        "Police arrested two suspects after the robbery on Main Street.",
        "Sign up for our morning newsletter to get the news delivered to your inbox.",
        "The suspects will appear in court on Friday.",
        "© 2025 Example Media. All rights reserved.",
        "We use cookies to improve your experience.",
    ]
    kept, removed = split_boilerplate(paragraphs)
    assert kept == [paragraphs[1], paragraphs[3]]
    assert [b.reason for b in removed] == [
        "advertisement marker",
        "newsletter prompt",
        "copyright notice",
        "cookie notice",
    ]
