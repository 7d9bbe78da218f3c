"""Document records say how the text was split for the parser and what reading the file
changed; the cache does not keep the warnings (they belong to this reading); offsets index
the text `documents --text` gives."""

from __future__ import annotations

from pathlib import Path

from altnotes.pipeline.extract import Settings, extract
from altnotes.pipeline.nlp import Parsed

from .helpers import FakeEngine, env, load_json, run_cli, seed


class _Blank(FakeEngine):
    """A stand-in parse (no tokens, no entities): enough for document records."""

    parse = staticmethod(lambda text: Parsed(text=text))


def test_documents_carry_their_chunks_and_what_reading_them_changed(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    body = "長い記事の一行目です。" * 20
    (folder / "nul.txt").write_bytes(f"{body}\n\n二行目\x00です。\n".encode())
    (folder / "clean.txt").write_text("ただ一行。", encoding="utf-8")
    for settings in (Settings(cache_dir=tmp_path / "c"), Settings(cache_dir=tmp_path / "c")):
        docs = {
            e.document.id: e.document
            for e in extract([str(folder)], settings, engine=lambda w: _Blank())
        }
        assert docs["nul"].chunks == 2 and docs["clean"].chunks == 1
        assert docs["nul"].warnings == ["replaced 1 NUL character with U+FFFD"]
        assert docs["clean"].warnings == []  # the second pass reads the cache


def test_offsets_index_the_text_documents_text_gives(tmp_path: Path, cache: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    body = "😀見出し\r\n\r\n𠮷野家の前で、OpenAIのCEOサム・アルトマン氏が話した。\r\n"
    (folder / "bom.txt").write_bytes("\ufeff".encode() + body.encode("utf-8"))
    (folder / "sjis.txt").write_bytes(body.replace("😀", "").replace("𠮷", "吉").encode("cp932"))
    seed([folder], cache)
    e = env(cache)
    plain = load_json(run_cli(["documents", "--json", str(folder)], env=e).stdout)
    assert isinstance(plain, list) and all(d["text"] is None for d in plain)
    docs = load_json(run_cli(["documents", "--json", "--text", str(folder)], env=e).stdout)
    assert isinstance(docs, list)
    texts = {d["id"]: d["text"] for d in docs}
    assert texts["bom"] == body.replace("\r\n", "\n")  # BOM dropped, CRLF as LF
    assert all(d["chars"] == len(d["text"]) for d in docs)
    mentions = load_json(run_cli(["mentions", "--json", str(folder)], env=e).stdout)
    assert isinstance(mentions, list) and mentions
    for m in mentions:  # code points: 😀 and 𠮷 count one each, not two UTF-16 units
        assert texts[m["document"]][m["start"] : m["end"]] == m["text"]
    assert {m["text"] for m in mentions} >= {"OpenAI", "サム・アルトマン"}
    assert "code points" in run_cli(["documents", "--help"]).stdout.decode()


def test_documents_says_its_event_count_includes_undated_ones() -> None:
    assert "undated" in run_cli(["documents", "--help"]).stdout.decode()
