"""Span-exact PERSON / ORG / LOC scores of a trained NER component alone (no altnotes rules)
on the labelled dev sets: a quick comparison of training runs. The whole tool is scored by
the shared ner_eval.py (`altnotes mentions`).

usage: python training/score.py MODEL_DIR [MODEL_DIR ...] [--sets stockmark-dev,gsd-dev,kwdlc-dev]
MODEL_DIR: a `spacy train` output pipeline (model-best) or an exported altnotes/data/ner.
KWDLC is read here to measure only: it is never training data.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))

SETS = {
    "stockmark-dev": (
        "stockmark-ner/dev.json",
        {
            "人名": "PERSON",
            "法人名": "ORG",
            "政治的組織名": "ORG",
            "その他の組織名": "ORG",
            "地名": "LOC",
        },
    ),
    "gsd-dev": (
        "ud-gsd-ne/dev.json",
        {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"},
    ),
    "kwdlc-dev": ("kwdlc-ne/dev.json", {"PERSON": "PERSON", "ORG": "ORG", "LOCATION": "LOC"}),
}
TYPES = ("PERSON", "ORG", "LOC")


def load_component(nlp, model_dir: Path):
    if (model_dir / "component.json").exists():  # exported (altnotes/data/ner)
        spec = json.loads((model_dir / "component.json").read_text(encoding="utf-8"))
        cfg = spec["config"]
    else:  # spacy train output
        from spacy.util import load_config

        cfg = dict(load_config(model_dir / "config.cfg")["components"]["ner"])
        cfg.pop("factory")
    comp = nlp.create_pipe("ner", name="ner_general", config=cfg)
    comp.from_disk(model_dir / "ner", exclude=["vocab"])
    return comp


def load_beam(nlp, model_dir: Path, width: int):
    """The same weights read by spaCy's beam search (beam_ner), for span probabilities."""
    comp = load_component(nlp, model_dir)
    beam = nlp.create_pipe("beam_ner", name="ner_beam", config=comp_config(model_dir))
    beam.from_disk(model_dir / "ner", exclude=["vocab"])
    beam.cfg["beam_width"] = width
    beam.cfg["beam_density"] = 0.0001
    del comp
    return beam


def comp_config(model_dir: Path) -> dict:
    if (model_dir / "component.json").exists():
        return json.loads((model_dir / "component.json").read_text(encoding="utf-8"))["config"]
    from spacy.util import load_config

    cfg = dict(load_config(model_dir / "config.cfg")["components"]["ner"])
    cfg.pop("factory")
    cfg.pop("scorer", None)
    return cfg


def predict(nlp, comp, text: str, beam: int = 0) -> set[tuple[int, int, str, float]]:
    """Entities (start, end, label, probability): the probability is the beam's for that
    span (the best parse's entities; 1.0 without a beam)."""
    from altnotes.pipeline.nlp import chunk_text

    out = set()
    chunks = chunk_text(text)
    docs = [nlp.make_doc(c.text) for c in chunks]
    if beam:
        beams = comp.predict(docs)
        comp.set_annotations(docs, beams)
        probs = comp.scored_ents(beams)
    else:
        docs = list(comp.pipe(docs))
        probs = [{} for _ in docs]
    for ch, doc, pr in zip(chunks, docs, probs, strict=True):
        out |= {
            (ch.start + e.start_char, ch.start + e.end_char, e.label_,
             pr.get((e.start, e.end, e.label_), 1.0))
            for e in doc.ents
        }  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("models", nargs="+")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--beam", type=int, default=0, help="beam width (span probabilities)")
    ap.add_argument("--thresholds", default="0", help="comma-separated: drop spans below")
    args = ap.parse_args(argv)
    from altnotes.pipeline import nlp as runtime

    nlp = runtime.load()
    for m in args.models:
        comp = load_beam(nlp, Path(m), args.beam) if args.beam else load_component(nlp, Path(m))
        for name in args.sets.split(","):
            path, gmap = SETS[name]
            recs = json.loads((DATA / path).read_text(encoding="utf-8"))
            gold, pred = set(), set()
            t0 = time.time()
            for i, r in enumerate(recs):
                gold |= {
                    (i, *e["span"], gmap[e["type"]]) for e in r["entities"] if e["type"] in gmap
                }
                pred |= {
                    (i, s, e, lab, p)
                    for s, e, lab, p in predict(nlp, comp, r["text"], args.beam)
                    if lab in TYPES
                }
            secs = time.time() - t0
            for th in (float(x) for x in args.thresholds.split(",")):
                row = []
                for t in TYPES:
                    g = {x for x in gold if x[3] == t}
                    p = {x[:4] for x in pred if x[3] == t and x[4] >= th}
                    tp = len(g & p)
                    P = tp / len(p) if p else 0.0
                    R = tp / len(g) if g else 0.0
                    F = 2 * P * R / (P + R) if P + R else 0.0
                    row.append(f"{t}={F:.3f}")
                tag = f" beam={args.beam} th={th}" if args.beam else ""
                print(f"{m:40s} {name:14s} {' '.join(row)}{tag}  ({secs:.0f}s)", flush=True)


if __name__ == "__main__":
    main()
