"""Storage: the :class:`Store` interface and its SQLite implementation.

Everything above this package talks to :class:`Store`; a PostgreSQL backend implements the
same methods.
"""

from newsprism.store.base import AddResult, Store
from newsprism.store.sqlite import SQLiteStore, open_store

__all__ = ["AddResult", "SQLiteStore", "Store", "open_store"]
