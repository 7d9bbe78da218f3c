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
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from altnotes.errors import ExitStatus

from .conftest import ARTICLES, CORPUS
from .helpers import ROOT, altnotes_command, ctrl_c_answered, run_cli
from .helpers import env as cache_env

distributed = pytest.importorskip("distributed")
DASK = Path(sys.executable).parent / "dask"


def _ok(proc: subprocess.CompletedProcess[bytes]) -> bytes:
    assert proc.returncode == ExitStatus.OK, proc.stderr.decode()[-3000:]
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
        self.address = self._address(file, limit=300)
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
        client.wait_for_workers(workers, timeout=300)
        client.close()

    def _address(self, file: Path, limit: float) -> str:
        """The scheduler's address from its file, once the file is there and whole (it is
        not written atomically); waits as long as a loaded machine may need."""
        deadline = time.monotonic() + limit
        while True:
            found = re.search(r'"address": "([^"]+)"', file.read_text()) if file.exists() else None
            if found:
                return found.group(1)
            assert time.monotonic() < deadline, "the scheduler wrote no address"
            assert self.scheduler.poll() is None, "the scheduler exited"
            time.sleep(0.2)

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
    env = cache_env(tmp_path / "c")
    dask = _ok(run_cli(["mentions", "--json", "--scheduler", cluster.address, str(ARTICLES)], env))
    assert dask == one
    cached = list((tmp_path / "c").rglob("*.json"))
    assert len(cached) == 3  # the client wrote the cache


@pytest.mark.slow
def test_a_killed_worker_loses_nothing(cluster, tmp_path: Path) -> None:
    folder = _corpus_times(tmp_path, 4)
    one = _ok(run_cli(["documents", "--json", "--no-cache", "--workers", "1", str(folder)]))
    cmd = [*altnotes_command(), "documents", "--json", "--no-cache",
           "--scheduler", cluster.address, str(folder)]  # fmt: skip
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "ALTNOTES_LOG_EVERY": "1"},
    )
    # once the workers parse (a document is done), not after a delay that a loaded machine
    # may spend starting them
    assert proc.stderr is not None
    first = proc.stderr.readline()
    cluster.workers[0].kill()  # the worker process dies mid-run
    out, err = proc.communicate(timeout=900)
    err = first + err
    assert proc.returncode == ExitStatus.OK, err.decode()[-3000:]
    assert out == one


def _wait_for(found: Callable[[], list[Any]], proc: subprocess.Popen[bytes], limit: float) -> None:
    """Wait until ``found()`` finds something (or the process ends, or ``limit`` s pass)."""
    deadline = time.monotonic() + limit
    while not found() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)


def _spawned_in_session(sid: int) -> list[int]:
    """The processes that multiprocessing has spawned in a session and that are importing
    Dask (psutil's library is loaded) (Linux's /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) != sid or b"spawn_main" not in (stat.parent / "cmdline").read_bytes():
                continue
            if "psutil" in (stat.parent / "maps").read_text():
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux's /proc")
@pytest.mark.parametrize("moment", ["workers starting", "parsing"])
def test_ctrl_c_cancels_and_leaves_no_half_written_cache(tmp_path: Path, moment: str) -> None:
    """Ctrl-C as a terminal sends it, to the whole process group (the worker processes
    too), while the workers start or while they parse: one line, `interrupted`, exit 130,
    and no cache entry half-written. Any moment must give that; the two are found by what
    the run prints and which processes it has, not by a delay."""
    folder = _corpus_times(tmp_path, 4)
    cache, scratch = tmp_path / "c", tmp_path / "tmp"
    scratch.mkdir()
    # mentions as JSON: more than a pipe holds, and stdout is read only after the signal,
    # so that the run cannot end before it, however slowly this test gets to send it
    cmd = [*altnotes_command(), "mentions", "--json", "--engine",
           "dask", "--workers", "2", str(folder)]  # fmt: skip
    # TMPDIR: the cluster's scratch space in this test's folder, whatever happens to it
    env = {**cache_env(cache), "TMPDIR": str(scratch), "ALTNOTES_LOG_EVERY": "1"}
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
        start_new_session=True, preexec_fn=ctrl_c_answered,
    )  # fmt: skip
    assert proc.stderr is not None
    lines: list[bytes] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(proc.stderr.readline, b"")))
    reader.start()
    if moment == "parsing":  # a document is done: the others are being parsed
        _wait_for(lambda: [x for x in lines if x.startswith(b"progress:")], proc, 600)
    else:  # a worker process has just been spawned: it is still importing Dask
        _wait_for(lambda: _spawned_in_session(proc.pid), proc, 600)
    assert proc.poll() is None, b"".join(lines).decode()[-3000:]
    os.killpg(proc.pid, signal.SIGINT)
    assert proc.stdout is not None
    proc.stdout.read()
    proc.wait(timeout=120)
    reader.join(timeout=30)
    err = b"".join(lines).decode()
    assert proc.returncode == ExitStatus.INTERRUPTED, err[-3000:]
    said = [line for line in err.splitlines() if not line.startswith(("progress:", "done:"))]
    assert said == ["interrupted"], err[-3000:]
    assert not list(cache.rglob(".tmp-*"))


@pytest.mark.slow  # Dask waits out its connection timeout (about 5 s)
def test_an_unreachable_scheduler_is_one_line_and_exit_1(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("OpenAIのサム・アルトマン氏。", encoding="utf-8")
    args = ["people", "--scheduler", "tcp://127.0.0.1:9", str(doc)]
    proc = run_cli(args, cache_env(tmp_path / "c"))
    assert proc.returncode == ExitStatus.FAILURE
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
    assert proc.returncode == ExitStatus.USAGE
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


def test_a_cluster_that_fails_while_its_workers_start_is_one_line() -> None:
    """A worker killed while the model plugin is registered closed the scheduler's comm:
    a CommClosedError (an OSError) and its 40-line traceback. Now one AltnotesError."""
    from altnotes.errors import AltnotesError
    from altnotes.pipeline.engines import DaskEngine

    class FakeClient:
        closed = False

        def register_plugin(self, plugin) -> None:
            raise distributed.comm.core.CommClosedError("in <TCP (closed)>: Stream is closed")

        def close(self) -> None:
            self.closed = True

    engine = DaskEngine.__new__(DaskEngine)
    client = FakeClient()
    engine.client, engine._cluster, engine._scratch, engine._futures = client, None, None, []
    with pytest.raises(AltnotesError, match="failed while its workers started: in <TCP"):
        engine._check_workers()
    assert client.closed
