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
ERAS_FILE = DATA / "eras.toml"
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
    # words that stand for an organization without naming one (政府, 同社): never an entity
    generic_orgs: list[str] = []
    org_words: list[str] = []  # 国会: one organization by a common noun alone
    not_org_heads: list[str] = []  # 賞, 協定, 選挙: names ending so are not organizations
    org_continuations: list[str] = []  # 販売: stretches an organization right before it
    legal_forms: list[str] = []  # 株式会社: in the text, not in the canonical name
    person_not_before: list[str] = []  # ノーベル賞: the name belongs to the prize
    org_not_before: list[str] = []  # ノーベル化学|賞: the organization word is the prize's
    generic_org_prefixes: list[str] = []  # 各国政府
    counters: list[str] = []  # 2社, 3人: counted things, not names
    place_suffixes: list[str] = []  # 千代田区: places, not organizations


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


class Era(BaseModel):
    """One Japanese era (元号): its Gregorian first year (元年) and last year."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    reading: str = ""
    first: int = Field(ge=1)
    last: int | None = None  # null for the present era
    court: Literal["general", "southern", "northern"] = "general"

    @model_validator(mode="after")
    def _years_in_order(self) -> Era:
        if self.last is not None and self.last < self.first:
            raise ValueError(f"{self.name}: last year {self.last} before first {self.first}")
        return self


class EraTable(BaseModel):
    """data/eras.toml: every era from 大化 (645) on."""

    model_config = ConfigDict(extra="forbid")

    eras: list[Era] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_and_ordered(self) -> EraTable:
        seen: set[str] = set()
        for era in self.eras:
            if era.name in seen:
                raise ValueError(f"era {era.name} listed twice")
            seen.add(era.name)
        for court in ("general", "southern", "northern"):
            firsts = [e.first for e in self.eras if e.court == court]
            if firsts != sorted(firsts):
                raise ValueError(f"the {court} eras are not in order of their first years")
        return self


class TemporalLexicon(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # era name -> its first year: filled from data/eras.toml by load_temporal
    eras: dict[str, int] = {}
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
    # era letters of numeric dates (R3.7.18, H31年): letter -> the era's first year
    era_letters: dict[str, int] = {}
    # calendars counted from another year: 皇紀2681年 = 2021 (offset added to the year)
    calendar_offsets: dict[str, int] = {}
    bc_prefixes: list[str] = []  # 紀元前
    seasons: list[str] = []  # words that name a season (their names are in modifiers)
    # a season's name (the modifier) -> its TIMEX3 code: spring -> SP
    season_codes: dict[str, str] = {}
    weekdays: dict[str, int] = {}  # 月 -> 0 (Monday) ... 日 -> 6
    fixed_days: dict[str, tuple[int, int]] = {}  # 元日 -> (1, 1)
    relative_seasons: dict[str, tuple[int, str]] = {}  # 昨夏 -> (-1, summer)
    spans: dict[str, tuple[Unit, int]] = {}  # 半年 -> (month, 6): 半年前, 四半世紀前
    halves: dict[str, int] = {}  # 上期 -> 1, 下半期 -> 2
    # the first month of the fiscal year (年度, 上期, 昨年度): April in Japan
    fiscal_year_start: int = Field(4, ge=1, le=12)
    # a bare day (21日) is a date only between these: what may stand before and after it
    bare_day_before: list[str] = []
    bare_day_after: list[str] = []
    # a month/day with a slash (7/18) is a date only before one of these (else a fraction)
    slash_date_after: list[str] = []
    # Q1-Q4 is a quarter only in a sentence that holds one of these (or beside a year)
    quarter_context: list[str] = []
    # a sentence that holds one of these looks forward: its bare days are the next ones
    future_markers: list[str] = []
    two_digit_year_pivot: int = 5  # 2-digit years up to (document year + this) are 20xx
    two_digit_year_reference: int = 2025  # the document year assumed when there is none
    # words before a two-digit number + 年 that make it a duration (創業50年に, 過去30年)
    year2_not_after: list[str] = []

    __hash__ = object.__hash__  # identity: compiled patterns are cached per instance

    @model_validator(mode="after")
    def _keys_refer_to_each_other(self) -> TemporalLexicon:
        """Rules that link one key to another are checked here, not when a document
        first uses them."""
        problems: list[str] = []
        for word in self.seasons:
            name = self.modifiers.get(word)
            if name is None:
                problems.append(f"season {word} is missing from [modifiers]")
            elif name not in self.season_codes:
                problems.append(f"season {word} ({name}) has no code in [season_codes]")
        season_names = {self.modifiers[w] for w in self.seasons if w in self.modifiers}
        for word, (_, name) in self.relative_seasons.items():
            if name not in season_names:
                problems.append(f"relative season {word}: {name} is not a season's modifier")
        words = {w for w, _, _ in self.document_relative.items() + self.context_relative.items()}
        for word in self.not_after:
            if word not in words:
                problems.append(f"[not_after] {word} is not a relative word")
        firsts = set(self.eras.values())
        for letter, year in self.era_letters.items():
            if self.eras and year not in firsts:
                problems.append(f"era letter {letter}: no era begins in {year}")
        if problems:
            raise ValueError("; ".join(problems))
        return self


@lru_cache(maxsize=1)
def load_eras(path: Path = ERAS_FILE) -> EraTable:
    return load_model(path, EraTable)


@lru_cache(maxsize=1)
def load_temporal(path: Path = TEMPORAL_FILE, eras: Path = ERAS_FILE) -> TemporalLexicon:
    """data/temporal.toml, with the era names and first years of data/eras.toml."""
    from pydantic import ValidationError

    from .files import format_validation_error, read_toml

    data = read_toml(path)
    if "eras" not in data:
        data["eras"] = {e.name: e.first for e in load_eras(eras).eras}
    try:
        return TemporalLexicon.model_validate(data)
    except ValidationError as exc:
        from ..errors import DataFileError

        raise DataFileError(format_validation_error(path, exc, data)) from exc


# --- event triggers (data/triggers.toml) ----------------------------------------------------


class EventType(BaseModel):
    model_config = ConfigDict(extra="forbid")

    about: str = Field(min_length=1)  # what the type covers, for the README and `schema`
    triggers: list[str] = Field(min_length=1)  # lemmas of verbs and verbal nouns


class TriggerLexicon(BaseModel):
    """Event types and their triggers (data/triggers.toml)."""

    model_config = ConfigDict(extra="forbid")

    # predicates that take their meaning from their object or compounded noun (発表, する)
    light: list[str] = []
    formal_nouns: list[str] = []  # の, こと: stand for the clause before them
    # verbs of being, thought, perception (いる, 思う, 見る): never an "other" event
    states: list[str] = []
    types: dict[str, EventType]
    # event types strong enough to take the narrative time when their sentence has no date
    narrative_types: list[str] = []
    # how far (characters) that narrative time reaches after the date that set it
    narrative_window: int = Field(600, ge=0)
    # a meeting joined to a predicate of one of these types was held for it (会見で発表)
    held_for: list[str] = []

    @model_validator(mode="after")
    def _cross_references(self) -> TriggerLexicon:
        if "other" in self.types:
            raise ValueError("'other' is the type of what no type lists: it takes no triggers")
        for key in ("narrative_types", "held_for"):
            unknown = [t for t in getattr(self, key) if t not in self.types]
            if unknown:
                raise ValueError(f"{key}: unknown event types {unknown}")
        if self.held_for and "meeting" not in self.types:
            raise ValueError("held_for needs a 'meeting' type")
        typed = [w for w in self.states if w in self.light or self.type_of_raw(w)]
        if typed:
            raise ValueError(f"states that are also light or typed triggers: {typed}")
        owner: dict[str, str] = {}
        for etype, spec in self.types.items():
            for word in spec.triggers:
                key = word.casefold()
                if not word.strip():
                    raise ValueError(f"{etype}: an empty trigger")
                if key in owner and owner[key] != etype:
                    raise ValueError(f"trigger {word!r} is listed under {owner[key]} and {etype}")
                owner[key] = etype
        return self

    def type_of(self, lemma: str) -> str | None:
        return self._index().get(lemma.casefold())

    def type_of_raw(self, lemma: str) -> str | None:
        """type_of, before validation has finished (no cached index)."""
        key = lemma.casefold()
        return next(
            (t for t, spec in self.types.items() if key in {w.casefold() for w in spec.triggers}),
            None,
        )

    def type_of_compound(self, lemma: str) -> tuple[str, str] | None:
        """(trigger, type) of a word or of the trigger it ends with: Japanese compounds
        end with their head (初優勝 is a 優勝, 記者会見 a 会見); the longest listed ending of
        two characters or more."""
        index = self._index()
        key = lemma.casefold()
        for i in range(len(key) - 1):
            etype = index.get(key[i:])
            if etype is not None:
                return lemma[i:], etype
        return None

    def is_light(self, lemma: str) -> bool:
        return lemma in self._light()

    def _index(self) -> dict[str, str]:
        return _index(tuple((t, tuple(spec.triggers)) for t, spec in self.types.items()))

    def _light(self) -> frozenset[str]:
        return frozenset(self.light)

    __hash__ = object.__hash__  # identity: cached per instance


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


# --- variant kanji (data/variants.toml) ----------------------------------------------------

VARIANTS_FILE = DATA / "variants.toml"


class VariantTable(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fallback: str = Field(min_length=1, max_length=1)
    forms: dict[str, str]

    @model_validator(mode="after")
    def _one_for_one(self) -> VariantTable:
        for a, b in self.forms.items():
            if len(a) != 1 or len(b) != 1:
                raise ValueError(f"{a!r} = {b!r}: one character for one")
        return self


@lru_cache(maxsize=1)
def load_variants() -> VariantTable:
    return load_model(VARIANTS_FILE, VariantTable)


def load_all() -> None:
    """Validate every bundled data file (DataFileError on the first bad one)."""
    load_lexicon()
    load_eras()
    load_temporal()
    load_triggers()
    load_kana()
    load_variants()
