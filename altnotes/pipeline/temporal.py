"""Japanese and English date expressions → normalized values.

``find_dates(text, doc_date)`` finds every date expression in a document and gives each an
ISO-8601-style ``value`` at the precision the text gives (``2023-11-17``, ``2023-11``,
``2019``, ``200X`` for a decade, ``2025-W06`` for a week, ``2006/2009`` for a range) or
``None`` when nothing anchors it. Relative words (昨年, 先月, 9年前) are resolved against the
document date; anaphoric ones (同年, 翌日) against the date last mentioned in the text.

The vocabulary (eras, relative words, units, hedges, modifiers, month names) is data, in
``data/temporal.toml``; this module holds the grammar. Offsets always index the original
text: the only normalization is a one-to-one character map (full-width digits and
punctuation), so a match in the mapped text is a match in the original. Knows nothing of
entities or spaCy.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from ..knowledge.schemas import TemporalLexicon, Unit, load_temporal

Kind = Literal[
    "date", "fuzzy", "decade", "century", "fiscal_year", "quarter", "half", "range", "relative"
]


# --- results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateMatch:
    """One date expression: its span in the original text and its normalized value."""

    start: int
    end: int
    text: str
    value: str | None
    kind: Kind = "date"
    range_start: str | None = None
    range_end: str | None = None
    resolved: bool = False  # the value was computed from the document date or the context
    anchor: Literal["document", "context"] | None = None
    modifier: str | None = None  # end, start, spring, about ... (2022年末 -> "end")
    time: str | None = None  # HH:MM when the text gives a time of day


# --- one-to-one normalization ----------------------------------------------------------------

_WIDE = {chr(0xFF10 + i): str(i) for i in range(10)}
_WIDE.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_WIDE.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})
_WIDE.update({"／": "/", "～": "〜", "－": "-", "，": ",", "．": ".", "：": ":", "　": " "})
_WIDE.update({"（": "(", "）": ")"})
_ONE_TO_ONE = str.maketrans(_WIDE)

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_KANJI_DIGITS.update({"八": 8, "九": 9})
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_KNUM = "〇零一二三四五六七八九十百千"


def kanji_to_int(text: str) -> int | None:
    """二〇二四 -> 2024, 十二 -> 12, 三十一 -> 31, 元 -> 1; digits pass through."""
    if text.isdigit():
        return int(text)
    if text == "元":
        return 1
    if text and all(c in _KANJI_DIGITS for c in text):
        return int("".join(str(_KANJI_DIGITS[c]) for c in text))
    total, current = 0, 0
    for ch in text:
        if ch in _KANJI_DIGITS:
            current = _KANJI_DIGITS[ch]
        elif ch in _KANJI_UNITS:
            total += (current or 1) * _KANJI_UNITS[ch]
            current = 0
        else:
            return None
    return total + current


# --- the grammar ----------------------------------------------------------------------------


def _alt(words: list[str] | tuple[str, ...] | set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Grammar:
    year_abs: re.Pattern[str]
    year_era: re.Pattern[str]
    decade2: re.Pattern[str]
    bare_year: re.Pattern[str]
    rel_word: re.Pattern[str]
    month: re.Pattern[str]
    day: re.Pattern[str]
    bare_day: re.Pattern[str]
    weekday: re.Pattern[str]
    weekday_alone: re.Pattern[str]
    year2: re.Pattern[str]
    year_bracket_era: re.Pattern[str]
    year_offset: re.Pattern[str]
    era_numeric: re.Pattern[str]
    century: re.Pattern[str]
    quarter: re.Pattern[str]
    half: re.Pattern[str]
    month_span: re.Pattern[str]
    day_span: re.Pattern[str]
    fixed_day: re.Pattern[str] | None
    rel_season: re.Pattern[str] | None
    span_ago: re.Pattern[str] | None
    time: re.Pattern[str]
    modifier: re.Pattern[str]
    season_pair: re.Pattern[str]
    ago: re.Pattern[str]
    iso: re.Pattern[str]
    year_month_slash: re.Pattern[str]
    english: tuple[re.Pattern[str], ...]
    connector: re.Pattern[str]
    starts: re.Pattern[str]


NUM = rf"(?:\d{{1,4}}|[{_KNUM}]{{1,6}})"


@lru_cache(maxsize=2)
def _grammar(lex: TemporalLexicon) -> _Grammar:
    rel_words = [w for w, _, _ in lex.document_relative.items() + lex.context_relative.items()]
    units = _alt(list(lex.units))
    months = _alt(list(lex.english_months))
    seasons = _alt(lex.seasons)
    mods = _alt([m for m in lex.modifiers if m not in lex.seasons])
    weekdays = "".join(lex.weekdays)
    eras = _alt(list(lex.eras))
    letters = "".join(lex.era_letters)
    bc = _alt(lex.bc_prefixes)
    dash = "[〜~\\-–―ー]"
    after_day = _alt(lex.bare_day_after)
    english = (
        # February 12, 2025 / Feb. 12th 2025
        re.compile(
            rf"(?<![A-Za-z])(?P<mon>{months})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
            rf"(?P<y>\d{{4}})(?!\d)",
            re.IGNORECASE,
        ),
        # 12 February 2025
        re.compile(
            rf"(?<![A-Za-z\d])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{months})\.?,?\s+"
            rf"(?P<y>\d{{4}})(?!\d)",
            re.IGNORECASE,
        ),
        # March 2025
        re.compile(rf"(?<![A-Za-z])(?P<mon>{months})\.?,?\s+(?P<y>\d{{4}})(?!\d)", re.IGNORECASE),
        # February 12 (the year comes from the context or the document date)
        re.compile(
            rf"(?<![A-Za-z])(?P<mon>{months})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:,.]\d)"
            rf"(?![\d])",
            re.IGNORECASE,
        ),
    )
    return _Grammar(
        year_abs=re.compile(
            rf"(?:(?P<bc>{bc})\s?)?(?<![\d,.])(\d{{4}}|[〇零一二三四五六七八九]{{4}})\s?年(?![間目ぶ])"
        ),
        year_era=re.compile(
            rf"(?:({eras})|(?<![A-Za-z])([{letters}]))\s?(元|\d{{1,2}}|[{_KNUM}]{{1,3}})\s?年(?![間目])"
        ),
        # 18年5月, 23年度, 09年: two-digit years, only where the rest shows a calendar year
        year2=re.compile(
            rf"(?<![\d,.])(\d{{2}})\s?年(?=\s?(?:\d{{1,2}}\s?月|[{_KNUM}]{{1,2}}月|度|{seasons}"
            rf"|末|初|前半|後半|半ば|第|中|{_alt(list(lex.halves))}))"
            rf"|(?<![\d,.])(0\d)\s?年(?![間目ぶ])"
            # 89年に, 64年、: a year point, checked against what stands before (see below)
            rf"|(?<![\d,.])(\d{{2}})\s?年(?=に(?!一度|わた|及|も|数|[1-9])|、|から|以降|以来|当時|ごろ|頃|のこと)"
        ),
        # 1878（明治11）年: the era in brackets repeats the year
        year_bracket_era=re.compile(
            rf"(?<![\d,.])(\d{{4}})\s?[（(]\s?(?:{eras})\s?(?:元|\d{{1,2}}|[{_KNUM}]{{1,3}})\s?年?\s?[）)]\s?年?"
        ),
        year_offset=re.compile(
            rf"({_alt(list(lex.calendar_offsets))})\s?(\d{{4}}|[〇零一二三四五六七八九]{{4}})\s?年(?![間目ぶ])"
        ),
        # 令和3/7/18, 令和3.7.18, R3.7.18
        era_numeric=re.compile(
            rf"(?:({eras})|(?<![A-Za-z])([{letters}]))\s?(元|\d{{1,2}})([/.])(\d{{1,2}})\4(\d{{1,2}})(?![\d./])"
        ),
        century=re.compile(
            rf"(?:(?P<bc>{bc})\s?)?(?P<n>\d{{1,2}}|[{_KNUM}]{{1,3}})\s?世紀(?![間])"
        ),
        # 2021年第1四半期, 第3四半期, 2024年度第2四半期
        quarter=re.compile(r"第?\s?([1-4一二三四])\s?四半期"),
        half=re.compile(_alt(list(lex.halves))),
        # 4~6月期, 4―9月, 1〜3月
        month_span=re.compile(
            rf"(\d{{1,2}}|[{_KNUM}]{{1,2}})\s?月?\s?{dash}\s?(\d{{1,2}}|[{_KNUM}]{{1,2}})\s?月(期)?"
        ),
        day_span=re.compile(rf"\s?(\d{{1,2}})\s?日?\s?{dash}\s?(\d{{1,2}})\s?日(?![間目])"),
        fixed_day=re.compile(_alt(list(lex.fixed_days))) if lex.fixed_days else None,
        rel_season=re.compile(_alt(list(lex.relative_seasons))) if lex.relative_seasons else None,
        span_ago=re.compile(
            rf"(?:{_alt(lex.hedges_before)})?({_alt(list(lex.spans))})(?:{_alt(lex.hedges_after)})?"
            rf"(前(?![後半提者述])|後(?!半)|先(?![輩生端頭]))"
        )
        if lex.spans
        else None,
        decade2=re.compile(r"(?<![\d,.])(\d)0年代"),
        bare_year=re.compile(r"(?<![\d,.])(\d{4})(?!\d)"),
        rel_word=re.compile(_alt(rel_words)),
        month=re.compile(rf"\s?(\d{{1,2}}|[{_KNUM}]{{1,3}})\s?月(?![間曜])"),
        day=re.compile(rf"\s?(\d{{1,2}}|[{_KNUM}]{{1,4}})\s?日(?![間])"),
        bare_day=re.compile(rf"(\d{{1,2}})\s?日(?=$|{after_day})", re.M),
        weekday=re.compile(rf"\s?[（(]?([{weekdays}])(?:曜日?|(?<=[（(].)[）)]|[）)])[）)]?"),
        weekday_alone=re.compile(rf"(?<![A-Za-z0-9{weekdays}])([{weekdays}])曜(?:日)?(?!日)"),
        time=re.compile(r"[、,]?\s?(午前|午後)?\s?(\d{1,2})時(?:(\d{1,2})分|(半))?"),
        modifier=re.compile(rf"(?:の)?({mods})"),
        season_pair=re.compile(rf"(?:の)?({seasons})(?:か({seasons}))?(頃|ごろ|ころ)?"),
        ago=re.compile(
            rf"(?:{_alt(lex.hedges_before)})?(?P<n>{NUM}|数[十百千]?|十数)(?:{_alt(lex.hedges_after)})?"
            rf"(?P<unit>{units})(?:{_alt(lex.hedges_after)})?(?P<dir>前(?![後半提者述])|後(?!半)|先(?![輩生端頭]))"
        ),
        # ASCII neighbours only: 2021/7/18に, 会議は2021/7/18 (kana and kanji are \\w too)
        iso=re.compile(
            r"(?<![\d/.\-A-Za-z_])(\d{4})([/\-.])(\d{1,2})\2(\d{1,2})(?![\d/.\-]|[A-Za-z_])"
        ),
        year_month_slash=re.compile(r"(?<![\d/A-Za-z_])(\d{4})/(\d{1,2})(?![\d/]|[A-Za-z_])"),
        english=english,
        connector=re.compile(rf"\s?(?:{_alt(lex.range_connectors)})\s?"),
        starts=re.compile(
            "|".join(
                [rf"[\d{_KNUM}A-Za-z]|数|第|[{weekdays}]曜"]
                + [
                    _alt(words)
                    for words in (
                        list(lex.eras),
                        rel_words,
                        lex.hedges_before,
                        list(lex.fixed_days),
                        list(lex.relative_seasons),
                        list(lex.spans),
                        lex.bc_prefixes,
                        list(lex.calendar_offsets),
                        list(lex.halves),
                    )
                    if words
                ]
            )
        ),
    )


# --- parsing one expression into a point ------------------------------------------------------


@dataclass
class _Point:
    year: int | None = None
    month: int | None = None
    day: int | None = None
    decade: int | None = None  # 200 for 2000年代
    fiscal: bool = False
    modifier: str | None = None
    time: str | None = None
    rel: tuple[str, Unit, int] | None = None  # (document|context, unit, offset): 昨年, 同月
    ago: tuple[Unit, int | None, int, bool] | None = None  # unit, n, sign, anaphoric
    weekday_only: bool = False
    weekday: int | None = None  # 0 = Monday, for a weekday alone (月曜日)
    bare_day: bool = False
    year2: bool = False  # the year was written with two digits (18年): century to choose
    bc: bool = False  # 紀元前
    century: int | None = None  # 21世紀 -> 21
    quarter: int | None = None  # 第1四半期
    half: int | None = None  # 上期
    month_end: int | None = None  # 4~6月期: the last month of the span
    day_end: int | None = None  # 11月1〜2日, 1〜2日: the last day of the span
    fixed: bool = False  # 元日: a fixed day whose year comes from context


def _modifier_at(s: str, i: int, g: _Grammar, lex: TemporalLexicon) -> tuple[str | None, int]:
    m = g.season_pair.match(s, i)
    if m:
        name = lex.modifiers[m.group(1)]
        if m.group(2):
            name = f"{name}_or_{lex.modifiers[m.group(2)]}"
        return name, m.end()
    m = g.modifier.match(s, i)
    if m:
        return lex.modifiers[m.group(1)], m.end()
    return None, i


def _blocked(s: str, end: int, word: str, lex: TemporalLexicon) -> bool:
    return any(s.startswith(after, end) for after in lex.not_after.get(word, []))


def _time_at(s: str, i: int, g: _Grammar) -> tuple[str | None, int]:
    m = g.time.match(s, i)
    if not m:
        return None, i
    hour = int(m.group(2))
    minute = int(m.group(3)) if m.group(3) else (30 if m.group(4) else 0)
    if m.group(1) == "午後" and hour < 12:
        hour += 12
    elif m.group(1) == "午前" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None, i
    return f"{hour:02d}:{minute:02d}", m.end()


def _rel_lookup(word: str, lex: TemporalLexicon) -> tuple[str, Unit, int] | None:
    for scope, words in (("document", lex.document_relative), ("context", lex.context_relative)):
        for w, unit, n in words.items():
            if w == word:
                return scope, unit, n
    return None


def _parse_point(s: str, pos: int, g: _Grammar, lex: TemporalLexicon) -> tuple[_Point, int] | None:
    """A calendar expression starting exactly at ``pos``: year, month, day and their
    relatives, with weekday, time and vague modifiers."""
    p = _Point()
    i = pos
    has_year = False
    if m := g.year_bracket_era.match(s, pos):
        p.year, i, has_year = int(m.group(1)), m.end(), True
    elif m := g.year_offset.match(s, pos):
        year = kanji_to_int(m.group(2))
        if year is None:
            return None
        p.year, i, has_year = year + lex.calendar_offsets[m.group(1)], m.end(), True
    elif (m := g.year_abs.match(s, pos)) and m.group("bc"):
        year = kanji_to_int(m.group(2))
        if year is None or year < 1:
            return None
        p.year, p.bc, i = year, True, m.end()
        return p, i
    elif m := g.year_abs.match(s, pos):
        year = kanji_to_int(m.group(2))
        if year is None or not 1000 <= year <= 2999:
            return None
        i = m.end()
        if s.startswith("代", i):
            if year % 10:
                return None
            p.decade, i = year // 10, i + 1
        else:
            p.year = year
            if s.startswith("度", i):
                p.fiscal, i = True, i + 1
        has_year = True
    elif m := g.year_era.match(s, pos):
        n = kanji_to_int(m.group(3))
        if n is None or n < 1 or n > 64:
            return None
        first = lex.eras[m.group(1)] if m.group(1) else lex.era_letters[m.group(2)]
        p.year, i, has_year = first + n - 1, m.end(), True
        if s.startswith("度", i):
            p.fiscal, i = True, i + 1
    elif (m := g.year2.match(s, pos)) and not (
        m.group(3) and any(s.endswith(w, 0, pos) for w in lex.year2_not_after)
    ):
        yy = m.group(1) or m.group(2) or m.group(3)
        p.year, p.year2, i, has_year = int(yy), True, m.end(), True
        if s.startswith("度", i):
            p.fiscal, i = True, i + 1
    elif m := g.decade2.match(s, pos):
        digit = int(m.group(1))
        p.decade, i, has_year = (190 if digit >= 3 else 200) + digit, m.end(), True
    elif m := g.rel_word.match(s, pos):
        word = m.group()
        if _blocked(s, m.end(), word, lex):
            return None
        rel = _rel_lookup(word, lex)
        assert rel is not None
        if (
            rel[0] == "context"
            and pos
            and s[pos - 1] in lex.event_before
            and s[max(0, pos - 2) : pos] not in ("その", "この")
        ):
            rel = ("event", rel[1], rel[2])  # 指名された翌日: a day we cannot place
        p.rel, i = rel, m.end()
        if rel[1] == "year":
            has_year = True
            if s.startswith("度", i):
                p.fiscal, i = True, i + 1
        elif rel[1] == "day":
            return _finish_day(s, i, p, g, lex)
        elif rel[1] == "week":
            if (d := g.day.match(s, i)) and (day := kanji_to_int(d.group(1))) and day <= 31:
                p.day = day  # 翌週28日: the 28th of that week
                return _finish_day(s, d.end(), p, g, lex)
            return p, i
        else:  # a month word: 先月, 同月; a day may follow (先月10日)
            return _day_or_modifier(s, i, p, g, lex)
    elif m := g.weekday_alone.match(s, pos):
        p.weekday_only, p.weekday = True, lex.weekdays[m.group(1)]
        return p, m.end()
    if p.decade is not None:
        mod, i = _modifier_at(s, i, g, lex)
        p.modifier = mod
        return p, i
    if has_year or i == pos:
        j = i + 1 if p.fiscal is False and s.startswith("度", i) else i
        if q := g.quarter.match(s, j):
            n = kanji_to_int(q.group(1))
            if n is not None and 1 <= n <= 4 and (has_year or s.startswith("第", pos)):
                p.quarter = n
                return p, q.end()
        if has_year and (h := g.half.match(s, j)):
            p.half = lex.halves[h.group()]
            return p, h.end()
        if ms := g.month_span.match(s, i):
            a, b = kanji_to_int(ms.group(1)), kanji_to_int(ms.group(2))
            if a is not None and b is not None and 1 <= a < b <= 12 and (has_year or ms.group(3)):
                p.month, p.month_end = a, b
                return p, ms.end()
    # month
    if p.fiscal:
        return p, i
    mm = g.month.match(s, i) if (has_year or i == pos) else None
    if mm:
        month = kanji_to_int(mm.group(1))
        if month is not None and 1 <= month <= 12 and not (i == pos and s[pos] == " "):
            p.month, i = month, mm.end()
    if p.month is None:
        if not has_year:
            return None
        mod, i = _modifier_at(s, i, g, lex)
        p.modifier = mod
        return p, i
    if has_year and s.startswith("期", i):  # 25年3月期: the period that ends then
        return p, i + 1
    return _day_or_modifier(s, i, p, g, lex)


def _day_or_modifier(
    s: str, i: int, p: _Point, g: _Grammar, lex: TemporalLexicon
) -> tuple[_Point, int]:
    """After a month: a day (with weekday and time), else a vague modifier (上旬, 末)."""
    if (ds := g.day_span.match(s, i)) and 1 <= int(ds.group(1)) < int(ds.group(2)) <= 31:
        p.day, p.day_end = int(ds.group(1)), int(ds.group(2))  # 11月1〜2日
        return p, ds.end()
    if d := g.day.match(s, i):
        day = kanji_to_int(d.group(1))
        if day is not None and 1 <= day <= 31:
            p.day, i = day, d.end()
            return _finish_day(s, i, p, g, lex)
    mod, i = _modifier_at(s, i, g, lex)
    p.modifier = mod
    return p, i


def _finish_day(s: str, i: int, p: _Point, g: _Grammar, lex: TemporalLexicon) -> tuple[_Point, int]:
    if w := g.weekday.match(s, i):
        i = w.end()
    t, i = _time_at(s, i, g)
    p.time = t
    return p, i


def _parse_ago(s: str, pos: int, g: _Grammar, lex: TemporalLexicon) -> tuple[_Point, int] | None:
    m = g.ago.match(s, pos)
    if not m:
        return None
    raw = m.group("n")
    n = None if "数" in raw else kanji_to_int(raw)
    if n is not None and n > 200 and lex.units[m.group("unit")] != "year":
        return None
    before = s[max(0, pos - 4) : pos]
    anaphoric = any(before.endswith(w) for w in lex.anaphoric_before)
    sign = -1 if m.group("dir") == "前" else 1
    return _Point(ago=(lex.units[m.group("unit")], n, sign, anaphoric)), m.end()


def _parse_english(
    s: str, pos: int, g: _Grammar, lex: TemporalLexicon
) -> tuple[_Point, int] | None:
    for k, regex in enumerate(g.english):
        m = regex.match(s, pos)
        if not m or not m.group("mon")[0].isupper():
            continue
        month = lex.english_months[m.group("mon").lower()]
        groups = m.groupdict()
        day = int(groups["d"]) if groups.get("d") else None
        year = int(groups["y"]) if groups.get("y") else None
        if day is not None and not 1 <= day <= 31:
            continue
        if k == 3 and len(m.group("mon")) < 4 and m.group("mon").lower() != "may":
            continue  # "Mar 3" alone is too weak without a year
        return _Point(year=year, month=month, day=day), m.end()
    return None


def _parse_numeric(s: str, pos: int, g: _Grammar) -> tuple[_Point, int] | None:
    if m := g.iso.match(s, pos):
        y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if 1000 <= y <= 2999 and 1 <= mo <= 12 and 1 <= d <= 31:
            return _Point(year=y, month=mo, day=d), m.end()
        return None
    if m := g.year_month_slash.match(s, pos):
        y, mo = int(m.group(1)), int(m.group(2))
        if 1000 <= y <= 2999 and 1 <= mo <= 12:
            return _Point(year=y, month=mo), m.end()
    return None


def _parse_bare_day(
    s: str, pos: int, g: _Grammar, lex: TemporalLexicon
) -> tuple[_Point, int] | None:
    m = g.bare_day.match(s, pos)
    if not m or not 1 <= int(m.group(1)) <= 31 or not _stands_alone(s, pos, lex):
        return None
    return _Point(day=int(m.group(1)), bare_day=True), m.end()


def _stands_alone(s: str, pos: int, lex: TemporalLexicon) -> bool:
    """Does what starts at pos follow a line start or a word a bare day may follow?"""
    return not pos or s[pos - 1] == "\n" or any(s.endswith(w, 0, pos) for w in lex.bare_day_before)


def _parse_special(
    s: str, pos: int, g: _Grammar, lex: TemporalLexicon
) -> tuple[_Point, int] | None:
    """Words with a value of their own: 元日, 昨夏, 半年前, 21世紀, 令和3.7.18."""
    if g.fixed_day is not None and (m := g.fixed_day.match(s, pos)):
        month, day = lex.fixed_days[m.group()]
        return _Point(month=month, day=day, fixed=True), m.end()
    if g.rel_season is not None and (m := g.rel_season.match(s, pos)):
        n, season = lex.relative_seasons[m.group()]
        return _Point(rel=("document", "year", n), modifier=season), m.end()
    if g.span_ago is not None and (m := g.span_ago.match(s, pos)):
        unit, n = lex.spans[m.group(1)]
        before = s[max(0, pos - 4) : pos]
        anaphoric = any(before.endswith(w) for w in lex.anaphoric_before)
        sign = -1 if m.group(2) == "前" else 1
        return _Point(ago=(unit, n, sign, anaphoric)), m.end()
    if m := g.century.match(s, pos):
        cent = kanji_to_int(m.group("n"))
        if cent is None or not 1 <= cent <= 30:
            return None
        p = _Point(century=cent, bc=bool(m.group("bc")))
        p.modifier, end = _modifier_at(s, m.end(), g, lex)
        return p, end
    if m := g.era_numeric.match(s, pos):
        era_year = kanji_to_int(m.group(3))
        mo, d = int(m.group(5)), int(m.group(6))
        if era_year is None or not 1 <= era_year <= 64 or not 1 <= mo <= 12 or not 1 <= d <= 31:
            return None
        first = lex.eras[m.group(1)] if m.group(1) else lex.era_letters[m.group(2)]
        return _Point(year=first + era_year - 1, month=mo, day=d), m.end()
    return None


def _any_point(s: str, pos: int, g: _Grammar, lex: TemporalLexicon) -> tuple[_Point, int] | None:
    found = [
        r
        for r in (
            _parse_numeric(s, pos, g),
            _parse_english(s, pos, g, lex),
            _parse_ago(s, pos, g, lex),
            _parse_point(s, pos, g, lex),
            _parse_bare_day(s, pos, g, lex),
            _parse_special(s, pos, g, lex),
        )
        if r is not None
    ]
    return max(found, key=lambda r: r[1]) if found else None


def _inherit(second: _Point, first: _Point) -> _Point:
    """The end of a range takes the fields it leaves out from the start (3月1日から5日)."""
    if second.rel or second.ago or first.rel or first.ago:
        return second
    year = second.year if second.year is not None else first.year
    month = second.month
    if month is None and second.day is not None:
        month = first.month
    return replace(second, year=year, month=month, bare_day=False)


def _parse_range_end(
    s: str, i: int, first: _Point, g: _Grammar, lex: TemporalLexicon
) -> tuple[_Point, int] | None:
    c = g.connector.match(s, i)
    if not c or c.end() >= len(s):
        return None
    j = c.end()
    second = _parse_point(s, j, g, lex) or _parse_english(s, j, g, lex)
    if second is None and first.day is not None and (d := g.day.match(s, j)):
        day = kanji_to_int(d.group(1))
        if day is not None and 1 <= day <= 31:
            second = (_Point(day=day), d.end())
    if second is None:
        return None
    point, end = second
    if point.weekday_only or point.rel or point.ago:
        return None
    point = _inherit(point, first)
    if first.bare_day and point.year is None and point.month is None:
        point = replace(point, bare_day=True)  # 10日-20日
    if (point.year is None) != (first.year is None) and point.decade is None:
        return None
    return point, end


# --- resolving values ------------------------------------------------------------------------


@dataclass
class _Context:
    year: int | None = None
    year_line: int = -1
    month: tuple[int, int] | None = None
    day: dt.date | None = None
    month_sentence: int = -1  # the sentence that stated ``month``
    sentence: int = 0  # the sentence being read
    seen: list[int] = field(default_factory=list)

    def note(self, p: _Point, line: int) -> None:
        if p.year is not None:
            self.year, self.year_line = p.year, line
            if p.month is not None:
                self.month, self.month_sentence = (p.year, p.month), self.sentence
                if p.day is not None:
                    with contextlib.suppress(ValueError):
                        self.day = dt.date(p.year, p.month, p.day)


def _shift_month(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _nearest_year(month: int, day: int | None, ref: dt.date) -> int:
    """The year that puts month/day nearest to the reference date."""
    best = ref.year
    best_gap: int | None = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        d = min(day or 15, calendar.monthrange(y, month)[1])
        gap = abs((dt.date(y, month, d) - ref).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = y, gap
    return best


def _week_value(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _format(p: _Point) -> str | None:
    if p.decade is not None:
        return f"{p.decade}X"
    if p.century is not None:
        return None if p.bc else f"{p.century - 1:02d}"  # ISO 8601: 20 = 2000-2099
    if p.year is None:
        return None
    if p.bc:
        return f"BC{p.year:04d}"
    if p.quarter is not None:
        return f"{p.year:04d}-Q{p.quarter}"
    if p.half is not None:
        return f"{p.year:04d}-H{p.half}"
    if p.month is None:
        return f"{p.year:04d}"
    if p.day is None:
        return f"{p.year:04d}-{p.month:02d}"
    try:
        dt.date(p.year, p.month, p.day)
    except ValueError:
        return None
    return f"{p.year:04d}-{p.month:02d}-{p.day:02d}"


@dataclass
class _Resolved:
    value: str | None
    point: _Point  # with the fields the resolution filled in
    kind: Kind
    anchor: Literal["document", "context"] | None


def _full_year(yy: int, doc: dt.date | None, lex: TemporalLexicon) -> int:
    """18年 -> 2018, 89年 -> 1989: the latest year ending in yy that is not later than
    the document's year plus the pivot (a fixed reference year when undated)."""
    ref = (doc.year if doc else lex.two_digit_year_reference) + lex.two_digit_year_pivot
    year = ref - (ref - yy) % 100
    return year


