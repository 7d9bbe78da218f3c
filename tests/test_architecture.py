"""The boundaries of the layout (shared/DESIGN.md): the pipeline never imports the CLI or
the query path; the query path needs neither spaCy nor pydantic; a query over a cached
corpus loads neither (checked in a real subprocess, on a cache filled from recorded
parses)."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from altnotes.errors import ExitStatus
from altnotes.pipeline.extract import Settings, extract

from .conftest import CORPUS, ROOT

PACKAGE = ROOT / "altnotes"


def _imports(path: Path, top_level_only: bool) -> set[str]:
    """Absolute names of the modules a file imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    out: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.add(mod)
            out |= {f"{mod}.{a.name}" for a in node.names}
    return out


def _modules(sub: str) -> list[Path]:
    return sorted((PACKAGE / sub).rglob("*.py"))


@pytest.mark.parametrize("path", _modules("pipeline"), ids=lambda p: p.name)
def test_the_pipeline_never_imports_the_cli_or_the_query_path(path: Path) -> None:
    bad = {m for m in _imports(path, False) if m.startswith(("altnotes.cli", "altnotes.query"))}
    assert not bad, bad


@pytest.mark.parametrize("path", _modules("knowledge"), ids=lambda p: p.name)
def test_knowledge_never_imports_spacy_the_pipeline_or_the_cli(path: Path) -> None:
    bad = {
        m
        for m in _imports(path, False)
        if m.split(".")[0] in ("spacy", "ginza", "thinc")
        or m.startswith(("altnotes.pipeline", "altnotes.cli", "altnotes.query"))
    }
    assert not bad, bad


@pytest.mark.parametrize("path", _modules("query"), ids=lambda p: p.name)
def test_the_query_path_imports_no_spacy_pydantic_or_pipeline_when_loaded(path: Path) -> None:
    bad = {
        m
        for m in _imports(path, True)
        if m.split(".")[0] in ("spacy", "ginza", "thinc", "pydantic")
        or m.startswith(("altnotes.pipeline", "altnotes.records", "altnotes.cli"))
    }
    assert not bad, bad


@pytest.fixture(scope="module")
def filled_cache(tmp_path_factory, engine) -> Path:
    directory = tmp_path_factory.mktemp("cache")
    extract([str(CORPUS)], Settings(cache_dir=directory), engine=engine)
    assert list(directory.rglob("*.json"))
    return directory


HEAVY = (
    "spacy",
    "ginza",
    "thinc",
    "pydantic",
    "altnotes.records",
    "altnotes.pipeline.nlp",
    "altnotes.pipeline.mentions",
    "altnotes.pipeline.temporal",
    "altnotes.pipeline.events",
    "altnotes.knowledge.kb",
    "altnotes.knowledge.schemas",
)


@pytest.mark.parametrize(
    "args",
    [
        ["people", "--json"],
        ["orgs", "--csv"],
        ["dates", "--jsonl"],
        ["events", "--json", "--since", "2023"],
        ["mentions", "--json", "--type", "PERSON"],
        ["documents"],
        ["show", "Sam Altman", "--json"],
    ],
    ids=lambda a: a[0],
)
def test_a_cached_query_imports_neither_spacy_nor_pydantic(filled_cache: Path, args) -> None:
    script = (
        "import sys\n"
        "from altnotes.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        f"loaded = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "sys.stderr.write(f'EXIT={code} LOADED=' + ','.join(loaded))\n"
    )
    env = {**os.environ, "ALTNOTES_CACHE_DIR": str(filled_cache)}
    proc = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, timeout=120, cwd=ROOT
    )
    assert proc.stderr.decode().endswith("EXIT=0 LOADED="), proc.stderr.decode()[-2000:]
    assert proc.stdout.strip()
    if "--json" in args:
        assert json.loads(proc.stdout)


def test_the_recorded_parses_come_from_the_installed_model() -> None:
    """Stage tests replay GiNZA's output: after a model upgrade they must be re-recorded
    (`make record-parses`), or they would test a parse nobody gets any more."""
    from altnotes.pipeline.model_info import model_fingerprint
    from altnotes.pipeline.recorded import Recording

    from .conftest import PARSES, RECORDING

    if RECORDING:
        pytest.skip("recording now: the file is written at the end of this session")
    recording = Recording(PARSES)
    assert recording.parses, "no recorded parses: run `make record-parses`"
    assert recording.model == model_fingerprint(), "model changed: run `make record-parses`"


def test_package_data_is_inside_the_package() -> None:
    """A wheel carries altnotes/data: the knowledge and the bundled corpus."""
    from altnotes.knowledge.files import DATA
    from altnotes.pipeline.corpus import DEFAULT_CORPUS

    assert DATA == PACKAGE / "data" and DEFAULT_CORPUS.parent == DATA
    assert {p.name for p in DATA.glob("*.toml")} >= {"kb.toml", "lexicon.toml", "kana.toml"}
    assert len(list(DEFAULT_CORPUS.glob("*.txt"))) == 5


@pytest.mark.slow  # builds a wheel and parses the bundled corpus with GiNZA
def test_a_wheel_installed_apart_from_the_checkout_reads_the_bundled_corpus(tmp_path) -> None:
    dist, target = tmp_path / "dist", tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(dist), str(ROOT)], check=True)
    (wheel,) = dist.glob("altnotes-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)], check=True)
    script = (
        "import altnotes; from altnotes.cli import main\n"
        f"assert altnotes.__file__.startswith({str(target)!r}), altnotes.__file__\n"
        "main(['people', '--json'])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target), "ALTNOTES_CACHE_DIR": str(tmp_path / "c")}
    proc = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, timeout=900
    )
    assert proc.returncode == ExitStatus.OK, proc.stderr.decode()[-2000:]
    assert "Sam Altman" in {p["name"] for p in json.loads(proc.stdout)}


def test_no_more_workers_start_than_there_is_work_for(tmp_path, engine) -> None:
    """Every worker loads the whole model: a one-line input gets one, whatever --workers."""
    doc = tmp_path / "a.txt"
    doc.write_text("OpenAIのCEOサム・アルトマン氏は2023年11月17日に取締役会によって解任された。\n")
    asked: list[int] = []

    def factory(workers: int):
        asked.append(workers)
        return engine(workers)

    extract([str(doc)], Settings(use_cache=False, workers=4), engine=factory)
    big = tmp_path / "big"
    big.mkdir()
    for k in range(3):
        (big / f"d{k}.txt").write_text("あ" * 9000, encoding="utf-8")
    from altnotes.pipeline.extract import _units_of_work

    assert asked == [1] and _units_of_work([str(big)]) >= 3
