"""The SQLite store's write discipline: one IMMEDIATE transaction per write call."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[None]:
    """Run the block in one ``BEGIN IMMEDIATE`` transaction: all of it is written, or none.

    IMMEDIATE takes the write lock up front, so two writers queue (busy timeout) instead of
    failing half-way; readers go on under WAL.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def utc_now() -> str:
    """The current time as ISO 8601 UTC with a ``Z`` (what every ``*_at`` column holds)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
