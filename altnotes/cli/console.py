"""Messages on stderr: warnings and one-line errors (data never goes there)."""

from __future__ import annotations

from typing import Any


def stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _say(prefix: str, message: str) -> None:
    from rich.markup import escape

    # the message may quote article text or file names: never read as markup
    stderr_console().print(f"{prefix} {escape(message)}", markup=True, soft_wrap=True)


def warn(message: str) -> None:
    _say("[yellow]warning:[/]", message)


def error(message: str) -> None:
    _say("[red]error:[/]", message)


def note(message: str) -> None:
    stderr_console().print(message, markup=False, soft_wrap=True)
