"""Records read back from the cache as plain data, for the fast query path.

Defining pydantic models costs more at start-up than importing typer, rich and pydantic
together (~0.1 s here). A query over cached extractions needs none of it: the entries are
our own model_dump, checked by their checksum. ``Rec`` is a dict whose keys read as
attributes, so the same aggregation, filtering and rendering code serves both; the JSON
printed is the same byte for byte (tests/test_cli.py checks it). The pydantic classes of
models.py stay the contract: the library API, the JSON Schema, validation of new records.
"""

from __future__ import annotations

from typing import Any


class Rec(dict):  # type: ignore[type-arg]
    """A record's fields as a dict, readable as attributes (rec.name)."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def extraction_from_cache(data: dict[str, Any]) -> Rec:
    """A cached DocExtraction as Recs: document, mentions, dates, events."""
    return Rec(
        document=Rec(data["document"]),
        mentions=[Rec(m) for m in data["mentions"]],
        dates=[Rec(d) for d in data["dates"]],
        events=[Rec(e) for e in data["events"]],
    )


def plain(record: Any) -> dict[str, Any]:
    """A record as JSON-ready data: a lite.Rec is already that; our flat pydantic records
    (strings, numbers, lists of strings) are read field by field, which spares building
    pydantic's serializer; anything else goes through model_dump."""
    if isinstance(record, dict):
        return dict(record)
    out: dict[str, Any] = {}
    for name in type(record).model_fields:
        value = getattr(record, name)
        if hasattr(value, "model_fields") or (
            isinstance(value, list) and value and not isinstance(value[0], str | int | float)
        ):
            return record.model_dump(mode="json")  # type: ignore[no-any-return]
        out[name] = list(value) if isinstance(value, list) else value
    return out
