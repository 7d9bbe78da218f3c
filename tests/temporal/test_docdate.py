"""The document date an article states for itself, and what it anchors."""

from __future__ import annotations

import datetime as dt

from altnotes.pipeline.temporal import find_dates, find_document_date, kanji_to_int
from altnotes.query.dates import parse_date_value


def test_document_date_from_a_label_or_a_line_of_its_own() -> None:
    assert find_document_date("Published: February 12, 2025\n本文") == dt.date(2025, 2, 12)
    assert find_document_date("\n2025年3月1日\n\n見出し\n本文") == dt.date(2025, 3, 1)
    assert find_document_date("公開日：２０２４年１０月９日（水）\n本文") == dt.date(2024, 10, 9)
    assert find_document_date("この記事は2025年1月6日に投稿したブログのメモです。") is None
    assert find_document_date("見出し\n" * 20 + "2025年3月1日") is None


def test_a_dateline_that_opens_with_the_date_states_the_document_date() -> None:
    text = (
        "新製品を発表\n2023年6月8日、東京 ― 同社は昨年12月に開発を始めた。5日に試作機を公開した。"
    )
    doc = find_document_date(text)
    assert doc == dt.date(2023, 6, 8)
    dates = {d.text: d.value for d in find_dates(text, doc)}
    assert dates["昨年12月"] == "2022-12" and dates["5日"] == "2023-06-05"
    assert find_document_date("【2023年6月8日】 お知らせ\n本文") == dt.date(2023, 6, 8)
    assert find_document_date("2023年6月8日に新会社を設立しました。\n本文") is None


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
