"""Rendering records: rich tables, JSON, JSON Lines, CSV. One output path for every command.

Data goes to stdout only; tables lose their colour when stdout is not a terminal.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import IO, TYPE_CHECKING, Any

from ..lite import plain

if TYPE_CHECKING:
    from pydantic import BaseModel


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


@dataclass(frozen=True)
class Column:
    header: str
    get: Callable[[Any], object]
    style: str | None = None
    max_width: int | None = None
    justify: str = "left"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def to_jsonable(records: Sequence[BaseModel]) -> list[dict[str, Any]]:
    return [plain(r) for r in records]


def render(
    records: Sequence[BaseModel],
    fmt: Format,
    columns: Sequence[Column],
    title: str | None = None,
    out: IO[str] | None = None,
    group: Callable[[Any], str] | None = None,
) -> None:
    """Print records in the chosen format. ``group``: tables start a new section whenever
    its value changes (the years of a timeline)."""
    out = out or sys.stdout
    if fmt is Format.json:
        out.write(json.dumps(to_jsonable(records), ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.jsonl:
        for r in records:
            out.write(json.dumps(plain(r), ensure_ascii=False) + "\n")
    elif fmt is Format.csv:
        _render_csv(records, out)
    else:
        render_table(records, columns, title, out, group)
    out.flush()


def _render_csv(records: Sequence[BaseModel], out: IO[str]) -> None:
    if not records:
        return
    fields = list(plain(records[0]))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields)
    for r in records:
        row = plain(r)
        writer.writerow(
            [
                "; ".join(map(str, row[f])) if isinstance(row[f], list) else _cell(row[f])
                for f in fields
            ]
        )


def make_console(out: IO[str]) -> Any:
    from rich.console import Console

    is_tty = hasattr(out, "isatty") and out.isatty()
    if is_tty:
        return Console(file=out)
    # Piped: plain text, no colour codes, wide enough not to wrap every cell.
    return Console(file=out, no_color=True, force_terminal=False, width=160, emoji=False)


def render_table(
    records: Sequence[BaseModel],
    columns: Sequence[Column],
    title: str | None,
    out: IO[str],
    group: Callable[[Any], str] | None = None,
) -> None:
    from rich import box
    from rich.table import Table

    console = make_console(out)
    table = Table(title=title, box=box.SIMPLE_HEAD, show_lines=False, title_justify="left")
    for col in columns:
        table.add_column(
            col.header,
            style=col.style,
            max_width=col.max_width,
            justify=col.justify,  # type: ignore[arg-type]
            overflow="fold",
        )
    previous: str | None = None
    for r in records:
        if group is not None:
            key = group(r)
            if previous is not None and key != previous:
                table.add_section()
            previous = key
        table.add_row(*(_cell(col.get(r)) for col in columns))
    console.print(table)


def print_profile(profile: Any, console: Any, limit: int | None) -> None:
    from rich import box
    from rich.table import Table

    e = profile.entity
    console.print(
        f"[bold]{e.name}[/bold]  ({e.type}, {e.mentions} mentions in {len(e.documents)} documents)"
    )
    if e.aliases:
        console.print("names:  " + ", ".join(e.aliases))
    if e.roles:
        console.print("roles:  " + ", ".join(e.roles))
    if e.affiliations:
        console.print("affiliations:  " + ", ".join(e.affiliations))
    n = limit if limit is not None else len(profile.mentions)
    table = Table(title="Mentions in context", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("document")
    table.add_column("sentence", overflow="fold")
    for m in profile.mentions[:n]:
        s = m.sentence
        table.add_row(m.document, s)
    console.print(table)
    if profile.events:
        ev_table = Table(title="Events", title_justify="left", box=box.SIMPLE_HEAD)
        for col in ("date", "type", "trigger", "with"):
            ev_table.add_column(col)
        for ev in profile.events[:n]:
            others = [x for x in ev.people + ev.organizations if x != e.name]
            ev_table.add_row(ev.date or ev.date_text, ev.type, ev.trigger, ", ".join(others))
        console.print(ev_table)
    if profile.related:
        console.print(
            "appears with:  " + ", ".join(f"{r.name} ({r.sentences})" for r in profile.related[:n])
        )
