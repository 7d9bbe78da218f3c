"""Japanese eras (every era from 大化 on, data/eras.toml) and the era letters of numeric
dates: 令和3年, 平成元年, R3年, 1878（明治11）年, 令和3/7/18, 令和3.7, R3.7.18."""

from __future__ import annotations

import re

from ...knowledge.schemas import TemporalLexicon
from .base import KNUM, Built, Point, Rule, alt, kanji_to_int

# 令和33年 is written for dates planned before an era ends: any year up to this is taken
MAX_ERA_YEAR = 99


def era_year(
    lex: TemporalLexicon, name: str | None, letter: str | None, n: int | None
) -> int | None:
    """The Gregorian year of year n of the era (named or by letter)."""
    if n is None or not 1 <= n <= MAX_ERA_YEAR:
        return None
    first = lex.eras[name] if name else lex.era_letters[letter or ""]
    return first + n - 1


def _era_head(lex: TemporalLexicon) -> str:
    return rf"(?:({alt(list(lex.eras))})|(?<![A-Za-z])([{''.join(lex.era_letters)}]))\s?"


def _year(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    year = era_year(lex, m.group(1), m.group(2), kanji_to_int(m.group(3)))
    if year is None:
        return None
    p = Point(year=year)
    end = m.end()
    if s.startswith("度", end):
        p.fiscal, end = True, end + 1
    return p, end


def _numeric(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    year = era_year(lex, m.group(1), m.group(2), kanji_to_int(m.group(3)))
    mo = int(m.group(5))
    day = int(m.group(6)) if m.group(6) else None
    if year is None or not 1 <= mo <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return Point(year=year, month=mo, day=day, final=True), m.end()


def _bracketed(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    return Point(year=int(m.group(1))), m.end()


# 令和3年, R3年, 令和元年, 令和03年
YEAR = Rule(
    "era_year",
    lambda lex: rf"{_era_head(lex)}(元|\d{{1,2}}|[{KNUM}]{{1,3}})\s?年(?![間目])",
    _year,
)
# 令和3/7/18, 令和3.7.18, 令和3-7-18, 令和3・7・18, R3.7.18, 令和3.7
NUMERIC = Rule(
    "era_numeric",
    lambda lex: (
        rf"{_era_head(lex)}(元|\d{{1,2}})([/.\-・])(\d{{1,2}})(?:\4(\d{{1,2}}))?(?![\d./%])"
    ),
    _numeric,
)
# 1878（明治11）年: the era in brackets repeats the year
BRACKETED = Rule(
    "era_bracketed",
    lambda lex: (
        rf"(?<![\d,.])(\d{{4}})\s?\(\s?(?:{alt(list(lex.eras))})\s?(?:元|\d{{1,2}}|[{KNUM}]{{1,3}})\s?年?\s?\)\s?年?"
    ),
    _bracketed,
)

HEADS = (BRACKETED, YEAR)
RULES = (NUMERIC,)
