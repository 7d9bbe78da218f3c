"""Recorded parses: GiNZA's output for known texts, saved once and replayed without the
model, so that the stages after the parse (mentions, linking, dates, events) can be
tested in milliseconds. The file records the model's fingerprint; replaying a recording
made by another model version is refused by the test suite, and `make record-parses`
makes it anew.

A recording is a gzipped JSON object::

    {"model": "<model_fingerprint()>", "parses": {"<sha256 of text>": <Parsed as JSON>}}
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from .model_info import model_fingerprint
from .nlp import Parsed, Token


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def parsed_to_json(parsed: Parsed) -> dict[str, Any]:
    return {
        "tokens": [
            [t.i, t.start, t.end, t.text, t.lemma, t.pos, t.tag, t.dep, t.head]
            for t in parsed.tokens
        ],
        "sents": [list(s) for s in parsed.sents],
        "ents": [list(e) for e in parsed.ents],
    }


def parsed_from_json(text: str, data: dict[str, Any]) -> Parsed:
    return Parsed(
        text=text,
        tokens=[Token(*t) for t in data["tokens"]],
        sents=[(s, e) for s, e in data["sents"]],
        ents=[(s, e, label) for s, e, label in data["ents"]],
    )


class Recording:
    """Parses by text, read from and written to one file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.model: str | None = None
        self.parses: dict[str, dict[str, Any]] = {}
        if path.exists():
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                data = json.load(fh)
            self.model = data["model"]
            self.parses = data["parses"]

    def get(self, text: str) -> Parsed | None:
        data = self.parses.get(text_key(text))
        return parsed_from_json(text, data) if data is not None else None

    def add(self, text: str, parsed: Parsed) -> None:
        self.parses[text_key(text)] = parsed_to_json(parsed)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"model": model_fingerprint(), "parses": dict(sorted(self.parses.items()))}
        raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        # mtime=0: the same parses give the same bytes
        self.path.write_bytes(gzip.compress(raw, mtime=0))


class RecordedEngine:
    """An engine (same interface as nlp.Engine) that replays a recording. A text that was
    not recorded is a KeyError, or, when ``fallback`` is given, is parsed by it (and kept,
    for the caller to save)."""

    def __init__(self, recording: Recording, fallback: Any = None) -> None:
        self.recording = recording
        self.fallback = fallback
        self.workers = 1

    def submit(self, text: str) -> Callable[[], Parsed]:
        parsed = self.recording.get(text)
        if parsed is not None:
            return lambda: parsed
        if self.fallback is None:
            raise KeyError(f"no recorded parse for {text[:40]!r}...: run `make record-parses`")
        get = self.fallback.submit(text)

        def wait() -> Parsed:
            result = get()
            self.recording.add(text, result)
            return result

        return wait

    def close(self) -> None:
        if self.fallback is not None:
            self.fallback.close()

    def terminate(self) -> None:
        if self.fallback is not None:
            self.fallback.terminate()

    def __enter__(self) -> RecordedEngine:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.close() if exc_type is None else self.terminate()


def record(texts: Iterable[str], path: Path) -> int:
    """Parse every text not yet in the recording at ``path`` with GiNZA; save; return how
    many were added."""
    from .nlp import Engine

    recording = Recording(path)
    if recording.model != model_fingerprint():
        recording.parses = {}  # another model version: record everything again
    todo = [t for t in dict.fromkeys(texts) if recording.get(t) is None]
    with Engine(workers=1) as engine:
        for text in todo:
            recording.add(text, engine.submit(text)())
    recording.save()
    return len(todo)


# --- parses laid end to end: big documents without the model ---------------------------


def parse_piece(parsed: Parsed, start: int, end: int) -> Parsed:
    """The part of a parse wholly inside [start, end), its offsets from ``start``."""
    toks = [t for t in parsed.tokens if start <= t.start and t.end <= end]
    first = toks[0].i if toks else 0
    last = first + len(toks)
    return Parsed(
        text=parsed.text[start:end],
        tokens=[
            Token(
                t.i - first,
                t.start - start,
                t.end - start,
                t.text,
                t.lemma,
                t.pos,
                t.tag,
                t.dep,
                (t.head - first) if first <= t.head < last else t.i - first,
            )
            for t in toks
        ],  # fmt: skip
        sents=[(s - start, e - start) for s, e in parsed.sents if start <= s and e <= end],
        ents=[(s - start, e - start, lab) for s, e, lab in parsed.ents if start <= s and e <= end],
    )


def join_parses(parts: Iterable[Parsed], sep: str = "\n") -> Parsed:
    """The parses one after the other, joined by ``sep`` (which no token covers)."""
    text: list[str] = []
    tokens: list[Token] = []
    sents: list[tuple[int, int]] = []
    ents: list[tuple[int, int, str]] = []
    pos = 0
    for k, p in enumerate(parts):
        if k:
            text.append(sep)
            pos += len(sep)
        base = len(tokens)
        tokens.extend(
            Token(
                t.i + base, t.start + pos, t.end + pos, t.text, t.lemma, t.pos, t.tag, t.dep,
                t.head + base,
            )
            for t in p.tokens
        )  # fmt: skip
        sents.extend((s + pos, e + pos) for s, e in p.sents)
        ents.extend((s + pos, e + pos, lab) for s, e, lab in p.ents)
        text.append(p.text)
        pos += len(p.text)
    return Parsed(text="".join(text), tokens=tokens, sents=sents, ents=ents)


def repeat_parses(parts: Sequence[Parsed], chars: int, sep: str = "\n") -> Parsed:
    """The parses over and over, as one document of at least ``chars`` characters: what
    the stages after the parse make of a big document, timed without the model."""
    out: list[Parsed] = []
    size = 0
    while size < chars:
        for p in parts:
            out.append(p)
            size += len(p.text) + len(sep)
    return join_parses(out, sep)
