"""The command line: parse options, call the library, pick a renderer. Nothing else.

Data goes to stdout; progress, warnings and errors to stderr.
Exit codes: 0 ok, 1 runtime failure, 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from enum import IntEnum
from pathlib import Path
from typing import Annotated, Any, Optional

import click
import typer

from . import __version__
from .render import Column, Format, render


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1
    USAGE = 2
    INTERRUPTED = 130


_APP_SETTINGS: dict[str, Any] = {
    "name": "altnotes",
    "help": (
        "People, organizations, dates and dated events from Japanese articles.\n\n"
        "With no PATHS every command reads the bundled corpus (data/corpus). PATHS may be "
        "files, folders (searched for *.txt and *.md) or - for standard input.\n\n"
        "Examples:\n\n"
        "  altnotes people\n\n"
        "  altnotes events --json | jq '.[] | select(.people | index(\"Sam Altman\"))'\n\n"
        "  altnotes people ~/articles --min-mentions 3\n\n"
        "  altnotes show 'Mira Murati'"
    ),
    "no_args_is_help": True,
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = typer.Typer(**_APP_SETTINGS)
kb_app = typer.Typer(help="The knowledge base: list it, or check a file of your own.")
cache_app = typer.Typer(help="The extraction cache: where it is, or empty it.")
app.add_typer(kb_app, name="kb")
app.add_typer(cache_app, name="cache")


# --- shared plumbing ----------------------------------------------------------------------


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def warn(message: str) -> None:
    _stderr().print(f"[yellow]warning:[/] {message}", markup=True, soft_wrap=True)


def fail(message: str, code: ExitCode = ExitCode.FAILURE) -> typer.Exit:
    """Print one error line on stderr; the caller raises the returned Exit."""
    _stderr().print(f"[red]error:[/] {message}", markup=True, soft_wrap=True)
    return typer.Exit(int(code))


def usage_error(message: str) -> typer.Exit:
    return fail(message, ExitCode.USAGE)


PathsArg = Annotated[
    Optional[list[str]],  # noqa: UP045 - typer needs Optional here
    typer.Argument(
        help="Files, folders (*.txt, *.md) or - for stdin. Default: the bundled corpus.",
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
    typer.Option("--workers", min=1, help="Processes for GiNZA. Default: the CPU count."),
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


def _format(json_: bool, jsonl: bool, csv_: bool) -> Format:
    chosen = [
        f for f, on in ((Format.json, json_), (Format.jsonl, jsonl), (Format.csv, csv_)) if on
    ]
    if len(chosen) > 1:
        raise usage_error("choose one of --json, --jsonl, --csv")
    return chosen[0] if chosen else Format.table


def _parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise usage_error(f"{option} takes a date as YYYY-MM-DD, not {value!r}") from None


def _load(
    paths: Sequence[str] | None,
    kb: Sequence[Path] | None,
    no_cache: bool,
    workers: int | None,
    doc_date: str | None,
    lite: bool = True,
) -> list[Any]:
    """The extractions of PATHS; cached ones as lite records unless ``lite`` is off."""
    from .errors import CorpusError, DataFileError
    from .extract import Settings, extract

    settings = Settings(
        kb_files=tuple(kb or ()),
        doc_date=_parse_date(doc_date, "--doc-date"),
        workers=workers or max(1, min(os.cpu_count() or 1, 4)),
        use_cache=not no_cache,
    )
    try:
        with _progress(list(paths or [])) as progress:
            return extract(list(paths or []), settings, warn=warn, progress=progress, lite=lite)
    except CorpusError as exc:
        raise fail(str(exc), ExitCode.USAGE) from None
    except DataFileError as exc:
        raise fail(str(exc), ExitCode.USAGE) from None


class _progress:
    """A rich progress bar on stderr, when it is a terminal and something must be parsed:
    documents done, characters per second, time left (by bytes of the files)."""

    def __init__(self, paths: Sequence[str]) -> None:
        self.paths = paths

    def __enter__(self) -> Callable[[str, Any], None] | None:
        self._bar: Any = None
        self._done = 0
        self._docs = 0
        self._parsed_chars = 0
        if not sys.stderr.isatty():
            return None
        return self._update

    def _start(self) -> None:
        import time

        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[docs]} docs"),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            TimeElapsedColumn(),
            console=_stderr(),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task(
            "loading GiNZA",
            total=_total_bytes(self.paths),  # only now: a fully cached run walks no folder twice
            completed=self._done,
            docs=self._docs,
            rate="",
        )
        self._t0 = time.monotonic()

    def _update(self, event: str, doc: Any) -> None:
        import time

        if event == "queued":
            if self._bar is None:
                self._start()
            return
        self._done += _file_bytes(doc)
        self._docs += 1
        if self._bar is None:
            return  # cached documents only: no bar
        fields: dict[str, Any] = {"docs": self._docs}
        if event == "parsed":
            self._parsed_chars += len(doc.text)
            rate = self._parsed_chars / max(1e-6, time.monotonic() - self._t0)
            fields.update(rate=f"{rate:,.0f} chars/s", description="parsing with GiNZA")
        self._bar.update(self._task, completed=self._done, **fields)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def _total_bytes(paths: Sequence[str]) -> int | None:
    """The size of the input files, for the progress bar's time left (None for stdin)."""
    from .corpus import expand_paths

    files = expand_paths(paths)
    if "-" in files:
        return None
    return sum(os.path.getsize(f) for f in files)


