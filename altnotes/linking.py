"""Mentions → canonical entities.

Inside a document: knowledge-base aliases (exact on folded spelling, then by similarity for
transliteration variants), short names to the full name they stand for, given names to the
knowledge-base person whose organizations the document mentions. Across documents: people
the knowledge base does not know are merged when their names are variants of each other.
Knows nothing of output.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from .kb import KB, fold, index_parts, name_parts, name_similarity, short_name_owners
from .mentions import Candidate
from .models import DocExtraction, Entity

# Whole-name similarity (kb.name_similarity: the better of folded-katakana and romaji
# difflib ratios, with given and family names checked apart) at or above which two
# multi-part names are taken as one person. Measured on the pairs in tests/test_linking.py:
# 16 of 17 true transliteration variants score >= 0.83 (ヤン・レイキ/ライケ: 0.75), and
# distinct people sharing a given or family name score <= 0.78 (ビル・ゲイツ/ゲーリー).
FUZZY_THRESHOLD = 0.8


def link_document(cands: list[Candidate], kb: KB, org_suffixes: Sequence[str] = ()) -> None:
    """Set ``entity`` on every PERSON and ORG candidate of one document, in place.

    ``org_suffixes``: words that end organization names (校, 社, Inc); an unknown
    organization is linked to the one known organization it names without its suffix."""
    people = [c for c in cands if c.type == "PERSON"]
    # 1. full names: knowledge base exact, then fuzzy; else as written
    for c in people:
        if c.entity is None and len(name_parts(c.text)) >= 2:
            entry = kb.fuzzy_person(c.text, FUZZY_THRESHOLD)
            c.entity = entry.name if entry else _clean(c.text)
    full = [c for c in people if c.entity and len(name_parts(c.text)) >= 2]
    index = index_parts(c.text for c in full)
    entity_of = {c.text: c.entity for c in full}
    doc_orgs = {c.entity for c in cands if c.type == "ORG" and c.entity}
    doc_people = {c.entity for c in full}
    # 2. short names: the full name in this document, else the KB person in context
    for c in people:
        if c.entity is not None:
            continue
        owners = {entity_of[o] for o in short_name_owners(c.text, index)}
        if len(owners) == 1:
            c.entity = owners.pop()
            continue
        if not owners:
            in_context = [
                n
                for n in kb.people_with_part(c.text)
                if n in doc_people or doc_orgs.intersection(kb.entries[n].affiliations)
            ]
            if len(in_context) == 1:
                c.entity = in_context[0]
                continue
        c.entity = _clean(c.text)  # not enough evidence: keep the name as written
    for c in cands:
        if c.type == "ORG" and c.entity is None:
            entry = kb.lookup_org_stem(c.text, tuple(org_suffixes))
            c.entity = entry.name if entry else _clean(c.text)


def _clean(text: str) -> str:
    return " ".join(text.split())


def aggregate(extractions: Iterable[DocExtraction], kb: KB, types: tuple[str, ...]) -> list[Entity]:
    """One Entity per canonical name over all documents, most mentioned first."""
    groups: dict[tuple[str, str], dict] = {}
    for ext in extractions:
        for m in ext.mentions:
            if m.type not in types or not m.entity:
                continue
            g = groups.setdefault(
                (m.type, m.entity),
                {"aliases": Counter(), "docs": [], "roles": Counter(), "affs": Counter(), "n": 0},
            )
            g["n"] += 1
            g["aliases"][m.text] += 1
            if m.document not in g["docs"]:
                g["docs"].append(m.document)
            g["roles"].update(m.roles)
            g["affs"].update(m.affiliations)
    _merge_unknown_variants(groups, kb)
    out = []
    for (etype, name), g in groups.items():
        entry = kb.get(name)
        out.append(
            Entity(
                name=name,
                type=etype,  # type: ignore[arg-type]
                aliases=[a for a, _ in g["aliases"].most_common()],
                mentions=g["n"],
                documents=g["docs"],
                roles=[r for r, _ in g["roles"].most_common()],
                affiliations=[a for a, _ in g["affs"].most_common()],
                wikidata=entry.wikidata if entry else None,
                in_kb=entry is not None,
            )
        )
    out.sort(key=lambda e: (-e.mentions, e.name))
    return out


def _merge_unknown_variants(groups: dict[tuple[str, str], dict], kb: KB) -> None:
    """Merge groups of names the KB does not know when they are spellings of one name
    (same folded key, or multi-part names above the similarity threshold); the group with
    more mentions (then the longer name) gives the canonical name."""
    names = sorted(
        (k for k in groups if kb.get(k[1]) is None),
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
        g = groups[dst]
        for src in srcs:
            s = groups.pop(src)
            g["n"] += s["n"]
            g["aliases"].update(s["aliases"])
            g["docs"].extend(d for d in s["docs"] if d not in g["docs"])
            g["roles"].update(s["roles"])
            g["affs"].update(s["affs"])
