"""The library's exceptions and the process's exit statuses, in a module of their own so
that handling them costs no imports (the CLI's fast path catches them without loading the
knowledge-base code). Every error carries the exit status it means; the CLI's ``main()``
decides the exit code from it, in one place."""

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    FAILURE = 1
    USAGE = 2
    INTERRUPTED = 130


class AltnotesError(Exception):
    """Base class: an error with a one-line message meant for the user."""

    status = ExitStatus.FAILURE

    def __init__(self, message: str, status: ExitStatus | None = None) -> None:
        super().__init__(message)
        if status is not None:
            self.status = status


class UsageError(AltnotesError):
    """The command line asks for something that cannot be (exit code 2)."""

    status = ExitStatus.USAGE


class CorpusError(UsageError):
    """A usage problem with the given paths (exit code 2)."""


class DecodeError(AltnotesError):
    """A file that is not text in any encoding we know."""


class DataFileError(UsageError):
    """A data file (data/*.toml, --kb) that cannot be read or does not validate: a usage
    error when the user named it on the command line."""


class KBError(DataFileError):
    """A knowledge-base file that cannot be read or does not validate."""