def _file_bytes(doc: Any) -> int:
    """A document's share of that total: its file's size, as the total counts it."""
    try:
        return os.path.getsize(doc.path) if doc.path else len(doc.text.encode("utf-8"))
    except OSError:
        return 0


def _emit(records: Sequence[Any], fmt: Format, columns: Sequence[Column], title: str) -> None:
    render(records, fmt, columns, title=title)


# --- commands -------------------------------------------------------------------------------


def _entities_command(
    etype: str,
    paths: list[str] | None,
    json_: bool,
    jsonl: bool,
    csv_: bool,
    kb: list[Path] | None,
    no_cache: bool,
    workers: int | None,
    doc_date: str | None,
    limit: int | None,
    min_mentions: int,
    document: str | None,
) -> None:
    from .entities import aggregate

    fmt = _format(json_, jsonl, csv_)
    exts = _load(paths, kb, no_cache, workers, doc_date)
    if document:
        exts = [e for e in exts if e.document.id == document]
    from .lite import Rec

    entities = aggregate(exts, (etype,), make=Rec)
    entities = [e for e in entities if e.mentions >= min_mentions]
    if limit is not None:
        entities = entities[:limit]
    columns = [
        Column("name", lambda e: e.name, style="bold"),
        Column("other names", lambda e: [a for a in e.aliases if a != e.name], max_width=40),
        Column("mentions", lambda e: e.mentions, justify="right"),
        Column("docs", lambda e: len(e.documents), justify="right"),
        Column("roles", lambda e: e.roles[:4], max_width=24),
        Column("affiliations", lambda e: e.affiliations[:3], max_width=24),
    ]
    title = "People" if etype == "PERSON" else "Organizations"
    _emit(entities, fmt, columns, f"{title} ({len(entities)})")


MinMentionsOpt = Annotated[
    int, typer.Option("--min-mentions", "-m", min=0, help="Only entities mentioned this often.")
]


@app.command()
def people(
    paths: PathsArg = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
    csv_: CsvOpt = False,
    kb: KbOpt = None,
    no_cache: NoCacheOpt = False,
    workers: WorkersOpt = None,
    doc_date: DocDateOpt = None,
    limit: LimitOpt = None,
    min_mentions: MinMentionsOpt = 1,
    document: DocumentOpt = None,
) -> None:
    """One row per person: canonical name, other names, mentions, documents, roles.

    Example: altnotes people ~/articles --min-mentions 2 --json
    """
    _entities_command(
        "PERSON",
        paths,
        json_,
        jsonl,
        csv_,
        kb,
        no_cache,
        workers,
        doc_date,
        limit,
        min_mentions,
        document,
    )


