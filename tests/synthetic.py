"""Large documents made from recorded parses, without the model: pieces of recorded
parses (a line, a whole document) laid end to end, their offsets shifted. What the tests
and the profile of one big document use to time the stages after the parse."""

from __future__ import annotations

from collections.abc import Sequence

from altnotes.pipeline.nlp import Parsed, Token


def piece(parsed: Parsed, start: int, end: int) -> Parsed:
    """The part of a parse wholly inside [start, end), offsets from ``start``."""
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
        ],
        sents=[(s - start, e - start) for s, e in parsed.sents if start <= s and e <= end],
        ents=[(s - start, e - start, lab) for s, e, lab in parsed.ents if start <= s and e <= end],
    )


def concat(parts: Sequence[Parsed], sep: str = "\n") -> Parsed:
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
                t.i + base,
                t.start + pos,
                t.end + pos,
                t.text,
                t.lemma,
                t.pos,
                t.tag,
                t.dep,
                t.head + base,
            )
            for t in p.tokens
        )
        sents.extend((s + pos, e + pos) for s, e in p.sents)
        ents.extend((s + pos, e + pos, lab) for s, e, lab in p.ents)
        text.append(p.text)
        pos += len(p.text)
    return Parsed(text="".join(text), tokens=tokens, sents=sents, ents=ents)


def repeated(parts: Sequence[Parsed], chars: int, sep: str = "\n") -> Parsed:
    """The parts over and over until the text holds at least ``chars`` characters."""
    out: list[Parsed] = []
    size = 0
    while size < chars:
        for p in parts:
            out.append(p)
            size += len(p.text) + len(sep)
    return concat(out, sep)
