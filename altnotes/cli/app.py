"""The typer app, as typer's documentation writes one: every command an ordinary function
whose parameters are Annotated options. A listing command's function declares the shared
options (options.py), --document and its own, and hands them to ``_list`` with its spec
(how it picks records, its columns and title); exit codes live in main.py."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Optional

import click
import typer
from typer.core import TyperCommand

from .. import __version__
from ..errors import AltnotesError, DataFileError, ExitStatus, UsageError
from .main import reports_errors
from .options import (
    Common,
    CsvOpt,
    DocDateOpt,
    DocumentOpt,
    EngineOpt,
    JsonlOpt,
    JsonOpt,
    KbOpt,
    LimitOpt,
    NoCacheOpt,
    PathsArg,
    SchedulerOpt,
    WorkersOpt,
    load,
)
from .render import Column, Format, render

APP_SETTINGS: dict[str, Any] = {
    "name": "altnotes",
    "help": (
        "People, organizations, dates and dated events from Japanese articles.\n\n"
        "With no PATHS every command reads the bundled corpus (five articles about Sam "
        "Altman and OpenAI). PATHS may be files, folders (searched for *.txt and *.md) or - "
        "for standard input.\n\n"
        "Examples:\n\n"
        "  altnotes people\n\n"
        "  altnotes events --json | jq '.[] | select(.people | index(\"Sam Altman\"))'\n\n"
        "  altnotes people ~/articles --min-mentions 3\n\n"
        "  altnotes show 'Mira Murati'"
    ),
    "no_args_is_help": True,
    # click (8.4+) names the close commands of a mistyped one itself: typer's suggestion
    # (0.20+) would say it a second time
    "suggest_commands": False,
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}


class Command(TyperCommand):
    """The click class of every command (typer's ``cls``). typer < 0.26 sets an argument's
    help, then click >= 8.2's Argument.__init__ (which takes help= itself) sets it back to
    None: `--help` listed [PATHS]... with no words. Each argument gets its help back from
    its declaration; and since click 8.5 lists documented arguments itself ("Positional
    arguments"), that is left to typer's "Arguments" section alone."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        declared = _argument_help(self.callback)
        for param in self.params:
            if isinstance(param, click.Argument) and param.name in declared:
                param.help = declared[param.name]

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pass


def _argument_help(callback: Callable[..., Any] | None) -> dict[str, str]:
    """The help of each typer.Argument in a command function's annotations."""
    import inspect
    from typing import get_type_hints

    if callback is None:
        return {}
    hints = get_type_hints(inspect.unwrap(callback), include_extras=True)
    return {
        name: info.help
        for name, hint in hints.items()
        for info in getattr(hint, "__metadata__", ())
        if isinstance(info, typer.models.ArgumentInfo) and info.help
    }


app = typer.Typer(**APP_SETTINGS)
kb_app = typer.Typer(help="The knowledge base: list it, or check a file of your own.")
cache_app = typer.Typer(help="The extraction cache: where it is, or empty it.")
app.add_typer(kb_app, name="kb")
app.add_typer(cache_app, name="cache")


# --- listing commands: one spec each ------------------------------------------------------

Options = dict[str, Any]


@dataclass(frozen=True)
class Listing:
    """What a command that lists one kind of record does with its options."""

    help: str
    rows: Callable[[list[Any], Options], list[Any]]  # extractions, own options -> records
    columns: Sequence[Column]
    title: Callable[[list[Any]], str]
    check: Callable[[Options], Options] = lambda opts: opts  # validate before any parse
    group: Callable[[Any], str] | None = None
    record: str = ""  # its type in records.RECORD_TYPES: the CSV header of an empty result
    # boolean option -> (records, extractions -> one JSON document, needs the texts):
    # other output formats, e.g. events --timelinejs
    exports: dict[str, tuple[Callable[[list[Any], list[Any]], Any], bool]] = field(
        default_factory=dict
    )


COMMON_OPTIONS = tuple(f.name for f in dataclasses.fields(Common))


def _list(spec: Listing, params: dict[str, Any]) -> None:
    """Run a listing command: ``params`` are its arguments, the shared options (Common),
    --document and its own options (``spec.rows`` reads them)."""
    own = dict(params)
    common = Common(**{name: own.pop(name) for name in COMMON_OPTIONS})
    document = own.pop("document")
    fmt = common.format
    opts = {**spec.check(own), "kb_loader": common.settings().kb}
    chosen = [name for name in spec.exports if opts.get(name)]
    if len(chosen) > 1 or (chosen and fmt is not Format.table):
        shown = [f"--{n.replace('_', '-')}" for n in chosen]
        raise UsageError(f"choose one of --json, --jsonl, --csv, {', '.join(shown)}")
    texts = any(spec.exports[name][1] for name in chosen)
    exts = load(common, text=bool(opts.get("text")) or texts)
    if document is not None:
        exts = [e for e in exts if e.document.id == document] or _no_document(document, exts)
    records = spec.rows(exts, opts)
    if common.limit is not None:
        records = records[: common.limit]
    if chosen:
        out = spec.exports[chosen[0]][0](records, exts)
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return
    fields = _record_fields(spec.record) if fmt is Format.csv and not records else None
    render(
        records,
        fmt,
        spec.columns,
        title=spec.title(records),
        group=spec.group,
        fields=fields,
    )


def _no_document(document: str, exts: list[Any]) -> list[Any]:
    import difflib

    ids = [e.document.id for e in exts]
    close = difflib.get_close_matches(document, ids, n=5, cutoff=0.5)
    shown = close or ids[:10]
    more = "" if close or len(ids) <= 10 else f" (and {len(ids) - 10} more)"
    which = "close ones" if close else "the documents"
    raise UsageError(
        f"no document {document!r} in these inputs; {which}: {', '.join(shown)}{more}"
        if ids
        else f"no document {document!r}: no document was read"
    )


def _record_fields(record: str) -> list[str] | None:
    if not record:
        return None
    from ..records import RECORD_TYPES

    return list(RECORD_TYPES[record].model_fields)


def _choose(
    kind: str, wanted: Sequence[str], seen: set[str], known: Callable[[], set[str]]
) -> None:
    """Every value of a --type option must be one the data has or could have."""
    unknown = [w for w in wanted if w not in seen]
    if not unknown:
        return
    valid = seen | known()
    bad = [w for w in unknown if w not in valid]
    if bad:
        raise UsageError(f"unknown {kind} {bad[0]!r}; choose from {', '.join(sorted(valid))}")


def _entity_rows(etype: str) -> Callable[[list[Any], Options], list[Any]]:
    def rows(exts: list[Any], opts: Options) -> list[Any]:
        from ..lite import Rec
        from ..query.entities import aggregate

        entities = aggregate(exts, (etype,), make=Rec)
        return [e for e in entities if e.mentions >= opts["min_mentions"]]

    return rows


def _counted(title: str) -> Callable[[list[Any]], str]:
    return lambda records: f"{title} ({len(records)})"


ENTITY_COLUMNS = [
    Column("name", lambda e: e.name, style="bold", max_width=30, drop=0),
    Column(
        "other names",
        lambda e: [a for a in e.aliases if a != e.name],
        max_width=40,
        wrap=True,
        drop=2,
    ),
    Column("mentions", lambda e: e.mentions, justify="right", drop=0),
    Column("docs", lambda e: len(e.documents), justify="right"),
    Column("roles", lambda e: e.roles[:4], max_width=24, wrap=True, drop=3),
    Column("affiliations", lambda e: e.affiliations[:3], max_width=24, wrap=True, drop=3),
]
MinMentionsOpt = Annotated[
    int, typer.Option("--min-mentions", "-m", min=0, help="Only entities mentioned this often.")
]

PEOPLE = Listing(
    help="One row per person: canonical name, other names, mentions, documents, roles.\n\n"
    "Example: altnotes people ~/articles --min-mentions 2 --json",
    rows=_entity_rows("PERSON"),
    columns=ENTITY_COLUMNS,
    title=_counted("People"),
    record="entity",
)
ORGS = Listing(
    help="One row per organization, like `people`.\n\nExample: altnotes orgs --limit 10",
    rows=_entity_rows("ORG"),
    columns=ENTITY_COLUMNS,
    title=_counted("Organizations"),
    record="entity",
)


@app.command(cls=Command, help=PEOPLE.help)
@reports_errors
def people(
    paths: PathsArg = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
    csv_: CsvOpt = False,
    kb: KbOpt = None,
    no_cache: NoCacheOpt = False,
    workers: WorkersOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    doc_date: DocDateOpt = None,
    limit: LimitOpt = None,
    document: DocumentOpt = None,
    min_mentions: MinMentionsOpt = 1,
) -> None:
    _list(PEOPLE, locals())


@app.command(cls=Command, help=ORGS.help)
@reports_errors
def orgs(
    paths: PathsArg = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
    csv_: CsvOpt = False,
    kb: KbOpt = None,
    no_cache: NoCacheOpt = False,
    workers: WorkersOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    doc_date: DocDateOpt = None,
    limit: LimitOpt = None,
    document: DocumentOpt = None,
    min_mentions: MinMentionsOpt = 1,
) -> None:
    _list(ORGS, locals())


DATES = Listing(
    help="Every date expression: document, text, normalized value, sentence.\n\n"
    "Example: altnotes dates --json | jq '.[] | select(.value | startswith(\"2023\"))'",
    rows=lambda exts, o: [
        d for e in exts for d in e.dates if not o["unresolved"] or d.value is None
    ],
    columns=[
        Column("document", lambda d: d.document, max_width=22, drop=2),
        Column("text", lambda d: d.text, style="bold", max_width=30, drop=0),
        Column("value", lambda d: d.value, style="cyan", drop=0),
        # what the text states where it says more than the value (XXXX-07-18, 2021-SP)
        Column("timex", lambda d: d.timex if d.timex != d.value else "", drop=2),
        Column("kind", lambda d: d.kind, drop=3),
        Column("sentence", lambda d: d.sentence, max_width=70),
    ],
    title=_counted("Dates"),
    record="date",
)
UnresolvedOpt = Annotated[
    bool, typer.Option("--unresolved", help="Only dates whose value is unknown.")
]


@app.command(cls=Command, help=DATES.help)
@reports_errors
def dates(
    paths: PathsArg = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
    csv_: CsvOpt = False,
    kb: KbOpt = None,
    no_cache: NoCacheOpt = False,
    workers: WorkersOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    doc_date: DocDateOpt = None,
    limit: LimitOpt = None,
    document: DocumentOpt = None,
    unresolved: UnresolvedOpt = False,
) -> None:
    _list(DATES, locals())


def _check_events(opts: Options) -> Options:
    from ..query.dates import parse_date_value

    def bound(value: str | None, option: str, first: bool) -> Any:
        if value is None:
            return None
        span = parse_date_value(value)
        if span is None:
            raise UsageError(
                f"{option} takes a date like 2023, 2023-11 or 2023-11-17, not {value!r}"
            )
        return span[0] if first else span[1]

    since, until = bound(opts["since"], "--since", True), bound(opts["until"], "--until", False)
    if since is not None and until is not None and since > until:
        raise UsageError(
            f"--since {opts['since']} is after --until {opts['until']}: no date is in between"
        )
    if opts["person"] is not None and not opts["person"].strip():
        raise UsageError("--person takes a name, not an empty string")
    return {**opts, "since": since, "until": until}


def _event_types() -> set[str]:
    from ..knowledge.schemas import load_triggers

    return {*load_triggers().types, "other"}


def _event_rows(exts: list[Any], o: Options) -> list[Any]:
    from ..query.timeline import filter_events, sort_events

    records = [ev for e in exts for ev in e.events]
    types = [t.lower() for t in o["type_"] or []]
    _choose("event type", types, {ev.type for ev in records}, _event_types)
    from ..query.profile import person_named

    person = person_named(o["person"], exts, o["kb_loader"]) if o["person"] is not None else None
    records = filter_events(
        records,
        types=types,
        person=person,
        since=o["since"],
        until=o["until"],
        undated=o["undated"],
    )
    return sort_events(records)


def _event_date(event: Any) -> str:
    from ..query.timeline import date_label

    return date_label(event)


def _events_title(records: list[Any]) -> str:
    inferred = sum(e.date_inferred for e in records)
    return f"Events ({len(records)})" + (
        f"; ~ = date of the preceding text ({inferred})" if inferred else ""
    )


def _timelinejs(records: list[Any]) -> dict[str, Any]:
    from .formats import timelinejs

    return timelinejs(records)


def _label_studio(records: list[Any], exts: list[Any]) -> list[dict[str, Any]]:
    from .formats import label_studio

    return label_studio(records, exts, f"altnotes {__version__}")


EVENTS = Listing(
    help="A timeline of dated events: date, trigger, people, organizations, sentence.\n\n"
    "Example: altnotes events --type dismissal --since 2023 --json",
    rows=_event_rows,
    columns=[
        Column("date", _event_date, style="cyan", drop=0),
        Column("type", lambda e: e.type, drop=0),
        Column("trigger", lambda e: e.trigger, style="bold", max_width=16, drop=3),
        Column("people", lambda e: e.people, max_width=24, wrap=True),
        Column("organizations", lambda e: e.organizations, max_width=24, wrap=True, drop=2),
        Column("products", lambda e: e.products, max_width=16, wrap=True, drop=4),
        Column("sentence", lambda e: e.text, max_width=56),
    ],
    title=_events_title,
    record="event",
    group=lambda e: (e.date or "?")[:4],
    check=_check_events,
    exports={"timelinejs": (lambda records, exts: _timelinejs(records), False)},
)
EventTypeOpt = Annotated[
    Optional[list[str]],  # noqa: UP045 - typer needs Optional
    typer.Option("--type", "-t", help="Only events of this type (founding, ...)."),
]
PersonOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--person",
        "-p",
        help="Only events with this person, by any name `show` takes (サム, アルトマン).",
    ),
]
SinceOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--since", help="Only events on or after this date (YYYY[-MM[-DD]])."),
]
UntilOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--until", help="Only events on or before this date (YYYY[-MM[-DD]])."),
]
UndatedOpt = Annotated[
    bool, typer.Option("--undated/--dated-only", help="Include events whose date is unknown.")
]
TimelineJsOpt = Annotated[
    bool,
    typer.Option(
        "--timelinejs",
        help='TimelineJS3 JSON ({"events": [...]}) of the dated events, for '
        "timeline.knightlab.com.",
    ),
]


