"""Finding and decoding input files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from altnotes.pipeline.corpus import (
    CorpusError,
    DecodeError,
    decode_bytes,
    expand_paths,
    iter_documents,
)

TEXT = "OpenAIのCEOサム・アルトマン氏は、２０２３年１１月１７日に解任された。"


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "cp932", "euc_jp"],
)
def test_japanese_text_decodes_from_every_common_encoding(encoding: str) -> None:
    assert decode_bytes(TEXT.encode(encoding)) == TEXT


def test_binary_data_is_refused() -> None:
    with pytest.raises(DecodeError):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_undecodable_files_are_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (tmp_path / "c.md").write_text(TEXT, encoding="cp932")
    warnings: list[str] = []
    docs = list(iter_documents([str(tmp_path)], warn=warnings.append))
    assert [d.id for d in docs] == ["a", "c"]
    assert docs[1].text == TEXT
    assert len(warnings) == 1 and "b.txt" in warnings[0]


def test_ids_are_file_stems_and_stay_unique(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "doc.txt").write_text("a", encoding="utf-8")
    (tmp_path / "x" / "doc.txt").write_text("b", encoding="utf-8")
    ids = [d.id for d in iter_documents([str(tmp_path)])]
    assert sorted(ids) == ["doc", "doc~2"]


def test_crlf_is_normalized(tmp_path: Path) -> None:
    (tmp_path / "w.txt").write_bytes("一行目\r\n二行目\r\n".encode("cp932"))
    (doc,) = iter_documents([str(tmp_path / "w.txt")])
    assert doc.text == "一行目\n二行目\n"


def test_default_is_the_bundled_corpus() -> None:
    files = expand_paths([])
    assert len(files) == 5 and all(f.endswith(".txt") for f in files)


def test_missing_and_empty_paths_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no such file or folder"):
        expand_paths([str(tmp_path / "missing")])
    with pytest.raises(CorpusError, match=r"no text files \(\*\.txt, \*\.md\)"):
        expand_paths([str(tmp_path)])


def test_a_metadata_file_beside_the_articles_gives_their_dates(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "metadata.json").write_text('{"a": {"date": "2025-03-01"}}', encoding="utf-8")
    dates = {d.id: d.date for d in iter_documents([str(tmp_path)])}
    assert dates == {"a": dt.date(2025, 3, 1), "b": None}


def test_a_broken_metadata_file_is_ignored_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "metadata.json").write_text("{not json", encoding="utf-8")
    warnings: list[str] = []
    (doc,) = iter_documents([str(tmp_path)], warn=warnings.append)
    assert doc.date is None and "metadata.json" in warnings[0]
