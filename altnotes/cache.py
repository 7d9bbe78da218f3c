"""Storing and loading per-document extractions (records, never spaCy objects).

One JSON file per (document id, text, pipeline fingerprint), written atomically. A bad
entry is treated as missing; an unwritable directory turns caching off with one warning.
Knows nothing of spaCy.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from .models import DocExtraction


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

    def get(self, doc_id: str, text: str) -> DocExtraction | None:
        if self.dir is None:
            return None
        path = self._path(self.key(doc_id, text))
        try:
            data = path.read_bytes()
            result = DocExtraction.model_validate_json(data)
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValidationError, ValueError):
            self.misses += 1  # corrupt or truncated: recompute and overwrite
            return None
        self.hits += 1
        return result

    def put(self, doc_id: str, text: str, extraction: DocExtraction) -> None:
        if self.dir is None:
            return
        path = self._path(self.key(doc_id, text))
        tmp_name = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "wb") as fh:
                fh.write(extraction.model_dump_json().encode("utf-8"))
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


def info(directory: Path) -> tuple[int, int]:
    """(entries, bytes) in a cache directory."""
    count = size = 0
    if directory.is_dir():
        for path in directory.rglob("*.json"):
            count += 1
            size += path.stat().st_size
    return count, size


def clear(directory: Path) -> int:
    count, _ = info(directory)
    if directory.is_dir():
        shutil.rmtree(directory)
    return count
