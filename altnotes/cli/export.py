"""`altnotes export --sqlite`: the records as a SQLite database, with sqlite-utils.

Tables: documents, entities (views people and organizations), mentions, dates, events,
event_participants, with foreign keys; full-text search on mention sentences and event
texts. Every table has a primary key made of the record's own fields, so exporting a
grown folder again upserts: no duplicate rows, and nothing already there is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..lite import plain

ROLES = (("people", "PERSON"), ("organizations", "ORG"), ("products", "PRODUCT"))


def entity_id(etype: str, name: str) -> str:
    return f"{etype}:{name}"


def event_id(ev: Any) -> str:
    """Document, date offsets, trigger and the sentence: an event whose date is inferred
    has the offsets of the date it inherits, which other events share."""
    import hashlib

    sentence = hashlib.sha1(ev.text.encode("utf-8")).hexdigest()[:10]
    return f"{ev.document}:{ev.start}:{ev.end}:{ev.trigger}:{sentence}"


def tables(exts: Sequence[Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table, from the extractions."""
    from ..lite import Rec
    from ..query.entities import aggregate

    types = sorted({m.type for e in exts for m in e.mentions if m.entity})
    entities: list[dict[str, Any]] = []
    names: dict[tuple[str, str], str] = {}
    for etype in types:
        for ent in aggregate(exts, (etype,), make=Rec):
            eid = entity_id(etype, ent.name)
            row = plain(ent)
            row["documents"] = list(ent.documents)
            entities.append({"id": eid, **row})
            for alias in [*ent.aliases, ent.name]:
                names.setdefault((etype, alias), eid)
            names[(etype, ent.name)] = eid

    def linked(etype: str, *candidates: str | None) -> str | None:
        for name in candidates:
            if name and (etype, name) in names:
                return names[(etype, name)]
        return None

    documents: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    dates: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    participants: list[dict[str, Any]] = []
    for ext in exts:
        doc = plain(ext.document)
        doc.pop("text", None)
        documents.append(doc)
        for m in ext.mentions:
            row = plain(m)
            row["entity_id"] = linked(m.type, m.entity, m.text) if m.entity else None
            mentions.append(row)
        dates.extend(plain(d) for d in ext.dates)
        for ev in ext.events:
            eid = event_id(ev)
            events.append({"id": eid, **plain(ev)})
            for field, etype in ROLES:
                for name in getattr(ev, field):
                    who = linked(etype, name)
                    if who is not None:
                        participants.append({"event": eid, "entity": who, "role": field})
    return {
        "documents": documents,
        "entities": entities,
        "mentions": mentions,
        "dates": dates,
        "events": events,
        "event_participants": participants,
    }


SCHEMA: dict[str, dict[str, Any]] = {
    "documents": {"pk": "id"},
    "entities": {"pk": "id"},
    "mentions": {
        "pk": ("document", "start", "end"),
        "foreign_keys": [("document", "documents", "id"), ("entity_id", "entities", "id")],
    },
    "dates": {
        "pk": ("document", "start", "end"),
        "foreign_keys": [("document", "documents", "id")],
    },
    "events": {"pk": "id", "foreign_keys": [("document", "documents", "id")]},
    "event_participants": {
        "pk": ("event", "entity", "role"),
        "foreign_keys": [("event", "events", "id"), ("entity", "entities", "id")],
    },
}
COLUMN_TYPES: dict[str, dict[str, type]] = {
    "mentions": {"entity_id": str},
    "events": {"document": str},
}
FTS = {"mentions": ["sentence", "text"], "events": ["text"]}
VIEWS = {
    "people": "select * from entities where type = 'PERSON'",
    "organizations": "select * from entities where type = 'ORG'",
}


def write_sqlite(exts: Sequence[Any], path: Path) -> dict[str, int]:
    """Upsert the extractions into the database at ``path``; the row count of each table
    after it."""
    import sqlite3

    import sqlite_utils

    rows = tables(exts)
    db = sqlite_utils.Database(path)
    db.conn.execute("PRAGMA foreign_keys = ON")
    with db.conn:
        for name, spec in SCHEMA.items():
            table = db.table(name)
            if not table.exists():
                table.create(
                    _columns(rows[name], COLUMN_TYPES.get(name, {}), spec["pk"]),
                    pk=spec["pk"],
                    foreign_keys=spec.get("foreign_keys"),
                )
            if rows[name]:
                table.upsert_all(rows[name], pk=spec["pk"], alter=True)
    trigram = sqlite3.sqlite_version_info >= (3, 34)
    for name, columns in FTS.items():
        table = db.table(name)
        if not table.detect_fts():
            table.enable_fts(columns, create_triggers=True, tokenize="trigram" if trigram else None)
    for view, sql in VIEWS.items():
        db.create_view(view, sql, replace=True)
    return {name: db.table(name).count for name in SCHEMA}


def _columns(
    rows: list[dict[str, Any]], extra: dict[str, type], pk: str | tuple[str, ...]
) -> dict[str, type]:
    """Column types for a new table: from the first row (lists as JSON text), the primary
    key's columns always present."""
    columns: dict[str, type] = {}
    for key, value in (rows[0] if rows else {}).items():
        if isinstance(value, int):  # bool too
            columns[key] = int
        elif isinstance(value, float):
            columns[key] = float
        else:
            columns[key] = str
    for key in (pk,) if isinstance(pk, str) else pk:
        columns.setdefault(key, int if key in ("start", "end") else str)
    for key, kind in extra.items():
        columns.setdefault(key, kind)
    return columns
