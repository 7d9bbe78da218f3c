"""Train altnotes' NER (altnotes/data/ner) on the Stockmark Wikipedia NER dataset:
`make train-ner` runs this with the settings of the shipped model. Tokenised exactly as the
runtime tokenises (ja_ginza without the components model_info.EXCLUDE leaves out,
need_subtokens=False).

The component has its own tok2vec (hash embeddings of token attributes + ja_ginza's static
vectors, which are read from the installed ja_ginza vocab and are NOT written to --out).

Writes --out/ with: ner/ (component weights + transition moves), component.json (factory
config to rebuild it), meta.json (scores, settings, data credit).

Example:
  python -m altnotes.pipeline.ner_train --out altnotes/data/ner
  python -m altnotes.pipeline.ner_train --limit 20 --epochs 1 --out /tmp/ner   # smoke test

The data: ../shared/data/stockmark-ner/{train,dev}.json beside the checkout (Stockmark Inc.,
CC BY-SA 3.0). The weights are a derived work under the same licence (data/LICENSES.md).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import time
from pathlib import Path

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

# Stockmark type -> training label. "merged": the three organisation types as one ORG.
LABELS_MERGED = {
    "人名": "PERSON",
    "法人名": "ORG",
    "政治的組織名": "ORG",
    "その他の組織名": "ORG",
    "地名": "LOC",
    "施設名": "FAC",
    "製品名": "PRODUCT",
    "イベント名": "EVENT",
}
LABELS_SPLIT = dict(
    LABELS_MERGED, 法人名="ORG_CORP", 政治的組織名="ORG_POL", その他の組織名="ORG_OTHER"
)
# Training label -> scoring label (split organisation labels are merged for scoring).
SCORE_LABEL = {"ORG_CORP": "ORG", "ORG_POL": "ORG", "ORG_OTHER": "ORG"}
SCORE_LABELS = ["PERSON", "ORG", "LOC", "FAC", "PRODUCT", "EVENT"]

COMPONENT_NAME = "ner_general"
ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "stockmark-ner"


def load_ginza():
    import spacy
    from thinc.api import NumpyOps, set_current_ops

    from .model_info import EXCLUDE, MODEL

    set_current_ops(NumpyOps(use_blis=False))
    nlp = spacy.load(MODEL, exclude=list(EXCLUDE))
    if hasattr(nlp.tokenizer, "need_subtokens"):
        nlp.tokenizer.need_subtokens = False
    return nlp


def model_config(args) -> dict:
    attrs = args.attrs.split(",")
    rows = [int(r) for r in args.rows.split(",")]
    if len(rows) != len(attrs):
        sys.exit("--rows must have one number per --attrs entry")
    return {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": args.hidden,
        "maxout_pieces": 2,
        "use_upper": True,
        "nO": None,
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {
                "@architectures": "spacy.MultiHashEmbed.v2",
                "width": args.width,
                "attrs": attrs,
                "rows": rows,
                "include_static_vectors": not args.no_vectors,
            },
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": args.width,
                "depth": args.depth,
                "window_size": args.window,
                "maxout_pieces": 3,
            },
        },
    }


def gold_spans(record: dict, mapping: dict) -> list[tuple[int, int, str]]:
    return [(e["span"][0], e["span"][1], mapping[e["type"]]) for e in record["entities"]]


def make_example(nlp, record: dict, mapping: dict, stats: dict):
    from spacy.training import Example

    doc = nlp.make_doc(record["text"])
    ref = doc.copy()
    spans = []
    for s, e, label in gold_spans(record, mapping):
        stats["gold"] += 1
        sp = ref.char_span(s, e, label=label, alignment_mode="expand")
        if sp is None or len(sp) == 0:
            stats["unaligned_dropped"] += 1
            continue
        if sp.start_char != s or sp.end_char != e:
            stats["inexact"] += 1
        spans.append(sp)
    kept: list = []
    used: set[int] = set()
    for sp in sorted(spans, key=lambda x: (x.start, -len(x))):
        toks = set(range(sp.start, sp.end))
        if toks & used:
            stats["overlap_dropped"] += 1
            continue
        used |= toks
        kept.append(sp)
    ref.ents = sorted(kept, key=lambda x: x.start)
    return Example(doc, ref)


def predict_spans(comp, docs, batch_size=64):
    """Runtime protocol: save GiNZA's ents, clear, run component, read, restore."""
    saved = [d.ents for d in docs]
    for d in docs:
        d.ents = ()
    out = []
    for d in comp.pipe(docs, batch_size=batch_size):
        out.append([(e.start_char, e.end_char, e.label_) for e in d.ents])
    for d, ents in zip(docs, saved, strict=True):
        d.ents = ents
    return out


