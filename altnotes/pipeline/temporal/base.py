"""What every rule module shares: the result record, the point a rule builds, the rule
itself (a pattern made from the vocabulary plus a function that builds a point), the
one-to-one character map and kanji numerals."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from ...knowledge.schemas import TemporalLexicon, Unit

Kind = Literal[
    "date", "fuzzy", "decade", "century", "fiscal_year", "quarter", "half", "range", "relative"
]


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
    # what the text states, TIMEX3-style, with X for what it leaves open: XXXX-07-18,
    # XXXX-WXX-1 (a Monday), 2021-SP; equal to value when that says it all
    timex: str | None = None


@dataclass
class Point:
    """What one expression states, before the resolver places it."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    decade: int | None = None  # 200 for 2000年代
    fiscal: bool = False  # 2025年度: the fiscal year
    fiscal_end: int | None = None  # 25年3月期: the fiscal year that ends in this month
    modifier: str | None = None
    time: str | None = None
    rel: tuple[str, Unit, int] | None = None  # (document|context|event, unit, offset): 昨年
    ago: tuple[Unit, int | None, int, bool] | None = None  # unit, n, sign, anaphoric
    weekday_only: bool = False
    weekday: int | None = None  # 0 = Monday: 月曜日 alone, or beside a day (30日(木))
    bare_day: bool = False
    year2: bool = False  # the year was written with two digits (18年): century to choose
    bc: bool = False  # 紀元前
    century: int | None = None  # 21世紀 -> 21
    quarter: int | None = None  # 第1四半期
    half: int | None = None  # 上期
    month_end: int | None = None  # 4~6月期: the last month of the span
    day_end: int | None = None  # 11月1〜2日, 1〜2日: the last day of the span
    fixed: bool = False  # 元日: a fixed day whose year comes from context
    final: bool = False  # a head that takes no month or day after it (紀元前202年)


Built = tuple[Point, int]  # the point and the offset where its text ends
Builder = Callable[[re.Match[str], str, TemporalLexicon], Built | None]


@dataclass(frozen=True, eq=False)  # hashed by identity: rules are module constants
class Rule:
    """One convention: a pattern made from the vocabulary, and the function that builds a
    point from its match (None when the match turns out not to be a date)."""

    name: str
    pattern: Callable[[TemporalLexicon], str]
    build: Builder
    flags: int = 0


@lru_cache(maxsize=512)
def compiled(rule: Rule, lex: TemporalLexicon) -> re.Pattern[str]:
    return re.compile(rule.pattern(lex), rule.flags)


@lru_cache(maxsize=64)
def _table(rules: tuple[Rule, ...], lex: TemporalLexicon) -> tuple[tuple[Any, Builder], ...]:
    return tuple((compiled(rule, lex).match, rule.build) for rule in rules)


def longest(rules: tuple[Rule, ...], s: str, pos: int, lex: TemporalLexicon) -> Built | None:
    """The longest point that one of the rules builds at exactly ``pos`` (the first rule
    wins a tie)."""
    best: Built | None = None
    for match, build in _table(rules, lex):
        m = match(s, pos)
        if m is None:
            continue
        got = build(m, s, lex)
        if got is not None and (best is None or got[1] > best[1]):
            best = got
    return best


# --- one-to-one normalization ----------------------------------------------------------------

_WIDE = {chr(0xFF10 + i): str(i) for i in range(10)}
_WIDE.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_WIDE.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})
_WIDE.update({"／": "/", "～": "〜", "－": "-", "，": ",", "．": ".", "：": ":", "　": " "})
_WIDE.update({"（": "(", "）": ")", "･": "・"})
ONE_TO_ONE = str.maketrans(_WIDE)

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_KANJI_DIGITS.update({"八": 8, "九": 9})
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
KNUM = "〇零一二三四五六七八九十百千"
NUM = rf"(?:\d{{1,4}}|[{KNUM}]{{1,6}})"
DASH = "[〜~\\-–―ー]"


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


def alt(words: Sequence[str] | set[str] | Iterable[str]) -> str:
    """A regex alternation of the words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def alone(s: str, pos: int, end: int) -> bool:
    """Is s[pos:end] the whole text but for spaces? (Bounded: a few characters looked at.)"""
    return pos < 8 and len(s) - end < 8 and not s[:pos].strip() and not s[end:].strip()


def after_words(s: str, end: int, words: Iterable[str]) -> bool:
    return any(s.startswith(w, end) for w in words)


def before_words(s: str, pos: int, words: Iterable[str]) -> bool:
    return any(s.endswith(w, 0, pos) for w in words)


# --- what may follow any date: a vague modifier, a time of day ------------------------------


@lru_cache(maxsize=4)
def _modifier_patterns(lex: TemporalLexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    seasons = alt(lex.seasons)
    mods = alt([m for m in lex.modifiers if m not in lex.seasons])
    pair = re.compile(rf"(?:の)?({seasons})(?!日)(?:か({seasons}))?(頃|ごろ|ころ)?")
    return pair, re.compile(rf"(?:の)?({mods})")


def modifier_at(s: str, i: int, lex: TemporalLexicon) -> tuple[str | None, int]:
    """A vague part of the period at i (末, 上旬, 春, 春か夏頃): its name and where it ends."""
    pair, single = _modifier_patterns(lex)
    if m := pair.match(s, i):
        name = lex.modifiers[m.group(1)]
        if m.group(2):
            name = f"{name}_or_{lex.modifiers[m.group(2)]}"
        return name, m.end()
    if m := single.match(s, i):
        return lex.modifiers[m.group(1)], m.end()
    return None, i


_TIME = re.compile(r"[、,]?\s?(午前|午後)?\s?(\d{1,2})時(?:(\d{1,2})分|(半))?")


def time_at(s: str, i: int) -> tuple[str | None, int]:
    """A time of day at i (、午後3時半): HH:MM and where it ends."""
    m = _TIME.match(s, i)
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
