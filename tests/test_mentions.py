"""Mentions and linking on sentences written for these tests, from recorded parses."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from altnotes.knowledge.kb import load_kb
from altnotes.knowledge.schemas import load_lexicon
from altnotes.pipeline.corpus import Document
from altnotes.pipeline.extract import Settings, extract_document, extract_text
from altnotes.pipeline.linking import link_document
from altnotes.pipeline.mentions import find_mentions


def people_and_orgs(parse, text: str) -> tuple[dict[str, str], dict[str, str]]:
    kb, lex = load_kb(), load_lexicon()
    cands = find_mentions(parse(text), kb, lex)
    link_document(cands, kb, lex.context.org_suffixes, text)
    people = {c.text: c.entity for c in cands if c.type == "PERSON"}
    orgs = {c.text: c.entity for c in cands if c.type == "ORG"}
    return people, orgs


def test_titles_are_roles_and_orgs_are_affiliations(parse) -> None:
    text = "MicrosoftのCEOサティア・ナデラ氏と、OpenAIのCTOのミラ・ムラーティが会談した。"
    kb, lex = load_kb(), load_lexicon()
    cands = find_mentions(parse(text), kb, lex)
    link_document(cands, kb)
    by_entity = {c.entity: c for c in cands if c.type == "PERSON"}
    nadella = by_entity["Satya Nadella"]
    assert nadella.text == "サティア・ナデラ"
    assert "CEO" in nadella.roles and "氏" in nadella.roles
    assert "Microsoft" in nadella.affiliations
    murati = by_entity["Mira Murati"]  # a spelling the knowledge base does not list
    assert "CTO" in murati.roles and "OpenAI" in murati.affiliations


def test_products_places_and_orgs_are_not_people(parse) -> None:
    people, orgs = people_and_orgs(
        parse, "GoogleとMicrosoftのAzureでChatGPTが動く。CERNの研究者がサンフランシスコで語った。"
    )
    assert not set(people.values()) & {"Google", "Microsoft", "Azure", "ChatGPT", "CERN"}
    assert {"Google", "Microsoft"} <= set(orgs.values())
    assert "ChatGPT" not in orgs.values() and "Azure" not in orgs.values()


def test_short_names_link_to_the_full_name_in_the_document(parse) -> None:
    people, _ = people_and_orgs(
        parse,
        "グレッグ・ブロックマンは共同創業者だ。その後、ブロックマンは休職した。グレッグは戻った。",
    )
    assert set(people.values()) == {"Greg Brockman"}


def test_given_name_alone_links_by_the_documents_organizations(parse) -> None:
    people, _ = people_and_orgs(parse, "OpenAIの事業について、ブラッドはこう答えた。")
    assert people.get("ブラッド") == "Brad Lightcap"
    people, _ = people_and_orgs(parse, "ブラッドはパン屋を営んでいる。")
    assert people.get("ブラッド") in (None, "ブラッド")  # no evidence: kept as written


def test_unknown_people_keep_their_fullest_name(parse) -> None:
    people, _ = people_and_orgs(
        parse, "アナリストのケンジ・ヤマモト氏によると、ヤマモト氏の予測は外れた。"
    )
    assert set(people.values()) == {"ケンジ・ヤマモト"}


def test_school_named_like_a_person_is_an_organization(parse) -> None:
    people, orgs = people_and_orgs(parse, "彼は名門予備校のジョン・バローズに通っていた。")
    assert "ジョン・バローズ" not in people
    assert "ジョン・バローズ" in orgs


def test_whitespace_and_emoji_documents_give_no_people(parse) -> None:
    for text in ["\u3000\u3000\u3000\n\u3000", "😀🎉\x07\x1b", "   \n\n"]:
        doc = Document("x", text)
        ext = extract_document(doc, parse(text), Settings())
        assert ext.mentions == [] or all(m.type != "PERSON" for m in ext.mentions)
        for m in ext.mentions:
            assert text[m.start : m.end] == m.text


@pytest.mark.slow  # random text cannot be recorded: GiNZA parses it
@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(codec="utf-8", exclude_categories=("Cs",)),
            st.sampled_from(list("サム・アルトマン氏はOpenAIで2023年11月17日。\n\u3000")),
        ),
        max_size=150,
    )
)
def test_any_text_goes_through_the_whole_extraction(text: str) -> None:
    ext = extract_text(Document("h", text), Settings())
    for m in ext.mentions:
        assert text[m.start : m.end] == m.text and m.text
    for d in ext.dates:
        assert text[d.start : d.end] == d.text and d.text
    for e in ext.events:
        assert text[e.start : e.end] == e.date_text


def test_japanese_names_by_family_and_given_name_tags(parse) -> None:
    people, _ = people_and_orgs(
        parse, "ミナトAIラボ社長の高橋美咲さんは語った。ただ高橋さんは慎重だ。"
    )
    assert set(people.values()) == {"高橋美咲"}


def test_family_name_with_a_title_links_to_the_one_kb_person_bearing_it(parse) -> None:
    people, _ = people_and_orgs(parse, "トランプ大統領は就任初日に大統領令を撤回した。")
    assert people == {"トランプ": "Donald Trump"}
    people, _ = people_and_orgs(parse, "トランプで遊んだ。")  # playing cards, no title
    assert "Donald Trump" not in people.values()


def test_a_name_and_its_reading_in_brackets_are_one_entity(parse) -> None:
    people, orgs = people_and_orgs(
        parse,
        "蔡崇信(ジョセフ・ツァイ)会長が述べた。創業者の梁文鋒(リャン・ウェンフォン)氏は語った。"
        "前身のハヤテ・ネットワークス(HNW)を創業した。",
    )
    assert people == {
        "蔡崇信": "蔡崇信",
        "ジョセフ・ツァイ": "蔡崇信",
        "梁文鋒": "Liang Wenfeng",
        "リャン・ウェンフォン": "Liang Wenfeng",
    }
    assert set(orgs.values()) == {"ハヤテ・ネットワークス"}


def test_unknown_organizations_named_by_an_organization_word(parse) -> None:
    _, orgs = people_and_orgs(
        parse,
        "ミナトAIラボ社長が来た。さくら橋法律事務所の弁護士が述べた。ある経済研究所が調べた。"
        "最高技術責任者(CTO)を務める。",
    )
    assert set(orgs.values()) == {"ミナトAIラボ", "さくら橋法律事務所"}


def test_every_spelling_of_a_known_name_links_to_it(parse) -> None:
    text = (
        "ミラ・モラティ、ミラ・ムラティ、ミラ・ムラーティが話した。"
        "イリヤ・サツケヴァー、イリヤ・サツキーバ、イリヤ・スツケヴァー、イリヤ・スーツケバーも来た。"
        "ポール・グラハムとポール・グレアム、アンスロピックとアンソロピック、"
        "OpenAIとオープンAIとOpen AI、サム・アルトマンとサムアルトマン。"
    )
    people, orgs = people_and_orgs(parse, text)
    assert set(people.values()) == {"Mira Murati", "Ilya Sutskever", "Paul Graham", "Sam Altman"}
    assert len(people) == 11
    assert set(orgs.values()) == {"Anthropic", "OpenAI"}


def test_a_reading_in_brackets_after_a_name_and_honorific_is_not_a_person(parse) -> None:
    # an obituary's heading: name, honorific, then (reading=who they were)
    people, orgs = people_and_orgs(
        parse, "大森 正夫氏(おおもり・まさお=東和商事創業者)3日死去、91歳。"
    )
    assert not [p for p in people if any("ぁ" <= ch <= "ゖ" for ch in p)], people
