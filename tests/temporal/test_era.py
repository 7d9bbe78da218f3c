"""Japanese eras, every one from 大化 on (data/eras.toml), their letters and their numeric
forms."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from altnotes.knowledge.schemas import load_eras, load_temporal
from altnotes.pipeline.temporal import find_dates, normalize

from .common import NEWS_DOC, SAME, Row, check

CASES: list[Row] = [
    ("令和6年4月", None, "2024-04", "date", SAME),
    ("平成31年", None, "2019", "date", SAME),
    ("令和元年5月1日", None, "2019-05-01", "date", SAME),
    ("昭和64年1月7日", None, "1989-01-07", "date", SAME),
    ("令和7年度", None, "2025", "fiscal_year", SAME),
    ("平成30年", None, "2018", "date", SAME),
    ("令和02年", None, "2020", "date", SAME),
    ("天平15年", None, "0743", "date", SAME),
    ("慶長5年", None, "1600", "date", SAME),
    ("元禄元年", None, "1688", "date", SAME),
    ("H30.4.1", None, "2018-04-01", "date", SAME),
    ("平成30-4-1", None, "2018-04-01", "date", SAME),
    ("平成30・4・1", None, "2018-04-01", "date", SAME),
    ("令和2.11", None, "2020-11", "date", SAME),
    ("皇紀2681年", None, "2021", "date", SAME),
    ("西暦1999年", None, "1999", "date", SAME),
]


@pytest.mark.parametrize(("text", "doc", "value", "kind", "timex"), CASES)
def test_era_cases(
    text: str, doc: dt.date | None, value: str | None, kind: str, timex: str | None
) -> None:
    check(text, doc, value, kind, timex)


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("1878（明治11）年６月１日に開業", "1878（明治11）年６月１日", "1878-06-01"),
        ("令和3/7/18に開催", "令和3/7/18", "2021-07-18"),
        ("R3.7.18付", "R3.7.18", "2021-07-18"),
        ("R3年7月18日に", "R3年7月18日", "2021-07-18"),
    ],
)
def test_era_forms_in_a_sentence(text: str, expr: str, value: str) -> None:
    found = {d.text: d.value for d in find_dates(text, NEWS_DOC)}
    assert found.get(expr) == value, found


@pytest.mark.parametrize("text", ["令和0年", "令和00年", "平成100年", "飛鳥時代3年"])
def test_years_no_era_has_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_the_era_table_runs_from_taika_to_reiwa_in_order() -> None:
    eras = [e for e in load_eras().eras if e.court == "general"]
    assert (eras[0].name, eras[0].first) == ("大化", 645)
    assert eras[-1].name == "令和" and eras[-1].last is None
    assert all(a.first <= b.first for a, b in zip(eras, eras[1:], strict=False))
    assert len(load_temporal().eras) > 240


ERAS = sorted(load_temporal().eras.items(), key=lambda kv: kv[1])


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(ERAS), st.integers(min_value=1, max_value=30))
def test_era_years_convert_to_gregorian(era: tuple[str, int], n: int) -> None:
    name, first = era
    label = "元" if n == 1 else str(n)
    found = normalize(f"{name}{label}年")
    assert found is not None and found.value == f"{first + n - 1:04d}"
    assert found.timex == found.value


@settings(max_examples=200, deadline=None)
@given(
    era=st.sampled_from(ERAS),
    n=st.integers(1, 30),
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    sep=st.sampled_from(["/", ".", "-", "・"]),
)
def test_numeric_era_dates_equal_their_kanji_form(
    era: tuple[str, int], n: int, month: int, day: int, sep: str
) -> None:
    name, _ = era
    numeric = find_dates(f"{name}{n}{sep}{month}{sep}{day}に")
    written = find_dates(f"{name}{n}年{month}月{day}日に")
    assert [d.value for d in numeric] == [d.value for d in written]
    assert len(numeric) == 1


@settings(max_examples=200, deadline=None)
@given(era=st.sampled_from(ERAS), n=st.integers(1, 30), month=st.integers(1, 12))
def test_an_era_year_and_month_with_a_dot(era: tuple[str, int], n: int, month: int) -> None:
    name, first = era
    (d,) = find_dates(f"{name}{n}.{month}に")
    assert d.value == f"{first + n - 1:04d}-{month:02d}"
