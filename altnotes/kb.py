"""The knowledge base and name normalization.

Canonical entities and their aliases live in ``data/kb.toml``; language knowledge (titles,
honorifics, label map) in ``data/lexicon.toml``. Both are validated with pydantic. Knows
nothing of spaCy.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

DATA = Path(__file__).resolve().parent.parent / "data"
KB_FILE = DATA / "kb.toml"
LEXICON_FILE = DATA / "lexicon.toml"

# TERM: concepts and technologies that NER mistakes for organizations (AGI, LLM)
KBType = Literal["PERSON", "ORG", "PRODUCT", "GPE", "TERM"]


class KBError(Exception):
    """A knowledge-base file that cannot be read or does not validate."""


class KBEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    type: KBType
    aliases: list[str] = Field(default_factory=list)
    wikidata: str | None = Field(None, pattern=r"^Q[0-9]+$")
    affiliations: list[str] = Field(default_factory=list)
    description: str | None = None


class KBFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    entity: list[KBEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_names(self) -> KBFile:
        seen: set[str] = set()
        for entry in self.entity:
            if entry.name in seen:
                raise ValueError(f"duplicate entity name: {entry.name!r}")
            seen.add(entry.name)
        return self


class ContextLexicon(BaseModel):
    model_config = ConfigDict(extra="forbid")

    org_class_nouns: list[str]
    org_suffixes: list[str]
    person_org_suffixes: list[str] = []


class Lexicon(BaseModel):
    model_config = ConfigDict(extra="forbid")

    honorifics: list[str]
    titles: list[str]
    title_prefixes: list[str]
    labels: dict[str, str]
    context: ContextLexicon

    __hash__ = object.__hash__  # identity: compiled patterns are cached per instance


# --- name normalization -------------------------------------------------------------

_SEPARATORS = re.compile(r"[\s・･·•=＝‐‑–—\-_.,、。]+")
_KANA_FOLD = str.maketrans(
    {
        "ァ": "ア",
        "ィ": "イ",
        "ゥ": "ウ",
        "ェ": "エ",
        "ォ": "オ",
        "ッ": "",
        "ー": "",
        "ャ": "ヤ",
        "ュ": "ユ",
        "ョ": "ヨ",
        "ヮ": "ワ",
        "ヵ": "カ",
        "ヶ": "ケ",
        "ヰ": "イ",
        "ヱ": "エ",
        "ヲ": "オ",
        "ヂ": "ジ",
        "ヅ": "ズ",
    }
)
_VU = (("ヴァ", "バ"), ("ヴィ", "ビ"), ("ヴェ", "ベ"), ("ヴォ", "ボ"), ("ヴ", "ブ"))


def _hira_to_kata(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


def name_parts(name: str) -> list[str]:
    """The parts of a name split on spaces and middle dots, NFKC-normalized."""
    return [p for p in _SEPARATORS.split(unicodedata.normalize("NFKC", name)) if p]


def fold(text: str) -> str:
    """A key for exact matching: width, case, separators and katakana spelling folded.

    ヴァ/バ, long vowels, small kana, and separators are removed or unified, so that
    サム・アルトマン, サムアルトマン and ｻﾑ･ｱﾙﾄﾏﾝ share a key.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _hira_to_kata(text)
    for a, b in _VU:
        text = text.replace(a, b)
    text = text.translate(_KANA_FOLD)
    return _SEPARATORS.sub("", text)


@lru_cache(maxsize=1)
def _kana_table() -> tuple[dict[str, str], dict[str, str]]:
    data = _read_toml(DATA / "kana.toml")
    return dict(data["kana"]), dict(data["small"])


def romanize(text: str) -> str:
    """A rough sound of a katakana name in romaji (グレアム -> gureamu), for comparing
    transliterations; other characters pass through case-folded."""
    kana, small = _kana_table()
    text = _hira_to_kata(unicodedata.normalize("NFKC", text))
    for a, b in _VU:
        text = text.replace(a, b)
    out: list[str] = []
    for ch in _SEPARATORS.sub("", text):
        if ch in small:
            sound = small[ch]
            if out and out[-1] and out[-1][-1] in "aiueo":
                prev = out[-1][:-1]
                if sound.startswith("y") and prev.endswith(("sh", "ch", "j")):
                    sound = sound[1:]  # シャ -> sha, not shya
                out[-1] = prev + sound
            else:
                out.append(sound)
        elif ch in ("ッ", "ー"):
            continue
        else:
            out.append(kana.get(ch, ch.casefold()))
    return "".join(out)


