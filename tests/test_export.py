"""`altnotes export --sqlite`: the database of the cached bundled corpus against the
listing commands' --json output; exporting a grown folder again upserts."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from altnotes.errors import ExitStatus

from .conftest import CORPUS
from .helpers import load_json, run_cli


def _json(args: list[str], env: dict[str, str]) -> list[dict]:
    result = run_cli([*args, "--json"], env=env)
    assert result.returncode == ExitStatus.OK, result.stderr.decode()
    data = load_json(result.stdout)
    assert isinstance(data, list)
    return data


def _export(paths: list[str], db: Path, env: dict[str, str]) -> None:
    result = run_cli(["export", *paths, "--sqlite", str(db)], env=env)
    assert result.returncode == ExitStatus.OK, result.stderr.decode()
    assert str(db) in result.stderr.decode() and result.stdout == b""


def _count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"select count(*) from {table}").fetchone()[0])


def test_export_matches_the_json_outputs(tmp_path: Path, cached_env: dict[str, str]) -> None:
    db = tmp_path / "notes.db"
    _export([], db, cached_env)
    conn = sqlite3.connect(db)
    assert _count(conn, "documents") == len(_json(["documents"], cached_env))
    assert _count(conn, "mentions") == len(_json(["mentions"], cached_env))
    assert _count(conn, "dates") == len(_json(["dates"], cached_env))
    assert _count(conn, "events") == len(_json(["events", "--undated"], cached_env))
    people = _json(["people"], cached_env)
    assert _count(conn, "people") == len(people)
    assert _count(conn, "organizations") == len(_json(["orgs"], cached_env))
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    row = conn.execute("select mentions, wikidata from people where name = 'Sam Altman'")
    assert row.fetchone() == (people[0]["mentions"], "Q7407093")
    # participants link events to entities; full-text search finds sentences
    assert _count(conn, "event_participants") > 0
    hits = conn.execute(
        "select count(*) from mentions_fts where mentions_fts match ?", ["アルトマン"]
    )
    assert hits.fetchone()[0] > 0
    assert (
        conn.execute(
            "select count(*) from events_fts where events_fts match ?", ["OpenAI"]
        ).fetchone()[0]
        > 0
    )


def test_export_again_on_a_grown_folder_upserts(tmp_path: Path, cached_env: dict[str, str]) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    files = sorted(CORPUS.glob("*.txt"))
    for f in files[:2]:
        shutil.copy(f, folder / f.name)
    db = tmp_path / "notes.db"
    _export([str(folder)], db, cached_env)
    first = sqlite3.connect(db)
    assert _count(first, "documents") == 2
    small = {t: _count(first, t) for t in ("mentions", "dates", "events")}
    first.close()
    for f in files[2:]:
        shutil.copy(f, folder / f.name)
    _export([str(folder)], db, cached_env)
    _export([str(folder)], db, cached_env)  # and once more: nothing changes
    fresh = tmp_path / "fresh.db"
    _export([str(folder)], fresh, cached_env)
    grown, whole = sqlite3.connect(db), sqlite3.connect(fresh)
    for table in ("documents", "mentions", "dates", "events", "event_participants"):
        assert _count(grown, table) == _count(whole, table), table
    for table, n in small.items():
        assert _count(grown, table) > n
    assert _count(grown, "documents") == len(files)
    assert grown.execute("PRAGMA foreign_key_check").fetchall() == []
    keys = grown.execute(
        "select count(*) from (select document, start, end from mentions group by 1, 2, 3)"
    )
    assert keys.fetchone()[0] == _count(grown, "mentions")
