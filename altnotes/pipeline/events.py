"""Sentences → dated events with a trigger and participants.

Each date is attached, through the dependency parse, to the predicate it modifies: a verb,
or a verbal noun (サ変 nouns, nouns the trigger list knows), never a word inside a name or
a date. The event's participants are the linked people and organizations among the
predicate's arguments (subject, object, 〜と, 〜で, 〜に, the noun a relative clause
modifies; else its clause). One event per predicate, dated by the date closest to it in
the parse; one event per happening per document (events sharing date, type, trigger and
participants are merged). Trigger words and event types are data
(``data/triggers.toml``). Knows nothing of output.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
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
    # the tokens whose arguments are the event's participants: the predicate, the trigger
    # noun that gives a light predicate its meaning, the verb a meeting was held for
    heads: tuple[Token, ...] = ()


def _is_predicate(tok: Token) -> bool:
    """A word that can be an event: a verb, a verbal noun (サ変), a noun the trigger list
    knows (checked by the callers with _trigger_in); never an adjective or a fragment."""
    if tok.pos == "AUX" and tok.dep == "ROOT":
        return tok.lemma == "する"  # 明らかにした: the parser makes し the root
    return (tok.pos == "VERB" or "サ変可能" in tok.tag) and len(tok.lemma) >= 2


class _Blocked:
    """Character spans a trigger may not come from: names and date expressions."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def covers(self, tok: Token) -> bool:
        i = bisect.bisect_right(self.starts, tok.start) - 1
        return i >= 0 and tok.start < self.ends[i] and tok.end > self.starts[i]


def _word_ok(tok: Token, blocked: _Blocked | None) -> bool:
    """A trigger is a word of two characters or more, outside names and dates (never ざと
    cut from a name, nor 日 from a date)."""
    return len(tok.lemma) >= 2 and not (blocked and blocked.covers(tok))


class _Sentence:
    """The tokens of a sentence (or of the sentences a date runs across), with children,
    and the spans (names, dates) no trigger may come from."""

    def __init__(
        self, toks: list[Token], blocked: _Blocked | None = None, names: _Blocked | None = None
    ) -> None:
        self.toks = toks
        self.blocked = blocked
        self.names = names
        self.by_i = {t.i: t for t in toks}
        self.children: dict[int, list[Token]] = {}
        for t in toks:
            if t.head != t.i and t.head in self.by_i:
                self.children.setdefault(t.head, []).append(t)

    def kids(self, tok: Token, deps: tuple[str, ...] = ()) -> list[Token]:
        return [c for c in self.children.get(tok.i, []) if not deps or c.dep in deps]

    def head(self, tok: Token) -> Token | None:
        return self.by_i.get(tok.head) if tok.head != tok.i else None

    def cases(self, tok: Token) -> set[str]:
        """The case particles on a noun, with their fixed parts (と+し+て = として)."""
        return {
            c.text + "".join(f.text for f in self.kids(c, ("fixed",)))
            for c in self.kids(tok, ("case",))
        }

    def compound(self, tok: Token) -> str:
        """The word a noun heads with the nouns written right before it and compounded
        into it: 史上|最高|値 is 史上最高値."""
        parts = [tok.lemma]
        start = tok.start
        for c in reversed(self.kids(tok, ("compound",))):
            if c.end != start or c.i > tok.i:
                break
            parts.append(c.lemma)
            start = c.start
        return "".join(reversed(parts))

    def ok(self, tok: Token) -> bool:
        return _word_ok(tok, self.blocked)

    def subtree(self, root: Token) -> tuple[int, int]:
        """Character extent of the clause under ``root``."""
        start, end, stack = root.start, root.end, [root]
        while stack:
            for c in self.children.get(stack.pop().i, []):
                start, end = min(start, c.start), max(end, c.end)
                stack.append(c)
        return start, end

    def phrase(self, root: Token) -> list[Token]:
        """The noun phrase under ``root``: its modifiers, compounds and conjuncts, without
        entering the clauses that modify it."""
        out, stack = [root], [root]
        while stack:
            for c in self.kids(stack.pop(), _PHRASE_DEPS):
                out.append(c)
                stack.append(c)
        return out


