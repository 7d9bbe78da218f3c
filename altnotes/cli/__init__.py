"""The command line: the typer app (``app``), its shared options, one spec per listing
command, progress, renderers. It parses options and calls the library; nothing else."""

from .app import app
from .main import main

__all__ = ["app", "main"]
