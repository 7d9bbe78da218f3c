"""The library's exceptions, in a module of their own so that handling them costs no
imports (the CLI's fast path catches KBError without loading the knowledge-base code)."""


class AltnotesError(Exception):
    """Base class: an error with a message meant for the user."""


class CorpusError(AltnotesError):
    """A usage problem with the given paths (exit code 2)."""


class DecodeError(AltnotesError):
    """A file that is not text in any encoding we know."""


class DataFileError(AltnotesError):
    """A data file (data/*.toml, --kb) that cannot be read or does not validate."""


class KBError(DataFileError):
    """A knowledge-base file that cannot be read or does not validate."""
