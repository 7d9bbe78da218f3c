"""Who a short name stands for: the one resolver that linking uses inside a document
and the query side across a corpus.

A short name (ミラ, アルトマン, 大谷) stands for the full names that have it as a part,
else for those with a part it clearly truncates (モラ for モラティ). What counts as a
part is the evidence each level has: inside a document, the parts the text or Sudachi's
family/given tags give (サム・アルトマン, 大谷|翔平); across a corpus, where the records
keep no tags, the parts separators give and the start and end of a kanji name.
``in_context`` adds what the knowledge base knows: the one person with that part whose
organization (or who) the document mentions.

Stdlib only (no pydantic, no spaCy): the fast query path uses it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from typing import Any, Generic, TypeVar

from .names import fold, name_parts

Owner = TypeVar("Owner")
_KANJI_NAME = re.compile(r"[\u4e00-\u9fff々]+")


class ShortNames(Generic[Owner]):
    """Owners (full names, or any key) indexed by the folded parts of their names."""

    def __init__(self) -> None:
        self._by_part: dict[str, set[Owner]] = {}
        self._sorted: list[str] | None = None

    def add(self, owner: Owner, parts: Sequence[str]) -> None:
        """A name of ``owner`` split into ``parts`` (one part: nothing to index)."""
        if len(parts) < 2:
            return
        for part in parts:
            self._by_part.setdefault(fold(part), set()).add(owner)
        self._sorted = None

    def add_written(self, owner: Owner, name: str) -> None:
        """A name as written, with no tags: split by its separators, else, written in
        kanji (3 characters or more), cut anywhere into a start and an end of 2 or more
        (大谷翔平: 大谷, 翔平, 大谷翔, 谷翔平)."""
        parts = name_parts(name)
        if len(parts) >= 2:
            self.add(owner, parts)
        elif _KANJI_NAME.fullmatch(name) and len(name) >= 3:
            for cut in range(1, len(name)):
                for piece in (name[:cut], name[cut:]):
                    if len(piece) >= 2:
                        self._by_part.setdefault(fold(piece), set()).add(owner)
            self._sorted = None

    def owners(self, short: str) -> set[Owner]:
        """The owners with a part equal to ``short``, else with a part it clearly
        truncates (at least half of it); none for a name under two characters."""
        key = fold(short)
        if len(key) < 2:
            return set()
        exact = self._by_part.get(key)
        if exact:
            return set(exact)
        if self._sorted is None:
            self._sorted = sorted(self._by_part)
        out: set[Owner] = set()
        i = bisect.bisect_left(self._sorted, key)  # the parts that start with key, in order
        while i < len(self._sorted) and self._sorted[i].startswith(key):
            part = self._sorted[i]
            if 2 * len(key) >= len(part):
                out |= self._by_part[part]
            i += 1
        return out


def in_context(
    short: str, kb: Any, people: Iterable[str] = (), organizations: Iterable[str] = ()
) -> list[str]:
    """The knowledge-base people with ``short`` as a part who are themselves among
    ``people`` or belong to one of ``organizations`` (the entities a document names)."""
    named, orgs = set(people), set(organizations)
    return sorted(
        n
        for n in kb.people_with_part(short)
        if n in named or orgs.intersection(kb.entries[n].affiliations)
    )
