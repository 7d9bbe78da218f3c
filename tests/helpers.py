"""What several test modules share and is not a fixture: the console script in a real
subprocess (``run_cli``), the stand-in parse (``fake_parse``: tokens by script, sentences at
。 and newlines, no GiNZA) and the engine interface over a parse (``FakeEngine``), the
cache seeded with it (``seed``), and the one-line error check."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import typer.main

from altnotes.pipeline.nlp import Parsed, Token

ROOT = Path(__file__).resolve().parent.parent

ARTICLE = (
    "OpenAIのCEOサム・アルトマン氏は2023年11月17日に取締役会によって解任された。\n"
    "共同創業者のグレッグ・ブロックマン氏も同日に退社を発表した。\n"
)
_TOKEN = re.compile(r"[ァ-ヴー・]+|[一-龥々]+|[ぁ-ん]+|[A-Za-z0-9]+|\S")


def fake_parse(text: str) -> Parsed:
    """Tokens by script, sentences at 。 and newlines, no entities: a parse made by rules."""
    tokens = [
        Token(i, m.start(), m.end(), m.group(), m.group(), "NOUN", "名詞-普通名詞-一般", "dep", i)
        for i, m in enumerate(_TOKEN.finditer(text))
    ]
    sents = [(m.start(), m.end()) for m in re.finditer(r"[^。\n]+。?", text)]
    return Parsed(text=text, tokens=tokens, sents=sents, ents=[])


class FakeEngine:
    """The engine interface (nlp.Engine) over a parse made by rules (``parse``): no model.
    A test that needs another stand-in parse subclasses it and sets ``parse``."""

    parse: Callable[[str], Parsed] = staticmethod(fake_parse)

    def __init__(self, workers: int = 1) -> None:
        self.workers = 1

    def submit(self, text: str) -> Callable[[], Parsed]:
        parsed = self.parse(text)
        return lambda: parsed

    def close(self) -> None:
        pass

    def terminate(self) -> None:
        pass

    def __enter__(self) -> FakeEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def seed(paths: list[Any], cache: Path, **settings: Any) -> list[Any]:
    """Extract ``paths`` into ``cache`` as `altnotes` would, with the stand-in parse."""
    from altnotes.pipeline.extract import Settings, extract

    return extract(
        [str(p) for p in paths], Settings(cache_dir=cache, **settings), engine=FakeEngine
    )


def env(cache: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "ALTNOTES_CACHE_DIR": str(cache), **extra}


# the console script's work, with the stand-in parse for extract()'s local engine
FAKE_LAUNCHER = (
    "import sys\n"
    "from tests.helpers import FakeEngine\n"
    "from altnotes.pipeline import extract\n"
    "extract._local_engine = FakeEngine\n"
    "from altnotes.cli import main\n"
    "main(sys.argv[1:])\n"
)


def altnotes_command(fake_parse: bool = False) -> list[str]:
    """The installed console script (``python -m altnotes`` without it); with
    ``fake_parse``, the same work through a launcher that parses with ``FakeEngine``."""
    if fake_parse:
        return [sys.executable, "-c", FAKE_LAUNCHER]
    exe = Path(sys.executable).parent / "altnotes"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "altnotes"]


def run_cli(
    args: list[str],
    env: dict[str, str] | None = None,
    input: bytes | None = None,
    timeout: float = 900,
    *,
    fake_parse: bool = False,
    **popen: Any,
) -> subprocess.CompletedProcess[bytes]:
    """`altnotes ARGS` in a real subprocess, in the repository root; stdout and stderr
    captured unless ``popen`` says otherwise (stdout=…, stderr=…, stdin=…, pass_fds=…)."""
    opts: dict[str, Any] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **popen}
    if input is not None:
        opts["input"] = input
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        altnotes_command(fake_parse) + args, env=env, cwd=ROOT, timeout=timeout, **opts
    )


def load_json(stdout: bytes) -> object:
    return json.loads(stdout.decode("utf-8"))


def one_line_error(proc: subprocess.CompletedProcess[bytes]) -> str:
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, err
    return lines[0]


def click_app() -> click.Group:
    """The app as click sees it: its commands and their options."""
    from altnotes.cli import app

    cmd = typer.main.get_command(app)
    assert isinstance(cmd, click.Group)
    return cmd


def pending_words(ctx: click.Context) -> list[str]:
    """A group's unparsed words: the subcommand and its arguments (click 8.1 and 8.2+)."""
    protected = ctx.__dict__.get("_protected_args", ctx.__dict__.get("protected_args", []))
    return [*protected, *ctx.args]


def ctrl_c_answered() -> None:
    """For a child that a test sends Ctrl-C (preexec_fn): SIGINT as a terminal's program
    has it. A shell's background job (`make test &`, nohup) starts with SIGINT ignored, and
    Python then never raises KeyboardInterrupt: the test would measure the shell."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
