"""The scanner: every rule of every kind tried where a date may start, the longest point
taken, ranges joined, and each point resolved in text order (the context carries the
dates stated so far, for 同年, 翌日 and bare days)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ...knowledge.schemas import TemporalLexicon, load_temporal
from . import calendar, english, era, numeric, periods, ranges, relative
from .base import KNUM, ONE_TO_ONE, Built, DateMatch, Point, alt, longest
from .resolve import Context, Resolved, resolve

# heads of the calendar chain (a year in any of its forms, 昨年, a decade)
HEADS = (*calendar.HEADS, *era.HEADS, *periods.HEADS, *relative.HEADS)
# expressions of their own
RULES = (
    *numeric.RULES,
    *era.RULES,
    *english.RULES,
    *relative.RULES,
    *periods.RULES,
    *calendar.RULES,
)


def point_at(s: str, pos: int, lex: TemporalLexicon) -> Built | None:
    """The longest date expression that starts exactly at pos."""
    found = [r for r in (longest(RULES, s, pos, lex), calendar.chain(s, pos, lex, HEADS)) if r]
    return max(found, key=lambda r: r[1]) if found else None


@lru_cache(maxsize=4)
def _starts(lex: TemporalLexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Where a date may start, a cheap filter before the rules are tried: the characters
    one may start with (searched), and the words it may start with (matched there)."""
    words = [
        list(lex.eras),
        [w for w, _, _ in lex.document_relative.items() + lex.context_relative.items()],
        lex.hedges_before,
        list(lex.fixed_days),
        list(lex.relative_seasons),
        list(lex.spans),
        lex.bc_prefixes,
        list(lex.calendar_offsets),
        list(lex.halves),
    ]
    wd = "".join(lex.weekdays)
    head = rf"[\d{KNUM}]|(?<![A-Za-z])[A-Za-z]|数|第|[{wd}]曜|\([{wd}]"
    firsts = {w[0] for ws in words for w in ws if w} | set(wd) | set(KNUM) | set("数第(")
    first = rf"[\dA-Za-z{re.escape(''.join(sorted(firsts)))}]"
    return re.compile(first), re.compile("|".join([head] + [alt(w) for w in words if w]))


@dataclass
class Found:
    start: int
    end: int
    first: Point
    second: Point | None = None


def _found_at(s: str, pos: int, lex: TemporalLexicon) -> Found | None:
    got = point_at(s, pos, lex)
    ends_in_day = got is not None and s[got[1] - 1 : got[1]] == "日"
    if not ends_in_day and (span := ranges.day_span(s, pos, lex)):  # 1〜2日
        return Found(pos, span[2], span[0], span[1])
    if got is None:
        if yr := ranges.year_range(s, pos, lex, point_at):  # 2020〜2022年
            return Found(pos, yr[2], yr[0], yr[1])
        return None
    point, end = got
    if point.month_end is not None:  # 4~6月期: a range of months
        return Found(pos, end, point, Point(year=point.year, month=point.month_end))
    if point.day_end is not None:  # 11月1〜2日: a range of days
        return Found(pos, end, point, Point(day=point.day_end))
    plain = point.rel is None and point.ago is None and not point.weekday_only
    if plain and (rng := ranges.range_end(s, end, point, lex, point_at)):
        return Found(pos, rng[1], point, rng[0])
    return Found(pos, end, point)


def scan(s: str, lex: TemporalLexicon) -> list[Found]:
    found: list[Found] = []
    first, starts = _starts(lex)
    pos, n = 0, len(s)
    while pos < n:
        m = first.search(s, pos)
        if m is None:
            break
        pos = m.start()
        if not starts.match(s, pos):
            pos += 1
            continue
        if (
            pos
            and (s[pos].isdigit() or s[pos] in KNUM)
            and (s[pos - 1].isdigit() or s[pos - 1] in KNUM or s[pos - 1] == "数")
        ):
            pos += 1  # never start inside a number (数百年前 is not 百年前)
            continue
        f = _found_at(s, pos, lex)
        if f is None:
            pos += 1
            continue
        found.append(f)
        pos = max(f.end, pos + 1)
    return found


# the rest of a sentence is read up to here at most: a date's tense is in its own clause
_REST = 400


