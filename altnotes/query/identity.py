"""Who a name refers to across a corpus: the canonical-name map, built once per query.

Linking (pipeline/linking.py) decides identity inside a document; the cache keeps each
document's records as linked then. A corpus can say more: 大谷 alone in one article is
大谷翔平, named in full in another (query/entities.py merges such groups). ``resolve``
builds that map once over the extractions of a query and rewrites every mention's
entity and every event's participants through it, so that every command (people, orgs,
events --person, show, dates, report, export) sees one name for one entity.

Stdlib only: the fast path of a cached query.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .entities import Key, group_mentions, merge_groups

# which mention type the names of each event field are
EVENT_FIELDS = {"people": "PERSON", "organizations": "ORG", "products": "PRODUCT"}


class Identities:
    """The canonical name of every (type, entity) of a corpus, and what it knows of it."""

    def __init__(self, extractions: Iterable[Any]) -> None:
        groups = group_mentions(extractions, None)
        moved = merge_groups(groups)
        self._to: dict[Key, Key] = moved
        # what the canonical entity's own mentions say of the knowledge base
        self._known = {key: (g["in_kb"], g["wikidata"]) for key, g in groups.items()}

    def canonical(self, etype: str, name: str) -> str:
        """The name the corpus gives the entity a document linked as ``name``."""
        return self._to.get((etype, name), (etype, name))[1]

    def merged(self) -> dict[Key, Key]:
        """Every (type, name) that another name stands for: {merged: canonical}."""
        return dict(self._to)

    def apply(self, extractions: Sequence[Any]) -> None:
        """Rewrite the records, in place: mentions' entity (with in_kb and wikidata of
        the entity it now names), events' people, organizations and products."""
        if not self._to:
            return
        for ext in extractions:
            for m in ext.mentions:
                dst = self._to.get((m.type, m.entity)) if m.entity else None
                if dst is not None:
                    in_kb, wikidata = self._known[dst]
                    _set(m, entity=dst[1], in_kb=in_kb, wikidata=wikidata)
            for ev in ext.events:
                for field, etype in EVENT_FIELDS.items():
                    names = getattr(ev, field)
                    new = list(dict.fromkeys(self.canonical(etype, n) for n in names))
                    if new != names:
                        _set(ev, **{field: new})


def resolve(extractions: Sequence[Any]) -> Sequence[Any]:
    """The extractions with every name read through the corpus's canonical-name map."""
    Identities(extractions).apply(extractions)
    return extractions


def _set(record: Any, **fields: Any) -> None:
    for name, value in fields.items():
        if isinstance(record, dict):  # a lite.Rec
            record[name] = value
        else:
            setattr(record, name, value)