@app.command(cls=Command, help=EVENTS.help)
@reports_errors
def events(
    paths: PathsArg = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
    csv_: CsvOpt = False,
    kb: KbOpt = None,
    no_cache: NoCacheOpt = False,
    workers: WorkersOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    doc_date: DocDateOpt = None,
    limit: LimitOpt = None,
    document: DocumentOpt = None,
    type_: EventTypeOpt = None,
    person: PersonOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    undated: UndatedOpt = False,
    timelinejs: TimelineJsOpt = False,
) -> None:
    _list(EVENTS, locals())


def _mention_types() -> set[str]:
    from typing import get_args

    from ..knowledge.schemas import KBType, load_lexicon

    return {*load_lexicon().labels.values(), *get_args(KBType)}


def _mention_rows(exts: list[Any], o: Options) -> list[Any]:
    mentions = [m for e in exts for m in e.mentions]
    types = {t.upper() for t in o["type_"] or []}
    _choose("mention type", sorted(types), {m.type for m in mentions}, _mention_types)
    return [m for m in mentions if not types or m.type in types]


MENTIONS = Listing(
    help="Every entity mention: document, offsets, text, type, linked entity.\n\n"
    "Example: altnotes mentions --type PERSON --jsonl",
    rows=_mention_rows,
    columns=[
        Column("document", lambda m: m.document, max_width=22, drop=2),
        Column("start", lambda m: m.start, justify="right"),
        Column("end", lambda m: m.end, justify="right"),
        Column("text", lambda m: m.text, style="bold", max_width=30, drop=0),
        Column("type", lambda m: m.type, drop=0),
        Column("entity", lambda m: m.entity, style="cyan", max_width=30),
    ],
    title=_counted("Mentions"),
    record="mention",
    exports={"label_studio": (lambda records, exts: _label_studio(records, exts), True)},
)
MentionTypeOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--type", "-t", help="Only mentions of this type (PERSON, ORG, ...)."),
]
LabelStudioOpt = Annotated[
    bool,
    typer.Option(
        "--label-studio",
        help="Label Studio tasks with these mentions as predictions: one task per "
        "document, its text and the spans.",
    ),
]


