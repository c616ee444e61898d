"""Plain-text paragraphs and titles."""

from __future__ import annotations

from newsprism.extraction.text import join_paragraphs, split_paragraphs, split_title


def test_text_title_is_first_non_empty_line() -> None:
    title, paragraphs = split_title("\n\n  Big  news today \r\nFirst paragraph.\r\nSecond paragraph.\n")
    assert title == "Big news today"
    assert paragraphs == ["First paragraph.", "Second paragraph."]


def test_text_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "The city council voted on Tuesday to expand the tram network\n"
        "to the eastern suburbs, a plan that has been debated for more\n"
        "than a decade.\n"
        "\n"
        "Construction is due to start next spring.\n"
    )
    assert split_paragraphs(text) == [
        "The city council voted on Tuesday to expand the tram network to the eastern suburbs, "
        "a plan that has been debated for more than a decade.",
        "Construction is due to start next spring.",
    ]


def test_text_one_paragraph_per_line_kept_apart() -> None:
    text = "The first sentence ends here.\nA second paragraph follows on the next line.\n"
    assert split_paragraphs(text) == [
        "The first sentence ends here.",
        "A second paragraph follows on the next line.",
    ]


def test_text_list_items_never_joined() -> None:
    text = "- first item of the list that is long enough\n- second item of the list here\n"
    assert len(split_paragraphs(text)) == 2


def test_text_spacing_and_invisible_characters_cleaned() -> None:
    assert split_paragraphs("a\u00a0 b\u200b c\t\td") == ["a b c d"]


def test_text_join_uses_one_blank_line() -> None:
    assert join_paragraphs(["a", "", "b"]) == "a\n\nb"
