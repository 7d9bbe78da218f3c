"""Convert the labelled NER sets to spaCy DocBins for `spacy train` (training/config.cfg).

Tokenised exactly as altnotes tokenises at run time: ja_ginza's tokenizer (Sudachi, split
mode C, sudachidict_core), whose tokens carry the TAG and NORM the recognizer reads. The
reference docs keep those attributes, so `spacy train` (which re-tokenises the text with the
config's tokenizer, the same one) sees the features the shipped component sees.

Label mapping (to the six labels of altnotes' NER):

Stockmark (ner-wikipedia-dataset v2.0): 人名 PERSON; 法人名, 政治的組織名, その他の組織名 ORG;
地名 LOC; 施設名 FAC; 製品名 PRODUCT; イベント名 EVENT.

UD Japanese GSD + Megagon NE (OntoNotes 5 labels):
- PERSON -> PERSON; ORG -> ORG; FAC, PRODUCT, EVENT as they are.
- GPE and LOC -> LOC: Stockmark's 地名 holds both countries and cities (GPE) and natural
  places (LOC), and altnotes only asks "is it a place".
- NORP, WORK_OF_ART, LAW, MOVEMENT, PET_NAME -> *missing* (the tokens are marked unknown,
  so training neither rewards nor punishes any label there). NORP mixes nationalities
  (日本人: no entity in Stockmark's scheme) with religious groups and political parties
  (統一教会, 民主党, 自民党: ORG in Stockmark's scheme); the others have no Stockmark type,
  and Stockmark's annotators may or may not have tagged such names as products or events.
  Calling them "outside" would teach the model that 民主党 is no organization; calling them
  ORG would teach it that 日本人 is one.
- DATE, TIME, QUANTITY, MONEY, PERCENT, ORDINAL, CARDINAL, LANGUAGE, TITLE_AFFIX, PHONE ->
  outside (O): Stockmark does not tag them either, and altnotes finds dates by rules.

GSD records are sentences joined by spaces: they are cut back into sentences (at a space
after a sentence end), as altnotes parses text line by line.

Never give this script KWDLC (it has no licence; it is for measuring only).

usage: python training/convert.py OUT_DIR [--limit N]
writes OUT_DIR/{train,dev}.spacy and OUT_DIR/convert.json (counts, alignment losses)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
STOCKMARK = DATA / "stockmark-ner"
GSD = DATA / "ud-gsd-ne"

STOCKMARK_LABELS = {
    "人名": "PERSON",
    "法人名": "ORG",
    "政治的組織名": "ORG",
    "その他の組織名": "ORG",
    "地名": "LOC",
    "施設名": "FAC",
    "製品名": "PRODUCT",
    "イベント名": "EVENT",
}
MISSING = None  # the span's tokens are left unannotated
OUTSIDE = ""  # the span is no entity of ours
GSD_LABELS: dict[str, str | None] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "FAC",
    "PRODUCT": "PRODUCT",
    "EVENT": "EVENT",
    "NORP": MISSING,
    "WORK_OF_ART": MISSING,
    "LAW": MISSING,
    "MOVEMENT": MISSING,
    "PET_NAME": MISSING,
    **{
        t: OUTSIDE
        for t in (
            "DATE",
            "TIME",
            "QUANTITY",
            "MONEY",
            "PERCENT",
            "ORDINAL",
            "CARDINAL",
            "LANGUAGE",
            "TITLE_AFFIX",
            "PHONE",
        )
    },
}

_SENT_JOIN = re.compile(r"(?<=[。．！？!?」』）)]) ")


def split_sentences(record: dict) -> list[dict]:
    """A GSD record (sentences joined by spaces) as one record per sentence, spans shifted."""
    text = record["text"]
    cuts = [0, *(m.end() for m in _SENT_JOIN.finditer(text)), len(text)]
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        s0, s1 = a + lead, a + len(piece.rstrip())
        if s1 <= s0:
            continue
        ents = [
            {**e, "span": [e["span"][0] - s0, e["span"][1] - s0]}
            for e in record["entities"]
            if s0 <= e["span"][0] and e["span"][1] <= s1
        ]
        out.append({"text": text[s0:s1], "entities": ents})
    return out


def make_doc(nlp, record: dict, mapping: dict, stats: dict):
    doc = nlp.make_doc(record["text"])
    ents, missing = [], []
    for e in record["entities"]:
        label = mapping.get(e["type"], OUTSIDE)
        if label == OUTSIDE:
            continue
        stats["gold"] += 1
        s, t = e["span"]
        sp = doc.char_span(s, t, label=label or "", alignment_mode="expand")
        if sp is None or len(sp) == 0:
            stats["unaligned_dropped"] += 1
            continue
        if sp.start_char != s or sp.end_char != t:
            stats["inexact"] += 1
        (ents if label else missing).append(sp)
    kept, used = [], set()
    for sp in sorted(ents + missing, key=lambda x: (x.start, -len(x))):
        toks = set(range(sp.start, sp.end))
        if toks & used:
            stats["overlap_dropped"] += 1
            continue
        used |= toks
        kept.append(sp)
    doc.set_ents(
        [sp for sp in kept if sp.label_],
        missing=[sp for sp in kept if not sp.label_],
        default="outside",
    )
    return doc


def load_ginza_tokenizer():
    """ja_ginza's tokenizer as altnotes' runtime builds it (altnotes.pipeline.nlp.load)."""
    import spacy

    nlp = spacy.load(
        "ja_ginza",
        exclude=[
            "tok2vec",
            "parser",
            "ner",
            "morphologizer",
            "compound_splitter",
            "bunsetu_recognizer",
            "attribute_ruler",
        ],
    )
    if hasattr(nlp.tokenizer, "need_subtokens"):
        nlp.tokenizer.need_subtokens = False
    return nlp


def convert(out: Path, sources: list[str], limit: int = 0) -> dict:
    from spacy.tokens import DocBin

    nlp = load_ginza_tokenizer()
    out.mkdir(parents=True, exist_ok=True)
    report: dict = {"sources": sources}
    for split in ("train", "dev"):
        db = DocBin(store_user_data=False)
        for name in sources:
            path, mapping, cut = {
                "stockmark": (STOCKMARK / f"{split}.json", STOCKMARK_LABELS, False),
                "gsd": (GSD / f"{split}.json", GSD_LABELS, True),
            }[name]
            records = json.loads(path.read_text(encoding="utf-8"))
            if cut:
                records = [s for r in records for s in split_sentences(r)]
            if limit:
                records = records[:limit]
            stats = {
                "docs": len(records),
                "gold": 0,
                "inexact": 0,
                "unaligned_dropped": 0,
                "overlap_dropped": 0,
            }
            for r in records:
                db.add(make_doc(nlp, r, mapping, stats))
            report[f"{split}/{name}"] = stats
        db.to_disk(out / f"{split}.spacy")
    (out / "convert.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    return report


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("out")
    ap.add_argument(
        "--sources", default="stockmark,gsd", help="comma-separated: stockmark, gsd (default both)"
    )
    ap.add_argument("--limit", type=int, default=0, help="first N records of each (smoke test)")
    args = ap.parse_args(argv)
    sources = args.sources.split(",")
    if not set(sources) <= {"stockmark", "gsd"}:
        sys.exit("--sources: stockmark and/or gsd")
    print(json.dumps(convert(Path(args.out), sources, args.limit), ensure_ascii=False))


if __name__ == "__main__":
    main()
