"""Every data file's schema and loader, in one place.

The knowledge altnotes uses is data (``altnotes/data/*.toml``), validated here with
pydantic: the knowledge base, the language lexicon (titles, honorifics, label map, context
words), the date vocabulary, the event triggers and the katakana table. Loaders are cached:
each file is read and validated once per process. The query path never comes here (it
needs no pydantic); it reads the one file it needs, kana.toml, raw (names.kana_folding).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..errors import KBError
from .files import DATA, load_model

KB_FILE = DATA / "kb.toml"
LEXICON_FILE = DATA / "lexicon.toml"
TEMPORAL_FILE = DATA / "temporal.toml"
TRIGGERS_FILE = DATA / "triggers.toml"
KANA_FILE = DATA / "kana.toml"


# --- the knowledge base (data/kb.toml and --kb files) ---------------------------------------

# TERM: concepts and technologies that NER mistakes for organizations (AGI, LLM)
KBType = Literal["PERSON", "ORG", "PRODUCT", "GPE", "TERM"]


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
    # words that head an organization's name but are too short or common to end one
    # matched by suffix (ラボ, 事務所): only whole tokens of a compound count
    org_heads: list[str] = []
    person_org_suffixes: list[str] = []


class Lexicon(BaseModel):
    model_config = ConfigDict(extra="forbid")

    honorifics: list[str]
    titles: list[str]
    title_prefixes: list[str]
    labels: dict[str, str]
    context: ContextLexicon

    __hash__ = object.__hash__  # identity: compiled patterns are cached per instance


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    return load_model(LEXICON_FILE, Lexicon, KBError)


# --- dates (data/temporal.toml) -------------------------------------------------------------

Unit = Literal["year", "month", "week", "day"]


class _RelativeWords(BaseModel):
    model_config = ConfigDict(extra="forbid")

    year: dict[str, int] = {}
    month: dict[str, int] = {}
    week: dict[str, int] = {}
    day: dict[str, int] = {}

    def items(self) -> list[tuple[str, Unit, int]]:
        out: list[tuple[str, Unit, int]] = []
        for unit in ("year", "month", "week", "day"):
            out += [(w, unit, n) for w, n in getattr(self, unit).items()]  # type: ignore[misc]
        return out


class TemporalLexicon(BaseModel):
    model_config = ConfigDict(extra="forbid")

    eras: dict[str, int]
    document_relative: _RelativeWords
    context_relative: _RelativeWords
    not_after: dict[str, list[str]] = {}
    units: dict[str, Unit]
    hedges_before: list[str]
    hedges_after: list[str]
    anaphoric_before: list[str]
    event_before: list[str] = []
    modifiers: dict[str, str]
    range_connectors: list[str]
    english_months: dict[str, int]
    document_date_labels: list[str]
    document_date_lines: int = 8

    __hash__ = object.__hash__  # identity: compiled patterns are cached per instance


@lru_cache(maxsize=1)
def load_temporal(path: Path = TEMPORAL_FILE) -> TemporalLexicon:
    return load_model(path, TemporalLexicon)


# --- event triggers (data/triggers.toml) ----------------------------------------------------


class TriggerLexicon(BaseModel):
    model_config = ConfigDict(extra="forbid")

    light: list[str] = []
    types: dict[str, list[str]]
    # event types strong enough to take the narrative time when their sentence has no date
    narrative_types: list[str] = []
    # how far (characters) that narrative time reaches after the date that set it
    narrative_window: int = 600

    def type_of(self, lemma: str) -> str | None:
        return self._index().get(lemma.casefold())

    def _index(self) -> dict[str, str]:
        return _index(tuple((t, tuple(words)) for t, words in self.types.items()))


@lru_cache(maxsize=4)
def _index(types: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, str]:
    index: dict[str, str] = {}
    for etype, words in types:
        for word in words:
            index.setdefault(word.casefold(), etype)
    return index


@lru_cache(maxsize=1)
def load_triggers(path: Path = TRIGGERS_FILE) -> TriggerLexicon:
    return load_model(path, TriggerLexicon)


# --- katakana (data/kana.toml) --------------------------------------------------------------


class KanaTable(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fold: dict[str, str]
    vu: dict[str, str]
    kana: dict[str, str]
    small: dict[str, str]


@lru_cache(maxsize=1)
def load_kana() -> KanaTable:
    return load_model(KANA_FILE, KanaTable)


def load_all() -> None:
    """Validate every bundled data file (DataFileError on the first bad one)."""
    load_lexicon()
    load_temporal()
    load_triggers()
    load_kana()