def score(pred: list[list[tuple]], gold: list[list[tuple]]) -> dict:
    tp = {lab: 0 for lab in SCORE_LABELS}
    np_ = dict(tp)
    ng = dict(tp)
    for pr, g in zip(pred, gold, strict=True):
        ps = {(s, e, SCORE_LABEL.get(lab, lab)) for s, e, lab in pr}
        gs = {(s, e, SCORE_LABEL.get(lab, lab)) for s, e, lab in g}
        for x in ps:
            np_[x[2]] += 1
        for x in gs:
            ng[x[2]] += 1
        for x in ps & gs:
            tp[x[2]] += 1
    res = {}
    for lab in SCORE_LABELS + ["ALL"]:
        t = sum(tp.values()) if lab == "ALL" else tp[lab]
        a = sum(np_.values()) if lab == "ALL" else np_[lab]
        b = sum(ng.values()) if lab == "ALL" else ng[lab]
        prec = t / a if a else 0.0
        rec = t / b if b else 0.0
        f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        res[lab] = {"p": round(prec, 4), "r": round(rec, 4), "f": round(f, 4), "n_gold": b}
    return res


def fmt(res: dict) -> str:
    return " ".join(
        f"{lab}={res[lab]['f']:.3f}"
        for lab in ["PERSON", "ORG", "LOC", "FAC", "PRODUCT", "EVENT", "ALL"]
    )


