"""Date bounds for queries (start/end): checked once, as BadDate when malformed."""

from __future__ import annotations

from kyivcli.errors import BadDate, KyivError


def date_bound(text: str | None) -> str | None:
    """A validated bound: YYYY, YYYY-MM, YYYY-MM-DD (or a BC year where the date layer reads one)."""
    from kyivcli.index.events import parse_bound

    try:
        bound = parse_bound(text, "date")
    except BadDate:
        raise
    except KyivError as e:
        raise BadDate(e.message) from None
    if bound and len(bound) == 10 and bound[0] != "-":  # a day that is on the calendar (no 30 February)
        import datetime as dt

        try:
            dt.date.fromisoformat(bound)
        except ValueError:
            raise BadDate(f"'{text}' is not a day on the calendar") from None
    if bound and len(bound) == 7 and bound[0] != "-" and not 1 <= int(bound[5:7]) <= 12:
        raise BadDate(f"'{text}' has no month {bound[5:7]}")
    return bound