@app.command()
def orgs(
    paths: PathsArg = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
    csv_: CsvOpt = False,
    kb: KbOpt = None,
    no_cache: NoCacheOpt = False,
    workers: WorkersOpt = None,
    doc_date: DocDateOpt = None,
    limit: LimitOpt = None,
    min_mentions: MinMentionsOpt = 1,
    document: DocumentOpt = None,
) -> None:
    """One row per organization, like `people`.

    Example: altnotes orgs --limit 10
    """
    _entities_command(
        "ORG",
        paths,
        json_,
        jsonl,
        csv_,
        kb,
        no_cache,
        workers,
        doc_date,
        limit,
        min_mentions,
        document,
    )


@app.command()
def dates(
    paths: PathsArg = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
    csv_: CsvOpt = False,
    kb: KbOpt = None,
    no_cache: NoCacheOpt = False,
    workers: WorkersOpt = None,
    doc_date: DocDateOpt = None,
    limit: LimitOpt = None,
    document: DocumentOpt = None,
    unresolved: Annotated[
        bool, typer.Option("--unresolved", help="Only dates whose value is unknown.")
    ] = False,
) -> None:
    """Every date expression: document, text, normalized value, sentence.

    Example: altnotes dates --json | jq '.[] | select(.value | startswith("2023"))'
    """
    fmt = _format(json_, jsonl, csv_)
    exts = _load(paths, kb, no_cache, workers, doc_date)
    records = [d for e in exts for d in e.dates if not document or e.document.id == document]
    if unresolved:
        records = [d for d in records if d.value is None]
    if limit is not None:
        records = records[:limit]
    columns = [
        Column("document", lambda d: d.document, max_width=22),
        Column("text", lambda d: d.text, style="bold"),
        Column("value", lambda d: d.value, style="cyan"),
        Column("kind", lambda d: d.kind),
        Column("sentence", lambda d: d.sentence, max_width=70),
    ]
    _emit(records, fmt, columns, f"Dates ({len(records)})")


@app.command()
def events(
    paths: PathsArg = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
    csv_: CsvOpt = False,
    kb: KbOpt = None,
    no_cache: NoCacheOpt = False,
    workers: WorkersOpt = None,
    doc_date: DocDateOpt = None,
    limit: LimitOpt = None,
    document: DocumentOpt = None,
    type_: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--type", "-t", help="Only events of this type (founding, release, ...)."),
    ] = None,
    person: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--person", "-p", help="Only events with this participant."),
    ] = None,
    since: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--since", help="Only events on or after this date (YYYY[-MM[-DD]])."),
    ] = None,
    until: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--until", help="Only events on or before this date (YYYY[-MM[-DD]])."),
    ] = None,
    undated: Annotated[
        bool, typer.Option("--undated/--dated-only", help="Include events whose date is unknown.")
    ] = False,
) -> None:
    """A timeline of dated events: date, trigger, people, organizations, sentence.

    Example: altnotes events --type dismissal --since 2023 --json
    """
    from .timeline import filter_events, sort_events

    fmt = _format(json_, jsonl, csv_)
    try:
        since_d = _bound(since, "--since", first=True)
        until_d = _bound(until, "--until", first=False)
    except ValueError as exc:
        raise usage_error(str(exc)) from None
    exts = _load(paths, kb, no_cache, workers, doc_date)
    records = [ev for e in exts for ev in e.events if not document or e.document.id == document]
    records = filter_events(
        records, types=type_, person=person, since=since_d, until=until_d, undated=undated
    )
    records = sort_events(records)
    if limit is not None:
        records = records[:limit]
    columns = [
        Column("date", _event_date, style="cyan"),
        Column("type", lambda e: e.type),
        Column("trigger", lambda e: e.trigger, style="bold"),
        Column("people", lambda e: e.people, max_width=24),
        Column("organizations", lambda e: e.organizations, max_width=24),
        Column("products", lambda e: e.products, max_width=16),
        Column("sentence", lambda e: e.text, max_width=56),
    ]
    inferred = sum(e.date_inferred for e in records)
    title = f"Events ({len(records)})" + (
        f"; ~ = date of the preceding text ({inferred})" if inferred else ""
    )
    render(records, fmt, columns, title=title, group=lambda e: (e.date or "?")[:4])


def _event_date(event: Any) -> str:
    if event.date is None:
        return f"? {event.date_text}"
    return f"~{event.date}" if event.date_inferred else event.date


