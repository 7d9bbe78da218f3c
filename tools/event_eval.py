#!/usr/bin/env python3
"""Score altnotes' events against hand-labelled event gold, with the measures of the
events issue:

- recall: a gold event is found when an event of its document has the gold date and
  shares one of its participants (people or organizations; a gold event without
  participants is found by its date alone);
- precision: of the dated events altnotes gives, the share whose date is the date of a
  gold event of the same document;
- type right: of the gold events found, the share found by an event of the gold type;
- other: the share of dated events typed ``other``.

usage: python tools/event_eval.py GOLD TEXTS [--gold-dates GOLD2] [--ids ID,ID|--prefix P]
                                  [--parses FILE] [--errors]

GOLD: a JSON file ``{"documents": {id: {"events": [...], "doc_date": ..., "aliases": ...}}}``
(or ``{id: {...}}``, or ``{id: [events]}``); each event has ``date`` and ``type`` and may
have ``people`` and ``organizations`` (canonical names; a labelled alias counts for its
name). ``--gold-dates``: another gold file of the same documents that gives ``doc_date``
and ``aliases`` (when the events file lacks them). TEXTS: the folder of ``ID.txt`` files.
``--ids`` / ``--prefix`` keep only those documents (the others are never read).
``--parses``: a recording of parses (altnotes.pipeline.recorded) to replay, parsing and
adding what is missing. ``--errors``: list missed gold events and undated-gold events.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any


def load_gold(path: Path) -> dict[str, dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    docs = data.get("documents", data) if isinstance(data, dict) else {}
    out: dict[str, dict[str, Any]] = {}
    for doc_id, g in docs.items():
        out[doc_id] = {"events": g} if isinstance(g, list) else dict(g)
    return out


def _extract(doc_ids: list[str], texts: Path, gold: dict, parses: Path | None) -> dict:
    from altnotes.pipeline.corpus import Document
    from altnotes.pipeline.extract import Settings, extract_document

    if parses is not None:
        from altnotes.pipeline.nlp import Engine
        from altnotes.pipeline.recorded import RecordedEngine, Recording

        recording = Recording(parses)
        engine: Any = RecordedEngine(recording, Engine(1))
    else:
        from altnotes.pipeline.nlp import Engine

        engine = Engine(1)
    out = {}
    try:
        for doc_id in doc_ids:
            text = (texts / f"{doc_id}.txt").read_text(encoding="utf-8")
            doc = Document(doc_id, text)
            doc_date = gold[doc_id].get("doc_date")
            settings = Settings(doc_date=dt.date.fromisoformat(doc_date) if doc_date else None)
            out[doc_id] = extract_document(doc, engine.submit(doc.text)(), settings)
    finally:
        engine.close()
    if parses is not None:
        recording.save()
    return out


def score(
    gold: dict[str, dict[str, Any]], exts: dict, errors: bool = False, inferred: bool = True
) -> dict[str, Any]:
    n_gold = found = typed = by_date = 0
    dated = right_date = other = 0
    lines: list[str] = []
    pairs_pred: set[tuple[str, str, str]] = set()
    pairs_gold: set[tuple[str, str, str]] = set()
    for doc_id, g in gold.items():
        pairs_pred |= {
            (doc_id, e.date, e.type) for e in exts[doc_id].events if e.date and not e.date_inferred
        }
        pairs_gold |= {(doc_id, e["date"], e["type"]) for e in g.get("events", []) if e.get("date")}
        aliases = g.get("aliases", {})
        by_alias = {a: name for name, forms in aliases.items() for a in forms}
        events = [e for e in exts[doc_id].events if e.date and (inferred or not e.date_inferred)]
        gold_events = [e for e in g.get("events", []) if e.get("date")]
        gold_dates = {e["date"] for e in gold_events}
        for e in events:
            dated += 1
            right_date += e.date in gold_dates
            other += e.type == "other"
        for ge in gold_events:
            n_gold += 1
            by_date += any(e.date == ge["date"] for e in events)
            want = {by_alias.get(n, n) for n in ge.get("people", []) + ge.get("organizations", [])}
            matches = [
                e
                for e in events
                if e.date == ge["date"]
                and (not want or want & {by_alias.get(n, n) for n in e.people + e.organizations})
            ]
            if matches:
                found += 1
                typed += any(e.type == ge["type"] for e in matches)
                if errors and not any(e.type == ge["type"] for e in matches):
                    got = sorted({f"{e.type}({e.trigger})" for e in matches})
                    lines.append(f"{doc_id}: typed {got}, gold {ge['type']}: {_desc(ge)}")
            elif errors:
                lines.append(f"{doc_id}: missed {ge['date']} {ge['type']}: {_desc(ge)}")
        if errors:
            lines += [
                f"{doc_id}: extra {e.date} {e.type} ({e.trigger}) {e.people} {e.organizations}"
                for e in events
                if e.date not in gold_dates
            ]
    return {
        "gold_events": n_gold,
        "recall": found / n_gold if n_gold else 1.0,
        "recall_by_date": by_date / n_gold if n_gold else 1.0,
        "dated_events": dated,
        "precision": right_date / dated if dated else 1.0,
        "type_right": typed / found if found else 1.0,
        "other_share": other / dated if dated else 0.0,
        "errors": lines,
        # `make eval`'s measure: (date, type) pairs of events stated with their date
        "pairs_precision": len(pairs_pred & pairs_gold) / len(pairs_pred) if pairs_pred else 1.0,
        "pairs_recall": len(pairs_pred & pairs_gold) / len(pairs_gold) if pairs_gold else 1.0,
    }


def _desc(ge: dict[str, Any]) -> str:
    who = ge.get("people", []) + ge.get("organizations", [])
    return f"{ge.get('description') or ge.get('trigger', '')} {who}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("texts", type=Path)
    ap.add_argument("--gold-dates", type=Path)
    ap.add_argument("--ids")
    ap.add_argument("--prefix")
    ap.add_argument("--parses", type=Path)
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--show", action="store_true", help="print every event of each document")
    ap.add_argument(
        "--no-inferred", action="store_true", help="leave out events dated by narrative time"
    )
    args = ap.parse_args(argv)
    gold = load_gold(args.gold)
    if args.ids:
        keep = set(args.ids.split(","))
        gold = {k: v for k, v in gold.items() if k in keep}
    if args.prefix:
        gold = {k: v for k, v in gold.items() if k.startswith(args.prefix)}
    if args.gold_dates:
        extra = load_gold(args.gold_dates)
        for doc_id, g in gold.items():
            for key in ("doc_date", "aliases"):
                if key not in g and key in extra.get(doc_id, {}):
                    g[key] = extra[doc_id][key]
    if not gold:
        print("no documents to score", file=sys.stderr)
        return 2
    exts = _extract(sorted(gold), args.texts, gold, args.parses)
    s = score(gold, exts, args.errors, inferred=not args.no_inferred)
    if args.show:
        for doc_id, ext in exts.items():
            print(f"== {doc_id} ({ext.document.date})")
            for e in ext.events:
                mark = "~" if e.date_inferred else " "
                print(
                    f"  {e.date}{mark} {e.type} {e.trigger} {e.people} {e.organizations}"
                    f" | {e.date_text} | {e.text[:60]}"
                )
    print(
        f"documents {len(gold)}  gold events {s['gold_events']}  dated events {s['dated_events']}\n"
        f"  recall {s['recall']:.3f}  precision (dated) {s['precision']:.3f}  "
        f"type right {s['type_right']:.3f}  typed other {s['other_share']:.0%}  "
        f"(recall by date alone {s['recall_by_date']:.3f})\n"
        f"  (date, type) pairs: P {s['pairs_precision']:.3f}  R {s['pairs_recall']:.3f}"
    )
    for line in s["errors"]:
        print("   ", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
