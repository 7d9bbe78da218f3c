"""Aggregating mentions over a corpus into one record per person or organization.

Needs nothing but the records: no knowledge base, no spaCy. This is the fast path of
`altnotes people` over a cached corpus.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..records import DocExtraction, Entity
from ..knowledge.names import FUZZY_THRESHOLD, fold, name_parts, name_similarity
from ..knowledge.shortnames import ShortNames


def aggregate(
    extractions: Iterable[DocExtraction],
    types: tuple[str, ...],
    make: Callable[..., Any] | None = None,
) -> list[Entity]:
    """One Entity per canonical name over all documents, most mentioned first.

    Works from the records alone (each mention says whether its entity is in the
    knowledge base), so a query over cached extractions never loads the KB. ``make``
    builds each record from Entity's fields, in Entity's order (default:
    Entity.model_construct; the fast path passes lite.Rec)."""
    if make is None:
        from ..records import Entity

        make = Entity.model_construct
    groups = group_mentions(extractions, types)
    merge_groups(groups)
    out = []
    for (etype, name), g in groups.items():
        out.append(
            make(  # the values are built here, of the right types
                name=name,
                type=etype,  # type: ignore[arg-type]
                aliases=[a for a, _ in g["aliases"].most_common()],
                mentions=g["n"],
                documents=g["docs"],
                roles=[r for r, _ in g["roles"].most_common()],
                affiliations=[a for a, _ in g["affs"].most_common()],
                wikidata=g["wikidata"],
                in_kb=g["in_kb"],
            )
        )
    out.sort(key=lambda e: (-e.mentions, e.name))
    return out


Key = tuple[str, str]  # (type, entity name as a document's linking gave it)


def group_mentions(extractions: Iterable[DocExtraction], types: tuple[str, ...] | None) -> dict:
    """The mentions of ``types`` (every type when None) grouped by (type, entity)."""
    groups: dict[Key, dict] = {}
    for ext in extractions:
        for m in ext.mentions:
            if (types is not None and m.type not in types) or not m.entity:
                continue
            g = groups.setdefault(
                (m.type, m.entity),
                {
                    "aliases": Counter(),
                    "docs": [],
                    "roles": Counter(),
                    "affs": Counter(),
                    "n": 0,
                    "in_kb": False,
                    "wikidata": None,
                },
            )
            g["in_kb"] = g["in_kb"] or m.in_kb
            g["wikidata"] = g["wikidata"] or m.wikidata
            g["n"] += 1
            g["aliases"][m.text] += 1
            if m.document not in g["docs"]:
                g["docs"].append(m.document)
            g["roles"].update(m.roles)
            g["affs"].update(m.affiliations)
    return groups


def merge_groups(groups: dict[Key, dict]) -> dict[Key, Key]:
    """Merge, in place, the groups that name one entity across documents (spellings of
    an unknown name, then short names); what went where, each to its final group."""
    moved = _merge_unknown_variants(groups)
    moved.update(_merge_short_names(groups))
    final: dict[Key, Key] = {}
    for src in moved:
        dst = moved[src]
        while dst in moved:  # a group merged into one that was merged further
            dst = moved[dst]
        final[src] = dst
    return final


def _merge_short_names(groups: dict[Key, dict]) -> dict[Key, Key]:
    """A one-word person name (アルトマン, ブラッド, 大谷) whose document did not name the
    person in full is merged into the one person of the corpus that has it as a part of
    a name seen: a given or family name split by a separator (サム・アルトマン), or the
    start or end of a name written in kanji without one (大谷翔平). Never when two people
    of the corpus share that part."""
    names: ShortNames[Key] = ShortNames()
    for key, g in groups.items():
        if key[0] == "PERSON":
            for alias in (key[1], *g["aliases"]):
                names.add_written(key, alias)
    moved: dict[Key, Key] = {}
    for key in [k for k in groups if k[0] == "PERSON"]:
        if key not in groups or groups[key]["in_kb"] or len(name_parts(key[1])) != 1:
            continue
        found = names.owners(key[1])
        found.discard(key)
        if len(found) != 1:
            continue
        (dst,) = found
        if dst not in groups:
            continue
        _absorb(groups[dst], groups.pop(key))
        moved[key] = dst
    return moved


def _absorb(g: dict, s: dict) -> None:
    g["n"] += s["n"]
    g["aliases"].update(s["aliases"])
    g["docs"].extend(d for d in s["docs"] if d not in g["docs"])
    g["roles"].update(s["roles"])
    g["affs"].update(s["affs"])


def _merge_unknown_variants(groups: dict[Key, dict]) -> dict[Key, Key]:
    """Merge groups of names the KB does not know when they are spellings of one name
    (same folded key, or multi-part names above the similarity threshold); the group with
    more mentions (then the longer name) gives the canonical name."""
    names = sorted(
        (k for k in groups if not groups[k]["in_kb"]),
        key=lambda k: (-groups[k]["n"], -len(k[1])),
    )
    target: dict[tuple[str, str], tuple[str, str]] = {}
    for i, k in enumerate(names):
        if k in target:
            continue
        for other in names[i + 1 :]:
            if other in target or other[0] != k[0]:
                continue
            same = fold(other[1]) == fold(k[1])
            if not same and k[0] == "PERSON":
                same = name_similarity(k[1], other[1]) >= FUZZY_THRESHOLD
            if same:
                target[other] = k
    merged: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for src, dst in target.items():
        merged[dst].append(src)
    for dst, srcs in merged.items():
        for src in srcs:
            _absorb(groups[dst], groups.pop(src))
    return target