def _bound(value: str | None, option: str, first: bool) -> dt.date | None:
    from .temporal import parse_date_value

    if value is None:
        return None
    span = parse_date_value(value)
    if span is None:
        raise ValueError(f"{option} takes a date like 2023, 2023-11 or 2023-11-17, not {value!r}")
    return span[0] if first else span[1]


@app.command()
def mentions(
    paths: PathsArg = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
    csv_: CsvOpt = False,
    kb: KbOpt = None,
    no_cache: NoCacheOpt = False,
    workers: WorkersOpt = None,
    doc_date: DocDateOpt = None,
    limit: LimitOpt = None,
    document: DocumentOpt = None,
    type_: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--type", "-t", help="Only mentions of this type (PERSON, ORG, GPE, ...)."),
    ] = None,
) -> None:
    """Every entity mention: document, offsets, text, type, linked entity.

    Example: altnotes mentions --type PERSON --jsonl
    """
    fmt = _format(json_, jsonl, csv_)
    exts = _load(paths, kb, no_cache, workers, doc_date)
    wanted = {t.upper() for t in type_ or []}
    records = [
        m
        for e in exts
        for m in e.mentions
        if (not document or e.document.id == document) and (not wanted or m.type in wanted)
    ]
    if limit is not None:
        records = records[:limit]
    columns = [
        Column("document", lambda m: m.document, max_width=22),
        Column("start", lambda m: m.start, justify="right"),
        Column("end", lambda m: m.end, justify="right"),
        Column("text", lambda m: m.text, style="bold"),
        Column("type", lambda m: m.type),
        Column("entity", lambda m: m.entity, style="cyan"),
    ]
    _emit(records, fmt, columns, f"Mentions ({len(records)})")


@app.command()
def documents(
    paths: PathsArg = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
    csv_: CsvOpt = False,
    kb: KbOpt = None,
    no_cache: NoCacheOpt = False,
    workers: WorkersOpt = None,
    doc_date: DocDateOpt = None,
    limit: LimitOpt = None,
) -> None:
    """One row per document: id, title, date, size, counts.

    Example: altnotes documents ~/articles --csv
    """
    fmt = _format(json_, jsonl, csv_)
    exts = _load(paths, kb, no_cache, workers, doc_date)
    records = [e.document for e in exts][: limit if limit is not None else None]
    columns = [
        Column("id", lambda d: d.id, style="bold"),
        Column("title", lambda d: d.title, max_width=40),
        Column("date", lambda d: d.date, style="cyan"),
        Column("chars", lambda d: d.chars, justify="right"),
        Column("people", lambda d: d.people, justify="right"),
        Column("orgs", lambda d: d.organizations, justify="right"),
        Column("dates", lambda d: d.dates, justify="right"),
        Column("events", lambda d: d.events, justify="right"),
    ]
    _emit(records, fmt, columns, f"Documents ({len(records)})")


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="A canonical name or any alias (サム, OpenAI).")],
    paths: PathsArg = None,
    json_: JsonOpt = False,
    kb: KbOpt = None,
    no_cache: NoCacheOpt = False,
    workers: WorkersOpt = None,
    doc_date: DocDateOpt = None,
    limit: LimitOpt = 10,
) -> None:
    """One entity: its names, mentions in context, events, and who appears with it.

    Example: altnotes show サム・アルトマン
    """
    from .profile import build_profile

    exts = _load(paths, kb, no_cache, workers, doc_date, lite=False)
    from .extract import Settings

    profile = build_profile(name, exts, Settings(kb_files=tuple(kb or ())).kb)
    if profile is None:
        raise fail(f"no person or organization named {name!r} in these documents")
    if json_:
        sys.stdout.write(profile.model_dump_json(indent=2) + "\n")
        return
    from .profile import print_profile
    from .render import make_console

    print_profile(profile, make_console(sys.stdout), limit)


@app.command()
def schema(
    record: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(help="One record type (entity, mention, date, event, document)."),
    ] = None,
) -> None:
    """The JSON Schema of every record type (one JSON object keyed by type).

    Example: altnotes schema event
    """
    from .models import RECORD_TYPES

    if record is not None and record not in RECORD_TYPES:
        raise usage_error(f"unknown record type {record!r}; choose from {', '.join(RECORD_TYPES)}")
    if record:
        out: dict[str, Any] = RECORD_TYPES[record].model_json_schema()
    else:
        out = {k: v.model_json_schema() for k, v in RECORD_TYPES.items()}
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")


