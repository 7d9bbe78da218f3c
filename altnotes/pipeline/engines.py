"""Engines that parse documents for extract_documents: the local worker pool (nlp.Engine)
and a Dask cluster (``--engine dask``), a local one or a running scheduler.

A Dask task is a batch of whole documents (about TASK_BYTES of text; a huge document is
cut into units of lines, as the local pool does). Each worker loads GiNZA and our NER once
(a worker plugin), never pickled; texts go in, plain tuples come out. The client keeps the
input order, assembles the parses, extracts the records and writes the cache, so the
records are the same whatever the engine. At the start every worker's code and model
fingerprint is checked against the client's: a cluster running other code is refused.

Ctrl-C: a terminal sends SIGINT to the whole process group. The worker processes of a local
cluster never take it (they are started from an IO loop thread that blocks it, and inherit
the mask), so only this process sees it: it cancels the tasks and closes the cluster, with
Dask's loggers silenced from then on, so that `interrupted` is all that is printed (not the
closed comms and cancelled starts that a half-stopped cluster logs as errors).
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import signal
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import AltnotesError, UsageError
from . import nlp
from .model_info import code_digest, model_fingerprint

TASK_BYTES = 1_000_000  # UTF-8 text per Dask task: coarse, so that scheduling costs nothing
WINDOW = 256  # documents in flight at once, so that tasks can be that coarse
CONNECT_TIMEOUT = "5s"  # a scheduler that does not answer by then is not there


def worker_fingerprint() -> str:
    """What a worker must share with the client to give the same parses."""
    return f"code={code_digest()}|{model_fingerprint()}"


def _parse_batch(docs: list[list[tuple[str, int]]]) -> list[list[Any]]:
    """On a worker: the pieces of each document's units (nlp._parse_unit per unit)."""
    return [nlp._parse_unit(units) for units in docs]


def _model_plugin() -> Any:
    """A worker plugin that loads GiNZA and our NER when a worker starts (every worker,
    those that join or replace a dead one later too): once per process, never pickled."""
    import distributed

    class LoadModel(distributed.WorkerPlugin):  # type: ignore[misc]
        name = "altnotes-model"

        def setup(self, worker: Any) -> None:
            nlp.load()

    return LoadModel()


def _local_cluster(distributed: Any, **kwargs: Any) -> Any:
    """A LocalCluster whose workers keep glibc's default malloc trimming: the nanny's
    MALLOC_TRIM_THRESHOLD_=65536 (meant for dataframes) makes a parse 1.3x slower. Its
    worker processes log nothing below CRITICAL: what goes wrong in a task comes back to
    the client as the task's exception, a dead worker is replaced by its nanny, and what
    workers log while the cluster is torn down (a closed scheduler, a removed scratch
    folder) would land on our stderr after Ctrl-C, where nothing but `interrupted` goes."""
    import dask

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    environ["DASK_LOGGING__DISTRIBUTED"] = "critical"  # read when a worker imports Dask
    with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}):
        return distributed.LocalCluster(**kwargs)


def _sheltered_loop() -> Any:
    """A running Dask IO loop on a thread that blocks SIGINT. A LocalCluster on it starts its
    worker processes from that thread (the nannies' process threads are its children), so
    they inherit the blocked signal: Ctrl-C reaches the whole process group, the client
    decides, the workers ignore it (as nlp's pool workers do). Signals for this process
    still reach its main thread, which blocks nothing."""
    from distributed.utils import LoopRunner

    runner = LoopRunner()
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks, no process groups
        runner.start()
        return runner
    # multiprocessing starts its resource tracker with the first spawned process and then
    # unblocks SIGINT in the thread that spawned it: start it now, from here
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        runner.start()  # the thread is created here, with the mask of this one
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
    return runner


# the loggers that a cluster being torn down writes to: closed comms, cancelled worker
# starts, futures whose exception nobody read (asyncio), callbacks that failed (tornado)
_DASK_LOGGERS = ("distributed", "tornado", "asyncio", "bokeh")
_SILENT = logging.CRITICAL + 10


def _silence_dask_logs() -> None:
    """Nothing from Dask's loggers from now on (the process is on its way out: what a
    cluster stopped mid-way logs, up to the exit handlers, is no news to the user)."""
    names = [n for n in logging.root.manager.loggerDict if n.split(".")[0] in _DASK_LOGGERS]
    for name in [*_DASK_LOGGERS, *names]:
        logging.getLogger(name).setLevel(_SILENT)


@dataclass
class _Slot:
    """A document's place in a batch task, and the task once it is sent."""

    index: int
    future: Any = None


