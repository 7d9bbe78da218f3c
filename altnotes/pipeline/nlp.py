"""GiNZA and our NER: building the pipeline once, lazily; chunking long text; batching over
processes; the parser's view of variant kanji.

Everything spaCy-specific stops here: a parse leaves this module as plain ``Parsed``
records (tokens, sentences, entity spans, with offsets into the document's text), so
later stages are pure functions that tests can drive without a model.
"""

from __future__ import annotations

import bisect
import functools
import json
import multiprocessing
import os
import re
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .model_info import EXCLUDE, MODEL, NER_DIR

# Sudachi refuses input over 49,149 bytes; stay well under it.
MAX_CHUNK_BYTES = 12_000


@dataclass(frozen=True)
class Token:
    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int


@dataclass
class Parsed:
    """One document's parse, with character offsets into the document's text."""

    text: str
    tokens: list[Token] = field(default_factory=list)
    sents: list[tuple[int, int]] = field(default_factory=list)
    # entity spans of altnotes' own NER (data/ner: PERSON, ORG, LOC, FAC, PRODUCT, EVENT)
    ents: list[tuple[int, int, str]] = field(default_factory=list)
    _tok_starts: list[int] | None = field(default=None, repr=False, compare=False)
    _sent_starts: list[int] | None = field(default=None, repr=False, compare=False)

    def tokens_between(self, start: int, end: int) -> list[Token]:
        """Tokens lying wholly inside [start, end), by binary search."""
        if self._tok_starts is None or len(self._tok_starts) != len(self.tokens):
            self._tok_starts = [t.start for t in self.tokens]
        i = bisect.bisect_left(self._tok_starts, start)
        out = []
        while i < len(self.tokens) and self.tokens[i].start < end:
            if self.tokens[i].end <= end:
                out.append(self.tokens[i])
            i += 1
        return out

    def next_sentence(self, pos: int) -> tuple[int, int] | None:
        """The first sentence starting at or after ``pos``."""
        if self._sent_starts is None or len(self._sent_starts) != len(self.sents):
            self._sent_starts = [s for s, _ in self.sents]
        i = bisect.bisect_left(self._sent_starts, pos)
        return self.sents[i] if i < len(self.sents) else None

    def sentence_at(self, pos: int) -> tuple[int, int] | None:
        """The (start, end) of the sentence holding character ``pos``."""
        if self._sent_starts is None or len(self._sent_starts) != len(self.sents):
            self._sent_starts = [s for s, _ in self.sents]
        i = bisect.bisect_right(self._sent_starts, pos) - 1
        if i >= 0 and self.sents[i][0] <= pos < self.sents[i][1]:
            return self.sents[i]
        return None


@dataclass(frozen=True)
class Chunk:
    """A span of a document handed to the model on its own."""

    start: int
    text: str


_SENT_END = re.compile(r"(?<=[。．！？!?])")


def chunk_text(text: str, max_bytes: int = MAX_CHUNK_BYTES) -> list[Chunk]:
    """Split a document into non-blank lines, and long lines at sentence ends.

    Offsets stay true to the original text. Parsing line by line keeps newlines out of
    entity spans; pieces never exceed ``max_bytes`` in UTF-8.
    """
    chunks: list[Chunk] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            _split_long(line, pos, max_bytes, chunks)
        pos += len(line) + 1
    return chunks


