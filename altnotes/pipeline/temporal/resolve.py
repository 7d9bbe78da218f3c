"""The resolver: a point (what the text states) placed in the calendar with the document
date and the context (the date last mentioned), giving its value at the precision the text
gives and its TIMEX3-style ``timex`` (XXXX-07-18 where the year is open)."""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

from ...knowledge.schemas import TemporalLexicon
from .base import Kind, Point

Anchor = Literal["document", "context"]


@dataclass
class Context:
    """The dates the text has stated so far, for 同年, 翌日, 20日 and 1月21日."""

    year: int | None = None
    year_line: int = -1
    month: tuple[int, int] | None = None
    day: dt.date | None = None
    month_sentence: int = -1  # the sentence that stated ``month``
    sentence: int = 0  # the sentence being read
    fiscal_end: tuple[int, int] | None = None  # the fiscal year last stated: (year, end month)

    def note(self, p: Point, line: int, lex: TemporalLexicon) -> None:
        if p.fiscal and p.year is not None:
            end_month = (lex.fiscal_year_start - 2) % 12 + 1
            self.fiscal_end = (p.year + (end_month < lex.fiscal_year_start), end_month)
        elif p.fiscal_end is not None and p.year is not None:
            self.fiscal_end = (p.year, p.fiscal_end)
        if p.year is not None and not p.bc:
            self.year, self.year_line = p.year, line
            if p.month is not None:
                self.month, self.month_sentence = (p.year, p.month), self.sentence
                if p.day is not None:
                    with contextlib.suppress(ValueError):
                        self.day = dt.date(p.year, p.month, p.day)


@dataclass
class Resolved:
    value: str | None
    point: Point  # with the fields the resolution filled in
    kind: Kind
    anchor: Anchor | None
    timex: str | None = None
    span: tuple[str, str] | None = None  # first and last month of a fiscal period


# --- calendar arithmetic ---------------------------------------------------------------------


