"""Storing and loading per-document extractions (records, never spaCy objects).

One JSON file per (document id, text, pipeline fingerprint), written atomically. A bad
entry is treated as missing; an unwritable directory turns caching off with one warning.
Knows nothing of spaCy.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..records import DocExtraction


def default_dir() -> Path:
    env = os.environ.get("ALTNOTES_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "altnotes"


class Cache:
    def __init__(
        self,
        directory: Path | None,
        fingerprint: str,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.dir = directory
        self.fingerprint = fingerprint
        self._warn = warn
        self._warned = False
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.dir is not None

    def key(self, doc_id: str, text: str) -> str:
        h = hashlib.sha256()
        for part in (self.fingerprint, doc_id, text):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\0")
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        assert self.dir is not None
        return self.dir / key[:2] / f"{key}.json"

    def get(self, doc_id: str, text: str, lite: bool = False) -> Any:
        """The cached extraction, or None when there is none or it is damaged. Entries carry
        a checksum of their payload and are our own output, so they are rebuilt without
        pydantic validation: as DocExtraction models, or with ``lite`` as plain records
        (lite.Rec) that need no pydantic model at all — the fast query path."""
        if self.dir is None:
            return None
        path = self._path(self.key(doc_id, text))
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        payload = _unwrap(data)
        result: Any = None
        try:
            if payload and lite:
                from ..lite import extraction_from_cache

                result = extraction_from_cache(json.loads(payload))
            elif payload:
                from ..records import DocExtraction

                result = DocExtraction.from_cache(json.loads(payload))
        except (ValueError, TypeError, KeyError, AttributeError):
            result = None
        if result is None:
            self.misses += 1  # corrupt or truncated: recompute and overwrite
            return None
        self.hits += 1
        return result

    def put(self, doc_id: str, text: str, extraction: DocExtraction) -> None:
        if self.dir is None:
            return
        import tempfile

        try:
            payload = extraction.model_dump_json().encode("utf-8")
        except ValueError as exc:  # not valid text (a lone surrogate): this one is not kept
            if self._warn:
                self._warn(f"not cached: {doc_id.partition(chr(0))[0]!r}: {exc}")
            return
        path = self._path(self.key(doc_id, text))
        tmp_name = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "wb") as fh:
                fh.write(_wrap(payload))
            os.replace(tmp_name, path)
            tmp_name = None
        except OSError as exc:
            if not self._warned and self._warn:
                self._warn(f"cache disabled: cannot write to {self.dir} ({exc.strerror or exc})")
            self._warned = True
            self.dir = None
        finally:
            if tmp_name is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp_name)


_PREFIX = b'{"sha256":"'
_MIDDLE = b'","extraction":'


def _wrap(payload: bytes) -> bytes:
    """One JSON document: the payload and its checksum."""
    digest = hashlib.sha256(payload).hexdigest().encode("ascii")
    return _PREFIX + digest + _MIDDLE + payload + b"}"


def _unwrap(data: bytes) -> bytes | None:
    """The payload of an entry written by _wrap, or None if it is damaged."""
    digest_end = len(_PREFIX) + 64
    digest, payload = data[len(_PREFIX) : digest_end], data[digest_end + len(_MIDDLE) : -1]
    if (
        not data.startswith(_PREFIX)
        or data[digest_end : digest_end + len(_MIDDLE)] != _MIDDLE
        or not data.endswith(b"}")
        or hashlib.sha256(payload).hexdigest().encode("ascii") != digest
    ):
        return None
    return payload


# An entry is <dir>/<first two hex digits of its key>/<64 hex digits>.json; a write in
# progress is .tmp-*.json beside it. Nothing else under the directory is ours.
_SHARD = re.compile(r"[0-9a-f]{2}")
_ENTRY = re.compile(r"[0-9a-f]{64}\.json")
_TMP = re.compile(r"\.tmp-.*\.json")


@dataclass
class CacheState:
    """What is in a cache directory, and whether it can be used."""

    directory: Path
    entries: int = 0
    bytes: int = 0
    others: int = 0  # files and folders under it that are not altnotes' own
    problem: str | None = None  # "not a directory", "not writable", "does not exist" ...


def _own_files(directory: Path) -> Iterator[tuple[Path, bool]]:
    """(path, is_entry) of altnotes' files in a cache directory: entries, and temporary
    files of interrupted writes. Symbolic links are never followed nor taken."""
    try:
        shards = [p for p in directory.iterdir() if _SHARD.fullmatch(p.name)]
    except OSError:
        return
    for shard in sorted(shards):
        if shard.is_symlink() or not shard.is_dir():
            continue
        try:
            names = sorted(shard.iterdir())
        except OSError:
            continue
        for path in names:
            if path.is_symlink() or not path.is_file():
                continue
            if _ENTRY.fullmatch(path.name) and path.name[:2] == shard.name:
                yield path, True
            elif _TMP.fullmatch(path.name):
                yield path, False


def _count_others(directory: Path) -> int:
    others = 0
    try:
        for path in directory.iterdir():
            if not _SHARD.fullmatch(path.name) or path.is_symlink() or not path.is_dir():
                others += 1
                continue
            for inner in path.iterdir():
                own = _ENTRY.fullmatch(inner.name) or _TMP.fullmatch(inner.name)
                if not own or inner.is_symlink() or not inner.is_file():
                    others += 1
    except OSError:
        pass
    return others


def info(directory: Path) -> CacheState:
    """Entries and bytes of a cache directory, what else is in it, and any problem."""
    state = CacheState(directory)
    if not directory.exists():
        state.problem = "does not exist yet (it is made on the first run)"
        if directory.is_symlink():
            state.problem = "is a broken symbolic link: nothing can be cached"
        return state
    if not directory.is_dir():
        state.problem = "is not a directory: nothing can be cached"
        return state
    if not _writable(directory):
        state.problem = "is not writable: nothing new can be cached"
    for path, is_entry in _own_files(directory):
        if is_entry:
            state.entries += 1
            with contextlib.suppress(OSError):
                state.bytes += path.stat().st_size
    state.others = _count_others(directory)
    return state


def _writable(directory: Path) -> bool:
    """Whether a file can be made in it (tried: permission bits do not tell root's case)."""
    import tempfile

    try:
        fd, name = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".json")
    except OSError:
        return False
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(name)
    return True


def clear(directory: Path) -> CacheState:
    """Delete altnotes' entries (and leftover temporary files) from a cache directory and
    the shard folders left empty; leave everything else. Returns what was removed (and,
    in ``others``, what was left). OSError if an entry cannot be deleted."""
    removed = CacheState(directory)
    if not directory.is_dir():
        return removed
    for path, is_entry in list(_own_files(directory)):
        size = 0
        with contextlib.suppress(OSError):
            size = path.stat().st_size
        path.unlink()
        if is_entry:
            removed.entries += 1
            removed.bytes += size
    with contextlib.suppress(OSError):
        for shard in directory.iterdir():
            if _SHARD.fullmatch(shard.name) and not shard.is_symlink() and shard.is_dir():
                with contextlib.suppress(OSError):
                    shard.rmdir()  # only when empty
    removed.others = _count_others(directory)
    return removed
