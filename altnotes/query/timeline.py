"""Ordering and filtering events on a timeline (no extraction, no output)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .dates import parse_date_value

if TYPE_CHECKING:
    from ..records import Event


def _span(event: Event) -> tuple[dt.date, dt.date] | None:
    return parse_date_value(event.date) if event.date else None


def sort_events(events: Sequence[Event]) -> list[Event]:
    """By date (less precise dates first within their period), undated last."""
    far = dt.date.max

    def key(e: Event) -> tuple[dt.date, dt.date, str, int]:
        span = _span(e)
        return (span[0], span[1], e.document, e.start) if span else (far, far, e.document, e.start)

    return sorted(events, key=key)


def filter_events(
    events: Sequence[Event],
    types: Sequence[str] | None = None,
    person: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    undated: bool = False,
) -> list[Event]:
    out = []
    wanted = {t.lower() for t in types or []}
    for e in events:
        if wanted and e.type not in wanted:
            continue
        if person and person.casefold() not in {p.casefold() for p in e.people}:
            continue
        span = _span(e)
        if span is None:
            if not undated or since or until:
                continue
        else:
            if since and span[1] < since:
                continue
            if until and span[0] > until:
                continue
        out.append(e)
    return out


def date_label(event: Event) -> str:
    """An event's date as tables and the report show it: ~2015 when inferred from the
    text before it, ? and the words when it has no value."""
    if event.date is None:
        return f"? {event.date_text}"
    return f"~{event.date}" if event.date_inferred else str(event.date)