_PHRASE_DEPS = ("nmod", "compound", "appos", "conj", "flat", "fixed", "nummod", "amod", "det")
# the arguments of a predicate: subject, object, case-marked obliques (〜と, 〜で, 〜に,
# 〜から, 〜によって), the topic; nouns that modify a verbal noun (OpenAIの解任)
_ARG_DEPS = ("nsubj", "obj", "iobj", "obl", "dislocated", "nmod", "compound", "csubj")
_SUBJ_DEPS = ("nsubj", "dislocated")
_NAME_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC")
_ARGUMENT_CASES = {"が", "を", "に", "で", "は", "と", "や", "も", "へ"}
# where a light predicate looks for its meaning, in this order: 取得 of 株 through a fund
_ROLE_ORDER = ("obj", "csubj", "compound", "nsubj", "obl")
# obliques that say what the event is like, where it starts or ends, not what it is:
# 技術的津波として記憶される, 解任劇から復帰まで
_NOT_GOALS = {"として", "から", "まで", "より", "について", "に対して", "によって"}


# Formal nouns that turn a clause into the subject of a cleft sentence:
# 「出したのは1週間前だった」, 「始めたのは9年前のことだ」.


def _trigger_in(
    tok: Token, sent: _Sentence, triggers: TriggerLexicon, depth: int = 0
) -> tuple[str, str, Token] | None:
    """A non-light trigger on the token itself or on the nouns compounded into it
    (解任劇 = 解任 + 劇); with ``depth``, also on the nouns modifying it, without entering
    clauses (長文のエッセー「Machines of Loving Grace」 carries エッセー)."""
    frontier, seen = [tok], {tok.i}
    for level in range(depth + 1):
        nxt: list[Token] = []
        for t in frontier:
            # the head first, then the words compounded into it, nearest first
            for u in [t, *reversed(sent.kids(t, ("compound",)))]:
                if sent.blocked is not None and sent.blocked.covers(u):
                    continue
                hit = triggers.type_of_compound(sent.compound(u)) if u is t else None
                etype = triggers.type_of(u.lemma)
                if etype is not None and not triggers.is_light(u.lemma):
                    return u.lemma, etype, u
                if hit is not None and not triggers.is_light(hit[0]):
                    return hit[0], hit[1], u
            if level < depth:
                nxt += [
                    c
                    for c in sent.kids(t, ("nmod", "appos", "compound"))
                    if c.i not in seen and c.pos in ("NOUN", "PROPN")
                ]
        seen.update(c.i for c in nxt)
        frontier = nxt
    return None


def _named(word: str, pred: Token) -> str:
    """The trigger a typing noun gives: the noun itself, unless it is a one-character word
    (エヌビディア株を取得: the trigger is 取得)."""
    return word if len(word) >= 2 else pred.lemma


def _meaning(pred: Token, sent: _Sentence, ids: set[int], triggers: TriggerLexicon) -> _Predicate:
    """What a predicate says happened: its own trigger, or, for a light predicate
    (発表, ある, する), the trigger carried by its object or subject noun phrase."""
    own = triggers.type_of(pred.lemma)
    if own is not None and not triggers.is_light(pred.lemma):
        return _Predicate(pred, pred.lemma, own, (pred,))
    for noun in sorted(sent.kids(pred, _ROLE_ORDER), key=lambda t: (_ROLE_ORDER.index(t.dep), t.i)):
        if noun.i in ids or (noun.dep == "obl" and sent.cases(noun) & _NOT_GOALS):
            continue
        if noun.dep == "csubj":
            # 亡くなっているのが発見された: the clause found out is what happened
            inner = triggers.type_of(noun.lemma)
            if inner is not None and not triggers.is_light(noun.lemma) and sent.ok(noun):
                return _Predicate(pred, noun.lemma, inner, (pred, noun))
            continue
        if noun.lemma in triggers.formal_nouns and noun.dep != "obl":
            # 創設することを決定: the clause the formal noun stands for says what happened
            for verb in sent.kids(noun, ("acl",)):
                inner = triggers.type_of(verb.lemma)
                if inner is not None and not triggers.is_light(verb.lemma) and sent.ok(verb):
                    return _Predicate(pred, verb.lemma, inner, (pred, verb))
        found = _trigger_in(noun, sent, triggers, depth=3 if noun.dep == "obj" else 0)
        # a subject or oblique gives its meaning only to a predicate that has none of its
        # own (地震が発生した); 研究チームが発見した stays a discovery
        if found is not None and (noun.dep in ("obj", "compound") or own is None):
            return _Predicate(pred, _named(found[0], pred), found[1], (pred, found[2]))
    return _Predicate(pred, pred.lemma, own or "other", (pred,))


