"""Finding every knowledge-base alias in a text, fast.

All aliases are compiled into one regular expression shaped as a prefix trie, so that at
each position the engine follows one path instead of trying some 1,500 alternatives, and
the boundary checks come after the first character, so that it can skip the positions
where no alias starts. Katakana is matched tolerantly (long vowels, small tsu, small and
large kana, ヴ spellings: what kb.fold treats as one); Latin and katakana aliases must not
run into letters of their own script on either side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .names import is_katakana_name, kana_folding, name_parts

_KATA = "ァ-ヺー"
_LATIN = "A-Za-z0-9"


@lru_cache(maxsize=1)
def _kana_classes() -> tuple[dict[str, str], dict[str, str], tuple[tuple[str, str], ...]]:
    """From the folding table (data/kana.toml, as names.fold uses it): the katakana each
    plain character stands for (ア: アァ), the ヴ spelling of each バ-row character, and the
    ヴ foldings. An alias written with one spelling finds the others."""
    table, vu = kana_folding()
    classes: dict[str, str] = {}
    for code, plain in table.items():
        if plain:  # ッ and ー fold to nothing: matched as optional marks instead
            classes[plain] = classes.get(plain, plain) + chr(code)
    forms = {plain: spelled for spelled, plain in vu if len(plain) == 1 and len(spelled) <= 2}
    return classes, forms, vu


_SEP = r"[\s・･=＝]"
_LONG = "[ーッ]?"


@dataclass(frozen=True)
class _Atom:
    """One character of an alias: the literal spellings it may take, and its script."""

    spellings: tuple[str, ...]
    kind: str  # latin | kata | other | sep

    def regex(self, first: bool) -> str:
        if self.kind == "sep":
            return _SEP
        alts = []
        for s in self.spellings:
            body = re.escape(s) if len(s) > 1 or self.kind != "kata" else s
            if first and self.kind in ("latin", "kata"):
                # the character before the alias must not be of the same script; checked
                # after the first character so that the engine can skip by first character
                script = _LATIN if self.kind == "latin" else _KATA
                body += f"(?<![{script}]{'.' * len(s)})"
            alts.append(body)
        if (
            self.kind == "kata"
            and len(self.spellings) > 1
            and all(len(s) == 1 for s in self.spellings)
        ):
            core = f"[{''.join(self.spellings)}]"
            if first:
                core += f"(?<![{_KATA}].)"
        else:
            core = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return core + (_LONG if self.kind == "kata" else "")


def _atoms(alias: str) -> list[list[_Atom]]:
    """The alias as characters; several sequences when its first character has other
    spellings (バ / ヴァ), so that every path of the trie starts with a plain character."""
    parts = name_parts(alias) if (is_katakana_name(alias) or " " in alias) else [alias]
    atoms: list[_Atom] = []
    for k, part in enumerate(parts):
        if k:
            atoms.append(_Atom(("",), "sep"))
        classes, vu_forms, vu_fold = _kana_classes()
        folded = part
        for vu, plain in vu_fold:
            folded = folded.replace(vu, plain)
        for ch in folded:
            if is_katakana_name(ch):  # by the character's own script: スタンフォード大学
                if ch in "ーッ":
                    continue
                base = next((b for b, v in classes.items() if ch in v), ch)
                spellings = tuple(classes.get(base, ch))
                if ch in vu_forms:
                    spellings += (vu_forms[ch],)
                atoms.append(_Atom(spellings, "kata"))
            else:
                kind = "latin" if re.match(f"[{_LATIN}]", ch) else "other"
                atoms.append(_Atom((ch,), kind))
    if not atoms:
        return []
    # a separator may be left out (サムアルトマン): both spellings are paths of their own,
    # so that no two branches of the trie match the same text
    seqs: list[list[_Atom]] = [[]]
    for atom in atoms:
        if atom.kind == "sep":
            seqs = [*([*q, atom] for q in seqs), *seqs]
        else:
            seqs = [[*q, atom] for q in seqs]
    out = []
    for seq in seqs:
        first = seq[0]
        if first.kind == "kata" and any(len(s) > 1 for s in first.spellings):
            out += [[_Atom((s,), "kata"), *seq[1:]] for s in first.spellings]
        else:
            out.append(seq)
    return out


@dataclass
class _Node:
    children: dict[_Atom, _Node] = field(default_factory=dict)
    end: str | None = None  # the script of the last character, when an alias ends here


def _emit(node: _Node, first: bool) -> str:
    alts = [
        atom.regex(first) + _emit(child, False)
        for atom, child in sorted(node.children.items(), key=lambda kv: kv[0].spellings)
    ]
    if node.end is not None:
        script = {"latin": _LATIN, "kata": _KATA}.get(node.end)
        alts.append(f"(?![{script}])" if script else "")  # longest continuation first
    if len(alts) == 1:
        return alts[0]
    return "(?:" + "|".join(alts) + ")"


def compile_aliases(aliases: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern finding any of the aliases; match.group() is the text as written."""
    root = _Node()
    for alias in aliases:
        for seq in _atoms(alias):
            node = root
            for atom in seq:
                node = node.children.setdefault(atom, _Node())
            last = next(a for a in reversed(seq) if a.kind != "sep")
            node.end = last.kind
    if not root.children:
        return None
    return re.compile(_emit(root, True))
