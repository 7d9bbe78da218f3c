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


# --- news of every kind: the type scheme (sentences written for these tests) -------------

NEWS = [
    ("山田太郎氏は2021年4月1日付で東和商事の社長に就任した。", "2021-04-01", "appointment"),
    ("北川市長選挙は2022年11月20日に投開票された。", "2022-11-20", "election"),
    ("ブルーウェーブスは2024年10月5日、決勝でレッドスターズに勝利した。", "2024-10-05", "result"),
    ("日経平均株価は2024年2月22日、史上最高値で取引を終えた。", "2024-02-22", "result"),
    ("2019年8月3日、南部地方で大きな地震が発生した。", "2019-08-03", "disaster"),
    ("東都大学の研究チームは2020年2月、新種の深海魚を発見した。", "2020-02", "discovery"),
    ("歌舞伎俳優の市川新之助さんが2022年11月に十三代目の名跡を襲名した。", "2022-11", "succession"),
    ("東京地裁は2021年3月15日、元社長の田中一夫被告に懲役3年の判決を言い渡した。", "2021-03-15",
     "legal"),
    ("警視庁は2023年6月2日、会社員の男を詐欺の疑いで逮捕した。", "2023-06-02", "legal"),
    ("弁護側は2023年6月9日、判決を不服として控訴した。", "2023-06-09", "legal"),
    ("鈴木一郎氏は2010年4月に北都大学に入学した。", "2010-04", "study"),
    ("佐藤健一氏は2015年、米国の研究所に留学した。", "2015", "study"),
    ("林真理子氏は2019年7月に帰国した。", "2019-07", "return"),
    ("みなと銀行は2020年6月1日、大阪に新しい支店を開設した。", "2020-06-01", "founding"),
    ("中山はるかさんが2023年12月6日に死去した。", "2023-12-06", "death"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "date", "etype"), NEWS)
def test_news_events_are_typed_by_what_happened(events, text, date, etype) -> None:
    got = [(d, t) for d, t, *_ in events(text)]
    assert (date, etype) in got, got


def test_a_press_conference_is_a_meeting_unless_held_to_announce_or_state(events) -> None:
    (held,) = events("松本社長は2024年3月8日に記者会見を開いた。")
    assert held[:2] == ("2024-03-08", "meeting")
    (announced,) = events("松本社長は2024年3月8日に記者会見を開き、新工場の建設を発表した。")
    assert announced[:2] == ("2024-03-08", "announcement")
    (stated,) = events("松本社長は2024年3月8日の記者会見で「責任を痛感している」と述べた。")
    assert stated[:2] == ("2024-03-08", "statement")


def test_a_date_the_announcement_merely_mentions_does_not_date_it(events) -> None:
    got = events("佐藤社長は2024年5月10日の会見で、2024年6月に新工場を開設すると発表した。")
    assert ("2024-05-10", "announcement") in [(d, t) for d, t, *_ in got]
    assert not [g for g in got if g[1] == "announcement" and g[0] != "2024-05-10"]


def test_one_event_per_happening(events) -> None:
    got = events(
        "佐藤氏は2023年4月に社長に就任した。\n佐藤氏が社長に就任したのは2023年4月のことだ。"
    )
    assert [(d, t) for d, t, *_ in got] == [("2023-04", "appointment")]


def test_participants_are_the_arguments_of_the_trigger(events) -> None:
    (got,) = events(
        "2022年6月、ミドリ食品株式会社は、山田花子氏が創業したアオバ運輸株式会社を買収した。"
    )
    date, etype, _, people, orgs = got
    assert (date, etype) == ("2022-06", "acquisition")
    assert set(orgs) == {"ミドリ食品", "アオバ運輸"}
    assert people == []  # she founded the company bought; she takes no part in the purchase


def test_triggers_are_words_of_the_predicate_never_fragments(engine) -> None:
    """Over every sentence of these tests: a trigger has two characters or more and is
    never a part of a name or of a date expression."""
    texts = [t for t, *_ in NEWS] + [
        "日向ざと子選手は2024年8月12日に地元で優勝パレードに参加した。",
        "2023年10月の重田理事長の発言が波紋を広げた。",
    ]
    for text in texts:
        ext = extract_text(Document("t", text), Settings(), engine)
        spans = [(m.start, m.end) for m in ext.mentions] + [(d.start, d.end) for d in ext.dates]
        for e in ext.events:
            assert len(e.trigger) >= 2, (text, e.trigger)
            inside = [text[a:b] for a, b in spans if e.trigger in text[a:b]]
            assert not inside, (text, e.trigger, inside)


# --- the type scheme is data, validated ---------------------------------------------------


