"""Ranges: two ends joined by a connector; the end takes from the start what it leaves
out."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from altnotes.pipeline.temporal import find_dates
from altnotes.query.dates import parse_date_value

from .common import NEWS_DOC, SAME, Row, check

CASES: list[Row] = [
    ("2006年から2009年", None, "2006/2009", "range", SAME),
    ("2020〜2022年", None, "2020/2022", "range", SAME),
    ("2023年3月から5月", None, "2023-03/2023-05", "range", SAME),
    ("2024年3月1日〜5日", None, "2024-03-01/2024-03-05", "range", SAME),
    ("1990年代から2000年代", None, "199X/200X", "range", SAME),
    ("6月1日〜3日", None, None, "range", "XXXX-06-01/XXXX-06-03"),
    ("2019年10月から翌2020年3月", None, "2019-10/2020-03", "range", SAME),
    ("2019年9月2日から同27日", None, "2019-09-02/2019-09-27", "range", SAME),
]


@pytest.mark.parametrize(("text", "doc", "value", "kind", "timex"), CASES)
def test_range_cases(
    text: str, doc: dt.date | None, value: str | None, kind: str, timex: str | None
) -> None:
    check(text, doc, value, kind, timex)


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("2024年4―9月期の純利益", "2024年4―9月期", "2024-04/2024-09"),
        ("4~6月期は増益だった。", "4~6月期", "2024-04/2024-06"),
        ("10日-20日に開かれた。", "10日-20日", "2024-09-10/2024-09-20"),
        ("1〜2日に開かれた。", "1〜2日", "2024-09-01/2024-09-02"),
        ("11月1〜2日に開催する。", "11月1〜2日", "2024-11-01/2024-11-02"),
    ],
)
def test_ranges_in_news(text: str, expr: str, value: str) -> None:
    found = {d.text: d.value for d in find_dates(text, NEWS_DOC)}
    assert found.get(expr) == value, found


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1000, max_value=2998),
    st.integers(min_value=1, max_value=50),
    st.sampled_from(["{a}年から{b}年", "{a}〜{b}年", "{a}年〜{b}年", "{a}年から{b}年まで"]),
)
def test_year_ranges_keep_both_ends(a: int, gap: int, pattern: str) -> None:
    b = min(2999, a + gap)
    text = pattern.format(a=a, b=b)
    (found,) = find_dates(text)
    assert found.text == text.removesuffix("まで")  # the particle is not part of it
    assert found.kind == "range"
    assert (found.range_start, found.range_end, found.value) == (str(a), str(b), f"{a}/{b}")
    span = parse_date_value(found.value)
    assert span == (dt.date(a, 1, 1), dt.date(b, 12, 31))
