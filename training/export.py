"""Export the `spacy train` output (model-best) as altnotes' NER folder (altnotes/data/ner),
the form altnotes.pipeline.nlp loads beside ja_ginza's pipeline:

  ner/            the component's weights and transition moves (no vocab, no vectors:
                  ja_ginza's static vectors are read from the installed package)
  component.json  {"factory": "ner", "config": the [components.ner] block of config.cfg}
  meta.json       the model card: data, licence, labels, training settings, dev scores,
                  the weights' digest (the extraction cache's fingerprint reads it)

usage: python training/export.py TRAIN_OUTPUT OUT_DIR [--corpus CORPUS_DIR] [--seconds S]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path

TRAINED_ON = {
    "stockmark": "Stockmark ner-wikipedia-dataset v2.0 (stockmarkteam/ner-wikipedia-dataset, "
    "Stockmark Inc., CC BY-SA 3.0), train split",
    "gsd": "UD Japanese GSD v2.6 with Megagon Labs' named entities "
    "(megagonlabs/UD_Japanese-GSD, CC BY-SA 4.0), train split",
}
LICENCE = {
    ("stockmark",): "CC BY-SA 3.0",
    ("gsd",): "CC BY-SA 4.0",
    ("stockmark", "gsd"): "CC BY-SA 4.0 (adapting CC BY-SA 3.0 and CC BY-SA 4.0 data)",
}


def export(train_out: Path, out: Path, corpus: Path | None, seconds: float | None) -> dict:
    from spacy.util import load_config

    best = train_out / "model-best"
    cfg = load_config(best / "config.cfg", interpolate=True)
    comp_cfg = dict(cfg["components"]["ner"])
    comp_cfg.pop("factory")
    comp_cfg.pop("scorer", None)
    meta_in = json.loads((best / "meta.json").read_text(encoding="utf-8"))
    conv = json.loads((corpus / "convert.json").read_text(encoding="utf-8")) if corpus else {}
    sources = tuple(conv.get("sources", ["stockmark", "gsd"]))
    labels = sorted(meta_in.get("labels", {}).get("ner", []))

    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    shutil.copytree(best / "ner", tmp / "ner")
    perf = meta_in.get("performance", {})
    meta = {
        "name": "ner_general",
        "trained_on": "; ".join(TRAINED_ON[s] for s in sources),
        "licence": LICENCE[sources],
        "tokenizer": "ja_ginza's (spacy.ja.JapaneseTokenizer, Sudachi split mode C, "
        "sudachidict_core; need_subtokens=False)",
        "static_vectors": "ja_ginza vocab vectors (not shipped)",
        "labels": labels,
        "training": {
            "command": "make train-ner (training/convert.py; python -m spacy train "
            "training/config.cfg --code training/cpu_ops.py; training/export.py)",
            "config": {
                "max_steps": cfg["training"]["max_steps"],
                "eval_frequency": cfg["training"]["eval_frequency"],
                "dropout": cfg["training"]["dropout"],
                "batcher": dict(cfg["training"]["batcher"]),
                "learn_rate": cfg["training"]["optimizer"]["learn_rate"],
                "seed": cfg["training"]["seed"],
            },
            "seconds": round(seconds) if seconds else None,
            "data": conv,
        },
        "dev": {
            "sets": "dev splits of the same sources",
            "ents_f": perf.get("ents_f"),
            "ents_p": perf.get("ents_p"),
            "ents_r": perf.get("ents_r"),
            "ents_per_type": perf.get("ents_per_type"),
        },
        "spacy_version": meta_in.get("spacy_version"),
    }
    # the weights' digest: what the extraction cache's fingerprint reads (model_info)
    meta["weights_sha256"] = hashlib.sha256((tmp / "ner" / "model").read_bytes()).hexdigest()
    (tmp / "component.json").write_text(
        json.dumps({"factory": "ner", "config": comp_cfg}, ensure_ascii=False, indent=1) + "\n"
    )
    (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n")
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    return meta


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("train_output")
    ap.add_argument("out")
    ap.add_argument("--corpus", help="the convert.py output (its convert.json is credited)")
    ap.add_argument("--seconds", type=float, help="training wall time, for the model card")
    args = ap.parse_args(argv)
    meta = export(
        Path(args.train_output),
        Path(args.out),
        Path(args.corpus) if args.corpus else None,
        args.seconds,
    )
    json.dump(
        {k: meta[k] for k in ("trained_on", "licence", "labels")}, sys.stdout, ensure_ascii=False
    )
    print()


if __name__ == "__main__":
    main()
