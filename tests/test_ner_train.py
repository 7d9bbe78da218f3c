"""The NER training script runs end to end: one epoch on a few sentences (smoke test; the
shipped model comes from `make train-ner`, which CI never runs)."""

from __future__ import annotations

import json

import pytest

from altnotes.pipeline.ner_train import DATA, main


@pytest.mark.slow  # loads GiNZA
def test_training_writes_a_component_that_loads(tmp_path) -> None:
    if not (DATA / "train.json").exists():
        pytest.skip(f"no Stockmark data at {DATA}")
    out = tmp_path / "ner"
    main(["--limit", "20", "--epochs", "1", "--out", str(out)])
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["licence"] == "CC BY-SA 3.0" and len(meta["weights_sha256"]) == 64
    assert (out / "ner" / "model").stat().st_size > 0
    spec = json.loads((out / "component.json").read_text(encoding="utf-8"))
    assert spec["factory"] == "ner"


def test_the_shipped_model_says_what_it_was_trained_on_and_its_licence() -> None:
    from altnotes.pipeline.model_info import NER_DIR

    meta = json.loads((NER_DIR / "meta.json").read_text(encoding="utf-8"))
    assert "Stockmark" in meta["trained_on"] and meta["licence"] == "CC BY-SA 3.0"
    assert set(meta["labels"]) >= {"PERSON", "ORG"}
    assert "CC BY-SA 3.0" in (NER_DIR.parent / "LICENSES.md").read_text(encoding="utf-8")
