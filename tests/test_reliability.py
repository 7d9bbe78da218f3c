"""Issue 9: what the process does with odd inputs, odd names, odd caches and odd pipes.

Most tests run the installed script in a real subprocess over a cache filled beforehand,
in this process, by the real pipeline on a stand-in parse (``FakeEngine``: tokens by
script, sentences at 。 and newlines, no GiNZA), so that they take a second, not a model
load. A test that needs GiNZA's own parse uses the bundled corpus (recorded parses).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest

from .helpers import (
    ARTICLE,
    ROOT,
    FakeEngine,
    altnotes_command,
    env,
    load_json,
    one_line_error,
    run_cli,
    seed,
)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


# --- 1. cache clear deletes altnotes' entries only ------------------------------------------


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
    assert info.returncode == 0
    assert "3 entries" in info.stdout.decode()
    proc = run_cli(["cache", "clear"], env=env(mine))
    assert proc.returncode == 0, proc.stderr
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
    assert proc.returncode == 0
    assert "is not a directory" in proc.stderr.decode()
    clear = run_cli(["cache", "clear"], env=env(a_file))
    assert clear.returncode == 1 and "not a directory" in one_line_error(clear)
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
        assert proc.returncode == 0
        assert "is not writable" in proc.stderr.decode()
    finally:
        locked.chmod(0o755)


# --- 2. text is printed as written, never read as markup ------------------------------------

MARKUP = "[/][source][blog post][red]x[/red]"


def test_tables_print_brackets_as_written(tmp_path: Path, cache: Path) -> None:
    doc = tmp_path / "m.txt"
    doc.write_text(
        f"{MARKUP}\nOpenAIのサム・アルトマン氏は2023年11月17日[/][source]に解任された。\n",
        encoding="utf-8",
    )
    seed([doc], cache)
    wide = env(cache, COLUMNS="400")
    for args in (["documents"], ["dates"], ["show", "サム・アルトマン"], ["people"]):
        proc = run_cli([*args, str(doc)], env=wide)
        assert proc.returncode == 0, (args, proc.stderr.decode())
        assert b"Traceback" not in proc.stderr
        out = proc.stdout.decode()
        if args[0] == "documents":
            assert MARKUP in out
        if args[0] in ("dates", "show"):
            assert "2023年11月17日[/][source]に解任" in out


def test_kb_names_with_brackets_are_listed_as_written(tmp_path: Path) -> None:
    kb = tmp_path / "kb.toml"
    kb.write_text(
        '[[entity]]\nname = "Jane [/] Roe"\ntype = "PERSON"\naliases = ["[red]ジェーン[/red]"]\n',
        encoding="utf-8",
    )
    assert run_cli(["kb", "check", str(kb)]).returncode == 0
    proc = run_cli(["kb", "--kb", str(kb), "--type", "PERSON"], env=env(tmp_path, COLUMNS="200"))
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode()
    assert "Jane [/] Roe" in out and "[red]ジェーン[/red]" in out


def test_render_keeps_markup_and_emoji_codes_literal() -> None:
    import io

    from altnotes.cli.render import Column, Format, render
    from altnotes.lite import Rec

    records = [Rec(name="a [/] b", note="[bold]x[/bold] :smile: [blog post]")]
    out = io.StringIO()
    columns = [Column("name", lambda r: r.name), Column("note", lambda r: r.note)]
    render(records, Format.table, columns, title="T [/]", out=out)
    text = out.getvalue()
    assert "a [/] b" in text and "[bold]x[/bold] :smile: [blog post]" in text


# --- 3. file names that are not UTF-8 -------------------------------------------------------

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
    assert proc.returncode == 0, proc.stderr.decode()
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
    assert result.exit_code == 0, result.output
    mentions = json.loads(result.stdout_bytes.decode("utf-8"))
    assert {m["document"] for m in mentions} == {"a", SJIS_ID}


# --- 4. a --kb file that is not UTF-8 --------------------------------------------------------


def test_a_kb_file_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    kb = tmp_path / "sjis.toml"
    kb.write_bytes('[[entity]]\nname = "ジェーン"\ntype = "PERSON"\n'.encode("cp932"))
    doc = tmp_path / "a.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    check = run_cli(["kb", "check", str(kb)])
    assert check.returncode == 1
    line = one_line_error(check)
    assert "sjis.toml" in line and "not UTF-8" in line and "byte 19" in line
    proc = run_cli(["people", "--kb", str(kb), str(doc)], env=env(tmp_path / "c"))
    assert proc.returncode == 2
    assert "byte 19" in one_line_error(proc)
    assert proc.stdout == b""


# --- 5. a reader that leaves early -----------------------------------------------------------


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
    assert proc.wait(timeout=120) == 0, err.decode()
    assert err == b""


# --- 6. events --person by any name ---------------------------------------------------------


def _events(args: list[str], env_: dict[str, str]) -> list[dict[str, Any]]:
    proc = run_cli(["events", "--json", *args], env=env_)
    assert proc.returncode == 0, proc.stderr.decode()
    data = load_json(proc.stdout)
    assert isinstance(data, list)
    return data


def test_events_person_takes_every_name_show_takes(cached_env: dict[str, str]) -> None:
    sam = _events(["--person", "Sam Altman"], cached_env)
    assert sam
    for name in ("サム・アルトマン", "アルトマン", "sam altman"):
        assert _events(["--person", name], cached_env) == sam, name
    mira = _events(["--undated", "--person", "Mira Murati"], cached_env)
    assert mira and _events(["--undated", "--person", "ミラ・モラティ"], cached_env) == mira


def test_events_person_unknown_is_a_usage_error_with_close_names(cached_env) -> None:
    proc = run_cli(["events", "--person", "Sam Altmann"], env=cached_env)
    assert proc.returncode == 2
    assert "close: Sam Altman" in one_line_error(proc)
    org = run_cli(["events", "--person", "OpenAI"], env=cached_env)
    assert org.returncode == 2 and "not a person" in one_line_error(org)


# --- 9. what offsets index, and that text for programs ---------------------------------------


def test_offsets_index_the_text_documents_text_gives(tmp_path: Path, cache: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    body = "😀見出し\r\n\r\n𠮷野家の前で、OpenAIのCEOサム・アルトマン氏が話した。\r\n"
    (folder / "bom.txt").write_bytes("\ufeff".encode() + body.encode("utf-8"))
    (folder / "sjis.txt").write_bytes(body.replace("😀", "").replace("𠮷", "吉").encode("cp932"))
    seed([folder], cache)
    e = env(cache)
    plain = load_json(run_cli(["documents", "--json", str(folder)], env=e).stdout)
    assert isinstance(plain, list) and all(d["text"] is None for d in plain)
    docs = load_json(run_cli(["documents", "--json", "--text", str(folder)], env=e).stdout)
    assert isinstance(docs, list)
    texts = {d["id"]: d["text"] for d in docs}
    assert texts["bom"] == body.replace("\r\n", "\n")  # BOM dropped, CRLF as LF
    assert all(d["chars"] == len(d["text"]) for d in docs)
    mentions = load_json(run_cli(["mentions", "--json", str(folder)], env=e).stdout)
    assert isinstance(mentions, list) and mentions
    for m in mentions:  # code points: 😀 and 𠮷 count one each, not two UTF-16 units
        assert texts[m["document"]][m["start"] : m["end"]] == m["text"]
    assert {m["text"] for m in mentions} >= {"OpenAI", "サム・アルトマン"}
    assert "code points" in run_cli(["documents", "--help"]).stdout.decode()


# --- 11. nothing read, NUL bytes, UTF-16 without a BOM ----------------------------------------


def test_a_run_that_reads_nothing_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "a.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "b.md").write_bytes(b"\x00\x01\x02\x03" * 100)
    proc = run_cli(["people", "--json", str(folder)], env=env(tmp_path / "c"))
    assert proc.returncode == 1
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


# --- 12. narrow terminals and pipes -----------------------------------------------------------


@pytest.mark.parametrize("width", [40, 60, 100])
@pytest.mark.parametrize("command", ["people", "events", "dates", "documents", "mentions"])
def test_tables_fit_columns_keep_headers_and_rows(
    command: str, width: int, cached_env: dict[str, str]
) -> None:
    from rich.cells import cell_len

    proc = run_cli([command, "--limit", "12"], env={**cached_env, "COLUMNS": str(width)})
    assert proc.returncode == 0, proc.stderr.decode()
    lines = proc.stdout.decode().splitlines()
    assert all(cell_len(line) <= width for line in lines), "\n".join(lines)
    assert all(line == line.rstrip() for line in lines)  # no padding when piped
    rule = next(i for i, line in enumerate(lines) if set(line.strip()) == {"─"})
    headers = re.split(r"\s{2,}", lines[rule - 1].strip())
    known = {
        "name", "other names", "mentions", "docs", "roles", "affiliations", "date", "type",
        "trigger", "people", "organizations", "products", "sentence", "document", "text",
        "value", "kind", "id", "title", "chars", "orgs", "dates", "events", "start", "end",
        "entity", "timex",
    }  # fmt: skip
    assert headers and set(headers) <= known, headers
    body = [line for line in lines[rule + 1 :] if line.strip()]
    records = load_json(run_cli([command, "--json", "--limit", "12"], env=cached_env).stdout)
    assert isinstance(records, list) and records
    if command in ("dates", "documents", "mentions"):  # no list column: one line a record
        assert len(body) == len(records), "\n".join(lines)


def test_events_at_80_columns_take_a_line_each(cached_env: dict[str, str]) -> None:
    proc = run_cli(["events", "--limit", "10"], env={**cached_env, "COLUMNS": "80"})
    body = proc.stdout.decode().splitlines()[5:]
    assert len([line for line in body if line.strip()]) <= 12, proc.stdout.decode()


def test_cells_are_cut_with_an_ellipsis_never_inside_a_word(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from altnotes.cli.render import Column, Format, render
    from altnotes.lite import Rec

    records = [
        Rec(who=["OpenAI", "Microsoft", "Anthropic"], s="OpenAI announced it. " * 6),
        Rec(who=["Sam Altman"], s="OpenAIのCEOサム・アルトマン氏は解任された。" * 3),
    ]
    columns = [
        Column("organizations", lambda r: r.who, max_width=10, wrap=True),
        Column("sentence", lambda r: r.s, max_width=30),
    ]
    for width in (40, 60, 160):
        out = io.StringIO()
        monkeypatch.setenv("COLUMNS", str(width))
        render(records, Format.table, columns, out=out)
        lines = out.getvalue().splitlines()
        text = out.getvalue()
        assert "organizations" in text and "sentence" in text  # headers whole
        for line in lines:
            for piece in re.split(r"\s{2,}", line.strip()):
                words = re.findall(r"[A-Za-z]+", piece.rstrip("…"))
                if not piece.endswith("…"):
                    for w in words:
                        assert w in {"OpenAI", "Microsoft", "Anthropic", "Sam", "Altman",
                                     "announced", "it", "organizations", "sentence", "CEO"}, (
                            w, text)  # fmt: skip
        assert text.count("…") >= 2


# --- polish ----------------------------------------------------------------------------------


def test_argument_help_is_shown_once() -> None:
    out = run_cli(["people", "--help"]).stdout.decode()
    assert re.search(r"\[PATHS\]\.\.\.\s+Files, folders", out), out
    assert "Positional arguments" not in out
    show = run_cli(["show", "--help"]).stdout.decode()
    assert re.search(r"NAME\s+A canonical name", show)
    assert "object" in show and "array" not in show


def test_show_json_is_an_object(cached_env: dict[str, str]) -> None:
    proc = run_cli(["show", "Mira Murati", "--json"], env=cached_env)
    assert isinstance(load_json(proc.stdout), dict)


def test_csv_of_an_empty_result_has_its_header(cached_env: dict[str, str]) -> None:
    proc = run_cli(["events", "--csv", "--since", "1900", "--until", "1901"], env=cached_env)
    assert proc.returncode == 0
    assert proc.stdout.decode().startswith("document,date,date_text,")
    people = run_cli(["people", "--csv", "--min-mentions", "100000"], env=cached_env)
    assert people.stdout.decode().startswith("name,type,aliases,mentions")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["events", "--type", "nosuchtype"], "dismissal"),
        (["mentions", "--type", "nosuchtype"], "PERSON"),
        (["documents", "--document", "nosuchdoc"], "000_0d9b87a77727036c"),
        (["people", "--document", "003_9e20f7f232edecee"], "003_9e20f7f232edeced"),
        (["events", "--since", "2024", "--until", "2023"], "--since 2024 is after --until"),
        (["show", ""], "a name"),
        (["kb", "--type", "robot"], "PERSON"),
    ],
)
def test_bad_filter_values_are_usage_errors(args: list[str], says: str, cached_env) -> None:
    proc = run_cli(args, env=cached_env)
    assert proc.returncode == 2, proc.stderr.decode()
    assert says in one_line_error(proc)
    assert proc.stdout == b""


def test_show_a_product_and_a_kb_entry_that_is_not_in_the_documents(cached_env) -> None:
    proc = run_cli(["show", "ChatGPT", "--json"], env=cached_env)
    assert proc.returncode == 0, proc.stderr.decode()
    profile = load_json(proc.stdout)
    assert isinstance(profile, dict)
    assert profile["entity"]["type"] == "PRODUCT" and profile["events"]
    absent = run_cli(["show", "Demis Hassabis"], env=cached_env)
    assert absent.returncode == 1
    assert "in the knowledge base but not in these documents" in one_line_error(absent)


def test_show_counts_in_the_singular(cached_env: dict[str, str]) -> None:
    proc = run_cli(["show", "Bob McGrew"], env=cached_env)
    assert proc.returncode == 0, proc.stderr.decode()
    assert "1 mention in 1 document)" in proc.stdout.decode()


def test_a_symlink_loop_is_called_one(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "c.txt").symlink_to(tmp_path / "nowhere.txt")
    proc = run_cli(["people", str(tmp_path / "a.txt")])
    assert proc.returncode == 2 and "symbolic link loop" in one_line_error(proc)
    broken = run_cli(["people", str(tmp_path / "c.txt")])
    assert broken.returncode == 2 and "broken symbolic link" in one_line_error(broken)


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
    assert proc.returncode == 0, proc.stderr.decode()
    people = load_json(proc.stdout)
    assert isinstance(people, list)
    assert "Sam Altman" in {p["name"] for p in people}


def test_stdin_twice_is_read_once(tmp_path: Path, cache: Path) -> None:
    (tmp_path / "stdin.txt").write_text(ARTICLE, encoding="utf-8")
    seed([tmp_path / "stdin.txt"], cache)
    proc = run_cli(["documents", "--json", "-", "-"], env=env(cache), input=ARTICLE.encode("utf-8"))
    assert proc.returncode == 0, proc.stderr.decode()
    docs = load_json(proc.stdout)
    assert isinstance(docs, list) and [d["id"] for d in docs] == ["stdin"]
    assert "standard input is read once" in proc.stderr.decode()


def test_documents_says_its_event_count_includes_undated_ones() -> None:
    assert "undated" in run_cli(["documents", "--help"]).stdout.decode()


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
