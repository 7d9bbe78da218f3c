"""What a run does with its inputs and what it says about them and its progress, through
the installed script in a real subprocess. Runs that must parse do it with the stand-in engine of
tests/helpers.py (tokens by rules, no GiNZA), put in place by a small launcher script, so
that each takes a second; the rest of the process is the real one.

- a broken symbolic link or a link loop found inside a folder is skipped with a warning,
  one line each (given directly, each is already a usage error);
- a file descriptor's path (/dev/fd/N, what `<(zcat a.gz)` gives) is the document fdN;
- with stderr not a terminal, a parsing run logs a line every ALTNOTES_LOG_EVERY documents
  and a one-line summary at the end; stdout keeps only the data; a cached run says nothing;
- odd inputs: file names that are not UTF-8, a --kb file that is not UTF-8, a run that
  reads nothing, NUL bytes, UTF-16 without a BOM, named pipes, stdin given twice, titles,
  a bad metadata entry. Those that read a cache fill it in this process with ``seed``.
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
from pathlib import Path

import pytest

from altnotes.errors import ExitStatus

from .helpers import ARTICLE, FakeEngine, env, load_json, one_line_error, run_cli, seed


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
    assert proc.returncode == ExitStatus.OK, proc.stderr.decode()
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
    assert proc.returncode == ExitStatus.OK, proc.stderr.decode()
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
    assert proc.returncode == ExitStatus.OK, proc.stderr.decode()
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
    assert again.returncode == ExitStatus.OK and again.stderr == b"", again.stderr.decode()
    assert again.stdout == proc.stdout


def test_the_log_can_be_turned_off(tmp_path: Path) -> None:
    paths = _articles(tmp_path / "docs", 2)
    proc = run_cli(
        ["people", "--json", *map(str, paths)],
        env(tmp_path / "cache", ALTNOTES_LOG_EVERY="0"),
        fake_parse=True,
    )
    assert proc.returncode == ExitStatus.OK and proc.stderr == b"", proc.stderr.decode()


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
    assert proc.returncode == ExitStatus.OK
    assert isinstance(json.loads(proc.stdout), list)
    assert b"progress:" not in b"".join(said) and b"done:" not in b"".join(said)


SJIS_NAME = os.fsdecode(b"\x83e\x83X\x83g.txt")  # テスト.txt in Shift_JIS


SJIS_ID = "\\x83e\\x83X\\x83g"


def test_a_file_name_that_is_not_utf8_sinks_nothing(tmp_path: Path, cache: Path) -> None:
    folder = tmp_path / "zip"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / SJIS_NAME).write_text(ARTICLE, encoding="cp932")
    exts = seed([folder], cache)  # the cache write used to raise for the second file
    ids = sorted(e.document.id for e in exts)
    assert ids == sorted(["a", SJIS_ID])
    for e in exts:
        e.document.model_dump_json()  # valid text throughout
    proc = run_cli(["documents", "--json", str(folder)], env=env(cache))
    assert proc.returncode == ExitStatus.OK, proc.stderr.decode()
    docs = json.loads(proc.stdout.decode("utf-8"))  # strict UTF-8: no raw 0x83 byte
    by_id = {d["id"]: d for d in docs}
    assert set(by_id) == {"a", SJIS_ID}
    assert by_id[SJIS_ID]["path"].endswith(SJIS_ID + ".txt")


def test_no_cache_json_is_valid_utf8_with_a_shift_jis_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from altnotes.cli import app
    from altnotes.pipeline import extract

    monkeypatch.setattr(extract, "_local_engine", FakeEngine)
    folder = tmp_path / "zip"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / SJIS_NAME).write_text(ARTICLE, encoding="cp932")
    result = CliRunner().invoke(app, ["mentions", "--json", "--no-cache", str(folder)])
    assert result.exit_code == ExitStatus.OK, result.output
    mentions = json.loads(result.stdout_bytes.decode("utf-8"))
    assert {m["document"] for m in mentions} == {"a", SJIS_ID}


def test_a_kb_file_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    kb = tmp_path / "sjis.toml"
    kb.write_bytes('[[entity]]\nname = "ジェーン"\ntype = "PERSON"\n'.encode("cp932"))
    doc = tmp_path / "a.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    check = run_cli(["kb", "check", str(kb)])
    assert check.returncode == ExitStatus.FAILURE
    line = one_line_error(check)
    assert "sjis.toml" in line and "not UTF-8" in line and "byte 19" in line
    proc = run_cli(["people", "--kb", str(kb), str(doc)], env=env(tmp_path / "c"))
    assert proc.returncode == ExitStatus.USAGE
    assert "byte 19" in one_line_error(proc)
    assert proc.stdout == b""


def test_a_run_that_reads_nothing_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "a.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "b.md").write_bytes(b"\x00\x01\x02\x03" * 100)
    proc = run_cli(["people", "--json", str(folder)], env=env(tmp_path / "c"))
    assert proc.returncode == ExitStatus.FAILURE
    assert "nothing was read" in one_line_error(proc)
    assert proc.stdout == b""


def test_a_stray_nul_is_replaced_with_a_warning(tmp_path: Path) -> None:
    from altnotes.pipeline.corpus import iter_documents

    data = ARTICLE.encode("utf-8")
    (tmp_path / "a.txt").write_bytes(data[:30] + b"\x00" + data[30:])
    (tmp_path / "b.txt").write_bytes(ARTICLE.encode("cp932").replace(b"\n", b"\x00\n", 1))
    warnings: list[str] = []
    docs = list(iter_documents([str(tmp_path)], warn=warnings.append))
    assert [d.id for d in docs] == ["a", "b"]
    assert all("\x00" not in d.text and d.text.count("\ufffd") == 1 for d in docs)
    assert docs[1].text.replace("\ufffd", "") == ARTICLE  # still read as Shift_JIS
    assert len(warnings) == 2 and all("NUL" in w for w in warnings)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_detected(encoding: str) -> None:
    from altnotes.pipeline.corpus import decode_bytes

    assert decode_bytes(ARTICLE.encode(encoding)) == ARTICLE
    assert decode_bytes("見出し\nQ1. Yes\n".encode(encoding)) == "見出し\nQ1. Yes\n"


def test_binary_with_nul_pairs_is_still_binary() -> None:
    from altnotes.errors import DecodeError
    from altnotes.pipeline.corpus import decode_bytes

    for data in (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(256)) * 8, b"\x01\x00" * 64):
        with pytest.raises(DecodeError):
            decode_bytes(data)


def test_a_symlink_loop_is_called_one(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "c.txt").symlink_to(tmp_path / "nowhere.txt")
    proc = run_cli(["people", str(tmp_path / "a.txt")])
    assert proc.returncode == ExitStatus.USAGE and "symbolic link loop" in one_line_error(proc)
    broken = run_cli(["people", str(tmp_path / "c.txt")])
    assert broken.returncode == ExitStatus.USAGE
    assert "broken symbolic link" in one_line_error(broken)


def test_a_named_pipe_is_read_like_stdin(tmp_path: Path, cache: Path) -> None:
    twin = tmp_path / "twin"
    twin.mkdir()
    (twin / "fifo.txt").write_text(ARTICLE, encoding="utf-8")
    seed([twin / "fifo.txt"], cache)  # the same id and text as the pipe's: a cache hit
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "wb") as fh:
            fh.write(ARTICLE.encode("utf-8"))

    writer = threading.Thread(target=feed)
    writer.start()
    proc = run_cli(["people", "--json", str(fifo)], env=env(cache), timeout=60)
    writer.join(timeout=10)
    assert proc.returncode == ExitStatus.OK, proc.stderr.decode()
    people = load_json(proc.stdout)
    assert isinstance(people, list)
    assert "Sam Altman" in {p["name"] for p in people}


def test_stdin_twice_is_read_once(tmp_path: Path, cache: Path) -> None:
    (tmp_path / "stdin.txt").write_text(ARTICLE, encoding="utf-8")
    seed([tmp_path / "stdin.txt"], cache)
    proc = run_cli(["documents", "--json", "-", "-"], env=env(cache), input=ARTICLE.encode("utf-8"))
    assert proc.returncode == ExitStatus.OK, proc.stderr.decode()
    docs = load_json(proc.stdout)
    assert isinstance(docs, list) and [d["id"] for d in docs] == ["stdin"]
    assert "standard input is read once" in proc.stderr.decode()


def test_a_title_is_at_most_a_sentence_of_80_characters() -> None:
    from altnotes.pipeline.corpus import title_of

    body = "先ほど公開されたインタビューをまとめました。" + "本文が続きます。" * 800
    assert title_of(body) == "先ほど公開されたインタビューをまとめました。"
    long = "x" * 10 + " word" * 2000
    title = title_of(long)
    assert len(title) <= 80 and title.endswith("…") and not title[:-1].endswith(" wor")
    assert title_of("短い見出し\n本文") == "短い見出し"


def test_one_bad_metadata_entry_keeps_the_others(tmp_path: Path) -> None:
    from altnotes.pipeline.corpus import iter_documents

    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "metadata.json").write_text(
        json.dumps({"a": {"date": "2025-03-01"}, "b": {"date": "March 2025"}, "c": "2024-01-02"}),
        encoding="utf-8",
    )
    warnings: list[str] = []
    dates = {d.id: d.date for d in iter_documents([str(tmp_path)], warn=warnings.append)}
    assert {k: v and v.isoformat() for k, v in dates.items()} == {
        "a": "2025-03-01",
        "b": None,
        "c": "2024-01-02",
    }
    assert len(warnings) == 1 and "'b'" in warnings[0] and "March 2025" in warnings[0]