def _nearest_day(day: int, doc: dt.date, forward: bool | None) -> dt.date | None:
    """The date with this day of the month nearest the document date: among the
    previous, this and the next month, the latest not after it for a past sentence, the
    first not before it for a forward-looking one, else the nearest."""
    cands = []
    for n in (-1, 0, 1):
        y, m = _shift_month(doc.year, doc.month, n)
        with contextlib.suppress(ValueError):
            cands.append(dt.date(y, m, day))
    if forward is True:
        cands = [c for c in cands if c >= doc] or cands
        return min(cands, key=lambda c: (c - doc).days if c >= doc else 10**6)
    if forward is False:
        cands = [c for c in cands if c <= doc] or cands
        return min(cands, key=lambda c: (doc - c).days if c <= doc else 10**6)
    return min(cands, key=lambda c: abs((c - doc).days)) if cands else None


def _nearest_weekday(weekday: int, doc: dt.date, forward: bool | None) -> dt.date:
    ahead = (weekday - doc.weekday()) % 7
    if forward is True or (forward is None and ahead <= 3):
        return doc + dt.timedelta(days=ahead)
    return doc - dt.timedelta(days=(7 - ahead) % 7)


def _resolve(
    p: _Point,
    doc: dt.date | None,
    ctx: _Context,
    line: int,
    lex: TemporalLexicon,
    forward: bool | None = None,
) -> _Resolved:
    if p.year2 and p.year is not None:
        p = replace(p, year=_full_year(p.year, doc, lex), year2=False)
    if p.century is not None:
        return _Resolved(_format(p), p, "century", None)
    if p.weekday_only:
        if doc is None or p.weekday is None:
            return _Resolved(None, p, "relative", None)
        d = _nearest_weekday(p.weekday, doc, forward)
        q = replace(p, year=d.year, month=d.month, day=d.day, weekday_only=False)
        return _Resolved(_format(q), q, "relative", "document")
    if p.ago is not None:
        unit, n, sign, anaphoric = p.ago
        if n is None or anaphoric or doc is None:
            return _Resolved(None, p, "relative", None)
        if unit == "year":
            q = _Point(year=doc.year + sign * n)
        elif unit == "month":
            y, m = _shift_month(doc.year, doc.month, sign * n)
            q = _Point(year=y, month=m)
        else:
            days = n * (7 if unit == "week" else 1)
            try:
                d = doc + dt.timedelta(days=sign * days)
            except OverflowError:
                return _Resolved(None, p, "relative", None)
            q = _Point(year=d.year, month=d.month, day=d.day)
        return _Resolved(_format(q), q, "relative", "document")
    if p.rel is not None:
        scope, unit, n = p.rel
        if scope == "event":
            return _Resolved(None, p, "relative", None)
        anchor: Literal["document", "context"] = "document" if scope == "document" else "context"
        if unit == "week":
            base = doc if scope == "document" else ctx.day
            if base is None:
                return _Resolved(None, p, "relative", None)
            week = base + dt.timedelta(days=7 * n)
            if p.day is not None:  # 翌週28日: the day of that number nearest that week
                that = _nearest_day(p.day, week, None)
                if that is None:
                    return _Resolved(None, p, "relative", None)
                q = replace(p, year=that.year, month=that.month, day=that.day)
                return _Resolved(_format(q), q, "relative", anchor)
            return _Resolved(_week_value(week), p, "relative", anchor)
        if unit == "day":
            base = doc if scope == "document" else ctx.day
            if base is None:
                return _Resolved(None, p, "relative", None)
            d = base + dt.timedelta(days=n)
            q = replace(p, year=d.year, month=d.month, day=d.day)
            return _Resolved(_format(q), q, "relative", anchor)
        if unit == "month":
            base_m = ((doc.year, doc.month) if doc else None) if scope == "document" else ctx.month
            if base_m is None:
                return _Resolved(None, p, "relative", None)
            y, m = _shift_month(base_m[0], base_m[1], n)
            q = replace(p, year=y, month=m)
            return _Resolved(_format(q), q, "relative", anchor)
        base_y = (doc.year if doc else None) if scope == "document" else ctx.year
        if base_y is None:
            return _Resolved(None, p, "relative", None)
        q = replace(p, year=base_y + n)
        return _Resolved(_format(q), q, "relative", anchor)
    if p.decade is not None:
        return _Resolved(_format(p), p, "decade", None)
    if p.year is None and p.month is None and p.bare_day and p.day is not None:
        # 20日: in the month of a date earlier in this sentence (in this paragraph when the
        # document is undated), else the nearest plausible month around the document date
        # (forward-looking sentences look ahead)
        if (
            ctx.month is not None
            and ctx.year_line == line
            and (doc is None or ctx.month_sentence == ctx.sentence)
        ):
            q = replace(p, year=ctx.month[0], month=ctx.month[1])
            return _Resolved(_format(q), q, "date", "context")
        if doc is None:
            return _Resolved(None, p, "date", None)
        near = _nearest_day(p.day, doc, forward)
        if near is None:
            return _Resolved(None, p, "date", None)
        q = replace(p, year=near.year, month=near.month)
        return _Resolved(_format(q), q, "date", "document")
    if p.year is None and p.quarter is not None:
        in_para = ctx.year if ctx.year is not None and ctx.year_line == line else None
        q = replace(p, year=in_para)
        return _Resolved(_format(q), q, "quarter", "context" if in_para else None)
    if p.year is None and p.month is not None:
        # 1月21日 / February 12: the year of this paragraph, else nearest the document date
        kind: Kind = "fuzzy" if p.modifier else "date"
        if ctx.year is not None and ctx.year_line == line:
            q = replace(p, year=ctx.year)
            return _Resolved(_format(q), q, kind, "context")
        if doc is not None:
            q = replace(p, year=_nearest_year(p.month, p.day, doc))
            return _Resolved(_format(q), q, kind, "document")
        if ctx.year is not None:
            q = replace(p, year=ctx.year)
            return _Resolved(_format(q), q, kind, "context")
        return _Resolved(None, p, kind, None)
    final: Kind = (
        "quarter"
        if p.quarter is not None
        else "half"
        if p.half is not None
        else "fiscal_year"
        if p.fiscal
        else ("fuzzy" if p.modifier else "date")
    )
    return _Resolved(_format(p), p, final, None)