def shift_month(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def fiscal_year_of(day: dt.date, lex: TemporalLexicon) -> int:
    """March 2025 is still fiscal 2024 where the fiscal year starts in April."""
    return day.year if day.month >= lex.fiscal_year_start else day.year - 1


def fiscal_months(fy_start: tuple[int, int], first: int, count: int) -> tuple[str, str]:
    """Months first .. first+count-1 (0-based) of the fiscal year that starts at fy_start."""
    a = shift_month(fy_start[0], fy_start[1], first)
    b = shift_month(fy_start[0], fy_start[1], first + count - 1)
    return f"{a[0]:04d}-{a[1]:02d}", f"{b[0]:04d}-{b[1]:02d}"


def full_year(yy: int, doc: dt.date | None, lex: TemporalLexicon) -> int:
    """18年 -> 2018, 89年 -> 1989: the latest year ending in yy that is not later than
    the document's year plus the pivot (a fixed reference year when undated)."""
    ref = (doc.year if doc else lex.two_digit_year_reference) + lex.two_digit_year_pivot
    return ref - (ref - yy) % 100


def nearest_day(
    day: int, doc: dt.date, forward: bool | None, weekday: int | None = None
) -> dt.date | None:
    """The date with this day of the month nearest the document date: among the
    previous, this and the next month, the latest not after it for a past sentence, the
    first not before it for a forward-looking one, else the nearest. A weekday beside the
    day (30日(木)) keeps the months where they agree, unless none lies that way."""
    cands = []
    for n in (-1, 0, 1):
        y, m = shift_month(doc.year, doc.month, n)
        with contextlib.suppress(ValueError):
            cands.append(dt.date(y, m, day))
    if forward is True:
        cands = [c for c in cands if c >= doc] or cands
    elif forward is False:
        cands = [c for c in cands if c <= doc] or cands
    if weekday is not None:
        cands = [c for c in cands if c.weekday() == weekday] or cands
    return min(cands, key=lambda c: abs((c - doc).days)) if cands else None


def nearest_year(month: int, day: int | None, ref: dt.date, weekday: int | None = None) -> int:
    """The year that puts month/day nearest to the reference date (among those where the
    day falls on the weekday the text gives, if any)."""
    years = [ref.year - 1, ref.year, ref.year + 1]
    if weekday is not None and day is not None:
        fits = []
        for y in years:
            with contextlib.suppress(ValueError):
                if dt.date(y, month, day).weekday() == weekday:
                    fits.append(y)
        years = fits or years

    def gap(y: int) -> int:
        d = min(day or 15, calendar.monthrange(y, month)[1])
        return abs((dt.date(y, month, d) - ref).days)

    return min(years, key=gap)


def nearest_weekday(weekday: int, doc: dt.date, forward: bool | None) -> dt.date:
    ahead = (weekday - doc.weekday()) % 7
    if forward is True or (forward is None and ahead <= 3):
        return doc + dt.timedelta(days=ahead)
    return doc - dt.timedelta(days=(7 - ahead) % 7)


def week_value(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


# --- values ------------------------------------------------------------------------------------


def format_value(p: Point) -> str | None:
    """The ISO-8601-style value of a point whose year is known (None otherwise)."""
    if p.decade is not None:
        return f"{p.decade}X"
    if p.century is not None:
        return f"BC{p.century - 1:02d}" if p.bc else f"{p.century - 1:02d}"  # 20 = 2000-2099
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


def format_timex(p: Point, value: str | None, lex: TemporalLexicon) -> str | None:
    """What the text states, TIMEX3-style: the value when there is one (a season of a
    year adds its code, 2021-SP), else the parts it gives with X for the open ones."""
    code = lex.season_codes.get(p.modifier or "")
    if value is not None:
        return f"{value}-{code}" if code and len(value) == 4 and value.isdigit() else value
    if p.weekday_only and p.weekday is not None:
        return f"XXXX-WXX-{p.weekday + 1}"
    if p.ago is not None or (p.rel is not None and p.month is None and p.day is None):
        return None  # 昨年, 9年前 with nothing to anchor them: the text states no date
    if p.quarter is not None:
        return f"XXXX-Q{p.quarter}"
    if p.half is not None:
        return f"XXXX-H{p.half}"
    if p.month is not None:
        return f"XXXX-{p.month:02d}" + (f"-{p.day:02d}" if p.day is not None else "")
    if p.day is not None:
        return f"XXXX-XX-{p.day:02d}"
    return None


# --- resolving -------------------------------------------------------------------------------


def _done(p: Point, kind: Kind, anchor: Anchor | None = None) -> Resolved:
    return Resolved(format_value(p), p, kind, anchor)


def _ago(p: Point, doc: dt.date | None) -> Resolved:
    """9年前, 27か月前, 1週間後, 半月前: moved from the document date, at the precision of
    the unit (years -> YYYY, months -> YYYY-MM, weeks and days -> the day)."""
    assert p.ago is not None
    unit, n, sign, anaphoric = p.ago
    if n is None or anaphoric or doc is None:
        return Resolved(None, p, "relative", None)
    if unit == "year":
        q = Point(year=doc.year + sign * n)
    elif unit == "month":
        y, m = shift_month(doc.year, doc.month, sign * n)
        q = Point(year=y, month=m)
    else:
        try:
            d = doc + dt.timedelta(days=sign * n * (7 if unit == "week" else 1))
        except OverflowError:
            return Resolved(None, p, "relative", None)
        q = Point(year=d.year, month=d.month, day=d.day)
    return _done(q, "relative", "document")


def _relative(p: Point, doc: dt.date | None, ctx: Context, lex: TemporalLexicon) -> Resolved:
    """昨年, 先月10日, 同日, 翌週, 昨年度: from the document date or the context."""
    assert p.rel is not None
    scope, unit, n = p.rel
    if scope == "event":
        return Resolved(None, p, "relative", None)
    anchor: Anchor = "document" if scope == "document" else "context"
    if unit in ("week", "day"):
        base = doc if scope == "document" else ctx.day
        if base is None:
            return Resolved(None, p, "relative", None)
        if unit == "day":
            d = base + dt.timedelta(days=n)
            return _done(replace(p, year=d.year, month=d.month, day=d.day), "relative", anchor)
        week = base + dt.timedelta(days=7 * n)
        if p.day is None:
            return Resolved(week_value(week), p, "relative", anchor)
        that = nearest_day(p.day, week, None)  # 翌週28日: the 28th nearest that week
        if that is None:
            return Resolved(None, p, "relative", None)
        return _done(replace(p, year=that.year, month=that.month, day=that.day), "relative", anchor)
    if unit == "month":
        base_m = ((doc.year, doc.month) if doc else None) if scope == "document" else ctx.month
        if base_m is None:
            return Resolved(None, p, "relative", None)
        y, m = shift_month(base_m[0], base_m[1], n)
        return _done(replace(p, year=y, month=m), "relative", anchor)
    if scope == "document":
        base_y = None if doc is None else (fiscal_year_of(doc, lex) if p.fiscal else doc.year)
    else:
        base_y = ctx.year
    if base_y is None:
        return Resolved(None, p, "relative", None)
    q = replace(p, year=base_y + n)
    r = _done(q, "relative", anchor)
    if p.fiscal:
        r.span = fiscal_months((base_y + n, lex.fiscal_year_start), 0, 12)
    return r


def _fiscal(p: Point, ctx: Context, lex: TemporalLexicon) -> Resolved:
    """2025年度, 2025年度上期, 25年3月期, 2024年度第2四半期, and 第1四半期 after a fiscal
    year: a span of months of the fiscal year, as value and range."""
    if p.fiscal_end is not None and p.year is not None:
        start = shift_month(p.year, p.fiscal_end, -11)
    elif p.year is not None:
        start = (p.year, lex.fiscal_year_start)
    elif ctx.fiscal_end is not None:  # 第1四半期 in an article about a fiscal year
        start = shift_month(ctx.fiscal_end[0], ctx.fiscal_end[1], -11)
    else:
        return Resolved(None, p, "quarter" if p.quarter else "half", None)
    kind: Kind
    if p.quarter is not None:
        span, kind = fiscal_months(start, 3 * (p.quarter - 1), 3), "quarter"
    elif p.half is not None:
        span, kind = fiscal_months(start, 6 * (p.half - 1), 6), "half"
    else:
        span, kind = fiscal_months(start, 0, 12), "fiscal_year"
    anchor: Anchor | None = "context" if p.year is None else None
    if kind == "fiscal_year" and p.fiscal_end is None:
        return Resolved(str(start[0]), p, kind, anchor, span=span)  # 2025年度 -> 2025
    return Resolved(f"{span[0]}/{span[1]}", p, kind, anchor, span=span)


def _is_fiscal(p: Point, ctx: Context) -> bool:
    if p.fiscal_end is not None or (p.fiscal and p.rel is None):
        return True
    return p.year is None and p.quarter is not None and ctx.fiscal_end is not None


def _bare_day(
    p: Point, doc: dt.date | None, ctx: Context, line: int, forward: bool | None
) -> Resolved:
    """20日: in the month of a date earlier in this sentence (this paragraph when the
    document is undated), else the nearest plausible month around the document date
    (forward-looking sentences look ahead; a weekday beside it must agree)."""
    assert p.day is not None
    if (
        ctx.month is not None
        and ctx.year_line == line
        and (doc is None or ctx.month_sentence == ctx.sentence)
    ):
        return _done(replace(p, year=ctx.month[0], month=ctx.month[1]), "date", "context")
    if doc is None:
        return Resolved(None, p, "date", None)
    near = nearest_day(p.day, doc, forward, p.weekday)
    if near is None:
        return Resolved(None, p, "date", None)
    return _done(replace(p, year=near.year, month=near.month), "date", "document")


def _month_no_year(p: Point, doc: dt.date | None, ctx: Context, line: int) -> Resolved:
    """1月21日 / February 12: the year of this paragraph, else nearest the document date."""
    assert p.month is not None
    kind: Kind = "fuzzy" if p.modifier else "date"
    if ctx.year is not None and ctx.year_line == line:
        return _done(replace(p, year=ctx.year), kind, "context")
    if doc is not None:
        return _done(
            replace(p, year=nearest_year(p.month, p.day, doc, p.weekday)), kind, "document"
        )
    if ctx.year is not None:
        return _done(replace(p, year=ctx.year), kind, "context")
    return Resolved(None, p, kind, None)


def _dispatch(
    p: Point,
    doc: dt.date | None,
    ctx: Context,
    line: int,
    lex: TemporalLexicon,
    forward: bool | None,
) -> Resolved:
    if p.century is not None:
        return _done(p, "century")
    if p.weekday_only:
        if doc is None or p.weekday is None:
            return Resolved(None, p, "relative", None)
        d = nearest_weekday(p.weekday, doc, forward)
        q = replace(p, year=d.year, month=d.month, day=d.day, weekday_only=False)
        return _done(q, "relative", "document")
    if p.ago is not None:
        return _ago(p, doc)
    if p.rel is not None:
        return _relative(p, doc, ctx, lex)
    if p.decade is not None:
        return _done(p, "decade")
    if _is_fiscal(p, ctx):
        return _fiscal(p, ctx, lex)
    if p.year is None and p.month is None and p.bare_day and p.day is not None:
        return _bare_day(p, doc, ctx, line, forward)
    if p.year is None and p.quarter is not None:
        in_para = ctx.year if ctx.year is not None and ctx.year_line == line else None
        return _done(replace(p, year=in_para), "quarter", "context" if in_para else None)
    if p.year is None and p.month is not None:
        return _month_no_year(p, doc, ctx, line)
    if p.quarter is not None:
        return _done(p, "quarter")
    if p.half is not None:
        return _done(p, "half")
    return _done(p, "fuzzy" if p.modifier else "date")


def resolve(
    p: Point,
    doc: dt.date | None,
    ctx: Context,
    line: int,
    lex: TemporalLexicon,
    forward: bool | None = None,
) -> Resolved:
    """The point placed in the calendar, with its value, kind, anchor and timex."""
    if p.year2 and p.year is not None:
        p = replace(p, year=full_year(p.year, doc, lex), year2=False)
    r = _dispatch(p, doc, ctx, line, lex, forward)
    if r.value is None:
        r.anchor = None
    r.timex = format_timex(r.point if r.value is not None else p, r.value, lex)
    if r.span is None and p.fiscal and r.point.year is not None and r.kind == "fiscal_year":
        r.span = fiscal_months((r.point.year, lex.fiscal_year_start), 0, 12)
    return r
