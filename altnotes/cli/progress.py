"""Progress on stderr while GiNZA parses, only once a document has to be parsed (a fully
cached query prints nothing). On a terminal: a bar with documents done, characters per
second, time left (by bytes of the input files). Elsewhere (cron, a pipeline, a log file):
a line every LOG_EVERY documents or LOG_SECONDS seconds, whichever comes first, and a
one-line summary at the end (documents, characters, seconds), so that a long job can be
followed. ALTNOTES_LOG_EVERY sets the documents between lines; 0 turns that log off."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from .console import stderr_console

LOG_EVERY = 1000  # documents between two log lines when stderr is not a terminal
LOG_SECONDS = 30.0  # and at most this long between two


class Progress:
    def __init__(self, paths: Sequence[str]) -> None:
        self.paths = paths

    def __enter__(self) -> Callable[[str, Any], None] | None:
        self._bar: Any = None
        self._done = 0
        self._docs = 0
        self._parsed_chars = 0
        self._log: _Log | None = None
        if sys.stderr is None:  # closed (2>&-): nowhere to say anything
            return None
        if not sys.stderr.isatty():
            every = _log_every()
            if every == 0:
                return None
            self._log = _Log(every, LOG_SECONDS, _total_bytes_or_none(self.paths))
            return self._log.update
        return self._update

    def _start(self) -> None:
        from rich.progress import (
            BarColumn,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as Bar

        self._bar = Bar(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[docs]} docs"),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            TimeElapsedColumn(),
            console=stderr_console(),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task(
            "loading GiNZA",
            total=_total_bytes(self.paths),  # only now: a fully cached run walks no folder twice
            completed=self._done,
            docs=self._docs,
            rate="",
        )
        self._t0 = time.monotonic()

    def _update(self, event: str, doc: Any) -> None:
        if event == "queued":
            if self._bar is None:
                self._start()
            return
        self._done += _file_bytes(doc)
        self._docs += 1
        if self._bar is None:
            return  # cached documents only: no bar
        fields: dict[str, Any] = {"docs": self._docs}
        if event == "parsed":
            self._parsed_chars += len(doc.text)
            rate = self._parsed_chars / max(1e-6, time.monotonic() - self._t0)
            fields.update(rate=f"{rate:,.0f} chars/s", description="parsing with GiNZA")
        self._bar.update(self._task, completed=self._done, **fields)

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
        if self._log is not None and exc_type is None:  # interrupted: main says so
            self._log.summary()


class _Log:
    """Progress as lines of text on stderr, for when it is not a terminal."""

    def __init__(self, every: int, seconds: float, total: Callable[[], int | None]) -> None:
        self.every, self.seconds = every, seconds
        self._total = total  # the input's size in bytes (None: stdin), asked once
        self._t0 = time.monotonic()
        self._parsing = False  # lines only once a document had to be parsed
        self._docs = self._parsed = self._chars = self._bytes = 0
        self._last_docs, self._last_t = 0, self._t0
        self._size: int | None = None

    def update(self, event: str, doc: Any) -> None:
        now = time.monotonic()
        if event == "queued":
            if not self._parsing:
                self._parsing = True
                self._last_t = now
                self._size = self._total()
            return
        self._docs += 1
        self._parsed += event == "parsed"
        self._chars += len(doc.text)
        self._bytes += _file_bytes(doc)
        if self._parsing and (
            self._docs - self._last_docs >= self.every or now - self._last_t >= self.seconds
        ):
            self._last_docs, self._last_t = self._docs, now
            share = (
                f", {min(100, 100 * self._bytes // self._size)}% of the input" if self._size else ""
            )
            _say(f"progress: {self._counts(now)}{share}")

    def summary(self) -> None:
        if self._parsing:
            _say(f"done: {self._counts(time.monotonic())}")

    def _counts(self, now: float) -> str:
        seconds = max(1e-6, now - self._t0)
        cached = self._docs - self._parsed
        rate = self._chars / seconds
        return (
            f"{_count(self._docs, 'document')} ({self._parsed:,} parsed, {cached:,} from the "
            f"cache), {_count(self._chars, 'character')}, {seconds:.1f} s ({rate:,.0f} "
            "characters/s)"
        )


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'s' * (n != 1)}"


def _say(line: str) -> None:
    # a line at once (a log file is read while the job runs); a log that cannot be
    # written is no reason to stop the job
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def _log_every() -> int:
    value = os.environ.get("ALTNOTES_LOG_EVERY", "").strip()
    try:
        return max(0, int(value)) if value else LOG_EVERY
    except ValueError:
        return LOG_EVERY


def _total_bytes_or_none(paths: Sequence[str]) -> Callable[[], int | None]:
    def total() -> int | None:
        try:
            return _total_bytes(paths)
        except Exception:  # a path that went away since: no share shown, nothing else lost
            return None

    return total


def _total_bytes(paths: Sequence[str]) -> int | None:
    """The size of the input files, for the progress bar's time left (None for stdin)."""
    from ..pipeline.corpus import expand_paths

    files = expand_paths(paths)
    if "-" in files:
        return None
    return sum(os.path.getsize(f) for f in files)


def _file_bytes(doc: Any) -> int:
    """A document's share of that total: its file's size, as the total counts it."""
    try:
        return os.path.getsize(doc.file) if doc.file else len(doc.text.encode("utf-8"))
    except OSError:
        return 0
