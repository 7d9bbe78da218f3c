"""The NER's training recipe (training/: convert.py -> `spacy train training/config.cfg` ->
export.py) and the shipped model's card. The shipped model comes from `make train-ner`,
which CI never runs; the slow tests run the recipe end to end on a few sentences."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from altnotes.pipeline.model_info import NER_DIR

ROOT = Path(__file__).resolve().parent.parent
TRAINING = ROOT / "training"


def _convert_module():
    spec = importlib.util.spec_from_file_location("ner_convert", TRAINING / "convert.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_gsd_records_are_cut_into_sentences_with_their_entities() -> None:
    convert = _convert_module()
    text = "山田は東京に来た。 それは本当だ! 株式会社Xが「Y」を出した。 終わり"
    ents = [
        {"span": [0, 2], "type": "PERSON"},
        {"span": [3, 5], "type": "GPE"},
        {"span": [text.index("株式会社X"), text.index("株式会社X") + 5], "type": "ORG"},
    ]
    pieces = convert.split_sentences({"text": text, "entities": ents})
    assert [p["text"] for p in pieces] == [
        "山田は東京に来た。",
        "それは本当だ!",
        "株式会社Xが「Y」を出した。",
        "終わり",
    ]
    third = pieces[2]
    assert [third["text"][s:e] for s, e in (x["span"] for x in third["entities"])] == ["株式会社X"]
    assert [p["text"][s:e] for p in pieces[:1] for s, e in (x["span"] for x in p["entities"])] == [
        "山田",
        "東京",
    ]


def test_every_gsd_label_is_mapped_and_only_to_our_labels_or_missing_or_outside() -> None:
    convert = _convert_module()
    ours = {"PERSON", "ORG", "LOC", "FAC", "PRODUCT", "EVENT"}
    assert set(convert.STOCKMARK_LABELS.values()) == ours
    assert {v for v in convert.GSD_LABELS.values() if v} == ours
    # NORP mixes nationalities with parties and religious groups: left unannotated
    assert convert.GSD_LABELS["NORP"] is convert.MISSING
    assert convert.GSD_LABELS["DATE"] == convert.OUTSIDE
    data = ROOT.parent / "shared" / "data" / "ud-gsd-ne" / "dev.json"
    if data.exists():
        types = {e["type"] for r in json.loads(data.read_text("utf-8")) for e in r["entities"]}
        assert types <= set(convert.GSD_LABELS)


def test_the_shipped_model_says_what_it_was_trained_on_and_its_licence() -> None:
    meta = json.loads((NER_DIR / "meta.json").read_text(encoding="utf-8"))
    assert "Stockmark" in meta["trained_on"] and "GSD" in meta["trained_on"]
    assert meta["licence"].startswith("CC BY-SA 4.0")
    assert set(meta["labels"]) == {"PERSON", "ORG", "LOC", "FAC", "PRODUCT", "EVENT"}
    licences = (NER_DIR.parent / "LICENSES.md").read_text(encoding="utf-8")
    assert "CC BY-SA 3.0" in licences and "CC BY-SA 4.0" in licences and "GSD" in licences
    assert "CC-BY-SA-4.0" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_the_shipped_component_is_the_one_the_training_config_describes() -> None:
    """`make train-ner` reproduces the shipped model: its architecture is config.cfg's."""
    from thinc.api import Config

    cfg = Config().from_disk(TRAINING / "config.cfg", interpolate=True)
    want = dict(cfg["components"]["ner"])
    want.pop("factory")
    want.pop("scorer", None)
    spec = json.loads((NER_DIR / "component.json").read_text(encoding="utf-8"))
    assert spec["factory"] == "ner"
    assert json.loads(json.dumps(want)) == spec["config"]
    meta = json.loads((NER_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["training"]["config"]["max_steps"] == cfg["training"]["max_steps"]


@pytest.mark.slow  # loads ja_ginza's tokenizer and trains two steps
def test_the_recipe_runs_end_to_end_and_the_component_loads_as_at_run_time(tmp_path) -> None:
    data = ROOT.parent / "shared" / "data"
    if not (data / "stockmark-ner" / "train.json").exists():
        pytest.skip(f"no training data at {data}")
    corpus, out, ner = tmp_path / "corpus", tmp_path / "out", tmp_path / "ner"
    py = sys.executable
    subprocess.run([py, str(TRAINING / "convert.py"), str(corpus), "--limit", "30"], check=True)
    report = json.loads((corpus / "convert.json").read_text(encoding="utf-8"))
    assert report["train/gsd"]["docs"] == 30 and report["train/stockmark"]["gold"] > 30

    import spacy
    from spacy.tokens import DocBin

    vocab = spacy.blank("en").vocab  # DocBins store strings; any vocab reads them
    docs = list(DocBin().from_disk(corpus / "train.spacy").get_docs(vocab))
    labels = {e.label_ for d in docs for e in d.ents}
    assert labels <= {"PERSON", "ORG", "LOC", "FAC", "PRODUCT", "EVENT"} and "PERSON" in labels
    assert all(t.tag_ for d in docs[:5] for t in d)  # Sudachi's tags travel with the tokens
    # a GSD NORP span stays unannotated (missing), never "outside"
    assert any(t.ent_iob == 0 for d in docs for t in d)

    subprocess.run(
        [py, "-m", "spacy", "train", str(TRAINING / "config.cfg"), "--code",
         str(TRAINING / "cpu_ops.py"), "--output", str(out),
         "--paths.train", str(corpus / "train.spacy"), "--paths.dev", str(corpus / "dev.spacy"),
         "--training.max_steps", "2", "--training.eval_frequency", "1"],
        check=True,
    )  # fmt: skip
    subprocess.run(
        [py, str(TRAINING / "export.py"), str(out), str(ner), "--corpus", str(corpus)], check=True
    )
    meta = json.loads((ner / "meta.json").read_text(encoding="utf-8"))
    assert meta["licence"].startswith("CC BY-SA 4.0") and len(meta["weights_sha256"]) == 64

    from altnotes.pipeline import nlp as runtime

    nlp = runtime.load()
    spec = json.loads((ner / "component.json").read_text(encoding="utf-8"))
    comp = nlp.create_pipe(spec["factory"], name="ner_test", config=spec["config"])
    comp.from_disk(ner / "ner", exclude=["vocab"])
    doc = comp(nlp("山田太郎は東京の会社に勤める。"))
    assert all(e.label_ in meta["labels"] for e in doc.ents)
