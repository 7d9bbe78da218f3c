"""Periods: decades, centuries, BC, seasons of a year, quarters, halves, fiscal years and
fiscal periods (2025年度上期 is April-September; 25年3月期 is the year that ends then)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from altnotes.pipeline.temporal import find_dates

from .common import NEWS_DOC, SAME, Row, check

CASES: list[Row] = [
    ("2000年代", None, "200X", "decade", SAME),
    ("1990年代後半", None, "199X", "decade", SAME),
    ("80年代", None, "198X", "decade", SAME),
    ("2019年の春か夏頃", None, "2019", "fuzzy", SAME),
    # a season of a year: the value is the year, the timex says which season
    ("2018年秋", None, "2018", "fuzzy", "2018-FA"),
    ("2018冬", None, "2018", "fuzzy", "2018-WI"),
    ("2018/夏", None, "2018", "fuzzy", "2018-SU"),
    ("19世紀", None, "18", "century", SAME),
    ("3世紀", None, "02", "century", SAME),
    ("紀元前5世紀", None, "BC04", "century", SAME),
    ("紀元前44年", None, "BC0044", "date", SAME),
    ("2026年度", None, "2026", "fiscal_year", SAME),
    ("2019年第3四半期", None, "2019-Q3", "quarter", SAME),
    ("2019年下期", None, "2019-H2", "half", SAME),
    ("2019年度下期", None, "2019-10/2020-03", "half", SAME),
    ("2019年度第4四半期", None, "2020-01/2020-03", "quarter", SAME),
    ("19年12月期", None, "2019-01/2019-12", "fiscal_year", SAME),
    ("2027年3月期第1四半期", None, "2026-04/2026-06", "quarter", SAME),
    ("2023年Q2", None, "2023-Q2", "quarter", SAME),
    ("FY2023", None, "2023", "fiscal_year", SAME),
    ("FY2023 Q4", None, "2024-01/2024-03", "quarter", SAME),
    ("2023年度Q1", None, "2023-04/2023-06", "quarter", SAME),
    ("第3四半期", None, None, "quarter", "XXXX-Q3"),
    ("Q4", None, None, "quarter", "XXXX-Q4"),
]


@pytest.mark.parametrize(("text", "doc", "value", "kind", "timex"), CASES)
def test_period_cases(
    text: str, doc: dt.date | None, value: str | None, kind: str, timex: str | None
) -> None:
    check(text, doc, value, kind, timex)


def test_a_fiscal_year_spans_april_to_march() -> None:
    (d,) = find_dates("2023年度の決算")
    assert (d.value, d.range_start, d.range_end) == ("2023", "2023-04", "2024-03")
    (d,) = find_dates("26年3月期の見通し")
    assert (d.kind, d.range_start, d.range_end) == ("fiscal_year", "2025-04", "2026-03")


def test_a_quarter_after_a_fiscal_year_is_a_quarter_of_that_fiscal_year() -> None:
    text = "同社は2025年3月期の決算を発表した。第2四半期の利益は増えた。"
    dates = {d.text: d.value for d in find_dates(text, NEWS_DOC)}
    assert dates["第2四半期"] == "2024-07/2024-09"


@pytest.mark.parametrize(
    "text",
    [
        "Q1: どんな未来が見えている?",
        "Q2. AGIの意味は?",
        "Q3）次の質問",
        "Q1 今後の展望は?",
        "1四半期",
        "Q5の結果",
        "10Q",
        "世紀の瞬間",
        "千秋楽",
        "春日大社",
        "アウディQ3を発売した",
        "Q2の質問に答えた",
    ],
)
def test_labels_and_words_are_not_periods(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "timex"), [("決算はQ2に発表", "XXXX-Q2"), ("売上高はQ3に過去最高", "XXXX-Q3")]
)
def test_a_quarter_of_a_business_period(text: str, timex: str) -> None:
    assert [d.timex for d in find_dates(text)] == [timex]


@given(
    st.integers(1000, 2999),
    st.sampled_from(["春", "夏", "秋", "冬"]),
    st.sampled_from(["", "年", "/", "年の"]),
)
def test_a_season_of_a_year_keeps_its_year_and_names_its_season(
    year: int, season: str, sep: str
) -> None:
    (d,) = find_dates(f"{year}{sep}{season}に")
    code = {"春": "SP", "夏": "SU", "秋": "FA", "冬": "WI"}[season]
    assert (d.value, d.timex) == (str(year), f"{year}-{code}")


@given(st.integers(1, 30), st.booleans())
def test_centuries_and_bc_centuries(n: int, bc: bool) -> None:
    (d,) = find_dates(f"{'紀元前' if bc else ''}{n}世紀")
    assert d.value == f"{'BC' if bc else ''}{n - 1:02d}"