@app.command(cls=Command, help=MENTIONS.help)
@reports_errors
def mentions(
    paths: PathsArg = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
    csv_: CsvOpt = False,
    kb: KbOpt = None,
    no_cache: NoCacheOpt = False,
    workers: WorkersOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    doc_date: DocDateOpt = None,
    limit: LimitOpt = None,
    document: DocumentOpt = None,
    type_: MentionTypeOpt = None,
    label_studio: LabelStudioOpt = False,
) -> None:
    _list(MENTIONS, locals())


DOCUMENTS = Listing(
    help="One row per document: id, title, date, size, counts (events: every event, "
    "undated ones too, as `events --undated` lists them).\n\n"
    "Offsets (start, end) of mentions, dates and events index the document's text: "
    "its decoded characters, BOM dropped, CRLF and CR as LF, NUL as U+FFFD, counted in "
    "code points. --text --json gives that text.\n\n"
    "Example: altnotes documents ~/articles --csv",
    rows=lambda exts, o: [e.document for e in exts],
    columns=[
        Column("id", lambda d: d.id, style="bold", max_width=30, drop=0),
        Column("title", lambda d: d.title, max_width=40),
        Column("date", lambda d: d.date, style="cyan", drop=2),
        Column("chars", lambda d: d.chars, justify="right", drop=3),
        Column("people", lambda d: d.people, justify="right", drop=4),
        Column("orgs", lambda d: d.organizations, justify="right", drop=4),
        Column("dates", lambda d: d.dates, justify="right", drop=4),
        Column("events", lambda d: d.events, justify="right", drop=4),
    ],
    title=_counted("Documents"),
    record="document",
)
TextOpt = Annotated[
    bool,
    typer.Option(
        "--text",
        help="Give each record the document's text (the field `text`), which every offset indexes.",
    ),
]


