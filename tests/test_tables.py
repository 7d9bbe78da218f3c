"""Tables: text printed as written (never read as markup), columns that fit narrow
terminals and pipes, cells cut with an ellipsis and never inside a word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from altnotes.errors import ExitStatus

from .helpers import env, load_json, run_cli, seed

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
        assert proc.returncode == ExitStatus.OK, (args, proc.stderr.decode())
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
    assert run_cli(["kb", "check", str(kb)]).returncode == ExitStatus.OK
    proc = run_cli(["kb", "--kb", str(kb), "--type", "PERSON"], env=env(tmp_path, COLUMNS="200"))
    assert proc.returncode == ExitStatus.OK, proc.stderr.decode()
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


@pytest.mark.parametrize("width", [40, 60, 100])
@pytest.mark.parametrize("command", ["people", "events", "dates", "documents", "mentions"])
def test_tables_fit_columns_keep_headers_and_rows(
    command: str, width: int, cached_env: dict[str, str]
) -> None:
    from rich.cells import cell_len

    proc = run_cli([command, "--limit", "12"], env={**cached_env, "COLUMNS": str(width)})
    assert proc.returncode == ExitStatus.OK, proc.stderr.decode()
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
