"""The console entry point: the one place that decides the exit code.

Data goes to stdout; progress, warnings and errors to stderr. Exit codes (errors.ExitStatus):
0 ok, 1 runtime failure, 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from ..errors import AltnotesError, ExitStatus

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Every command runs under this: the library's errors become one line on stderr and
    the exit status they carry (the same through main() and through typer's runner)."""

    @functools.wraps(command)
    def run_command(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except AltnotesError as exc:
            from .console import error
            from .output import OutputError

            error(str(exc))
            if isinstance(exc, OutputError):
                _silence_stdout()  # what is still buffered cannot be written either
            raise click.exceptions.Exit(int(exc.status)) from None
        except BrokenPipeError:
            # the reader left (`| head`): not an error. Caught here, for click would turn
            # it into exit status 1 before main() sees it.
            _silence_stdout()
            raise click.exceptions.Exit(int(ExitStatus.OK)) from None

    return run_command  # type: ignore[return-value]


def main(argv: Sequence[str] | None = None) -> None:
    """Run the app with clean handling of errors, pipes and Ctrl-C."""
    # pydantic looks for plugins through every installed package's entry points the first
    # time it builds a validator: ~30 ms of a fast query. altnotes uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from .output import checked_stdout

    checked_stdout()  # every write to stdout checked and completed, or one line, exit 1
    sys.exit(int(run(argv)))


def run(argv: Sequence[str] | None = None) -> int:
    from .app import app

    code: int = ExitStatus.OK
    try:
        args = list(argv) if argv is not None else sys.argv[1:]
        rv = app(args=args, standalone_mode=False)
        code = rv if isinstance(rv, int) else ExitStatus.OK
        if code == ExitStatus.INTERRUPTED:  # typer turns Ctrl-C into exit code 130
            sys.stderr.write("interrupted\n")
        sys.stdout.flush()
    except AltnotesError as exc:  # raised outside a command (none today): same rule
        from .console import error

        error(str(exc))
        code = exc.status
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        sys.stderr.write("interrupted\n")
        code = ExitStatus.INTERRUPTED
    except BrokenPipeError:
        code = ExitStatus.OK
    except click.ClickException as exc:
        # bad options, missing arguments, no arguments at all (help): click's message
        code = _click_error(exc)
    _silence_stdout()
    return code


def _click_error(exc: click.ClickException) -> int:
    """A usage error as one line on stderr (what is wrong, where help is); no arguments
    at all is the one case that shows click's whole help."""
    no_args = getattr(click.exceptions, "NoArgsIsHelpError", ())
    if isinstance(exc, no_args):
        exc.show()
        return exc.exit_code
    from .console import error

    message = " ".join(exc.format_message().split())
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        message += f" See '{ctx.command_path} --help'."
    error(message)
    return exc.exit_code


def _silence_stdout() -> None:
    """After a closed pipe or a failed write: point stdout at /dev/null, so that the
    interpreter's final flush of what is still buffered raises nothing."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError, AltnotesError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        with contextlib.suppress(OSError, ValueError):
            os.dup2(devnull, sys.stdout.fileno())
