"""News conventions (issue 12), cases written for these tests: one text each, the
expression and the value it must get in an article of 2024-09-20."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from altnotes.pipeline.temporal import find_dates

from .common import NEWS_DOC

NEWS_CASES = [
    # two-digit years: only where the rest of the expression shows a calendar year
    ("同社は09年に設立された。", "09年", "2009"),
    ("18年5月に発表した。", "18年5月", "2018-05"),
    ("23年10月の会合で決めた。", "23年10月", "2023-10"),
    ("89年に初優勝した。", "89年", "1989"),
    ("64年、東京で五輪が開かれた。", "64年", "1964"),
    ("25年3月期の決算", "25年3月期", "2024-04/2025-03"),  # the fiscal year that ends then
    ("25年1月末までに", "25年1月末", "2025-01"),
    ("20年度の予算", "20年度", "2020"),
    # fiscal periods and quarters
    ("2024年4―9月期の純利益", "2024年4―9月期", "2024-04/2024-09"),
    ("4~6月期は増益だった。", "4~6月期", "2024-04/2024-06"),
    ("今年度の見通し", "今年度", "2024"),
    ("2021年第1四半期に", "2021年第1四半期", "2021-Q1"),
    ("2024年上期の売上高", "2024年上期", "2024-H1"),
    # days of the calendar and relative seasons
    ("元日に発生した地震", "元日", "2025-01-01"),
    ("昨夏の大会で", "昨夏", "2023"),
    ("きょう20日、発表した。", "20日", "2024-09-20"),
    # eras and other calendars
    ("1878（明治11）年６月１日に開業", "1878（明治11）年６月１日", "1878-06-01"),
    ("令和3/7/18に開催", "令和3/7/18", "2021-07-18"),
    ("R3.7.18付", "R3.7.18", "2021-07-18"),
    ("R3年7月18日に", "R3年7月18日", "2021-07-18"),
    ("皇紀2681年", "皇紀2681年", "2021"),
    ("紀元前2000年ごろの遺跡", "紀元前2000年", "BC2000"),
    ("21世紀の課題", "21世紀", "20"),
    # numeric dates touching kana and kanji
    ("2021/7/18に開催", "2021/7/18", "2021-07-18"),
    ("会議は2021/7/18", "2021/7/18", "2021-07-18"),
    ("2021.7.18発売", "2021.7.18", "2021-07-18"),
    # spans without a number
    ("半年前に退任した。", "半年前", "2024-03"),
    ("四半世紀前の事件", "四半世紀前", "1999"),
    # bare days: datelines, weekdays, ranges, forward-looking sentences
    ("19日（日本時間20日）、米国で", "19日", "2024-09-19"),
    ("19日（日本時間20日）、米国で", "20日", "2024-09-20"),
    ("12日(土)に開催された。", "12日", "2024-09-12"),
    ("次戦は21日に行う予定だ。", "21日", "2024-09-21"),
    ("18日に敗れた。", "18日", "2024-09-18"),
    ("30日に開幕した。", "30日", "2024-08-30"),
    ("10日-20日に開かれた。", "10日-20日", "2024-09-10/2024-09-20"),
    ("1〜2日に開かれた。", "1〜2日", "2024-09-01/2024-09-02"),
    ("11月1〜2日に開催する。", "11月1〜2日", "2024-11-01/2024-11-02"),
    ("月曜日に会見した。", "月曜日", "2024-09-16"),
]


@pytest.mark.parametrize(("text", "expr", "value"), NEWS_CASES)
def test_news_conventions(text: str, expr: str, value: str) -> None:
    found = {d.text: d.value for d in find_dates(text, NEWS_DOC)}
    assert expr in found, found
    assert found[expr] == value


@given(yy=st.integers(0, 99), month=st.integers(1, 12), doc_year=st.integers(1990, 2090))
def test_two_digit_years_end_in_their_digits_and_never_lie_far_ahead(
    yy: int, month: int, doc_year: int
) -> None:
    (d,) = find_dates(f"{yy:02d}年{month}月に", dt.date(doc_year, 6, 1))
    assert d.value is not None
    year = int(d.value[:4])
    assert year % 100 == yy and year <= doc_year + 5 and year > doc_year + 5 - 100
    assert d.value.endswith(f"-{month:02d}")
