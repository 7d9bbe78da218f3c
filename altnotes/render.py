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


def plain(record: Any) -> dict[str, Any]:
    """A record as JSON-ready data: a lite.Rec is already that; our flat pydantic records
    (strings, numbers, lists of strings) are read field by field, which spares building
    pydantic's serializer; anything else goes through model_dump."""
    if isinstance(record, dict):
        return dict(record)
    out: dict[str, Any] = {}
    for name in type(record).model_fields:
        value = getattr(record, name)
        if hasattr(value, "model_fields") or (
            isinstance(value, list) and value and not isinstance(value[0], str | int | float)
        ):
            return record.model_dump(mode="json")  # type: ignore[no-any-return]
        out[name] = list(value) if isinstance(value, list) else value
    return out


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
