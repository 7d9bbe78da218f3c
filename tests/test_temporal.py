"""Date normalization: a table of hand-written cases of every kind, and properties
(round trips, eras, ranges, relative dates, offsets) checked by hypothesis."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from altnotes.knowledge.schemas import load_temporal
from altnotes.pipeline.temporal import find_dates, find_document_date, kanji_to_int, normalize
from altnotes.query.dates import parse_date_value

DOC = dt.date(2025, 2, 12)

# (text, document date, expected value, expected kind)
CASES = [
    # absolute
    ("2023年11月17日金曜日、午後12時24分", None, "2023-11-17", "date"),
    ("2022年11月30日", None, "2022-11-30", "date"),
    ("2019年", None, "2019", "date"),
    ("2023年1月", None, "2023-01", "date"),
    ("令和6年4月", None, "2024-04", "date"),
    ("平成31年", None, "2019", "date"),
    ("令和元年5月1日", None, "2019-05-01", "date"),
    ("昭和64年1月7日", None, "1989-01-07", "date"),
    ("２０２４年", None, "2024", "date"),
    ("２０２４年１０月９日", None, "2024-10-09", "date"),
    ("二〇二四年三月", None, "2024-03", "date"),
    ("2024/10/9", None, "2024-10-09", "date"),
    ("2024-10-09", None, "2024-10-09", "date"),
    ("February 12, 2025", None, "2025-02-12", "date"),
    ("Feb. 12th 2025", None, "2025-02-12", "date"),
    ("12 February 2025", None, "2025-02-12", "date"),
    ("March 2025", None, "2025-03", "date"),
    ("十二月", DOC, "2024-12", "date"),
    ("1月21日", DOC, "2025-01-21", "date"),
    # partial and fuzzy
    ("2022年末", None, "2022", "fuzzy"),
    ("2019年の春か夏頃", None, "2019", "fuzzy"),
    ("2000年代", None, "200X", "decade"),
    ("1990年代後半", None, "199X", "decade"),
    ("80年代", None, "198X", "decade"),
    ("3月上旬", DOC, "2025-03", "fuzzy"),
    ("2026年度", None, "2026", "fiscal_year"),
    ("令和7年度", None, "2025", "fiscal_year"),
    # ranges
    ("2006年から2009年", None, "2006/2009", "range"),
    ("2020〜2022年", None, "2020/2022", "range"),
    ("2023年3月から5月", None, "2023-03/2023-05", "range"),
    ("2024年3月1日〜5日", None, "2024-03-01/2024-03-05", "range"),
    ("1990年代から2000年代", None, "199X/200X", "range"),
    # relative to the document date
    ("昨年12月", DOC, "2024-12", "relative"),
    ("先月", DOC, "2025-01", "relative"),
    ("去年", DOC, "2024", "relative"),
    ("来年", DOC, "2026", "relative"),
    ("9年前", DOC, "2016", "relative"),
    ("ほぼ9年前", DOC, "2016", "relative"),
    ("27か月前", DOC, "2022-11", "relative"),
    ("1週間くらい前", DOC, "2025-02-05", "relative"),
    ("1か月ちょっと前", DOC, "2025-01", "relative"),
    ("10年後", DOC, "2035", "relative"),
    ("先週", DOC, "2025-W06", "relative"),
    ("明日", DOC, "2025-02-13", "relative"),
    ("昨年度", DOC, "2024", "relative"),
    # nothing anchors them: kept, unresolved
    ("昨年12月", None, None, "relative"),
    ("9年前", None, None, "relative"),
    ("数年前", DOC, None, "relative"),
    ("水曜日", DOC, "2025-02-12", "relative"),  # the nearest Wednesday: the document day
    ("水曜日", None, None, "relative"),
    ("同年3月", None, None, "relative"),
]


@pytest.mark.parametrize(("text", "doc", "value", "kind"), CASES)
def test_normalizes_every_kind_of_expression(
    text: str, doc: dt.date | None, value: str | None, kind: str
) -> None:
    found = normalize(text, doc)
    assert found is not None, f"{text!r} not recognized as one date"
    assert (found.value, found.kind) == (value, kind)
    assert found.resolved == (found.anchor is not None)


# Written for these tests in the style of general news (sport, business, local news):
# durations, ages, counts, rates, ordinals, scores and amounts that look like dates.
@pytest.mark.parametrize(
    "text",
    [
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
    ],
)
def test_durations_ages_rates_and_labels_are_not_dates(text: str) -> None:
    assert find_dates(text, DOC) == []


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


def test_relative_to_another_event_stays_unresolved() -> None:
    (d,) = find_dates("OpenAI創設の2ヶ月後、参加した。", DOC)
    assert d.text == "2ヶ月後" and d.value is None
    _, d = find_dates("2023年11月17日に解任された。CEOに指名された翌日から働いた。")
    assert d.text == "翌日" and d.value is None
    _, d = find_dates("2023年11月17日に解任された。その翌日、戻った。")
    assert d.value == "2023-11-18" and d.anchor == "context"


def test_time_of_day_is_kept_apart_from_the_date() -> None:
    (d,) = find_dates("2023年11月17日金曜日、午後12時24分、解雇された。")
    assert (d.value, d.time) == ("2023-11-17", "12:24")
    (d,) = find_dates("2024年1月5日午後3時半")
    assert d.time == "15:30"


def test_document_date_from_a_label_or_a_line_of_its_own() -> None:
    assert find_document_date("Published: February 12, 2025\n本文") == dt.date(2025, 2, 12)
    assert find_document_date("\n2025年3月1日\n\n見出し\n本文") == dt.date(2025, 3, 1)
    assert find_document_date("公開日：２０２４年１０月９日（水）\n本文") == dt.date(2024, 10, 9)
    assert find_document_date("この記事は2025年1月6日に投稿したブログのメモです。") is None
    assert find_document_date("見出し\n" * 20 + "2025年3月1日") is None


def test_parse_date_value_spans() -> None:
    assert parse_date_value("2023") == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert parse_date_value("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert parse_date_value("200X") == (dt.date(2000, 1, 1), dt.date(2009, 12, 31))
    assert parse_date_value("2025-W06") == (dt.date(2025, 2, 3), dt.date(2025, 2, 9))
    assert parse_date_value("2006/2009") == (dt.date(2006, 1, 1), dt.date(2009, 12, 31))
    assert parse_date_value("yesterday") is None
    assert parse_date_value("2023-02-30") is None


def test_kanji_numerals() -> None:
    assert [kanji_to_int(k) for k in ["二〇二四", "十二", "三十一", "元", "百", "7"]] == [
        2024,
        12,
        31,
        1,
        100,
        7,
    ]


# --- properties --------------------------------------------------------------------------------

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
    assert parse_date_value(found.value) == (day, day)


ERAS = sorted(load_temporal().eras.items(), key=lambda kv: kv[1])


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(ERAS), st.integers(min_value=1, max_value=30))
def test_era_years_convert_to_gregorian(era: tuple[str, int], n: int) -> None:
    name, first = era
    label = "元" if n == 1 and n % 2 else str(n)
    found = normalize(f"{name}{label}年")
    assert found is not None and found.value == str(first + n - 1)


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


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.sampled_from(["年間", "歳", "日しか", "ヶ月で"]))
def test_durations_and_ages_never_become_dates(n: int, suffix: str) -> None:
    assume(not (suffix == "年間" and n >= 1000))
    assert find_dates(f"彼は{n}{suffix}働いた。", DOC) == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), DATES))
def test_any_text_gives_offsets_that_point_at_their_text(text: str, doc: dt.date | None) -> None:
    for d in find_dates(text, doc):
        assert text[d.start : d.end] == d.text and d.text
        if d.value is not None:
            assert parse_date_value(d.value) is not None


JP_ALPHABET = st.sampled_from(
    list("0123456789０１２年月日前後から〜同翌昨来先週度代末頃の、。 令和平成元十二三")
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=JP_ALPHABET, max_size=60), st.one_of(st.none(), DATES))
def test_date_like_noise_never_raises(text: str, doc: dt.date | None) -> None:
    for d in find_dates(text, doc):
        assert text[d.start : d.end] == d.text
        if d.value is not None:
            assert parse_date_value(d.value) is not None, d


# --- news conventions (issue 12): cases written for these tests ----------------------------

NEWS_DOC = dt.date(2024, 9, 20)
NEWS_CASES = [
    # two-digit years: only where the rest of the expression shows a calendar year
    ("同社は09年に設立された。", "09年", "2009"),
    ("18年5月に発表した。", "18年5月", "2018-05"),
    ("23年10月の会合で決めた。", "23年10月", "2023-10"),
    ("89年に初優勝した。", "89年", "1989"),
    ("64年、東京で五輪が開かれた。", "64年", "1964"),
    ("25年3月期の決算", "25年3月期", "2025-03"),
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


def test_a_bare_day_takes_the_month_of_its_sentence_not_of_an_earlier_one() -> None:
    text = "昨年12月に開発した。25日に研究成果を発表する予定だ。"
    dates = {d.text: d.value for d in find_dates(text, dt.date(2024, 9, 20))}
    assert dates["25日"] == "2024-09-25"
    dates = {d.text: d.value for d in find_dates("2023年5月、3日に出荷した。")}
    assert dates["3日"] == "2023-05-03"


@pytest.mark.parametrize(
    "text",
    ["創業50年に", "過去30年、", "1日あたり", "3日間", "5日しか", "10年に一度", "20年にわたり"],
)
def test_counts_of_years_and_days_are_not_dates(text: str) -> None:
    assert find_dates(text, NEWS_DOC) == []


def test_an_undated_bare_day_has_no_value() -> None:
    (d,) = find_dates("19日、首相官邸で会見した。")
    assert (d.text, d.value) == ("19日", None)


@given(yy=st.integers(0, 99), month=st.integers(1, 12), doc_year=st.integers(1990, 2090))
def test_two_digit_years_end_in_their_digits_and_never_lie_far_ahead(
    yy: int, month: int, doc_year: int
) -> None:
    (d,) = find_dates(f"{yy:02d}年{month}月に", dt.date(doc_year, 6, 1))
    year = int(d.value[:4])
    assert year % 100 == yy and year <= doc_year + 5 and year > doc_year + 5 - 100
    assert d.value.endswith(f"-{month:02d}")


@given(
    era=st.sampled_from(ERAS),
    n=st.integers(1, 30),
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    sep=st.sampled_from(["/", "."]),
)
def test_numeric_era_dates_equal_their_kanji_form(era, n, month, day, sep) -> None:
    name, _ = era
    numeric = find_dates(f"{name}{n}{sep}{month}{sep}{day}に")
    written = find_dates(f"{name}{n}年{month}月{day}日に")
    assert [d.value for d in numeric] == [d.value for d in written]
