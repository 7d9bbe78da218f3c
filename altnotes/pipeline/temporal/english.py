"""English dates: February 12, 2025 / Feb. 12th 2025 / 12 February 2025 / March 2025 /
February 12 (its year from the context or the document date)."""

from __future__ import annotations

import re

from ...knowledge.schemas import TemporalLexicon
from .base import Builder, Built, Point, Rule, alt


def _months(lex: TemporalLexicon) -> str:
    return alt(list(lex.english_months))


def _build(strong: bool) -> Builder:
    def build(m: re.Match[str], s: str, lex: TemporalLexicon) -> Built | None:
        mon = m.group("mon")
        if not mon[0].isupper():
            return None
        groups = m.groupdict()
        day = int(groups["d"]) if groups.get("d") else None
        year = int(groups["y"]) if groups.get("y") else None
        if day is not None and not 1 <= day <= 31:
            return None
        if not strong and len(mon) < 4 and mon.lower() != "may":
            return None  # "Mar 3" alone is too weak without a year
        return Point(year=year, month=lex.english_months[mon.lower()], day=day, final=True), m.end()

    return build


MONTH_DAY_YEAR = Rule(
    "english_mdy",
    lambda lex: (
        rf"(?<![A-Za-z])(?P<mon>{_months(lex)})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
        r"(?P<y>\d{4})(?!\d)"
    ),
    _build(True),
    re.IGNORECASE,
)
DAY_MONTH_YEAR = Rule(
    "english_dmy",
    lambda lex: (
        rf"(?<![A-Za-z\d])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{_months(lex)})\.?,?\s+"
        r"(?P<y>\d{4})(?!\d)"
    ),
    _build(True),
    re.IGNORECASE,
)
MONTH_YEAR = Rule(
    "english_my",
    lambda lex: rf"(?<![A-Za-z])(?P<mon>{_months(lex)})\.?,?\s+(?P<y>\d{{4}})(?!\d)",
    _build(True),
    re.IGNORECASE,
)
MONTH_DAY = Rule(
    "english_md",
    lambda lex: (
        rf"(?<![A-Za-z])(?P<mon>{_months(lex)})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
        r"(?![\d:,.]\d)(?!\d)"
    ),
    _build(False),
    re.IGNORECASE,
)
RULES = (MONTH_DAY_YEAR, DAY_MONTH_YEAR, MONTH_YEAR, MONTH_DAY)
