"""`altnotes report`: one self-contained HTML page over a corpus's records.

``build_report(extractions, options)`` returns the page as a string: a header (what was
read, the options used), people and organizations tables, a timeline of events by year
and every document with its mentions and dates highlighted by spaCy's displaCy in manual
mode (no model: it works from the records). Inline CSS only, no script, no external
resource. Every piece of article text is escaped; displaCy escapes the text it is given
but not labels or ids, so those are escaped here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

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
FONTS = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", '
FONTS += '"Yu Gothic", "YuGothic", "Meiryo", sans-serif'

CSS = f"""
* {{ box-sizing: border-box; }}
body {{ font-family: {FONTS}; margin: 0; padding: 1rem 2rem; color: #222;
  background: #fff; line-height: 1.6; max-width: 1280px; overflow-wrap: anywhere; }}
h1 {{ margin: 0.2em 0; }}
h2 {{ border-bottom: 2px solid #ddd; padding-bottom: 0.2em; margin-top: 2em; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }}
th, td {{ border: 1px solid #ddd; padding: 0.3em 0.5em; text-align: left;
  vertical-align: top; }}
th {{ background: #f4f4f4; }}
td.n {{ text-align: right; }}
.meta dt {{ font-weight: bold; float: left; clear: left; width: 9em; }}
.meta dd {{ margin-left: 10em; }}
.year {{ font-size: 1.2em; margin: 1em 0 0.3em; }}
ul.timeline {{ list-style: none; padding-left: 0; border-left: 3px solid #88a; }}
ul.timeline li {{ padding: 0.2em 0 0.2em 0.8em; }}
.date {{ font-weight: bold; font-family: monospace; }}
.inferred .date {{ color: #886; font-style: italic; }}
.inferred {{ color: #555; }}
.tag {{ font-size: 0.8em; background: #eee; border-radius: 0.3em; padding: 0 0.3em; }}
.doc {{ border: 1px solid #ddd; border-radius: 0.4em; padding: 0.5em 1em; margin: 1em 0; }}
.doc .entities {{ display: inline; line-height: 2.5 !important; }}
.sent:target {{ outline: 2px solid #e66; background: #fee; }}
.entity-section {{ margin: 0.6em 0; }}
a {{ color: #0645ad; }}
@media (max-width: 600px) {{
  body {{ padding: 0.5rem; font-size: 15px; }}
  table, thead, tbody, tr, th, td {{ display: block; }}
  thead {{ display: none; }}
  tr {{ border: 1px solid #ccc; margin-bottom: 0.5em; }}
  td, td.n {{ border: none; text-align: left; padding: 0.1em 0.5em; }}
  td[data-h]::before {{ content: attr(data-h) ": "; font-weight: bold; }}
  .meta dt {{ float: none; width: auto; }}
  .meta dd {{ margin-left: 0.5em; }}
  .doc {{ padding: 0.3em 0.5em; }}
}}
"""


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _slug(prefix: str, index: int) -> str:
    return f"{prefix}-{index}"


def build_report(extractions: Sequence[Any], options: dict[str, Any]) -> str:
    """The whole page for these extractions (documents with their text), as HTML."""
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
    parts = [
        "<!DOCTYPE html>",
        '<html lang="ja"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>altnotes report</title>",
        f"<style>{CSS}</style></head><body>",
        _header(exts, options),
        _entity_table("People", people, anchors),
        _entity_table("Organizations", orgs, anchors),
        _timeline(exts, doc_ids),
        _entity_sections(people + orgs, exts, anchors, doc_ids),
        f'<h2 id="documents">Documents</h2><p>{legend()}</p>',
        *(_document(ext, doc_ids[ext.document.id], anchors) for ext in exts),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _header(exts: list[Any], options: dict[str, Any]) -> str:
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
    dl = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows)
    nav = (
        '<p><a href="#people">People</a> · <a href="#organizations">Organizations</a> · '
        '<a href="#timeline">Timeline</a> · <a href="#entities">Entities</a> · '
        '<a href="#documents">Documents</a></p>'
    )
    return f'<header><h1>altnotes report</h1><dl class="meta">{dl}</dl>{nav}</header>'


def _name_cell(e: Any, anchors: dict[tuple[str, str], str]) -> str:
    link = f'<a href="#{anchors[(e.type, e.name)]}">{esc(e.name)}</a>'
    if e.wikidata:
        link += f' <a class="tag" href="{esc(WIKIDATA.format(e.wikidata))}">{esc(e.wikidata)}</a>'
    return link


def _entity_table(title: str, entities: list[Any], anchors: dict[tuple[str, str], str]) -> str:
    heads = ["name", "other names", "mentions", "documents", "roles", "affiliations"]
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
        rows.append(
            "<tr>"
            + "".join(
                f'<td data-h="{h}"{" class=n" if h in ("mentions", "documents") else ""}>{c}</td>'
                for h, c in zip(heads, cells, strict=True)
            )
            + "</tr>"
        )
    head = "".join(f"<th>{h}</th>" for h in heads)
    return (
        f'<h2 id="{title.lower()}">{esc(title)} ({len(entities)})</h2>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


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


def _timeline(exts: list[Any], doc_ids: dict[str, str]) -> str:
    from ..query.timeline import date_label, sort_events

    events = sort_events([ev for e in exts for ev in e.events])
    texts = {e.document.id: e.document.text or "" for e in exts}
    segments = {d: _segments(t) for d, t in texts.items()}
    out = ['<h2 id="timeline">Timeline</h2>']
    out.append(
        '<p><span class="date">2023-11-17</span> a date the sentence states; '
        '<span class="inferred"><span class="date">~2023-11</span> inferred</span>: the '
        "date last stated before it.</p>"
    )
    year = None
    for ev in events:
        y = (ev.date or "?")[:4]
        if y != year:
            if year is not None:
                out.append("</ul>")
            out.append(f'<div class="year">{esc(y)}</div><ul class="timeline">')
            year = y
        target = _sentence_anchor(
            doc_ids[ev.document],
            _segment_of(segments[ev.document], _sentence_offset(texts[ev.document], ev)),
        )
        who = [*ev.people, *ev.organizations, *ev.products]
        cls = ' class="inferred"' if ev.date_inferred else ""
        out.append(
            f'<li{cls}><span class="date">{esc(date_label(ev))}</span> '
            f'<span class="tag">{esc(ev.type)}</span> {esc(ev.trigger)} '
            f"{esc('、'.join(who))} — "
            f'<a href="#{target}">{esc(ev.text)}</a></li>'
        )
    if year is not None:
        out.append("</ul>")
    return "\n".join(out)


def _entity_sections(
    entities: list[Any],
    exts: list[Any],
    anchors: dict[tuple[str, str], str],
    doc_ids: dict[str, str],
) -> str:
    titles = {e.document.id: e.document.title or e.document.id for e in exts}
    out = ['<h2 id="entities">Entities</h2>']
    for e in entities:
        docs = ", ".join(
            f'<a href="#{doc_ids[d]}">{esc(titles.get(d, d))}</a>'
            for d in e.documents
            if d in doc_ids
        )
        kind = "person" if e.type == "PERSON" else "organization"
        wd = (
            f' · <a href="{esc(WIKIDATA.format(e.wikidata))}">Wikidata {esc(e.wikidata)}</a>'
            if e.wikidata
            else ""
        )
        out.append(
            f'<div class="entity-section" id="{anchors[(e.type, e.name)]}">'
            f"<strong>{esc(e.name)}</strong> ({kind}, {esc(e.mentions)} mentions){wd}<br>"
            f"names: {esc('、'.join(e.aliases))}<br>documents: {docs}</div>"
        )
    return "\n".join(out)


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


def _document(ext: Any, anchor: str, anchors: dict[tuple[str, str], str]) -> str:
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
        pieces.append(
            f'<span class="sent" id="{_sentence_anchor(anchor, seg_start)}">{rendered}</span>'
        )
    meta = " · ".join(esc(x) for x in (doc.id, doc.date, f"{doc.chars} characters", doc.path) if x)
    return (
        f'<section class="doc" id="{anchor}"><h3>{esc(doc.title or doc.id)}</h3>'
        f"<p><small>{meta}</small></p>{''.join(pieces)}</section>"
    )


def legend(kinds: Iterable[str] = (*SHOWN, "DATE")) -> str:
    return " ".join(
        f'<mark style="background:{COLORS[k]};padding:0 0.3em">{esc(k)}</mark>' for k in kinds
    )
