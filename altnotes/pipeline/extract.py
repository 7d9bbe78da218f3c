"""The pipeline: documents → (cache or GiNZA) → mentions → linking → dates → events.

``extract_document`` is a pure function of (document, parse, settings), so any engine can
map it over shards; ``extract`` streams a corpus through it, one document at a time.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..errors import DataFileError, KBError
from ..knowledge.files import DATA
from .cache import Cache
from .corpus import Document, iter_documents, title_of
from .model_info import code_digest, model_fingerprint

if TYPE_CHECKING:
    from ..knowledge.kb import KB
    from ..records import DocExtraction
    from . import nlp

# progress(event, document): "queued" when a document goes to GiNZA, then "parsed" when
# its records are ready, or "cached" when they came from the cache
ProgressFn = Callable[[str, Document], None]


@dataclass(frozen=True)
class Settings:
    kb_files: tuple[Path, ...] = ()
    doc_date: dt.date | None = None
    workers: int = 1
    use_cache: bool = True
    cache_dir: Path | None = None
    engine: str = "local"  # local (a pool of processes here) or dask (engines.DaskEngine)
    scheduler: str | None = None  # a running Dask scheduler, tcp://HOST:PORT

    def kb(self) -> KB:
        from ..knowledge.kb import load_kb

        return load_kb(self.kb_files)

    def check_data(self) -> None:
        """Load and validate every data file and --kb file (DataFileError if one is bad)."""
        from ..knowledge.schemas import load_all

        self.kb()
        load_all()

    def fingerprint(self) -> str:
        """Everything that changes a document's extraction, except the text itself: code,
        model versions, the bytes of every data file and --kb file, options. Computed
        without parsing anything, so that a fully cached query stays fast."""
        data = hashlib.sha256()
        for path in [*sorted(DATA.glob("*.toml")), *self.kb_files]:
            try:
                data.update(Path(path).read_bytes())
            except OSError as exc:
                raise KBError(f"cannot read {path}: {exc.strerror or exc}") from exc
        parts = [
            f"altnotes={__version__}",
            f"code={code_digest()}",
            model_fingerprint(),
            f"data={data.hexdigest()[:16]}",
            f"doc_date={self.doc_date}",
        ]
        return "|".join(parts)


def document_date(doc: Document, settings: Settings) -> dt.date | None:
    """The --doc-date option, else the metadata file's date, else the date the text states."""
    if settings.doc_date is not None:
        return settings.doc_date
    if doc.date is not None:
        return doc.date
    from .temporal import find_document_date

    return find_document_date(doc.text)


class _Sentences:
    """The sentence around an offset: the parse's, else the line's (line ends indexed
    once, so that a long line is not scanned again for every record on it)."""

    def __init__(self, parsed: nlp.Parsed) -> None:
        self.parsed = parsed
        self._breaks: list[int] | None = None

    def __call__(self, start: int) -> str:
        text = self.parsed.text
        sent = self.parsed.sentence_at(start)
        if sent is not None:
            return text[sent[0] : sent[1]].strip()
        if self._breaks is None:
            self._breaks = [k for k, ch in enumerate(text) if ch == "\n"]
        i = bisect.bisect_left(self._breaks, start)  # the first line break at or after start
        line_start = self._breaks[i - 1] + 1 if i else 0
        line_end = self._breaks[i] if i < len(self._breaks) else len(text)
        return text[line_start:line_end].strip()


