"""Mentions → canonical entities.

The one place where a document's identities are decided. Mention-finding gives typed
spans and their evidence (the knowledge-base entity an alias names, name parts); linking
decides: knowledge-base aliases (exact on folded spelling, then by similarity for
transliteration variants), short names to the full name they stand for (the resolver of
knowledge/shortnames.py, which the corpus-level merge of query/entities.py shares), given
names to the knowledge-base person whose organizations the document mentions. Knows
nothing of output.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..knowledge.kb import KB, KBEntry, name_parts
from ..knowledge.names import FUZZY_THRESHOLD
from ..knowledge.shortnames import ShortNames, in_context
from .mentions import Candidate


def link_document(
    cands: list[Candidate],
    kb: KB,
    org_suffixes: Sequence[str] = (),
    text: str = "",
    legal_forms: Sequence[str] = (),
) -> None:
    """Set ``entity`` (and ``method``, how it was decided) on every candidate of one
    document, in place: the one place where a document's identities are decided.

    In order: what mention-finding found in the knowledge base (its evidence, kb_name);
    people named in full; short names; organizations; names in brackets.
    ``org_suffixes``: words that end organization names (校, 社, Inc); an unknown
    organization is linked to the one known organization it names without its suffix.
    ``text``: the document, for names given in brackets (蔡崇信(ジョセフ・ツァイ)).
    ``legal_forms``: 株式会社, Inc.: left out of an unknown organization's canonical name."""
    for c in cands:
        c.entity, c.method = c.kb_name, c.found_by
    people = [c for c in cands if c.type == "PERSON"]
    for c in people:
        if not c.parts:
            c.parts = name_parts(c.text) or [c.text]
    _link_full_names(people, kb)
    _link_short_names(people, cands, kb)
    _link_organizations(cands, kb, org_suffixes, legal_forms)
    if text:
        _bracketed_names(cands, kb, text)


def _link_full_names(people: list[Candidate], kb: KB) -> None:
    """A name in two parts or more: the knowledge base's person by similarity of
    spelling, else the name as written (each spelling looked up once)."""
    seen: dict[str, KBEntry | None] = {}
    for c in people:
        if c.entity is None and len(c.parts) >= 2:
            if c.text not in seen:
                seen[c.text] = kb.fuzzy_person(c.text, FUZZY_THRESHOLD)
            entry = seen[c.text]
            c.entity = entry.name if entry else _clean(c.text)
            if entry:
                c.method, c.score = "kb_fuzzy", kb.similarity_to(c.text, entry)


def _link_short_names(people: list[Candidate], cands: list[Candidate], kb: KB) -> None:
    """A name in one part: the one full name of this document it is a part of, else the
    one knowledge-base person with that part whom the document names or whose
    organization it names, else (with a title) the one with that family name; else the
    name as written."""
    full = [c for c in people if c.entity and len(c.parts) >= 2]
    names: ShortNames[str] = ShortNames()
    for c in full:
        names.add(c.text, c.parts)
    entity_of = {c.text: c.entity for c in full}
    doc_orgs = {c.entity for c in cands if c.type == "ORG" and c.entity}
    doc_people = {c.entity for c in full if c.entity}
    for c in people:
        if c.entity is not None:
            continue
        owners = {entity_of[o] for o in names.owners(c.text)}
        if len(owners) == 1:
            c.entity, c.method = owners.pop(), "short_name"
            continue
        if not owners:
            known = in_context(c.text, kb, doc_people, doc_orgs)
            if len(known) == 1:
                c.entity, c.method = known[0], "given_name_by_org"
                continue
            # トランプ大統領, 石破首相: a family name with a title or honorific, borne by
            # one person only in the knowledge base
            family = kb.people_with_family_name(c.text)
            if c.roles and len(family) == 1:
                c.entity, c.method = next(iter(family)), "family_title"
                continue
        c.entity = _clean(c.text)  # not enough evidence: keep the name as written


def _link_organizations(
    cands: list[Candidate], kb: KB, org_suffixes: Sequence[str], legal_forms: Sequence[str]
) -> None:
    """An organization the knowledge base did not match as found: its name without the
    legal form, exactly, by similarity, or without an organization word; else as
    written."""
    for c in cands:
        if c.type == "ORG" and c.entity is None:
            bare = strip_legal_form(c.text, legal_forms)
            entry = (
                kb.lookup(bare)
                or kb.fuzzy_org(bare)
                or kb.lookup_org_stem(bare, tuple(org_suffixes))
            )
            c.entity = entry.name if entry else _clean(bare)
            if entry is not None and kb.lookup(bare) is None:
                c.method, c.score = "kb_fuzzy", kb.similarity_to(bare, entry)
            elif entry is not None:
                c.method = "kb_alias"


def _bracketed_names(cands: list[Candidate], kb: KB, text: str) -> None:
    """梁文鋒(リャン・ウェンフォン), プリファードインフラストラクチャー(PFI): a name in brackets
    right after a name of the same type is the same entity, the one the knowledge base
    knows if it knows either, else the one written first."""
    ordered = sorted((c for c in cands if c.type in ("PERSON", "ORG")), key=lambda c: c.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if (
            a.type == b.type
            and b.start == a.end + 1
            and text[a.end] in "(（"
            and text[b.end : b.end + 1] in (")", "）")
        ):
            known = [c.entity for c in (a, b) if c.entity and kb.get(c.entity) is not None]
            for c in (a, b):
                target = known[0] if known else a.entity
                if c.entity != target:
                    c.entity, c.method = target, "bracket"


def strip_legal_form(name: str, legal_forms: Sequence[str]) -> str:
    """株式会社下野新聞社 -> 下野新聞社, Acme Co., Ltd. -> Acme (never to nothing)."""
    for form in sorted(legal_forms, key=len, reverse=True):
        if name.startswith(form.strip()) and len(name) > len(form.strip()):
            name = name[len(form.strip()) :].lstrip()
        elif name.endswith(form) and len(name) > len(form):
            name = name[: -len(form)].rstrip(" ,")
    return name


def _clean(text: str) -> str:
    return " ".join(text.split())
