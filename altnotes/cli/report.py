"""`altnotes report`: one self-contained HTML page over a corpus's records.

``build_report(extractions, options)`` returns the page as a string: a header (what was
read, the options used), people and organizations tables, a timeline of events by year
and every document with its mentions and dates highlighted by spaCy's displaCy in manual
mode (no model: it works from the records). The markup is the Jinja2 template
templates/report.html.j2; this module prepares the values. Inline CSS only, no script,
no external resource. Every piece of article text is escaped; displaCy escapes the text it is given
but not labels or ids, so those are escaped here.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import jinja2

SHOWN = ("PERSON", "ORG", "GPE", "LOC", "PRODUCT")
COLORS = {
    "PERSON": "#ffd59e",
    "ORG": "#b9dcff",
    "GPE": "#c8f0c0",
    "LOC": "#d9f5d3",
    "PRODUCT": "#f3c8f0",
    "DATE": "#fff3a0",
}
WIKIDATA = "https://www.wikidata.org/wiki/{}"
TEMPLATES = Path(__file__).resolve().parent / "templates"
HEADS = ("name", "other names", "mentions", "documents", "roles", "affiliations")


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _slug(prefix: str, index: int) -> str:
    return f"{prefix}-{index}"


def build_report(extractions: Sequence[Any], options: dict[str, Any]) -> str:
    """The whole page for these extractions (documents with their text), as HTML: the
    values here, the markup in templates/report.html.j2."""
    from ..lite import Rec
    from ..query.entities import aggregate

    exts = list(extractions)
    people = aggregate(exts, ("PERSON",), make=Rec)
    orgs = aggregate(exts, ("ORG",), make=Rec)
    anchors: dict[tuple[str, str], str] = {}
    for prefix, group in (("person", people), ("org", orgs)):
        for i, e in enumerate(group):
            anchors[(e.type, e.name)] = _slug(prefix, i)
    doc_ids = {e.document.id: _slug("doc", i) for i, e in enumerate(exts)}
    return _template().render(
        header=_header(exts, options),
        heads=HEADS,
        numeric=("mentions", "documents"),
        tables=[
            {"id": "people", "title": "People", "rows": _entity_rows(people, anchors)},
            {"id": "organizations", "title": "Organizations", "rows": _entity_rows(orgs, anchors)},
        ],
        years=_timeline(exts, doc_ids),
        sections=_entity_sections(people + orgs, exts, anchors, doc_ids),
        legend_html=legend(),
        documents=[_document(ext, doc_ids[ext.document.id], anchors) for ext in exts],
    )


@functools.cache
def _template() -> jinja2.Template:
    # autoescape off: values are escaped with the esc filter (html.escape), as the page
    # was before it had a template; the *_html values are markup made of escaped parts
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["esc"] = esc
    return env.get_template("report.html.j2")


def _header(exts: list[Any], options: dict[str, Any]) -> list[tuple[str, str]]:
    chars = sum(e.document.chars for e in exts)
    doc_dates = sorted(d for d in (e.document.date for e in exts) if d)
    values = sorted(
        ev.date
        for e in exts
        for ev in e.events
        if ev.date and not ev.date_inferred and re.match(r"\d{4}", ev.date)
    )
    rows = [
        ("documents", str(len(exts))),
        ("characters", f"{chars:,}"),
        ("document dates", f"{doc_dates[0]} – {doc_dates[-1]}" if doc_dates else "none"),
        ("events dated", f"{values[0]} – {values[-1]}" if values else "none"),
    ]
    shown_opts = [(k, v) for k, v in options.items() if v not in (None, [], (), False, "")]
    opts = ", ".join(f"{k}={v}" for k, v in shown_opts) or "defaults (the bundled corpus)"
    rows.append(("options", opts))
    return rows


def _name_cell(e: Any, anchors: dict[tuple[str, str], str]) -> str:
    link = f'<a href="#{anchors[(e.type, e.name)]}">{esc(e.name)}</a>'
    if e.wikidata:
        link += f' <a class="tag" href="{esc(WIKIDATA.format(e.wikidata))}">{esc(e.wikidata)}</a>'
    return link


def _entity_rows(
    entities: list[Any], anchors: dict[tuple[str, str], str]
) -> list[list[tuple[str, str]]]:
    """Each entity's cells, as markup, paired with their column's name."""
    rows = []
    for e in entities:
        cells = [
            _name_cell(e, anchors),
            esc("、".join(a for a in e.aliases if a != e.name)),
            esc(e.mentions),
            esc(len(e.documents)),
            esc("、".join(e.roles)),
            esc("、".join(e.affiliations)),
        ]
        rows.append(list(zip(HEADS, cells, strict=True)))
    return rows


def _sentence_anchor(doc_anchor: str, offset: int) -> str:
    return f"{doc_anchor}-s{offset}"


def _segments(text: str) -> list[tuple[int, int]]:
    """The text cut after each 。！？ and line break: (start, end) of each piece."""
    cuts, start = [], 0
    for m in re.finditer(r"[。！？!?]+[」』)）]*|\n+", text):
        cuts.append((start, m.end()))
        start = m.end()
    if start < len(text):
        cuts.append((start, len(text)))
    return cuts


def _segment_of(segments: list[tuple[int, int]], offset: int) -> int:
    for s, e in segments:
        if s <= offset < e:
            return s
    return segments[-1][0] if segments else 0


def _sentence_offset(text: str, ev: Any) -> int:
    """Where the event's sentence is: an inferred date's offsets are those of the date
    it inherits, in an earlier sentence; so look for the sentence itself from there."""
    found = text.find(ev.text, max(0, ev.start - len(ev.text))) if ev.text else -1
    if found < 0 and ev.text:
        found = text.find(ev.text)
    return found if found >= 0 else ev.start


def _timeline(exts: list[Any], doc_ids: dict[str, str]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The events by year, in order: each with its date label and its sentence's anchor."""
    from ..query.timeline import date_label, sort_events

    events = sort_events([ev for e in exts for ev in e.events])
    texts = {e.document.id: e.document.text or "" for e in exts}
    segments = {d: _segments(t) for d, t in texts.items()}
    years: list[tuple[str, list[dict[str, Any]]]] = []
    for ev in events:
        y = (ev.date or "?")[:4]
        if not years or years[-1][0] != y:
            years.append((y, []))
        target = _sentence_anchor(
            doc_ids[ev.document],
            _segment_of(segments[ev.document], _sentence_offset(texts[ev.document], ev)),
        )
        years[-1][1].append(
            {
                "inferred": ev.date_inferred,
                "date": date_label(ev),
                "type": ev.type,
                "trigger": ev.trigger,
                "who": "、".join([*ev.people, *ev.organizations, *ev.products]),
                "target": target,
                "text": ev.text,
            }
        )
    return years


