"""TimeML values as calendar arithmetic: days, weeks, months, quarters, seasons, years.

Pure functions over :class:`datetime.date`; no parsing of English here.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

__all__ = [
    "day",
    "easter",
    "month",
    "nth_weekday",
    "parse_anchor",
    "quarter",
    "season",
    "shift_days",
    "shift_months",
    "shift_value",
    "week",
    "weekday_near",
    "weekend",
    "year",
    "year_near",
]

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def parse_anchor(value: str | None) -> date | None:
    """The date of an ISO value that starts with YYYY-MM-DD, else None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def day(d: date) -> str:
    return d.isoformat()


def week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def weekend(d: date) -> str:
    return week(d) + "-WE"


def month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def quarter(d: date) -> str:
    return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"


def year(d: date) -> str:
    return f"{d.year:04d}"


def season(y: int, name: str) -> str:
    return f"{y:04d}-{name}"


def shift_days(d: date, n: int) -> date:
    return d + timedelta(days=n)


def shift_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` months, the day clipped to the month's length."""
    total = d.year * 12 + d.month - 1 + n
    y, m = divmod(total, 12)
    for dd in (d.day, 30, 29, 28):
        try:
            return date(y, m + 1, dd)
        except ValueError:
            continue
    raise ValueError(f"cannot shift {d} by {n} months")


_GRAIN = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2}))?|W(?P<w>\d{1,2})|Q(?P<q>[1-4])"
    r"|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?(?P<rest>.*)$"
)


def shift_value(value: str, n: int, unit: str) -> str | None:
    """Move a TimeML value by ``n`` units (D, W, M, Q, Y), keeping its granularity."""
    match = _GRAIN.match(value)
    if not match:
        return None
    g = match.groupdict()
    y = int(g["y"])
    months = {"D": 0, "W": 0, "M": n, "Q": 3 * n, "Y": 12 * n}[unit]
    days = {"D": n, "W": 7 * n}.get(unit, 0)
    if g["d"]:
        d = shift_months(date(y, int(g["m"]), int(g["d"])), months) + timedelta(days=days)
        return day(d) + g["rest"]
    if g["m"]:
        d = shift_months(date(y, int(g["m"]), 1), months) + timedelta(days=days)
        return month(d)
    if g["w"]:
        d = date.fromisocalendar(y, int(g["w"]), 1)
        return week(shift_months(d, months) + timedelta(days=days))
    if g["q"]:
        d = shift_months(date(y, 3 * int(g["q"]) - 2, 1), months)
        return quarter(d)
    if days:
        return None
    shifted = shift_months(date(y, 1, 1), months)
    if g["h"]:
        return f"{shifted.year:04d}-H{g['h']}" if months % 12 == 0 else None
    if g["s"]:
        return season(shifted.year, g["s"]) if months % 12 == 0 else None
    return year(shifted) if months % 12 == 0 else None


def weekday_near(anchor: date, weekday: int, direction: int) -> date:
    """The ``weekday`` (0 = Monday) nearest ``anchor``: on or before it (direction -1),
    on or after it (+1), strictly before (-2) or strictly after (+2)."""
    delta = (weekday - anchor.weekday()) % 7
    if direction == 1:
        return anchor + timedelta(days=delta)
    if direction == 2:
        return anchor + timedelta(days=delta or 7)
    back = (anchor.weekday() - weekday) % 7
    if direction == -2:
        back = back or 7
    return anchor - timedelta(days=back)


def year_near(anchor: date, m: int, d: int, tense: str | None) -> int:
    """The year for a year-less month/day: the nearest to ``anchor``; a past-tense
    sentence prefers the past, a future one the future."""
    best: tuple[float, int] | None = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = date(y, m, d)
        except ValueError:
            candidate = date(y, m, 28)
        gap = (candidate - anchor).days
        cost = float(abs(gap))
        if (tense == "past" and gap > 7) or (tense == "future" and gap < -7):
            cost += 200
        elif tense != "future" and gap > 7:
            cost += 60
        if best is None or cost < best[0]:
            best = (cost, y)
    assert best is not None
    return best[1]


def easter(y: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    mo, da = divmod(h + l_ - 7 * m + 114, 31)
    return date(y, mo, da + 1)


def nth_weekday(y: int, m: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` of a month (n = -1: the last)."""
    if n > 0:
        first = date(y, m, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = shift_months(date(y, m, 1), 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)
