"""Every source kind end to end through the CLI: URLs from a localhost server, feeds, WARC."""

from __future__ import annotations

import gzip
import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.cli import app
from newsprism.store import open_store

PARAGRAPHS = [
    "The harbour authority reopened the northern pier on Monday after a week of repairs to the storm-damaged quay.",
    "Engineers replaced forty metres of decking and reinforced the supports, the authority said in a statement.",
    "Fishing crews, who had moved their boats to a neighbouring town, began returning on Monday afternoon.",
    "“We lost a week of work, but the pier is safer than before,” said Maria Lopez, who runs a trawler.",
]


def _page(title: str, paragraphs: list[str], extra: str = "") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html lang='en'><head><title>{title} | Harbour Times</title>"
        "<meta property='og:site_name' content='Harbour Times'>"
        "<meta name='author' content='Jane Doe'>"
        "<meta property='article:published_time' content='2025-03-03T09:00:00+01:00'></head>"
        "<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{body}{extra}</article>"
        "<footer>© 2025 Harbour Times. All rights reserved.</footer></body></html>"
    ).encode()


def _feed(base: str) -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><link>{base}/story{i}.html</link>"
        f"<pubDate>Mon, 03 Mar 2025 0{i}:00:00 GMT</pubDate>"
        f"<description>Teaser {i} only.</description></item>"
        for i in (1, 2)
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>Harbour Times</title>"
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        return

    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        routes = {
            "/pier.html": ("text/html; charset=utf-8", _page("Northern pier reopens", PARAGRAPHS)),
            "/story1.html": ("text/html", _page("Story one in full", [p.replace("pier", "jetty") for p in PARAGRAPHS])),
            "/story2.html": (
                "text/html",
                _page("Story two in full", [p.replace("Monday", "Friday") for p in PARAGRAPHS]),
            ),
            "/feed.xml": ("application/rss+xml", _feed(base)),
        }
        if self.path not in routes:
            self.send_response(404)
            self.end_headers()
            return
        content_type, body = routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def _records(result: Any) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_cli_url_extracted_with_metadata(base_url: str) -> None:
    result = _run("extract", f"{base_url}/pier.html", "--allow-private")
    assert result.exit_code == 0, result.output
    (record,) = _records(result)
    assert record["source"] == f"{base_url}/pier.html"
    assert record["url"] == f"{base_url}/pier.html"
    assert record["title"] == "Northern pier reopens"
    assert record["outlet"] == "Harbour Times"
    assert record["authors"] == ["Jane Doe"]
    assert record["published"].startswith("2025-03-03")
    assert record["language"] == "en"
    for paragraph in PARAGRAPHS:
        assert paragraph in record["text"]
    assert "Home" not in record["text"] and "All rights reserved" not in record["text"]


def test_cli_url_private_address_refused_without_flag(base_url: str) -> None:
    result = _run("extract", f"{base_url}/pier.html")
    assert result.exit_code == 1
    assert "--allow-private" in result.stderr
    assert result.stdout.strip() == ""


def test_cli_feed_url_entries_and_follow_links(base_url: str) -> None:
    teasers = _records(_run("extract", f"{base_url}/feed.xml", "--allow-private"))
    assert [r["title"] for r in teasers] == ["Story 1", "Story 2"]
    assert teasers[0]["text"] == "Teaser 1 only."
    assert teasers[0]["outlet"] == "Harbour Times"
    assert teasers[0]["published"] == "2025-03-03T01:00:00Z"

    full = _records(_run("extract", f"{base_url}/feed.xml", "--allow-private", "--follow-links"))
    assert [r["url"] for r in full] == [f"{base_url}/story1.html", f"{base_url}/story2.html"]
    assert "forty metres of decking" in full[0]["text"]
    assert "jetty" in full[0]["text"]


def test_cli_feed_file_atom(tmp_path: Path) -> None:
    atom = tmp_path / "updates.atom"
    atom.write_text(
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Wire</title>"
        "<entry><title>Dam opens</title><link href='https://wire.example/dam'/><id>urn:1</id>"
        "<updated>2025-02-01T10:00:00Z</updated><author><name>Ann Lee</name></author>"
        "<content type='html'>&lt;p&gt;The new dam opened on Saturday.&lt;/p&gt;&lt;p&gt;It cost $3 billion."
        "&lt;/p&gt;</content></entry></feed>",
        encoding="utf-8",
    )
    (record,) = _records(_run("extract", str(atom)))
    assert record["title"] == "Dam opens"
    assert record["text"] == "The new dam opened on Saturday.\n\nIt cost $3 billion."
    assert record["authors"] == ["Ann Lee"]
    assert record["url"] == "https://wire.example/dam"


def _warc(path: Path, pages: dict[str, bytes]) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        for url, body in pages.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers, length=len(body)
            )
            writer.write_record(record)


def test_cli_warc_ingest_dedup_and_truncation(tmp_path: Path) -> None:
    archive = tmp_path / "news.warc.gz"
    _warc(
        archive,
        {
            "https://harbour.example/pier": _page("Pier reopens", PARAGRAPHS),
            "https://harbour.example/pier?utm_source=rss": _page("Pier reopens", PARAGRAPHS),
            "https://other.example/dam": _page("Dam opens", [p.replace("pier", "dam") for p in PARAGRAPHS]),
        },
    )
    db = tmp_path / "w.db"
    result = _run("--db", str(db), "ingest", str(archive), "--no-analysis")
    assert result.exit_code == 0, result.output
    assert "2 new, 1 duplicate, 0 failed" in result.stderr
    with open_store(db) as store:
        urls = sorted(a.url for a in store.iter_articles())
        assert urls == ["https://harbour.example/pier", "https://other.example/dam"]
        first = next(store.iter_articles())
        raw = store.raw_document(first.id)
        assert raw is not None and b"forty metres of decking" in raw.content

    cut = tmp_path / "cut.warc.gz"
    data = archive.read_bytes()
    cut.write_bytes(data[: len(data) * 2 // 3])
    result = _run("extract", str(cut))
    assert result.exit_code == 1
    assert len(_records(result)) >= 1
    assert "truncated" in result.stderr or "malformed" in result.stderr
    assert "Traceback" not in result.output


def test_cli_mixed_sources_in_one_call(tmp_path: Path, base_url: str, example_paths: list[Path]) -> None:
    page = tmp_path / "pier.html.gz"
    page.write_bytes(gzip.compress(_page("Pier reopens", PARAGRAPHS)))
    lines = tmp_path / "wire.jsonl"
    lines.write_text(
        json.dumps(
            {
                "id": "wire-1",
                "url": None,
                "outlet": "Wire",
                "title": "T",
                "published": "2025-01-02",
                "text": "A storm hit the coast on Thursday, officials said.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    result = _run("extract", str(page), str(lines), str(example_paths[0]), f"{base_url}/pier.html", "--allow-private")
    assert result.exit_code == 0, result.output
    records = _records(result)
    assert [r["source"] for r in records] == [str(page), str(lines), str(example_paths[0]), f"{base_url}/pier.html"]
    assert records[1]["id"] == "wire-1" and records[1]["outlet"] == "Wire" and records[1]["published"] == "2025-01-02"
