"""`altnotes show`: its JSON, products and knowledge-base entries, counts."""

from __future__ import annotations

from altnotes.errors import ExitStatus

from .helpers import load_json, one_line_error, run_cli


def test_show_json_is_an_object(cached_env: dict[str, str]) -> None:
    proc = run_cli(["show", "Mira Murati", "--json"], env=cached_env)
    assert isinstance(load_json(proc.stdout), dict)


def test_show_a_product_and_a_kb_entry_that_is_not_in_the_documents(cached_env) -> None:
    proc = run_cli(["show", "ChatGPT", "--json"], env=cached_env)
    assert proc.returncode == ExitStatus.OK, proc.stderr.decode()
    profile = load_json(proc.stdout)
    assert isinstance(profile, dict)
    assert profile["entity"]["type"] == "PRODUCT" and profile["events"]
    absent = run_cli(["show", "Demis Hassabis"], env=cached_env)
    assert absent.returncode == ExitStatus.FAILURE
    assert "in the knowledge base but not in these documents" in one_line_error(absent)


def test_show_counts_in_the_singular(cached_env: dict[str, str]) -> None:
    proc = run_cli(["show", "Bob McGrew"], env=cached_env)
    assert proc.returncode == ExitStatus.OK, proc.stderr.decode()
    assert "1 mention in 1 document)" in proc.stdout.decode()