def test_the_trigger_file_is_checked_for_cross_references() -> None:
    from pydantic import ValidationError

    from altnotes.knowledge.schemas import TriggerLexicon

    good = {"types": {"meeting": {"about": "x", "triggers": ["会談"]}}}
    TriggerLexicon.model_validate(good)
    bad = [
        {**good, "narrative_types": ["founding"]},  # no such type
        {**good, "held_for": ["announcement"]},  # no such type
        {"types": {**good["types"], "other": {"about": "x", "triggers": ["何か"]}}},
        {"types": {**good["types"], "talks": {"about": "x", "triggers": ["会談"]}}},  # twice
        {"types": {"meeting": {"about": "x", "triggers": []}}},  # a type with no trigger
        {**good, "states": ["会談"]},  # a trigger is no state
    ]
    for data in bad:
        with pytest.raises(ValidationError):
            TriggerLexicon.model_validate(data)


def test_every_event_type_is_documented() -> None:
    from pathlib import Path

    from altnotes.knowledge.schemas import load_triggers
    from altnotes.records import Event

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    described = Event.model_json_schema()["properties"]["type"]["description"]
    for etype in [*load_triggers().types, "other"]:
        assert f"`{etype}`" in readme, etype
        assert etype in described, etype
    for word in ("appointment", "election", "result", "disaster", "discovery", "succession"):
        assert word in load_triggers().types


# --- how the parse is read on news (sentences written for these tests) --------------------


def test_clauses_joined_by_te_share_their_date(events) -> None:
    got = events("2015年、東光化学と西日本樹脂が経営統合して新会社が発足した。")
    assert {("2015", "merger"), ("2015", "founding")} <= {(d, t) for d, t, *_ in got}


def test_an_effective_date_dates_the_change_not_the_decision(events) -> None:
    got = events(
        "北斗電機は3月10日、4月1日付で田村浩二常務が社長に昇格する人事を決めた。",
        dt.date(2024, 3, 15),
    )
    assert ("2024-04-01", "appointment", "昇格") in [(d, t, tr) for d, t, tr, *_ in got]
    assert ("2024-03-10", "appointment") in [(d, t) for d, t, *_ in got]


def test_an_unstated_subject_is_the_topic_of_the_paragraph(events) -> None:
    got = events(
        "森田ゆかりさんは1980年に大阪で生まれた。2002年に歌手としてデビューし、"
        "2005年に日本ゴールド音楽賞を受賞した。"
    )
    award = [g for g in got if g[:2] == ("2005", "award")]
    assert award and award[0][3] == ["森田ゆかり"]


def test_dates_that_date_nothing(events) -> None:
    # a source's credit line is when the article was written
    got = events("新素材を開発、北山大学が発表(2019年5月8日、東西新聞)")
    assert "2019-05-08" not in [d for d, *_ in got]
    # 来年度 says which budget; the vote was today
    got = events("県議会は今日、来年度の予算案など50議案を可決した。", dt.date(2018, 3, 16))
    assert [(d, t) for d, t, *_ in got] == [("2018-03-16", "legal")]
    # a date on a name says which one: this is the third such case since his
    got = events("首相の辞任は2012年の山本一郎氏以来3人目となった。")
    assert "2012" not in [d for d, *_ in got]
    # a state is not an event
    assert not events("2015年、佐藤一郎さんには新しい友人の山田二郎さんがいた。")
    # what a speaker expects is not an event
    assert not events("田中社長は「来年春には金利が上がる」と話した。", dt.date(2024, 5, 1))[1:]


def test_a_heading_names_whom_an_obituary_is_about(events) -> None:
    got = events(
        "小川 一郎氏(おがわ・いちろう=北東新聞元社長)\n\n"
        "1950年に北東新聞に入社。1975年に退社し、東北広告を創業。\n"
    )
    joined = [g for g in got if g[:2] == ("1950", "joining")]
    assert joined and joined[0][3] and "北東新聞" in joined[0][4]
    for _, _, _, people, orgs in got:
        assert not [n for n in people + orgs if "=" in n or "(" in n]


def test_dousha_stands_for_the_company_the_text_is_about(events) -> None:
    got = events(
        "ミナミ重工は5日、新社長の人事を発表した。"
        "2010年に東西機械と北辰製作所が経営統合して同社が発足した。"
    )
    founded = [g for g in got if g[:2] == ("2010", "founding")]
    assert founded and "ミナミ重工" in founded[0][4]


def test_a_clause_in_the_continuative_form_shares_the_date(events) -> None:
    got = events("2024年4月1日、新劇場「みなと座」が初日を迎え、夜には記念の式典が行われた。")
    assert {("2024-04-01", "release"), ("2024-04-01", "meeting")} <= {(d, t) for d, t, *_ in got}
