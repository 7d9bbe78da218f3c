"""Bad and unusual inputs end to end: each gets a clear answer, none a traceback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from altnotes.errors import ExitStatus

from .helpers import ROOT, ctrl_c_answered, load_json, run_cli

pytestmark = pytest.mark.slow

ARTICLE = (
    "OpenAIのCEOサム・アルトマン氏は2023年11月17日に取締役会によって解任された。\n"
    "共同創業者のグレッグ・ブロックマン氏も同日に退社を発表した。\n"
)


def _env(cache: Path) -> dict[str, str]:
    return {**os.environ, "ALTNOTES_CACHE_DIR": str(cache)}


def _people(proc: subprocess.CompletedProcess[bytes]) -> dict[str, list[str]]:
    assert proc.returncode == ExitStatus.OK, proc.stderr.decode()
    return {p["name"]: sorted(p["documents"]) for p in load_json(proc.stdout)}


def test_encodings_decode_like_their_utf8_twin(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for enc, name in [
        ("utf-8", "utf8"),
        ("cp932", "sjis"),
        ("euc_jp", "eucjp"),
        ("utf-16", "utf16"),
        ("utf-8-sig", "utf8bom"),
    ]:
        (folder / f"{name}.txt").write_bytes(ARTICLE.encode(enc))
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\t\n", encoding="utf-8")
    (folder / "zenkaku.txt").write_text("\u3000" * 200 + "\n" + "\u3000" * 50, encoding="utf-8")
    (folder / "emoji.md").write_text("😀🎉🔥\x07\x1b[31m 🤖\n", encoding="utf-8")
    proc = run_cli(["people", "--json", str(folder)], env=_env(tmp_path / "c"))
    people = _people(proc)
    expected = sorted(["utf8", "sjis", "eucjp", "utf16", "utf8bom"])
    assert people["Sam Altman"] == expected
    assert people["Greg Brockman"] == expected
    assert len(people) == 2  # no person from the blank, full-width-space or emoji files
    err = proc.stderr.decode()
    assert "binary.txt" in err and "Traceback" not in err


def test_a_line_twice_what_sudachi_accepts(tmp_path: Path) -> None:
    # Sudachi refuses more than 49,149 bytes: the line is split at sentence ends
    unit = ARTICLE.replace("\n", "")
    reps = 100_000 // len(unit.encode("utf-8")) + 1
    line = unit * reps
    assert len(line.encode("utf-8")) > 2 * 49_149
    doc = tmp_path / "long.txt"
    doc.write_text(line, encoding="utf-8")
    proc = run_cli(["mentions", "--json", str(doc)], env=_env(tmp_path / "c"), timeout=1200)
    assert proc.returncode == ExitStatus.OK, proc.stderr.decode()
    mentions = load_json(proc.stdout)
    assert sum(m["entity"] == "Sam Altman" for m in mentions) == reps
    for m in mentions:
        assert line[m["start"] : m["end"]] == m["text"]


def test_corrupt_cache_entries_are_recomputed(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    cache = tmp_path / "c"
    first = run_cli(["events", "--json", str(doc)], env=_env(cache))
    (entry,) = list(cache.rglob("*.json"))
    entry.write_bytes(entry.read_bytes()[:40])  # truncated
    second = run_cli(["events", "--json", str(doc)], env=_env(cache))
    assert second.returncode == ExitStatus.OK
    assert load_json(second.stdout) == load_json(first.stdout)
    json.loads(entry.read_text())  # rewritten whole


def test_unwritable_cache_works_without_caching_and_warns_once(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(3):
        (folder / f"d{k}.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run_cli(["people", "--json", str(folder)], env=_env(blocker / "cache"))
    assert _people(proc)["Sam Altman"] == ["d0", "d1", "d2"]
    assert proc.stderr.decode().count("cache disabled") == 1


def test_two_runs_at_once_share_the_cache_safely(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(4):
        (folder / f"d{k}.txt").write_text(ARTICLE * (k + 1), encoding="utf-8")
    exe = [sys.executable, "-m", "altnotes", "people", "--json", str(folder)]
    procs = [
        subprocess.Popen(
            exe, env=_env(tmp_path / "c"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    assert all(p.returncode == ExitStatus.OK for p in procs)
    assert json.loads(outs[0][0]) == json.loads(outs[1][0])
    entries = list((tmp_path / "c").rglob("*.json"))
    assert len(entries) == 4 and all(json.loads(e.read_text()) for e in entries)
    assert not list((tmp_path / "c").rglob(".tmp-*"))


def test_ctrl_c_exits_130_and_leaves_no_partial_cache(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(40):
        (folder / f"d{k:02d}.txt").write_text(ARTICLE * 30, encoding="utf-8")
    # mentions as JSON: more than a pipe holds, and stdout is read only after the signal,
    # so that the run cannot end before it
    proc = subprocess.Popen(
        [sys.executable, "-m", "altnotes", "mentions", "--json", str(folder)],
        env={**_env(tmp_path / "c"), "ALTNOTES_LOG_EVERY": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        preexec_fn=ctrl_c_answered,
    )
    # interrupted once a document is done (its log line), not after a delay: on a loaded
    # machine a delay may end while Python is still importing, or after the run
    assert proc.stderr is not None
    first = proc.stderr.readline()
    assert first.startswith(b"progress:"), first + proc.stderr.read()
    proc.send_signal(signal.SIGINT)
    _, rest = proc.communicate(timeout=300)
    err = first + rest
    assert proc.returncode == ExitStatus.INTERRUPTED, err.decode()
    said = [
        line for line in err.decode().splitlines() if not line.startswith(("progress:", "done:"))
    ]
    assert said == ["interrupted"], err.decode()
    assert not list((tmp_path / "c").rglob(".tmp-*"))
    for entry in (tmp_path / "c").rglob("*.json"):
        json.loads(entry.read_text())


def test_document_dates_from_the_text_a_metadata_file_or_the_option(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    body = (
        "米アマゾンは昨年11月に40億ドルの追加出資を明らかにした。\n"
        "2006年から2009年に2回資金調達した。\n"
    )
    (folder / "stated.txt").write_text("Published: March 1, 2025\n" + body, encoding="utf-8")
    (folder / "meta.txt").write_text(body, encoding="utf-8")
    (folder / "none.txt").write_text(body, encoding="utf-8")
    (folder / "metadata.json").write_text('{"meta": {"date": "2024-06-30"}}', encoding="utf-8")
    env = _env(tmp_path / "c")
    docs = {
        d["id"]: d["date"]
        for d in load_json(run_cli(["documents", "--json", str(folder)], env=env).stdout)
    }
    assert docs == {"meta": "2024-06-30", "none": None, "stated": "2025-03-01"}
    values = {
        (d["document"], d["text"]): d["value"]
        for d in load_json(run_cli(["dates", "--json", str(folder)], env=env).stdout)
    }
    assert values[("stated", "昨年11月")] == "2024-11"
    assert values[("meta", "昨年11月")] == "2023-11"
    assert values[("none", "昨年11月")] is None
    forced = load_json(
        run_cli(["dates", "--json", "--doc-date", "2021-01-15", str(folder)], env=env).stdout
    )
    assert {d["value"] for d in forced if d["text"] == "昨年11月"} == {"2020-11"}
    events = load_json(run_cli(["events", "--json", str(folder / "none.txt")], env=env).stdout)
    (funding,) = [e for e in events if e["type"] == "funding"]
    assert (funding["date"], funding["date_start"], funding["date_end"]) == (
        "2006/2009",
        "2006",
        "2009",
    )
