"""Fetching URLs over HTTP(S) with the limits a news reader needs.

:class:`Fetcher` refuses addresses inside the user's own network unless asked (so a feed or a
redirect cannot make newsprism probe the LAN or a cloud metadata endpoint), follows redirects
itself so that every hop is checked, and caps the body size while it streams.
"""

from __future__ import annotations

import http
import ipaddress
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType

import httpx

from newsprism.config import Settings
from newsprism.errors import FetchError

_SCHEMES = frozenset({"http", "https"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A successfully fetched HTTP response.

    Attributes:
        url: The final URL, after redirects.
        content: The body, with any Content-Encoding (gzip, deflate) removed.
        content_type: The Content-Type header, where the server sent one.
        fetched_at: ISO 8601 UTC time the response arrived.
        status: The HTTP status code (always 2xx).
    """

    url: str
    content: bytes
    content_type: str | None
    fetched_at: str
    status: int


def _address_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Name the reason an address is off limits, or return None for a public address."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        # ::ffff:127.0.0.1 reaches 127.0.0.1; judge the IPv4 address it wraps.
        ip = ip.ipv4_mapped
    # Most specific first: Python's is_private also covers link-local, 0/8 and 240/4.
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
    )
    return next((name for name, hit in checks if hit), None)


def check_address(host: str, port: int, allow_private: bool = False) -> None:
    """Refuse a host that resolves to a loopback, private or otherwise non-public address.

    Every address the host resolves to is checked, not just the first: the HTTP client may
    connect to any of them.

    Args:
        host: A host name or IP literal (IPv6 without brackets).
        port: The port that will be connected to.
        allow_private: Skip the check (the ``--allow-private`` option).

    Raises:
        FetchError: The host cannot be resolved, or resolves to a refused address.
    """
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise FetchError(f"cannot resolve host {host!r}: {reason}") from exc
    for info in infos:
        # IPv6 link-local addresses come back with a zone ("fe80::1%eth0").
        literal = str(info[4][0]).split("%", 1)[0]
        try:
            ip = ipaddress.ip_address(literal)
        except ValueError as exc:
            raise FetchError(f"host {host!r} resolved to an unusable address {literal!r}") from exc
        kind = _address_kind(ip)
        if kind:
            raise FetchError(
                f"refusing to fetch from {host}: it resolves to {ip}, a {kind} address; "
                "pass --allow-private to allow it"
            )


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


class Fetcher:
    """An HTTP client for fetching news pages and feeds; use it as a context manager.

    Args:
        settings: Timeouts, size cap, redirect limit, address policy and User-Agent.
        transport: An httpx transport to use instead of the network (for tests).
    """

    def __init__(self, settings: Settings, *, transport: httpx.BaseTransport | None = None) -> None:
        self._settings = settings
        # Redirects are followed by hand so that every hop passes check_address.
        self._client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(settings.fetch_timeout),
            follow_redirects=False,
            headers={"User-Agent": settings.user_agent},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the underlying HTTP connections."""
        self._client.close()

    def fetch(self, url: str) -> FetchedPage:
        """Fetch a URL, following redirects, and return the final response's body.

        Args:
            url: An absolute ``http`` or ``https`` URL.

        Returns:
            The final URL, body, Content-Type, fetch time and status.

        Raises:
            FetchError: Bad URL, refused address, network failure or timeout, non-2xx status,
                too many redirects, or a body over ``settings.max_bytes``.
        """
        current = self._parse(url)
        max_redirects = self._settings.max_redirects
        for hop in range(max_redirects + 1):
            target = self._request(current)
            if isinstance(target, FetchedPage):
                return target
            if hop == max_redirects:
                break
            current = self._parse(target, base=current)
        raise FetchError(f"too many redirects (more than {max_redirects})")

    def _parse(self, url: str, base: httpx.URL | None = None) -> httpx.URL:
        try:
            parsed = base.join(url) if base is not None else httpx.URL(url)
        except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
            raise FetchError(f"invalid URL {url!r}: {_one_line(exc)}") from exc
        if not parsed.scheme:
            raise FetchError(f"invalid URL {url!r}: not an absolute http or https URL")
        if parsed.scheme not in _SCHEMES:
            raise FetchError(f"unsupported URL scheme {parsed.scheme!r}; only http and https are fetched")
        if not parsed.host:
            raise FetchError(f"invalid URL {url!r}: no host")
        return parsed

    def _request(self, url: httpx.URL) -> FetchedPage | str:
        """Make one request; return the page, or the Location of a redirect."""
        port = url.port or _DEFAULT_PORTS[url.scheme]
        check_address(url.host, port, self._settings.allow_private)
        # check_address and httpx resolve the name separately, so a DNS server that answers
        # differently the second time could still slip past; pinning the address would need
        # a custom transport and break TLS name checks, so this guard is best effort.
        timeout = self._settings.fetch_timeout
        try:
            with self._client.stream("GET", url) as response:
                if response.is_redirect:
                    return response.headers["location"]
                if not response.is_success:
                    reason = response.reason_phrase or _reason(response.status_code)
                    raise FetchError(f"HTTP {response.status_code} {reason}".rstrip())
                content = self._read_capped(response)
                return FetchedPage(
                    url=str(url),
                    content=content,
                    content_type=response.headers.get("content-type"),
                    fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    status=response.status_code,
                )
        except httpx.ConnectTimeout as exc:
            raise FetchError(f"connection to {url.host} timed out after {timeout:g}s") from exc
        except httpx.TimeoutException as exc:
            raise FetchError(f"no response from {url.host} within {timeout:g}s") from exc
        except httpx.ConnectError as exc:
            raise FetchError(f"could not connect to {url.host}: {_one_line(exc)}") from exc
        except httpx.DecodingError as exc:
            raise FetchError(f"could not decode the response body: {_one_line(exc)}") from exc
        except httpx.RemoteProtocolError as exc:
            raise FetchError(f"{url.host} broke the HTTP protocol: {_one_line(exc)}") from exc
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
            raise FetchError(f"request to {url.host} failed: {_one_line(exc)}") from exc

    def _read_capped(self, response: httpx.Response) -> bytes:
        cap = self._settings.max_bytes
        message = f"response is larger than the {cap}-byte cap; raise it with --max-bytes"
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(message)  # no need to download what will be thrown away
        chunks: list[bytes] = []
        total = 0
        # iter_bytes yields decoded bytes, so the cap also stops gzip bombs.
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > cap:
                raise FetchError(message)
            chunks.append(chunk)
        return b"".join(chunks)


def _reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""