# --- the scanner -------------------------------------------------------------------------------


@dataclass
class _Found:
    start: int
    end: int
    first: _Point
    second: _Point | None = None


def _scan(s: str, g: _Grammar, lex: TemporalLexicon) -> list[_Found]:
    found: list[_Found] = []
    pos = 0
    n = len(s)
    while pos < n:
        m = g.starts.search(s, pos)
        if m is None:
            break
        pos = m.start()
        if (
            pos
            and (s[pos].isdigit() or s[pos] in _KNUM)
            and (s[pos - 1].isdigit() or s[pos - 1] in _KNUM or s[pos - 1] == "数")
        ):
            pos += 1  # never start inside a number (数百年前 is not 百年前)
            continue
        got = _any_point(s, pos, g, lex)
        ds = g.day_span.match(s, pos) if got is None or s[got[1] - 1 : got[1]] != "日" else None
        if (
            ds
            and 1 <= int(ds.group(1)) < int(ds.group(2)) <= 31
            and _stands_alone(s, pos, lex)
            and g.bare_day.match(s, ds.end() - len(ds.group(2)) - 1)
        ):
            first = _Point(day=int(ds.group(1)), bare_day=True)  # 1〜2日
            found.append(_Found(pos, ds.end(), first, _Point(day=int(ds.group(2)), bare_day=True)))
            pos = ds.end()
            continue
        if got is None:
            # 2020〜2022年: a bare year opening a range of years
            b = g.bare_year.match(s, pos)
            if b:
                rng = _parse_range_end(s, b.end(), _Point(year=int(b.group(1))), g, lex)
                if rng is not None and rng[0].month is None and rng[0].year is not None:
                    found.append(_Found(pos, rng[1], _Point(year=int(b.group(1))), rng[0]))
                    pos = rng[1]
                    continue
            pos += 1
            continue
        point, end = got
        if point.month_end is not None:  # 4~6月期: a range of months
            found.append(_Found(pos, end, point, _Point(year=point.year, month=point.month_end)))
            pos = end
            continue
        if point.day_end is not None:  # 11月1〜2日: a range of days
            found.append(_Found(pos, end, point, _Point(day=point.day_end)))
            pos = end
            continue
        if point.rel is None and point.ago is None and not point.weekday_only:
            rng = _parse_range_end(s, end, point, g, lex)
            if rng is not None:
                found.append(_Found(pos, rng[1], point, rng[0]))
                pos = rng[1]
                continue
        found.append(_Found(pos, end, point))
        pos = max(end, pos + 1)
    return found


