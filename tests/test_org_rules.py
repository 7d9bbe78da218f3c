"""The rules that turn NER spans into organizations and people, on parses built by hand
(tokens with Sudachi's tags, NER spans), so that each rule is tested whatever the model
does with a sentence today."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from altnotes.knowledge.kb import load_kb
from altnotes.knowledge.schemas import load_lexicon
from altnotes.lite import Rec
from altnotes.pipeline.linking import link_document
from altnotes.pipeline.mentions import find_mentions
from altnotes.pipeline.nlp import Parsed, Token, _model_view
from altnotes.query.entities import aggregate

NOUN, PROPN = ("NOUN", "名詞-普通名詞-一般"), ("PROPN", "名詞-固有名詞-一般")
FAMILY, GIVEN = ("PROPN", "名詞-固有名詞-人名-姓"), ("PROPN", "名詞-固有名詞-人名-名")
PART, SUFFIX = ("ADP", "助詞-格助詞"), ("NOUN", "接尾辞-名詞的-一般")
VERB, PUNCT = ("VERB", "動詞-一般"), ("PUNCT", "補助記号-句点")


def parse(words: list[tuple[str, tuple[str, str]]], ents: list[tuple[str, str]]) -> Parsed:
    """A parse of the words (text, (pos, tag)); ents: (surface, label) of the NER, found
    left to right."""
    text, tokens = "", []
    for i, (w, (pos, tag)) in enumerate(words):
        tokens.append(Token(i, len(text), len(text) + len(w), w, w, pos, tag, "dep", i))
        text += w
    spans, at = [], 0
    for surface, label in ents:
        start = text.index(surface, at)
        spans.append((start, start + len(surface), label))
        at = start + len(surface)
    return Parsed(text=text, tokens=tokens, sents=[(0, len(text))], ents=spans)


def mentions(parsed: Parsed) -> list[tuple[str, str, str | None]]:
    kb, lex = load_kb(), load_lexicon()
    cands = find_mentions(parsed, kb, lex)
    link_document(cands, kb, lex.context.org_suffixes, parsed.text, lex.context.legal_forms)
    return [(c.text, c.type, c.entity) for c in cands]


def test_a_legal_form_is_in_the_mention_but_not_in_the_canonical_name() -> None:
    p = parse(
        [("株式会社", NOUN), ("下野", PROPN), ("新聞社", NOUN), ("が", PART)],
        [("株式会社下野新聞社", "ORG")],
    )
    assert mentions(p) == [("株式会社下野新聞社", "ORG", "下野新聞社")]


def test_a_team_cut_at_its_dot_is_one_name_and_a_list_of_companies_is_two() -> None:
    p = parse(
        [("千葉", PROPN), ("ロッテ", PROPN), ("・", PUNCT), ("マリーンズ", PROPN), ("の", PART)],
        [("千葉ロッテ", "ORG"), ("マリーンズ", "ORG")],
    )
    assert mentions(p) == [("千葉ロッテ・マリーンズ", "ORG", "千葉ロッテ・マリーンズ")]
    p = parse(
        [("東海", PROPN), ("銀行", NOUN), ("・", PUNCT), ("トーメン", PROPN), ("の", PART)],
        [("東海銀行・トーメン", "ORG")],
    )
    assert [m[0] for m in mentions(p)] == ["東海銀行", "トーメン"]


def test_a_known_place_inside_an_organization_is_part_of_its_name() -> None:
    p = parse(
        [("アメリカ", PROPN), ("軍", SUFFIX), ("が", PART), ("撤退", VERB)], [("アメリカ軍", "ORG")]
    )
    assert mentions(p)[0][:2] == ("アメリカ軍", "ORG")


def test_a_continuation_word_stretches_the_organization() -> None:
    p = parse(
        [("両毛", PROPN), ("ヤクルト", PROPN), ("販売", NOUN), ("は", PART)],
        [("両毛ヤクルト", "ORG")],
    )
    assert mentions(p)[0][:2] == ("両毛ヤクルト販売", "ORG")


@pytest.mark.parametrize(
    ("words", "surface"),
    [
        ([("吉川", FAMILY), ("英治", GIVEN), ("文学", NOUN), ("賞", SUFFIX)], "吉川英治文学賞"),
        ([("米", PROPN), ("IT", NOUN), ("大手", NOUN), ("2", NOUN), ("社", SUFFIX)], "米IT大手2社"),
        ([("各国", NOUN), ("政府", NOUN)], "各国政府"),
        ([("東京", PROPN), ("都", SUFFIX), ("千代田", PROPN), ("区", SUFFIX)], "東京都千代田区"),
    ],
    ids=["prize", "counted", "generic", "address"],
)
def test_what_is_not_an_organization(words, surface: str) -> None:
    p = parse([*words, ("が", PART)], [(surface, "ORG")])
    assert not [m for m in mentions(p) if m[1] == "ORG"]


def test_the_head_word_makes_a_party_called_a_person_an_organization() -> None:
    p = parse([("公明", PROPN), ("党", SUFFIX), ("の", PART)], [("公明党", "PERSON")])
    assert mentions(p) == [("公明党", "ORG", "公明党")]


def test_a_name_the_ner_ran_into_a_title_is_a_person() -> None:
    p = parse(
        [("ケネディ", PROPN), ("上院", NOUN), ("議員", NOUN), ("は", PART)],
        [("ケネディ上院", "ORG")],
    )
    assert mentions(p)[0][:2] == ("ケネディ", "PERSON")


def test_a_hiragana_reading_is_not_a_second_person() -> None:
    p = parse(
        [
            ("田辺", FAMILY),
            ("聡", GIVEN),
            ("(", PUNCT),
            ("あきら", NOUN),
            (")", PUNCT),
            ("氏", SUFFIX),
        ],
        [("田辺聡", "PERSON"), ("あきら", "PERSON")],
    )
    assert [m[:2] for m in mentions(p)] == [("田辺聡", "PERSON")]


def test_a_name_inside_a_prize_is_not_a_mention_of_the_person() -> None:
    p = parse([("ノーベル", PROPN), ("賞", SUFFIX), ("を", PART)], [("ノーベル", "PERSON")])
    assert mentions(p) == []


def test_an_unknown_administration_is_an_organization() -> None:
    p = parse([("ニクソン", PROPN), ("政権", NOUN), ("は", PART)], [("ニクソン政権", "ORG")])
    assert mentions(p) == [("ニクソン政権", "ORG", "ニクソン政権")]


def _doc(doc_id: str, *names: str) -> Rec:
    return Rec(
        document=Rec(id=doc_id),
        mentions=[
            Rec(
                document=doc_id,
                type="PERSON",
                entity=n,
                text=n,
                in_kb=False,
                wikidata=None,
                roles=[],
                affiliations=[],
            )
            for n in names
        ],
    )


def test_a_short_name_links_to_the_one_person_of_the_corpus_who_has_it() -> None:
    exts = [
        _doc("a", "ハナコ・ヤマシタ"),
        _doc("b", "ヤマシタ"),
        _doc("c", "大谷翔平"),
        _doc("d", "大谷"),
    ]
    people = {e.name: e for e in aggregate(exts, ("PERSON",), make=Rec)}
    assert set(people) == {"ハナコ・ヤマシタ", "大谷翔平"}
    assert people["ハナコ・ヤマシタ"].documents == ["a", "b"]


def test_a_short_name_two_people_share_stays_apart() -> None:
    exts = [_doc("a", "ハナコ・ヤマシタ"), _doc("b", "タロウ・ヤマシタ"), _doc("c", "ヤマシタ")]
    assert {e.name for e in aggregate(exts, ("PERSON",), make=Rec)} == {
        "ハナコ・ヤマシタ",
        "タロウ・ヤマシタ",
        "ヤマシタ",
    }


def test_variant_kanji_are_shown_to_the_parser_in_their_common_form() -> None:
    shown = _model_view()
    assert shown("亀澤宏規と田辺聰") == "亀沢宏規と田辺聡"
    assert shown("𠮷野家") == "吉野家"


@given(st.text(max_size=200))
def test_the_parsers_view_keeps_every_offset(text: str) -> None:
    assert len(_model_view()(text)) == len(text)


def _records(parsed: Parsed):
    from altnotes.pipeline.corpus import Document
    from altnotes.pipeline.extract import Settings, extract_document

    return extract_document(Document("t", parsed.text), parsed, Settings()).mentions


def test_every_mention_says_how_it_was_found_and_linked() -> None:
    p = parse(
        [("OpenAI", PROPN), ("の", PART), ("サム", PROPN), ("・", PUNCT), ("アルトマン", PROPN),
         ("氏", SUFFIX), ("と", PART), ("アルトマン", PROPN), ("と", PART), ("ハヤテ", PROPN),
         ("商事", NOUN), ("と", PART), ("イリヤ", PROPN), ("・", PUNCT), ("スーツケバー", PROPN)],
        [("ハヤテ商事", "ORG")],
    )  # fmt: skip
    got = {m.text: (m.method, m.score, m.ner_label, m.entity) for m in _records(p)}
    assert got["OpenAI"] == ("kb_alias", 1.0, None, "OpenAI")
    assert got["サム・アルトマン"][0] == "kb_alias"
    assert got["アルトマン"][0] in ("kb_alias", "short_name")
    assert got["ハヤテ商事"] == ("ner", 1.0, "ORG", "ハヤテ商事")
    method, score, _, entity = got["イリヤ・スーツケバー"]
    assert (method, entity) == ("kb_fuzzy", "Ilya Sutskever") and 0.8 <= score < 1.0


def test_a_name_inside_a_longer_prize_name_is_not_a_person_but_a_winner_is() -> None:
    p = parse(
        [("ノーベル", PROPN), ("化学", NOUN), ("賞", SUFFIX), ("を", PART)],
        [("ノーベル", "PERSON")],
    )
    assert mentions(p) == []
    p = parse([("山田", FAMILY), ("太郎", GIVEN), ("受賞", NOUN)], [("山田太郎", "PERSON")])
    assert [m[:2] for m in mentions(p)] == [("山田太郎", "PERSON")]
