"""One error tree for newsprism.

Every error carries a stable ``code`` so that the CLI, the web app and logs can refer to a
failure class without parsing messages. A page that yields no article is not an error but a
:class:`newsprism.models.Failure` record: errors are for what stops a stage from running at all.
"""

from __future__ import annotations


class NewsprismError(Exception):
    """Base class of every error newsprism raises on purpose."""

    code = "NP000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class SourceError(NewsprismError):
    """A source could not be read: missing file, refused or failed URL, broken archive."""

    code = "NP100"


class FetchError(SourceError):
    """A URL could not be fetched (network failure, refused address, size cap, redirects)."""

    code = "NP110"


class ExtractionError(NewsprismError):
    """A document was read but no article could be extracted from it."""

    code = "NP200"


class StoreError(NewsprismError):
    """The store could not be opened, migrated or written."""

    code = "NP300"


class ConfigError(NewsprismError):
    """A setting has an invalid value."""

    code = "NP400"
