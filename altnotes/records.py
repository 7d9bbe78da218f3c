"""The pydantic records: altnotes' public contract.

Every command's ``--json`` output is a list of one of these record types. Field names
are stable once released; new fields may be added.
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

EntityType = Literal["PERSON", "ORG"]


class _Record(BaseModel):
    # defer_build: validators are built on first use, so that a command that only reads
    # cached extractions does not pay for building every record type at import time
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Mention(_Record):
    """One entity mention in a document's text."""

    document: str
    start: int = Field(description="character offset of the first character")
    end: int = Field(description="character offset one past the last character")
    text: str
    type: str = Field(description="PERSON, ORG, GPE, PRODUCT, DATE, ...")
    entity: str | None = Field(None, description="canonical name of the linked entity")
    in_kb: bool = Field(False, description="the entity is in the knowledge base")
    wikidata: str | None = Field(None, description="the entity's Wikidata id, if known")
    roles: list[str] = Field(default_factory=list, description="titles stated next to it")
    affiliations: list[str] = Field(default_factory=list, description="orgs stated with it")
    sentence: str = ""
    method: str = Field(
        "ner",
        description="how it was found and linked: kb_alias (a knowledge-base name, exactly), "
        "kb_fuzzy (a spelling variant of one), short_name (a part of a full name in the "
        "document), given_name_by_org (a KB person's given name, by the organizations the "
        "document mentions), family_title (a family name with a title, borne by one KB "
        "person), bracket (the other name of a pair in brackets), ner (found by the NER, "
        "named as written), rule (found by a rule: honorifics, titles, name tags, "
        "organization words), unlinked (a place, product or term the KB does not know)",
    )
    score: float = Field(1.0, description="0-1: the similarity of a kb_fuzzy match, else 1.0")
    ner_label: str | None = Field(
        None, description="the NER's label for exactly this span; null when it did not find it"
    )


class DateRecord(_Record):
    """A date expression and its normalized value."""

    document: str
    text: str
    value: str | None = Field(
        description="ISO-8601-style value at the precision given: 2023-11-17, 2023-11, 2019, "
        "200X; null when it cannot be placed (never a year the text does not give or imply)"
    )
    timex: str | None = Field(
        None,
        description="what the text states, TIMEX3-style, with X for what it leaves open: "
        "XXXX-07-18 (7月18日 without a year), XXXX-XX-18, XXXX-WXX-1 (月曜日), XXXX-Q1, 2021-SP "
        "(2021年春); equal to value when the value says it all; null when the text states "
        "no calendar date of its own (9年前 in an undated text)",
    )
    start: int
    end: int
    sentence: str
    kind: str = Field(
        "date",
        description="date, fuzzy, decade, century, fiscal_year, quarter, half, range, relative",
    )
    range_start: str | None = None
    range_end: str | None = None
    resolved: bool = Field(False, description="computed from the document date or context")
    anchor: str | None = Field(
        None,
        description="what a relative value was computed from: document (昨年, 先月: the "
        "document date) or context (同年, 翌日: the date last mentioned); null otherwise",
    )
    modifier: str | None = Field(
        None, description="a part of the period the text names: end (年末), start, spring ..."
    )
    time: str | None = Field(None, description="HH:MM when the text gives a time of day")


class Event(_Record):
    """Something that happened (or is planned) at a date, with its participants."""

    document: str
    date: str | None = Field(description="the date's normalized value")
    date_text: str
    date_start: str | None = Field(None, description="first value of a range date")
    date_end: str | None = Field(None, description="last value of a range date")
    date_inferred: bool = Field(
        False,
        description="the sentence states no date: the date is the one last stated before it "
        "in the same section (narrative time)",
    )
    trigger: str = Field(
        description="lemma of the verb or verbal noun the date attaches to (解任, 就任, 亡くなる)"
    )
    type: str = Field(
        description="what happened: founding, release, announcement, publication, dismissal, "
        "departure, joining, appointment (a post taken up), return, election, result "
        "(business and sports results, rankings), funding, investment, sale, acquisition, "
        "merger, partnership, meeting (talks, a visit, a press conference or ceremony "
        "held), award, statement (a position stated), legal (a suit, an arrest, a ruling, "
        "an appeal, a law), disaster, discovery, succession (a name or title taken over), "
        "birth, death, growth, study (a school entered or left, a research stay); other "
        "when no type fits (altnotes/data/triggers.toml)"
    )
    text: str = Field(description="the sentence")
    people: list[str] = Field(default_factory=list)
    organizations: list[str] = Field(default_factory=list)
    products: list[str] = Field(default_factory=list, description="products taking part")
    start: int = Field(0, description="offset of the date expression")
    end: int = 0


class DocumentInfo(_Record):
    """One input document."""

    id: str
    path: str | None = None
    title: str = ""
    date: str | None = None
    chars: int = 0
    people: int = 0
    organizations: int = 0
    dates: int = 0
    events: int = 0
    chunks: int = Field(
        0, description="how many pieces the parser was given: non-blank lines, long lines cut"
    )
    warnings: list[str] = Field(
        default_factory=list, description="what reading the file changed or left out"
    )
    text: str | None = Field(
        default=None,
        description="the text every offset indexes: the decoded file, BOM dropped, CRLF "
        "and CR as LF, NUL as U+FFFD; offsets count its code points. Null unless asked for "
        "(documents --text)",
    )


class Entity(_Record):
    """A person or organization aggregated over the corpus."""

    name: str = Field(description="canonical name")
    type: EntityType
    aliases: list[str] = Field(default_factory=list, description="surface forms seen")
    mentions: int = 0
    documents: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    affiliations: list[str] = Field(default_factory=list)
    wikidata: str | None = None
    in_kb: bool = Field(False, description="linked to the knowledge base")


class DocExtraction(_Record):
    """Everything extracted from one document: the unit that is cached."""

    document: DocumentInfo
    mentions: list[Mention] = Field(default_factory=list)
    dates: list[DateRecord] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    @classmethod
    def from_cache(cls, data: dict[str, Any]) -> DocExtraction:
        """Rebuild from our own model_dump, without validation (the cache checks its
        entries' integrity itself); unknown fields from an older layout raise KeyError."""

        def build(model: type[_R], items: dict[str, Any]) -> _R:
            unknown = set(items) - set(model.model_fields)
            if unknown:
                raise KeyError(f"{model.__name__}: unknown fields {sorted(unknown)}")
            return model.model_construct(**items)

        return cls.model_construct(
            document=build(DocumentInfo, data["document"]),
            mentions=[build(Mention, m) for m in data["mentions"]],
            dates=[build(DateRecord, d) for d in data["dates"]],
            events=[build(Event, e) for e in data["events"]],
        )


_R = TypeVar("_R", bound=_Record)

RECORD_TYPES: dict[str, type[BaseModel]] = {
    "entity": Entity,
    "mention": Mention,
    "date": DateRecord,
    "event": Event,
    "document": DocumentInfo,
}
