"""Dated events from the dependency parse, on sentences written for these tests, from
recorded parses."""

from __future__ import annotations

import datetime as dt

import pytest

from altnotes.pipeline.corpus import Document
from altnotes.pipeline.extract import Settings, extract_text


@pytest.fixture
def events(engine):
    """text, document date -> the events, as (date, type, trigger, people, orgs) tuples."""

    def _events(text: str, doc_date: dt.date | None = None) -> list[tuple]:
        ext = extract_text(Document("t", text), Settings(doc_date=doc_date), engine)
        return [(e.date, e.type, e.trigger, e.people, e.organizations) for e in ext.events]

    return _events


def test_a_date_dates_the_predicate_it_modifies(events) -> None:
    got = events("OpenAIのCEOサム・アルトマン氏は2023年11月17日に取締役会によって解任された。")
    assert got == [("2023-11-17", "dismissal", "解任", ["Sam Altman"], ["OpenAI"])]


def test_one_event_per_predicate_and_per_clause(events) -> None:
    got = events(
        "ソフトバンクは2017年にエヌビディア株を取得したが、2019年1月までに全株を売却した。"
    )
    assert [(d, t) for d, t, *_ in got] == [("2017", "investment"), ("2019-01", "sale")]


def test_light_predicates_take_their_objects_meaning(events) -> None:
    (got,) = events("グーグルは2017年、自然言語処理を変える論文を発表した。")
    assert got[:3] == ("2017", "publication", "論文")
    (got,) = events("2023年末に突然の解任劇があった。")
    assert got[:2] == ("2023", "dismissal")


def test_cleft_sentences_date_the_verb_of_their_subject(events) -> None:
    (got,) = events("私たちがOpenAIを始めたのは、ほぼ9年前のことだ。", dt.date(2025, 1, 6))
    assert got[:3] == ("2016", "founding", "始める")
    assert got[4] == ["OpenAI"]


def test_relative_dates_resolve_against_the_document_date(events) -> None:
    got = events("米アマゾンは昨年11月に40億ドルの追加出資を明らかにした。", dt.date(2025, 3, 1))
    assert got == [("2024-11", "investment", "出資", [], ["Amazon"])]


def test_a_date_inside_a_quotation_does_not_date_the_quoting_verb(events) -> None:
    # the quoted clause has its event; the verb that quotes it (語る) takes no date from it
    got = events("鈴木氏は「同社は2020年に設立された」と語った。")
    assert [(d, t, trigger) for d, t, trigger, *_ in got] == [("2020", "founding", "設立")]


def test_an_undated_event_takes_the_narrative_time_and_says_so(engine) -> None:
    text = (
        "2015年、サムには新しい友人、イーロン・マスクがいた。\n"
        "マスクはアルトマンと提携してOpenAIを創設することを決定しました。\n"
        "YCは企業に小さな投資を行います。\n"
    )
    ext = extract_text(Document("t", text), Settings(), engine)
    (founding,) = [e for e in ext.events if e.type == "founding"]
    assert founding.date == "2015" and founding.date_inferred
    assert founding.organizations == ["OpenAI"]
    assert {"Elon Musk"} <= set(founding.people)
    # a generic present-tense statement is not an event at the narrative time
    assert not [e for e in ext.events if e.type == "investment"]
    assert all(not e.date_inferred for e in ext.events if e.type != "founding")


def test_starting_talks_is_a_meeting_not_a_founding(events) -> None:
    (got,) = events("両社は2024年5月に協議を始めた。")
    assert got[:3] == ("2024-05", "meeting", "協議")
    (got,) = events("私たちがOpenAIを始めたのは、2015年のことだ。")
    assert got[:2] == ("2015", "founding")


def test_a_debut_is_not_a_release(events) -> None:
    (got,) = events("佐藤は2020年4月にデビューした。")
    assert got[0] == "2020-04" and got[1] != "release"
