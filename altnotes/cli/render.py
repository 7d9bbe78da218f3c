"""Rendering records: rich tables, JSON, JSON Lines, CSV. One output path for every command.

Data goes to stdout only; tables lose their colour when stdout is not a terminal.
"""

from __future__ import annotations

import csv
import json
import os
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
    # a list cell may take several lines, breaking between its items; any other cell is
    # one line, cut with "…" when too long
    wrap: bool = False
    # on a terminal too narrow for every column, higher ones are left out first (then
    # the rightmost); 0: always shown
    drop: int = 1


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
    fields: Sequence[str] | None = None,
) -> None:
    """Print records in the chosen format. ``group``: tables start a new section whenever
    its value changes (the years of a timeline); ``fields``: the CSV header when there
    are no records to take it from."""
    out = out or sys.stdout
    if fmt is Format.json:
        out.write(json.dumps(to_jsonable(records), ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.jsonl:
        for r in records:
            out.write(json.dumps(plain(r), ensure_ascii=False) + "\n")
    elif fmt is Format.csv:
        _render_csv(records, out, fields)
    else:
        render_table(records, columns, title, out, group)
    out.flush()


def _render_csv(
    records: Sequence[BaseModel], out: IO[str], fields: Sequence[str] | None = None
) -> None:
    if records:
        fields = list(plain(records[0]))
    if not fields:
        return
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


PIPED_WIDTH = 160  # columns of a table written to a pipe or file, unless COLUMNS says


def output_width(out: IO[str]) -> int | None:
    """The width to lay tables out in: the terminal's (rich finds it), else COLUMNS,
    else PIPED_WIDTH."""
    if hasattr(out, "isatty") and out.isatty():
        return None
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else PIPED_WIDTH


def make_console(out: IO[str]) -> Any:
    from rich.console import Console

    width = output_width(out)
    if width is None:
        return Console(file=out, highlight=False)
    # Piped: plain text, no colour codes, no markup or emoji codes read in the text.
    return Console(
        file=out, no_color=True, force_terminal=False, width=width, emoji=False, highlight=False
    )


def print_lines(renderable: Any, out: IO[str]) -> None:
    """Print to ``out``: on a terminal as rich draws it; piped, as plain lines without the
    spaces rich pads them with."""
    console = make_console(out)
    if console.is_terminal:
        console.print(renderable)
        return
    with console.capture() as capture:
        console.print(renderable)
    out.write("".join(line.rstrip() + "\n" for line in capture.get().splitlines()))


LEAST_WIDTH = 16  # a text column is cut no narrower (a date, a type, most names fit whole)


# a table's columns each take 2 cells of padding and 1 of separator, plus 2 edges
def _overhead(n: int) -> int:
    return 3 * n + 1


def _layout(columns: Sequence[Column], cells: list[list[str]], width: int) -> list[int | None]:
    """Each column's width (None: left out) for a table ``width`` cells wide. A column
    is as wide as its widest cell (at most its max_width), never narrower than its
    header nor than its numbers. When they do not all fit, text columns give way down
    to LEAST_WIDTH and share the room left fairly (narrow columns are made whole first,
    the wide ones split the rest); when even that does not fit, columns are left out:
    the highest ``drop`` first, then the rightmost, ``drop=0`` ones last."""
    from rich.cells import cell_len

    natural, least = [], []
    for k, col in enumerate(columns):
        head = cell_len(col.header)
        widest = max((cell_len(row[k]) for row in cells), default=0)
        want = max(head, min(widest, col.max_width) if col.max_width else widest)
        natural.append(want)
        numeric = col.justify == "right"
        least.append(want if numeric else min(want, max(head, LEAST_WIDTH)))
    shown = list(range(len(columns)))
    while len(shown) > 1 and sum(least[k] for k in shown) + _overhead(len(shown)) > width:
        droppable = [k for k in shown if columns[k].drop > 0] or shown[1:]
        shown.remove(max(droppable, key=lambda k: (columns[k].drop, k)))
    room = width - _overhead(len(shown)) - sum(least[k] for k in shown)
    slack = {k: natural[k] - least[k] for k in shown}
    total = sum(slack.values())
    widths = {k: natural[k] for k in shown}
    if room < total:  # each column gets its least, then a fair share of the room left:
        remaining = max(room, 0)  # the narrow ones are made whole, the wide ones share
        order = sorted(shown, key=lambda k: slack[k])
        for n, k in enumerate(order):
            give = min(slack[k], remaining // (len(order) - n))
            widths[k] = least[k] + give
            remaining -= give
    return [widths.get(k) for k in range(len(columns))]


def render_table(
    records: Sequence[BaseModel],
    columns: Sequence[Column],
    title: str | None,
    out: IO[str],
    group: Callable[[Any], str] | None = None,
) -> None:
    """A table of records. Cells are text as written (never read as markup); each cell
    is one line, cut with "…" (a list may wrap between its items); headers stay whole."""
    print_lines(build_table(records, columns, title, out, group), out)


def build_table(
    records: Sequence[Any],
    columns: Sequence[Column],
    title: str | None,
    out: IO[str],
    group: Callable[[Any], str] | None = None,
) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    cells = [[_cell(col.get(r)) for col in columns] for r in records]
    widths = _layout(columns, cells, output_width(out) or make_console(out).width)
    table = Table(
        title=Text(title) if title else None,
        box=box.SIMPLE_HEAD,
        show_lines=False,
        title_justify="left",
    )
    for col, w in zip(columns, widths, strict=True):
        if w is None:
            continue
        table.add_column(
            Text(col.header),
            style=col.style,
            width=w,
            justify=col.justify,  # type: ignore[arg-type]
            no_wrap=not col.wrap,
            overflow="ellipsis",
        )
    previous: str | None = None
    for r, row in zip(records, cells, strict=True):
        if group is not None:
            key = group(r)
            if previous is not None and key != previous:
                table.add_section()
            previous = key
        table.add_row(*(Text(c) for c, w in zip(row, widths, strict=True) if w is not None))
    return table


def _plural(n: int, one: str) -> str:
    return f"{n} {one}" if n == 1 else f"{n} {one}s"


def _in_context(sentence: str, text: str, before: int = 16) -> str:
    """The sentence from a little before the mention, so that a cut keeps it in view."""
    at = sentence.find(text) if text else -1
    if at > before:
        return "…" + sentence[at - before :]
    return sentence


def print_profile(profile: Any, out: IO[str], limit: int | None) -> None:
    from rich.console import Group
    from rich.text import Text

    e = profile.entity
    parts: list[Any] = []
    head = Text(e.name, style="bold")
    head.append(
        f"  ({e.type}, {_plural(e.mentions, 'mention')} in {_plural(len(e.documents), 'document')})"
    )
    parts.append(head)
    for label, values in (
        ("names", e.aliases),
        ("roles", e.roles),
        ("affiliations", e.affiliations),
    ):
        if values:
            parts.append(Text(f"{label}:  " + ", ".join(values)))
    n = limit if limit is not None else len(profile.mentions)
    mention_columns = [
        Column("document", lambda m: m.document, max_width=24, drop=0),
        Column("sentence", lambda m: _in_context(m.sentence, m.text), drop=0),
    ]
    parts.append(build_table(profile.mentions[:n], mention_columns, "Mentions in context", out))
    if profile.events:
        event_columns = [
            Column("date", lambda ev: ev.date or ev.date_text, drop=0),
            Column("type", lambda ev: ev.type, drop=0),
            Column("trigger", lambda ev: ev.trigger, drop=2),
            Column(
                "with",
                lambda ev: [x for x in ev.people + ev.organizations if x != e.name],
                wrap=True,
            ),
        ]
        parts.append(build_table(profile.events[:n], event_columns, "Events", out))
    if profile.related:
        parts.append(
            Text(
                "appears with:  "
                + ", ".join(f"{r.name} ({r.sentences})" for r in profile.related[:n])
            )
        )
    print_lines(Group(*parts), out)