@app.command(cls=Command, help=DOCUMENTS.help)
@reports_errors
def documents(
    paths: PathsArg = None,
    json_: JsonOpt = False,
    jsonl: JsonlOpt = False,
    csv_: CsvOpt = False,
    kb: KbOpt = None,
    no_cache: NoCacheOpt = False,
    workers: WorkersOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    doc_date: DocDateOpt = None,
    limit: LimitOpt = None,
    document: DocumentOpt = None,
    text: TextOpt = False,
) -> None:
    _list(DOCUMENTS, locals())


# --- the other commands ---------------------------------------------------------------------


def _used_options(common: Common) -> dict[str, Any]:
    return {
        "paths": " ".join(common.paths) if common.paths else None,
        "kb": " ".join(str(k) for k in common.kb) if common.kb else None,
        "doc_date": common.doc_date,
        "no_cache": common.no_cache,
    }


def _report(common: Common, output: Path) -> None:
    from .console import note
    from .report import build_report

    common.settings()  # usage errors before any parse
    exts = load(common, text=True)
    page = build_report(exts, _used_options(common))
    try:
        output.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise AltnotesError(f"cannot write {output}: {exc.strerror or exc}") from None
    note(str(output))


OutputOpt = Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")]


@app.command(cls=Command)
@reports_errors
def report(
    paths: PathsArg = None,
    kb: KbOpt = None,
    no_cache: NoCacheOpt = False,
    workers: WorkersOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    doc_date: DocDateOpt = None,
    output: OutputOpt = Path("report.html"),
) -> None:
    """One self-contained HTML page: what was read, people and organizations, a timeline
    of events by year, and every document with its mentions and dates highlighted.

    Example: altnotes report ~/articles --output report.html
    """
    common = Common(
        paths=paths,
        kb=kb,
        no_cache=no_cache,
        workers=workers,
        engine=engine,
        scheduler=scheduler,
        doc_date=doc_date,
    )
    _report(common, output)


