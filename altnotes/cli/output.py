"""Standard output that loses nothing: every write is checked and completed.

Python's own ``sys.stdout`` drops data in two ways. Unbuffered (``PYTHONUNBUFFERED=1``,
``python -u``), its text layer writes straight to the file descriptor and ignores how much
a write took: on a full disk one short write is the end of the output, and the exit status
is still 0. With stdout closed (``>&-``) it is ``None``. ``checked_stdout()`` puts in its
place a text stream over ``CheckedWriter``, which repeats a short write until every byte is
written and turns a failed write into ``OutputError`` (one line, exit status 1), as
``report`` and ``export`` do for their files. A reader that left (EPIPE, ``| head``) stays
a ``BrokenPipeError``: not an error.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from typing import Any

from ..errors import AltnotesError

STDOUT = 1


class OutputError(AltnotesError):
    """Standard output cannot take what the command writes (full disk, closed stream)."""


def cannot_write(exc: OSError) -> OutputError:
    return OutputError(f"cannot write standard output: {exc.strerror or exc}")


class CheckedWriter(io.RawIOBase):
    """A raw writer to a file descriptor whose ``write`` returns only once every byte is
    written (it loops over short writes), or raises: ``BrokenPipeError`` as it is, any
    other failure as ``OutputError``. ``write_fd`` is ``os.write`` but for tests."""

    def __init__(self, fd: int, write_fd: Callable[[int, Any], int] = os.write) -> None:
        super().__init__()
        self._fd = fd
        self._write_fd = write_fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        try:
            return os.isatty(self._fd)
        except OSError:
            return False

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        done = 0
        while done < len(view):
            try:
                written = self._write_fd(self._fd, view[done:])
            except BrokenPipeError:
                raise
            except OSError as exc:
                raise cannot_write(exc) from None
            if not written:  # no error, no progress: never loop forever
                raise OutputError("cannot write standard output: nothing could be written")
            done += written
        return done


def checked_stdout() -> None:
    """Replace ``sys.stdout`` by a buffered text stream over a ``CheckedWriter`` on file
    descriptor 1, with the same encoding, error handler and line buffering. A closed
    stdout gets descriptor 1 taken by /dev/null opened read-only: no file opened later
    can land on it, and a write fails with EBADF ("Bad file descriptor")."""
    old = sys.stdout
    encoding, errors, line_buffering = "utf-8", "strict", False
    if old is None:
        taken = os.open(os.devnull, os.O_RDONLY)
        if taken != STDOUT:
            os.dup2(taken, STDOUT)
            os.close(taken)
    else:
        try:
            if old.fileno() != STDOUT:
                return  # redirected inside Python (a test's capture): leave it alone
        except (OSError, ValueError, io.UnsupportedOperation):
            return
        old.flush()
        encoding = old.encoding or encoding
        errors = old.errors or errors
        line_buffering = bool(getattr(old, "line_buffering", False))
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(CheckedWriter(STDOUT)),
        encoding=encoding,
        errors=errors,
        line_buffering=line_buffering,
    )