def extract_document(doc: Document, parsed: nlp.Parsed, settings: Settings) -> DocExtraction:
    """All records of one document. Pure: depends only on its arguments and data files."""
    # the stages are imported here: a query over cached records never needs them
    from ..knowledge.schemas import load_lexicon, load_triggers
    from ..records import DateRecord, DocExtraction, DocumentInfo, Mention
    from .events import find_events
    from .linking import link_document
    from .mentions import find_mentions
    from .nlp import chunk_text
    from .temporal import find_dates, find_document_date

    kb, lex = settings.kb(), load_lexicon()
    sentence_of = _Sentences(parsed)
    cands = find_mentions(parsed, kb, lex)
    link_document(cands, kb, lex.context.org_suffixes, doc.text, lex.context.legal_forms)
    doc_date = document_date(doc, settings)
    dates = [
        DateRecord(
            document=doc.id,
            text=m.text,
            value=m.value,
            start=m.start,
            end=m.end,
            sentence=sentence_of(m.start),
            kind=m.kind,
            range_start=m.range_start,
            range_end=m.range_end,
            resolved=m.resolved,
            anchor=m.anchor,
            modifier=m.modifier,
            time=m.time,
            timex=m.timex,
        )
        for m in find_dates(doc.text, doc_date)
    ]
    mentions = [
        Mention(
            document=doc.id,
            start=c.start,
            end=c.end,
            text=c.text,
            type=c.type,
            entity=c.entity if c.type in ("PERSON", "ORG") else (c.entity or None),
            in_kb=(entry := kb.get(c.entity) if c.entity else None) is not None,
            wikidata=entry.wikidata if entry else None,
            roles=c.roles,
            affiliations=c.affiliations,
            sentence=sentence_of(c.start),
            method=(c.method or "ner") if c.entity else "unlinked",
            score=c.score,
            ner_label=c.ner_label,
        )
        for c in cands
    ]
    events = find_events(doc.id, parsed, dates, cands, load_triggers())
    entities = {(m.type, m.entity) for m in mentions}
    info = DocumentInfo(
        id=doc.id,
        path=doc.path,
        title=title_of(doc.text, skip=lambda line: find_document_date(line) is not None),
        date=doc_date.isoformat() if doc_date else None,
        chars=len(doc.text),
        chunks=len(chunk_text(doc.text)),
        people=sum(1 for t, _ in entities if t == "PERSON"),
        organizations=sum(1 for t, _ in entities if t == "ORG"),
        dates=len(dates),
        events=len(events),
    )
    return DocExtraction(document=info, mentions=mentions, dates=dates, events=events)


def _cache_id(doc: Document) -> str:
    # the id and the metadata date change the records; the text is hashed by the cache
    return f"{doc.id}\0{doc.date}"


# builds the parser for a run: workers -> an object with submit(text) -> (() -> Parsed),
# close() and terminate() (nlp.Engine; recorded.RecordedEngine replays saved parses)
EngineFactory = Callable[[int], Any]


def _engine_for(settings: Settings) -> EngineFactory:
    if settings.engine == "dask":
        from .engines import DaskEngine

        return lambda workers: DaskEngine(workers, settings.scheduler)
    return _local_engine


def _local_engine(workers: int) -> Any:
    from .nlp import Engine

    return Engine(workers)


def extract_text(
    doc: Document, settings: Settings, engine: EngineFactory | None = None
) -> DocExtraction:
    """Parse one document in this process and extract its records: the pure function
    (document, settings) -> records that any engine can map over shards."""
    with (engine or _local_engine)(1) as parser:
        return extract_document(doc, parser.submit(doc.text)(), settings)


