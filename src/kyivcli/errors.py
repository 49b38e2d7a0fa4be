"""What the library raises for a problem its caller can act on, said in terms of the API.

The CLI alone turns these into exit codes and names its flags (kyivcli.cli.errors); nothing here
knows about a terminal.
"""

from __future__ import annotations


class KyivError(Exception):
    """A problem the caller can act on; `message` is one line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(KyivError):
    """The article cannot be read: unreadable, binary, not UTF-8, too large."""


class InputNotFound(InputError):
    """The path names no file (or a directory)."""


class QueryError(KyivError, ValueError):
    """A bad argument to a query: a malformed date, an unknown section, an empty name."""


class BadDate(QueryError):
    """A date bound that is not YYYY, YYYY-MM, YYYY-MM-DD or a BC year, or not on the calendar."""


class SectionNotFound(QueryError):
    """No section matches the number, slug or title given."""


class AmbiguousSection(QueryError):
    """Several sections match a title fragment."""


class NoMatch(QueryError):
    """A town or unit query names nothing in the article."""


class PlacesFileError(QueryError):
    """A places file (user corrections) that cannot be read as name,lat,lon,kind,country rows."""


class GazetteerError(KyivError):
    """The GeoNames lookup cannot be built or read."""

