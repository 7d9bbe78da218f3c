"""The document date: the date an article states for itself near its top."""

from __future__ import annotations

import datetime as dt
import re

from ...knowledge.schemas import load_temporal
from .base import DateMatch, alt
from .scanner import find_dates

# what may stand on a dateline beside the date: October 1, 2018 / 10:34 AM, 2024年9月20日 15時30分
_TIME_OF_DAY = re.compile(
    r"(?:(?:午前|午後)\s?)?\d{1,2}(?::\d{2}|時(?:\d{1,2}分)?)(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s?(?:JST|UTC|GMT))?"
)
# a dateline opens with the date and goes on after a comma or a space: 2024年4月3日、東京
_DATELINE_GAP = re.compile(r"[\s、,，]|$")
_AROUND = " \u3000()（）[]【】|/-–—・"


def _full_date(found: list[DateMatch]) -> DateMatch | None:
    first = [d for d in found if d.kind == "date" and d.anchor is None]
    if not first or first[0].value is None or len(first[0].value) != 10:
        return None
    return first[0]


def _states_itself(line: str, rest: str, labelled: bool) -> dt.date | None:
    d = _full_date(find_dates(rest))
    if d is None or d.value is None:
        return None
    before, after = rest[: d.start], rest[d.end :]
    leftover = _TIME_OF_DAY.sub("", before + after).strip(_AROUND)
    opens_line = not before.strip(_AROUND)
    if labelled or not leftover or (opens_line and _DATELINE_GAP.match(after.lstrip(")）]】"))):
        return dt.date.fromisoformat(d.value)
    return None


def find_document_date(text: str) -> dt.date | None:
    """The date an article states for itself near its top: a labelled line ("Published:
    February 12, 2025", "公開日：2025年3月1日"), a line that is nothing but a full date, or
    a dateline that opens with one (2024年4月3日、東京 / 【2024年4月3日】 発表)."""
    lex = load_temporal()
    labels = re.compile(rf"^\s*(?:{alt(lex.document_date_labels)})\s*(?:on|at)?\s*[:：]?\s*")
    lines = []
    for ln in text.splitlines():  # a date line is short: 200 characters are plenty
        if ln.strip():
            lines.append(ln[:200])
            if len(lines) == lex.document_date_lines:
                break
    for line in lines:
        m = labels.match(line)
        rest = line[m.end() :] if m else line
        if day := _states_itself(line, rest, m is not None):
            return day
    return None
