"""Calendar dates written in words: 年月日, weekdays, bare days, times of day, the context
that places a month or a day without a year."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from altnotes.pipeline.temporal import find_dates

from .common import DOC, NEWS_DOC, SAME, Row, check

CASES: list[Row] = [
    ("2023年11月17日金曜日、午後12時24分", None, "2023-11-17", "date", SAME),
    ("2022年11月30日", None, "2022-11-30", "date", SAME),
    ("2019年", None, "2019", "date", SAME),
    ("2023年1月", None, "2023-01", "date", SAME),
    ("２０２４年", None, "2024", "date", SAME),
    ("２０２４年１０月９日", None, "2024-10-09", "date", SAME),
    ("二〇二四年三月", None, "2024-03", "date", SAME),
    ("十二月", DOC, "2024-12", "date", SAME),
    ("1月21日", DOC, "2025-01-21", "date", SAME),
    ("3月上旬", DOC, "2025-03", "fuzzy", SAME),
    ("2022年末", None, "2022", "fuzzy", SAME),
    ("2019年5月頭", None, "2019-05", "fuzzy", SAME),
    ("平成元年なかば", None, "1989", "fuzzy", SAME),
    # no year in the text and no document date: the value stays null, the timex says
    # what the text does give
    ("8月25日", None, None, "date", "XXXX-08-25"),
    ("九月", None, None, "date", "XXXX-09"),
    ("26日", None, None, "date", "XXXX-XX-26"),
    ("元日", None, None, "date", "XXXX-01-01"),
    # weekdays: alone, short, in brackets
    ("水曜日", DOC, "2025-02-12", "relative", SAME),  # the nearest Wednesday: the document day
    ("水曜日", None, None, "relative", "XXXX-WXX-3"),
    ("金曜", None, None, "relative", "XXXX-WXX-5"),
    ("（日）", None, None, "relative", "XXXX-WXX-7"),
    ("(火曜日)", None, None, "relative", "XXXX-WXX-2"),
    # slashes between written parts
    ("2020年/3月/9日", None, "2020-03-09", "date", SAME),
    ("2020年/3月", None, "2020-03", "date", SAME),
]


@pytest.mark.parametrize(("text", "doc", "value", "kind", "timex"), CASES)
def test_calendar_cases(
    text: str, doc: dt.date | None, value: str | None, kind: str, timex: str | None
) -> None:
    check(text, doc, value, kind, timex)


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("1192年に幕府が開かれた。", "1192年", "1192"),
        ("607年は推古天皇の時代だ。", "607年", "0607"),
    ],
)
def test_a_bare_year_in_a_clause_about_a_time(text: str, expr: str, value: str) -> None:
    assert [(d.text, d.value) for d in find_dates(text)] == [(expr, value)]


@pytest.mark.parametrize("text", ["300年の歴史がある", "完成に200年はかかる", "約400年に及ぶ"])
def test_a_count_of_years_is_not_a_bare_year(text: str) -> None:
    assert find_dates(text) == []


def test_a_day_and_its_weekday_agree_and_resolve_together() -> None:
    # 2024-10-31 is a Thursday, 2024-08-31 a Saturday: the weekday picks the month
    (d,) = find_dates("31日(木)に開く予定だ。", dt.date(2024, 9, 20))
    assert (d.text, d.value) == ("31日", "2024-10-31")
    (d,) = find_dates("31日土曜日に開かれた。", dt.date(2024, 9, 20))
    assert d.value == "2024-08-31"
    (d,) = find_dates("7月4日(金)に", dt.date(2024, 9, 20))  # 2025-07-04 is a Friday
    assert d.value == "2025-07-04"
    (d,) = find_dates("31日(木)")
    assert (d.value, d.timex) == (None, "XXXX-XX-31")


def test_anaphoric_words_follow_the_year_last_mentioned() -> None:
    text = "Claudeは2023年3月に公開され、同年7月には改良版が出た。翌年には3が出た。"
    values = [(d.text, d.value, d.anchor) for d in find_dates(text)]
    assert values == [
        ("2023年3月", "2023-03", None),
        ("同年7月", "2023-07", "context"),
        ("翌年", "2024", "context"),
    ]


def test_a_month_day_takes_the_year_of_its_paragraph_before_the_document_date() -> None:
    text = "2019年1月に全株を売却した。その後、3月5日に再び買った。\n大統領は1月21日に発表した。"
    values = [d.value for d in find_dates(text, dt.date(2025, 3, 1))]
    assert values == ["2019-01", "2019-03-05", "2025-01-21"]


def test_time_of_day_is_kept_apart_from_the_date() -> None:
    (d,) = find_dates("2023年11月17日金曜日、午後12時24分、解雇された。")
    assert (d.value, d.time) == ("2023-11-17", "12:24")
    (d,) = find_dates("2024年1月5日午後3時半")
    assert d.time == "15:30"


def test_a_bare_day_takes_the_month_of_its_sentence_not_of_an_earlier_one() -> None:
    text = "昨年12月に開発した。25日に研究成果を発表する予定だ。"
    dates = {d.text: d.value for d in find_dates(text, NEWS_DOC)}
    assert dates["25日"] == "2024-09-25"
    dates = {d.text: d.value for d in find_dates("2023年5月、3日に出荷した。")}
    assert dates["3日"] == "2023-05-03"


def test_an_undated_bare_day_has_no_value_but_its_timex() -> None:
    (d,) = find_dates("19日、首相官邸で会見した。")
    assert (d.text, d.value, d.timex) == ("19日", None, "XXXX-XX-19")


@given(month=st.integers(1, 12), day=st.integers(1, 28))
def test_a_month_day_without_a_year_never_gets_one(month: int, day: int) -> None:
    (d,) = find_dates(f"{month}月{day}日に会った。")
    assert d.value is None and d.timex == f"XXXX-{month:02d}-{day:02d}"