def looks_forward(s: str, end: int, lex: TemporalLexicon, stops: list[int]) -> bool | None:
    """Does the rest of the sentence after a date look ahead (予定, する。), back (した。),
    or say neither? ``stops``: the offsets of every 。 and line end, in order."""
    k = bisect.bisect_left(stops, end)
    stop = min(stops[k] if k < len(stops) else len(s), end + _REST)
    rest = s[end : stop + 1]
    if any(w in rest for w in lex.future_markers):
        return True
    if re.search(r"(?:た|だ|でした|ました)(?:。|$|と)", rest):
        return False
    return None


def _match(f: Found, text: str, r: Resolved) -> DateMatch:
    trimmed = text[f.start : f.end].rstrip(" 、,\u3000")
    span = r.span
    return DateMatch(
        start=f.start,
        end=f.start + len(trimmed),
        text=trimmed,
        value=r.value,
        kind=r.kind,
        range_start=span[0] if span else None,
        range_end=span[1] if span else None,
        resolved=r.anchor is not None,
        anchor=r.anchor,
        modifier=r.point.modifier,
        time=r.point.time,
        timex=r.timex,
    )


def _range(f: Found, text: str, r1: Resolved, r2: Resolved) -> DateMatch:
    trimmed = text[f.start : f.end].rstrip(" 、,\u3000")
    both = r1.value is not None and r2.value is not None
    t1, t2 = r1.timex, r2.timex
    return DateMatch(
        start=f.start,
        end=f.start + len(trimmed),
        text=trimmed,
        value=f"{r1.value}/{r2.value}" if both else None,
        kind="range",
        range_start=r1.value,
        range_end=r2.value,
        resolved=both and (r1.anchor is not None or r2.anchor is not None),
        anchor=(r1.anchor or r2.anchor) if both else None,
        timex=f"{t1}/{t2}" if t1 and t2 else None,
    )


@dataclass
class _Reader:
    """Where the scan stands in the text: line, sentence and bracket depth, counted once."""

    s: str
    line_starts: list[int]
    line: int = 0
    stops: int = 0
    depth: int = 0
    counted: int = 0

    def advance(self, to: int) -> None:
        while self.line + 1 < len(self.line_starts) and self.line_starts[self.line + 1] <= to:
            self.line += 1
        if to > self.counted:
            chunk = self.s[self.counted : to]
            self.stops += chunk.count("。")
            for ch in chunk:
                if ch == "(":
                    self.depth += 1
                elif ch == ")" or ch in "。\n":
                    self.depth = max(0, self.depth - 1) if ch == ")" else 0
            self.counted = to


def find_dates(text: str, doc_date: dt.date | None = None) -> list[DateMatch]:
    """Every date expression in ``text`` with its normalized value, in text order."""
    lex = load_temporal()
    s = text.translate(ONE_TO_ONE)
    ctx = Context()
    out: list[DateMatch] = []
    reader = _Reader(s, [0] + [k + 1 for k, ch in enumerate(s) if ch == "\n"])
    stops = [k for k, ch in enumerate(s) if ch in "。\n"]
    for f in scan(s, lex):
        reader.advance(f.start)
        ctx.sentence = reader.stops + reader.line
        line = reader.line
        # a date in brackets (its own aside) is not what 同日 or 20日 later refer to
        note = ctx.note if reader.depth == 0 else (lambda p, ln, lx: None)
        forward = looks_forward(s, f.end, lex, stops)
        r1 = resolve(f.first, doc_date, ctx, line, lex, forward)
        note(r1.point, line, lex)
        if f.second is None:
            out.append(_match(f, text, r1))
            continue
        second = f.second
        if second.year is None and second.month is None and r1.point.month is not None:
            second = replace(second, year=r1.point.year, month=r1.point.month, bare_day=False)
        r2 = resolve(second, doc_date, ctx, line, lex, forward)
        note(r2.point, line, lex)
        out.append(_range(f, text, r1, r2))
    return out


def normalize(expression: str, doc_date: dt.date | None = None) -> DateMatch | None:
    """The single date expression that makes up ``expression`` (surrounding spaces
    allowed), or None when it is not exactly one date."""
    stripped = expression.strip()
    found = find_dates(stripped, doc_date)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0]
    return None
