"""Ranges: two dates joined by a connector (2006年から2009年, 2020〜2022年, 2023年3月から5月,
3月1日〜5日, 2/1〜2/14), a span of bare days (1〜2日, 10日-20日). The end takes from the
start what it leaves out."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from ...knowledge.schemas import TemporalLexicon
from .base import Built, Point, alt, compiled
from .calendar import BARE_DAY, day_match, stands_alone

PointAt = Callable[[str, int, TemporalLexicon], Built | None]

_DAY_SPAN = re.compile(r"\s?(\d{1,2})\s?日?\s?[〜~\-–―ー]\s?(\d{1,2})\s?日(?![間目])")
_BARE_YEAR = re.compile(r"(?<![\d,.])(\d{4})(?!\d)")


@lru_cache(maxsize=4)
def _connector(lex: TemporalLexicon) -> re.Pattern[str]:
    return re.compile(rf"\s?(?:{alt(lex.range_connectors)})\s?")


def _inherit(second: Point, first: Point) -> Point:
    """The end of a range takes the fields it leaves out from the start (3月1日から5日)."""
    if second.rel or second.ago or first.rel or first.ago:
        return second
    year = second.year if second.year is not None else first.year
    month = second.month
    if month is None and second.day is not None:
        month = first.month
    return replace(second, year=year, month=month, bare_day=False)


def range_end(
    s: str, i: int, first: Point, lex: TemporalLexicon, point_at: PointAt
) -> Built | None:
    """The end of a range that starts with ``first`` and whose connector is at i."""
    c = _connector(lex).match(s, i)
    if not c or c.end() >= len(s):
        return None
    j = c.end()
    second = point_at(s, j, lex)
    if second is None and first.day is not None and (got := day_match(s, j)):
        second = (Point(day=got[0]), got[1])
    if second is None:
        return None
    point, end = second
    if point.weekday_only or point.rel or point.ago or point.quarter is not None:
        return None
    point = _inherit(point, first)
    if first.bare_day and point.year is None and point.month is None:
        point = replace(point, bare_day=True)  # 10日-20日
    if (point.year is None) != (first.year is None) and point.decade is None:
        return None
    return point, end


def day_span(s: str, pos: int, lex: TemporalLexicon) -> tuple[Point, Point, int] | None:
    """1〜2日, 10日-20日 standing where a bare day may: both days and the end."""
    ds = _DAY_SPAN.match(s, pos)
    if not ds or not 1 <= int(ds.group(1)) < int(ds.group(2)) <= 31:
        return None
    if not stands_alone(s, pos, lex):
        return None
    if not compiled(BARE_DAY, lex).match(s, ds.end() - len(ds.group(2)) - 1):
        return None
    return (
        Point(day=int(ds.group(1)), bare_day=True),
        Point(day=int(ds.group(2)), bare_day=True),
        ds.end(),
    )


def year_range(
    s: str, pos: int, lex: TemporalLexicon, point_at: PointAt
) -> tuple[Point, Point, int] | None:
    """2020〜2022年: a bare year opening a range of years."""
    b = _BARE_YEAR.match(s, pos)
    if not b:
        return None
    first = Point(year=int(b.group(1)))
    rng = range_end(s, b.end(), first, lex, point_at)
    if rng is None or rng[0].month is not None or rng[0].year is None:
        return None
    return first, rng[0], rng[1]