def _entity_sections(
    entities: list[Any],
    exts: list[Any],
    anchors: dict[tuple[str, str], str],
    doc_ids: dict[str, str],
) -> list[dict[str, Any]]:
    titles = {e.document.id: e.document.title or e.document.id for e in exts}
    out = []
    for e in entities:
        docs = ", ".join(
            f'<a href="#{doc_ids[d]}">{esc(titles.get(d, d))}</a>'
            for d in e.documents
            if d in doc_ids
        )
        out.append(
            {
                "anchor": anchors[(e.type, e.name)],
                "name": e.name,
                "kind": "person" if e.type == "PERSON" else "organization",
                "mentions": e.mentions,
                "wikidata": e.wikidata,
                "wikidata_url": WIKIDATA.format(e.wikidata) if e.wikidata else "",
                "aliases": "、".join(e.aliases),
                "documents_html": docs,
            }
        )
    return out


def _spans(ext: Any) -> list[dict[str, Any]]:
    """displaCy's manual entity spans: mentions of the shown types and dates, labelled by
    canonical name (or normalized value), no overlaps, in order."""
    candidates = []
    for m in ext.mentions:
        if m.type in SHOWN:
            label = m.entity or m.text
            candidates.append((m.start, m.end, m.type, label, m.wikidata or ""))
    for d in ext.dates:
        candidates.append((d.start, d.end, "DATE", d.value or d.text, ""))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    spans: list[dict[str, Any]] = []
    last = 0
    for start, end, kind, label, kb_id in candidates:
        if start < last or end <= start:
            continue
        spans.append({"start": start, "end": end, "kind": kind, "label": label, "kb_id": kb_id})
        last = end
    return spans


def _document(ext: Any, anchor: str, anchors: dict[tuple[str, str], str]) -> dict[str, Any]:
    from spacy import displacy

    doc = ext.document
    text = doc.text or ""
    spans = _spans(ext)
    pieces = []
    for seg_start, seg_end in _segments(text):
        inside = [s for s in spans if seg_start <= s["start"] and s["end"] <= seg_end]
        labels: dict[str, str] = {}
        ents = []
        for s in inside:
            # displaCy inserts labels and ids as they are, and looks colours up by
            # label.upper(): escape here, colour by a label unique to the span's type
            label = esc(s["label"])
            labels[label.upper()] = COLORS[s["kind"]]
            ents.append(
                {
                    "start": s["start"] - seg_start,
                    "end": s["end"] - seg_start,
                    "label": label,
                    "kb_id": esc(s["kb_id"]),
                }
            )
        rendered = displacy.render(
            {"text": text[seg_start:seg_end], "ents": ents, "title": None},
            style="ent",
            manual=True,
            page=False,
            jupyter=False,
            options={"kb_url_template": WIKIDATA, "colors": labels},
        )
        pieces.append((_sentence_anchor(anchor, seg_start), rendered))
    meta = " · ".join(esc(x) for x in (doc.id, doc.date, f"{doc.chars} characters", doc.path) if x)
    return {"anchor": anchor, "title": doc.title or doc.id, "meta_html": meta, "pieces": pieces}


def legend(kinds: Iterable[str] = (*SHOWN, "DATE")) -> str:
    return " ".join(
        f'<mark style="background:{COLORS[k]};padding:0 0.3em">{esc(k)}</mark>' for k in kinds
    )