def _looks_forward(s: str, end: int, lex: TemporalLexicon) -> bool | None:
    """Does the rest of the sentence after a date look ahead (予定, する。), back (した。),
    or say neither?"""
    stop = min((k for k in (s.find("。", end), s.find("\n", end)) if k >= 0), default=len(s))
    rest = s[end : stop + 1]
    if any(w in rest for w in lex.future_markers):
        return True
    if re.search(r"(?:た|だ|でした|ました)(?:。|$|と)", rest):
        return False
    return None


def find_dates(text: str, doc_date: dt.date | None = None) -> list[DateMatch]:
    """Every date expression in ``text`` with its normalized value, in text order."""
    lex = load_temporal()
    g = _grammar(lex)
    s = text.translate(_ONE_TO_ONE)
    ctx = _Context()
    out: list[DateMatch] = []
    line_starts = [0] + [k + 1 for k, ch in enumerate(s) if ch == "\n"]
    line_no = stops = counted = 0
    for f in _scan(s, g, lex):
        while line_no + 1 < len(line_starts) and line_starts[line_no + 1] <= f.start:
            line_no += 1
        stops += s.count("。", counted, f.start)  # sentences so far, counted once
        counted = max(counted, f.start)
        ctx.sentence = stops + line_no
        raw = text[f.start : f.end]
        trimmed = raw.rstrip(" 、,\u3000")
        end = f.start + len(trimmed)
        forward = _looks_forward(s, f.end, lex)
        r1 = _resolve(f.first, doc_date, ctx, line_no, lex, forward)
        if f.second is None:
            out.append(
                DateMatch(
                    start=f.start,
                    end=end,
                    text=trimmed,
                    value=r1.value,
                    kind=r1.kind,
                    range_start=f"{r1.point.year}-04" if f.first.fiscal and r1.point.year else None,
                    range_end=f"{r1.point.year + 1}-03"
                    if f.first.fiscal and r1.point.year
                    else None,
                    resolved=r1.anchor is not None and r1.value is not None,
                    anchor=r1.anchor if r1.value is not None else None,
                    modifier=r1.point.modifier,
                    time=r1.point.time,
                )
            )
            ctx.note(r1.point, line_no)
            continue
        ctx.note(r1.point, line_no)
        second = f.second
        if second.year is None and second.month is None and r1.point.month is not None:
            second = replace(second, year=r1.point.year, month=r1.point.month, bare_day=False)
        r2 = _resolve(second, doc_date, ctx, line_no, lex, forward)
        ctx.note(r2.point, line_no)
        both = r1.value is not None and r2.value is not None
        out.append(
            DateMatch(
                start=f.start,
                end=end,
                text=trimmed,
                value=f"{r1.value}/{r2.value}" if both else None,
                kind="range",
                range_start=r1.value,
                range_end=r2.value,
                resolved=both and (r1.anchor is not None or r2.anchor is not None),
                anchor=(r1.anchor or r2.anchor) if both else None,
            )
        )
    return out