def _ratio(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    # difflib's matching blocks depend on the order of the arguments: take both
    return max(
        SequenceMatcher(None, a, b, autojunk=False).ratio(),
        SequenceMatcher(None, b, a, autojunk=False).ratio(),
    )


def similarity(a: str, b: str) -> float:
    """Similarity of two names, 0..1: the better of the folded-katakana and the romaji
    comparison (difflib ratio)."""
    if unicodedata.normalize("NFKC", a) == unicodedata.normalize("NFKC", b):
        return 1.0
    return max(_ratio(fold(a), fold(b)), _ratio(romanize(a), romanize(b)))


def is_katakana_name(text: str) -> bool:
    core = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
    return bool(core) and all("ァ" <= c <= "ヺ" or c == "ー" for c in core)


def is_latin_name(text: str) -> bool:
    parts = name_parts(text)
    return bool(parts) and all(re.fullmatch(r"[A-Z][A-Za-z'’]*", p) for p in parts)


# --- the knowledge base -----------------------------------------------------------------


@dataclass(eq=False)  # hashed by identity: compiled patterns are cached per instance
class KB:
    entries: dict[str, KBEntry]
    by_key: dict[str, str] = field(default_factory=dict)  # fold(alias) -> canonical
    # folded single name part (given or family name) -> canonical people having it
    by_part: dict[str, set[str]] = field(default_factory=dict)
    fingerprint: str = ""

    @classmethod
    def build(cls, files: Sequence[KBFile], fingerprint: str = "") -> KB:
        entries: dict[str, KBEntry] = {}
        for kb_file in files:  # later files override earlier ones, entry by entry
            for entry in kb_file.entity:
                entries[entry.name] = entry
        kb = cls(entries=entries, fingerprint=fingerprint)
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

    def people_with_part(self, part: str) -> set[str]:
        return self.by_part.get(fold(part), set())

    def iter_aliases(self) -> Iterable[tuple[str, KBEntry]]:
        for entry in self.entries.values():
            for alias in {entry.name, *entry.aliases}:
                yield alias, entry


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


def name_similarity(a: str, b: str) -> float:
    """Similarity of two multi-part names: both the whole and the family names must agree.

    Returns the whole-name similarity, or 0 when the last parts are not alike
    (so that ジョン・シュルマン never matches ジョン・ドウ on the shared given name).
    """
    pa, pb = name_parts(a), name_parts(b)
    if (len(pa) >= 2 and len(pb) >= 2) and (
        similarity(pa[-1], pb[-1]) < 0.6 or similarity(pa[0], pb[0]) < 0.5
    ):
        return 0.0
    return similarity(a, b)


def index_parts(full_names: Iterable[str]) -> dict[str, set[str]]:
    """Folded given/family names -> the multi-part names that contain them."""
    index: dict[str, set[str]] = {}
    for full in full_names:
        parts = name_parts(full)
        if len(parts) >= 2:
            for part in parts:
                index.setdefault(fold(part), set()).add(full)
    return index


def short_name_owners(short: str, index: dict[str, set[str]]) -> set[str]:
    """The full names a short name may stand for: those with a part equal to it, else those
    with a part it clearly truncates (モラ for モラティ)."""
    key = fold(short)
    if len(key) < 2:
        return set()
    owners = set(index.get(key, set()))
    if not owners:
        for part, fulls in index.items():
            if part.startswith(key) and 2 * len(key) >= len(part):
                owners |= fulls
    return owners


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise KBError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise KBError(f"{path}: not valid TOML: {exc}") from exc


def format_validation_error(path: Path, exc: ValidationError, data: dict) -> str:
    lines = [f"{path}: {exc.error_count()} problem(s)"]
    for err in exc.errors():
        loc = list(err["loc"])
        where = ".".join(str(x) for x in loc)
        if len(loc) >= 2 and loc[0] == "entity" and isinstance(loc[1], int):
            try:
                where = f"entity #{loc[1] + 1} ({data['entity'][loc[1]].get('name', '?')})"
                rest = ".".join(str(x) for x in loc[2:])
                where += f" {rest}" if rest else ""
            except (KeyError, IndexError, AttributeError, TypeError):
                pass
        lines.append(f"  {where}: {err['msg']}")
    return "\n".join(lines)


def read_kb_file(path: Path) -> KBFile:
    data = _read_toml(path)
    try:
        return KBFile.model_validate(data)
    except ValidationError as exc:
        raise KBError(format_validation_error(path, exc, data)) from exc


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


def _digest(paths: Sequence[Path]) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=8)
def _load_kb(extra: tuple[Path, ...]) -> KB:
    paths = (KB_FILE, *extra)
    return KB.build([read_kb_file(p) for p in paths], fingerprint=_digest(paths))


def load_kb(extra: Sequence[Path] = ()) -> KB:
    """The bundled knowledge base, with user files merged over it."""
    return _load_kb(tuple(Path(p) for p in extra))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data = _read_toml(LEXICON_FILE)
    try:
        return Lexicon.model_validate(data)
    except ValidationError as exc:
        raise KBError(format_validation_error(LEXICON_FILE, exc, data)) from exc


def data_fingerprint() -> str:
    """A digest of the language data files that change extraction results."""
    return _digest(sorted(p for p in DATA.glob("*.toml")))