def _adjacent_noun(
    sent: _Sentence, span: tuple[int, int], triggers: TriggerLexicon
) -> Token | None:
    """A verbal noun written right after the date, which the date then dates whatever the
    parser says: 2月8日投開票, 11日発表した, 23日に招集の国会."""
    after = [t for t in sent.toks if t.start >= span[1]]
    if not after:
        return None
    first = after[0]
    if first.start == span[1] and _verbal_noun(first, sent, triggers):
        return first
    if (
        first.start == span[1]
        and first.text == "に"
        and len(after) >= 3
        and _verbal_noun(after[1], sent, triggers)
        and after[2].text == "の"
    ):
        return after[1]
    return None


def _verbal_noun(tok: Token, sent: _Sentence, triggers: TriggerLexicon) -> bool:
    return (
        tok.pos in ("NOUN", "VERB")
        and ("サ変可能" in tok.tag or triggers.type_of(tok.lemma) is not None)
        and sent.ok(tok)
    )


def _predicate_for(
    sent: _Sentence,
    span: tuple[int, int],
    triggers: TriggerLexicon,
    text: str,
    other_dates: list[tuple[int, int]],
) -> tuple[_Predicate, bool] | None:
    """The predicate a date dates, and whether the date hangs on it directly."""
    inside = [t for t in sent.toks if t.start < span[1] and t.end > span[0]]
    if not inside:
        return None
    ids = {t.i for t in inside}
    top = next((t for t in inside if t.head not in ids or t.head == t.i), inside[-1])
    adjacent = _adjacent_noun(sent, span, triggers)
    if adjacent is not None:
        return _meaning(adjacent, sent, ids, triggers), True
    if text[span[1] : span[1] + 1] == "付":
        # 4月1日付で…が社長に昇格する人事を決めた: an effective date dates the change
        # itself, the first verb of a type after it, whatever the parser hung it on
        for tok in sent.toks:
            if tok.start < span[1] or tok.pos != "VERB" or triggers.is_light(tok.lemma):
                continue
            if triggers.type_of(tok.lemma) is not None and sent.ok(tok):
                return _meaning(tok, sent, ids, triggers), True
    if _describes_a_thing(sent, top, triggers):
        return None  # 同年のノーベル賞を授与した: the date says which prize, not when
    # 出したのは1週間前だった: the date is the predicate of a cleft; its clausal subject
    # is the event, whatever the date itself hangs on
    cleft = [c for t in inside for c in sent.kids(t, ("csubj",)) if c.i not in ids]
    # otherwise climb from the date to the predicate it modifies; a trigger noun on the
    # way (2023年11月の解任) is the event itself
    pred = cleft[-1] if cleft else _climb(sent, top, ids, triggers)
    if pred is not None and not _eventive(pred, sent, triggers):
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
    if _credit(text, span):
        return None  # (2012年4月27日、読売新聞): when the article was written
    direct = top.head == pred.i
    found = _meaning(pred, sent, ids, triggers)
    # 拠点を移し、…に参加した: a date on the first of joined clauses dates the main one
    # too, unless that one has a date of its own or the link is が, たら, ので ...
    hops = 0
    while found.type == "other" and pred.dep in ("advcl", "conj") and hops < 3:
        up = sent.head(pred)
        marks = {c.text for c in sent.kids(pred, ("mark", "case"))}
        if up is None or not _is_predicate(up) or marks - {"て", "で", "し"}:
            break
        if not marks and not _continues(pred, sent):
            break  # 任期満了を迎える宮下氏: a verb that modifies a noun ends its clause
        if any(pred.end <= a and b <= up.end for a, b in other_dates):
            break
        pred, hops = up, hops + 1
        found = _meaning(pred, sent, ids, triggers)
    if not _eventive(found.token, sent, triggers):
        return None  # an adjective, a copula, a fragment of a name or a date
    return found, direct


def _credit(text: str, span: tuple[int, int]) -> bool:
    """Is the date inside brackets that hold more than it, like a source's credit line
    (2012年4月27日、読売新聞)? A bracket holding only a date (1995年) dates what it follows."""
    open_at = max(text.rfind("(", 0, span[0]), text.rfind("（", 0, span[0]))
    if open_at < 0 or "\n" in text[open_at : span[0]]:
        return False
    close = [i for i in (text.find(")", span[1]), text.find("）", span[1])) if i >= 0]
    if not close or "\n" in text[span[1] : min(close)]:
        return False
    if max(text.rfind(")", 0, span[0]), text.rfind("）", 0, span[0])) > open_at:
        return False
    inside = text[open_at + 1 : span[0]] + text[span[1] : min(close)]
    return bool(inside.strip(" 、,・　"))


def _continues(pred: Token, sent: _Sentence) -> bool:
    """Does the clause of ``pred`` go on into the next one (連用形: 移し、…; 統合し …)?"""
    last = max([pred, *sent.kids(pred, ("aux",))], key=lambda t: t.i)
    nxt = sent.by_i.get(last.i + 1)
    return nxt is not None and nxt.text in ("、", ",", "て", "で", "し")


