"""Finding input files, decoding them, and naming documents.

Knows nothing of spaCy or output.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusError, DecodeError

TEXT_SUFFIXES = (".txt", ".md")
# Optional file beside the articles: {"<document id>": {"date": "2025-02-12"}, ...}
METADATA_FILE = "metadata.json"
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
# Encodings tried, in order, for files without a byte-order mark.
FALLBACK_ENCODINGS = ("utf-8", "cp932", "euc_jp")


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    path: str | None = None
    date: dt.date | None = None  # from a metadata file, when one gives it


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


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _looks_like_text(text: str) -> bool:
    """Few control characters: text, not binary data decoded by luck."""
    if not text:
        return True
    return len(_CONTROL.findall(text)) / len(text) < 0.05


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


def read_metadata(folder: Path, warn: Callable[[str], None] | None = None) -> dict[str, dt.date]:
    """Document dates from ``metadata.json`` in a folder, if there is one."""
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        dates = {}
        for doc_id, meta in data.items():
            value = meta.get("date") if isinstance(meta, dict) else meta
            if value:
                dates[str(doc_id)] = dt.date.fromisoformat(str(value)[:10])
        return dates
    except (OSError, ValueError, AttributeError) as exc:
        if warn:
            warn(f"ignored {path}: {exc}")
        return {}


def _unique_id(stem: str, seen: dict[str, int]) -> str:
    count = seen.get(stem, 0)
    seen[stem] = count + 1
    return stem if count == 0 else f"{stem}~{count + 1}"


def iter_documents(
    paths: Sequence[str], warn: Callable[[str], None] | None = None
) -> Iterator[Document]:
    """Yield one decoded Document per input file; undecodable files are skipped with a warning."""
    seen: dict[str, int] = {}
    metadata: dict[Path, dict[str, dt.date]] = {}
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
        date = None
        if path is not None:
            folder = Path(path).parent
            if folder not in metadata:
                metadata[folder] = read_metadata(folder, warn)
            date = metadata[folder].get(stem)
        yield Document(id=_unique_id(stem, seen), text=text, path=path, date=date)


def title_of(text: str, skip: Callable[[str], bool] | None = None) -> str:
    """The first line that reads like a title, trimmed: not blank, not only digits and
    punctuation, and not rejected by ``skip`` (a date line like "Published: ...")."""
    for line in text.splitlines():
        line = line.strip()
        if not line or not any(ch.isalpha() for ch in line) or (skip and skip(line)):
            continue
        return line[:120]
    return ""