def _export(common: Common, sqlite: Path) -> None:
    from .console import note
    from .export import write_sqlite

    common.settings()  # usage errors before any parse
    exts = load(common)
    try:
        counts = write_sqlite(exts, sqlite)
    except OSError as exc:
        raise AltnotesError(f"cannot write {sqlite}: {exc.strerror or exc}") from None
    except Exception as exc:  # sqlite3.DatabaseError: not a database, locked, ...
        if type(exc).__module__ != "sqlite3":
            raise
        raise AltnotesError(f"cannot write {sqlite}: {exc}") from None
    note(f"{sqlite}: " + ", ".join(f"{n} {t}" for t, n in counts.items()))


SqliteOpt = Annotated[Path, typer.Option("--sqlite", help="The SQLite file to write or update.")]


@app.command(cls=Command)
@reports_errors
def export(
    *,
    paths: PathsArg = None,
    kb: KbOpt = None,
    no_cache: NoCacheOpt = False,
    workers: WorkersOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    doc_date: DocDateOpt = None,
    sqlite: SqliteOpt,
) -> None:
    """The records as a SQLite database (tables documents, entities, mentions, dates,
    events, event_participants; views people and organizations; full-text search on
    sentences). Exporting again upserts: a grown folder adds rows, never duplicates.

    Example: altnotes export ~/articles --sqlite notes.db && datasette notes.db
    """
    common = Common(
        paths=paths,
        kb=kb,
        no_cache=no_cache,
        workers=workers,
        engine=engine,
        scheduler=scheduler,
        doc_date=doc_date,
    )
    _export(common, sqlite)


