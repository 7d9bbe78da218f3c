"""Engines that parse documents for extract_documents: the local worker pool (nlp.Engine)
and a Dask cluster (``--engine dask``), a local one or a running scheduler.

A Dask task is a batch of whole documents (about TASK_BYTES of text; a huge document is
cut into units of lines, as the local pool does). Each worker loads GiNZA and our NER once
(a worker plugin), never pickled; texts go in, plain tuples come out. The client keeps the
input order, assembles the parses, extracts the records and writes the cache, so the
records are the same whatever the engine. At the start every worker's code and model
fingerprint is checked against the client's: a cluster running other code is refused.
"""

from __future__ import annotations

import logging
import shutil
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
    MALLOC_TRIM_THRESHOLD_=65536 (meant for dataframes) makes a parse 1.3x slower."""
    import dask

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}):
        return distributed.LocalCluster(**kwargs)


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
        logging.getLogger("distributed").setLevel(logging.ERROR)
        try:
            if scheduler:
                self.client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
            else:
                self._scratch = tempfile.mkdtemp(prefix="altnotes-dask-")
                self._cluster = _local_cluster(
                    distributed,
                    n_workers=max(1, workers),
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    local_directory=self._scratch,
                    silence_logs=logging.ERROR,
                )
                self.client = distributed.Client(self._cluster)
        except (OSError, TimeoutError) as exc:
            self.terminate()
            raise AltnotesError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
        self._check_workers()
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def _check_workers(self) -> None:
        """Have every worker load the model (a plugin: once per process) and refuse
        workers whose code or model differ from ours."""
        mine = worker_fingerprint()
        self.client.register_plugin(_model_plugin())
        theirs = self.client.run(worker_fingerprint)
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
        client = getattr(self, "client", None)
        if client is not None:
            if cancel and self._futures:
                client.cancel(self._futures)
            client.close()
            self.client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.close() if exc_type is None else self.terminate()
