"""Periods longer than a month: centuries, BC years, decades, seasons of a year, quarters,
halves, spans of months (4~6月期) and fiscal periods (2025年度, 25年3月期)."""

from __future__ import annotations

import re
from functools import lru_cache

from ...knowledge.schemas import TemporalLexicon
from .base import DASH, KNUM, Built, Point, Rule, alone, alt, kanji_to_int, modifier_at

_KDIGIT = "〇零一二三四五六七八九"


def _century(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    cent = kanji_to_int(m.group("n"))
    if cent is None or not 1 <= cent <= 30:
        return None
    p = Point(century=cent, bc=bool(m.group("bc")))
    p.modifier, end = modifier_at(s, m.end(), lex)
    return p, end


def _bc_year(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    year = kanji_to_int(m.group(1))
    if year is None or year < 1:
        return None
    return Point(year=year, bc=True, final=True), m.end()


def _decade4(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    year = kanji_to_int(m.group(1))
    if year is None or year % 10 or not 1000 <= year <= 2999:
        return None
    return Point(decade=year // 10), m.end()


def _decade2(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    digit = int(m.group(1))
    return Point(decade=(190 if digit >= 3 else 200) + digit), m.end()


def _season_year(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    year = int(m.group(1))
    return (Point(year=year), m.end()) if 1000 <= year <= 2999 else None


def _fiscal_label(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    """FY2024, FY24: the fiscal year (2024年度)."""
    digits = m.group(1)
    if len(digits) == 4:
        year = int(digits)
        return (Point(year=year, fiscal=True), m.end()) if 1000 <= year <= 2999 else None
    return Point(year=int(digits), year2=True, fiscal=True), m.end()


def _quarter(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    n = kanji_to_int(m.group(1))
    return (Point(quarter=n, final=True), m.end()) if n is not None and 1 <= n <= 4 else None


def _sentence(s: str, pos: int, end: int, reach: int = 200) -> str:
    """The sentence around pos..end, at most ``reach`` characters either side."""
    lo, hi = max(0, pos - reach), min(len(s), end + reach)
    start = max(s.rfind("。", lo, pos), s.rfind("\n", lo, pos), lo - 1) + 1
    stops = [k for k in (s.find("。", end, hi), s.find("\n", end, hi)) if k >= 0]
    return s[start : min(stops, default=hi)]


def _q_label(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    """Q1-Q4 of a business period: in a sentence about one, beside a year, or alone;
    a question label (Q1: Q2.) or a name (アウディQ3) is not one."""
    pos, end = m.start(), m.end()
    if end < len(s) and s[end] in ":.)、":
        return None
    if (pos == 0 or s[pos - 1] == "\n") and end < len(s) and s[end] == " ":
        return None  # "Q1 どう思いますか": a numbered question
    beside_year = re.search(r"(?:\d{4}\s?年?|FY\s?\d{2,4})\s?$", s[max(0, pos - 8) : pos])
    whole = alone(s, pos, end)
    sentence = _sentence(s, pos, end)
    if beside_year or whole or any(w in sentence for w in lex.quarter_context):
        return Point(quarter=int(m.group(1)), final=True), end
    return None


CENTURY = Rule(
    "century",
    lambda lex: (
        rf"(?:(?P<bc>{alt(lex.bc_prefixes)})\s?)?(?P<n>\d{{1,2}}|[{KNUM}]{{1,3}})\s?世紀(?!間)"
    ),
    _century,
)
BC_YEAR = Rule(
    "bc_year",
    lambda lex: rf"(?:{alt(lex.bc_prefixes)})\s?(\d{{1,4}}|[{_KDIGIT}]{{1,4}})\s?年(?![間目ぶ])",
    _bc_year,
)
DECADE4 = Rule("decade", lambda lex: rf"(?<![\d,.])(\d{{4}}|[{_KDIGIT}]{{4}})\s?年代", _decade4)
DECADE2 = Rule("decade2", lambda lex: r"(?<![\d,.])(\d)0年代", _decade2)
# 2021春, 2021/春 (2021年春 is a year and a modifier): the year, the season follows
SEASON_YEAR = Rule(
    "season_year",
    lambda lex: rf"(?<![\d,.])(\d{{4}})\s?/?\s?(?=(?:{alt(lex.seasons)})(?!日))",
    _season_year,
)
QUARTER = Rule("quarter", lambda lex: r"第\s?([1-4一二三四])\s?四半期", _quarter)
Q_QUARTER = Rule("q_quarter", lambda lex: r"(?<![A-Za-z0-9])Q([1-4])(?![A-Za-z0-9])", _q_label)

FISCAL_LABEL = Rule(
    "fiscal_label", lambda lex: r"(?<![A-Za-z])FY\s?'?(\d{4}|\d{2})(?!\d)", _fiscal_label
)

HEADS = (BC_YEAR, DECADE4, DECADE2, SEASON_YEAR, FISCAL_LABEL)
RULES = (CENTURY, QUARTER, Q_QUARTER)

_QUARTER_AFTER = re.compile(r"第?\s?([1-4一二三四])\s?四半期|\s?Q([1-4])(?![0-9A-Za-z])")
_MONTH_SPAN = re.compile(
    rf"(\d{{1,2}}|[{KNUM}]{{1,2}})\s?月?\s?{DASH}\s?(\d{{1,2}}|[{KNUM}]{{1,2}})\s?月(期)?"
)


@lru_cache(maxsize=4)
def _half_pattern(lex: TemporalLexicon) -> re.Pattern[str]:
    return re.compile(alt(list(lex.halves)))


def period_tail(
    s: str, pos: int, i: int, p: Point, has_year: bool, lex: TemporalLexicon
) -> Built | None:
    """After a year (or at the start): a quarter, a half or a span of months."""
    j = i + 1 if not p.fiscal and s.startswith("度", i) else i
    if q := _QUARTER_AFTER.match(s, j):
        n = kanji_to_int(q.group(1) or q.group(2))
        if n is not None and 1 <= n <= 4 and (has_year or s.startswith("第", pos)):
            p.quarter = n
            return p, q.end()
    if has_year and (h := _half_pattern(lex).match(s, j)):
        p.half = lex.halves[h.group()]
        return p, h.end()
    if ms := _MONTH_SPAN.match(s, i):
        a, b = kanji_to_int(ms.group(1)), kanji_to_int(ms.group(2))
        if a is not None and b is not None and 1 <= a < b <= 12 and (has_year or ms.group(3)):
            p.month, p.month_end = a, b
            return p, ms.end()
    return None


def fiscal_period(s: str, i: int, p: Point, lex: TemporalLexicon) -> Built:
    """25年3月期: the fiscal year that ends in that month, maybe with a quarter or half."""
    p.fiscal_end, p.month = p.month, None
    if q := _QUARTER_AFTER.match(s, i):
        n = kanji_to_int(q.group(1) or q.group(2))
        if n is not None and 1 <= n <= 4:
            p.quarter = n
            return p, q.end()
    if h := _half_pattern(lex).match(s, i):
        p.half = lex.halves[h.group()]
        return p, h.end()
    return p, i
