"""Issue 19: what a run says about its inputs and its progress, through the installed
script in a real subprocess. Runs that must parse do it with the stand-in engine of
tests/helpers.py (tokens by rules, no GiNZA), put in place by a small launcher script, so
that each takes a second; the rest of the process is the real one.

- a broken symbolic link or a link loop found inside a folder is skipped with a warning,
  one line each (given directly, each is already a usage error);
- a file descriptor's path (/dev/fd/N, what `<(zcat a.gz)` gives) is the document fdN;
- with stderr not a terminal, a parsing run logs a line every ALTNOTES_LOG_EVERY documents
  and a one-line summary at the end; stdout keeps only the data; a cached run says nothing.
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
from pathlib import Path

import pytest

from .helpers import ARTICLE, env, run_cli, seed


def _articles(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(n):
        path = folder / f"a{k}.txt"
        path.write_text(f"第{k}報。\n" + ARTICLE, encoding="utf-8")
        paths.append(path)
    return paths


# --- links inside a folder ---------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_broken_links_and_loops_in_a_folder_are_skipped_with_a_warning_each(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "docs"
    (good,) = _articles(folder, 1)
    (folder / "broken.txt").symlink_to(folder / "gone.txt")
    (folder / "loop.md").symlink_to(folder / "loop.md")
    (folder / "ping.txt").symlink_to(folder / "pong.txt")
    (folder / "pong.txt").symlink_to(folder / "ping.txt")
    (folder / "linked.txt").symlink_to(good)  # a link to a file is read as the file
    (folder / "notes.png").symlink_to(folder / "gone.png")  # not a text file: not ours
    cache = tmp_path / "cache"
    seed([good, folder / "linked.txt"], cache)
    proc = run_cli(["documents", "--json", str(folder)], env(cache), timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    assert [d["id"] for d in json.loads(proc.stdout)] == ["a0", "linked"]
    warnings = sorted(proc.stderr.decode().splitlines())
    assert warnings == [
        f"warning: skipped {folder / 'broken.txt'}: a broken symbolic link (its target does "
        "not exist)",
        f"warning: skipped {folder / 'loop.md'}: a symbolic link loop",
        f"warning: skipped {folder / 'ping.txt'}: a symbolic link loop",
        f"warning: skipped {folder / 'pong.txt'}: a symbolic link loop",
    ]


# --- process substitution ----------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="no /dev/fd")
def test_a_file_descriptor_path_is_named_after_the_path(tmp_path: Path) -> None:
    """`altnotes documents <(zcat a.txt.gz)`: the shell passes /dev/fd/63; the document
    is fd63, not 63 (a bare number reads as a count or a position)."""
    read, write = os.pipe()
    os.write(write, ARTICLE.encode("utf-8"))  # a pipe holds 64 KiB: no writer needed
    os.close(write)
    try:
        proc = run_cli(
            ["documents", "--json", "--no-cache", f"/dev/fd/{read}"],
            env(tmp_path / "cache"),
            pass_fds=(read,),
            fake_parse=True,
        )
    finally:
        os.close(read)
    assert proc.returncode == 0, proc.stderr.decode()
    (doc,) = json.loads(proc.stdout)
    assert doc["id"] == f"fd{read}"
    assert doc["path"] == f"/dev/fd/{read}"


# --- progress when stderr is not a terminal ----------------------------------------------

PROGRESS = re.compile(
    r"progress: (\d+) documents? \((\d+) parsed, (\d+) from the cache\), ([\d,]+) characters?, "
    r"[\d.]+ s \([\d,]+ characters/s\), (\d+)% of the input"
)
DONE = re.compile(
    r"done: (\d+) documents? \((\d+) parsed, (\d+) from the cache\), ([\d,]+) characters?, "
    r"[\d.]+ s \([\d,]+ characters/s\)"
)


def test_a_run_logged_to_a_file_says_how_far_it_is_and_sums_up(tmp_path: Path) -> None:
    paths = _articles(tmp_path / "docs", 7)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    cache = tmp_path / "cache"
    seed(paths[:2], cache)  # two of them cached already
    proc = run_cli(
        ["people", "--json", str(tmp_path / "docs")],
        env(cache, ALTNOTES_LOG_EVERY="3"),
        fake_parse=True,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert isinstance(json.loads(proc.stdout), list)  # stdout: the data and nothing else
    lines = proc.stderr.decode().splitlines()
    progress = [PROGRESS.fullmatch(line) for line in lines[:-1]]
    assert all(progress), lines
    # a line every 3 documents (the lines come only once parsing began: the 2 cached
    # documents come first, then the engine starts)
    assert [int(m.group(1)) for m in progress if m] == [3, 6]
    done = DONE.fullmatch(lines[-1])
    assert done, lines
    assert done.group(1, 2, 3) == ("7", "5", "2")
    assert int(done.group(4).replace(",", "")) == chars
    # run again: everything cached, nothing parsed, nothing said
    again = run_cli(["people", "--json", str(tmp_path / "docs")], env(cache), fake_parse=True)
    assert again.returncode == 0 and again.stderr == b"", again.stderr.decode()
    assert again.stdout == proc.stdout


def test_the_log_can_be_turned_off(tmp_path: Path) -> None:
    paths = _articles(tmp_path / "docs", 2)
    proc = run_cli(
        ["people", "--json", *map(str, paths)],
        env(tmp_path / "cache", ALTNOTES_LOG_EVERY="0"),
        fake_parse=True,
    )
    assert proc.returncode == 0 and proc.stderr == b"", proc.stderr.decode()


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal")
def test_on_a_terminal_the_bar_takes_the_place_of_the_log(tmp_path: Path) -> None:
    import pty

    paths = _articles(tmp_path / "docs", 4)
    main, tty = pty.openpty()
    said: list[bytes] = []

    def read() -> None:  # as the run goes: a full terminal would stop it
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the other end is closed: all is read
                return
            if not chunk:
                return
            said.append(chunk)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        proc = run_cli(
            ["people", "--json", *map(str, paths)],
            env(tmp_path / "cache", ALTNOTES_LOG_EVERY="1"),
            stderr=tty,
            fake_parse=True,
        )
    finally:
        os.close(tty)
        reader.join(timeout=60)
        os.close(main)
    assert proc.returncode == 0
    assert isinstance(json.loads(proc.stdout), list)
    assert b"progress:" not in b"".join(said) and b"done:" not in b"".join(said)
