"""Which GiNZA model altnotes runs and how, and the versions that make its output: what
the cache fingerprint needs, read without importing spaCy (or multiprocessing)."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

MODEL = "ja_ginza"
# altnotes' own NER (trained by `make train-ner`): its config, labels and weights
NER_DIR = Path(__file__).resolve().parent.parent / "data" / "ner"
# Components of ja_ginza left out. "ner" (the ENE NER) gives way to our own (NER_DIR).
# The others run after the NER and change nothing our outputs use (see PERF-NOTES): the
# parser must stay, it sets the sentence starts and the dependencies events use. Without
# the bunsetu_recognizer, dependency labels keep a "_bunsetu" suffix that it would strip;
# heads and labels are otherwise identical (checked on 8,369 tokens of the corpus), so we
# strip the suffix ourselves.
EXCLUDE = ("ner", "morphologizer", "compound_splitter", "bunsetu_recognizer")


def model_fingerprint() -> str:
    """Model name and the versions of the packages that produce the parse, read from their
    installed metadata directories (no spaCy import, and faster than importlib.metadata,
    which the fast query path cannot afford)."""
    dists = ("ja_ginza", "ginza", "spacy", "sudachipy", "sudachidict_core")
    found = _installed_versions()
    parts = [MODEL, *(f"{d}={found.get(d, '?')}" for d in dists)]
    parts.append("exclude=" + ",".join(EXCLUDE))
    parts.append(f"ner={ner_fingerprint()}")
    return ";".join(parts)


PACKAGE = Path(__file__).resolve().parent.parent
# the code that makes the records: the pipeline, the knowledge code, the records (the
# NER's training recipe lives outside the package, in training/; its product, the model,
# has a fingerprint of its own)
EXTRACTION_CODE = ("pipeline", "knowledge", "records.py")


def extraction_sources() -> list[Path]:
    """The .py files whose text changes what extraction gives: a change anywhere else
    (the CLI, the query path, renderers) leaves every processed document valid."""
    out: list[Path] = []
    for name in EXTRACTION_CODE:
        path = PACKAGE / name
        out += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return out


def code_digest() -> str:
    """The digest of the code that extracts (extraction_sources): part of the cache's
    key, and what a Dask worker must share with the client. The data files and the
    model are keyed beside it (Settings.fingerprint, model_fingerprint)."""
    src = hashlib.sha256()
    for path in extraction_sources():
        src.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        src.update(path.read_bytes())
    return src.hexdigest()[:16]


def ner_fingerprint() -> str:
    """Our NER's identity: its meta.json, which holds the digest of its weights as the
    training script wrote them (reading 10 MB of weights on every query would cost more
    than the query)."""
    try:
        meta = (NER_DIR / "meta.json").read_bytes()
    except OSError:
        return "none"
    return hashlib.sha256(meta).hexdigest()[:16]


def _installed_versions() -> dict[str, str]:
    """{normalized distribution name: version} from *.dist-info / *.egg-info directories
    on sys.path (the first one found wins, as for imports)."""
    import sys

    out: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            stem, dot, ext = name.rpartition(".")
            if ext not in ("dist-info", "egg-info") or not dot or "-" not in stem:
                continue
            dist, _, version = stem.partition("-")
            out.setdefault(re.sub(r"[-_.]+", "_", dist).lower(), version)
    return out
