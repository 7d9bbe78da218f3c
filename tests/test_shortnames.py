"""The one short-name resolver (knowledge/shortnames.py), as linking uses it inside a
document and the query side across a corpus."""

from __future__ import annotations

from altnotes.knowledge.shortnames import ShortNames
from altnotes.lite import Rec
from altnotes.query.entities import aggregate


def test_a_short_name_stands_for_the_names_it_is_a_part_of() -> None:
    names: ShortNames[str] = ShortNames()
    for full in (
        "ミラ・モラティ",
        "ジョン・シュルマン",
        "ジョン・バローズ",
        "グレッグ・ブロックマン",
    ):
        names.add(full, full.split("・"))
    names.add("アルトマン", ["アルトマン"])  # one part: nothing to index
    assert names.owners("ミラ") == {"ミラ・モラティ"}
    assert names.owners("モラ") == {"ミラ・モラティ"}  # clearly truncates モラティ
    assert names.owners("ブロ") == set()  # under half of ブロックマン
    assert names.owners("ジョン") == {"ジョン・シュルマン", "ジョン・バローズ"}
    assert names.owners("ブ") == set()
    assert names.owners("アルトマン") == set()


def test_a_name_written_in_kanji_is_cut_into_a_start_and_an_end() -> None:
    names: ShortNames[str] = ShortNames()
    names.add_written("大谷翔平", "大谷翔平")
    names.add_written("サム・アルトマン", "サム・アルトマン")
    assert names.owners("大谷") == names.owners("翔平") == {"大谷翔平"}
    assert names.owners("アルトマン") == {"サム・アルトマン"}
    assert names.owners("谷") == set()


def _ext(doc: str, *mentions: tuple[str, str]) -> Rec:
    return Rec(
        document=Rec(id=doc),
        mentions=[
            Rec(
                document=doc,
                text=text,
                type="PERSON",
                entity=entity,
                in_kb=False,
                wikidata=None,
                roles=[],
                affiliations=[],
            )
            for text, entity in mentions
        ],
        events=[],
    )


def test_across_the_corpus_the_same_rule_holds() -> None:
    """モラ alone in one document is ミラ・モラティ of another, as inside one document."""
    exts = [
        _ext("a", ("ミラ・モラティ", "ミラ・モラティ")),
        _ext("b", ("モラ", "モラ"), ("ジョン", "ジョン")),
        _ext(
            "c",
            ("ジョン・シュルマン", "ジョン・シュルマン"),
            ("ジョン・バローズ", "ジョン・バローズ"),
        ),
    ]
    people = {e.name: e for e in aggregate(exts, ("PERSON",), make=Rec)}
    assert people["ミラ・モラティ"].mentions == 2
    assert "モラ" not in people
    assert "ジョン" in people  # two people of the corpus have that part: left alone
