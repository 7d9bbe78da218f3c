"""Dates written with numbers and separators, and a month/day with a slash only where the
sentence is about a date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from altnotes.pipeline.temporal import find_dates, normalize
from altnotes.query.dates import parse_date_value

from .common import DOC, NEWS_DOC, SAME, Row, check

CASES: list[Row] = [
    ("2024/10/9", None, "2024-10-09", "date", SAME),
    ("2024-10-09", None, "2024-10-09", "date", SAME),
    ("2019・4・30", None, "2019-04-30", "date", SAME),
    ("2019,4,30", None, "2019-04-30", "date", SAME),
    ("2019.4.30", None, "2019-04-30", "date", SAME),
    ("2019/4", None, "2019-04", "date", SAME),
    ("2019/04", None, "2019-04", "date", SAME),
    ("2019/4月", None, "2019-04", "date", SAME),
    ("2019年/4", None, "2019-04", "date", SAME),
    ("11/3", None, None, "date", "XXXX-11-03"),
    ("5/20", DOC, "2025-05-20", "date", SAME),
    # the weekday picks the year: 2023-05-20 is a Saturday, 2025-05-20 a Tuesday
    ("5/20(土)", dt.date(2024, 2, 1), "2023-05-20", "date", SAME),
]


@pytest.mark.parametrize(("text", "doc", "value", "kind", "timex"), CASES)
def test_numeric_cases(
    text: str, doc: dt.date | None, value: str | None, kind: str, timex: str | None
) -> None:
    check(text, doc, value, kind, timex)


@pytest.mark.parametrize(
    ("text", "expr", "timex"),
    [
        ("新機種は9/1に発売する。", "9/1", "XXXX-09-01"),
        ("説明会は11/3(金)", "11/3(金)", "XXXX-11-03"),
        ("受付は3/1〜3/15まで", "3/1〜3/15", "XXXX-03-01/XXXX-03-15"),
    ],
)
def test_a_month_day_with_a_slash_in_a_sentence_about_a_date(
    text: str, expr: str, timex: str
) -> None:
    assert [(d.text, d.timex) for d in find_dates(text)] == [(expr, timex)]


@pytest.mark.parametrize(
    "text", ["全体の1/3を占める", "3/1で勝った", "比率は2/5", "打率は3/10だった", "1/2以上"]
)
def test_fractions_and_scores_are_not_dates(text: str) -> None:
    assert find_dates(text, NEWS_DOC) == []


DATES = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31))
WIDE = str.maketrans("0123456789", "０１２３４５６７８９")
KANJI = str.maketrans("0123456789", "〇一二三四五六七八九")


@settings(max_examples=300, deadline=None)
@given(DATES, st.sampled_from(["ascii", "wide", "kanji", "english", "iso", "slash"]))
def test_round_trip_of_absolute_dates(day: dt.date, style: str) -> None:
    jp = f"{day.year}年{day.month}月{day.day}日"
    text = {
        "ascii": jp,
        "wide": jp.translate(WIDE),
        "kanji": f"{str(day.year).translate(KANJI)}年{day.month}月{day.day}日",
        "english": f"{day:%B} {day.day}, {day.year}",
        "iso": day.isoformat(),
        "slash": f"{day.year}/{day.month}/{day.day}",
    }[style]
    found = normalize(text)
    assert found is not None and found.value == day.isoformat()
    assert found.timex == found.value
    assert parse_date_value(found.value) == (day, day)


@settings(max_examples=300, deadline=None)
@given(
    DATES,
    st.sampled_from(["/", "-", ".", "・", ",", "／", "．", "，"]),
    st.booleans(),
    st.sampled_from(["", "に", "、", "発売"]),
)
def test_every_separator_gives_the_same_date(day: dt.date, sep: str, pad: bool, after: str) -> None:
    month, dd = (f"{day.month:02d}", f"{day.day:02d}") if pad else (day.month, day.day)
    text = f"{day.year}{sep}{month}{sep}{dd}{after}"
    (found,) = find_dates(text)
    assert found.value == day.isoformat()
    assert text[found.start : found.end] == found.text


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 12), st.integers(1, 31), st.sampled_from(["に", "から", "(月)", "付"]))
def test_a_month_day_before_a_word_of_dates_keeps_both_numbers(
    month: int, day: int, after: str
) -> None:
    found = find_dates(f"{month}/{day}{after}")
    assert [d.timex for d in found][:1] == [f"XXXX-{month:02d}-{day:02d}"]


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 12), st.integers(1, 31), st.sampled_from(["を", "で", "の", "が", "%"]))
def test_a_month_day_before_other_words_is_not_a_date(month: int, day: int, after: str) -> None:
    assert find_dates(f"その{month}/{day}{after}") == []
