"""`make bench`: one run, same machine, figures as ratios. A benchmark, not a test.

Prints: cold corpus time for altnotes and for GiNZA's own `ginza` command over the same
files; warm query time against the `import typer, rich, pydantic` floor; throughput in
characters per second at 1x and Nx the corpus (copies with changed ids); peak memory.
Set BENCH_REPEAT (default 20) to change N.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
BIN = Path(sys.executable).parent


def timed(cmd: list[str], env: dict[str, str], stdout=subprocess.DEVNULL) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB, children) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=stdout, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(before, after)


def median_of(n: int, cmd: list[str], env: dict[str, str]) -> float:
    return statistics.median(timed(cmd, env)[0] for _ in range(n))


def main() -> None:
    repeat = int(os.environ.get("BENCH_REPEAT", "20"))
    files = sorted(CORPUS.glob("*.txt"))
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    work = Path(tempfile.mkdtemp(prefix="altnotes-bench-"))
    env = {**os.environ, "ALTNOTES_CACHE_DIR": str(work / "cache")}
    altnotes = [str(BIN / "altnotes")]
    print(f"corpus: {len(files)} files, {chars:,} characters; {os.cpu_count()} CPUs")

    # 1. cold: empty cache
    cold, rss = timed([*altnotes, "people", "--json", str(CORPUS)], env)
    print(
        f"cold  altnotes people (empty cache): {cold:6.1f} s  {chars / cold:7,.0f} chars/s  "
        f"peak RSS of one process {rss / 1024:,.0f} MiB"
    )
    ginza = BIN / "ginza"
    if ginza.exists():
        g, _ = timed([str(ginza), *map(str, files)], env)
        print(
            f"cold  ginza (GiNZA's own command):   {g:6.1f} s  {chars / g:7,.0f} chars/s  "
            f"-> altnotes takes {cold / g:.2f}x of ginza's time"
        )

    # 2. warm: everything cached, against the python-import floor
    floor = median_of(5, [sys.executable, "-c", "import typer, rich, pydantic"], env)
    warm = median_of(5, [*altnotes, "people", "--json", str(CORPUS)], env)
    print(
        f"warm  altnotes people --json:        {warm:6.2f} s  vs import floor {floor:.2f} s "
        f"-> {warm / floor:.2f}x"
    )

    # 3. throughput at Nx the corpus (fresh ids, so nothing is cached)
    big = work / "big"
    big.mkdir()
    for k in range(repeat):
        for p in files:
            shutil.copyfile(p, big / f"{p.stem}_{k:03d}.txt")
    t, rss = timed([*altnotes, "documents", "--json", str(big)], env)
    print(
        f"scale {repeat}x corpus ({repeat * chars:,} chars): {t:6.1f} s  "
        f"{repeat * chars / t:7,.0f} chars/s  peak RSS of one process {rss / 1024:,.0f} MiB"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
