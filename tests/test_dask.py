"""`--engine dask`: the same records from one process, a local Dask cluster and a real
scheduler with separate worker processes; a killed worker's tasks rerun elsewhere;
Ctrl-C leaves no half-written cache entry; an unreachable scheduler is one line, exit 1.
Slow: every worker loads GiNZA."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ARTICLES, CORPUS, ROOT, run_cli

distributed = pytest.importorskip("distributed")
DASK = Path(sys.executable).parent / "dask"


def _env(cache: Path) -> dict[str, str]:
    return {**os.environ, "ALTNOTES_CACHE_DIR": str(cache)}


def _ok(proc: subprocess.CompletedProcess[bytes]) -> bytes:
    assert proc.returncode == 0, proc.stderr.decode()[-3000:]
    assert b"Traceback" not in proc.stderr
    return proc.stdout


class Cluster:
    """`dask scheduler` and `dask worker` processes on 127.0.0.1, stopped at the end."""

    def __init__(self, tmp: Path, workers: int = 2) -> None:
        self.procs: list[subprocess.Popen[bytes]] = []
        file = tmp / "scheduler.json"
        self.scheduler = self._start(
            [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0",
             "--no-dashboard", "--scheduler-file", str(file)]
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while not file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        self.address = re.search(r'"address": "([^"]+)"', file.read_text()).group(1)
        self.workers = [
            self._start(
                [
                    str(DASK),
                    "worker",
                    self.address,
                    "--nworkers",
                    "1",
                    "--nthreads",
                    "1",
                    "--no-dashboard",
                    "--host",
                    "127.0.0.1",
                    "--local-directory",
                    str(tmp / f"w{k}"),
                ]
            )  # fmt: skip
            for k in range(workers)
        ]
        client = distributed.Client(self.address, timeout="30s")
        client.wait_for_workers(workers, timeout=120)
        client.close()

    def _start(self, cmd: list[str]) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.procs.append(proc)
        return proc

    def stop(self) -> None:
        for proc in reversed(self.procs):
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture
def cluster(tmp_path):
    c = Cluster(tmp_path)
    yield c
    c.stop()


def _corpus_times(tmp: Path, n: int) -> Path:
    folder = tmp / f"x{n}"
    folder.mkdir()
    for k in range(n):
        for p in sorted(CORPUS.glob("*.txt")):
            shutil.copyfile(p, folder / f"{p.stem}_{k}.txt")
    return folder


@pytest.mark.slow
def test_a_local_cluster_gives_the_records_of_one_process(tmp_path: Path) -> None:
    for command in ("mentions", "events"):
        one = _ok(run_cli([command, "--json", "--no-cache", "--workers", "1", str(ARTICLES)]))
        dask = _ok(
            run_cli([command, "--json", "--no-cache", "--engine", "dask", "--workers", "2",
                     str(ARTICLES)])
        )  # fmt: skip
        assert dask == one, command


@pytest.mark.slow
def test_a_scheduler_with_separate_workers_gives_the_same_records(cluster, tmp_path) -> None:
    one = _ok(run_cli(["mentions", "--json", "--no-cache", "--workers", "1", str(ARTICLES)]))
    env = _env(tmp_path / "c")
    dask = _ok(run_cli(["mentions", "--json", "--scheduler", cluster.address, str(ARTICLES)], env))
    assert dask == one
    cached = list((tmp_path / "c").rglob("*.json"))
    assert len(cached) == 3  # the client wrote the cache


@pytest.mark.slow
def test_a_killed_worker_loses_nothing(cluster, tmp_path: Path) -> None:
    folder = _corpus_times(tmp_path, 4)
    one = _ok(run_cli(["documents", "--json", "--no-cache", "--workers", "1", str(folder)]))
    cmd = [str(Path(sys.executable).parent / "altnotes"), "documents", "--json", "--no-cache",
           "--scheduler", cluster.address, str(folder)]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    time.sleep(8)
    cluster.workers[0].kill()  # the worker process dies mid-run
    out, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, err.decode()[-3000:]
    assert out == one


@pytest.mark.slow
def test_ctrl_c_cancels_and_leaves_no_half_written_cache(tmp_path: Path) -> None:
    folder = _corpus_times(tmp_path, 4)
    cache = tmp_path / "c"
    cmd = [str(Path(sys.executable).parent / "altnotes"), "people", "--engine", "dask",
           "--workers", "2", str(folder)]  # fmt: skip
    proc = subprocess.Popen(
        cmd, env=_env(cache), stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    )
    time.sleep(12)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err.decode()[-3000:]
    assert b"Traceback" not in err
    assert not list(cache.rglob(".tmp-*"))


def test_an_unreachable_scheduler_is_one_line_and_exit_1(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("OpenAIのサム・アルトマン氏。", encoding="utf-8")
    proc = run_cli(["people", "--scheduler", "tcp://127.0.0.1:9", str(doc)], _env(tmp_path / "c"))
    assert proc.returncode == 1
    err = proc.stderr.decode().strip()
    assert "cannot reach the Dask scheduler" in err and "Traceback" not in err
    assert len(err.splitlines()) == 1 and proc.stdout == b""


def test_without_dask_the_engine_is_a_usage_error(tmp_path: Path) -> None:
    script = (
        "import sys; sys.modules['distributed'] = None\n"
        "from altnotes.cli import main\n"
        f"main(['people', '--engine', 'dask', {str(tmp_path)!r}])\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert proc.returncode == 2
    assert b"pip install 'altnotes[dask]'" in proc.stderr and b"Traceback" not in proc.stderr


def test_a_worker_running_other_code_is_refused() -> None:
    from altnotes.errors import AltnotesError
    from altnotes.pipeline.engines import DaskEngine, worker_fingerprint

    class FakeClient:
        def register_plugin(self, plugin) -> None:
            pass

        def run(self, fn):
            return {"tcp://a": worker_fingerprint(), "tcp://b": "code=other|model"}

        def close(self) -> None:
            pass

    engine = DaskEngine.__new__(DaskEngine)
    engine.client, engine._cluster, engine._scratch, engine._futures = FakeClient(), None, None, []
    with pytest.raises(AltnotesError, match="tcp://b runs other altnotes code"):
        engine._check_workers()