def extract_documents(
    docs: Iterable[Document],
    settings: Settings,
    cache: Cache | None = None,
    progress: ProgressFn | None = None,
    warn: Callable[[str], None] | None = None,
    lite: bool = False,
    engine_factory: EngineFactory | None = None,
    text: bool = False,
) -> Iterator[DocExtraction]:
    """Stream extractions in input order. Cached documents never touch spaCy; the others
    are parsed by GiNZA (the engine starts at the first miss), a few documents ahead of
    the one being yielded, so memory stays flat however long the corpus. With ``text``,
    each document record carries the text its offsets index (never cached)."""
    window: deque[tuple[Document, DocExtraction | None, Callable[[], nlp.Parsed] | None]] = deque()
    engine: Any = None

    def finish() -> DocExtraction | None:
        doc, hit, get = window.popleft()
        if hit is not None:
            if progress:
                progress("cached", doc)
            return _with_inputs(hit, doc, text)
        assert get is not None
        try:
            ext = extract_document(doc, get(), settings)
        except (KeyboardInterrupt, SystemExit, DataFileError):
            raise
        except Exception as exc:  # one bad document must not lose the others
            if warn:
                warn(f"skipped {doc.path or doc.id}: {type(exc).__name__}: {exc}")
            return None
        if cache is not None:
            cache.put(_cache_id(doc), doc.text, ext)
        if progress:
            progress("parsed", doc)
        return _with_inputs(ext, doc, text)

    try:
        for doc in docs:
            hit = cache.get(_cache_id(doc), doc.text, lite) if cache is not None else None
            if hit is not None:
                window.append((doc, hit, None))
            else:
                if engine is None:
                    settings.check_data()  # a bad --kb is a usage error, before any parse
                    engine = (engine_factory or _engine_for(settings))(settings.workers)
                if progress:
                    progress("queued", doc)
                window.append((doc, None, engine.submit(doc.text)))
            ahead = getattr(engine, "window", 2 * settings.workers + 1) if engine else 0
            while window and (len(window) > ahead or window[0][1] is not None):
                ext = finish()
                if ext is not None:
                    yield ext
        while window:
            ext = finish()
            if ext is not None:
                yield ext
    except BaseException:
        if engine is not None:
            engine.terminate()
        raise
    if engine is not None:
        engine.close()


def _with_inputs(ext: Any, doc: Document, text: bool) -> Any:
    """What the record says of its input and the cache does not keep: what reading the
    file changed (doc.warnings), and with ``text`` the text the offsets index."""
    fields: dict[str, Any] = {"warnings": list(doc.warnings)}
    if text:
        fields["text"] = doc.text
    for name, value in fields.items():
        if isinstance(ext.document, dict):  # a lite.Rec
            ext.document[name] = value
        else:
            setattr(ext.document, name, value)
    return ext


def _units_of_work(paths: Sequence[str]) -> int | None:
    """At most how many units of lines the input makes (by its size in bytes, which is
    never less than its size in characters); None when that cannot be known (stdin)."""
    import math
    import os

    from ..errors import AltnotesError
    from .corpus import expand_paths
    from .nlp import UNIT_CHARS

    try:
        files = expand_paths(paths)
        if not all(os.path.isfile(f) for f in files):  # stdin, a pipe: unknown
            return None
        size = sum(os.path.getsize(f) for f in files)
    except (AltnotesError, OSError):
        return None
    return max(1, math.ceil(size / UNIT_CHARS))


def extract(
    paths: Sequence[str],
    settings: Settings | None = None,
    warn: Callable[[str], None] | None = None,
    progress: ProgressFn | None = None,
    lite: bool = False,
    engine: EngineFactory | None = None,
    text: bool = False,
) -> list[DocExtraction]:
    """Library entry point: extract every document under ``paths``.

    ``lite``: cached documents come back as lite.Rec records (same fields, read as
    attributes, no pydantic model defined): the CLI's fast path. ``text``: document
    records carry the document's text (the one every offset indexes)."""
    settings = settings or Settings()
    base = engine or _engine_for(settings)

    def bounded(workers: int) -> Any:
        # every worker loads the whole model (~0.5 GiB): no more of them than work for
        # (worked out only when something must be parsed: a cached query walks no folder)
        bound = _units_of_work(paths) if settings.engine == "local" else None
        return base(min(workers, bound) if bound else workers)

    cache = None
    if settings.use_cache:
        from .cache import default_dir

        cache = Cache(settings.cache_dir or default_dir(), settings.fingerprint(), warn)
    docs = iter_documents(paths, warn=warn)
    return list(extract_documents(docs, settings, cache, progress, warn, lite, bounded, text))
