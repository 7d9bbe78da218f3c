"""Dates relative to the document date or to the date last mentioned: 昨年, 先月10日, 翌週,
同日, 9年前, 1か月ちょっと前, 半年前, 半月前, 昨夏. Values are resolved in resolve.py."""

from __future__ import annotations

import re

from ...knowledge.schemas import TemporalLexicon, Unit
from .base import NUM, Built, Point, Rule, after_words, alt, before_words, kanji_to_int
from .calendar import day_match, day_or_modifier, finish_day

_AGO_DIR = r"(?P<dir>前(?![後半提者述])|まえ|後(?!半)|先(?![輩生端頭]))"


def _words(lex: TemporalLexicon) -> list[str]:
    return [w for w, _, _ in lex.document_relative.items() + lex.context_relative.items()]


def _lookup(word: str, lex: TemporalLexicon) -> tuple[str, Unit, int] | None:
    for scope, words in (("document", lex.document_relative), ("context", lex.context_relative)):
        for w, unit, n in words.items():
            if w == word:
                return scope, unit, n
    return None


def _anaphoric(s: str, pos: int, lex: TemporalLexicon) -> bool:
    """その2ヶ月後, 設立の4年後: tied to another event, not to the document date."""
    return before_words(s[max(0, pos - 4) : pos], pos - max(0, pos - 4), lex.anaphoric_before)


def _ago(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    raw = m.group("n")
    n = None if "数" in raw else kanji_to_int(raw)
    unit: Unit = lex.units[m.group("unit")]
    if n is not None and n > 200 and unit != "year":
        return None
    if m.group("half"):  # 1年半後: eighteen months; 2ヶ月半前: seventy-five days
        if unit not in ("year", "month") or n is None:
            return None
        unit, n = ("month", 12 * n + 6) if unit == "year" else ("day", 30 * n + 15)
    sign = 1 if m.group("dir") in ("後", "先") else -1
    return Point(ago=(unit, n, sign, _anaphoric(s, m.start(), lex))), m.end()


def _span_ago(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    unit, n = lex.spans[m.group(1)]
    sign = 1 if m.group("dir") in ("後", "先") else -1
    return Point(ago=(unit, n, sign, _anaphoric(s, m.start(), lex))), m.end()


def _rel_season(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    n, season = lex.relative_seasons[m.group()]
    return Point(rel=("document", "year", n), modifier=season, final=True), m.end()


def _word(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
    """昨年, 同月, 翌日, 先週: a head; a year word goes on to a month (昨年12月), a month
    word to a day (先月10日), a week word to a day (翌週28日)."""
    word, pos, i = m.group(), m.start(), m.end()
    if after_words(s, i, lex.not_after.get(word, [])):
        return None
    rel = _lookup(word, lex)
    if rel is None:
        return None
    if (
        rel[0] == "context"
        and pos
        and s[pos - 1] in lex.event_before
        and s[max(0, pos - 2) : pos] not in ("その", "この")
    ):
        rel = ("event", rel[1], rel[2])  # 指名された翌日: a day we cannot place
    p = Point(rel=rel)
    if rel[1] == "year":
        if s.startswith("度", i):
            p.fiscal, i = True, i + 1
        return p, i
    p.final = True
    if rel[1] == "day":
        return finish_day(s, i, p, lex)
    if rel[1] == "week":
        if got := day_match(s, i):
            p.day = got[0]  # 翌週28日: the 28th of that week
            return finish_day(s, got[1], p, lex)
        return p, i
    return day_or_modifier(s, i, p, lex)


def _hedged(lex: TemporalLexicon, core: str) -> str:
    before, after = alt(lex.hedges_before), alt(lex.hedges_after)
    return rf"(?:{before})?{core}(?:{after})?"


AGO = Rule(
    "ago",
    lambda lex: (
        _hedged(lex, rf"(?P<n>{NUM}|数[十百千]?|十数)")
        + rf"(?P<unit>{alt(list(lex.units))})(?P<half>半)?(?:{alt(lex.hedges_after)})?{_AGO_DIR}"
    ),
    _ago,
)
SPAN_AGO = Rule(
    "span_ago",
    lambda lex: (_hedged(lex, rf"({alt(list(lex.spans))})") + _AGO_DIR) if lex.spans else r"(?!)",
    _span_ago,
)
REL_SEASON = Rule(
    "relative_season", lambda lex: alt(list(lex.relative_seasons)) or r"(?!)", _rel_season
)
WORD = Rule("relative_word", lambda lex: alt(_words(lex)), _word)

HEADS = (WORD,)
RULES = (AGO, SPAN_AGO, REL_SEASON)
