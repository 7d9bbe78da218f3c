"""Sentences → dated events with a trigger and participants.

Each date is attached, through the dependency parse, to the predicate it modifies; the
event's participants are the linked people and organizations in that predicate's clause
(else in the sentence). One event per predicate, whatever the number of dates on it.
Trigger words and event types are data (``data/triggers.toml``). Knows nothing of output.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from .mentions import Candidate
from .models import DateRecord, Event
from .nlp import Parsed, Token

TRIGGERS_FILE = Path(__file__).resolve().parent.parent / "data" / "triggers.toml"


class TriggerLexicon(BaseModel):
    model_config = ConfigDict(extra="forbid")

    light: list[str] = []
    types: dict[str, list[str]]

    def type_of(self, lemma: str) -> str | None:
        return self._index().get(lemma.casefold())

    def _index(self) -> dict[str, str]:
        return _index(tuple((t, tuple(words)) for t, words in self.types.items()))


@lru_cache(maxsize=4)
def _index(types: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, str]:
    index: dict[str, str] = {}
    for etype, words in types:
        for word in words:
            index.setdefault(word.casefold(), etype)
    return index


@lru_cache(maxsize=1)
def load_triggers(path: Path = TRIGGERS_FILE) -> TriggerLexicon:
    with path.open("rb") as fh:
        return TriggerLexicon.model_validate(tomllib.load(fh))


@dataclass(frozen=True)
class _Predicate:
    token: Token
    trigger: str
    type: str


def _is_predicate(tok: Token) -> bool:
    return tok.pos in ("VERB", "ADJ") or "サ変可能" in tok.tag or tok.dep == "ROOT"


def _predicate_for(
    toks: list[Token], span: tuple[int, int], triggers: TriggerLexicon
) -> _Predicate | None:
    inside = [t for t in toks if t.start < span[1] and t.end > span[0]]
    if not inside:
        return None
    ids = {t.i for t in inside}
    by_i = {t.i: t for t in toks}
    head = next((t for t in inside if t.head not in ids or t.head == t.i), inside[-1])
    seen = set(ids)
    cur = head
    while cur.head != cur.i and cur.head in by_i and cur.head not in seen:
        cur = by_i[cur.head]
        seen.add(cur.i)
        if _is_predicate(cur):
            break
    if cur.i in ids:
        return None
    etype = triggers.type_of(cur.lemma)
    if etype is None or cur.lemma in triggers.light:
        # 解任を発表, 退社発表: the object or compounded noun says what happened
        for t in toks:
            if t.head == cur.i and t.dep in ("obj", "compound", "nsubj") and t.i not in ids:
                inner = triggers.type_of(t.lemma)
                if inner is not None and t.lemma not in triggers.light:
                    return _Predicate(cur, t.lemma, inner)
    return _Predicate(cur, cur.lemma, etype or "other")


def _subtree(toks: list[Token], root: Token) -> tuple[int, int]:
    """Character extent of the predicate's clause (tokens whose heads lead to it)."""
    by_i = {t.i: t for t in toks}
    members = []
    for t in toks:
        cur, hops = t, 0
        while cur.i != root.i and cur.head != cur.i and cur.head in by_i and hops < 50:
            cur, hops = by_i[cur.head], hops + 1
        if cur.i == root.i:
            members.append(t)
    return (min(t.start for t in members), max(t.end for t in members))


def find_events(
    doc_id: str,
    parsed: Parsed,
    dates: list[DateRecord],
    mentions: list[Candidate],
    triggers: TriggerLexicon,
) -> list[Event]:
    events: list[Event] = []
    by_predicate: dict[int, Event] = {}
    for d in dates:
        sent = parsed.sentence_at(d.start)
        if sent is None:
            continue
        toks = parsed.tokens_between(sent[0], sent[1])
        pred = _predicate_for(toks, (d.start, d.end), triggers)
        if pred is None or pred.token.i in by_predicate:
            continue
        clause = _subtree(toks, pred.token)
        parts = [m for m in mentions if clause[0] <= m.start and m.end <= clause[1]]
        if not any(m.type in ("PERSON", "ORG") for m in parts):
            parts = [m for m in mentions if sent[0] <= m.start and m.end <= sent[1]]
        people = _unique(m.entity for m in parts if m.type == "PERSON" and m.entity)
        orgs = _unique(m.entity for m in parts if m.type == "ORG" and m.entity)
        if pred.type == "other" and not (people or orgs):
            continue  # a date on a word like こと or ある, with nobody taking part
        event = Event(
            document=doc_id,
            date=d.value,
            date_text=d.text,
            trigger=pred.trigger,
            type=pred.type,
            text=parsed.text[sent[0] : sent[1]].strip(),
            people=people,
            organizations=orgs,
            products=_unique(m.entity or m.text for m in parts if m.type == "PRODUCT"),
            start=d.start,
            end=d.end,
        )
        by_predicate[pred.token.i] = event
        events.append(event)
    return events


def _unique(items: object) -> list[str]:
    out: list[str] = []
    for item in items:  # type: ignore[attr-defined]
        if item not in out:
            out.append(item)
    return out
