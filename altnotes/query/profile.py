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


# the kinds of entity `show` profiles, and the event field that lists each
SHOWN_TYPES = ("PERSON", "ORG", "PRODUCT", "GPE", "TERM")
EVENT_FIELDS = {"PERSON": "people", "ORG": "organizations", "PRODUCT": "products"}


def find_entity(
    name: str, entities: Sequence[Any], kb: Callable[[], KB], types: Sequence[str] | None = None
) -> Any | None:
    """By canonical name, then by a name seen in the text, then by any KB alias; only
    entities of ``types`` when given."""
    if types is not None:
        entities = [e for e in entities if e.type in types]
    key = fold(name)
    if not key:
        return None
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


# how alike (difflib's ratio of the folded names) a name must be to be suggested: a typo
# or another spelling (アルトマソ/アルトマン 0.8, Mira Murat/Mira Murati 0.95) is; two
# names that share a syllable or two (ノーバディ/ケネディ, Sam/Slack: 0.5) are not
CLOSE = 0.75


def close_names(name: str, entities: Sequence[Any], n: int = 5) -> list[str]:
    """Canonical names of the entities with a name (canonical or seen) close to ``name``:
    at least CLOSE alike, or beginning or ending with it (Sam of Sam Altman); the closest
    first, none when no name is close."""
    import difflib

    key = fold(name)
    if not key:
        return []
    owner: dict[str, str] = {}
    for e in entities:
        for alias in (e.name, *e.aliases):
            owner.setdefault(fold(alias), e.name)
    alike = difflib.get_close_matches(key, list(owner), n=3 * n, cutoff=CLOSE)
    part = [
        k for k in owner if len(key) > 1 and k != key and (k.startswith(key) or k.endswith(key))
    ]
    out: list[str] = []
    for k in alike + sorted(part, key=len):
        if owner[k] not in out:
            out.append(owner[k])
    return out[:n]


def build_profile(name: str, exts: Sequence[Any], kb: Callable[[], KB]) -> Profile | None:
    """``kb`` loads the knowledge base, only if the name is not found otherwise."""
    entities = aggregate(exts, SHOWN_TYPES, make=Rec)
    entity = find_entity(name, entities, kb)
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
    field = EVENT_FIELDS.get(entity.type)
    events = [ev for e in exts for ev in e.events if field and entity.name in getattr(ev, field)]
    from .timeline import sort_events

    return Rec(
        entity=entity,
        mentions=[Rec(plain(m)) for m in mentions],
        events=[Rec(plain(ev)) for ev in sort_events(events)],
        related=[Rec(name=n, type=t, sentences=c) for (n, t), c in related.most_common(20)],
    )


def person_named(name: str, exts: Sequence[Any], kb: Callable[[], KB]) -> str:
    """The canonical name of the person ``name`` names, by any name `show` takes (a
    person of the knowledge base in none of these documents keeps its name: no events).
    A usage error when it names no person: another kind of entity, or nobody (with the
    names close to it)."""
    from ..errors import UsageError

    people = aggregate(exts, ("PERSON",), make=Rec)
    found = find_entity(name, people, kb)
    if found is not None:
        return str(found.name)
    entry = kb().lookup(name)
    if entry is not None and entry.type == "PERSON":
        return str(entry.name)
    other = find_entity(name, aggregate(exts, SHOWN_TYPES, make=Rec), kb)
    if other is not None:
        raise UsageError(f"{name!r} is {other.name} ({other.type}), not a person")
    close = close_names(name, people)
    hint = f"; close: {', '.join(close)}" if close else ""
    raise UsageError(f"no person named {name!r} in these documents or the knowledge base{hint}")


def not_found(name: str, exts: Sequence[Any], kb: Callable[[], KB]) -> str:
    """Why `show` has no profile for ``name``: known but absent, or the names close to it."""
    entry = kb().lookup(name)
    if entry is not None:
        return f"{entry.name} ({entry.type}) is in the knowledge base but not in these documents"
    close = close_names(name, aggregate(exts, SHOWN_TYPES, make=Rec))
    hint = f"; close: {', '.join(close)}" if close else ""
    return f"no entity named {name!r} in these documents{hint}"