def normalize(expression: str, doc_date: dt.date | None = None) -> DateMatch | None:
    """The single date expression that makes up ``expression`` (surrounding spaces
    allowed), or None when it is not exactly one date."""
    stripped = expression.strip()
    found = find_dates(stripped, doc_date)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0]
    return None


# --- the document date --------------------------------------------------------------------


# what may stand on a dateline beside the date: October 1, 2018 / 10:34 AM, 2024年9月20日 15時30分
_TIME_OF_DAY = re.compile(
    r"(?:(?:午前|午後)\s?)?\d{1,2}(?::\d{2}|時(?:\d{1,2}分)?)(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s?(?:JST|UTC|GMT))?"
)


def find_document_date(text: str) -> dt.date | None:
    """The date an article states for itself near its top: a labelled line ("Published:
    February 12, 2025", "公開日：2025年3月1日") or a line that is nothing but a full date."""
    lex = load_temporal()
    labels = re.compile(rf"^\s*(?:{_alt(lex.document_date_labels)})\s*(?:on|at)?\s*[:：]?\s*")
    lines = []
    for ln in text.splitlines():  # a date line is short: 200 characters are plenty
        if ln.strip():
            lines.append(ln[:200])
            if len(lines) == lex.document_date_lines:
                break
    for line in lines:
        m = labels.match(line)
        rest = line[m.end() :] if m else line
        found = [d for d in find_dates(rest) if d.kind == "date" and d.anchor is None]
        if not found or found[0].value is None or len(found[0].value) != 10:
            continue
        leftover = _TIME_OF_DAY.sub("", rest[: found[0].start] + rest[found[0].end :])
        leftover = leftover.strip(" \u3000()（）[]【】|/-–—・")
        if m or not leftover:
            return dt.date.fromisoformat(found[0].value)
    return None
