"""Dates relative to the document date (昨年, 9年前, 半月前) or to the date last mentioned
(同年, 翌日, 同日), and the comparisons that look like them (前年度比)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from altnotes.pipeline.temporal import find_dates, normalize
from altnotes.query.dates import parse_date_value

from .common import DOC, NEWS_DOC, SAME, Row, check

CASES: list[Row] = [
    ("昨年12月", DOC, "2024-12", "relative", SAME),
    ("先月", DOC, "2025-01", "relative", SAME),
    ("去年", DOC, "2024", "relative", SAME),
    ("来年", DOC, "2026", "relative", SAME),
    ("9年前", DOC, "2016", "relative", SAME),
    ("ほぼ9年前", DOC, "2016", "relative", SAME),
    ("27か月前", DOC, "2022-11", "relative", SAME),
    ("1週間くらい前", DOC, "2025-02-05", "relative", SAME),
    ("1か月ちょっと前", DOC, "2025-01", "relative", SAME),
    ("10年後", DOC, "2035", "relative", SAME),
    ("先週", DOC, "2025-W06", "relative", SAME),
    ("明日", DOC, "2025-02-13", "relative", SAME),
    # the unit sets the precision: years -> YYYY, months -> YYYY-MM, weeks and days -> the day
    ("3ヶ月後", dt.date(2022, 5, 20), "2022-08", "relative", SAME),
    ("半年前", dt.date(2022, 5, 20), "2021-11", "relative", SAME),
    ("半月前", dt.date(2022, 5, 20), "2022-05-05", "relative", SAME),
    ("半世紀前", dt.date(2022, 5, 20), "1972", "relative", SAME),
    ("先々週", DOC, "2025-W05", "relative", SAME),
    ("先々月", DOC, "2024-12", "relative", SAME),
    ("おととし", DOC, "2023", "relative", SAME),
    ("しあさって", DOC, "2025-02-15", "relative", SAME),
    ("明々後日", DOC, "2025-02-15", "relative", SAME),
    ("3年ばかり前", DOC, "2022", "relative", SAME),
    ("2年近くまえ", DOC, "2023", "relative", SAME),
    # a half after the unit: 1年半 is eighteen months, 2ヶ月半 seventy-five days
    ("1年半後", DOC, "2026-08", "relative", SAME),
    ("2ヶ月半前", DOC, "2024-11-29", "relative", SAME),
    # fiscal: February 2025 is still fiscal 2024
    ("昨年度", DOC, "2023", "relative", SAME),
    ("今年度", dt.date(2025, 4, 1), "2025", "relative", SAME),
    ("昨夏", DOC, "2024", "relative", "2024-SU"),
    # nothing anchors them: kept, unresolved; the month the text gives is in the timex
    ("昨年12月", None, None, "relative", "XXXX-12"),
    ("9年前", None, None, "relative", None),
    ("数年前", DOC, None, "relative", None),
    ("同年3月", None, None, "relative", "XXXX-03"),
]


@pytest.mark.parametrize(("text", "doc", "value", "kind", "timex"), CASES)
def test_relative_cases(
    text: str, doc: dt.date | None, value: str | None, kind: str, timex: str | None
) -> None:
    check(text, doc, value, kind, timex)


def test_a_fiscal_relative_year_spans_april_to_march() -> None:
    (d,) = find_dates("昨年度の売上高", dt.date(2025, 3, 10))
    assert (d.value, d.range_start, d.range_end) == ("2023", "2023-04", "2024-03")


@pytest.mark.parametrize(
    "text",
    ["前年度比で3%増えた", "前年同月比5%減", "前年比2倍", "前月比で横ばい", "昨年同期比で増えた"],
)
def test_comparisons_are_not_dates(text: str) -> None:
    assert find_dates(text, NEWS_DOC) == []


def test_relative_to_another_event_stays_unresolved() -> None:
    (d,) = find_dates("OpenAI創設の2ヶ月後、参加した。", DOC)
    assert d.text == "2ヶ月後" and d.value is None
    _, d = find_dates("2023年11月17日に解任された。CEOに指名された翌日から働いた。")
    assert d.text == "翌日" and d.value is None
    _, d = find_dates("2023年11月17日に解任された。その翌日、戻った。")
    assert d.value == "2023-11-18" and d.anchor == "context"


def test_the_same_day_is_that_of_the_main_clause_not_of_an_aside() -> None:
    text = "新社長は4月1日に就任した（取締役会は3月25日に決議）。同日、記者会見を開いた。"
    dates = {d.text: d.value for d in find_dates(text, dt.date(2024, 4, 3))}
    assert dates["同日"] == "2024-04-01"


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.integers(min_value=1, max_value=60),
    st.sampled_from(["年", "か月", "ヶ月", "週間", "日"]),
    st.sampled_from(["前", "後"]),
)
def test_relative_dates_move_from_the_document_date(
    doc: dt.date, n: int, unit: str, direction: str
) -> None:
    found = normalize(f"{n}{unit}{direction}", doc)
    assert found is not None and found.resolved and found.anchor == "document"
    sign = -1 if direction == "前" else 1
    span = parse_date_value(found.value or "")
    assert span is not None
    if unit == "年":
        assert span[0].year == doc.year + sign * n
    elif unit in ("か月", "ヶ月"):
        months = doc.year * 12 + doc.month - 1 + sign * n
        assert (span[0].year, span[0].month) == (months // 12, months % 12 + 1)
    else:
        days = n * (7 if unit == "週間" else 1)
        assert span[0] == doc + dt.timedelta(days=sign * days)


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31)))
def test_the_fiscal_year_before_is_counted_from_the_fiscal_year_of_the_document(
    doc: dt.date,
) -> None:
    (d,) = find_dates("昨年度", doc)
    fiscal = doc.year if doc.month >= 4 else doc.year - 1
    assert d.value == str(fiscal - 1)
