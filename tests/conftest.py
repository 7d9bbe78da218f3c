"""Shared fixtures. Every test gets its own cache directory through ALTNOTES_CACHE_DIR.
Stage tests replay recorded GiNZA parses (tests/fixtures/parses.json.gz, made by `make
record-parses`); the CLI tests over the bundled corpus read a cache filled from them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from .helpers import ROOT

# Hypothesis: under CI (CI=true) every run draws the same examples (derandomize) and
# neither reads nor writes an example database, so a failure found once on a machine is
# not replayed there for ever and a run is the same wherever it happens; a failure prints
# the blob that reproduces it (@reproduce_failure). No deadline anywhere: on a loaded
# 2-core machine an example may take any time. Elsewhere examples are random and failing
# ones are kept in .hypothesis/ to be replayed while one fixes them. HYPOTHESIS_PROFILE
# picks a profile by name.
_UNTIMED = [HealthCheck.too_slow]
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    print_blob=True,
    deadline=None,
    suppress_health_check=_UNTIMED,
)
settings.register_profile("dev", deadline=None, print_blob=True, suppress_health_check=_UNTIMED)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI", "").lower() in ("true", "1", "yes") else "dev")
)

CORPUS = ROOT / "altnotes" / "data" / "corpus"
GOLD = Path(__file__).resolve().parent / "gold"
ARTICLES = Path(__file__).resolve().parent / "articles"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request) -> None:
    if "corpus_cache" in request.fixturenames:
        return  # the shared, already-filled cache is set by that fixture
    monkeypatch.setenv("ALTNOTES_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def corpus_cache(tmp_path_factory: pytest.TempPathFactory, engine) -> Path:
    """A cache holding the bundled corpus's extraction (from the recorded parses), filled
    once per test session: what `altnotes people` leaves behind after its first run."""
    from altnotes.pipeline.extract import Settings, extract

    directory = tmp_path_factory.mktemp("corpus-cache")
    extract([str(CORPUS)], Settings(cache_dir=directory), engine=engine)
    return directory


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    """A cache directory of this test's own, not yet made (for ``seed`` and ``env``)."""
    return tmp_path / "cache"


@pytest.fixture
def cached_env(corpus_cache: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("ALTNOTES_CACHE_DIR", str(corpus_cache))
    return {**os.environ, "ALTNOTES_CACHE_DIR": str(corpus_cache)}


# --- recorded parses: stage tests without loading GiNZA ------------------------------------

PARSES = Path(__file__).resolve().parent / "fixtures" / "parses.json.gz"
RECORDING = os.environ.get("ALTNOTES_RECORD") == "1"  # `make record-parses`


@pytest.fixture(scope="session")
def recording():
    from altnotes.pipeline.recorded import Recording

    rec = Recording(PARSES)
    yield rec
    if RECORDING:
        rec.save()


@pytest.fixture(scope="session")
def engine(recording):
    """An engine factory for extract()/extract_text(): recorded parses; in record mode,
    GiNZA parses what is missing and the recording is saved at the end of the session."""
    from altnotes.pipeline.nlp import Engine
    from altnotes.pipeline.recorded import RecordedEngine

    def factory(workers: int):
        return RecordedEngine(recording, Engine(1) if RECORDING else None)

    return factory


@pytest.fixture(scope="session")
def parse(engine):
    """text -> Parsed, from the recording."""

    def _parse(text: str):
        with engine(1) as e:
            return e.submit(text)()

    return _parse
