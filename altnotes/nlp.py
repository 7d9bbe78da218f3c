"""GiNZA: building the pipeline once, lazily; chunking long text; batching over processes.

Everything spaCy-specific stops here: a parse leaves this module as plain ``Parsed``
records (tokens, sentences, entity spans, with offsets into the document's text), so
later stages are pure functions that tests can drive without a model.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

MODEL = "ja_ginza"
# Components that run after the NER and change nothing our outputs use (see PERF-NOTES):
# the parser must stay, it sets the sentence starts the NER respects. Without the
# bunsetu_recognizer, dependency labels keep a "_bunsetu" suffix that it would strip;
# heads and labels are otherwise identical (checked on 8,369 tokens of the corpus), so we
# strip the suffix ourselves.
EXCLUDE = ("morphologizer", "compound_splitter", "bunsetu_recognizer")
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


def _configure_threads() -> None:
    # One BLAS thread per process: we parallelise over processes instead.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def load() -> Any:
    """Load the GiNZA pipeline once per process (imports spaCy on first call)."""
    global _NLP
    if _NLP is None:
        _configure_threads()
        import spacy
        from thinc.api import NumpyOps, set_current_ops

        # blis picks a generic kernel on this CPU class; numpy's BLAS is ~3x faster here
        # and gives the same entities (PERF-NOTES).
        set_current_ops(NumpyOps(use_blis=False))
        nlp = spacy.load(MODEL, exclude=list(EXCLUDE))
        tokenizer = nlp.tokenizer
        if hasattr(tokenizer, "need_subtokens"):
            tokenizer.need_subtokens = False  # only compound_splitter used them
        _NLP = nlp
    return _NLP


def model_fingerprint() -> str:
    """Model name and version, read from package metadata without importing spaCy."""
    from importlib.metadata import PackageNotFoundError, version

    parts = [MODEL]
    for dist in ("ja_ginza", "ginza", "spacy", "sudachipy", "sudachidict_core"):
        try:
            parts.append(f"{dist}={version(dist)}")
        except PackageNotFoundError:
            parts.append(f"{dist}=?")
    parts.append("exclude=" + ",".join(EXCLUDE))
    return ";".join(parts)


def _to_parsed_pieces(doc: Any, offset: int) -> tuple[list[tuple], list[tuple], list[tuple]]:
    toks = [
        (
            t.i,
            offset + t.idx,
            offset + t.idx + len(t.text),
            t.text,
            t.lemma_,
            t.pos_,
            t.tag_,
            t.dep_.removesuffix("_bunsetu"),
            t.head.i,
        )
        for t in doc
    ]
    sents = [(offset + s.start_char, offset + s.end_char) for s in doc.sents]
    ents = [(offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents]
    return toks, sents, ents


def parse_documents(
    texts: Iterable[tuple[str, str]], workers: int = 1, batch_size: int = 32
) -> Iterator[tuple[str, Parsed]]:
    """Parse (doc_id, text) pairs, streaming: yields (doc_id, Parsed) in input order.

    Only one document's tokens are held at a time besides the model's batch.
    """
    nlp = load()
    pending: dict[int, tuple[str, Parsed, int]] = {}
    order: list[int] = []

    def chunks() -> Iterator[tuple[str, tuple[int, int]]]:
        for n, (doc_id, text) in enumerate(texts):
            pieces = chunk_text(text)
            pending[n] = (doc_id, Parsed(text=text), len(pieces))
            order.append(n)
            for piece in pieces:
                yield piece.text, (n, piece.start)

    def ready() -> Iterator[tuple[str, Parsed]]:
        while order and pending[order[0]][2] == 0:
            n = order.pop(0)
            doc_id, parsed, _ = pending.pop(n)
            yield doc_id, parsed

    kwargs: dict[str, Any] = {"batch_size": batch_size, "as_tuples": True}
    if workers > 1:
        kwargs["n_process"] = workers
    stream = nlp.pipe(chunks(), **kwargs)
    while True:
        yield from ready()
        try:
            doc, (n, offset) = next(stream)
        except StopIteration:
            break
        doc_id, parsed, left = pending[n]
        toks, sents, ents = _to_parsed_pieces(doc, offset)
        base = len(parsed.tokens)
        parsed.tokens.extend(
            Token(base + i, s, e, tx, lm, pos, tag, dep, base + h)
            for (i, s, e, tx, lm, pos, tag, dep, h) in toks
        )
        parsed.sents.extend(sents)
        parsed.ents.extend(ents)
        pending[n] = (doc_id, parsed, left - 1)
    yield from ready()
