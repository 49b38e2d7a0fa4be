"""Date bounds for queries (start/end): checked once, as BadDate when malformed."""

from __future__ import annotations

from kyivcli.errors import BadDate, KyivError


def date_bound(text: str | None) -> str | None:
    """A validated bound: YYYY, YYYY-MM, YYYY-MM-DD (or a BC year where the date layer reads one)."""
    from kyivcli.index.events import parse_bound

    try:
        return parse_bound(text, "date")
    except BadDate:
        raise
    except KyivError as e:
        raise BadDate(e.message) from None
