"""`altnotes cache`: clear deletes altnotes' entries only and says what; info says
when the directory cannot be used."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from altnotes.errors import ExitStatus

from .helpers import ARTICLE, env, one_line_error, run_cli, seed


def test_cache_clear_removes_only_altnotes_entries_and_says_what(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(3):
        (folder / f"d{k}.txt").write_text(ARTICLE * (k + 1), encoding="utf-8")
    mine = tmp_path / "mine"  # a real folder the user pointed ALTNOTES_CACHE_DIR at
    mine.mkdir()
    (mine / "thesis.txt").write_text("three years of work")
    (mine / "settings.json").write_text("{}")
    (mine / "ab").mkdir()
    (mine / "ab" / "notes.json").write_text("{}")  # a shard-like folder, not our name
    (mine / "photos").mkdir()
    (mine / "photos" / "cat.jpg").write_bytes(b"\xff\xd8")
    seed([folder], mine)
    entries = [p for p in mine.rglob("*.json") if len(p.stem) == 64]
    assert len(entries) == 3

    info = run_cli(["cache", "info"], env=env(mine))
    assert info.returncode == ExitStatus.OK
    assert "3 entries" in info.stdout.decode()
    proc = run_cli(["cache", "clear"], env=env(mine))
    assert proc.returncode == ExitStatus.OK, proc.stderr
    message = proc.stderr.decode()
    assert "removed 3 cache entries" in message and "left 4 other files untouched" in message
    assert not any(p.exists() for p in entries)
    assert (mine / "thesis.txt").read_text() == "three years of work"
    assert (mine / "settings.json").exists() and (mine / "ab" / "notes.json").exists()
    assert (mine / "photos" / "cat.jpg").exists()
    assert "0 entries" in run_cli(["cache", "info"], env=env(mine)).stdout.decode()


def test_cache_info_says_when_the_directory_cannot_be_used(tmp_path: Path) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x")
    proc = run_cli(["cache", "info"], env=env(a_file))
    assert proc.returncode == ExitStatus.OK
    assert "is not a directory" in proc.stderr.decode()
    clear = run_cli(["cache", "clear"], env=env(a_file))
    assert clear.returncode == ExitStatus.FAILURE and "not a directory" in one_line_error(clear)
    assert a_file.read_text() == "x"

    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        target = locked
        if os.access(locked, os.W_OK):  # root writes anywhere: take a read-only file system
            target = Path("/proc/1")
            if not target.is_dir():
                pytest.skip("running as root without /proc")
        proc = run_cli(["cache", "info"], env=env(target))
        assert proc.returncode == ExitStatus.OK
        assert "is not writable" in proc.stderr.decode()
    finally:
        locked.chmod(0o755)