def _split_long(line: str, offset: int, max_bytes: int, out: list[Chunk]) -> None:
    if len(line.encode("utf-8")) <= max_bytes:
        _append_trimmed(line, offset, out)
        return
    pieces = [p for p in _SENT_END.split(line) if p]
    buf, buf_start, size, pos = "", offset, 0, offset
    for piece in pieces:
        piece_bytes = len(piece.encode("utf-8"))
        if piece_bytes > max_bytes:  # a "sentence" too long on its own: hard cut
            if buf:
                _append_trimmed(buf, buf_start, out)
                buf, size = "", 0
            step = max(1, max_bytes // 4)  # at most 4 bytes a character
            for k in range(0, len(piece), step):
                _append_trimmed(piece[k : k + step], pos + k, out)
            pos += len(piece)
            buf_start = pos
            continue
        if size + piece_bytes > max_bytes and buf:
            _append_trimmed(buf, buf_start, out)
            buf, size, buf_start = "", 0, pos
        buf += piece
        size += piece_bytes
        pos += len(piece)
    if buf:
        _append_trimmed(buf, buf_start, out)


def _append_trimmed(piece: str, offset: int, out: list[Chunk]) -> None:
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        out.append(Chunk(offset + lead, stripped))


_NLP: Any = None
_NER: Any = None


def _configure_threads() -> None:
    # One BLAS thread per process: we parallelise over processes instead.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def _use_numpy_ops() -> None:
    """numpy's BLAS for thinc's matrix products in this thread: blis picks a generic kernel
    on this CPU class, numpy's BLAS is ~3x faster and gives the same entities (PERF-NOTES).
    Thinc keeps its current ops per thread, and a Dask worker loads the model in one
    thread and runs tasks in another: so every parse sets them, not only the first load."""
    from thinc.api import NumpyOps, get_current_ops, set_current_ops

    ops = get_current_ops()
    if not (isinstance(ops, NumpyOps) and not getattr(ops, "use_blis", True)):
        set_current_ops(NumpyOps(use_blis=False))


def load() -> Any:
    """Load the GiNZA pipeline once per process (imports spaCy on first call)."""
    global _NLP
    _use_numpy_ops()
    if _NLP is None:
        _configure_threads()
        import spacy

        nlp = spacy.load(MODEL, exclude=list(EXCLUDE))
        tokenizer = nlp.tokenizer
        if hasattr(tokenizer, "need_subtokens"):
            tokenizer.need_subtokens = False  # only compound_splitter used them
        _NLP = nlp
        _load_ner(nlp)
    return _NLP


def _load_ner(nlp: Any) -> None:
    """altnotes' own NER component (data/ner), in place of GiNZA's ENE NER (excluded: its
    190 fine types cost 40% of the parse and our outputs need six). Built beside the
    pipeline: it shares the vocabulary (and so ja_ginza's static vectors, which it does
    not ship) and runs on the Doc GiNZA parsed."""
    global _NER
    spec = json.loads((NER_DIR / "component.json").read_text(encoding="utf-8"))
    comp = nlp.create_pipe(spec["factory"], name="ner_general", config=spec["config"])
    comp.from_disk(NER_DIR / "ner", exclude=["vocab"])
    _NER = comp


def _entities(doc: Any) -> list[tuple[int, int, str]]:
    """Our NER's entities on a parsed Doc."""
    _NER(doc)
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


_Pieces = tuple[list[tuple], list[tuple], list[tuple]]


def _to_parsed_pieces(doc: Any, offset: int, written: str) -> _Pieces:
    toks = [
        (
            t.i,
            offset + t.idx,
            offset + t.idx + len(t.text),
            written[t.idx : t.idx + len(t.text)],
            t.lemma_,
            t.pos_,
            t.tag_,
            t.dep_.removesuffix("_bunsetu"),
            t.head.i,
        )
        for t in doc
    ]
    sents = [(offset + s.start_char, offset + s.end_char) for s in doc.sents]
    ents = [(offset + s, offset + e, label) for s, e, label in _entities(doc)]
    return toks, sents, ents


UNIT_CHARS = 6000  # characters of lines handed to a worker at once


def _parse_unit(pieces: list[tuple[str, int]], batch_size: int = 32) -> list[_Pieces]:
    """Parse some lines of a document (text, offset) in this process: plain tuples out.
    The model reads each line with variant kanji in their common form (data/variants.toml,
    one character for one); tokens keep the text as written."""
    nlp = load()
    shown = _model_view()
    docs = nlp.pipe((shown(text) for text, _ in pieces), batch_size=batch_size)
    return [
        _to_parsed_pieces(doc, offset, text)
        for doc, (text, offset) in zip(docs, pieces, strict=True)
    ]


_NON_BMP = re.compile(r"[\U00020000-\U0003134F]")


@functools.lru_cache(maxsize=1)
def _model_view() -> Callable[[str], str]:
    from ..knowledge.schemas import load_variants

    table = load_variants()
    bmp = str.maketrans({a: b for a, b in table.forms.items() if ord(a) <= 0xFFFF})
    rare = {a: b for a, b in table.forms.items() if ord(a) > 0xFFFF}

    def shown(text: str) -> str:
        text = text.translate(bmp)
        if _NON_BMP.search(text):
            text = _NON_BMP.sub(lambda m: rare.get(m.group(), table.fallback), text)
        return text

    return shown


def _assemble(text: str, results: Iterable[_Pieces]) -> Parsed:
    parsed = Parsed(text=text)
    for toks, sents, ents in results:
        base = len(parsed.tokens)
        parsed.tokens.extend(
            Token(base + i, s, e, tx, lm, pos, tag, dep, base + h)
            for (i, s, e, tx, lm, pos, tag, dep, h) in toks
        )
        parsed.sents.extend(sents)
        parsed.ents.extend(ents)
    return parsed


def _units(text: str, unit_chars: int) -> list[list[tuple[str, int]]]:
    units: list[list[tuple[str, int]]] = []
    size = unit_chars
    for chunk in chunk_text(text):
        if size + len(chunk.text) > unit_chars:
            units.append([])
            size = 0
        units[-1].append((chunk.text, chunk.start))
        size += len(chunk.text)
    return units


def _init_worker() -> None:
    # Ctrl-C reaches the whole process group: the parent decides, workers ignore it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load()


class Engine:
    """Parses documents with GiNZA, in this process (workers=1) or in a pool of worker
    processes that each load the model once. Documents are cut into units of lines, so
    that a few long documents still keep every worker busy.

    ``submit(text)`` returns a function that waits for and returns the ``Parsed``.
    Use as a context manager: leaving it normally waits for the workers, leaving it by
    an exception (Ctrl-C) terminates them at once.
    """

    def __init__(self, workers: int = 1, batch_size: int = 32, unit_chars: int = UNIT_CHARS):
        self.workers = max(1, workers)
        self.batch_size = batch_size
        self.unit_chars = unit_chars
        self._pool: Any = None

    def _ensure_pool(self) -> Any:
        if self._pool is None:
            _configure_threads()
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            ctx = multiprocessing.get_context(method)
            self._pool = ctx.Pool(self.workers, initializer=_init_worker)
        return self._pool

    def submit(self, text: str) -> Callable[[], Parsed]:
        units = _units(text, self.unit_chars)
        if self.workers == 1:
            return lambda: _assemble(
                text, (r for u in units for r in _parse_unit(u, self.batch_size))
            )
        pool = self._ensure_pool()
        pending = [pool.apply_async(_parse_unit, (u, self.batch_size)) for u in units]
        return lambda: _assemble(text, (r for a in pending for r in a.get()))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def terminate(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.terminate()


def parse_documents(
    texts: Iterable[tuple[str, str]], workers: int = 1, batch_size: int = 32
) -> Iterator[tuple[str, Parsed]]:
    """Parse (doc_id, text) pairs, yielding (doc_id, Parsed) in input order, with at most
    a few documents in flight."""
    window: list[tuple[str, Callable[[], Parsed]]] = []
    with Engine(workers, batch_size) as engine:
        for doc_id, text in texts:
            window.append((doc_id, engine.submit(text)))
            if len(window) > 2 * engine.workers:
                doc_id0, get = window.pop(0)
                yield doc_id0, get()
        for doc_id0, get in window:
            yield doc_id0, get()
