"""The comments of the data files (altnotes/data/*.toml) name modules and commands: every
path they name is a file of the repository (taken from the root, from altnotes/ or from
altnotes/data/), and every command written as `altnotes ...` parses as a command line of
the app, so that a renamed module or command leaves no stale pointer behind."""

from __future__ import annotations

import importlib
import re
import shlex

import click
import pytest

from .helpers import ROOT, click_app, pending_words

DATA = ROOT / "altnotes" / "data"
PATH = re.compile(r"(?<![\w/.-])((?:[\w-]+/)*[\w-]+\.(?:py|toml|md|json|gz))\b")
COMMAND = re.compile(r"`(altnotes(?: [^`]*)?)`")
DOTTED = re.compile(r"(?<![\w/.])(altnotes(?:\.[A-Za-z_]\w*)+)(?!\w*/)")


def comments(text: str) -> list[str]:
    """The comments of a TOML file: whole-line ones and those after a value (a # outside
    a quoted string)."""
    found = []
    for line in text.splitlines():
        quote = None
        for i, ch in enumerate(line):
            if quote:
                if ch == "\\" and quote == '"':
                    continue
                if ch == quote and (quote == "'" or line[i - 1] != "\\"):
                    quote = None
            elif ch in "\"'":
                quote = ch
            elif ch == "#":
                found.append(line[i + 1 :])
                break
    return found


def references(text: str) -> tuple[list[str], list[str]]:
    """The paths (files, or dotted names such as altnotes.knowledge.schemas.Lexicon) and
    the `altnotes ...` command lines named in a file's comments; a path that is an
    argument of a command line (`altnotes kb check my.toml`) is not one."""
    paths, commands = [], []
    for comment in comments(text):
        commands += COMMAND.findall(comment)
        rest = COMMAND.sub("", comment)
        for m in sorted([*PATH.finditer(rest), *DOTTED.finditer(rest)], key=lambda m: m.start()):
            paths.append(m.group(1))
    return paths, commands


def path_exists(name: str) -> bool:
    if PATH.fullmatch(name):
        return any((base / name).is_file() for base in (ROOT, ROOT / "altnotes", DATA))
    parts = name.split(".")  # a dotted name: the longest module, then its attributes
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            if not hasattr(obj, attr):
                return False
            obj = getattr(obj, attr)
        return True
    return False


def command_parses(line: str) -> bool:
    """Whether `altnotes ARGS` names a command (and subcommand) with options it has."""
    args = shlex.split(line)[1:]
    group = click_app()
    try:
        ctx = group.make_context("altnotes", list(args), resilient_parsing=False)
        name, cmd, rest = group.resolve_command(ctx, pending_words(ctx))
        if cmd is None or name is None:
            return False
        sub = cmd.make_context(name, list(rest), parent=ctx)
        if isinstance(cmd, click.Group) and pending_words(sub):
            cmd.resolve_command(sub, pending_words(sub))
    except click.exceptions.Exit:
        return True  # --help, --version
    except click.ClickException:
        return False
    return True


def _named() -> list[tuple[str, str, str]]:
    found = []
    for file in sorted(DATA.glob("*.toml")):
        paths, commands = references(file.read_text(encoding="utf-8"))
        found += [(file.name, "path", p) for p in paths]
        found += [(file.name, "command", c) for c in commands]
    return found


NAMED = _named()


def test_the_data_files_name_modules_and_commands() -> None:
    kinds = {kind for _, kind, _ in NAMED}
    assert kinds == {"path", "command"}, NAMED
    assert len({name for name, _, _ in NAMED}) >= 4  # several files point at their readers


@pytest.mark.parametrize(("file", "kind", "name"), NAMED)
def test_what_a_data_file_names_exists(file: str, kind: str, name: str) -> None:
    if kind == "path":
        assert path_exists(name), f"{file} names {name}, which is not a file of the repository"
    else:
        assert command_parses(name), f"{file} names `{name}`, which is not a command line"


def test_the_checks_catch_what_does_not_exist() -> None:
    text = (
        "# read by pipeline/nowhere.py and altnotes/errors.py; try `altnotes nosuchcommand`,\n"
        "# `altnotes --kb my.toml` or `altnotes kb check my.toml`\n"
        'name = "a # not a comment: gone/away.py"  # see knowledge/schemas.py\n'
        "# models altnotes.knowledge.schemas.Lexicon and altnotes.kb.Lexicon\n"
    )
    paths, commands = references(text)
    assert paths == [
        "pipeline/nowhere.py",
        "altnotes/errors.py",
        "knowledge/schemas.py",
        "altnotes.knowledge.schemas.Lexicon",
        "altnotes.kb.Lexicon",
    ]
    assert [path_exists(p) for p in paths] == [False, True, True, True, False]
    assert commands == [
        "altnotes nosuchcommand",
        "altnotes --kb my.toml",
        "altnotes kb check my.toml",
    ]
    assert [command_parses(c) for c in commands] == [False, False, True]


def test_path_resolution_does_not_accept_folders() -> None:
    assert not path_exists("altnotes/pipeline")
    assert path_exists("eras.toml")  # beside the data file that names it