class DaskEngine:
    """Parses on a Dask cluster: ``scheduler`` (tcp://HOST:PORT) or, without one, a
    LocalCluster of ``workers`` processes with one thread each, on 127.0.0.1, no dashboard,
    scratch space in a temporary folder removed at the end. Same interface as nlp.Engine."""

    window = WINDOW

    def __init__(self, workers: int = 1, scheduler: str | None = None) -> None:
        try:
            import distributed
        except ImportError:
            raise UsageError("--engine dask needs Dask: pip install 'altnotes[dask]'") from None
        self._scratch: str | None = None
        self._cluster: Any = None
        self._futures: list[Any] = []
        self._batch: list[list[tuple[str, int]]] = []  # documents not yet sent
        self._batch_bytes = 0
        self._slots: list[_Slot] = []  # their places in the task to come
        self.client: Any = None
        self._runner: Any = None  # the IO loop of a local cluster
        self._clusters: list[Any] = []  # every cluster begun here, started or not
        logging.getLogger("distributed").setLevel(logging.ERROR)
        try:
            try:
                if scheduler:
                    self.client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
                else:
                    self._start_local(distributed, workers)
            except (OSError, TimeoutError) as exc:
                raise AltnotesError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
            self._check_workers()
        except BaseException:  # Ctrl-C while the cluster starts or the workers load GiNZA
            self.terminate()
            raise
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def _start_local(self, distributed: Any, workers: int) -> None:
        self._scratch = tempfile.mkdtemp(prefix="altnotes-dask-")
        self._runner = _sheltered_loop()
        known = set(distributed.SpecCluster._instances)
        try:
            self._cluster = _local_cluster(
                distributed,
                n_workers=max(1, workers),
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                local_directory=self._scratch,
                silence_logs=logging.ERROR,
                loop=self._runner.loop,
            )
        finally:  # one interrupted while it starts must be closed too
            self._clusters = [c for c in distributed.SpecCluster._instances if c not in known]
        self.client = distributed.Client(self._cluster)

    def _check_workers(self) -> None:
        """Have every worker load the model (a plugin: once per process) and refuse
        workers whose code or model differ from ours."""
        mine = worker_fingerprint()
        try:
            self.client.register_plugin(_model_plugin())
            theirs = self.client.run(worker_fingerprint)
        except OSError as exc:  # a worker or the scheduler went away while they started
            self.terminate()
            raise AltnotesError(
                f"the Dask cluster failed while its workers started: {exc}"
            ) from None
        if not theirs:
            self.terminate()
            raise AltnotesError("the Dask cluster has no workers")
        odd = sorted(w for w, fp in theirs.items() if fp != mine)
        if odd:
            self.terminate()
            raise AltnotesError(
                f"Dask worker {odd[0]} runs other altnotes code or another model "
                f"({theirs[odd[0]]} here {mine}): install the same altnotes on every node"
            )

    def submit(self, text: str) -> Callable[[], nlp.Parsed]:
        units = nlp._units(text, nlp.UNIT_CHARS)
        # a huge document: its own tasks of about TASK_BYTES each
        size = sum(len(t.encode("utf-8")) for u in units for t, _ in u)
        if size >= TASK_BYTES:
            self._flush()
            parts: list[Any] = []
            chunk: list[tuple[str, int]] = []
            for unit in units:
                chunk += unit
                if sum(len(t.encode("utf-8")) for t, _ in chunk) >= TASK_BYTES:
                    parts.append(self.client.submit(_parse_batch, [chunk], pure=False))
                    chunk = []
            if chunk:
                parts.append(self.client.submit(_parse_batch, [chunk], pure=False))
            self._futures += parts
            return lambda: nlp._assemble(text, (r for f in parts for r in f.result()[0]))
        slot = _Slot(len(self._batch))
        self._batch.append([piece for u in units for piece in u])
        self._batch_bytes += size
        self._slots.append(slot)
        if self._batch_bytes >= TASK_BYTES:
            self._flush()

        def wait() -> nlp.Parsed:
            if slot.future is None:  # the caller needs it now: send what is batched,
                self._flush(self.workers)  # shared out so that every worker has a part
            return nlp._assemble(text, slot.future.result()[slot.index])

        return wait

    def _flush(self, parts: int = 1) -> None:
        """Send the batched documents as ``parts`` tasks of about equal size."""
        if not self._batch:
            return
        share = max(1, self._batch_bytes // max(1, parts))
        start, size = 0, 0
        sizes = [sum(len(t.encode("utf-8")) for t, _ in doc) for doc in self._batch]
        for k, doc_size in enumerate(sizes):
            size += doc_size
            if size >= share or k == len(sizes) - 1:
                future = self.client.submit(_parse_batch, self._batch[start : k + 1], pure=False)
                for slot in self._slots[start : k + 1]:
                    slot.future, slot.index = future, slot.index - start
                self._futures.append(future)
                start, size = k + 1, 0
        self._batch, self._batch_bytes, self._slots = [], 0, []

    def close(self) -> None:
        self._shutdown(cancel=False)

    def terminate(self) -> None:
        self._shutdown(cancel=True)

    def _shutdown(self, cancel: bool) -> None:
        if cancel:
            _silence_dask_logs()
        client = getattr(self, "client", None)
        if client is not None:
            # cancelling: nothing that fails now may take the place of the interruption
            with contextlib.suppress(Exception) if cancel else contextlib.nullcontext():
                if cancel and self._futures:
                    client.cancel(self._futures)
                client.close()
            self.client = None
        clusters = getattr(self, "_clusters", [])
        if not cancel and self._cluster is not None:
            self._cluster.close()
        elif clusters:
            for cluster in clusters:
                # a cluster interrupted while starting fails to close (its workers are
                # half-made): its daemonic worker processes end with this process, and
                # Dask's exit handler must not try again
                with contextlib.suppress(Exception):
                    cluster.close(timeout=10)
                cluster.shutdown_on_close = False
        self._cluster, self._clusters = None, []
        runner = getattr(self, "_runner", None)
        if runner is not None:
            with contextlib.suppress(Exception):
                runner.stop()
            self._runner = None
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.close() if exc_type is None else self.terminate()
