"""The knowledge base and name normalization.

Canonical entities and their aliases live in ``data/kb.toml``; language knowledge (titles,
honorifics, label map) in ``data/lexicon.toml``. Both are validated with pydantic. Knows
nothing of spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import KBError
from .files import DATA, load_model
from .names import (  # noqa: F401 - re-exported: the normalization the KB is keyed by
    ORG_MIN_LENGTH,
    fold,
    is_katakana_name,
    is_latin_name,
    name_parts,
    name_similarity,
    org_variants,
    romanize,
    similarity,
)
from .schemas import KBEntry, KBFile, KBType, Lexicon, load_lexicon  # noqa: F401

KB_FILE = DATA / "kb.toml"

# --- the knowledge base -----------------------------------------------------------------


@dataclass(eq=False)  # hashed by identity: compiled patterns are cached per instance
class KB:
    entries: dict[str, KBEntry]
    by_key: dict[str, str] = field(default_factory=dict)  # fold(alias) -> canonical
    # folded single name part (given or family name) -> canonical people having it
    by_part: dict[str, set[str]] = field(default_factory=dict)
    # folded family name -> canonical people having it (last part of a katakana or Latin
    # name, first part of a kanji name written with a space: 石破 茂)
    by_family: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, files: Sequence[KBFile]) -> KB:
        entries: dict[str, KBEntry] = {}
        for kb_file in files:  # later files override earlier ones, entry by entry
            for entry in kb_file.entity:
                entries[entry.name] = entry
        kb = cls(entries=entries)
        for entry in entries.values():
            for alias in [entry.name, *entry.aliases]:
                key = fold(alias)
                if key:
                    kb.by_key.setdefault(key, entry.name)
            if entry.type == "PERSON":
                for alias in [entry.name, *entry.aliases]:
                    parts = name_parts(alias)
                    if len(parts) >= 2:
                        for part in (parts[0], parts[-1]):
                            kb.by_part.setdefault(fold(part), set()).add(entry.name)
                        western = is_katakana_name(alias) or is_latin_name(alias)
                        family = parts[-1] if western else parts[0]
                        kb.by_family.setdefault(fold(family), set()).add(entry.name)
        return kb

    def get(self, name: str) -> KBEntry | None:
        return self.entries.get(name)

    def lookup(self, surface: str) -> KBEntry | None:
        """Exact match on the folded form of any alias."""
        name = self.by_key.get(fold(surface))
        return self.entries[name] if name else None

    def lookup_org_stem(self, surface: str, suffixes: tuple[str, ...]) -> KBEntry | None:
        """The one KB organization with an alias that is ``surface`` followed by an
        organization suffix (ジョン・バローズ -> ジョン・バローズ校), if exactly one."""
        owners = _org_stems(self, suffixes).get(fold(surface), set())
        return self.entries[next(iter(owners))] if len(owners) == 1 else None

    def fuzzy_org(self, surface: str) -> KBEntry | None:
        """The one KB organization with a katakana alias that is a variant spelling of
        ``surface`` (アンスロピック for アンソロピック), by names.org_variants."""
        key = fold(surface)
        if len(key) < ORG_MIN_LENGTH or not is_katakana_name(surface):
            return None
        found = {
            name
            for alias, name in _org_katakana(self).get(key[:2], [])
            if org_variants(surface, alias)
        }
        return self.entries[found.pop()] if len(found) == 1 else None

    def fuzzy_person(self, surface: str, threshold: float) -> KBEntry | None:
        """The KB person whose full name is most similar to a multi-part surface name."""
        parts = name_parts(surface)
        if len(parts) < 2:
            return None
        best: tuple[float, str] | None = None
        for name in self.by_part.get(fold(parts[0]), set()) | self.by_part.get(
            fold(parts[-1]), set()
        ):
            entry = self.entries[name]
            for alias in entry.aliases:
                if len(name_parts(alias)) < 2:
                    continue
                score = name_similarity(surface, alias)
                if score >= threshold and (best is None or score > best[0]):
                    best = (score, name)
        return self.entries[best[1]] if best else None

    def similarity_to(self, surface: str, entry: KBEntry) -> float:
        """How alike a surface form is to the entry's nearest name (0..1, 3 decimals)."""
        return round(max(name_similarity(surface, a) for a in (entry.name, *entry.aliases)), 3)

    def people_with_part(self, part: str) -> set[str]:
        return self.by_part.get(fold(part), set())

    def people_with_family_name(self, name: str) -> set[str]:
        return self.by_family.get(fold(name), set())

    def iter_aliases(self) -> Iterable[tuple[str, KBEntry]]:
        for entry in self.entries.values():
            for alias in {entry.name, *entry.aliases}:
                yield alias, entry


@lru_cache(maxsize=8)
def _org_katakana(kb: KB) -> dict[str, list[tuple[str, str]]]:
    """KB organizations' katakana aliases by their first two folded characters."""
    out: dict[str, list[tuple[str, str]]] = {}
    for alias, entry in kb.iter_aliases():
        if entry.type == "ORG" and is_katakana_name(alias) and len(fold(alias)) >= ORG_MIN_LENGTH:
            out.setdefault(fold(alias)[:2], []).append((alias, entry.name))
    return out


@lru_cache(maxsize=8)
def _org_stems(kb: KB, suffixes: tuple[str, ...]) -> dict[str, set[str]]:
    stems: dict[str, set[str]] = {}
    for alias, entry in kb.iter_aliases():
        if entry.type != "ORG":
            continue
        for suffix in suffixes:
            stem = alias[: -len(suffix)].rstrip(" ・")
            if alias.endswith(suffix) and len(fold(stem)) >= 2:
                stems.setdefault(fold(stem), set()).add(entry.name)
    return stems


def read_kb_file(path: Path) -> KBFile:
    return load_model(path, KBFile, KBError)


def check_references(kb: KB) -> list[str]:
    """Problems that span entries: affiliations naming unknown orgs, aliases shared by two."""
    problems = []
    for entry in kb.entries.values():
        for org in entry.affiliations:
            target = kb.entries.get(org)
            if target is None or target.type != "ORG":
                problems.append(f"{entry.name}: affiliation {org!r} is not an ORG entry")
    owners: dict[str, str] = {}
    for alias, entry in kb.iter_aliases():
        key = fold(alias)
        if key in owners and owners[key] != entry.name:
            problems.append(f"alias {alias!r} belongs to both {owners[key]} and {entry.name}")
        owners.setdefault(key, entry.name)
    return problems


@lru_cache(maxsize=8)
def _load_kb(extra: tuple[Path, ...]) -> KB:
    paths = (KB_FILE, *extra)
    return KB.build([read_kb_file(p) for p in paths])


def load_kb(extra: Sequence[Path] = ()) -> KB:
    """The bundled knowledge base, with user files merged over it."""
    return _load_kb(tuple(Path(p) for p in extra))
