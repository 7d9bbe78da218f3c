"""Other programs' formats: TimelineJS3 (`events --timelinejs`) and Label Studio
pre-annotations (`mentions --label-studio`), as plain JSON-ready data."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from typing import Any

_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def timeline_date(value: str | None) -> dict[str, str] | None:
    """A date value at its precision as TimelineJS fields: 2023-11 -> year and month;
    None for what is not a calendar date (200X, null)."""
    m = _DAY.match(value or "")
    if not m:
        return None
    fields = dict(zip(("year", "month", "day"), m.groups(), strict=True))
    return {k: str(int(v)) for k, v in fields.items() if v is not None}


def timelinejs(events: list[Any]) -> dict[str, Any]:
    """TimelineJS3's JSON: one slide per event a calendar date places; an inferred date
    is shown "~2019" in the headline. TimelineJS reads text as HTML: it is escaped."""
    slides = []
    for ev in events:
        start = timeline_date(ev.date_start or ev.date)
        if start is None:
            continue
        shown = f"~{ev.date}" if ev.date_inferred else ev.date
        who = [*ev.people, *ev.organizations, *ev.products]
        headline = f"{shown} {ev.trigger}" + (f": {'、'.join(who)}" if who else "")
        slide: dict[str, Any] = {
            "start_date": start,
            "text": {
                "headline": html.escape(headline),
                "text": html.escape(ev.text) + f"<br><small>{html.escape(ev.document)}</small>",
            },
            "group": ev.type,
        }
        end = timeline_date(ev.date_end) if ev.date_end else None
        if end is not None and ev.date_start:
            slide["end_date"] = end
        slides.append(slide)
    return {"events": slides}


def label_studio(mentions: list[Any], exts: list[Any], version: str) -> list[dict[str, Any]]:
    """Label Studio tasks: one per document, its text in data.text and the mentions as one
    prediction of `labels` results (from_name "label", to_name "text")."""
    by_doc: dict[str, list[Any]] = defaultdict(list)
    for m in mentions:
        by_doc[m.document].append(m)
    tasks = []
    for ext in exts:
        doc = ext.document
        results = [
            {
                "id": f"m{i}",
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "value": {"start": m.start, "end": m.end, "text": m.text, "labels": [m.type]},
                "score": m.score,
                "meta": {"entity": m.entity, "method": m.method},
            }
            for i, m in enumerate(by_doc.get(doc.id, []))
        ]
        scores = [r["score"] for r in results]
        tasks.append(
            {
                "data": {"text": doc.text or "", "document": doc.id, "title": doc.title},
                "predictions": [
                    {
                        "model_version": version,
                        "score": min(scores) if scores else 1.0,
                        "result": results,
                    }
                ],
            }
        )
    return tasks
