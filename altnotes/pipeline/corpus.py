"""Finding input files, decoding them, and naming documents.

Knows nothing of spaCy or output.

The text of a document, the one every offset indexes, is the file's bytes decoded (a
byte-order mark dropped), with CRLF and CR turned into LF and any NUL character replaced
by U+FFFD; offsets count code points of it (Python string indices, not UTF-16 units).
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AltnotesError, CorpusError, DecodeError

TEXT_SUFFIXES = (".txt", ".md")
# Optional file beside the articles: {"<document id>": {"date": "2025-02-12"}, ...}
METADATA_FILE = "metadata.json"
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
# Encodings tried, in order, for files without a byte-order mark.
FALLBACK_ENCODINGS = ("utf-8", "cp932", "euc_jp")
TITLE_MAX = 80  # characters of a title; a longer first line is cut at its first sentence
REPLACEMENT = "\ufffd"  # what a NUL character of the input becomes


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    path: str | None = None  # as text: a file name's undecodable bytes are \x.. escapes
    date: dt.date | None = None  # from a metadata file, when one gives it
    file: str | None = field(default=None, compare=False, repr=False)  # the name to open
    # what reading the file changed or left out (NUL characters replaced, ...)
    warnings: tuple[str, ...] = field(default=(), compare=False)


def as_text(name: str) -> str:
    """A file name as valid text: bytes that are not UTF-8 (a Shift_JIS name from a
    Windows zip, held by Python as lone surrogates) become \\x.. escapes."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def decode_bytes(data: bytes) -> str:
    """Decode Japanese text in UTF-8/16 (with or without BOM), Shift_JIS (cp932) or EUC-JP.
    The text may hold a few NUL characters (iter_documents replaces them); binary data
    is a DecodeError."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode_strict(data[len(codecs.BOM_UTF8) :], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_strict(data, "utf-16")
    utf16 = _utf16_without_bom(data) if b"\x00" in data else None
    for encoding in FALLBACK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            # UTF-8 is its own proof; a legacy reading of UTF-16 bytes can look like text
            # too (kana read as ASCII pairs): the reading with fewer odd characters wins
            if utf16 is not None and encoding != "utf-8" and _score(utf16) > _score(text):
                return utf16
            return text
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        raise DecodeError("binary data (NUL bytes)")
    raise DecodeError("not UTF-8, UTF-16, Shift_JIS or EUC-JP text")


def _decode_strict(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"not valid {encoding.upper()} (byte {exc.start})") from None
    if not _looks_like_text(text):
        raise DecodeError("binary data")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: ASCII characters (newlines, digits, Latin)
    leave NUL bytes at every other position, odd ones for little-endian; the decoded text
    must then read as text (kana, kanji, ASCII, punctuation), not as noise."""
    if len(data) < 4 or len(data) % 2:
        return None
    odd = data[1::2].count(0)
    even = data[0::2].count(0)
    if max(odd, even) < 9 * min(odd, even) or max(odd, even) == 0:
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if _score(text) >= 0.9 else None


def _score(text: str) -> float:
    """The share of characters that Japanese articles are written in."""
    return sum(1 for ch in text if _plausible(ord(ch))) / len(text) if text else 1.0


# code point ranges of what Japanese articles are written in
_PLAUSIBLE = (
    (0x20, 0x7E),
    (0xA0, 0x24F),  # Latin-1, Latin Extended
    (0x370, 0x4FF),  # Greek, Cyrillic
    (0x2000, 0x2BFF),  # punctuation, symbols, arrows, shapes
    (0x3000, 0x30FF),  # CJK punctuation, hiragana, katakana
    (0x3190, 0x33FF),  # kanbun, katakana extensions, enclosed CJK, CJK compatibility
    (0x4E00, 0x9FFF),  # kanji
    (0xF900, 0xFAFF),  # compatibility kanji
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),  # full and half width forms
    (0x1F000, 0x1FAFF),  # emoji
    (0x20000, 0x2FA1F),  # rare kanji
)


def _plausible(cp: int) -> bool:
    return cp in (9, 10, 13) or any(lo <= cp <= hi for lo, hi in _PLAUSIBLE)


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _looks_like_text(text: str) -> bool:
    """Few control characters: text, not binary data decoded by luck."""
    if not text:
        return True
    return len(_CONTROL.findall(text)) / len(text) < 0.05


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def expand_paths(paths: Sequence[str], warn: Callable[[str], None] | None = None) -> list[str]:
    """Resolve the user's PATHS into a sorted list of files ("-" stays for stdin). Named
    pipes (``<(cat a.txt)``) and character devices are read like standard input. Given
    directly, a broken symbolic link or a link loop is an error; found in a folder, it is
    skipped with a warning (one line each)."""
    if not paths:
        if not DEFAULT_CORPUS.is_dir():
            raise CorpusError(f"the bundled corpus is missing: {DEFAULT_CORPUS}")
        paths = [str(DEFAULT_CORPUS)]
    files: list[str] = []
    for raw in paths:
        if raw == "-":
            files.append("-")
            continue
        if not raw:
            raise CorpusError("an empty path was given")
        path = Path(raw)
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            raise CorpusError(_stat_problem(raw, path, exc)) from None
        if stat.S_ISDIR(mode):
            found = _text_files_in(path, warn)
            if not found:
                raise CorpusError(f"no text files (*.txt, *.md) found in folder: {as_text(raw)}")
            files.extend(str(p) for p in found)
        elif stat.S_ISREG(mode) or stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
            files.append(str(path))
        else:
            raise CorpusError(f"not a file or folder: {as_text(raw)}")
    return files


