"""Standard output loses nothing: a full disk, a short write or a closed stdout is one line
on stderr and exit status 1, for every command that writes data; a reader that leaves
early (EPIPE) is still not an error. Real subprocesses, stdout on /dev/full, on a file
limited by RLIMIT_FSIZE (writes past the limit are cut short, then fail) or closed."""

from __future__ import annotations

import errno
import io
import os
import resource
import signal
import subprocess
from pathlib import Path

import pytest

from altnotes.cli.output import CheckedWriter, OutputError
from altnotes.errors import ExitStatus

from .helpers import ROOT, altnotes_command, run_cli

WRITERS = [
    ["people"],
    ["orgs", "--csv"],
    ["dates", "--jsonl"],
    ["events"],
    ["events", "--timelinejs"],
    ["mentions", "--json"],
    ["documents"],
    ["show", "サム・アルトマン"],
    ["show", "サム・アルトマン", "--json"],
    ["kb"],
    ["schema"],
    ["cache", "info"],
    ["--version"],
    ["people", "--help"],
]


def _altnotes(
    args: list[str],
    env: dict[str, str],
    stdout: int | io.BufferedWriter | None,
    preexec: object = None,
) -> subprocess.CompletedProcess[bytes]:
    return run_cli(
        args, env, timeout=300, stdout=stdout, stdin=subprocess.DEVNULL, preexec_fn=preexec
    )


def _one_error_line(proc: subprocess.CompletedProcess[bytes], reason: str) -> None:
    err = proc.stderr.decode()
    assert proc.returncode == ExitStatus.FAILURE, err
    assert err == f"error: cannot write standard output: {reason}\n"


@pytest.mark.parametrize(
    ("args", "unbuffered"),
    [(args, "") for args in WRITERS]
    + [(args, "1") for args in (["people"], ["mentions", "--json"], ["show", "サム", "--json"])],
    ids=lambda v: " ".join(v) if isinstance(v, list) else ("unbuffered" if v else "buffered"),
)
def test_a_full_disk_is_one_line_and_exit_1(
    args: list[str], unbuffered: str, cached_env: dict[str, str]
) -> None:
    env = {**cached_env, "PYTHONUNBUFFERED": unbuffered}
    with open("/dev/full", "wb") as full:
        proc = _altnotes(args, env, full)
    _one_error_line(proc, "No space left on device")


@pytest.mark.parametrize("args", WRITERS, ids=" ".join)
def test_a_closed_stdout_is_one_line_and_exit_1(
    args: list[str], cached_env: dict[str, str]
) -> None:
    proc = _altnotes(args, cached_env, None, preexec=lambda: os.close(1))
    _one_error_line(proc, "Bad file descriptor")


def test_a_command_that_writes_no_data_runs_with_stdout_closed(tmp_path: Path) -> None:
    env = {**os.environ, "ALTNOTES_CACHE_DIR": str(tmp_path / "cache")}
    proc = _altnotes(["cache", "clear"], env, None, preexec=lambda: os.close(1))
    assert proc.returncode == ExitStatus.OK, proc.stderr.decode()
    assert b"nothing to remove" in proc.stderr


LIMIT = 8192  # bytes a file may grow to in the child: the write that crosses it is cut short


def _file_size_limit() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


@pytest.mark.parametrize("unbuffered", ["", "1"], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("args", [["mentions", "--json"], ["dates"]], ids=" ".join)
def test_a_short_write_is_never_taken_for_the_whole_output(
    args: list[str], unbuffered: str, cached_env: dict[str, str], tmp_path: Path
) -> None:
    """Like a disk that fills up in the middle of the output: the first write past the
    limit writes part of its bytes, the next fails. Unbuffered, Python's own stdout took
    the part for the whole, and the run exited 0 with the file cut at 8,192 bytes."""
    env = {**cached_env, "PYTHONUNBUFFERED": unbuffered}
    whole = _altnotes(args, env, subprocess.PIPE)
    assert whole.returncode == ExitStatus.OK and len(whole.stdout) > LIMIT
    out = tmp_path / "out"
    with out.open("wb") as f:
        proc = _altnotes(args, env, f, preexec=_file_size_limit)
    _one_error_line(proc, "File too large")
    assert out.read_bytes() == whole.stdout[:LIMIT]


@pytest.mark.parametrize("args", [["mentions", "--json"], ["events"]], ids=" ".join)
def test_unbuffered_output_is_the_same_bytes(args: list[str], cached_env: dict[str, str]) -> None:
    buffered = _altnotes(args, cached_env, subprocess.PIPE)
    unbuffered = _altnotes(args, {**cached_env, "PYTHONUNBUFFERED": "1"}, subprocess.PIPE)
    assert buffered.returncode == unbuffered.returncode == ExitStatus.OK
    assert buffered.stdout and buffered.stdout == unbuffered.stdout


# --- the writer itself -------------------------------------------------------------------------


class ShortWrites:
    """A file descriptor that takes at most ``most`` bytes a write, then fails with
    ``error`` once ``room`` bytes are taken."""

    def __init__(self, most: int, room: int | None = None, error: int = errno.ENOSPC) -> None:
        self.most, self.room, self.error = most, room, error
        self.data = bytearray()
        self.calls = 0

    def __call__(self, fd: int, data: memoryview) -> int:
        self.calls += 1
        left = len(data) if self.room is None else self.room - len(self.data)
        if left <= 0:
            raise OSError(self.error, os.strerror(self.error))
        taken = bytes(data[: min(self.most, left)])
        self.data += taken
        return len(taken)


def _stream(fake: ShortWrites) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BufferedWriter(CheckedWriter(1, fake)), encoding="utf-8")


@pytest.mark.parametrize("buffered", [True, False])
def test_every_short_write_is_repeated_until_all_is_written(buffered: bool) -> None:
    text = "サム・アルトマン,OpenAI\n" * 2000
    fake = ShortWrites(most=7)
    if buffered:
        out = _stream(fake)
        out.write(text)
        out.flush()
    else:  # as Python's stdout is with PYTHONUNBUFFERED: no buffer between text and fd
        writer = CheckedWriter(1, fake)
        assert writer.write(text.encode()) == len(text.encode())
    assert fake.data.decode() == text
    assert fake.calls >= len(text.encode()) // 7


def test_a_failed_write_is_an_output_error_with_the_reason() -> None:
    fake = ShortWrites(most=100, room=250)
    out = _stream(fake)
    with pytest.raises(OutputError, match="^cannot write standard output: No space left"):
        out.write("x" * 10_000)
        out.flush()
    assert len(fake.data) == 250


def test_a_reader_that_left_stays_a_broken_pipe() -> None:
    writer = CheckedWriter(1, ShortWrites(most=10, room=0, error=errno.EPIPE))
    with pytest.raises(BrokenPipeError):
        writer.write(b"data")


def test_a_write_that_takes_nothing_never_loops_forever() -> None:
    writer = CheckedWriter(1, lambda fd, data: 0)
    with pytest.raises(OutputError, match="nothing could be written"):
        writer.write(b"data")


@pytest.mark.parametrize(
    "args",
    [
        ["mentions", "--jsonl"],
        ["mentions", "--csv"],
        ["mentions", "--json"],
        ["mentions"],
        ["show", "サム・アルトマン"],
        ["show", "サム・アルトマン", "--json"],
    ],
)
def test_a_closed_pipe_exits_0_quietly(args: list[str], cached_env: dict[str, str]) -> None:
    proc = subprocess.Popen(
        [*altnotes_command(), *args],
        env=cached_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `| head` having read what it wanted, before the first write
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == ExitStatus.OK, err.decode()
    assert err == b""
