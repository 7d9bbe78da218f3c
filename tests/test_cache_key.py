"""The cache is keyed on what changes extraction (pipeline/ less the NER's training
script, knowledge/, records.py, the data files, the model): an edit of the CLI or the
query path leaves every processed document valid; an edit of the pipeline does not.
Checked on a copy of the package, so the checkout is never touched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from altnotes.pipeline import model_info
from altnotes.pipeline.cache import Cache
from altnotes.pipeline.corpus import Document
from altnotes.pipeline.extract import Settings, extract_text

from .conftest import ROOT


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the package's code that model_info hashes in place of the real one."""
    copy = tmp_path / "altnotes"
    shutil.copytree(ROOT / "altnotes", copy, ignore=shutil.ignore_patterns("__pycache__", "data"))
    monkeypatch.setattr(model_info, "PACKAGE", copy)
    return copy


def _edit(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")


@pytest.mark.parametrize(
    "edited",
    ["cli/app.py", "cli/render.py", "query/entities.py", "lite.py", "cli/report.py"],
)
def test_an_edit_outside_extraction_keeps_the_processed_corpus(
    package: Path, tmp_path: Path, engine, edited: str
) -> None:
    cache_dir = tmp_path / "cache"
    doc = Document(
        id="a", text="OpenAIのCEOサム・アルトマン氏は2023年11月17日に取締役会によって解任された。\n"
    )
    settings = Settings(cache_dir=cache_dir)
    before = Cache(cache_dir, settings.fingerprint())
    before.put(doc.id, doc.text, extract_text(doc, settings, engine))
    _edit(package / edited)
    after = Cache(cache_dir, settings.fingerprint())
    assert after.get(doc.id, doc.text) is not None


@pytest.mark.parametrize(
    "edited",
    ["pipeline/mentions.py", "pipeline/linking.py", "knowledge/names.py", "records.py"],
)
def test_an_edit_of_extraction_code_invalidates_it(package: Path, edited: str) -> None:
    before = Settings().fingerprint()
    _edit(package / edited)
    assert Settings().fingerprint() != before
