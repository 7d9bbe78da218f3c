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
from collections.abc import Callable
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

        path = self._path(self.key(doc_id, text))
        tmp_name = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "wb") as fh:
                fh.write(_wrap(extraction.model_dump_json().encode("utf-8")))
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


def info(directory: Path) -> tuple[int, int]:
    """(entries, bytes) in a cache directory."""
    count = size = 0
    if directory.is_dir():
        for path in directory.rglob("*.json"):
            count += 1
            size += path.stat().st_size
    return count, size


def clear(directory: Path) -> int:
    import shutil

    count, _ = info(directory)
    if directory.is_dir():
        shutil.rmtree(directory)
    return count
