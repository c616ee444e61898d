"""Tests for newsprism.extraction.html on small pages written here."""

from __future__ import annotations

import pytest

import newsprism.extraction.html as html_module
from newsprism.extraction.html import HtmlExtract, extract_html

PARAGRAPHS = [
    "The city council voted on Tuesday to expand the network of protected bicycle lanes across "
    "the northern districts, after a debate that lasted more than four hours.",
    "Supporters said the plan would make streets safer for children and older residents, while "
    "opponents warned that parking spaces would disappear from busy shopping streets.",
    "The mayor, who has championed the project since her election, called the vote a turning "
    "point and promised that construction would begin before the end of the summer.",
    "Local business owners asked for a review of delivery times, and the council agreed to "
    "publish a report on the effects of the new lanes within twelve months.",
]

NAV = (
    '<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
    '<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>'
    "</header>"
)
RELATED = (
    '<aside class="related"><h3>Related stories</h3><ul>'
    '<li><a href="/a">Bus fares to rise in spring</a></li>'
    '<li><a href="/b">New bridge opens to traffic</a></li>'
    '<li><a href="/c">Parking charges under review</a></li></ul></aside>'
)
FOOTER = (
    "<footer><p>Copyright 2024 Example News Ltd. All rights reserved.</p>"
    '<a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></footer>'
)


def make_page(
    head: str = "",
    *,
    paragraphs: list[str] | None = None,
    headline: str = "<h1>Council backs new bike lanes</h1>",
    body_html: str | None = None,
    html_attrs: str = ' lang="en-GB"',
) -> str:
    """An article page with navigation, related links and a footer around the body."""
    if body_html is None:
        body_html = "".join(f"<p>{p}</p>\n" for p in paragraphs or PARAGRAPHS)
    return (
        f'<!DOCTYPE html><html{html_attrs}><head><meta charset="utf-8">{head}</head><body>'
        f"{NAV}<main><article>{headline}<div class='article-body'>{body_html}</div></article>"
        f"{RELATED}</main>{FOOTER}</body></html>"
    )


def test_html_extracts_article_paragraphs_without_page_furniture() -> None:
    result = extract_html(make_page("<title>Council backs new bike lanes</title>"))

    assert isinstance(result, HtmlExtract)
    assert result.paragraphs == PARAGRAPHS
    text = "\n\n".join(result.paragraphs)
    for boilerplate in ("Weather", "Bus fares", "Related stories", "Copyright", "Privacy"):
        assert boilerplate not in text
    assert result.text == text


def test_html_paragraphs_have_no_markup_or_empty_entries() -> None:
    body = (
        f"<p>{PARAGRAPHS[0]} <b>Bold</b> and <i>italic</i> words.</p><p>   </p>"
        f"<p>{PARAGRAPHS[1]} It said &amp;lt;b&amp;gt;escaped&amp;lt;/b&amp;gt; twice.</p>"
        f"<p>{PARAGRAPHS[2]}<br>A second line.</p><p>{PARAGRAPHS[3]}</p>"
    )
    result = extract_html(make_page(body_html=body))

    assert result is not None
    assert all(p and p == p.strip() for p in result.paragraphs)
    for paragraph in result.paragraphs:
        assert "<" not in paragraph
        assert ">" not in paragraph
        assert "&lt;" not in paragraph
        assert "&amp;" not in paragraph
        assert "\n\n" not in paragraph
    assert any("Bold and italic words." in p for p in result.paragraphs)
    assert any("It said escaped twice." in p for p in result.paragraphs)


def test_html_title_falls_back_to_og_title() -> None:
    head = '<meta property="og:title" content="Bike lanes approved after long debate">'
    result = extract_html(make_page(head, headline=""))

    assert result is not None
    assert result.title == "Bike lanes approved after long debate"


def test_html_title_loses_site_suffix() -> None:
    head = (
        "<title>Council backs new bike lanes | Example News</title>"
        '<meta property="og:title" content="Council backs new bike lanes | Example News">'
        '<meta property="og:site_name" content="Example News">'
    )
    result = extract_html(make_page(head, headline=""))

    assert result is not None
    assert result.title == "Council backs new bike lanes"
    assert result.sitename == "Example News"


def test_html_title_keeps_dash_inside_headline() -> None:
    assert (
        html_module._strip_site_suffix("Trump - Russia probe widens - Reuters", None, None)
        == "Trump - Russia probe widens - Reuters"
    )
    assert (
        html_module._strip_site_suffix("Trump - Russia probe widens - Reuters", None, "https://www.reuters.com/a")
        == "Trump - Russia probe widens"
    )