def _describes_a_thing(sent: _Sentence, top: Token, triggers: TriggerLexicon) -> bool:
    """Is the date inside a noun phrase that is the subject or object of its verb, with
    no event word on the way (来年度の予算案など97議案を可決: 来年度 says which budget)?"""
    head = sent.head(top)
    after = [t for t in sent.toks if top.end <= t.start and (head is None or t.end <= head.start)]
    if (
        after
        and after[0].text == "の"
        and any(t.pos == "ADP" and t.text in _ARGUMENT_CASES for t in after[1:])
    ):
        return True  # 来年度の予算案が可決された: the date's の-phrase ends before the verb
    cur, hops = top, 0
    while cur.dep in ("nmod", "compound", "conj", "appos") and hops < 6:
        up = sent.head(cur)
        if up is None or up.pos not in ("NOUN", "PROPN", "NUM", "PRON"):
            return False
        if _eventive(up, sent, triggers):
            # 予算案や条例案など…可決: a listed noun is the event's argument, whatever
            # the parser's label
            return cur is not top and bool(sent.cases(cur) & {"や", "など", "とか"})
        cur, hops = up, hops + 1
    if cur is top:
        return False
    # 2016年の朴槿恵氏以来: a date on a name says which one, not when something happened
    return cur.dep in ("obj", "nsubj") or any(
        (sent.names is not None and sent.names.covers(t)) or "人名" in t.tag
        for t in [cur, *sent.kids(cur, ("compound",))]
    )


def _eventive(tok: Token, sent: _Sentence, triggers: TriggerLexicon) -> bool:
    """Can this token be an event's predicate: a verb or verbal noun of two characters or
    more outside names and dates, or a noun that carries a trigger of that kind (解任劇:
    劇 with 解任 compounded into it)?"""
    if sent.blocked is not None and sent.blocked.covers(tok):
        return False
    if _is_predicate(tok):
        return True
    found = _trigger_in(tok, sent, triggers)
    return found is not None and sent.ok(found[2])


def _climb(sent: _Sentence, start: Token, ids: set[int], triggers: TriggerLexicon) -> Token | None:
    cur: Token | None = start
    seen = set(ids) | {start.i}
    while cur is not None:
        nxt = sent.head(cur)
        if nxt is None or nxt.i in seen:
            return None
        seen.add(nxt.i)
        cur = nxt
        if _eventive(cur, sent, triggers):
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
    later = [
        t
        for t in sent.toks
        if t.dep == "ROOT"
        and t.i not in ids
        and t.start >= top.end
        and _eventive(t, sent, triggers)
    ]
    return later[0] if later else None


def find_events(
    doc_id: str,
    parsed: Parsed,
    dates: list[DateRecord],
    mentions: list[Candidate],
    triggers: TriggerLexicon,
) -> list[Event]:
    index = _MentionIndex(mentions)
    # names (an EVENT mention such as 日米首脳会談 holds its trigger) and dates
    names = [(m.start, m.end) for m in mentions if m.type in _NAME_TYPES]
    blocked = _Blocked(names + [(d.start, d.end) for d in dates])
    named = _Blocked(names)
    by_start = sorted(dates, key=lambda o: o.start)
    date_starts = [o.start for o in by_start]
    # every date's predicate; a predicate with several dates takes the one that hangs on
    # it directly (19日の会見で…2月8日の選挙を発表: 発表 is dated 19日), else the first
    found: dict[int, tuple[int, DateRecord, _Predicate, _Sentence, tuple[int, int]]] = {}
    for n, d in enumerate(dates):
        span = _sentences_of(parsed, d.start, d.end)
        if span is None:
            continue
        sent = _Sentence(parsed.tokens_between(span[0], span[1]), blocked, named)
        lo, hi = bisect.bisect_left(date_starts, span[0]), bisect.bisect_left(date_starts, span[1])
        others = [(o.start, o.end) for o in by_start[lo:hi] if o is not d]
        res = _predicate_for(sent, (d.start, d.end), triggers, parsed.text, others)
        if res is None:
            continue
        pred, direct = res
        rank = n - (len(dates) if direct else 0)
        key = pred.token.i
        if key not in found or rank < found[key][0]:
            found[key] = (rank, d, pred, sent, span)
    for rank, d, pred, sent, span in list(found.values()):
        # the dates of the sentence alone (one before it too, in case it runs into it)
        lo = max(bisect.bisect_left(date_starts, span[0]) - 1, 0)
        near = by_start[lo : bisect.bisect_left(date_starts, span[1])]
        for later in _joined(pred.token, sent, triggers, found, near, d.start):
            found[later.token.i] = (len(dates) + rank, d, later, sent, span)
    events: list[tuple[Event, bool]] = []
    for rank, d, pred, sent, span in sorted(found.values(), key=lambda v: v[1].start):
        pred, sent = _held_for(pred, sent, triggers, parsed) or (pred, sent)
        parts = _participants(pred, sent, index, parsed.text, parsed)
        people, orgs = _people_orgs(parts)
        if pred.type == "other" and not (people or orgs):
            continue  # a date on a word like こと or ある, with nobody taking part
        if pred.type == "other" and (
            pred.trigger in triggers.states or triggers.is_light(pred.trigger)
        ):
            continue  # 2015年、サムには新しい友人がいた: a state, not an event
        if pred.type == "other" and _quoted(parsed.text, pred.token.start):
            continue  # 「24年秋ごろに金利が上り…」: what a speaker expects, not an event
        text = parsed.text[span[0] : span[1]]
        events.append((_event(doc_id, d, False, pred, text, parts, parsed.text), rank < 0))
    taken = {pred.token.i for _, _, pred, _, _ in found.values()}
    narrative = _narrative_events(doc_id, parsed, dates, index, triggers, taken, blocked)
    return _merge(events + [(e, False) for e in narrative])


