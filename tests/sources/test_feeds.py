"""Tests for newsprism.sources.feeds: sniffing, RSS/Atom entries, follow_links."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from newsprism.config import Settings
from newsprism.models import Failure, RawDocument
from newsprism.sources.feeds import looks_like_feed, read_feed
from newsprism.sources.fetch import Fetcher

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Daily Example</title>
  <link>https://news.example/</link>
  <item>
    <title>Council approves budget</title>
    <link>https://news.example/budget</link>
    <guid isPermaLink="false">budget-2024</guid>
    <pubDate>Tue, 05 Mar 2024 10:00:00 +0200</pubDate>
    <dc:creator>Jane Roe</dc:creator>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>The council approved the budget on Tuesday.</p>]]>
    </content:encoded>
  </item>
  <item>
    <title>Storm warning</title>
    <link>https://news.example/storm</link>
    <pubDate>some time on Tuesday</pubDate>
    <description>&lt;p&gt;Winds of 100 km/h are expected.&lt;/p&gt;</description>
  </item>
</channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Wire</title>
  <id>urn:example:wire</id>
  <updated>2024-03-06T09:30:00Z</updated>
  <entry>
    <title>Talks resume</title>
    <id>urn:example:wire:1</id>
    <link rel="alternate" href="https://wire.example/talks"/>
    <updated>2024-03-06T09:30:00-05:00</updated>
    <author><name>Ann Lee</name></author>
    <author><name>Bo Chen</name></author>
    <summary>Teaser only.</summary>
    <content type="html">&lt;p&gt;Negotiators met again on Wednesday.&lt;/p&gt;</content>
  </entry>
</feed>
"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="https://old.example/"><title>Old</title></channel>
</rdf:RDF>
"""

ARTICLE = b"<html><body><article><p>Full story text.</p></article></body></html>"


def _rss(items: str, title: str = "Feed") -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{items}</channel></rss>').encode()


def _read(content: bytes, source: str = "feed.xml", **kwargs: Any) -> list[RawDocument | Failure]:
    fetcher = kwargs.pop("fetcher", None)
    return list(read_feed(content, source, Settings(**kwargs), fetcher))


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/story")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/story":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(ARTICLE)))
            self.end_headers()
            self.wfile.write(ARTICLE)
        else:
            self.send_error(404)


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    host, port = httpd.server_address[:2]
    yield f"http://{host}:{port}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.mark.parametrize("content", [RSS, ATOM, RDF, b"\xef\xbb\xbf  <rss version='2.0'>"])
def test_looks_like_feed_accepts_feeds(content: bytes) -> None:
    assert looks_like_feed(content)


@pytest.mark.parametrize(
    "content",
    [
        b"<!doctype html><html><body><p>News</p></body></html>",
        b"<html><body><p>Subscribe to our <rss > feed</p></body></html>",
        b"<?xml version='1.0'?><feed><item/></feed>",  # <feed> without the Atom namespace
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>',
        b"",
    ],
)
def test_looks_like_feed_rejects_other_documents(content: bytes) -> None:
    assert not looks_like_feed(content)


def test_read_feed_rss_entries_become_records() -> None:
    first, second = _read(RSS)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.kind == "record"
    assert first.source == "feed.xml"
    assert first.locator == "entry 1"
    assert first.url == "https://news.example/budget"
    assert first.content_type == "text/html"
    # content:encoded wins over the teaser in <description>.
    assert first.content == b"<p>The council approved the budget on Tuesday.</p>"
    assert dict(first.fields) == {
        "guid": "budget-2024",
        "url": "https://news.example/budget",
        "title": "Council approves budget",
        "published": "2024-03-05T08:00:00+00:00",
        "authors": ["Jane Roe"],
        "outlet": "The Daily Example",
        "html": "<p>The council approved the budget on Tuesday.</p>",
    }
    # No content:encoded: the description is the HTML; no guid: no id is invented.
    assert second.content == b"<p>Winds of 100 km/h are expected.</p>"
    assert second.locator == "entry 2"
    assert second.fields["guid"] is None
    assert second.fields["published"] == "some time on Tuesday"
    assert second.fields["authors"] == []


def test_read_feed_atom_entry_fields() -> None:
    (doc,) = _read(ATOM)
    assert isinstance(doc, RawDocument)
    assert doc.url == "https://wire.example/talks"
    assert doc.content == b"<p>Negotiators met again on Wednesday.</p>"
    assert doc.fields["guid"] == "urn:example:wire:1"
    assert doc.fields["published"] == "2024-03-06T14:30:00+00:00"  # from <updated>, in UTC
    assert doc.fields["authors"] == ["Ann Lee", "Bo Chen"]
    assert doc.fields["outlet"] == "Example Wire"


