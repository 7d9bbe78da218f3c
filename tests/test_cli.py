"""The command line end to end: typer's runner for the fast paths, a real subprocess for
the installed script. Tests marked slow run GiNZA once (shared cache) over the corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from altnotes.cli import app
from altnotes.errors import ExitStatus

from .helpers import load_json, one_line_error, run_cli

runner = CliRunner()
COMMANDS = [
    "people",
    "orgs",
    "dates",
    "events",
    "mentions",
    "documents",
    "show",
    "schema",
    "kb",
    "cache",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == ExitStatus.OK, result.output
    assert "Usage" in result.output
    if command not in ("kb", "cache"):
        assert "Example" in result.output


def test_no_arguments_prints_help_and_exits_2() -> None:
    proc = run_cli([])
    assert proc.returncode == ExitStatus.USAGE
    assert b"Usage" in proc.stdout + proc.stderr


def test_schema_is_one_json_document_with_every_record_type() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == ExitStatus.OK
    schemas = json.loads(result.stdout)
    assert set(schemas) == {"entity", "mention", "date", "event", "document"}
    assert "people" in schemas["event"]["properties"]


def test_schema_rejects_an_unknown_record_type() -> None:
    proc = run_cli(["schema", "nosuch"])
    assert proc.returncode == ExitStatus.USAGE
    assert b"unknown record type" in proc.stderr
    assert b"Traceback" not in proc.stderr


def test_missing_path_is_a_usage_error_without_traceback(tmp_path: Path) -> None:
    proc = run_cli(["people", str(tmp_path / "nope")])
    assert proc.returncode == ExitStatus.USAGE
    assert b"no such file or folder" in proc.stderr
    assert b"Traceback" not in proc.stderr
    assert proc.stdout == b""


def test_folder_without_text_files_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    proc = run_cli(["events", str(tmp_path)])
    assert proc.returncode == ExitStatus.USAGE
    err = proc.stderr.decode()
    assert "no text files (*.txt, *.md)" in err
    assert len(err.strip().splitlines()) == 1


def test_conflicting_output_switches_are_a_usage_error(tmp_path: Path) -> None:
    proc = run_cli(["people", "--json", "--csv", str(tmp_path)])
    assert proc.returncode == ExitStatus.USAGE
    assert b"choose one of" in proc.stderr


def test_bad_doc_date_is_a_usage_error() -> None:
    proc = run_cli(["dates", "--doc-date", "yesterday"])
    assert proc.returncode == ExitStatus.USAGE
    assert b"YYYY-MM-DD" in proc.stderr


def test_kb_lists_bundled_entries_as_json() -> None:
    result = runner.invoke(app, ["kb", "--json", "--type", "PERSON"])
    assert result.exit_code == ExitStatus.OK
    entries = json.loads(result.stdout)
    names = {e["name"] for e in entries}
    assert {"Sam Altman", "Mira Murati"} <= names
    assert all(e["type"] == "PERSON" for e in entries)


def test_kb_check_accepts_a_good_file_and_explains_a_bad_one(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(
        '[[entity]]\nname = "Jane Roe"\ntype = "PERSON"\naliases = ["ジェーン・ロー"]\n'
        'affiliations = ["OpenAI"]\n',
        encoding="utf-8",
    )
    assert runner.invoke(app, ["kb", "check", str(good)]).exit_code == ExitStatus.OK
    bad = tmp_path / "bad.toml"
    bad.write_text('[[entity]]\nname = "X"\ntype = "ROBOT"\n', encoding="utf-8")
    proc = run_cli(["kb", "check", str(bad)])
    assert proc.returncode == ExitStatus.FAILURE
    assert b"entity #1 (X) type" in proc.stderr
    assert b"Traceback" not in proc.stderr
    broken = tmp_path / "broken.toml"
    broken.write_text("[[entity]\n", encoding="utf-8")
    proc = run_cli(["kb", "check", str(broken)])
    assert proc.returncode == ExitStatus.FAILURE and b"not valid TOML" in proc.stderr


def test_cache_info_and_clear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALTNOTES_CACHE_DIR", str(tmp_path / "c"))
    (tmp_path / "c" / "ab").mkdir(parents=True)
    (tmp_path / "c" / "ab" / ("ab" + "0" * 62 + ".json")).write_text("{}")
    info = runner.invoke(app, ["cache", "info"])
    assert "1 entry," in info.stdout
    runner.invoke(app, ["cache", "clear"])
    assert "0 entries" in runner.invoke(app, ["cache", "info"]).stdout


# --- over the bundled corpus, cached (from recorded parses) -------------------------------


@pytest.mark.parametrize("command", ["people", "orgs", "dates", "events", "mentions", "documents"])
def test_json_of_every_command_parses_in_a_real_pipe(command: str, cached_env) -> None:
    proc = run_cli([command, "--json"], env=cached_env)
    assert proc.returncode == ExitStatus.OK, proc.stderr
    data = load_json(proc.stdout)
    assert isinstance(data, list) and data
    assert b"\x1b[" not in proc.stdout  # no colour codes when piped


def test_jsonl_and_csv_carry_the_same_records(cached_env) -> None:
    as_json = load_json(run_cli(["people", "--json"], env=cached_env).stdout)
    lines = run_cli(["people", "--jsonl"], env=cached_env).stdout.decode().splitlines()
    assert [json.loads(line) for line in lines] == as_json
    csv_out = run_cli(["people", "--csv"], env=cached_env).stdout.decode().splitlines()
    assert csv_out[0].startswith("name,type,aliases,mentions")
    assert len(csv_out) == len(as_json) + 1


def test_events_filter_by_person_like_jq(cached_env) -> None:
    result = runner.invoke(app, ["events", "--json", "--person", "Sam Altman"])
    assert result.exit_code == ExitStatus.OK
    events = json.loads(result.stdout)
    assert events and all("Sam Altman" in e["people"] for e in events)
    everything = json.loads(runner.invoke(app, ["events", "--json"]).stdout)
    assert len(events) < len(everything)


def test_events_since_until_and_type(cached_env) -> None:
    result = runner.invoke(app, ["events", "--json", "--since", "2023", "--until", "2023-12"])
    events = json.loads(result.stdout)
    assert events and all(e["date"].startswith("2023") for e in events)
    released = json.loads(runner.invoke(app, ["events", "--json", "--type", "release"]).stdout)
    assert released and all(e["type"] == "release" for e in released)
    bad = runner.invoke(app, ["events", "--since", "last tuesday"])
    assert bad.exit_code == ExitStatus.USAGE


def test_people_table_when_piped_is_plain_text(cached_env) -> None:
    proc = run_cli(["people", "--limit", "5"], env=cached_env)
    out = proc.stdout.decode()
    assert proc.returncode == ExitStatus.OK
    assert "Sam Altman" in out and "\x1b[" not in out


def test_show_a_person_by_a_japanese_alias(cached_env) -> None:
    result = runner.invoke(app, ["show", "ミラ・モラティ", "--json"])
    assert result.exit_code == ExitStatus.OK, result.output
    profile = json.loads(result.stdout)
    assert profile["entity"]["name"] == "Mira Murati"
    assert profile["mentions"]
    assert runner.invoke(app, ["show", "Nobody Atall"]).exit_code == ExitStatus.FAILURE


def test_head_closing_the_pipe_makes_no_noise(cached_env) -> None:
    import subprocess
    import sys

    script = f"{sys.executable} -m altnotes events --json | head -c 100"
    proc = subprocess.run(["bash", "-c", script], env=cached_env, capture_output=True, timeout=120)
    assert len(proc.stdout) == 100
    assert b"BrokenPipe" not in proc.stderr and b"Traceback" not in proc.stderr


@pytest.mark.slow  # parses a new text with GiNZA
def test_stdin_is_a_document(cached_env) -> None:
    text = "OpenAIのCEOサム・アルトマン氏は2023年11月17日に解任された。".encode()
    proc = run_cli(["mentions", "-", "--json"], env=cached_env, input=text)
    assert proc.returncode == ExitStatus.OK, proc.stderr
    mentions = load_json(proc.stdout)
    assert {m["document"] for m in mentions} == {"stdin"}
    assert any(m["entity"] == "Sam Altman" for m in mentions)


def test_a_bad_kb_file_is_a_usage_error_before_anything_is_parsed(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[entity]]\nname = "X"\ntype = "ROBOT"\n', encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("OpenAIのサム・アルトマン氏。", encoding="utf-8")
    proc = run_cli(["people", "--kb", str(bad), str(doc)])
    assert proc.returncode == ExitStatus.USAGE
    err = proc.stderr.decode()
    assert "entity #1 (X) type" in err and "Traceback" not in err and "skipped" not in err
    assert proc.stdout == b""


def test_the_fast_path_prints_exactly_what_the_pydantic_records_print(cached_env) -> None:
    """Cached extractions read back as lite records must render byte for byte like the
    pydantic records they were dumped from, for every listing command and format."""
    from altnotes.cli.render import Format, render
    from altnotes.lite import Rec
    from altnotes.pipeline.extract import Settings, extract
    from altnotes.query.entities import aggregate
    from altnotes.query.timeline import sort_events

    from .conftest import CORPUS

    full = extract([str(CORPUS)], Settings())
    lite = extract([str(CORPUS)], Settings(), lite=True)
    assert all(isinstance(e, Rec) for e in lite)
    assert not any(isinstance(e, Rec) for e in full)

    def listings(exts, make):
        return {
            "people": aggregate(exts, ("PERSON",), make=make),
            "orgs": aggregate(exts, ("ORG",), make=make),
            "dates": [d for e in exts for d in e.dates],
            "events": sort_events([ev for e in exts for ev in e.events]),
            "mentions": [m for e in exts for m in e.mentions],
            "documents": [e.document for e in exts],
        }

    import io

    for name, (a, b) in {
        k: (v, listings(lite, Rec)[k]) for k, v in listings(full, None).items()
    }.items():
        assert a, name
        for fmt in (Format.json, Format.jsonl, Format.csv):
            out_a, out_b = io.StringIO(), io.StringIO()
            render(a, fmt, [], out=out_a)
            render(b, fmt, [], out=out_b)
            assert out_a.getvalue() == out_b.getvalue(), (name, fmt)


@pytest.mark.parametrize(
    "args",
    [
        ["peopel"],
        ["people", "--bogus"],
        ["people", "--limit", "x"],
        ["events", "--type"],
        ["show"],
        ["kb", "bogus"],
        ["cache"],
    ],
    ids=" ".join,
)
def test_a_usage_error_is_one_line_and_exit_2(args: list[str]) -> None:
    proc = run_cli(args)
    assert proc.returncode == ExitStatus.USAGE, proc.stderr
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    assert proc.stdout == b""


def test_a_mistyped_command_is_suggested_once() -> None:
    err = run_cli(["peopel"]).stderr.decode()
    assert err.count("Did you mean") == 1 and "'people'" in err, err


def test_show_takes_the_engine_options_of_every_extracting_command() -> None:
    shown = run_cli(["show", "--help"]).stdout.decode()
    assert "--engine" in shown and "--scheduler" in shown
    proc = run_cli(["show", "サム", "--engine", "nosuch"])
    assert proc.returncode == ExitStatus.USAGE
    assert proc.stderr.decode() == "error: --engine takes local or dask, not 'nosuch'\n"


def test_only_names_that_are_really_close_are_suggested() -> None:
    from altnotes.lite import Rec
    from altnotes.query.profile import close_names

    def entity(name: str, *aliases: str) -> Rec:
        return Rec(name=name, aliases=[name, *aliases])

    people = [
        entity("John Kennedy", "ケネディ", "ジョン・F・ケネディ"),
        entity("Sam Altman", "サム・アルトマン", "アルトマン"),
        entity("Tesla", "テスラ"),
        entity("Slack"),
    ]
    assert close_names("ノーバディ", people) == []  # shares ディ with ケネディ, no more
    assert close_names("Nobody Atall", people) == []
    assert close_names("アルトマソ", people) == ["Sam Altman"]  # a typo
    assert close_names("Sam Altmann", people) == ["Sam Altman"]
    assert close_names("Sam", people) == ["Sam Altman"]  # not Slack nor Tesla
    assert close_names("kennedy", people) == ["John Kennedy"]


def test_an_unknown_person_gets_no_far_fetched_hint(cached_env) -> None:
    proc = run_cli(["events", "--person", "ノーバディ"], env=cached_env)
    assert proc.returncode == ExitStatus.USAGE
    err = proc.stderr.decode()
    assert "no person named 'ノーバディ'" in err and "close:" not in err, err


def test_typer_is_used_as_documented_nothing_patched() -> None:
    """Commands are plain functions: no hand-built signatures, no typer class patched
    (the app's own command class is a subclass passed as typer's documented ``cls``)."""
    import inspect

    import click
    import typer.core

    import altnotes.cli.app  # noqa: F401 - imported for what importing it might patch

    assert typer.core.TyperArgument.__init__.__module__ == "typer.core"
    assert "format_arguments" not in vars(typer.core.TyperCommand)
    assert click.Argument.__init__.__module__ == "click.core"
    group = typer.main.get_group(app)
    commands = [
        c for g in [group, *group.commands.values()] for c in getattr(g, "commands", {}).values()
    ]
    assert len(commands) >= 14
    for command in commands:
        if command.callback is not None:  # (the cache group has none)
            function = inspect.unwrap(command.callback)
            assert "__signature__" not in vars(function), command.name


@pytest.mark.parametrize(
    ("command", "argument"),
    [
        (["show"], "NAME"),
        (["show"], "[PATHS]..."),
        (["people"], "[PATHS]..."),
        (["report"], "[PATHS]..."),
        (["schema"], "[RECORD]"),
        (["kb", "check"], "FILE"),
    ],
)
def test_every_argument_is_listed_once_with_its_help(command: list[str], argument: str) -> None:
    shown = runner.invoke(app, [*command, "--help"]).output
    assert "Positional arguments" not in shown  # click 8.5's own section: not a second list
    section = shown.split("Arguments:\n", 1)[1].split("\n\n", 1)[0]
    line = next(line for line in section.splitlines() if line.strip().startswith(argument))
    assert len(line.split()) > 2, line  # the argument's words, not its name alone


def test_no_function_of_the_cli_is_over_80_lines() -> None:
    import ast

    from .conftest import ROOT

    long = []
    for path in sorted((ROOT / "altnotes" / "cli").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                if node.end_lineno is not None and node.end_lineno - start + 1 > 80:
                    long.append(f"{path.name}:{node.name}")
    assert not long


def test_argument_help_is_shown_once() -> None:
    out = run_cli(["people", "--help"]).stdout.decode()
    assert re.search(r"\[PATHS\]\.\.\.\s+Files, folders", out), out
    assert "Positional arguments" not in out
    show = run_cli(["show", "--help"]).stdout.decode()
    assert re.search(r"NAME\s+A canonical name", show)
    assert "object" in show and "array" not in show


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
    assert proc.returncode == ExitStatus.USAGE, proc.stderr.decode()
    assert says in one_line_error(proc)
    assert proc.stdout == b""