def _joined(
    tok: Token,
    sent: _Sentence,
    triggers: TriggerLexicon,
    found: Mapping[int, object],
    dates: list[DateRecord],
    date_at: int,
) -> list[_Predicate]:
    """The events of the clauses a dated clause is joined to by て/し (経営統合して同社が
    発足した, 初日を迎え、口上が行われた): what happened next, at the same date, when those
    clauses have no date of their own and say what happened (not ``other``)."""
    out: list[_Predicate] = []
    # 2015年、AとBが経営統合して新会社が発足した: the clause before, joined by て, too
    for child in sent.kids(tok, ("advcl",)):
        marks = {c.text for c in sent.kids(child, ("mark",))}
        if marks - {"て", "で"} or child.i in found or not (marks or _continues(child, sent)):
            continue  # joined by て, or by the continuative form (初日を迎え、…)
        if any(child.start <= d.start < child.end for d in dates) or not _eventive(
            child, sent, triggers
        ):
            continue
        first = sent.subtree(child)[0]
        own = [
            t for t in sent.kids(child) if any(d.start <= t.start < d.end for d in dates)
        ]  # a date that hangs on that clause itself (not one inside a title: 「九月大歌舞伎」)
        if date_at > first or own:
            continue  # the date comes after that clause, or the clause has its own
        meaning = _meaning(child, sent, set(), triggers)
        if meaning.type != "other":
            out.append(meaning)
    for _ in range(2):
        marks = {c.text for c in sent.kids(tok, ("mark", "case"))}
        up = sent.head(tok)
        if tok.dep not in ("advcl", "conj") or up is None or marks - {"て", "で", "し"}:
            break
        if up.i in found or not _eventive(up, sent, triggers):
            break
        if any(tok.end <= d.start and d.end <= up.end for d in dates):
            break
        meaning = _meaning(up, sent, set(), triggers)
        if meaning.type == "other":
            break
        out.append(meaning)
        tok = up
    return out


def _people_orgs(parts: list[Candidate]) -> tuple[list[str], list[str]]:
    people = _unique(m.entity for m in parts if m.type == "PERSON" and _named_entity(m))
    orgs = _unique(m.entity for m in parts if m.type == "ORG" and _named_entity(m))
    return people, orgs


_READING = re.compile(r"[=＝()（）]|^[\u3041-\u309f・ー]+$")


def _named_entity(m: Candidate) -> bool:
    """A linked name, not a reading or a piece of one (基弘(もとひろ), かずお=…)."""
    return bool(m.entity) and not _READING.search(m.text)


