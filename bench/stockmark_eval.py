"""Span-exact NER scores on the Stockmark Japanese Wikipedia NER dev split: altnotes'
mentions (each sentence a document, as `altnotes mentions --jsonl` over one file per
sentence gives them) against raw GiNZA's entity spans.

    python bench/stockmark_eval.py [--split dev] [--data ../shared/data/stockmark-ner]

ORG = 法人名 + 政治的組織名 + その他の組織名; PERSON = 人名. The test tenth is withheld on
purpose and is not read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOLD_TYPES = {
    "人名": "PERSON",
    "法人名": "ORG",
    "政治的組織名": "ORG",
    "その他の組織名": "ORG",
}


def score(pred: set, gold: set, label: str) -> str:
    p = {x for x in pred if x[-1] == label}
    g = {x for x in gold if x[-1] == label}
    tp = len(p & g)
    prec = tp / len(p) if p else 1.0
    rec = tp / len(g) if g else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return (
        f"{label:<7} P {prec:.3f} R {rec:.3f} F1 {f1:.3f} (tp {tp}, pred {len(p)}, gold {len(g)})"
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "stockmark-ner"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    records = json.loads((Path(args.data) / f"{args.split}.json").read_text(encoding="utf-8"))
    if args.limit:
        records = records[: args.limit]

    from altnotes.pipeline.corpus import Document
    from altnotes.pipeline.extract import Settings, extract_documents

    gold: set = set()
    for k, r in enumerate(records):
        for e in r["entities"]:
            if e["type"] in GOLD_TYPES:
                gold.add((k, e["span"][0], e["span"][1], GOLD_TYPES[e["type"]]))
    docs = [Document(f"s{k:04d}", r["text"]) for k, r in enumerate(records)]
    settings = Settings(use_cache=False, workers=2)
    pred: set = set()
    for ext in extract_documents(docs, settings):
        k = int(ext.document.id[1:])
        for m in ext.mentions:
            if m.type in ("PERSON", "ORG"):
                pred.add((k, m.start, m.end, m.type))
    from tools.evaluate import ginza_entities

    ginza = {
        (k, s, e, t)
        for k, ents in enumerate(ginza_entities([r["text"] for r in records]))
        for s, e, t in ents
    }
    print(f"Stockmark {args.split}: {len(records)} sentences, span-exact")
    for name, p in (("GiNZA", ginza), ("altnotes", pred)):
        print(name)
        for label in ("ORG", "PERSON"):
            print("  " + score(p, gold, label))
    if args.errors:
        c = Counter()
        for k, s, e, t in sorted(pred - gold)[:60]:
            print(
                "FP", t, records[k]["text"][s:e], "|", records[k]["text"][max(0, s - 10) : e + 10]
            )
        for k, s, e, t in sorted(gold - pred)[:60]:
            print(
                "FN", t, records[k]["text"][s:e], "|", records[k]["text"][max(0, s - 10) : e + 10]
            )
        del c
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
