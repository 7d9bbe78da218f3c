"""Chunking text for GiNZA: offsets stay true, Sudachi's byte limit is never exceeded."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from altnotes.pipeline.nlp import MAX_CHUNK_BYTES, chunk_text


def _check(text: str, max_bytes: int = MAX_CHUNK_BYTES) -> None:
    chunks = chunk_text(text, max_bytes)
    for c in chunks:
        assert text[c.start : c.start + len(c.text)] == c.text
        assert c.text.strip() == c.text and c.text
        assert len(c.text.encode("utf-8")) <= max_bytes
        assert "\n" not in c.text
    starts = [c.start for c in chunks]
    assert starts == sorted(starts)


def test_lines_become_chunks_and_blank_lines_vanish() -> None:
    text = "一行目。\n\n  二行目です。\n\u3000\u3000\n"
    chunks = chunk_text(text)
    assert [c.text for c in chunks] == ["一行目。", "二行目です。"]
    assert chunks[1].start == text.index("二行目")


def test_a_one_megabyte_line_is_split_at_sentence_ends() -> None:
    sentence = "サム・アルトマンは2023年11月17日に解任された。"
    text = sentence * (1_000_000 // len(sentence.encode("utf-8")))
    chunks = chunk_text(text)
    assert len(chunks) > 10
    assert all(c.text.endswith("。") for c in chunks)
    _check(text)


def test_a_long_line_without_sentence_ends_is_still_cut_under_the_limit() -> None:
    _check("あ" * 50_000)
    _check("😀" * 20_000)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("あア漢a1。！\n \u3000😀")), max_size=400),
    st.integers(min_value=8, max_value=64),
)
def test_chunk_offsets_point_at_their_text(text: str, max_bytes: int) -> None:
    _check(text, max_bytes)