def test_html_authors_split_and_filtered() -> None:
    head = '<meta name="author" content="Jane Doe, John Smith">'
    result = extract_html(make_page(head))

    assert result is not None
    assert result.authors == ["Jane Doe", "John Smith"]
    assert html_module._split_authors(
        "Jane Doe; jane@example.com; https://example.com/jane; Malcolm Owen Monday; November"
    ) == ["Jane Doe", "Malcolm Owen"]
    assert html_module._split_authors(None) == []


def test_html_metadata_date_language_canonical() -> None:
    head = (
        '<meta property="article:published_time" content="2024-03-05T10:15:00+00:00">'
        '<link rel="canonical" href="/2024/03/bike-lanes">'
    )
    result = extract_html(make_page(head), url="https://news.example.com/story?utm_source=x")

    assert result is not None
    assert result.published is not None
    assert result.published.startswith("2024-03-05")
    assert result.language == "en"
    assert result.url == "https://news.example.com/2024/03/bike-lanes"


def test_html_no_canonical_means_no_url() -> None:
    result = extract_html(make_page(html_attrs=""), url="https://news.example.com/story")

    assert result is not None
    assert result.url is None
    assert result.language is None


def test_html_split_body_containers_are_joined_in_order() -> None:
    more = [
        "Cycling groups welcomed the decision but said the lanes must connect to the city centre "
        "to be useful for commuters travelling to work every morning.",
        "The council will hold public meetings in each district next month to present the "
        "detailed routes and to collect suggestions from residents.",
    ]
    first = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    second = "".join(f"<p>{p}</p>" for p in more)
    page = (
        '<html lang="en"><head><title>Council backs new bike lanes</title></head><body>'
        f"{NAV}<main><article><h1>Council backs new bike lanes</h1>"
        f'<div class="chunk"><div class="story-body">{first}</div></div>'
        '<div class="ad"><span>Advertisement</span></div>'
        f'<div class="chunk"><div class="story-body">{second}</div></div>'
        f"</article>{RELATED}</main>{FOOTER}</body></html>"
    )
    result = extract_html(page)

    assert result is not None
    assert result.paragraphs == PARAGRAPHS + more


def test_html_edge_boilerplate_is_removed_and_reported() -> None:
    cta = "Sign up for our free newsletter to get the latest news in your inbox every morning."
    result = extract_html(make_page(paragraphs=[*PARAGRAPHS, cta, "12 Comments"]))

    assert result is not None
    assert result.paragraphs == PARAGRAPHS
    assert (cta, "newsletter prompt") in result.removed
    assert ("12 Comments", "comments prompt") in result.removed


def test_html_repeated_headline_is_not_body_text() -> None:
    body = "<p>Council backs new bike lanes</p>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    head = "<title>Council backs new bike lanes</title>"
    result = extract_html(make_page(head, headline="", body_html=body))

    assert result is not None
    assert result.paragraphs == PARAGRAPHS
    assert result.removed == [("Council backs new bike lanes", "repeated headline")]


def test_html_survives_unclosed_tags() -> None:
    body = "".join(f"<p><b><i>{p}<span><div>" for p in PARAGRAPHS)
    page = f"<html><head><title>Unclosed</title><body><div class='article-body'>{body}"
    result = extract_html(page)

    assert result is not None
    text = " ".join(result.paragraphs)
    for paragraph in PARAGRAPHS:
        assert paragraph in text


def test_html_survives_deeply_nested_divs() -> None:
    depth = 5000
    body = "<div>" * depth + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>" * depth
    page = f"<html><head><title>Deep</title></head><body>{body}</body></html>"
    result = extract_html(page)

    assert result is None or all(p.strip() for p in result.paragraphs)


def test_html_ignores_huge_script_blob() -> None:
    blob = "<script>var data = '" + "x" * 1_000_000 + "';</script>"
    result = extract_html(make_page(head=blob))

    assert result is not None
    assert result.paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    "page",
    [
        "",
        "<html><head><title>Nothing here</title></head><body></body></html>",
        "<html><head><title>No body at all</title></head></html>",
        "just some words without any markup, which is not a web page",
        '{"json": [1, 2, 3], "not": "html"}',
        "\x00\x01\x02\xff\xfe garbage \x7f" * 100,
        "<<<>>><<</>>>" * 1000,
    ],
    ids=["empty", "empty-body", "no-body", "plain-text", "json", "binary", "brackets"],
)
def test_html_returns_none_without_main_text(page: str) -> None:
    assert extract_html(page) is None


def test_html_internal_errors_become_none(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise ValueError("broken tree")

    monkeypatch.setattr(html_module.trafilatura, "bare_extraction", boom)

    assert extract_html(make_page()) is None


def test_html_does_not_swallow_keyboard_interrupt(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(html_module.trafilatura, "bare_extraction", interrupt)

    with pytest.raises(KeyboardInterrupt):
        extract_html(make_page())
