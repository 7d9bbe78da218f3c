"""One identity for one entity in every command: the corpus's canonical-name map
(query/identity.py) is built once and every command reads through it.

The corpus: one article names 大谷翔平 in full, another only as 大谷. Across the corpus
大谷 is 大谷翔平 (query/entities.py merges the short name), so every command must give
the same person, events, mentions and rows by either name. The cache is filled by the
real pipeline over a stand-in parse (Sudachi-like name tags, an NER span per name, each
sentence's verb as its head): no model.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from altnotes.errors import ExitStatus
from altnotes.pipeline.nlp import Parsed, Token

from .helpers import FakeEngine, load_json, run_cli

FULL = "大谷翔平は2018年にエンゼルスへ移籍した。大谷翔平は2021年にMVPを受賞した。\n"
SHORT = "大谷は2023年12月にドジャースへ移籍した。\n"
NAMES = {"大谷": "名詞-固有名詞-人名-姓", "翔平": "名詞-固有名詞-人名-名"}
VERBS = ("移籍", "受賞")
_TOKEN = re.compile(r"大谷|翔平|[ァ-ヴー・]+|[一-龥々]+|[ぁ-ん]+|[A-Za-z0-9]+|\S")


def name_parse(text: str) -> Parsed:
    """Tokens by script, name tags for 大谷 and 翔平, a PERSON span per name, sentences at
    。 with every token's head the sentence's verb."""
    words = list(_TOKEN.finditer(text))
    sents = [(m.start(), m.end()) for m in re.finditer(r"[^。\n]+。?", text)]
    tokens: list[Token] = []
    for s, e in sents:
        inside = [(i, m) for i, m in enumerate(words) if s <= m.start() and m.end() <= e]
        verb = next((i for i, m in inside if m.group() in VERBS), inside[-1][0])
        for i, m in inside:
            w = m.group()
            pos = "PROPN" if w in NAMES else "VERB" if w in VERBS else "NOUN"
            tag = NAMES.get(w, "名詞-普通名詞-一般")
            dep = "ROOT" if i == verb else "obl"
            tokens.append(Token(i, m.start(), m.end(), w, w, pos, tag, dep, verb))
    ents = [(m.start(), m.end(), "PERSON") for m in re.finditer("大谷翔平|大谷", text)]
    return Parsed(text=text, tokens=tokens, sents=sents, ents=ents)


class NameEngine(FakeEngine):
    """The engine interface (nlp.Engine) over name_parse."""

    parse = staticmethod(name_parse)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    import os

    from altnotes.pipeline.extract import Settings, extract

    root = tmp_path_factory.mktemp("identity")
    folder, cache = root / "docs", root / "cache"
    folder.mkdir()
    (folder / "full.txt").write_text(FULL, encoding="utf-8")
    (folder / "short.txt").write_text(SHORT, encoding="utf-8")
    exts = extract([str(folder)], Settings(cache_dir=cache), engine=NameEngine)
    # the premise: each document linked its own name; only the corpus says they are one
    linked = {m.entity for e in exts for m in e.mentions if m.type == "PERSON"}
    assert linked == {"大谷翔平", "大谷"}
    return folder, {**os.environ, "ALTNOTES_CACHE_DIR": str(cache)}


def cli_json(args: list[str], env: dict[str, str]) -> Any:
    proc = run_cli([*args, "--json"], env=env)
    assert proc.returncode == ExitStatus.OK, proc.stderr.decode()
    return load_json(proc.stdout)


def test_people_has_one_row_for_both_names(corpus) -> None:
    folder, env = corpus
    people = cli_json(["people", str(folder)], env)
    assert [(p["name"], p["mentions"], sorted(p["aliases"])) for p in people] == [
        ("大谷翔平", 3, ["大谷", "大谷翔平"])
    ]


@pytest.mark.parametrize("name", ["大谷", "大谷翔平"])
def test_events_by_either_name_are_all_of_the_persons_events(corpus, name: str) -> None:
    folder, env = corpus
    events = cli_json(["events", str(folder), "--person", name], env)
    assert sorted((e["date"], e["type"]) for e in events) == [
        ("2018", "joining"),
        ("2021", "award"),
        ("2023-12", "joining"),
    ]
    assert all(e["people"] == ["大谷翔平"] for e in events)


@pytest.mark.parametrize("name", ["大谷", "大谷翔平"])
def test_show_by_either_name_lists_every_mention_and_event(corpus, name: str) -> None:
    folder, env = corpus
    profile = cli_json(["show", name, str(folder)], env)
    assert profile["entity"]["name"] == "大谷翔平"
    assert sorted(m["text"] for m in profile["mentions"]) == ["大谷", "大谷翔平", "大谷翔平"]
    assert [e["date"] for e in profile["events"]] == ["2018", "2021", "2023-12"]


def test_mentions_and_events_name_the_canonical_entity(corpus) -> None:
    folder, env = corpus
    mentions = cli_json(["mentions", str(folder), "--type", "PERSON"], env)
    assert {(m["text"], m["entity"]) for m in mentions} == {
        ("大谷", "大谷翔平"),
        ("大谷翔平", "大谷翔平"),
    }
    events = cli_json(["events", str(folder)], env)
    assert {p for e in events for p in e["people"]} == {"大谷翔平"}


def test_export_links_every_mention_and_event_to_one_entity(corpus, tmp_path: Path) -> None:
    folder, env = corpus
    db = tmp_path / "notes.db"
    proc = run_cli(["export", str(folder), "--sqlite", str(db)], env=env)
    assert proc.returncode == ExitStatus.OK, proc.stderr.decode()
    with sqlite3.connect(db) as conn:
        people = conn.execute("select id from entities where type = 'PERSON'").fetchall()
        mention_ids = conn.execute(
            "select distinct entity_id from mentions where type = 'PERSON'"
        ).fetchall()
        participants = conn.execute(
            "select count(distinct event), group_concat(distinct entity) "
            "from event_participants where role = 'people'"
        ).fetchone()
    assert people == [("PERSON:大谷翔平",)]
    assert mention_ids == [("PERSON:大谷翔平",)]
    assert participants == (3, "PERSON:大谷翔平")


def test_the_report_has_one_entity_for_both_names(corpus, tmp_path: Path) -> None:
    folder, env = corpus
    page = tmp_path / "report.html"
    proc = run_cli(["report", str(folder), "--output", str(page)], env=env)
    assert proc.returncode == ExitStatus.OK, proc.stderr.decode()
    html = page.read_text(encoding="utf-8")
    assert html.count('class="entity-section"') == 1
    assert "<strong>大谷翔平</strong> (person, 3 mentions)" in html
