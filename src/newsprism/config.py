"""Settings: one frozen, validated options object passed down from the entry points.

Each setting has a name, a default and a help text (``SETTINGS``); ``docs/settings.md`` lists
them all and a test keeps that list complete.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from newsprism.errors import ConfigError

DEFAULT_DB = "newsprism.db"
DB_ENV = "NEWSPRISM_DB"

# Name -> help text, in the order the docs list them.
SETTINGS: dict[str, str] = {
    "max_bytes": "Largest input accepted, in bytes, per file, URL, archive record or line.",
    "fetch_timeout": "Seconds to wait on a network connect or read before giving up on a URL.",
    "max_redirects": "Most HTTP redirects followed for one URL.",
    "allow_private": "Allow fetching from loopback, private and link-local addresses.",
    "follow_links": "For feeds: fetch and extract the full page behind each entry.",
    "outlet": "Outlet name given to every article of the call, overriding what is detected.",
    "user_agent": "User-Agent header sent with HTTP requests.",
    "detect_language": "Detect each article's language (lingua) when the source does not give it.",
}


@dataclass(frozen=True, slots=True)
class Settings:
    """Options for reading and extracting sources. See ``SETTINGS`` for each field's meaning."""

    max_bytes: int = 50 * 1024 * 1024
    fetch_timeout: float = 20.0
    max_redirects: int = 5
    allow_private: bool = False
    follow_links: bool = False
    outlet: str | None = None
    user_agent: str = "newsprism/0.1 (+https://github.com/newsprism/newsprism)"
    detect_language: bool = True

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}")
        if self.fetch_timeout <= 0:
            raise ConfigError(f"fetch_timeout must be positive, got {self.fetch_timeout}")
        if self.max_redirects < 0:
            raise ConfigError(f"max_redirects must be 0 or more, got {self.max_redirects}")

    def with_changes(self, **changes: Any) -> Settings:
        """Return a copy with some fields replaced (``None`` values are ignored)."""
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def resolve_db_path(db: str | os.PathLike[str] | None) -> Path:
    """Pick the store file: the explicit path, else ``$NEWSPRISM_DB``, else ``./newsprism.db``."""
    if db:
        return Path(db)
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)
