"""What looks like a date and is not one, and text of any kind (properties)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from altnotes.pipeline.temporal import find_dates
from altnotes.query.dates import parse_date_value

from .common import DOC, NEWS_DOC

# Written for these tests in the style of general news (sport, business, local news):
# durations, ages, counts, rates, ordinals, scores and amounts that look like dates.
NON_DATES = [
    "任期は4年間だった",
    "3日間の日程で開かれる",
    "創業100年を迎えた",
    "28歳の右腕が先発した",
    "週に2回通う",
    "10年連続で増収",
    "3年ぶりの優勝",
    "通算2000本安打を達成",
    "1200人が参加した",
    "4番打者が本塁打",
    "5回裏に逆転",
    "3対1で勝った",
    "1万5000円で販売",
    "80代の女性が搬送された",
    "プロ10年目のシーズン",
    "2500メートル級の山",
    "24時間営業の店",
    "30分後に再開した",
    "約3時間にわたり協議",
    "全体の1/3を占める",
    "2割の世帯",
]


@pytest.mark.parametrize("text", NON_DATES)
def test_durations_ages_rates_and_labels_are_not_dates(text: str) -> None:
    assert find_dates(text, DOC) == []


@pytest.mark.parametrize(
    "text",
    ["創業50年に", "過去30年、", "1日あたり", "3日間", "5日しか", "10年に一度", "20年にわたり"],
)
def test_counts_of_years_and_days_are_not_dates(text: str) -> None:
    assert find_dates(text, NEWS_DOC) == []


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.sampled_from(["年間", "歳", "日しか", "ヶ月で"]))
def test_durations_and_ages_never_become_dates(n: int, suffix: str) -> None:
    assume(not (suffix == "年間" and n >= 1000))
    assert find_dates(f"彼は{n}{suffix}働いた。", DOC) == []


DATES = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), DATES))
def test_any_text_gives_offsets_that_point_at_their_text(text: str, doc: dt.date | None) -> None:
    for d in find_dates(text, doc):
        assert text[d.start : d.end] == d.text and d.text
        if d.value is not None and d.kind in ("date", "relative", "range", "decade"):
            assert parse_date_value(d.value) is not None


JP_ALPHABET = st.sampled_from(
    list("0123456789０１２年月日前後から〜同翌昨来先週度代末頃の、。 令和平成元十二三/・.(木)")
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=JP_ALPHABET, max_size=60), st.one_of(st.none(), DATES))
def test_date_like_noise_never_raises(text: str, doc: dt.date | None) -> None:
    for d in find_dates(text, doc):
        assert text[d.start : d.end] == d.text
        if d.value is not None and d.kind in ("date", "relative", "range", "decade"):
            assert parse_date_value(d.value) is not None, d
        assert d.value is None or d.timex is not None
