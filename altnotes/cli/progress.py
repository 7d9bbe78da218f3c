"""The progress bar on stderr while GiNZA parses: documents done, characters per second,
time left (by bytes of the input files). Shown only on a terminal, and only once a
document has to be parsed: a fully cached query prints nothing."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from .console import stderr_console


class Progress:
    def __init__(self, paths: Sequence[str]) -> None:
        self.paths = paths

    def __enter__(self) -> Callable[[str, Any], None] | None:
        self._bar: Any = None
        self._done = 0
        self._docs = 0
        self._parsed_chars = 0
        if not sys.stderr.isatty():
            return None
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

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


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