@app.command(cls=Command)
@reports_errors
def show(
    name: Annotated[
        str,
        typer.Argument(
            help="A canonical name or any alias of a person, organization or product "
            "(サム, OpenAI, ChatGPT).",
            show_default=False,
        ),
    ],
    paths: PathsArg = None,
    json_: Annotated[
        bool,
        typer.Option(
            "--json",
            help="One JSON object, the profile: entity, mentions, events, related.",
        ),
    ] = False,
    kb: KbOpt = None,
    no_cache: NoCacheOpt = False,
    workers: WorkersOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    doc_date: DocDateOpt = None,
    limit: LimitOpt = 10,
) -> None:
    """One entity (a person, organization, product, place or term): its names, mentions
    in context, events, and who appears with it.

    Example: altnotes show サム・アルトマン
    """
    from ..query.profile import build_profile, not_found

    if not name.strip():
        raise UsageError("show takes a name, not an empty string")
    common = Common(
        paths=paths,
        kb=kb,
        no_cache=no_cache,
        workers=workers,
        engine=engine,
        scheduler=scheduler,
        doc_date=doc_date,
    )
    exts = load(common)
    kb_loader = common.settings().kb
    profile = build_profile(name, exts, kb_loader)
    if profile is None:
        raise AltnotesError(not_found(name, exts, kb_loader))
    if json_:
        sys.stdout.write(json.dumps(profile, ensure_ascii=False, indent=2) + "\n")
        return
    from .render import print_profile

    print_profile(profile, sys.stdout, limit)


@app.command(cls=Command)
@reports_errors
def schema(
    record: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(help="One record type (entity, mention, date, event, document)."),
    ] = None,
) -> None:
    """The JSON Schema of every record type (one JSON object keyed by type).

    Example: altnotes schema event
    """
    from ..records import RECORD_TYPES

    if record is not None and record not in RECORD_TYPES:
        raise UsageError(f"unknown record type {record!r}; choose from {', '.join(RECORD_TYPES)}")
    if record:
        out: dict[str, Any] = RECORD_TYPES[record].model_json_schema()
    else:
        out = {k: v.model_json_schema() for k, v in RECORD_TYPES.items()}
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")