def _text_files_in(folder: Path, warn: Callable[[str], None] | None) -> list[Path]:
    """The *.txt and *.md files under a folder, sorted (links to files followed, links to
    folders not entered). A name of that kind that cannot be opened (a broken link, a link
    loop) is skipped with a warning rather than in silence."""
    found = []
    for p in sorted(folder.rglob("*")):
        if p.suffix.lower() not in TEXT_SUFFIXES:
            continue
        try:
            mode = p.stat().st_mode
        except OSError as exc:
            if warn:
                warn(f"skipped {as_text(str(p))}: {_stat_reason(p, exc)}")
            continue
        if stat.S_ISREG(mode):
            found.append(p)
    return found


def _stat_problem(raw: str, path: Path, exc: OSError) -> str:
    shown = as_text(raw)
    if exc.errno == errno.ELOOP:
        return f"symbolic link loop: {shown}"
    if exc.errno == errno.ENOENT:
        if path.is_symlink():
            return f"broken symbolic link (its target does not exist): {shown}"
        return f"no such file or folder: {shown}"
    return f"cannot read {shown}: {exc.strerror or exc}"


def _stat_reason(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return "a broken symbolic link (its target does not exist)"
    return str(exc.strerror or exc)


def document_stem(name: str) -> str:
    """What a file's document id is made of: its stem, as text. A file descriptor's path
    (/dev/fd/63, /proc/self/fd/63: what a shell's <(zcat a.gz) gives) is named after the
    path, fd63, not the bare number."""
    path = Path(name)
    if path.name.isdigit() and path.parent.name == "fd":
        return f"fd{path.name}"
    return as_text(path.stem)


def read_metadata(folder: Path, warn: Callable[[str], None] | None = None) -> dict[str, dt.date]:
    """Document dates from ``metadata.json`` in a folder, if there is one. A bad entry is
    skipped with a warning that names it; the other entries are kept."""
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}
    shown = as_text(str(path))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        if warn:
            warn(f"ignored {shown}: {exc}")
        return {}
    if not isinstance(data, dict):
        if warn:
            warn(f"ignored {shown}: expected an object of document ids, not {type(data).__name__}")
        return {}
    dates = {}
    for doc_id, meta in data.items():
        value = meta.get("date") if isinstance(meta, dict) else meta
        if not value:
            continue
        try:
            dates[str(doc_id)] = dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            if warn:
                warn(f"{shown}: ignored the date of {doc_id!r}: {value!r} is not YYYY-MM-DD")
    return dates


def _unique_id(stem: str, seen: dict[str, int]) -> str:
    count = seen.get(stem, 0)
    seen[stem] = count + 1
    return stem if count == 0 else f"{stem}~{count + 1}"


def iter_documents(
    paths: Sequence[str], warn: Callable[[str], None] | None = None
) -> Iterator[Document]:
    """Yield one decoded Document per input file; undecodable files are skipped with a
    warning. A run of files none of which could be read is an AltnotesError."""
    seen: dict[str, int] = {}
    metadata: dict[Path, dict[str, dt.date]] = {}
    files = expand_paths(paths, warn)
    read = skipped = 0
    stdin_read = False
    for name in files:
        if name == "-":
            if stdin_read:
                if warn:
                    warn("- given more than once: standard input is read once")
                continue
            stdin_read = True
            data = sys.stdin.buffer.read()
            stem, path, shown = "stdin", None, "stdin"
        else:
            shown = as_text(name)
            try:
                data = Path(name).read_bytes()
            except OSError as exc:
                skipped += 1
                if warn:
                    warn(f"skipped {shown}: {exc.strerror or exc}")
                continue
            stem, path = document_stem(name), shown
        try:
            text = normalize_newlines(decode_bytes(data))
        except DecodeError as exc:
            skipped += 1
            if warn:
                warn(f"skipped {shown}: {exc}")
            continue
        notes: list[str] = []
        nuls = text.count("\x00")
        if nuls:
            text = text.replace("\x00", REPLACEMENT)
            notes.append(f"replaced {nuls} NUL character{'s' * (nuls != 1)} with U+FFFD")
            if warn:
                warn(f"{shown}: {notes[-1]}")
        date = None
        if path is not None:
            folder = Path(name).parent
            if folder not in metadata:
                metadata[folder] = read_metadata(folder, warn)
            date = metadata[folder].get(stem)
        read += 1
        yield Document(
            id=_unique_id(stem, seen),
            text=text,
            path=path,
            date=date,
            file=None if name == "-" else name,
            warnings=tuple(notes),
        )
    if not read and skipped:
        raise AltnotesError(
            f"nothing was read: none of the {skipped} file{'s' * (skipped != 1)} "
            "given is readable text"
        )


_SENTENCE_END = re.compile(r"[。！？!?]|\.(?=\s)")


def title_of(text: str, skip: Callable[[str], bool] | None = None) -> str:
    """The first line that reads like a title, trimmed: not blank, not only digits and
    punctuation, and not rejected by ``skip`` (a date line like "Published: ...").
    A line longer than TITLE_MAX characters is body text: its first sentence, if short
    enough, else its start cut at a word boundary, with "…"."""
    for line in text.splitlines():
        line = line.strip()
        if not line or not any(ch.isalpha() for ch in line) or (skip and skip(line)):
            continue
        return cap_title(line)
    return ""


def cap_title(line: str, limit: int = TITLE_MAX) -> str:
    if len(line) <= limit:
        return line
    m = _SENTENCE_END.search(line)
    if m and m.end() <= limit:
        return line[: m.end()]
    cut = line[: limit - 1]
    if line[limit - 1].isascii() and line[limit - 1].isalnum():  # inside a Latin word
        space = cut.rfind(" ")
        if space > limit // 2:
            cut = cut[:space]
    return cut.rstrip() + "…"
