"""Shared fixtures. Every test gets its own cache directory through ALTNOTES_CACHE_DIR;
the slow end-to-end tests share one GiNZA pass over the bundled corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "altnotes" / "data" / "corpus"
GOLD = Path(__file__).resolve().parent / "gold"
ARTICLES = Path(__file__).resolve().parent / "articles"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request) -> None:
    if "corpus_cache" in request.fixturenames:
        return  # the shared, already-filled cache is set by that fixture
    monkeypatch.setenv("ALTNOTES_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def corpus_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache holding the bundled corpus's extraction, filled once per test session."""
    directory = tmp_path_factory.mktemp("corpus-cache")
    env = {**os.environ, "ALTNOTES_CACHE_DIR": str(directory)}
    subprocess.run(
        [sys.executable, "-m", "altnotes", "documents", "--json"],
        check=True,
        env=env,
        capture_output=True,
        cwd=ROOT,
        timeout=900,
    )
    return directory


@pytest.fixture
def cached_env(corpus_cache: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("ALTNOTES_CACHE_DIR", str(corpus_cache))
    return {**os.environ, "ALTNOTES_CACHE_DIR": str(corpus_cache)}


def run_cli(
    args: list[str],
    env: dict[str, str] | None = None,
    input: bytes | None = None,
    timeout: float = 900,
) -> subprocess.CompletedProcess[bytes]:
    """The installed console script in a real subprocess."""
    exe = Path(sys.executable).parent / "altnotes"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "altnotes"]
    return subprocess.run(
        cmd + args, env=env, input=input, capture_output=True, cwd=ROOT, timeout=timeout
    )


def load_json(stdout: bytes) -> object:
    return json.loads(stdout.decode("utf-8"))
