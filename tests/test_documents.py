"""Document records say how the text was split for the parser and what reading the file
changed; the cache does not keep the warnings (they belong to this reading)."""

from __future__ import annotations

from altnotes.pipeline.extract import Settings, extract
from altnotes.pipeline.nlp import Parsed

from .helpers import FakeEngine


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
