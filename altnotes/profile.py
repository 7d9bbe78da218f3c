"""`altnotes show`: one entity's names, mentions in context, events and company it keeps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, Field

from .entities import aggregate
from .kb import KB
from .models import DocExtraction, Entity, Event, Mention
from .names import fold


class Related(BaseModel):
    name: str
    type: str
    sentences: int = Field(description="sentences in which both are mentioned")


class Profile(BaseModel):
    entity: Entity
    mentions: list[Mention]
    events: list[Event]
    related: list[Related]


def _find(name: str, entities: Sequence[Entity], kb: Callable[[], KB]) -> Entity | None:
    """By canonical name, then by a name seen in the text, then by any KB alias."""
    key = fold(name)
    for e in entities:
        if fold(e.name) == key:
            return e
    matches = [e for e in entities if any(fold(a) == key for a in e.aliases)]
    if matches:
        return max(matches, key=lambda e: e.mentions)
    entry = kb().lookup(name)
    if entry is not None:
        for e in entities:
            if e.name == entry.name:
                return e
    return None


def build_profile(name: str, exts: Sequence[DocExtraction], kb: Callable[[], KB]) -> Profile | None:
    """``kb`` loads the knowledge base, only if the name is not found otherwise."""
    entities = aggregate(exts, ("PERSON", "ORG"))
    entity = _find(name, entities, kb)
    if entity is None:
        return None
    mentions = [m for e in exts for m in e.mentions if m.entity == entity.name]
    sentences = {(m.document, m.sentence) for m in mentions}
    related: Counter[tuple[str, str]] = Counter()
    for ext in exts:
        seen = set()
        for m in ext.mentions:
            if (
                m.type in ("PERSON", "ORG")
                and m.entity
                and m.entity != entity.name
                and (m.document, m.sentence) in sentences
                and (m.sentence, m.entity) not in seen
            ):
                seen.add((m.sentence, m.entity))
                related[(m.entity, m.type)] += 1
    field = "people" if entity.type == "PERSON" else "organizations"
    events = [ev for e in exts for ev in e.events if entity.name in getattr(ev, field)]
    from .timeline import sort_events

    return Profile(
        entity=entity,
        mentions=mentions,
        events=sort_events(events),
        related=[Related(name=n, type=t, sentences=c) for (n, t), c in related.most_common(20)],
    )


def print_profile(profile: Profile, console: Any, limit: int | None) -> None:
    from rich import box
    from rich.table import Table

    e = profile.entity
    console.print(
        f"[bold]{e.name}[/bold]  ({e.type}, {e.mentions} mentions in {len(e.documents)} documents)"
    )
    if e.aliases:
        console.print("names:  " + ", ".join(e.aliases))
    if e.roles:
        console.print("roles:  " + ", ".join(e.roles))
    if e.affiliations:
        console.print("affiliations:  " + ", ".join(e.affiliations))
    n = limit if limit is not None else len(profile.mentions)
    table = Table(title="Mentions in context", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("document")
    table.add_column("sentence", overflow="fold")
    for m in profile.mentions[:n]:
        s = m.sentence
        table.add_row(m.document, s)
    console.print(table)
    if profile.events:
        ev_table = Table(title="Events", title_justify="left", box=box.SIMPLE_HEAD)
        for col in ("date", "type", "trigger", "with"):
            ev_table.add_column(col)
        for ev in profile.events[:n]:
            others = [x for x in ev.people + ev.organizations if x != e.name]
            ev_table.add_row(ev.date or ev.date_text, ev.type, ev.trigger, ", ".join(others))
        console.print(ev_table)
    if profile.related:
        console.print(
            "appears with:  " + ", ".join(f"{r.name} ({r.sentences})" for r in profile.related[:n])
        )
