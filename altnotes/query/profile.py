"""`altnotes show`: one entity's names, mentions in context, events and company it keeps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..knowledge.names import fold
from ..lite import Rec, plain
from .entities import aggregate

if TYPE_CHECKING:
    from ..knowledge.kb import KB

# A profile is plain data (no pydantic on the query path): a Rec with
#   entity    the entity record, as `people --json` gives it
#   mentions  its mention records
#   events    the events it takes part in, on a timeline
#   related   [{name, type, sentences}]: who is mentioned in the same sentences, how often
Profile = Rec


def _find(name: str, entities: Sequence[Any], kb: Callable[[], KB]) -> Any | None:
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


def build_profile(name: str, exts: Sequence[Any], kb: Callable[[], KB]) -> Profile | None:
    """``kb`` loads the knowledge base, only if the name is not found otherwise."""
    entities = aggregate(exts, ("PERSON", "ORG"), make=Rec)
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

    return Rec(
        entity=entity,
        mentions=[Rec(plain(m)) for m in mentions],
        events=[Rec(plain(ev)) for ev in sort_events(events)],
        related=[Rec(name=n, type=t, sentences=c) for (n, t), c in related.most_common(20)],
    )
