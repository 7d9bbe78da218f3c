"""Dates written with numbers and separators: 2021/7/18, 2021-7-18, 2021.7.18, 2021・7・18,
2021,7,18, 2021年/7月/18日, 2021/7, 2021/7月, and a month/day with a slash (7/18,
2/1〜2/14) where the sentence is about a date, not a fraction or a score."""

from __future__ import annotations

import re

from ...knowledge.schemas import TemporalLexicon
from .base import Built, Point, Rule, after_words, alone
from .calendar import finish_day


def _valid(y: int, mo: int, d: int | None = None) -> bool:
    return 1000 <= y <= 2999 and 1 <= mo <= 12 and (d is None or 1 <= d <= 31)


def _ymd(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
    return (Point(year=y, month=mo, day=d, final=True), m.end()) if _valid(y, mo, d) else None


def _ym(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    y, mo = int(m.group(1)), int(m.group(2))
    return (Point(year=y, month=mo, final=True), m.end()) if _valid(y, mo) else None


def _weekday_follows(s: str, i: int, lex: TemporalLexicon) -> bool:
    return bool(re.match(rf"\s?\(?[{''.join(lex.weekdays)}](?:曜|\))", s[i : i + 5]))


def _month_day(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    """7/18: a date only before a weekday, a word of dates (に, から, 発売) or when it is
    the whole text (a field that holds a date); 全体の1/3を占める, 3/1で勝った and a page
    counter 1/2 on a line of its own among paragraphs are not."""
    mo, d, end, pos = int(m.group(1)), int(m.group(2)), m.end(), m.start()
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    whole = alone(s, pos, end)
    if whole or _weekday_follows(s, end, lex) or after_words(s, end, lex.slash_date_after):
        return finish_day(s, end, Point(month=mo, day=d, final=True), lex)  # 11/3(金)
    return None


# ASCII neighbours only: 2021/7/18に, 会議は2021/7/18 (kana and kanji are \w too)
YMD = Rule(
    "ymd",
    lambda lex: (
        r"(?<![\d/.\-A-Za-z_,・])(\d{4})年?\s?([/\-.・,])\s?(\d{1,2})月?\s?\2\s?(\d{1,2})日?"
        r"(?![\d/.\-,・]\d|\d|[A-Za-z_])"
    ),
    _ymd,
)
YM = Rule(
    "ym",
    lambda lex: r"(?<![\d/A-Za-z_])(\d{4})年?/(\d{1,2})(?:月|(?![\d/]|[A-Za-z_]))",
    _ym,
)
MONTH_DAY = Rule(
    "month_day",
    lambda lex: r"(?<![\d/.\-A-Za-z_:])(\d{1,2})/(\d{1,2})(?![\d/.:%]|[A-Za-z_])",
    _month_day,
)
RULES = (YMD, YM, MONTH_DAY)
