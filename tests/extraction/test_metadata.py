"""Outlet, dates, identity keys, authors."""

from __future__ import annotations

import pytest

from newsprism.extraction.metadata import (
    DomainParser,
    article_id,
    clean_authors,
    normalize_date,
    normalize_url,
    text_key,
    url_key,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-01-06", "2025-01-06"),
        ("January 6, 2025", "2025-01-06"),
        ("Mon, 06 Jan 2025 14:30:00 +0200", "2025-01-06T12:30:00Z"),
        ("2025-01-06T14:30:00", "2025-01-06T14:30:00"),
        ("not a date", None),
        ("", None),
        ("1066-10-14", None),
    ],
)
def test_metadata_dates_normalised_to_iso(value: str, expected: str | None) -> None:
    assert normalize_date(value) == expected


def test_metadata_registered_domain_offline() -> None:
    domains = DomainParser()
    assert domains.registered_domain("https://www.bbc.co.uk/news/world-123") == "bbc.co.uk"
    assert domains.registered_domain("https://meduza.io/en/news/2025/01/06/x") == "meduza.io"
    assert domains.registered_domain(None) is None


def test_metadata_url_key_ignores_tracking_www_and_slash() -> None:
    a = url_key("https://www.example.com/story/1/?utm_source=x&page=2#top")
    b = url_key("http://example.com/story/1?page=2&fbclid=abc")
    assert a == b == "example.com/story/1?page=2"
    assert normalize_url("HTTPS://Example.COM:443/a?b=1#frag") == "https://example.com/a?b=1"


def test_metadata_text_key_ignores_case_spacing_punctuation() -> None:
    assert text_key("Hello,  World!\n\nBye.") == text_key("hello world bye")
    assert text_key("Hello world") != text_key("Hello word")


def test_metadata_article_id_prefers_given_then_url_then_text() -> None:
    assert article_id("basil-1_2", "https://x.org/a", "t") == "basil-1_2"
    by_url = article_id(None, "https://www.x.org/a/", "text one")
    assert by_url == article_id(None, "https://x.org/a?utm_medium=rss", "text two")
    by_text = article_id(None, None, "Some text.")
    assert by_text == article_id("", None, "some   TEXT")
    assert len(by_text) == 16 and by_text != by_url


def test_metadata_authors_split_and_filtered() -> None:
    assert clean_authors("By Jane Doe; John Roe") == ("Jane Doe", "John Roe")
    assert clean_authors(["Jane Doe", "https://x.org/jane", "jane@x.org", "Jane Doe"]) == ("Jane Doe",)
    assert clean_authors(None) == ()