def _participants(
    pred: _Predicate,
    sent: _Sentence,
    index: _MentionIndex,
    text: str,
    parsed: Parsed | None = None,
) -> list[Candidate]:
    """The mentions among the predicate's arguments: its subject, object and case-marked
    obliques, those of the trigger noun that gives it its meaning, the noun a relative
    clause modifies, the subject of the clause it is joined to. When none of them is a
    linked person or organization, the mentions of the predicate's clause."""
    args: list[Token] = []
    for h in pred.heads:
        # its dependents by role, and any dependent a case particle marks (the parser
        # sometimes labels ニック・シヴォと an adverb)
        args += [
            c
            for c in sent.kids(h)
            if c.dep in _ARG_DEPS or any(k.pos == "ADP" for k in sent.kids(c, ("case",)))
        ]
        if h.dep == "acl" and (noun := sent.head(h)) is not None:
            args.append(noun)  # 設立した会社: the company is the founding's object
        up, hops = h, 0
        while not sent.kids(up, _SUBJ_DEPS) and up.dep in ("advcl", "conj") and hops < 3:
            nxt = sent.head(up)
            if nxt is None:
                break
            up, hops = nxt, hops + 1
            args += sent.kids(up, _SUBJ_DEPS)  # Xは…を発表し、…を始めた: X does both
    heads = {h.i for h in pred.heads}
    lo = min((t.start for t in sent.toks), default=0)
    hi = max((t.end for t in sent.toks), default=0)
    near = index.within(lo, hi)

    def among(roots: list[Token]) -> list[Candidate]:
        tokens = [t for a in roots if a.i not in heads for t in sent.phrase(a)]
        found = _overlapping(near, tokens)
        if parsed is not None:  # 同社が発足: the company the text is about
            for t in tokens:
                if _ANAPHOR.match(t.text):
                    found += _antecedent(parsed, sent, index, t)
        return found

    parts = among(args)
    unstated = parsed is not None and not any(sent.kids(h, _SUBJ_DEPS) for h in pred.heads)
    if _linked(parts):
        if unstated and pred.token.dep == "ROOT" and parsed is not None:
            # 1950年に北東新聞に入社。: who joined is the subject left out
            parts += _zero_subject(pred, parsed, sent, index)
        return parts
    # the topic or subject of a clause above it (ダリオ氏は…エッセーを公開し、…): the parser
    # does not always join the two
    topics: list[Token] = []
    above: Token | None = pred.token
    for _ in range(4):
        above = sent.head(above) if above is not None else None
        if above is None:
            break
        topics += sent.kids(above, _SUBJ_DEPS) + ([above] if above.dep in _SUBJ_DEPS else [])
    # and the topic (〜は) the sentence opens with, outside quotations: it scopes over
    # the sentence whatever the parser attached it to
    topics += [
        t
        for t in sent.toks
        if t.start < pred.token.start
        and t.dep in _SUBJ_DEPS
        and "は" in sent.cases(t)
        and not _quoted(text, t.start)
    ][:1]
    parts = among(topics)
    if _linked(parts):
        return parts
    if parsed is not None and not any(sent.kids(h, ("nsubj",)) for h in pred.heads):
        parts = _zero_subject(pred, parsed, sent, index)
        if parts:
            return parts
    return index.within(*sent.subtree(pred.token))


# nouns that point back at the organization or person the text is about: 同社, 同大, 同氏
_ANAPHOR = re.compile(
    r"^同(社|行|グループ|大|大学|党|校|院|庁|省|局|市|町|村|団体|法人|チーム|球団|クラブ|氏)$"
)


def _antecedent(
    parsed: Parsed, sent: _Sentence, index: _MentionIndex, tok: Token
) -> list[Candidate]:
    """What 同社 (同氏, 同大 ...) stands for: the linked organization (person for 氏) that
    is the topic (〜は) of the nearest sentence before it that has one, a few sentences
    back at most."""
    want = "PERSON" if tok.text.endswith("氏") else "ORG"
    pos = tok.start
    for _ in range(8):
        span = parsed.sentence_at(pos - 1) if pos > 0 else None
        if span is None:
            return []
        if pos != tok.start or span[1] <= tok.start:
            before = _Sentence(parsed.tokens_between(*span), sent.blocked)
            near = index.within(*span)
            for t in before.toks:
                if t.end > tok.start:
                    break
                if t.dep in _SUBJ_DEPS and "は" in before.cases(t):
                    named = [
                        m
                        for m in _overlapping(near, before.phrase(t))
                        if m.type == want and _named_entity(m)
                    ]
                    if named:
                        return named[:1]
        pos = span[0]
    return []


def _zero_subject(
    pred: _Predicate, parsed: Parsed, sent: _Sentence, index: _MentionIndex
) -> list[Candidate]:
    """No subject stated (…にデビューし、同年に…賞を受賞。): the topic of the sentences
    before it in the same paragraph, the subject Japanese leaves out; for a typed event,
    else the person a profile's heading names."""
    parts = _previous_topic(parsed, sent, index)
    if not parts and pred.type != "other":
        parts = _heading_person(parsed, sent, index)
    return parts


