"""The knowledge-base alias matcher: tolerant katakana, script boundaries, longest match."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from altnotes.knowledge.aliases import compile_aliases


def found(aliases: list[str], text: str) -> list[str]:
    pattern = compile_aliases(aliases)
    assert pattern is not None
    return [m.group() for m in pattern.finditer(text)]


def test_katakana_spellings_folding_treats_as_one() -> None:
    aliases = ["サム・アルトマン", "イリヤ・サツケバー", "エムバペ"]
    text = "サムアルトマン、サム アルトマン、イリヤ・サツケヴァー、エムバッペ"
    assert found(aliases, text) == [
        "サムアルトマン",
        "サム アルトマン",
        "イリヤ・サツケヴァー",
        "エムバッペ",
    ]


def test_no_match_inside_a_word_of_the_same_script() -> None:
    assert found(["OpenAI", "アップル"], "XOpenAI OpenAIs アップルパイ ジャンアップル") == []
    assert found(["OpenAI", "アップル"], "米OpenAIと米アップルが") == ["OpenAI", "アップル"]


def test_the_longest_alias_wins_whatever_the_order() -> None:
    aliases = ["OpenAI", "Open AI", "OpenAI o1", "スタンフォード", "スタンフォード大学"]
    text = "OpenAI o1 と Open AI とスタンフォード大学とスタンフォード"
    assert found(aliases, text) == ["OpenAI o1", "Open AI", "スタンフォード大学", "スタンフォード"]
    assert found(list(reversed(aliases)), text) == found(aliases, text)


WORDS = st.lists(
    st.text(alphabet="アイウカキクサシスタチツナニマミムラリルンバビ", min_size=2, max_size=6),
    min_size=1,
    max_size=8,
    unique=True,
)


@settings(max_examples=150, deadline=None)
@given(WORDS, st.data())
def test_every_alias_is_found_on_its_own(aliases: list[str], data: st.DataObject) -> None:
    alias = data.draw(st.sampled_from(aliases))
    assert found(aliases, f"「{alias}」") == [alias]
