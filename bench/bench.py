"""`make bench`: speed and memory of altnotes on this machine, in one run. A benchmark,
not a test: it prints figures and asserts nothing.

1. cold: the bundled corpus with an empty cache, against GiNZA's own `ginza` command over
   the same files, and against the sum of its parts (Sudachi tokenizer + each pipeline
   component altnotes keeps, timed one after the other in one process);
2. warm: `altnotes people --json` over the cached corpus against the floor
   `python -c "import typer, rich, pydantic"` (medians of interleaved runs);
3. scale: throughput in characters per second at 1x and Nx the corpus (copies with new
   ids, so nothing is cached), with peak memory summed over the process and its workers;
4. one big document: the corpus's articles one after the other in one document of
   100,000 characters, 1 MB and 5 MB: the stages after the parse (processor seconds,
   on the recorded parses of the articles laid end to end), and with BENCH_BIG_PARSE=1
   the whole command with no cache, one process, less the time of a one-line document
   (the model's load). The 5 MB one must cost at most 22x the 100,000-character one for
   its 17x the text: every stage is linear in the text.

BENCH_REPEAT (default 20) sets N; BENCH_RUNS (default 7) the warm repetitions;
BENCH_ONLY=big runs part 4 alone; BENCH_BIG_RUNS (default 2) its repetitions.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "altnotes" / "data" / "corpus"
BIN = Path(sys.executable).parent


def _tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc (KiB)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            rss = next(ln for ln in status.splitlines() if ln.startswith("VmRSS"))
            total += int(rss.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run(cmd: list[str], env: dict[str, str], also: Sequence[int] = ()) -> tuple[float, int]:
    """Wall seconds and peak resident memory of the whole process tree (MiB), plus the
    trees of the processes ``also`` names (a Dask scheduler and its workers)."""
    peak = 0
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kib(proc.pid) + sum(_tree_rss_kib(p) for p in also))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err.decode(errors='replace')}")
    return wall, peak // 1024


def sum_of_parts(files: list[Path]) -> tuple[float, dict[str, float]]:
    """Tokenizer and each kept component over the corpus lines, in this process, with
    the same settings altnotes uses (numpy BLAS ops, one BLAS thread, components
    excluded)."""
    sys.path.insert(0, str(ROOT))
    from altnotes.pipeline import nlp

    model = nlp.load()
    texts = [c.text for p in files for c in nlp.chunk_text(p.read_text(encoding="utf-8"))]
    times: dict[str, float] = {}
    t = time.perf_counter()
    docs = [model.make_doc(x) for x in texts]
    times["tokenizer"] = time.perf_counter() - t
    for name, component in [*model.pipeline, ("our ner", nlp._NER)]:
        t = time.perf_counter()
        docs = list(component.pipe(docs, batch_size=32))
        times[name] = time.perf_counter() - t
    return sum(times.values()), times


def main() -> None:
    repeat = int(os.environ.get("BENCH_REPEAT", "20"))
    runs = int(os.environ.get("BENCH_RUNS", "7"))
    files = sorted(CORPUS.glob("*.txt"))
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    work = Path(tempfile.mkdtemp(prefix="altnotes-bench-"))
    env = {**os.environ, "ALTNOTES_CACHE_DIR": str(work / "cache")}
    print(f"corpus: {len(files)} files, {chars:,} characters; {os.cpu_count()} CPUs")
    if os.environ.get("BENCH_ONLY") == "big":
        try:
            big_documents(files, work, env)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    try:
        bench_cold(files, chars, work, env)
        bench_warm(runs, env)
        bench_scale(files, chars, repeat, work, env)
        big_documents(files, work, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench_cold(files: list[Path], chars: int, work: Path, env: dict[str, str]) -> None:
    """1. the corpus with an empty cache, against ginza and the sum of its parts."""
    altnotes = [str(BIN / "altnotes")]
    # the model's files into the page cache first: "cold" is an empty extraction cache,
    # not a cold disk, and the first command timed must not pay for the others
    run([sys.executable, "-c", "import spacy; spacy.load('ja_ginza')"], env)
    cold, cold_mem = run([*altnotes, "people", "--json", str(CORPUS)], env)
    print(
        f"cold   altnotes people (empty cache)   {cold:6.1f} s  {chars / cold:7,.0f} chars/s"
        f"  peak {cold_mem:,} MiB (all processes)"
    )
    baseline = os.environ.get("BENCH_BASELINE")  # an older checkout, run in the same session
    if baseline:
        # -P: the current folder (this checkout) must not come before PYTHONPATH
        old = [sys.executable, "-P", "-m", "altnotes", "people", "--json", str(CORPUS)]
        b, b_mem = run(
            old,
            {**env, "PYTHONPATH": baseline, "ALTNOTES_CACHE_DIR": str(work / "cache-baseline")},
        )
        print(
            f"cold   baseline {Path(baseline).name:<22} {b:6.1f} s  {chars / b:7,.0f} chars/s"
            f"  peak {b_mem:,} MiB   -> altnotes {cold / b:.2f}x of its time"
        )
    ginza = BIN / "ginza"
    if ginza.exists():
        g, g_mem = run([str(ginza), *map(str, files)], env)
        print(
            f"cold   ginza (GiNZA's own command)     {g:6.1f} s  {chars / g:7,.0f} chars/s"
            f"  peak {g_mem:,} MiB   -> altnotes {cold / g:.2f}x of ginza's time"
        )
    parts, times = sum_of_parts(files)
    detail = ", ".join(f"{k} {v:.1f}" for k, v in times.items())
    print(
        f"cold   sum of parts, one process       {parts:6.1f} s  ({detail})"
        f"   -> altnotes {cold / parts:.2f}x of it"
    )


def bench_warm(runs: int, env: dict[str, str]) -> None:
    """2. the cached corpus against the import floor."""
    altnotes = [str(BIN / "altnotes")]
    floor_cmd = [sys.executable, "-c", "import typer, rich, pydantic"]
    warm_cmd = [*altnotes, "people", "--json", str(CORPUS)]
    floor, warm = [], []
    for _ in range(runs):  # interleaved, so that noise hits both alike
        floor.append(run(floor_cmd, env)[0])
        warm.append(run(warm_cmd, env)[0])
    f, w = statistics.median(floor), statistics.median(warm)
    print(
        f"warm   altnotes people --json (cached) {w:6.2f} s  vs import floor {f:.2f} s"
        f"  -> {w / f:.2f}x  (medians of {runs})"
    )


def bench_scale(
    files: list[Path], chars: int, repeat: int, work: Path, env: dict[str, str]
) -> None:
    """3. the corpus repeated, by each engine."""
    altnotes = [str(BIN / "altnotes")]
    # 3. scale, and the engines: the corpus repeated with changed ids, no cache
    for n in (1, repeat) if repeat else ():
        big = work / f"x{n}"
        big.mkdir()
        for k in range(n):
            for p in files:
                shutil.copyfile(p, big / f"{p.stem}_{k:03d}.txt")
        base = [*altnotes, "documents", "--json", "--no-cache", str(big)]
        engines = [("local pool, 2 workers", [], ())]
        if n == repeat:
            engines = [("one process", ["--workers", "1"], ()), *engines]
            if (BIN / "dask").exists():
                engines.append(("dask LocalCluster, 2", ["--engine", "dask", "--workers", "2"], ()))
        for label, extra, also in engines:
            t, mem = run([*base, *extra], env, also)
            print(
                f"scale  {n:2d}x corpus ({n * chars:>9,} chars)  {label:<22} {t:6.1f} s  "
                f"{n * chars / t:7,.0f} chars/s  peak {mem:,} MiB (all processes)"
            )
        if n == repeat and (BIN / "dask").exists():
            with _scheduler(work) as (address, pids):
                t, mem = run([*base, "--scheduler", address], env, pids)
            label = "dask scheduler + 2"
            print(
                f"scale  {n:2d}x corpus ({n * chars:>9,} chars)  {label:<22} {t:6.1f} s  "
                f"{n * chars / t:7,.0f} chars/s  peak {mem:,} MiB (client, scheduler, workers)"
            )
        shutil.rmtree(big)


def _one_document(files: list[Path], size: int, in_bytes: bool) -> str:
    """The articles one after the other, over and over, cut at a line end to ``size``
    characters (or UTF-8 bytes)."""
    articles = [p.read_text(encoding="utf-8").strip("\n") + "\n" for p in files]
    lines = [ln for a in articles for ln in a.splitlines(keepends=True)]
    out: list[str] = []
    total = 0
    while True:
        for line in lines:
            n = len(line.encode("utf-8")) if in_bytes else len(line)
            if total + n > size:
                return "".join(out)
            out.append(line)
            total += n


BIG = [("100,000 chars", 100_000, False), ("1 MB", 1_000_000, True), ("5 MB", 5_000_000, True)]


def big_documents(files: list[Path], work: Path, env: dict[str, str]) -> None:
    """4. one document of 100,000 characters, 1 MB and 5 MB: the stages after the parse
    on recorded parses of the articles laid end to end (processor seconds, fastest of
    BENCH_BIG_RUNS), and with BENCH_BIG_PARSE=1 the whole command, GiNZA included."""
    sys.path.insert(0, str(ROOT))
    from altnotes.pipeline.corpus import Document
    from altnotes.pipeline.extract import Settings, extract_document
    from altnotes.pipeline.recorded import Recording, join_parses

    recording = Recording(ROOT / "tests" / "fixtures" / "parses.json.gz")
    parses = [recording.get(p.read_text(encoding="utf-8")) for p in files]
    if not all(parses):
        raise SystemExit("no recorded parse of the bundled corpus: run `make record-parses`")
    settings = Settings(use_cache=False)
    runs = int(os.environ.get("BENCH_BIG_RUNS", "2"))
    # patterns compiled and data loaded once, outside the times
    extract_document(Document(id="warm", text=parses[0].text), parses[0], settings)
    base: tuple[int, float] | None = None
    for label, size, in_bytes in BIG:
        parsed = join_parses(_repeat(parses, size, in_bytes))
        doc = Document(id="big", text=parsed.text)
        best = float("inf")
        for _ in range(runs):
            t0 = time.process_time()
            extract_document(doc, parsed, settings)
            best = min(best, time.process_time() - t0)
        base = _print_big("after the parse", label, len(parsed.text), best, base)
    if os.environ.get("BENCH_BIG_PARSE") != "1":
        return
    cmd = [str(BIN / "altnotes"), "documents", "--json", "--no-cache", "--workers", "1"]
    one_line = work / "one-line.txt"
    one_line.write_text("サム・アルトマンは2015年にOpenAIを設立した。\n", encoding="utf-8")
    floor, _ = run([*cmd, str(one_line)], env)
    print(f"big    whole command, one line (the model's load)  {floor:6.1f} s", flush=True)
    base = None
    for label, size, in_bytes in BIG:
        path = work / f"big-{size}.txt"
        text = _one_document(files, size, in_bytes)
        path.write_text(text, encoding="utf-8")
        t, mem = run([*cmd, str(path)], env)
        base = _print_big("whole command", label, len(text), max(t - floor, 1e-9), base)


def _repeat(parses: list[Any], size: int, in_bytes: bool) -> list[Any]:
    """The parses over and over until they hold ``size`` characters (or bytes)."""
    out: list[Any] = []
    total = 0
    while True:
        for p in parses:
            if total >= size:
                return out
            out.append(p)
            total += len(p.text.encode("utf-8")) + 1 if in_bytes else len(p.text) + 1


def _print_big(
    what: str, label: str, chars: int, seconds: float, base: tuple[int, float] | None
) -> tuple[int, float]:
    line = f"big    {what:<16} one document, {label:<14} {chars:>9,} chars  {seconds:7.2f} s"
    if base is not None:
        line += f"  -> {chars / base[0]:4.1f}x the text, {seconds / base[1]:4.1f}x the time"
    print(line, flush=True)
    return base or (chars, seconds)


@contextlib.contextmanager
def _scheduler(work: Path) -> Iterator[tuple[str, list[int]]]:
    """`dask scheduler` and two `dask worker` processes on 127.0.0.1, stopped afterwards."""
    import re

    file = work / "scheduler.json"
    dask = str(BIN / "dask")
    procs = [
        subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
             "--scheduler-file", str(file)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
    ]  # fmt: skip
    try:
        while not file.exists():
            time.sleep(0.2)
        address = re.search(r'"address": "([^"]+)"', file.read_text()).group(1)  # type: ignore[union-attr]
        procs += [
            subprocess.Popen(
                [dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                 "--local-directory", str(work / f"w{k}")],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            for k in range(2)
        ]  # fmt: skip
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=120)
        yield address, [p.pid for p in procs]
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=30)


if __name__ == "__main__":
    main()