def _heading_person(parsed: Parsed, sent: _Sentence, index: _MentionIndex) -> list[Candidate]:
    """The person a profile or obituary is about, named alone on a short line above the
    paragraph (小森 和夫氏(…)): the subject its sentences leave out."""
    start = sent.toks[0].start if sent.toks else 0
    end = _line_start(parsed.text, start) - 1
    for _ in range(3):
        if end < 0:
            return []
        begin = _line_start(parsed.text, end)
        line = parsed.text[begin:end].strip()
        if line:
            if len(line) > 60 or line.endswith("。"):
                end = begin - 1  # a paragraph of the same profile: look further up
                continue
            people = [m for m in index.within(begin, end) if m.type == "PERSON"]
            named = [m for m in people if _named_entity(m)]
            return named if len(named) == 1 and len(people) == 1 else []
        end = begin - 1
    return []


def _previous_topic(parsed: Parsed, sent: _Sentence, index: _MentionIndex) -> list[Candidate]:
    start = sent.toks[0].start if sent.toks else 0
    line_start = _line_start(parsed.text, start)
    pos = start
    for _ in range(4):
        prev = parsed.sentence_at(pos - 1) if pos > line_start else None
        if prev is None or prev[0] < line_start:
            return []
        before = _Sentence(parsed.tokens_between(*prev), sent.blocked)
        near = index.within(*prev)
        for t in before.toks:
            if t.dep not in _SUBJ_DEPS or "は" not in before.cases(t):
                continue
            if _quoted(parsed.text, t.start):
                continue
            parts = _overlapping(near, before.phrase(t))
            if _linked(parts):
                return parts
        pos = prev[0]
    return []


def _overlapping(mentions: list[Candidate], tokens: list[Token]) -> list[Candidate]:
    return [m for m in mentions if any(m.start < t.end and t.start < m.end for t in tokens)]


def _linked(parts: list[Candidate]) -> bool:
    return any(_named_entity(m) and m.type in ("PERSON", "ORG") for m in parts)


def _held_for(
    pred: _Predicate, sent: _Sentence, triggers: TriggerLexicon, parsed: Parsed
) -> tuple[_Predicate, _Sentence] | None:
    """A meeting held to announce something or to state a position is that announcement
    or statement: 会見を開き…を発表した, 19日の会見で…と述べた, 「…会見。…を発表した。」."""
    if pred.type != "meeting" or not triggers.held_for:
        return None
    tok = pred.token
    up = sent.head(tok)
    if tok.dep == "acl" and up is not None and up.dep in ("obl", "nmod"):
        up = sent.head(up)  # 2日に開催された会見で…と述べた
    elif tok.dep not in ("advcl", "conj", "obl", "nmod"):
        up = None
    first = up
    for _ in range(3):  # 会見で「…を痛感している」と述べた: up to the verb of saying
        if up is None:
            break
        if _eventive(up, sent, triggers) and not _quoted(parsed.text, up.start):
            held = _meaning(up, sent, set(), triggers)
            if held.type in triggers.held_for:
                return (
                    _Predicate(held.token, held.trigger, held.type, pred.heads + held.heads),
                    sent,
                )
        up = sent.head(up) if up.dep in ("ccomp", "advcl", "conj") else None
    if tok.dep != "ROOT" and first is not None and _quoted(parsed.text, first.start):
        # 会見で、光吉専務は「…受け継ぐ。…」と決意表明した: the parser hung the meeting
        # on a verb of the quotation; the verb that closes it is the one of the sentence
        line_end = min(_line_end(parsed.text, tok.end), tok.end + _REACH)
        wide = _Sentence(parsed.tokens_between(sent.toks[0].start, line_end), sent.blocked)
        for root in wide.toks:
            if root.start > tok.end and root.dep == "ROOT" and not _quoted(parsed.text, root.start):
                held = _meaning(root, wide, set(), triggers)
                if held.type in triggers.held_for:
                    return (
                        _Predicate(held.token, held.trigger, held.type, pred.heads + held.heads),
                        wide,
                    )
                break
        return None
    if tok.dep != "ROOT":
        return None
    # the sentence is the meeting itself (…が19日、会見。): the next one of the line says
    # what it was held for
    own = parsed.sentence_at(tok.start)
    nxt = parsed.next_sentence(own[1]) if own is not None else None
    if nxt is None or "\n" in parsed.text[own[1] if own else 0 : nxt[0]]:
        return None
    following = _Sentence(parsed.tokens_between(*nxt), sent.blocked)
    for root in (t for t in following.toks if t.dep == "ROOT"):
        held = _meaning(root, following, set(), triggers)
        if held.type in triggers.held_for and not following.kids(root, _SUBJ_DEPS):
            return _Predicate(tok, held.trigger, held.type, pred.heads), sent
    return None


