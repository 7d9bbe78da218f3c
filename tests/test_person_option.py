"""`events --person` takes every name `show` takes; an unknown one is a usage error
that names the close ones."""

from __future__ import annotations

from typing import Any

from altnotes.errors import ExitStatus

from .helpers import load_json, one_line_error, run_cli


def _events(args: list[str], env_: dict[str, str]) -> list[dict[str, Any]]:
    proc = run_cli(["events", "--json", *args], env=env_)
    assert proc.returncode == ExitStatus.OK, proc.stderr.decode()
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
    assert proc.returncode == ExitStatus.USAGE
    assert "close: Sam Altman" in one_line_error(proc)
    org = run_cli(["events", "--person", "OpenAI"], env=cached_env)
    assert org.returncode == ExitStatus.USAGE and "not a person" in one_line_error(org)