@kb_app.callback(invoke_without_command=True)
def kb_list(
    ctx: typer.Context,
    kb: KbOpt = None,
    json_: JsonOpt = False,
    type_: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--type", "-t", help="Only entries of this type (PERSON, ORG, ...)."),
    ] = None,
) -> None:
    """List the knowledge base (bundled, merged with --kb files).

    Example: altnotes kb --type PERSON
    """
    if ctx.invoked_subcommand is not None:
        return
    from .kb import KBError, load_kb

    try:
        base = load_kb(tuple(kb or ()))
    except KBError as exc:
        raise fail(str(exc), ExitCode.USAGE) from None
    entries = [e for e in base.entries.values() if not type_ or e.type == type_.upper()]
    columns = [
        Column("name", lambda e: e.name, style="bold"),
        Column("type", lambda e: e.type),
        Column("aliases", lambda e: e.aliases, max_width=60),
        Column("wikidata", lambda e: e.wikidata),
    ]
    render(
        entries,
        Format.json if json_ else Format.table,
        columns,
        title=f"Knowledge base ({len(entries)})",
    )


@kb_app.command("check")
def kb_check(
    file: Annotated[Path, typer.Argument(help="A knowledge-base TOML file to validate.")],
) -> None:
    """Validate a knowledge-base file; say what is wrong and where.

    Example: altnotes kb check my-entities.toml
    """
    from .kb import KBError, check_references, load_kb

    try:
        merged = load_kb((file,))
    except KBError as exc:
        raise fail(str(exc), ExitCode.FAILURE) from None
    problems = check_references(merged)
    if problems:
        for p in problems:
            _stderr().print(f"  {p}", highlight=False, markup=False)
        raise fail(f"{file}: {len(problems)} problem(s) with references")
    _stderr().print(f"{file}: ok ({len(merged.entries)} entries after merging)")


@cache_app.command("info")
def cache_info() -> None:
    """Where the cache is and how big."""
    from .cache import default_dir, info

    directory = default_dir()
    count, size = info(directory)
    sys.stdout.write(f"{directory}\n{count} entries, {size / 1024:.1f} KiB\n")


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete every cached extraction."""
    from .cache import clear, default_dir

    n = clear(default_dir())
    _stderr().print(f"removed {n} cache entries from {default_dir()}")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"altnotes {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    pass


def _app_for(args: Sequence[str]) -> typer.Typer:
    """The app to run: typer builds click commands for every subcommand on each run
    (~30 ms of a 0.25 s cached query), so a run of one command gets an app holding just
    that command and the root options. Help and the kb/cache groups get the whole app."""
    if not args or args[0].startswith("-") or {"-h", "--help"} & set(args):
        return app
    wanted = [
        c
        for c in app.registered_commands
        if (c.name or (c.callback.__name__ if c.callback else "")).replace("_", "-") == args[0]
    ]
    if len(wanted) != 1:
        return app
    one = typer.Typer(**_APP_SETTINGS)
    one.registered_callback = app.registered_callback
    one.registered_commands = wanted
    return one


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point with exit codes and clean handling of pipes and Ctrl-C."""
    # pydantic looks for plugins through every installed package's entry points the first
    # time it builds a validator: ~30 ms of a fast query. altnotes uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    code = 0
    try:
        args = list(argv) if argv is not None else sys.argv[1:]
        rv = _app_for(args)(args=args, standalone_mode=False)
        code = rv if isinstance(rv, int) else 0
        if code == ExitCode.INTERRUPTED:  # typer turns Ctrl-C into exit code 130
            sys.stderr.write("interrupted\n")
        sys.stdout.flush()
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        sys.stderr.write("interrupted\n")
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:
        code = 0
    except click.ClickException as exc:
        # bad options, missing arguments, no arguments at all (help): click's message
        exc.show()
        code = exc.exit_code
    _silence_stdout_if_broken()
    sys.exit(int(code))


def _silence_stdout_if_broken() -> None:
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        with contextlib.suppress(OSError, ValueError):
            os.dup2(devnull, sys.stdout.fileno())