@kb_app.callback(invoke_without_command=True)
@reports_errors
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
    from typing import get_args

    from ..knowledge.kb import KBType, load_kb

    base = load_kb(tuple(kb or ()))
    if type_ is not None and type_.upper() not in get_args(KBType):
        raise UsageError(f"unknown type {type_!r}; choose from {', '.join(get_args(KBType))}")
    entries = [e for e in base.entries.values() if not type_ or e.type == type_.upper()]
    columns = [
        Column("name", lambda e: e.name, style="bold", max_width=30, drop=0),
        Column("type", lambda e: e.type, drop=0),
        Column("aliases", lambda e: e.aliases, max_width=60, wrap=True),
        Column("wikidata", lambda e: e.wikidata, drop=2),
    ]
    render(
        entries,
        Format.json if json_ else Format.table,
        columns,
        title=f"Knowledge base ({len(entries)})",
    )


@kb_app.command("check", cls=Command)
@reports_errors
def kb_check(
    file: Annotated[Path, typer.Argument(help="A knowledge-base TOML file to validate.")],
) -> None:
    """Validate a knowledge-base file; say what is wrong and where.

    Example: altnotes kb check my-entities.toml
    """
    from ..knowledge.kb import check_references, load_kb
    from .console import note

    try:
        merged = load_kb((file,))
    except DataFileError as exc:  # the file is what was asked about: a failed check
        raise DataFileError(str(exc), ExitStatus.FAILURE) from None
    problems = check_references(merged)
    if problems:
        for p in problems:
            note(f"  {p}")
        raise DataFileError(
            f"{file}: {len(problems)} problem(s) with references", ExitStatus.FAILURE
        )
    note(f"{file}: ok ({len(merged.entries)} entries after merging)")


@cache_app.command("info", cls=Command)
@reports_errors
def cache_info() -> None:
    """Where the cache is, how many entries it holds and how big, and whether it can be
    used (a warning on stderr when the directory is not a directory or not writable).

    Example: altnotes cache info
    """
    from ..pipeline.cache import default_dir, info
    from ..pipeline.corpus import as_text
    from .console import warn

    state = info(default_dir())
    shown = as_text(str(state.directory))
    line = f"{state.entries} {_plural(state.entries, 'entry', 'entries')}, "
    line += f"{state.bytes / 1024:.1f} KiB"
    if state.others:
        line += f"; {state.others} other {_plural(state.others, 'file')} (not altnotes')"
    sys.stdout.write(f"{shown}\n{line}\n")
    if state.problem:
        warn(f"{shown} {state.problem}")


@cache_app.command("clear", cls=Command)
@reports_errors
def cache_clear() -> None:
    """Delete altnotes' cached extractions, and nothing else: files in the directory that
    altnotes did not write are left where they are.

    Example: altnotes cache clear
    """
    from ..pipeline.cache import clear, default_dir, info
    from ..pipeline.corpus import as_text
    from .console import note

    directory = default_dir()
    shown = as_text(str(directory))
    state = info(directory)
    if not directory.exists():
        note(f"nothing to remove: {shown} does not exist")
        return
    if not directory.is_dir():
        raise AltnotesError(f"{shown} is not a directory: nothing removed")
    try:
        removed = clear(directory)
    except OSError as exc:
        left = info(directory)
        raise AltnotesError(
            f"cannot delete {as_text(str(exc.filename))}: {exc.strerror or exc} "
            f"({state.entries - left.entries} of {state.entries} entries removed)"
        ) from None
    message = (
        f"removed {removed.entries} cache {_plural(removed.entries, 'entry', 'entries')} "
        f"({removed.bytes / 1024:.1f} KiB) from {shown}"
    )
    if removed.others:
        message += f"; left {removed.others} other {_plural(removed.others, 'file')} untouched"
    note(message)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return one if n == 1 else (many or one + "s")


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