def test_read_feed_resolves_relative_links_against_feed_url() -> None:
    content = _rss("<item><title>A</title><link>/a</link><description>x</description></item>")
    (doc,) = _read(content, source="https://news.example/feeds/all.xml")
    assert isinstance(doc, RawDocument)
    assert doc.url == "https://news.example/a"


def test_read_feed_reports_malformed_xml() -> None:
    (failure,) = _read(b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</ti')
    assert isinstance(failure, Failure)
    assert failure.source == "feed.xml"
    assert failure.message == "malformed feed: unclosed token at line 2, column 36"


def test_read_feed_keeps_entries_of_recoverable_feed() -> None:
    # A bare "&" makes the XML invalid, but feedparser's lenient parser still finds the item.
    content = _rss("<item><title>A</title><link>http://x.example/a</link><description>hi & bye</description></item>")
    (doc,) = _read(content)
    assert isinstance(doc, RawDocument)
    assert doc.content == b"hi & bye"


def test_read_feed_reports_feed_without_entries() -> None:
    (failure,) = _read(RDF)
    assert failure == Failure("feed.xml", "feed has no entries")


def test_read_feed_reports_non_feed_xml() -> None:
    content = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>'
    (failure,) = _read(content)
    assert isinstance(failure, Failure)
    assert failure.message.startswith("not an RSS, Atom or RDF feed")


def test_read_feed_never_opens_content_as_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # feedparser.parse(b"name") would read the file "name"; the bytes must be parsed as-is.
    (tmp_path / "feed.rss").write_bytes(RSS)
    monkeypatch.chdir(tmp_path)
    (failure,) = _read(b"feed.rss")
    assert isinstance(failure, Failure)


def test_read_feed_entries_without_content() -> None:
    content = _rss(
        "<item><title>Link only</title><link>https://news.example/l</link></item><item><title>Nothing</title></item>"
    )
    link_only, nothing = _read(content)
    assert link_only == Failure(
        "feed.xml (entry 1)",
        "entry has no content in the feed; use --follow-links to fetch https://news.example/l",
    )
    assert nothing == Failure("feed.xml (entry 2)", "entry has neither content nor a link")


def test_read_feed_follow_links_fetches_pages(base: str) -> None:
    content = _rss(
        f"<item><title>Moved</title><link>{base}/moved</link><guid>g1</guid>"
        "<description>teaser</description></item>"
        f"<item><title>Gone</title><link>{base}/gone</link></item>"
        f"<item><title>Direct</title><link>{base}/story</link></item>"
        "<item><title>No link</title><description>&lt;p&gt;inline&lt;/p&gt;</description></item>",
        title="Local",
    )
    settings = Settings(follow_links=True, allow_private=True)
    with Fetcher(settings) as fetcher:
        results = list(read_feed(content, "local.rss", settings, fetcher))
    moved, gone, direct, inline = results
    assert isinstance(moved, RawDocument)
    assert moved.kind == "html"
    assert moved.content == ARTICLE
    assert moved.url == f"{base}/story"  # the final URL after the redirect
    assert moved.content_type == "text/html; charset=utf-8"
    assert moved.fetched_at is not None
    assert moved.locator == "entry 1"
    assert moved.fields["url"] == f"{base}/moved"
    assert moved.fields["title"] == "Moved"
    assert moved.fields["guid"] == "g1"
    assert moved.fields["outlet"] == "Local"
    assert moved.fields["html"] == "teaser"
    assert gone == Failure(f"local.rss (entry 2: {base}/gone)", "HTTP 404 Not Found")
    assert isinstance(direct, RawDocument) and direct.locator == "entry 3"
    assert direct.content == ARTICLE
    # Without a link there is nothing to follow: the feed's own HTML is used.
    assert isinstance(inline, RawDocument)
    assert inline.kind == "record" and inline.content == b"<p>inline</p>"


def test_read_feed_follow_links_respects_private_address_guard(base: str) -> None:
    content = _rss(f"<item><title>A</title><link>{base}/story</link></item>")
    settings = Settings(follow_links=True)
    with Fetcher(settings) as fetcher:
        (failure,) = read_feed(content, "f.rss", settings, fetcher)
    assert isinstance(failure, Failure)
    assert failure.source == f"f.rss (entry 1: {base}/story)"
    assert "--allow-private" in failure.message


def test_read_feed_without_fetcher_uses_feed_html() -> None:
    content = _rss("<item><title>A</title><link>https://news.example/a</link><description>body</description></item>")
    (doc,) = _read(content, follow_links=True, fetcher=None)
    assert isinstance(doc, RawDocument)
    assert doc.kind == "record" and doc.content == b"body"
