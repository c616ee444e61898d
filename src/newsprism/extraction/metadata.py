"""Article metadata: outlet, dates, identity keys.

Identity is what deduplication rests on: an article's id is the one its source gives, else
derived from its URL, else from its text; ``url_key`` and ``text_key`` recognise the same
article reached twice (tracking parameters, ``www.``, spacing and case do not matter).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, date, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import tldextract
from dateutil import parser as date_parser

_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|yclid|mc_[ce]id|ref|ref_src|cmpid|at_\w+|_ga|ocid|smid)$", re.I)
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_EARLIEST_YEAR = 1800


class DomainParser:
    """Registered-domain lookup using tldextract's bundled Public Suffix List snapshot (offline)."""

    def __init__(self) -> None:
        self._extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    def registered_domain(self, url: str | None) -> str | None:
        """``https://www.bbc.co.uk/news/x`` -> ``bbc.co.uk``; None when there is no domain."""
        if not url:
            return None
        try:
            parts = self._extract(url)
        except ValueError:
            return None
        return parts.top_domain_under_public_suffix or parts.domain or None


def normalize_url(url: str | None) -> str | None:
    """Canonical form of a URL for display: lowercase host, no fragment or tracking parameters."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return url or None
    host = parts.hostname.lower()
    port = f":{parts.port}" if _explicit_port(parts) else ""
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    return urlunsplit((parts.scheme.lower(), host + port, parts.path or "/", query, ""))


def _explicit_port(parts: object) -> bool:
    try:
        port = parts.port  # type: ignore[attr-defined]
    except ValueError:
        return False
    scheme = parts.scheme.lower()  # type: ignore[attr-defined]
    return port is not None and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443))


def url_key(url: str | None) -> str | None:
    """Deduplication key of a URL: scheme, ``www.`` and a trailing slash do not count."""
    canonical = normalize_url(url)
    if not canonical or "://" not in canonical:
        return None
    parts = urlsplit(canonical)
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/") or "/"
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def text_key(text: str) -> str:
    """Deduplication key of an article body: case, spacing and punctuation do not count."""
    folded = _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def article_id(given: object, url: str | None, text: str) -> str:
    """The stable article id: the source's own id, else one derived from URL, else from text."""
    if given is not None and str(given).strip():
        return str(given).strip()
    key = url_key(url)
    basis = f"url:{key}" if key else f"text:{text_key(text)}"
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def normalize_date(value: object) -> str | None:
    """Normalise a date to ISO 8601: ``YYYY-MM-DD``, or a full timestamp when a time is given.

    Unparseable or implausible values (before 1800, more than a year ahead) give None rather
    than a wrong date.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        return value.isoformat() if _plausible(value.year) else None
    else:
        text = str(value).strip()
        if not text:
            return None
        try:
            parsed = date_parser.parse(text)
        except (ValueError, OverflowError, TypeError):
            return None
        if not re.search(r"\d{1,2}:\d{2}", text):
            return parsed.date().isoformat() if _plausible(parsed.year) else None
    if not _plausible(parsed.year):
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC)
        return parsed.strftime("%Y-%m-%dT%H:%M:%SZ")
    return parsed.isoformat(timespec="seconds")


def _plausible(year: int) -> bool:
    return _EARLIEST_YEAR <= year <= datetime.now(UTC).year + 1


def clean_authors(value: object) -> tuple[str, ...]:
    """Authors as a tuple of names from a list or a ``;``/``,``/`` and ``-separated string."""
    if value is None:
        return ()
    items = value if isinstance(value, list | tuple) else re.split(r";|\band\b|\||,(?=\s*[A-ZА-Я])", str(value))
    names: list[str] = []
    for item in items:
        name = re.sub(r"^\s*by\s+", "", str(item), flags=re.I).strip(" ,;")
        if name and "@" not in name and "://" not in name and len(name) <= 80 and name not in names:
            names.append(name)
    return tuple(names)
