"""Normalized date values read back as calendar spans: what the query path needs of
dates, without the date grammar (stdlib only)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_VALUE = re.compile(
    r"^(?:(?P<decade>\d{3})X|(?P<y>\d{4})(?:-W(?P<w>\d{2})|-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?)"
    r"(?:T\d{2}:\d{2})?$"
)


def parse_date_value(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a normalized value covers: 2023 -> 2023-01-01..2023-12-31,
    200X -> 2000-01-01..2009-12-31, 2006/2009 -> 2006-01-01..2009-12-31."""
    if "/" in value:
        a, _, b = value.partition("/")
        first, last = parse_date_value(a), parse_date_value(b)
        if first is None or last is None:
            return None
        return first[0], last[1]
    m = _VALUE.match(value.strip())
    if not m:
        return None
    try:
        if m.group("decade"):
            y0 = int(m.group("decade")) * 10
            return dt.date(y0, 1, 1), dt.date(y0 + 9, 12, 31)
        y = int(m.group("y"))
        if m.group("w"):
            monday = dt.date.fromisocalendar(y, int(m.group("w")), 1)
            return monday, monday + dt.timedelta(days=6)
        if m.group("m") is None:
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        mo = int(m.group("m"))
        if m.group("d") is None:
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
        day = dt.date(y, mo, int(m.group("d")))
        return day, day
    except ValueError:
        return None
