"""Tests for newsprism.sources.fetch against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from newsprism.config import Settings
from newsprism.errors import FetchError
from newsprism.sources import fetch as fetch_module
from newsprism.sources.fetch import FetchedPage, Fetcher, check_address

PAGE = b"<html><head><title>Hi</title></head><body><p>Hello, world.</p></body></html>"
BIG = b"x" * 5000
SLOW_SECONDS = 2.0


class _Handler(BaseHTTPRequestHandler):
    """Routes for the tests; every request path is recorded on the server."""

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep pytest output clean

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {"Content-Type": "text/html; charset=utf-8"}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        server: Any = self.server
        server.requests.append((self.path, self.headers.get("User-Agent")))
        path = self.path
        if path == "/page":
            self._send(200, PAGE)
        elif path.startswith("/redirect/"):
            left = int(path.rsplit("/", 1)[1])
            self._redirect(f"/redirect/{left - 1}" if left > 1 else "/page")
        elif path == "/relative":
            self._redirect("page")
        elif path == "/loop":
            self._redirect("/loop")
        elif path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif path == "/huge":
            self._send(200, BIG)
        elif path == "/huge-stream":
            # No Content-Length: HTTP/1.0 body ends when the connection closes, so only
            # counting while streaming can enforce the cap.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"y" * 100)
        elif path == "/gzip":
            self._send(200, gzip.compress(PAGE), {"Content-Encoding": "gzip"})
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, PAGE)
        else:
            self.send_error(404)


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the client hanging up early (size cap, timeout) is what some tests do


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture
def base(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"


def _fetch(url: str, **settings: Any) -> FetchedPage:
    with Fetcher(Settings(allow_private=True, **settings)) as fetcher:
        return fetcher.fetch(url)


def _fake_getaddrinfo(table: dict[str, list[str]]) -> Any:
    def getaddrinfo(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        if host in table:
            ips = table[host]
        elif host.replace(".", "").isdigit():
            ips = [host]  # an IPv4 literal resolves to itself, as with the real resolver
        else:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (
                socket.AF_INET6 if ":" in ip else socket.AF_INET,
                socket.SOCK_STREAM,
                6,
                "",
                (ip, port),
            )
            for ip in ips
        ]

    return getaddrinfo


def test_fetch_returns_page_with_metadata(base: str, server: Any) -> None:
    page = _fetch(f"{base}/page", user_agent="newsprism-test/1")
    assert page.content == PAGE
    assert page.status == 200
    assert page.url == f"{base}/page"
    assert page.content_type == "text/html; charset=utf-8"
    fetched = datetime.fromisoformat(page.fetched_at)
    assert fetched.utcoffset() is not None and fetched.utcoffset().total_seconds() == 0
    assert abs((datetime.now(UTC) - fetched).total_seconds()) < 60
    assert ("/page", "newsprism-test/1") in server.requests


def test_fetch_follows_redirect_chain_to_final_url(base: str) -> None:
    page = _fetch(f"{base}/redirect/3")
    assert page.url == f"{base}/page"
    assert page.content == PAGE


def test_fetch_resolves_relative_redirect(base: str) -> None:
    assert _fetch(f"{base}/relative").url == f"{base}/page"


def test_fetch_allows_exactly_max_redirects(base: str) -> None:
    # /redirect/3 takes three redirects: /redirect/2, /redirect/1, /page.
    assert _fetch(f"{base}/redirect/3", max_redirects=3).content == PAGE
    with pytest.raises(FetchError, match=r"^too many redirects \(more than 2\)$"):
        _fetch(f"{base}/redirect/3", max_redirects=2)


def test_fetch_stops_redirect_loop(base: str, server: Any) -> None:
    before = sum(1 for path, _ in server.requests if path == "/loop")
    with pytest.raises(FetchError, match=r"too many redirects \(more than 5\)"):
        _fetch(f"{base}/loop")
    assert sum(1 for path, _ in server.requests if path == "/loop") - before == 6


def test_fetch_refuses_redirect_to_other_scheme(base: str) -> None:
    with pytest.raises(FetchError, match="unsupported URL scheme 'file'"):
        _fetch(f"{base}/to-file")


@pytest.mark.parametrize("path", ["/huge", "/huge-stream"])
def test_fetch_caps_body_size(base: str, path: str) -> None:
    with pytest.raises(FetchError) as caught:
        _fetch(f"{base}{path}", max_bytes=1000)
    assert str(caught.value) == "response is larger than the 1000-byte cap; raise it with --max-bytes"


def test_fetch_accepts_body_at_the_cap(base: str) -> None:
    assert _fetch(f"{base}/huge", max_bytes=len(BIG)).content == BIG


def test_fetch_reports_http_status(base: str) -> None:
    with pytest.raises(FetchError) as caught:
        _fetch(f"{base}/missing")
    assert str(caught.value) == "HTTP 404 Not Found"


def test_fetch_decodes_gzip_content_encoding(base: str) -> None:
    assert _fetch(f"{base}/gzip").content == PAGE


def test_fetch_times_out_on_slow_server(base: str) -> None:
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"within 0\.5s"):
        _fetch(f"{base}/slow", fetch_timeout=0.5)
    assert time.monotonic() - start < SLOW_SECONDS


def test_fetch_reports_refused_connection() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on the port now.
    with pytest.raises(FetchError, match=r"^could not connect to 127\.0\.0\.1: "):
        _fetch(f"http://127.0.0.1:{port}/")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/feed.xml", "unsupported URL scheme 'ftp'"),
        ("file:///etc/passwd", "unsupported URL scheme 'file'"),
        ("not a url", "invalid URL 'not a url': not an absolute http or https URL"),
        ("http://", "invalid URL"),
    ],
)
def test_fetch_rejects_bad_urls(url: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        _fetch(url)


def test_fetch_refuses_localhost_without_allow_private(base: str, server: Any) -> None:
    before = len(server.requests)
    with Fetcher(Settings()) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(f"{base}/page")
    assert "--allow-private" in str(caught.value)
    assert "loopback" in str(caught.value)
    assert len(server.requests) == before  # refused before connecting


def test_fetch_refuses_redirect_from_public_to_private_host(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", _fake_getaddrinfo({"news.example": ["93.184.216.34"]}))
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://127.0.0.1:8080/admin"})

    transport = httpx.MockTransport(handler)
    with Fetcher(Settings(), transport=transport) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch("http://news.example/story")
    assert "127.0.0.1" in str(caught.value) and "--allow-private" in str(caught.value)
    assert seen == ["http://news.example/story"]  # the private hop was never requested


def test_fetch_never_leaks_httpx_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("peer closed connection", request=request)

    transport = httpx.MockTransport(handler)
    with (
        Fetcher(Settings(allow_private=True), transport=transport) as fetcher,
        pytest.raises(FetchError, match="broke the HTTP protocol: peer closed connection"),
    ):
        fetcher.fetch("http://news.example/story")


@pytest.mark.parametrize(
    ("ip", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("169.254.169.254", "link-local"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("fe80::1%eth0", "link-local"),
        ("fd00::1", "private"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
    ],
)
def test_check_address_refuses_non_public(monkeypatch: pytest.MonkeyPatch, ip: str, kind: str) -> None:
    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", _fake_getaddrinfo({"h.example": [ip]}))
    with pytest.raises(FetchError) as caught:
        check_address("h.example", 443, False)
    message = str(caught.value)
    assert f"a {kind} address" in message
    assert "--allow-private" in message


def test_check_address_refuses_if_any_address_is_private(monkeypatch: pytest.MonkeyPatch) -> None:
    table = {"h.example": ["93.184.216.34", "2606:2800:220:1::1", "10.0.0.5"]}
    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", _fake_getaddrinfo(table))
    with pytest.raises(FetchError, match=r"10\.0\.0\.5"):
        check_address("h.example", 80, False)


def test_check_address_accepts_public_addresses(monkeypatch: pytest.MonkeyPatch) -> None:
    table = {"h.example": ["93.184.216.34", "2606:2800:220:1::1"]}
    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", _fake_getaddrinfo(table))
    assert check_address("h.example", 80, False) is None


def test_check_address_allow_private_skips_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", _fake_getaddrinfo({}))
    assert check_address("127.0.0.1", 80, True) is None
    with pytest.raises(FetchError, match=r"^cannot resolve host 'unknown\.example': Name or service not known$"):
        check_address("unknown.example", 80, False)