def save_component(comp, cfg: dict, out: Path, meta: dict) -> None:
    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    comp.to_disk(tmp / "ner", exclude=["vocab"])  # model weights + moves; no vocab, no vectors
    # the weights' digest: what the extraction cache's fingerprint reads (model_info)
    meta["weights_sha256"] = hashlib.sha256((tmp / "ner" / "model").read_bytes()).hexdigest()
    (tmp / "component.json").write_text(
        json.dumps({"factory": "ner", "config": cfg}, ensure_ascii=False, indent=1)
    )
    (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1))
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--train", default=str(DATA / "train.json"))
    ap.add_argument("--dev", default=str(DATA / "dev.json"))
    ap.add_argument("--out", default=str(ROOT / "altnotes" / "data" / "ner"))
    ap.add_argument("--epochs", type=int, default=25)
    ap.add_argument(
        "--patience", type=int, default=6, help="stop after N epochs without dev improvement"
    )
    ap.add_argument("--width", type=int, default=128)
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--window", type=int, default=2)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--attrs", default="NORM,PREFIX,SUFFIX,SHAPE,TAG")
    ap.add_argument("--rows", default="5000,1000,2500,500,200")
    ap.add_argument(
        "--no-vectors", action="store_true", help="do not use ja_ginza's static vectors"
    )
    ap.add_argument("--org", choices=["merged", "split"], default="merged")
    ap.add_argument("--dropout", type=float, default=0.15)
    ap.add_argument("--lr", type=float, default=0.001)
    ap.add_argument("--batch", type=int, default=16, help="sentences per update")
    ap.add_argument("--no-averages", action="store_true", help="do not use parameter averaging")
    ap.add_argument(
        "--select", default="ORG+PERSON", help="dev criterion: ALL, or labels joined by + (mean F1)"
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--limit", type=int, default=0, help="train on the first N sentences only (smoke test)"
    )
    args = ap.parse_args(argv)

    from spacy.util import fix_random_seed, minibatch
    from thinc.api import Adam

    fix_random_seed(args.seed)
    rng = random.Random(args.seed)
    mapping = LABELS_SPLIT if args.org == "split" else LABELS_MERGED

    t0 = time.time()
    nlp = load_ginza()
    train_recs = json.loads(Path(args.train).read_text(encoding="utf-8"))
    dev_recs = json.loads(Path(args.dev).read_text(encoding="utf-8"))
    if args.limit:
        train_recs = train_recs[: args.limit]
    stats = {"gold": 0, "inexact": 0, "unaligned_dropped": 0, "overlap_dropped": 0}
    train = [make_example(nlp, r, mapping, stats) for r in train_recs]
    dev_stats = {"gold": 0, "inexact": 0, "unaligned_dropped": 0, "overlap_dropped": 0}
    for r in dev_recs:
        make_example(nlp, r, mapping, dev_stats)
    # Dev docs as the runtime sees them: parsed by GiNZA (sentence boundaries set).
    dev_docs = list(nlp.pipe([r["text"] for r in dev_recs], batch_size=32))
    dev_gold = [gold_spans(r, mapping) for r in dev_recs]
    print(f"train {len(train)} sents; gold alignment: {stats}", flush=True)
    print(f"dev {len(dev_recs)} sents; gold alignment: {dev_stats}", flush=True)
    print(f"setup {time.time() - t0:.1f}s", flush=True)

    cfg = {"model": model_config(args), "update_with_oracle_cut_size": 100}
    comp = nlp.create_pipe("ner", name=COMPONENT_NAME, config=cfg)
    comp.initialize(lambda: train, nlp=nlp)
    optimizer = Adam(
        learn_rate=args.lr,
        beta1=0.9,
        beta2=0.999,
        eps=1e-8,
        L2=0.01,
        L2_is_weight_decay=True,
        grad_clip=1.0,
        use_averages=not args.no_averages,
    )
    sel = SCORE_LABELS + ["ALL"]
    crit = ["ALL"] if args.select == "ALL" else [x for x in args.select.split("+") if x in sel]

    best, best_epoch, history, epoch_times = -1.0, -1, [], []
    out = Path(args.out)
    for epoch in range(1, args.epochs + 1):
        te = time.time()
        rng.shuffle(train)
        losses: dict = {}
        for batch in minibatch(train, size=args.batch):
            comp.update(batch, drop=args.dropout, sgd=optimizer, losses=losses)
        dt = time.time() - te
        epoch_times.append(dt)
        ctx = comp.model.use_params(optimizer.averages) if optimizer.averages else _null()
        with ctx:
            res = score(predict_spans(comp, dev_docs), dev_gold)
            value = sum(res[c]["f"] for c in crit) / len(crit)
            improved = value > best
            if improved:
                best, best_epoch = value, epoch
                meta = {
                    "name": COMPONENT_NAME,
                    "trained_on": "Stockmark ner-wikipedia-dataset v2.0 "
                    "(stockmarkteam/ner-wikipedia-dataset, CC BY-SA 3.0, Stockmark Inc.), "
                    "train buckets 0-7",
                    "licence": "CC BY-SA 3.0",
                    "tokenizer": "ja_ginza (exclude ner, morphologizer, compound_splitter, "
                    "bunsetu_recognizer; need_subtokens=False)",
                    "static_vectors": "ja_ginza vocab vectors (not shipped)"
                    if not args.no_vectors
                    else None,
                    "labels": sorted(set(mapping.values())),
                    "score_label": SCORE_LABEL,
                    "args": vars(args),
                    "epoch": epoch,
                    "dev": res,
                    "train_alignment": stats,
                    "dev_alignment": dev_stats,
                }
                save_component(comp, cfg, out, meta)
        history.append(
            {
                "epoch": epoch,
                "loss": round(float(losses.get(COMPONENT_NAME, 0.0)), 1),
                "sec": round(dt, 1),
                "dev": res,
            }
        )
        print(
            f"epoch {epoch:2d} loss {losses.get(COMPONENT_NAME, 0.0):8.1f} {dt:5.1f}s  {fmt(res)}"
            f"  crit={value:.4f}{' *' if improved else ''}",
            flush=True,
        )
        if epoch - best_epoch >= args.patience:
            print(f"early stop: no improvement for {args.patience} epochs", flush=True)
            break
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    mean = sum(epoch_times) / len(epoch_times)
    print(
        f"best epoch {best_epoch} crit {best:.4f}; mean epoch {mean:.1f}s; "
        f"model {size / 1e6:.2f} MB; total {time.time() - t0:.0f}s",
        flush=True,
    )
    (out / "history.json").write_text(json.dumps(history, ensure_ascii=False))


class _null:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


if __name__ == "__main__":
    main()
