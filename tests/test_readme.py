"""The README is checked against the code (as sqlite-utils' tests/test_docs.py does):
every record field it documents exists and every field is documented; its command table
is the app's command list; every `altnotes ...` example in it parses."""

from __future__ import annotations

import re
import shlex

import click
import pytest

from altnotes.records import DateRecord, DocumentInfo, Entity, Event, Mention

from .conftest import ROOT
from .helpers import click_app as _click_app
from .helpers import pending_words as _pending

README = (ROOT / "README.md").read_text(encoding="utf-8")
RECORDS = {
    "person / organization": Entity,
    "date": DateRecord,
    "event": Event,
    "mention": Mention,
    "document": DocumentInfo,
}


def _section(title: str) -> str:
    m = re.search(rf"^#+ {re.escape(title)}\n(.*?)(?=^#+ )", README, re.M | re.S)
    assert m, f"no section {title!r} in the README"
    return m.group(1)


def _record_bullets() -> dict[str, str]:
    """'- name: text' bullets of the Records section, continuation lines joined."""
    out: dict[str, str] = {}
    for m in re.finditer(r"^- ([^:\n]+): (.*?)(?=^- |\Z)", _section("Records"), re.M | re.S):
        out[m.group(1).strip()] = " ".join(m.group(2).split())
    return out


def _documented_fields(text: str) -> set[str]:
    """Backticked names outside parentheses: parentheses hold values and examples."""
    depth, kept = 0, []
    for ch in text:
        depth += ch == "("
        if depth == 0:
            kept.append(ch)
        depth -= ch == ")" and depth > 0
    return set(re.findall(r"`([a-z][a-z_]*)`", "".join(kept)))


@pytest.mark.parametrize("record", list(RECORDS))
def test_every_documented_field_exists_and_every_field_is_documented(record: str) -> None:
    bullets = _record_bullets()
    assert record in bullets, f"the README's Records section has no bullet for {record}"
    documented = _documented_fields(bullets[record])
    fields = set(RECORDS[record].model_fields)
    assert documented - fields == set(), f"documented but not in {RECORDS[record].__name__}"
    assert fields - documented == set(), f"fields of {RECORDS[record].__name__} not documented"


def test_the_command_table_lists_exactly_the_apps_commands() -> None:
    table = _section("Use")
    listed = set(re.findall(r"^\| `altnotes ([a-z-]+)", table, re.M))
    assert listed == set(_click_app().commands)


def _code_blocks() -> list[str]:
    """The README's fenced code blocks, fences paired in order."""
    blocks, current = [], None
    for line in README.splitlines():
        if line.startswith("```"):
            if current is None:
                current = []
            else:
                blocks.append("\n".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def _examples() -> list[str]:
    """Every command line of the README's code blocks that runs altnotes."""
    lines = []
    for block in _code_blocks():
        for line in block.splitlines():
            line = line.removeprefix("$ ").strip()
            for part in re.split(r"\s\|\s", line):
                part = part.split(" #")[0].split(" > ")[0].strip()
                if part.startswith("altnotes ") or part == "altnotes":
                    lines.append(part)
    return lines


def test_the_readme_has_examples() -> None:
    assert len(_examples()) >= 8


@pytest.mark.parametrize("line", _examples())
def test_every_example_command_line_parses(line: str) -> None:
    args = shlex.split(line)[1:]
    group = _click_app()
    ctx = group.make_context("altnotes", list(args), resilient_parsing=False)
    name, cmd, rest = group.resolve_command(ctx, _pending(ctx))
    assert cmd is not None, line
    sub = cmd.make_context(name, list(rest), parent=ctx)
    if isinstance(cmd, click.Group) and _pending(sub):
        cmd.resolve_command(sub, _pending(sub))
