"""The calendar: year, month and day written in words (2021年7月18日, 7月, 18日), with
the weekday, time of day and vague modifier that may follow; weekdays alone (月曜日,
(月)); fixed days (元日). ``chain`` reads a year-like head (given by the scanner, from
every kind's heads) and whatever month, day, period or modifier follows it."""

from __future__ import annotations

import re
from functools import lru_cache

from ...knowledge.schemas import TemporalLexicon
from .base import (
    KNUM,
    Built,
    Point,
    Rule,
    alt,
    before_words,
    kanji_to_int,
    longest,
    modifier_at,
    time_at,
)
from .periods import fiscal_period, period_tail

_KDIGIT = "〇零一二三四五六七八九"
# a number + 年 that counts years, not a year point, after these (に一度, にわたり)
_YEAR_POINT_AFTER = r"に(?!一度|わた|及|も|数|[1-9])|、|から|以降|以来|当時|ごろ|頃|のこと"


def _after_era(s: str, pos: int, lex: TemporalLexicon) -> bool:
    return pos > 0 and not s[pos - 1].isspace() and before_words(s, pos, lex.eras)


def _year4(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    year = kanji_to_int(m.group(1))
    if year is None or not 1000 <= year <= 2999:
        return None
    p, end = Point(year=year), m.end()
    if s.startswith("度", end):
        p.fiscal, end = True, end + 1
    return p, end


def _year3(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    """500年は古墳時代だ, 794年に都が移された: a year of three digits where the clause
    makes it a point in time (not 300年の歴史, 100年はかかる)."""
    if before_words(s, m.start(), lex.year2_not_after) or _after_era(s, m.start(), lex):
        return None
    return Point(year=int(m.group(1))), m.end()


def _year2(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    if m.group(3) and before_words(s, m.start(), lex.year2_not_after):
        return None
    if _after_era(s, m.start(), lex):
        return None  # 令和00年: no year of that era, and not a year of its own
    p, end = Point(year=int(m.group(1) or m.group(2) or m.group(3)), year2=True), m.end()
    if s.startswith("度", end):
        p.fiscal, end = True, end + 1
    return p, end


def _offset_year(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    year = kanji_to_int(m.group(2))
    return None if year is None else (Point(year=year + lex.calendar_offsets[m.group(1)]), m.end())


YEAR4 = Rule(
    "year", lambda lex: rf"(?<![\d,.])(\d{{4}}|[{_KDIGIT}]{{4}})\s?年(?![間目ぶ代])", _year4
)
YEAR3 = Rule(
    "year3",
    lambda lex: rf"(?<![\d,.])([1-9]\d{{2}})\s?年(?=は(?!かか|経|たっ|要)|{_YEAR_POINT_AFTER})",
    _year3,
)
# 18年5月, 23年度, 09年: two-digit years, only where the rest shows a calendar year
YEAR2 = Rule(
    "year2",
    lambda lex: (
        rf"(?<![\d,.])(\d{{2}})\s?年(?=\s?(?:\d{{1,2}}\s?月|[{KNUM}]{{1,2}}月|度|{alt(lex.seasons)}"
        rf"|末|初|前半|後半|半ば|第|中|{alt(list(lex.halves))}))"
        rf"|(?<![\d,.])(0\d)\s?年(?![間目ぶ])"
        rf"|(?<![\d,.])(\d{{2}})\s?年(?={_YEAR_POINT_AFTER})"
    ),
    _year2,
)
OFFSET_YEAR = Rule(
    "offset_year",
    lambda lex: (
        rf"({alt(list(lex.calendar_offsets))})\s?(\d{{4}}|[{_KDIGIT}]{{4}})\s?年(?![間目ぶ])"
    ),
    _offset_year,
)
HEADS = (YEAR4, YEAR3, YEAR2, OFFSET_YEAR)


# --- after the head: month, day, weekday, time ----------------------------------------------

_MONTH = re.compile(rf"\s?/?\s?(\d{{1,2}}|[{KNUM}]{{1,3}})\s?月(?![間曜])")
_DAY = re.compile(rf"\s?/?\s?(\d{{1,2}}|[{KNUM}]{{1,4}})\s?日(?![間目])")
_DAY_SPAN = re.compile(r"\s?(\d{1,2})\s?日?\s?[〜~\-–―ー]\s?(\d{1,2})\s?日(?![間目])")


@lru_cache(maxsize=4)
def _weekday_after(lex: TemporalLexicon) -> re.Pattern[str]:
    w = "".join(lex.weekdays)
    return re.compile(rf"\s?\(?([{w}])(?:曜日?\)?|\))")


def day_match(s: str, i: int) -> tuple[int, int] | None:
    """A day (18日) at i: the day and where it ends."""
    if (d := _DAY.match(s, i)) and (day := kanji_to_int(d.group(1))) and 1 <= day <= 31:
        return day, d.end()
    return None


def finish_day(s: str, i: int, p: Point, lex: TemporalLexicon) -> Built:
    """After a day: its weekday (30日(木), 30日木曜日) and time of day."""
    if w := _weekday_after(lex).match(s, i):
        p.weekday, i = lex.weekdays[w.group(1)], w.end()
    p.time, i = time_at(s, i)
    return p, i


def day_or_modifier(s: str, i: int, p: Point, lex: TemporalLexicon) -> Built:
    """After a month: a day or a span of days, else a vague modifier (上旬, 末)."""
    if (ds := _DAY_SPAN.match(s, i)) and 1 <= int(ds.group(1)) < int(ds.group(2)) <= 31:
        p.day, p.day_end = int(ds.group(1)), int(ds.group(2))  # 11月1〜2日
        return p, ds.end()
    if got := day_match(s, i):
        p.day = got[0]
        return finish_day(s, got[1], p, lex)
    p.modifier, i = modifier_at(s, i, lex)
    return p, i


def chain(s: str, pos: int, lex: TemporalLexicon, heads: tuple[Rule, ...]) -> Built | None:
    """A calendar expression starting exactly at pos: a head (a year, an era year, 昨年,
    a decade) or none, then a period, a month, a day and their modifiers."""
    head = longest(heads, s, pos, lex)
    if head is not None and head[0].final:
        return head
    p, i = head if head is not None else (Point(), pos)
    has_year = head is not None
    if p.decade is not None:
        p.modifier, i = modifier_at(s, i, lex)
        return p, i
    if (has_year or i == pos) and (got := period_tail(s, pos, i, p, has_year, lex)):
        return got
    if p.fiscal:
        return p, i
    mm = _MONTH.match(s, i) if (has_year or i == pos) else None
    if mm and not (i == pos and s[pos] in " /"):
        month = kanji_to_int(mm.group(1))
        if month is not None and 1 <= month <= 12:
            p.month, i = month, mm.end()
    if p.month is None:
        if not has_year:
            return None
        p.modifier, i = modifier_at(s, i, lex)
        return p, i
    if has_year and s.startswith("期", i):  # 25年3月期: the fiscal year that ends then
        return fiscal_period(s, i + 1, p, lex)
    return day_or_modifier(s, i, p, lex)


# --- expressions of their own: weekdays, bare days, fixed days ------------------------------


def _weekday(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    return Point(weekday_only=True, weekday=lex.weekdays[m.group(1)]), m.end()


def _bracket_weekday(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    pos = m.start()
    if pos and not (s[pos - 1].isspace() or s[pos - 1] in "、,。・「"):
        return None  # (月) after a word is a note on that word, not a weekday of its own
    return Point(weekday_only=True, weekday=lex.weekdays[m.group(1)]), m.end()


def _bare_day(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    pos = m.start()
    if not 1 <= int(m.group(1)) <= 31:
        return None
    if pos and s[pos - 1] != "\n" and not before_words(s, pos, lex.bare_day_before):
        return None
    p = Point(day=int(m.group(1)), bare_day=True)
    if w := _weekday_after(lex).match(s, m.end()):  # 12日(土): read, left out of the text
        p.weekday = lex.weekdays[w.group(1)]
    return p, m.end()


def _fixed_day(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    month, day = lex.fixed_days[m.group()]
    return Point(month=month, day=day, fixed=True), m.end()


def stands_alone(s: str, pos: int, lex: TemporalLexicon) -> bool:
    """Does what starts at pos follow a line start or a word a bare day may follow?"""
    return not pos or s[pos - 1] == "\n" or before_words(s, pos, lex.bare_day_before)


WEEKDAY = Rule(
    "weekday",
    lambda lex: (
        rf"(?<![A-Za-z0-9{''.join(lex.weekdays)}])([{''.join(lex.weekdays)}])曜(?:日)?(?!日)"
    ),
    _weekday,
)
BRACKET_WEEKDAY = Rule(
    "bracket_weekday", lambda lex: rf"\(([{''.join(lex.weekdays)}])(?:曜日?)?\)", _bracket_weekday
)
BARE_DAY = Rule(
    "bare_day",
    lambda lex: rf"(\d{{1,2}})\s?日(?=$|{alt(lex.bare_day_after)}|[{''.join(lex.weekdays)}]曜)",
    _bare_day,
    re.M,
)
FIXED_DAY = Rule("fixed_day", lambda lex: alt(list(lex.fixed_days)) or r"(?!)", _fixed_day)
RULES = (WEEKDAY, BRACKET_WEEKDAY, BARE_DAY, FIXED_DAY)
