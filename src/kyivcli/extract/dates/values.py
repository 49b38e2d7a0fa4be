"""TIMEX3 value strings: build, shift and inspect them."""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

from kyivcli.rx import compile as recompile

_DAY = recompile(r"^(\d{4}-\d{2}-\d{2})(?:T.*)?$")
_RANGE = recompile(r"^\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}$")


def fmt_year(y: int) -> str:
    return f"BC{-y:04d}" if y <= 0 else f"{y:04d}"


def fmt(y: int, m: int | None = None, d: int | None = None) -> str:
    out = fmt_year(y)
    if m is not None:
        out += f"-{m:02d}"
        if d is not None:
            out += f"-{d:02d}"
    return out


def valid_day(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y if y > 0 else 2000, m)[1]


def add_days(y: int, m: int, d: int, n: int) -> tuple[int, int, int]:
    if y <= 0:
        return y, m, d
    day = dt.date(y, m, d) + dt.timedelta(days=n)
    return day.year, day.month, day.day


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    total = y * 12 + (m - 1) + n
    return total // 12, total % 12 + 1


@lru_cache(maxsize=4096)  # an article's dates share a few hundred values, each asked for more than once
def day_part(value: str | None) -> str | None:
    """'2022-02-24T08:00' → '2022-02-24'; a day range stays; anything coarser → None."""
    if not value:
        return None
    if _RANGE.match(value):
        return value
    m = _DAY.match(value)
    return m.group(1) if m else None
