"""Finding input files, decoding them, and naming documents.

Knows nothing of spaCy or output.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".md")
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
# Encodings tried, in order, for files without a byte-order mark.
FALLBACK_ENCODINGS = ("utf-8", "cp932", "euc_jp")


class CorpusError(Exception):
    """A usage problem with the given paths (exit code 2)."""


class DecodeError(Exception):
    """A file that is not text in any encoding we know."""


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    path: str | None = None


def decode_bytes(data: bytes) -> str:
    """Decode Japanese text in UTF-8/16 (with or without BOM), Shift_JIS (cp932) or EUC-JP."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise DecodeError("binary data (NUL bytes)")
    for encoding in FALLBACK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    raise DecodeError("not UTF-8, UTF-16, Shift_JIS or EUC-JP text")


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return bad / len(text) < 0.05


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def expand_paths(paths: Sequence[str]) -> list[str]:
    """Resolve the user's PATHS into a sorted list of files ("-" stays for stdin)."""
    if not paths:
        if not DEFAULT_CORPUS.is_dir():
            raise CorpusError(f"the bundled corpus is missing: {DEFAULT_CORPUS}")
        paths = [str(DEFAULT_CORPUS)]
    files: list[str] = []
    for raw in paths:
        if raw == "-":
            files.append("-")
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
            )
            if not found:
                raise CorpusError(f"no text files (*.txt, *.md) found in folder: {raw}")
            files.extend(str(p) for p in found)
        elif path.is_file():
            files.append(str(path))
        elif path.exists():
            raise CorpusError(f"not a file or folder: {raw}")
        else:
            raise CorpusError(f"no such file or folder: {raw}")
    return files


def _unique_id(stem: str, seen: dict[str, int]) -> str:
    count = seen.get(stem, 0)
    seen[stem] = count + 1
    return stem if count == 0 else f"{stem}~{count + 1}"


def iter_documents(
    paths: Sequence[str], warn: Callable[[str], None] | None = None
) -> Iterator[Document]:
    """Yield one decoded Document per input file; undecodable files are skipped with a warning."""
    seen: dict[str, int] = {}
    for name in expand_paths(paths):
        if name == "-":
            data = sys.stdin.buffer.read()
            stem, path = "stdin", None
        else:
            try:
                data = Path(name).read_bytes()
            except OSError as exc:
                if warn:
                    warn(f"skipped {name}: {exc.strerror or exc}")
                continue
            stem, path = Path(name).stem, name
        try:
            text = normalize_newlines(decode_bytes(data))
        except DecodeError as exc:
            if warn:
                warn(f"skipped {name}: {exc}")
            continue
        yield Document(id=_unique_id(stem, seen), text=text, path=path)


def title_of(text: str) -> str:
    """The first non-empty line, trimmed, as a title."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line[:120]
    return ""