def _merge(events: list[tuple[Event, bool]]) -> list[Event]:
    """One event per happening: events of the same type and trigger whose participants
    are the same (or those of one are among the other's) are one when they share the
    date, or when only one of them has its date hanging on its trigger (the others then
    merely mention a date: 会見で23日の国会に触れた); two predicates of one type, date and
    participants in one sentence are one too (決定戦を制し、初優勝を飾った). The event kept
    is the one stated with a date (not inferred), with the most participants, the first."""
    kept: list[tuple[Event, bool]] = []
    for ev, direct in events:
        who = set(ev.people) | set(ev.organizations)
        for k, (other, odirect) in enumerate(kept):
            if other.type != ev.type:
                continue
            owho = set(other.people) | set(other.organizations)
            if not (who <= owho or owho <= who):
                continue
            same_day = other.date == ev.date
            if ev.trigger != other.trigger and not (same_day and ev.text == other.text):
                continue  # two triggers are one happening only in one sentence
            mentioned = bool(who) and who == owho and direct != odirect
            if not (same_day or mentioned):
                continue
            if mentioned and direct or same_day and _better(ev, other):
                kept[k] = (ev, direct)
            break
        else:
            kept.append((ev, direct))
    order = {id(e): n for n, (e, _) in enumerate(events)}
    return [e for e, _ in sorted(kept, key=lambda x: order[id(x[0])])]


def _better(a: Event, b: Event) -> bool:
    """Is ``a`` the better record of one happening than ``b``?"""
    return (not a.date_inferred, len(a.people) + len(a.organizations)) > (
        not b.date_inferred,
        len(b.people) + len(b.organizations),
    )


def _narrative_events(
    doc_id: str,
    parsed: Parsed,
    dates: list[DateRecord],
    index: _MentionIndex,
    triggers: TriggerLexicon,
    taken: set[int],
    blocked: _Blocked | None = None,
) -> list[Event]:
    """Events of sentences that state no date: a main-clause predicate of a strong type
    (founding, dismissal, ...), with a person or organization among its arguments, takes
    the date last stated before it in the same section, within a few sentences — the
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
        sent = _Sentence(parsed.tokens_between(*sent_span), blocked)
        for tok in sent.toks:
            if tok.i in taken or not _main_clause(tok, sent) or not sent.ok(tok):
                continue
            found = _meaning(tok, sent, set(), triggers)
            if found.type not in triggers.narrative_types:
                continue
            parts = _participants(found, sent, index, parsed.text)
            people, orgs = _people_orgs(parts)
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
    if tok.dep == "ROOT" and "サ変可能" in tok.tag and not sent.kids(tok, ("aux", "cop")):
        return True  # 73年に退職し、…を創業。: a sentence ending on its verbal noun
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
    line_end = min(_line_end(parsed.text, start), end + _REACH)
    date_only = not parsed.text[s:e].replace(parsed.text[start:end], "").strip(" 、,。")
    # a sentence the parser ended without punctuation, inside a line, goes on in the next
    # one: 「9月1日(木)、新橋演舞場」|「…が初日を迎え、…が行われました。」
    while e < line_end and (e < end or date_only or not _closed(parsed.text[s:e])):
        nxt = parsed.next_sentence(e)
        if nxt is None or nxt[0] >= line_end:
            break
        e, date_only = nxt[1], False
    return s, e


# how far past a date or a verb the sentences of its line are read (a paragraph's worth):
# a line of unpunctuated text, however long, costs no more than this per date
_REACH = 1000


@lru_cache(maxsize=4)
def _newlines(text: str) -> list[int]:
    return [m.start() for m in re.finditer("\n", text)]


def _line_start(text: str, pos: int) -> int:
    """Where the line holding ``pos`` starts (after the last newline before ``pos``)."""
    nl = _newlines(text)
    i = bisect.bisect_left(nl, pos)
    return nl[i - 1] + 1 if i else 0


def _line_end(text: str, pos: int) -> int:
    """The first newline at or after ``pos`` (the text's end when there is none)."""
    nl = _newlines(text)
    i = bisect.bisect_left(nl, pos)
    return nl[i] if i < len(nl) else len(text)


def _closed(sentence: str) -> bool:
    return sentence.rstrip().endswith(("。", "!", "?", "！", "？", "」", "』", ")", "）"))


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
        people=_people_orgs(parts)[0],
        organizations=_people_orgs(parts)[1],
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
