"""Sentences → dated events with a trigger and participants.

Each date is attached, through the dependency parse, to the predicate it modifies; the
event's participants are the linked people and organizations in that predicate's clause
(else in the sentence). One event per predicate, whatever the number of dates on it.
Trigger words and event types are data (``data/triggers.toml``). Knows nothing of output.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..knowledge.schemas import TriggerLexicon
from ..records import DateRecord, Event
from .mentions import Candidate
from .nlp import Parsed, Token


@dataclass(frozen=True)
class _Predicate:
    token: Token
    trigger: str
    type: str


def _is_predicate(tok: Token) -> bool:
    return tok.pos in ("VERB", "ADJ") or "サ変可能" in tok.tag or tok.dep == "ROOT"


class _Sentence:
    """The tokens of a sentence (or of the sentences a date runs across), with children."""

    def __init__(self, toks: list[Token]) -> None:
        self.toks = toks
        self.by_i = {t.i: t for t in toks}
        self.children: dict[int, list[Token]] = {}
        for t in toks:
            if t.head != t.i and t.head in self.by_i:
                self.children.setdefault(t.head, []).append(t)

    def kids(self, tok: Token, deps: tuple[str, ...] = ()) -> list[Token]:
        return [c for c in self.children.get(tok.i, []) if not deps or c.dep in deps]

    def head(self, tok: Token) -> Token | None:
        return self.by_i.get(tok.head) if tok.head != tok.i else None

    def subtree(self, root: Token) -> tuple[int, int]:
        """Character extent of the clause under ``root``."""
        start, end, stack = root.start, root.end, [root]
        while stack:
            for c in self.children.get(stack.pop().i, []):
                start, end = min(start, c.start), max(end, c.end)
                stack.append(c)
        return start, end


# Formal nouns that turn a clause into the subject of a cleft sentence:
# 「出したのは1週間前だった」, 「始めたのは9年前のことだ」.


def _trigger_in(
    tok: Token, sent: _Sentence, triggers: TriggerLexicon, depth: int = 0
) -> tuple[str, str] | None:
    """A non-light trigger on the token itself or on the nouns compounded into it
    (解任劇 = 解任 + 劇); with ``depth``, also on the nouns modifying it, without entering
    clauses (長文のエッセー「Machines of Loving Grace」 carries エッセー)."""
    frontier, seen = [tok], {tok.i}
    for level in range(depth + 1):
        nxt: list[Token] = []
        for t in frontier:
            for u in [t, *sent.kids(t, ("compound",))]:
                etype = triggers.type_of(u.lemma)
                if etype is not None and u.lemma not in triggers.light:
                    return u.lemma, etype
            if level < depth:
                nxt += [
                    c
                    for c in sent.kids(t, ("nmod", "appos", "compound"))
                    if c.i not in seen and c.pos in ("NOUN", "PROPN")
                ]
        seen.update(c.i for c in nxt)
        frontier = nxt
    return None


def _meaning(pred: Token, sent: _Sentence, ids: set[int], triggers: TriggerLexicon) -> _Predicate:
    """What a predicate says happened: its own trigger, or, for a light predicate
    (発表, ある, する), the trigger carried by its object or subject noun phrase."""
    own = triggers.type_of(pred.lemma)
    if own is not None and pred.lemma not in triggers.light:
        return _Predicate(pred, pred.lemma, own)
    for noun in sent.kids(pred, ("obj", "nsubj", "compound", "obl")):
        if noun.i in ids:
            continue
        if noun.lemma in triggers.formal_nouns and noun.dep != "obl":
            # 創設することを決定: the clause the formal noun stands for says what happened
            for verb in sent.kids(noun, ("acl",)):
                inner = triggers.type_of(verb.lemma)
                if inner is not None and verb.lemma not in triggers.light:
                    return _Predicate(pred, verb.lemma, inner)
        found = _trigger_in(noun, sent, triggers, depth=0 if noun.dep == "obl" else 3)
        if found is not None and (noun.dep != "obl" or own is None):
            return _Predicate(pred, found[0], found[1])
    return _Predicate(pred, pred.lemma, own or "other")


def _predicate_for(
    sent: _Sentence,
    span: tuple[int, int],
    triggers: TriggerLexicon,
    text: str,
    other_dates: list[tuple[int, int]],
) -> _Predicate | None:
    inside = [t for t in sent.toks if t.start < span[1] and t.end > span[0]]
    if not inside:
        return None
    ids = {t.i for t in inside}
    top = next((t for t in inside if t.head not in ids or t.head == t.i), inside[-1])
    # 出したのは1週間前だった: the date is the predicate of a cleft; its clausal subject
    # is the event, whatever the date itself hangs on
    cleft = [c for t in inside for c in sent.kids(t, ("csubj",)) if c.i not in ids]
    # otherwise climb from the date to the predicate it modifies; a trigger noun on the
    # way (2023年11月の解任) is the event itself
    pred = cleft[-1] if cleft else _climb(sent, top, ids, triggers)
    if (
        pred is not None
        and pred.pos not in ("VERB", "ADJ")
        and "サ変可能" not in pred.tag
        and _trigger_in(pred, sent, triggers) is None
    ):
        pred = _cleft_or_next(sent, pred, ids, triggers) or pred  # 始めたのは9年前のことだ
    if pred is None:
        pred = _cleft_or_next(sent, top, ids, triggers)
        if pred is None:
            return None
    # "2021年、…を率いていた…氏らが設立した": a date set off by a comma belongs to the main
    # clause, not to a relative clause the parser hung it on
    if text[span[1] : span[1] + 1] in ("、", ",") or text[span[1] : span[1] + 2] in (
        "に、",
        "は、",
    ):
        while pred.dep == "acl":
            noun = sent.head(pred)
            higher = _climb(sent, noun, ids, triggers) if noun is not None else None
            if higher is None:
                break
            pred = higher
    if _quoted(text, span[0]) != _quoted(text, pred.start):
        return None  # a date inside a quotation does not date the verb that quotes it
    found = _meaning(pred, sent, ids, triggers)
    # 拠点を移し、…に参加した: a date on the first of joined clauses dates the main one
    # too, unless that one has a date of its own or the link is が, たら, ので ...
    hops = 0
    while found.type == "other" and pred.dep in ("advcl", "conj") and hops < 3:
        up = sent.head(pred)
        marks = {c.text for c in sent.kids(pred, ("mark", "case"))}
        if up is None or not _is_predicate(up) or marks - {"て", "で", "し"}:
            break
        if any(pred.end <= a and b <= up.end for a, b in other_dates):
            break
        pred, hops = up, hops + 1
        found = _meaning(pred, sent, ids, triggers)
    return found


def _climb(sent: _Sentence, start: Token, ids: set[int], triggers: TriggerLexicon) -> Token | None:
    cur: Token | None = start
    seen = set(ids) | {start.i}
    while cur is not None:
        nxt = sent.head(cur)
        if nxt is None or nxt.i in seen:
            return None
        seen.add(nxt.i)
        cur = nxt
        if _is_predicate(cur) or _trigger_in(cur, sent, triggers) is not None:
            return cur
    return None


def _quoted(text: str, pos: int) -> int:
    """How many 「」 quotations are open at ``pos`` within its line."""
    positions, depths = _quote_index(text)
    i = bisect.bisect_left(positions, pos)
    return depths[i - 1] if i else 0


@lru_cache(maxsize=4)
def _quote_index(text: str) -> tuple[list[int], list[int]]:
    """Positions of quotation marks and line ends, with the depth just after each: one
    pass per document, so that _quoted is a binary search even on a 1 MB line."""
    positions: list[int] = []
    depths: list[int] = []
    depth = 0
    for m in re.finditer(r"[「『」』\n]", text):
        ch = m.group()
        if ch == "\n":
            depth = 0
        elif ch in "「『":
            depth += 1
        elif depth:
            depth -= 1
        positions.append(m.start())
        depths.append(depth)
    return positions, depths


class _MentionIndex:
    """Mentions by position, for the participants of a span in O(log n)."""

    def __init__(self, mentions: list[Candidate]) -> None:
        self.items = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.items]

    def within(self, start: int, end: int) -> list[Candidate]:
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        return [m for m in self.items[i:j] if m.end <= end]


def _cleft_or_next(
    sent: _Sentence, top: Token, ids: set[int], triggers: TriggerLexicon
) -> Token | None:
    """When the date is itself the sentence's predicate: the verb of a cleft subject
    (出したのは1週間前だった), else the root of the next sentence of the same line (the
    parser sometimes ends a sentence right after a date)."""
    root = top
    while (h := sent.head(root)) is not None and h.i not in ids and not _is_predicate(h):
        root = h
    clauses = [c for c in sent.kids(root, ("csubj",)) if c.i not in ids and _is_predicate(c)]
    if clauses:
        return clauses[-1]
    for subj in sent.kids(root, ("nsubj", "obl", "dislocated")) + (
        sent.kids(sent.head(root), ("nsubj",)) if sent.head(root) else []  # type: ignore[arg-type]
    ):
        if subj.i in ids:
            continue
        if subj.lemma in triggers.formal_nouns or subj.text in triggers.formal_nouns:
            verbs = [c for c in sent.kids(subj, ("acl",)) if _is_predicate(c)]
            if verbs:
                return verbs[-1]
    later = [t for t in sent.toks if t.dep == "ROOT" and t.i not in ids and t.start >= top.end]
    return later[0] if later else None


def find_events(
    doc_id: str,
    parsed: Parsed,
    dates: list[DateRecord],
    mentions: list[Candidate],
    triggers: TriggerLexicon,
) -> list[Event]:
    events: list[Event] = []
    by_predicate: dict[int, Event] = {}
    index = _MentionIndex(mentions)
    by_start = sorted(dates, key=lambda o: o.start)
    date_starts = [o.start for o in by_start]
    for d in dates:
        span = _sentences_of(parsed, d.start, d.end)
        if span is None:
            continue
        sent = _Sentence(parsed.tokens_between(span[0], span[1]))
        lo, hi = bisect.bisect_left(date_starts, span[0]), bisect.bisect_left(date_starts, span[1])
        others = [(o.start, o.end) for o in by_start[lo:hi] if o is not d]
        pred = _predicate_for(sent, (d.start, d.end), triggers, parsed.text, others)
        if pred is None or pred.token.i in by_predicate:
            continue
        clause = sent.subtree(pred.token)
        parts = index.within(*clause)
        if not any(m.type in ("PERSON", "ORG") for m in parts) and not _quoted(
            parsed.text, pred.token.start
        ):
            parts = index.within(*span)
        people = _unique(m.entity for m in parts if m.type == "PERSON" and m.entity)
        orgs = _unique(m.entity for m in parts if m.type == "ORG" and m.entity)
        if pred.type == "other" and not (people or orgs):
            continue  # a date on a word like こと or ある, with nobody taking part
        event = _event(doc_id, d, False, pred, parsed.text[span[0] : span[1]], parts, parsed.text)
        by_predicate[pred.token.i] = event
        events.append(event)
    events += _narrative_events(doc_id, parsed, dates, index, triggers, set(by_predicate))
    return events


def _narrative_events(
    doc_id: str,
    parsed: Parsed,
    dates: list[DateRecord],
    index: _MentionIndex,
    triggers: TriggerLexicon,
    taken: set[int],
) -> list[Event]:
    """Events of sentences that state no date: a main-clause predicate of a strong type
    (founding, dismissal, ...), with a person or organization in its clause, takes the
    date last stated before it in the same section, within a few sentences — the
    narrative time. Such events are marked ``date_inferred``."""
    anchors = sorted(
        (d for d in dates if d.value is not None and d.kind != "relative"), key=lambda d: d.end
    )
    if not anchors:
        return []
    anchor_ends = [d.end for d in anchors]
    dated = {s for d in dates for s in [parsed.sentence_at(d.start)] if s is not None}
    out: list[Event] = []
    for sent_span in parsed.sents:
        if sent_span in dated or _quoted(parsed.text, sent_span[0]):
            continue
        if _has_heading("\n" + parsed.text[sent_span[0] : sent_span[1]] + "\n"):
            continue  # a heading is not a statement that something happened
        k = bisect.bisect_right(anchor_ends, sent_span[0])
        if not k:
            continue
        anchor = anchors[k - 1]
        if sent_span[0] - anchor.end > triggers.narrative_window:
            continue
        if _has_heading(parsed.text[anchor.end : sent_span[0]]):
            continue
        sent = _Sentence(parsed.tokens_between(*sent_span))
        for tok in sent.toks:
            if tok.i in taken or not _main_clause(tok, sent):
                continue
            found = _meaning(tok, sent, set(), triggers)
            if found.type not in triggers.narrative_types:
                continue
            clause = sent.subtree(tok)
            parts = index.within(*clause)
            people = _unique(m.entity for m in parts if m.type == "PERSON" and m.entity)
            orgs = _unique(m.entity for m in parts if m.type == "ORG" and m.entity)
            if not (people or orgs):
                continue
            taken.add(tok.i)
            sentence = parsed.text[sent_span[0] : sent_span[1]]
            out.append(_event(doc_id, anchor, True, found, sentence, parts, parsed.text))
    return out


def _main_clause(tok: Token, sent: _Sentence) -> bool:
    """A verb that reports a completed event in the main clause: the sentence's root, or
    a clause joined to it by te-form or conjunction; past tense (た) and not a state
    (〜ている, 〜ておる)."""
    if tok.pos != "VERB":
        return False
    start = tok
    hops = 0
    while tok.dep != "ROOT" and hops < 3:
        if tok.dep not in ("advcl", "conj"):
            return False
        if {c.text for c in sent.kids(tok, ("mark",))} - {"て", "で", "し"}:
            return False
        up = sent.head(tok)
        if up is None:
            return False
        tok, hops = up, hops + 1
    if tok.dep != "ROOT":
        return False
    aux = {c.lemma for c in sent.kids(tok, ("aux",))} | {
        c.lemma for c in sent.kids(start, ("aux",))
    }
    return "た" in aux and not aux & {"いる", "おる", "居る"}


def _has_heading(text: str) -> bool:
    """Does a section heading (a short line without sentence-final punctuation) lie in
    this stretch of text?"""
    lines = text.split("\n")
    return any(
        ln.strip()
        and len(ln.strip()) <= 40
        and not ln.strip().endswith(("。", "」", "!", "?", "！", "？"))
        for ln in lines[1:-1]
    )


def _sentences_of(parsed: Parsed, start: int, end: int) -> tuple[int, int] | None:
    """The sentence holding a date, joined with the next ones of the same line when the
    date runs past its end, or when the sentence is nothing but the date."""
    first = parsed.sentence_at(start)
    if first is None:
        return None
    s, e = first
    line_end = parsed.text.find("\n", start)
    line_end = len(parsed.text) if line_end < 0 else line_end
    date_only = not parsed.text[s:e].replace(parsed.text[start:end], "").strip(" 、,。")
    while e < line_end and (e < end or date_only):
        nxt = parsed.next_sentence(e)
        if nxt is None or nxt[0] >= line_end:
            break
        e, date_only = nxt[1], False
    return s, e


def _event(
    doc_id: str,
    date: DateRecord,
    inferred: bool,
    pred: _Predicate,
    sentence: str,
    parts: list[Candidate],
    text: str,
) -> Event:
    return Event(
        document=doc_id,
        date=date.value,
        date_text=date.text,
        date_start=date.range_start if date.kind == "range" else None,
        date_end=date.range_end if date.kind == "range" else None,
        date_inferred=inferred,
        trigger=pred.trigger,
        type=pred.type,
        text=sentence.strip(),
        people=_unique(m.entity for m in parts if m.type == "PERSON" and m.entity),
        organizations=_unique(m.entity for m in parts if m.type == "ORG" and m.entity),
        products=_products(parts, text),
        start=date.start,
        end=date.end,
    )


def _products(parts: list[Candidate], text: str) -> list[str]:
    """Products taking part: those the knowledge base knows, or that the text names in
    quotes (「Claude 2」); the NER's other product guesses are too noisy for a timeline."""
    return _unique(
        m.entity or m.text
        for m in parts
        if m.type == "PRODUCT"
        and (m.entity or (text[m.start - 1 : m.start] == "「" and text[m.end : m.end + 1] == "」"))
    )


def _unique(items: object) -> list[str]:
    out: list[str] = []
    for item in items:  # type: ignore[attr-defined]
        if item not in out:
            out.append(item)
    return out
