"""The options every listing command shares, and the one helper that turns them into
records: ``load(common)`` runs the library over PATHS and returns the extractions."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..errors import UsageError
from .render import Format

PathsArg = Annotated[
    Optional[list[str]],  # noqa: UP045 - typer needs Optional here
    typer.Argument(
        help="Files, folders (*.txt, *.md), named pipes or - for stdin. Default: the "
        "bundled corpus.",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="One JSON array of records.")]
JsonlOpt = Annotated[bool, typer.Option("--jsonl", help="One JSON record per line.")]
CsvOpt = Annotated[bool, typer.Option("--csv", help="CSV with a header row.")]
KbOpt = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option("--kb", help="Extra knowledge-base TOML file, merged over the bundled one."),
]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")]
WorkersOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--workers",
        min=1,
        help="Processes for GiNZA (each loads the model, ~0.5 GiB). Default and most: the "
        "CPU count; never more than there is work for.",
    ),
]
EngineOpt = Annotated[
    str,
    typer.Option(
        "--engine",
        help="Where GiNZA runs: local (worker processes here) or dask (a Dask cluster: a "
        "local one of --workers processes, or the one at --scheduler; pip install "
        "'altnotes[dask]').",
    ),
]
SchedulerOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--scheduler", help="A running Dask scheduler, tcp://HOST:8786 (--engine dask)."),
]
DocDateOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--doc-date", help="Date of the documents (YYYY-MM-DD) for relative dates."),
]
LimitOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option("--limit", "-n", min=0, help="Show at most this many rows."),
]
DocumentOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--document", "-d", help="Only this document id."),
]


@dataclass(frozen=True)
class Common:
    """The shared options of one run, as the user gave them: a listing command declares
    each of these fields as a parameter of the same name (PathsArg, JsonOpt, ...)."""

    paths: list[str] | None = None
    json_: bool = False
    jsonl: bool = False
    csv_: bool = False
    kb: list[Path] | None = None
    no_cache: bool = False
    workers: int | None = None
    engine: str = "local"
    scheduler: str | None = None
    doc_date: str | None = None
    limit: int | None = None

    @property
    def format(self) -> Format:
        chosen = [
            f
            for f, on in (
                (Format.json, self.json_),
                (Format.jsonl, self.jsonl),
                (Format.csv, self.csv_),
            )
            if on
        ]
        if len(chosen) > 1:
            raise UsageError("choose one of --json, --jsonl, --csv")
        return chosen[0] if chosen else Format.table

    def settings(self) -> Any:
        from ..pipeline.extract import Settings

        cpus = os.cpu_count() or 1
        engine = "dask" if self.scheduler else self.engine.lower()
        if engine not in ("local", "dask"):
            raise UsageError(f"--engine takes local or dask, not {self.engine!r}")
        if engine == "dask":
            try:
                import distributed  # noqa: F401
            except ImportError:
                raise UsageError("--engine dask needs Dask: pip install 'altnotes[dask]'") from None
        return Settings(
            kb_files=tuple(self.kb or ()),
            doc_date=parse_day(self.doc_date, "--doc-date"),
            workers=min(self.workers or cpus, cpus),
            use_cache=not self.no_cache,
            engine=engine,
            scheduler=self.scheduler,
        )


def parse_day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} takes a date as YYYY-MM-DD, not {value!r}") from None


def load(common: Common, lite: bool = True, text: bool = False) -> list[Any]:
    """The extractions of PATHS; cached ones as lite records unless ``lite`` is off;
    with ``text``, each document record carries the document's text. Names are read
    through the corpus's canonical-name map (query/identity.py)."""
    from ..pipeline.extract import extract
    from ..query.identity import resolve
    from .console import warn
    from .progress import Progress

    settings = common.settings()
    paths = list(common.paths or [])
    with Progress(paths) as progress:
        exts = extract(paths, settings, warn=warn, progress=progress, lite=lite, text=text)
    return list(resolve(exts))
