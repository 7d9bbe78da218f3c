"""Parsed text → typed entity mentions, with their evidence.

Combines the spans of our NER (data/ner) with rules that are about language, not about any
corpus: knowledge-base aliases, Sudachi's person-name tags, honorifics and titles around
names, "<kind of organization>の<Name>" context, and the grammar of organization names
(head words, legal forms, continuations, what never names one: lexicon.toml). Every
candidate is then checked against its shape (RETYPE_CHECKS) before it may be called a
person or an organization; find_mentions states the order of the stages. Finds and types
spans only: who a span refers to is decided by linking. Knows nothing of output.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..knowledge.aliases import compile_aliases
from ..knowledge.kb import (
    KB,
    Lexicon,
    fold,
    is_katakana_name,
    is_latin_name,
    name_parts,
)
from ..knowledge.names import FUZZY_THRESHOLD
from ..knowledge.shortnames import ShortNames, in_context
from .nlp import Parsed, Token

# which source wins where candidates overlap (then the longer span): the knowledge base,
# rules about the text, our NER (data/ner), Sudachi's tags and name parts
PRIORITY = {"kb": 4, "rule": 3, "ner": 2, "tag": 1, "part": 1}
_KATA = "ァ-ヺー"
_LATIN_WORD = re.compile(r"[A-Za-z0-9]")
_DOTTED_KATAKANA = re.compile(rf"[{_KATA}]{{2,}}(?:[・＝=][{_KATA}]{{2,}})+")
_LATIN_FULL_NAME = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}(?![A-Za-z])")
_SPACE = " \t\u3000"
_SPACE_RE = re.compile(r"[ \t\u3000]")
_DOTS = ("・", "＝", "=")


@dataclass
class Candidate:
    start: int
    end: int
    text: str
    type: str
    source: str
    # evidence, from mention-finding: the knowledge-base entity whose alias the span is
    # (or whose spelling it is close to, with found_by "kb_fuzzy" and its score)
    kb_name: str | None = None
    roles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    # a person's name split into family and given names where the text or Sudachi's
    # tags tell them apart (サム・アルトマン, 高橋|美咲); one part when they do not
    parts: list[str] = field(default_factory=list)
    # how the span was found (kb_alias, kb_fuzzy, ner, rule, short_name), the similarity
    # of a fuzzy match, the NER's own label for exactly this span
    found_by: str | None = None
    score: float = 1.0
    ner_label: str | None = None
    # identity, set by linking alone (pipeline/linking.py): the canonical name, and how it
    # was decided (records.Mention's entity and method)
    entity: str | None = None
    method: str | None = None

    @property
    def key(self) -> tuple[int, int]:
        return (PRIORITY[self.source], self.end - self.start)


# --- patterns compiled once per knowledge base / lexicon -----------------------------


@lru_cache(maxsize=4)
def _kb_regex(kb: KB) -> re.Pattern[str] | None:
    return compile_aliases(a for a, _ in kb.iter_aliases() if len(fold(a)) >= 2)


@lru_cache(maxsize=2)
def _title_regex(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    titles = "|".join(re.escape(t) for t in sorted(lex.titles, key=len, reverse=True))
    prefixes = "|".join(re.escape(p) for p in lex.title_prefixes)
    honor = "|".join(re.escape(h) for h in sorted(lex.honorifics, key=len, reverse=True))
    role = rf"(?:(?:{prefixes})?(?:{titles})|{honor})"
    # a title may be the end of a compound (商務長官, 経済再生担当相)
    after = re.compile(rf"[{_SPACE}]*((?:[\u4e00-\u9fff]{{1,4}}?)?{role})")
    before = re.compile(rf"((?:{prefixes})?(?:{titles}))[{_SPACE}]*(?:の|、)?[{_SPACE}]*$")
    return after, before


@lru_cache(maxsize=2)
def _org_context_regex(lex: Lexicon) -> re.Pattern[str]:
    nouns = "|".join(
        re.escape(n) for n in sorted(lex.context.org_class_nouns, key=len, reverse=True)
    )
    return re.compile(rf"(?:{nouns})[{_SPACE}]*の[{_SPACE}]*$")


# --- candidate sources ------------------------------------------------------------------


_KATAKANA_WORD = re.compile(r"(?<![ァ-ヺー・])[ァ-ヺー]{5,}(?:[・＝][ァ-ヺー]{2,})*(?![ァ-ヺー])")


def _fuzzy_kb_candidates(text: str, kb: KB) -> list[Candidate]:
    """Katakana names the KB knows under another spelling: a dotted full name similar to
    a KB person's (イリヤ・スーツケバー), a long word similar to a KB organization's
    (アンスロピック). Whatever the NER thought of them."""
    out: list[Candidate] = []
    for m in _DOTTED_KATAKANA.finditer(text):
        entry = kb.fuzzy_person(m.group(), FUZZY_THRESHOLD)
        if entry is not None:
            c = Candidate(m.start(), m.end(), m.group(), "PERSON", "kb", entry.name)
            c.found_by, c.score = "kb_fuzzy", kb.similarity_to(m.group(), entry)
            out.append(c)
    for m in _KATAKANA_WORD.finditer(text):
        if "・" not in m.group() and "＝" not in m.group() and kb.lookup(m.group()) is None:
            entry = kb.fuzzy_org(m.group())
            if entry is not None:
                c = Candidate(m.start(), m.end(), m.group(), "ORG", "kb", entry.name)
                c.found_by, c.score = "kb_fuzzy", kb.similarity_to(m.group(), entry)
                out.append(c)
    return out


_KANJI_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々\U00020000-\U0003134F]")


def _inside_kanji_word(text: str, start: int, end: int) -> bool:
    """A kanji alias of one or two characters with kanji right before or after it."""
    if end - start > 2 or not all(_KANJI_CHAR.match(ch) for ch in text[start:end]):
        return False
    before = start > 0 and _KANJI_CHAR.match(text[start - 1]) is not None
    after = end < len(text) and _KANJI_CHAR.match(text[end]) is not None
    return before or after


def _kb_candidates(text: str, kb: KB) -> list[Candidate]:
    regex = _kb_regex(kb)
    out: list[Candidate] = []
    if regex is None:
        return out
    for m in regex.finditer(text):
        entry = kb.lookup(m.group())
        if entry is not None and _inside_kanji_word(text, m.start(), m.end()):
            continue  # 東大 in 関東大震災 or 東大阪: a short kanji alias inside a longer word
        if entry is not None:
            # terms are matched only so that the NER's guesses about them are overruled;
            # they never block a longer name that contains them (ミナトAIラボ)
            source = "tag" if entry.type == "TERM" else "kb"
            out.append(Candidate(m.start(), m.end(), m.group(), entry.type, source, entry.name))
    return out


@lru_cache(maxsize=2)
def _role_words(lex: Lexicon) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Titles and honorifics, then title prefixes, longest first."""
    return (
        tuple(sorted([*lex.titles, *lex.honorifics], key=len, reverse=True)),
        tuple(sorted(lex.title_prefixes, key=len, reverse=True)),
    )


def _trim_title(text: str, lex: Lexicon) -> tuple[int, int]:
    """Offsets (relative) of the name inside a span like 'サティア・ナデラCEO' or 'CEOのサム'."""
    words, prefixes = _role_words(lex)
    start, end = 0, len(text)
    changed = True
    while changed:
        changed = False
        core = text[start:end]
        for word in words:
            if core.endswith(word) and len(core) > len(word):
                end -= len(word)
                changed = True
                # シニアアナリスト: the prefix of a stripped title goes with it
                for prefix in prefixes:
                    if text[start:end].endswith(prefix) and end - start >= len(prefix):
                        end -= len(prefix)
                        break
                break
            if core.startswith(word) and len(core) > len(word):
                start += len(word)
                changed = True
                break
        core = text[start:end]
        stripped = core.strip(_SPACE + "の・")
        if stripped != core:
            start += len(core) - len(core.lstrip(_SPACE + "の・"))
            end = start + len(stripped)
            changed = changed or bool(stripped)
    return start, end


_EDGE = "()（）「」『』【】［］[]、。，,・:：;；!！?？ 　\t"


def _ner_candidates(parsed: Parsed, lex: Lexicon) -> list[Candidate]:
    """Our NER's spans (data/ner), typed by lexicon.toml's [labels], without the brackets
    and punctuation the model sometimes takes along, and one per item of a list."""
    out: list[Candidate] = []
    for start, end, label in parsed.ents:
        coarse = lex.labels.get(label)
        if coarse is None:
            continue
        # 尹錫悦(ユン・ソンニョル: a name and its reading are two spans of one label;
        # "Patreon、Stripe": one mention per item
        pos = start
        for piece in _BRACKETS.split(parsed.text[start:end]):
            core = piece.strip(_EDGE)
            if core:
                s = pos + len(piece) - len(piece.lstrip(_EDGE))
                out.append(Candidate(s, s + len(core), core, coarse, "ner"))
            pos += len(piece)
    return out


_BRACKETS = re.compile(r"([()（）「」『』【】：:、，]|, )")
_NUMBER = re.compile(r"[0-9０-９]+")
_LATIN_WORD_ONLY = re.compile(r"[A-Za-z][A-Za-z0-9&.\-]*")


def _is_name_tag(tok: Token) -> bool:
    return "人名" in tok.tag


def _tag_candidates(parsed: Parsed) -> list[Candidate]:
    """Runs of tokens Sudachi tags as personal names, joined by middle dots."""
    out: list[Candidate] = []
    toks = parsed.tokens
    i = 0
    while i < len(toks):
        if not _is_name_tag(toks[i]):
            i += 1
            continue
        j = i
        while (
            j + 2 < len(toks)
            and toks[j + 1].text in ("・", "＝", "=")
            and _is_name_tag(toks[j + 2])
        ):
            j += 2
        while j + 1 < len(toks) and _is_name_tag(toks[j + 1]) and toks[j + 1].start == toks[j].end:
            j += 1
        s, e = toks[i].start, toks[j].end
        out.append(Candidate(s, e, parsed.text[s:e], "PERSON", "tag"))
        i = j + 1
    return out


def _rule_candidates(text: str, lex: Lexicon) -> list[Candidate]:
    """Katakana or Latin full names next to an honorific or a title are people."""
    after, before = _title_regex(lex)
    out: list[Candidate] = []
    for regex in (_DOTTED_KATAKANA, _LATIN_FULL_NAME):
        for m in regex.finditer(text):
            s, e = m.span()
            if after.match(text, e) or before.search(text, max(0, s - 30), s):
                out.append(Candidate(s, e, m.group(), "PERSON", "rule"))
    return out


def _resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Keep the best candidate (source priority, then length) wherever spans overlap."""
    if not cands:
        return []
    taken = bytearray(max(c.end for c in cands))
    chosen: list[Candidate] = []
    for cand in sorted(cands, key=lambda c: (c.key, -c.start), reverse=True):
        if not any(taken[cand.start : cand.end]):
            taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


# --- shape checks -------------------------------------------------------------------------


def _tokens_in(parsed: Parsed, start: int, end: int) -> list[Token]:
    return parsed.tokens_between(start, end)


def _has_role_next_to(text: str, start: int, end: int, lex: Lexicon) -> bool:
    after, before = _title_regex(lex)
    return bool(
        after.match(text, _past_reading(text, end))
        or before.search(text, max(0, start - 30), start)
    )


_READING_AFTER = re.compile(r"[(（][^()（）\n]{1,20}[)）]")


def _past_reading(text: str, end: int) -> int:
    """Where the text goes on after a name and its reading in brackets (鶴丸哲哉(つるまる・
    てつや)氏): the honorific or title may follow the bracket."""
    m = _READING_AFTER.match(text, end)
    return m.end() if m and _KANA_READING.fullmatch(m.group()[1:-1]) else end


def _all_name_tagged(toks: list[Token]) -> bool:
    words = [t for t in toks if t.text not in _DOTS]
    return bool(words) and all(_is_name_tag(t) for t in words)


def person_shaped(cand: Candidate, parsed: Parsed, lex: Lexicon, ner_person: bool) -> bool:
    """Could this span be a person's name? Rejects words, numbers, months, lone letters.

    ``ner_person``: the NER called (part of) this span a person.
    """
    text = cand.text.strip()
    if not text or any(ch.isdigit() for ch in text) or len(text) < 2:
        return False
    toks = [t for t in _tokens_in(parsed, cand.start, cand.end) if t.text not in _DOTS]
    role = _has_role_next_to(parsed.text, cand.start, cand.end, lex)
    parts = name_parts(text)
    if is_latin_name(text):
        if parts[-1] in lex.context.org_suffixes:
            return False
        # Several capitalized words, or one with an honorific/title next to it.
        return (len(parts) >= 2 and ner_person) or role
    if is_katakana_name(text) and len(parts) >= 2:
        # Dotted katakana is a name unless every part is an ordinary word
        # (チェーン・オブ・ソート, メンター・プロテジェ).
        if role or any(_is_name_tag(t) for t in toks):
            return True
        return ner_person and not all("普通名詞" in t.tag for t in toks)
    if _all_name_tagged(toks):
        # Sudachi's name tags alone are weak on one word (見方 is also a surname).
        return role or ner_person or len(toks) >= 2
    proper = bool(toks) and all("固有名詞" in t.tag and "地名" not in t.tag for t in toks)
    # テルフォード, ムルダニ: a katakana word the NER calls a person, unless Sudachi knows
    # it as a place or a verbal noun (コメント)
    foreign = (
        is_katakana_name(text)
        and len(text) >= 3
        and not any("地名" in t.tag or "サ変" in t.tag for t in toks)
    )
    if ner_person and (proper or (foreign and cand.source == "ner")):
        # 康治氏, 豊昇龍: a proper noun an NER calls a person (Sudachi knows no such name)
        return True
    return role and (is_katakana_name(text) or any(_is_name_tag(t) for t in toks))


def _has_org_word(cand: Candidate, toks: list[Token], lex: Lexicon) -> bool:
    """Does an unknown ORG span look like a name (proper noun, Latin capital, org suffix)?"""
    text = cand.text
    return (
        any("固有名詞" in t.tag for t in toks)
        or any("A" <= ch <= "Z" for ch in text)
        or any(text.endswith(sfx) for sfx in lex.context.org_suffixes)
        or any(text.endswith(head) for head in lex.context.org_heads)
    )


def _latin_line(text: str, pos: int) -> bool:
    """Is the line holding ``pos`` mostly Latin letters (an English headline or label)?
    A Japanese NER is unreliable there: only the knowledge base is trusted."""
    starts, latin = _line_scripts(text)
    return latin[bisect.bisect_right(starts, pos) - 1]


@lru_cache(maxsize=4)
def _line_scripts(text: str) -> tuple[list[int], list[bool]]:
    """Line starts and, per line, whether >= 70% of its letters are ASCII (one pass)."""
    starts, latin = [], []
    pos = 0
    for line in text.split("\n"):
        letters = sum(ch.isalpha() for ch in line)
        ascii_letters = sum(ch.isascii() and ch.isalpha() for ch in line) if letters else 0
        starts.append(pos)
        latin.append(bool(letters) and ascii_letters >= 0.7 * letters)
        pos += len(line) + 1
    return starts, latin


@lru_cache(maxsize=2)
def _prize_after(lex: Lexicon) -> re.Pattern[str]:
    """What, right after a name, makes it part of another thing's name: ノーベル賞, ノーベル
    化学賞, 吉川英治文学賞 (a few kanji may come between the name and the word)."""
    words = "|".join(
        re.escape(w) for w in sorted(lex.context.person_not_before, key=len, reverse=True)
    )
    # but 受賞, 授賞, 入賞 right after a name say what the person did
    return re.compile(rf"(?!受賞|授賞|入賞)[\u4e00-\u9fff]{{0,4}}(?:{words})")


def _title_cut(cand: Candidate, text: str, lex: Lexicon) -> int | None:
    """Where a title begins inside the span and runs on after it (ケネディ上院|議員,
    ラトニック商務|長官): the span is a name the NER ran into the title."""
    heads, longest = _title_heads(lex)
    first: tuple[int, int] | None = None  # (title's rank in the lexicon, k): the first one
    for k in range(1, min(longest, len(cand.text)) + 1):
        for rank, rest in heads.get(cand.text[-k:], ()):
            if text.startswith(rest, cand.end) and (first is None or (rank, k) < first):
                first = (rank, k)
    if first is not None:
        cut = len(cand.text) - first[1]
        return cut if cut >= 2 else None
    m = _KATAKANA_THEN_KANJI.fullmatch(cand.text)
    if m:  # a katakana name, then the first kanji of a compound title after the span
        after, _ = _title_regex(lex)
        t = after.match(text, cand.start + m.end(1))
        if t and t.end() > cand.end:
            return m.end(1)
    return None


@lru_cache(maxsize=2)
def _title_heads(lex: Lexicon) -> tuple[dict[str, list[tuple[int, str]]], int]:
    """Every title cut in two (上院|議員 of 上院議員): {head: [(the title's rank in the
    lexicon, the rest)]}, and the longest head. A span's end is looked up by its last
    characters instead of trying every title on every span."""
    heads: dict[str, list[tuple[int, str]]] = {}
    for rank, title in enumerate(lex.titles):
        for k in range(1, len(title)):
            heads.setdefault(title[:k], []).append((rank, title[k:]))
    return heads, max((len(h) for h in heads), default=0)


_KATAKANA_THEN_KANJI = re.compile(r"([ァ-ヺー・]{2,})[\u4e00-\u9fff]{1,4}")


@dataclass
class _Doc:
    """What the checks of one document read: its parse, the knowledge, and the NER's
    person spans indexed once (sorted starts, the furthest end reached so far)."""

    parsed: Parsed
    kb: KB
    lex: Lexicon
    _person_starts: list[int] = field(default_factory=list)
    _person_reach: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        spans = sorted(
            (s, e) for s, e, label in self.parsed.ents if self.lex.labels.get(label) == "PERSON"
        )
        for s, e in spans:
            self._person_starts.append(s)
            self._person_reach.append(max(e, self._person_reach[-1]) if self._person_reach else e)

    @property
    def text(self) -> str:
        return self.parsed.text

    def ner_person_overlaps(self, start: int, end: int) -> bool:
        """Does a span the NER calls a person overlap [start, end)?"""
        i = bisect.bisect_left(self._person_starts, end)  # the spans that start before end
        return bool(i) and self._person_reach[i - 1] > start


# A check looks at one candidate, may change its span or type, and says what follows:
# GO_ON (the next check), KEEP (the candidate as it is now) or DROP (not a mention).
GO_ON, KEEP, DROP = "go on", "keep", "drop"
_Check = Callable[[Candidate, _Doc], str]


def _found_in_the_kb(cand: Candidate, doc: _Doc) -> str:
    return KEEP if cand.source == "kb" else GO_ON


def _name_run_into_a_title(cand: Candidate, doc: _Doc) -> str:
    """ケネディ上院|議員, 光吉専務, 内柴被告: a name the NER ran into the title after it."""
    if cand.source != "ner" or cand.type not in ("ORG", "PERSON"):
        return GO_ON
    cut = _title_cut(cand, doc.text, doc.lex)
    a, b = _trim_title(cand.text, doc.lex)
    if cut is None and a == 0 and 2 <= b < len(cand.text):
        cut = b
    name_toks = _tokens_in(doc.parsed, cand.start, cand.start + cut) if cut else []
    if cut is not None and (
        is_katakana_name(cand.text[:cut]) or (name_toks and any(_is_name_tag(t) for t in name_toks))
    ):
        cand.end, cand.text, cand.type = cand.start + cut, cand.text[:cut], "PERSON"
    return GO_ON


def _on_a_latin_line(cand: Candidate, doc: _Doc) -> str:
    """An English headline or label: only the knowledge base is trusted there."""
    if _latin_line(doc.text, cand.start) and doc.kb.lookup(cand.text) is None:
        return DROP
    return GO_ON


def _administration_of_a_person(cand: Candidate, doc: _Doc) -> str:
    """バイデン政権: the administration of a person the knowledge base knows names that
    person; an unknown X政権 stays an organization (ニクソン政権)."""
    if cand.type != "ORG":
        return GO_ON
    kb = doc.kb
    for suffix in doc.lex.context.person_org_suffixes:
        stem = cand.text[: -len(suffix)]
        if not (cand.text.endswith(suffix) and stem):
            continue
        entry = kb.lookup(stem)
        if (entry is not None and entry.type == "PERSON") or len(
            kb.people_with_family_name(stem)
        ) == 1:
            cand.end, cand.text, cand.type = cand.start + len(stem), stem, "PERSON"
            cand.roles.append(suffix)
            break
    return GO_ON


def _after_a_determiner(cand: Candidate, doc: _Doc) -> str:
    """あるキリスト教グループ: a determiner before an organization makes it a description."""
    if cand.type != "ORG":
        return GO_ON
    before = _tokens_in(doc.parsed, max(0, cand.start - 4), cand.start)
    if before and "連体詞" in before[-1].tag and before[-1].end == cand.start:
        return DROP
    return GO_ON


def _titles_trimmed(cand: Candidate, doc: _Doc) -> str:
    """'トランプ大統領' -> 'トランプ'; nothing left is no name."""
    if cand.type not in ("PERSON", "NAME"):
        return GO_ON
    a, b = _trim_title(cand.text, doc.lex)
    if b <= a:
        return DROP
    cand.start, cand.end, cand.text = cand.start + a, cand.start + b, cand.text[a:b]
    return GO_ON


def _known_to_the_kb(cand: Candidate, doc: _Doc) -> str:
    """A span the knowledge base knows exactly takes its type."""
    entry = doc.kb.lookup(cand.text)
    if entry is None:
        return GO_ON
    cand.type, cand.kb_name, cand.found_by = entry.type, entry.name, "kb_alias"
    return KEEP


def _tagged_as_a_name(cand: Candidate, doc: _Doc) -> str:
    """ポール・グラハム labelled a product, グラハム a company: Sudachi's name tags on every
    word, with two words, a title next to it or katakana, make it a person."""
    if cand.type in ("PERSON", "NAME"):
        return GO_ON
    toks = _tokens_in(doc.parsed, cand.start, cand.end)
    if _all_name_tagged(toks) and (
        len(toks) >= 2
        or _has_role_next_to(doc.text, cand.start, cand.end, doc.lex)
        or is_katakana_name(cand.text)
    ):
        cand.type = "PERSON"
    return GO_ON


def _named_after_a_kind_of_organization(cand: Candidate, doc: _Doc) -> str:
    """<kind of organization>の<Name> is an organization (but 大学のデイヴィッド・ベイカー教授:
    a title after it keeps the person)."""
    if cand.type not in ("PERSON", "NAME"):
        return GO_ON
    after, _ = _title_regex(doc.lex)
    if _org_context_regex(doc.lex).search(
        doc.text, max(0, cand.start - 15), cand.start
    ) and not after.match(doc.text, cand.end):
        cand.type = "ORG"
        return KEEP
    return GO_ON


def _headed_by_an_organization_word(cand: Candidate, doc: _Doc) -> str:
    """公明党, カロリンスカ研究所 called a person: the head word decides."""
    if cand.source != "ner" or cand.type != "PERSON":
        return GO_ON
    toks = _tokens_in(doc.parsed, cand.start, cand.end)
    if len(toks) >= 2 and _is_org_headed_only(toks[-1].text, doc.lex):
        cand.type = "ORG"
    return GO_ON


def _place_after_a_title(cand: Candidate, doc: _Doc) -> str:
    """横綱輪島: a title right before a place the NER found makes it a name."""
    if cand.type not in ("GPE", "LOC") or cand.source != "ner":
        return GO_ON
    _, title_before = _title_regex(doc.lex)
    tb = title_before.search(doc.text, max(0, cand.start - 12), cand.start)
    if tb and tb.end() == cand.start and doc.text[tb.end() - 1] not in "の、":
        cand.type = "PERSON"
    return GO_ON


def _the_name_of_a_prize(cand: Candidate, doc: _Doc) -> str:
    """ノーベル(化学)賞: the name of a prize, not a mention of Nobel."""
    if cand.type in ("PERSON", "NAME") and _prize_after(doc.lex).match(doc.text, cand.end):
        return DROP
    return GO_ON


def _shaped_like_a_person(cand: Candidate, doc: _Doc) -> str:
    """A person must be shaped like a name (person_shaped); a Latin name ending in a
    company word (Acme Inc) is an organization."""
    if cand.type not in ("PERSON", "NAME"):
        return GO_ON
    ner_person = cand.source == "ner" or doc.ner_person_overlaps(cand.start, cand.end)
    if not person_shaped(cand, doc.parsed, doc.lex, ner_person):
        if is_latin_name(cand.text) and name_parts(cand.text)[-1] in doc.lex.context.org_suffixes:
            cand.type = "ORG"
            return KEEP
        return DROP
    cand.type = "PERSON"
    return GO_ON


def _shaped_like_an_organization(cand: Candidate, doc: _Doc) -> str:
    """An organization needs a sign of a name and none of a description (org_rejection)."""
    if cand.type != "ORG":
        return GO_ON
    return DROP if _org_rejection(cand, doc) else GO_ON


def _org_named(cand: Candidate, toks: list[Token], lex: Lexicon) -> bool:
    """Some sign that an organization span is a name: an acronym after it (source
    "rule"), a proper noun, a capital, an organization word; for our NER several words,
    one of them not a common noun (現実世界, ブラックボックス are descriptions)."""
    return (
        cand.source == "rule"
        or _has_org_word(cand, toks, lex)
        or cand.text.strip() in lex.context.org_words
        or (
            cand.source == "ner"
            and len(toks) >= 2
            and (
                len(toks) >= 3
                or any(t.pos in _ORG_PART_POS and "普通名詞" not in t.tag for t in toks)
            )
        )
    )


def _org_rejection(cand: Candidate, doc: _Doc) -> str | None:
    """Why an organization span is no organization's name (None: nothing against it)."""
    lex, ctx, text = doc.lex, doc.lex.context, cand.text.strip()
    toks = _tokens_in(doc.parsed, cand.start, cand.end)
    if cand.source == "ner" and any(text.endswith(t) for t in lex.titles):
        return "a byline"  # サンフランシスコ=本紙特派員
    if cand.source == "ner" and _LATIN_WORD_ONLY.fullmatch(text) and not text.isupper():
        # Brian, Ollie: one capitalized Latin word in Japanese text is as often a
        # person as a company: not enough for an organization (an acronym is)
        return "one Latin word"
    if len(text) < 2 or text.isdigit() or not _org_named(cand, toks, lex):
        return "no sign of a name"
    if text in ctx.generic_orgs:
        return "a generic word"
    if toks and toks[0].text in ctx.generic_org_prefixes:
        return "a determiner"  # 各国|政府, 両|党
    if any(text.startswith(w, m.end()) for m in _NUMBER.finditer(text) for w in ctx.counters):
        return "counted"  # 米IT大手2社, 286書店
    if any(text.endswith(w) for w in ctx.place_suffixes):
        return "an address"  # 東京都千代田区
    if cand.source != "kb" and any(doc.text.startswith(w, cand.end) for w in ctx.org_not_before):
        return "the start of a prize's name"  # ノーベル化学|賞
    legal = any(text.startswith(f.strip()) for f in ctx.legal_forms)
    if not legal and any(text.endswith(w) for w in ctx.not_org_heads):
        return "not an organization word"  # 吉川英治文学賞 (but 株式会社宣伝会議 is one)
    if text in lex.titles or text in lex.honorifics:
        return "a title"  # 最高技術責任者(CTO)
    return None


# The checks every candidate that won its place goes through, in this order (the first
# KEEP or DROP decides): spans first cut to the name, then the knowledge base, then what
# the context says of the type, then whether the span is shaped like what it is called.
RETYPE_CHECKS: tuple[_Check, ...] = (
    _found_in_the_kb,
    _name_run_into_a_title,
    _on_a_latin_line,
    _administration_of_a_person,
    _after_a_determiner,
    _titles_trimmed,
    _known_to_the_kb,
    _tagged_as_a_name,
    _named_after_a_kind_of_organization,
    _headed_by_an_organization_word,
    _place_after_a_title,
    _the_name_of_a_prize,
    _shaped_like_a_person,
    _shaped_like_an_organization,
)


def _retype(cand: Candidate, doc: _Doc) -> Candidate | None:
    """The candidate after RETYPE_CHECKS: cut, retyped, or None where one rejects it."""
    for check in RETYPE_CHECKS:
        verdict = check(cand, doc)
        if verdict == KEEP:
            return cand
        if verdict == DROP:
            return None
    return cand


# --- roles and affiliations ---------------------------------------------------------------


def _attach_roles(cands: list[Candidate], text: str, lex: Lexicon) -> None:
    after, before = _title_regex(lex)
    orgs_by_end = {c.end: c for c in cands if c.type == "ORG"}
    for cand in cands:
        if cand.type != "PERSON":
            continue
        m = after.match(text, _past_reading(text, cand.end))
        if m:
            cand.roles.append(m.group(1))
            org = _org_before(text, cand.start, orgs_by_end)
            if org is not None and m.group(1) not in lex.honorifics:
                cand.affiliations.append(org)
        m2 = before.search(text, max(0, cand.start - 30), cand.start)
        if m2:
            cand.roles.append(m2.group(1))
            org = _org_before(text, m2.start(), orgs_by_end)
            if org is not None:
                cand.affiliations.append(org)


def _org_before(text: str, pos: int, orgs_by_end: dict[int, Candidate]) -> str | None:
    """The organization ending just before pos, across 'の', '社' and spaces."""
    p = pos
    while p > 0 and text[p - 1] in _SPACE + "の":
        p -= 1
    org = orgs_by_end.get(p)
    if org is None and p > 0 and text[p - 1] == "社":
        org = orgs_by_end.get(p - 1)
    return (org.kb_name or org.text) if org else None


# --- short names ------------------------------------------------------------------------------


def _part_candidates(parsed: Parsed, taken: list[Candidate], kb: KB) -> list[Candidate]:
    """Tokens that are a given or family name of a person named in full in this document,
    or of a knowledge-base person whose organizations this document mentions."""
    doc_names: ShortNames[str] = ShortNames()
    for c in taken:
        if c.type == "PERSON":
            doc_names.add(c.text, c.parts)
    doc_orgs = {c.kb_name for c in taken if c.type == "ORG" and c.kb_name}
    occupied = bytearray(len(parsed.text) + 1)
    for c in taken:
        occupied[c.start : c.end] = b"\x01" * (c.end - c.start)
    out: list[Candidate] = []
    shapes: dict[str, bool] = {}
    for tok in parsed.tokens:
        if any(occupied[tok.start : tok.end]):
            continue
        family_name = "人名-姓" in tok.tag  # 高橋 of 高橋美咲 (kanji names: Sudachi's tags)
        if not (family_name or _name_word(tok.text, shapes)) or len(fold(tok.text)) < 2:
            continue
        if doc_names.owners(tok.text):
            out.append(Candidate(tok.start, tok.end, tok.text, "PERSON", "part"))
            continue
        if "固有名詞" not in tok.tag and not is_latin_name(tok.text):
            continue
        if len(in_context(tok.text, kb, organizations=doc_orgs)) == 1:
            out.append(Candidate(tok.start, tok.end, tok.text, "PERSON", "part"))
    return out


def _name_word(word: str, seen: dict[str, bool]) -> bool:
    """Is a word katakana or Latin, as a name is (remembered per word in ``seen``)?"""
    shape = seen.get(word)
    if shape is None:
        shape = seen[word] = is_katakana_name(word) or is_latin_name(word)
    return shape


def _person_parts(cand: Candidate, parsed: Parsed) -> list[str]:
    """Family and given names: by separators (サム・アルトマン), else by Sudachi's 姓/名
    tags (高橋美咲 -> 高橋, 美咲), else the name as one part."""
    parts = name_parts(cand.text)
    if len(parts) >= 2:
        return parts
    toks = _tokens_in(parsed, cand.start, cand.end)
    family = "".join(t.text for t in toks if "人名-姓" in t.tag)
    given = "".join(t.text for t in toks if "人名-名" in t.tag)
    if family and given and len(family) + len(given) == len(cand.text):
        return [family, given] if cand.text.startswith(family) else [given, family]
    return [cand.text]


def _promote_full_tag_names(raw: list[Candidate]) -> None:
    """Sudachi's family+given name run beats a NER person span it strictly contains
    (岡野原大輔 over 大輔): the NER cut the name short. The NER's spans are indexed by
    start, so each run looks only at the spans that start inside it."""
    ner = sorted(
        (c.start, c.end) for c in raw if c.source == "ner" and c.type in ("PERSON", "NAME")
    )
    starts = [s for s, _ in ner]
    for c in raw:
        if c.source != "tag":
            continue
        i = bisect.bisect_left(starts, c.start)
        while i < len(ner) and ner[i][0] < c.end:
            if ner[i][1] <= c.end and ner[i] != (c.start, c.end):
                c.source = "rule"
                break
            i += 1


_ORG_PART_POS = ("NOUN", "PROPN")


def _compound_start(toks: list[Token], k: int, most: int, part: Callable[[Token], bool]) -> int:
    """The first token of the compound ending at token k: walk back over touching tokens
    that ``part`` accepts, at most ``most`` of them."""
    j = k
    while j > 0 and toks[j - 1].end == toks[j].start and k - j < most and part(toks[j - 1]):
        j -= 1
    return j


def _suffix_org_candidates(parsed: Parsed, lex: Lexicon) -> list[Candidate]:
    """Unknown organizations named by a compound that ends in an organization word
    (さくら橋法律事務所, ミナトAIラボ): the head and at least two words before it, or one
    that is a proper noun, katakana or Latin. Weakest source: NER and KB win."""
    heads = set(lex.context.org_suffixes) | set(lex.context.org_heads)
    out: list[Candidate] = []
    toks = parsed.tokens
    for k, tok in enumerate(toks):
        if tok.text not in heads or tok.pos not in _ORG_PART_POS:
            continue
        j = _compound_start(
            toks,
            k,
            8,
            lambda t: (
                (t.pos in _ORG_PART_POS or t.text == "・")
                and "数詞" not in t.tag
                and t.text not in lex.titles
            ),
        )
        words = [t for t in toks[j:k] if t.text != "・"]
        named = any(
            "固有名詞" in t.tag or is_katakana_name(t.text) or _LATIN_WORD.match(t.text)
            for t in words
        )
        if len(words) >= 2 or (words and named):
            s, e = toks[j].start, tok.end
            out.append(Candidate(s, e, parsed.text[s:e], "ORG", "tag"))
    return out


def _abbreviation_candidates(parsed: Parsed, raw: list[Candidate]) -> list[Candidate]:
    """新エネルギー・産業技術総合開発機構(NEDO): an acronym in brackets that names an
    organization makes the compound just before the bracket that organization's name."""
    text, toks = parsed.text, parsed.tokens
    out: list[Candidate] = []
    for c in raw:
        if c.type != "ORG" or not re.fullmatch(r"[A-Z][A-Za-z]{1,7}", c.text):
            continue
        if text[c.start - 1 : c.start] not in ("(", "（") or text[c.end : c.end + 1] not in (
            ")",
            "）",
        ):
            continue
        bracket = parsed.tokens_between(c.start - 1, c.start)
        k = bracket[0].i - 1 if bracket else -1
        if k < 0 or toks[k].end != c.start - 1:
            continue
        j = _compound_start(
            toks,
            k,
            12,
            lambda t: t.pos in _ORG_PART_POS or t.text == "・" or t.tag.startswith("接頭辞"),
        )
        if toks[j].pos in _ORG_PART_POS or toks[j].tag.startswith("接頭辞"):
            s, e = toks[j].start, toks[k].end
            if e - s > len(c.text):
                out.append(Candidate(s, e, text[s:e], "ORG", "rule"))
    return out


_KANJI_RUN = re.compile(r"[\u4e00-\u9fff々]{2,8}$")
_KATAKANA_RUN = re.compile(r"[ァ-ヺー・]*")


def _fit_brackets(cands: list[Candidate], text: str) -> None:
    """蔡崇信(ジョセフ・ツァイ): a name and its reading in brackets delimit each other, so
    spans the NER cut short are stretched to the bracket: the kanji run before 「(」, the
    katakana up to 「)」. People are found by where they start (a run is at most 8
    characters), not by going through every candidate for every bracket."""
    by_start: dict[int, list[Candidate]] = {}
    for a in cands:
        if a.type == "PERSON":
            by_start.setdefault(a.start, []).append(a)
    for c in cands:
        if c.type != "PERSON" or c.start == 0 or text[c.start - 1] not in "(（":
            continue
        rest = _KATAKANA_RUN.match(text, c.end)
        close = rest.end() if rest else c.end
        if is_katakana_name(c.text) and text[close : close + 1] in (")", "）"):
            c.end, c.text = close, text[c.start : close]
        run = _KANJI_RUN.search(text, max(0, c.start - 9), c.start - 1)
        if run is None:
            continue
        inside = [
            a
            for p in range(run.start(), run.end())
            for a in by_start.get(p, ())
            if a.end <= run.end() and a is not c
        ]
        for a in inside:
            by_start[a.start].remove(a)
            a.start, a.end, a.text = run.start(), run.end(), run.group()
            by_start.setdefault(a.start, []).append(a)


def _places_inside_organizations(raw: list[Candidate]) -> list[Candidate]:
    """アメリカ軍, ニューヨーク・ヤンキース, イギリス政府: a place the knowledge base knows,
    inside a longer organization a model or a rule found, is part of that name."""
    inside = _Containment((c.start, c.end) for c in raw if c.type == "ORG" and c.source != "kb")
    return [
        c
        for c in raw
        if not (c.source == "kb" and c.type in ("GPE", "LOC") and inside.strictly(c.start, c.end))
    ]


class _Containment:
    """Is a span strictly inside one of a set of spans? Spans sorted by start, with the
    furthest end reached so far: one binary search a question."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach: list[int] = []
        self.same_start: dict[int, int] = {}  # start -> the furthest end from there
        for s, e in ordered:
            self.reach.append(max(e, self.reach[-1]) if self.reach else e)
            self.same_start[s] = max(e, self.same_start.get(s, e))

    def strictly(self, start: int, end: int) -> bool:
        """A span with start <= ``start``, ``end`` <= its end, and longer."""
        i = bisect.bisect_left(self.starts, start)  # spans before i start earlier
        if i and self.reach[i - 1] >= end:
            return True
        return self.same_start.get(start, end) > end


def _is_org_headed_only(text: str, lex: Lexicon) -> bool:
    """The text is an organization word and nothing more (研究所, 大学)."""
    return text in lex.context.org_suffixes or text in lex.context.org_heads


def _is_org_headed(text: str, lex: Lexicon) -> bool:
    return any(text.endswith(w) for w in (*lex.context.org_suffixes, *lex.context.org_heads))


def _join_organizations(cands: list[Candidate], text: str, lex: Lexicon) -> list[Candidate]:
    """Organization names the sources cut in pieces, made whole; lists made apart:
    - 両毛ヤクルト + 販売: a continuation word right after an organization stretches it;
    - 総務省 + 消防庁: an organization right after another, itself headed by an
      organization word, is one name with it;
    - 千葉ロッテ・マリーンズ: an unknown organization joined by ・ to the words before or
      after it (a team, a band) is one name, unless one side is itself headed by an
      organization word (東海銀行・トーメン is a list)."""
    conts = sorted(lex.context.org_continuations, key=len, reverse=True)
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: c.start):
        if c.type == "ORG" and c.source != "kb":
            for w in conts:
                if text.startswith(w, c.end):
                    c.end, c.text = c.end + len(w), c.text + w
                    break
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.type == c.type == "ORG"
            and not (prev.kb_name and c.kb_name)
            and (
                (prev.end == c.start and _is_org_headed(c.text, lex))
                # 東京ヤクルト・スワローズ: a katakana name after ・ (a list would be headed)
                or (
                    c.start == prev.end + 1
                    and text[prev.end] == "・"
                    and is_katakana_name(c.text)
                    and not _is_org_headed(prev.text, lex)
                )
            )
        ):
            prev.end, prev.text, prev.kb_name = c.end, text[prev.start : c.end], None
            prev.source = "rule"
            continue
        out.append(c)
    _stretch_over_dots(out, text, lex)
    return _resolve_overlaps(out)


def _stretch_over_dots(cands: list[Candidate], text: str, lex: Lexicon) -> None:
    """千葉ロッテ・マリーンズ: an unknown organization takes the word joined to it by ・
    before or after it, where no other candidate is."""
    cover = _Cover(len(text), cands)
    for c in cands:
        if c.type != "ORG" or c.kb_name:
            continue
        m = _DOT_WORD_AFTER.match(text, c.end)
        if m and not _is_org_headed(c.text, lex) and not cover.taken(m.start(), m.end(), c):
            cover.add(c.end, m.end())
            c.end, c.text = m.end(), c.text + m.group()
        m = _DOT_WORD_BEFORE.search(text, max(0, c.start - 12), c.start)
        if (
            m
            and not _is_org_headed(m.group().rstrip("・"), lex)
            and not cover.taken(m.start(), m.end(), c)
        ):
            cover.add(m.start(), c.start)
            c.start, c.text = m.start(), m.group() + c.text


_DOT_WORD_AFTER = re.compile(r"・[ァ-ヺー]{2,}(?![ァ-ヺー・])")
_DOT_WORD_BEFORE = re.compile(
    r"(?<![\u4e00-\u9fff々ァ-ヺーA-Za-z])[\u4e00-\u9fff々ァ-ヺー]{2,8}・$"
)


class _Cover:
    """How many candidates cover each character: whether a few characters are taken by
    a candidate other than one costs their number, not the number of candidates."""

    def __init__(self, size: int, cands: Iterable[Candidate]) -> None:
        self.count = array("i", bytes(4 * (size + 1)))
        for c in cands:
            self.add(c.start, c.end)

    def add(self, start: int, end: int) -> None:
        for p in range(start, end):
            self.count[p] += 1

    def taken(self, start: int, end: int, me: Candidate) -> bool:
        """Does a candidate other than ``me`` overlap [start, end)?"""
        return any(self.count[p] > (1 if me.start <= p < me.end else 0) for p in range(start, end))


_KANA_READING = re.compile(r"[ぁ-ゖァ-ヺー・･ 　]+")
_HIRAGANA_READING = re.compile(r"[ぁ-ゖー・･ 　]+")
# after a name, its honorific and an opening bracket: a reading, up to the bracket's end
# or to what follows it inside (=元社長, 、72歳)
_READING_OPENS = re.compile(
    r"(?:氏|さん|様|君|くん|ちゃん)?[(（]([ぁ-ゖー・･ 　]+)(?=[)）=＝、,，])"
)


def _drop_readings(cands: list[Candidate], text: str) -> list[Candidate]:
    """鶴丸哲哉(つるまる・てつや), 田辺聰(あきら), 小川一郎氏(おがわ・いちろう=元社長):
    the hiragana opening the brackets right after a name (and its honorific) is its
    reading, not another person: a candidate that starts inside it goes, whatever the
    recognizer joined to it (いちろう=元社長). (A katakana one, 梁文鋒(リャン・ウェンフォン),
    is a form of the name in its own right: linking makes it the same entity.)"""
    readings = _reading_spans(cands, text)
    if not readings:
        return cands
    starts = [a for a, _ in readings]
    out = []
    for c in cands:
        i = bisect.bisect_right(starts, c.start) - 1
        inside = i >= 0 and c.start < readings[i][1]
        if inside and (c.type == "PERSON" or not c.kb_name):
            continue
        out.append(c)
    return out


def _reading_spans(cands: list[Candidate], text: str) -> list[tuple[int, int]]:
    """(start, end) of each hiragana reading in brackets after a person's name, in order."""
    spans = []
    for c in cands:
        if c.type != "PERSON" or _KANA_READING.fullmatch(c.text):
            continue  # a name written in kana has no reading
        m = _READING_OPENS.match(text, c.end)
        if m:
            spans.append(m.span(1))
    return sorted(set(spans))


def _split_org_lists(cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """東海銀行・トーメン: an unknown organization made of names joined by ・, the first
    headed by an organization word, is a list: one mention per name."""
    out: list[Candidate] = []
    for c in cands:
        parts = c.text.split("・")
        if c.type != "ORG" or c.kb_name or len(parts) < 2 or not _is_org_headed(parts[0], lex):
            out.append(c)
            continue
        pos = c.start
        for part in parts:
            if len(part) >= 2:
                out.append(Candidate(pos, pos + len(part), part, "ORG", c.source))
            pos += len(part) + 1
    return out


def find_mentions(parsed: Parsed, kb: KB, lex: Lexicon) -> list[Candidate]:
    """All entity mentions in a parsed document, typed, non-overlapping, in text order,
    with their evidence (source, kb_name, found_by, score, ner_label, parts, roles). Who
    each one is, is linking's to say (pipeline/linking.py).

    The stages, in this order:
    1. sources: knowledge-base aliases and spellings, rules about names next to titles,
       our NER, Sudachi's name tags, compounds ending in an organization word, then
       organizations named before an acronym in brackets;
    2. a name run of Sudachi's tags beats a NER person it contains; a known place inside
       a longer organization is part of it;
    3. overlaps: the strongest source (PRIORITY), then the longer span, wins;
    4. RETYPE_CHECKS on each, in their order: cut, retyped, kept or dropped;
    5. names and their readings in brackets; organizations joined and lists split;
       overlaps again;
    6. name parts; short names of the people found (and of knowledge-base people in
       context) as mentions of their own; overlaps again;
    7. roles and affiliations around each person; how each was found."""
    text = parsed.text
    raw = (  # 1
        _kb_candidates(text, kb)
        + _fuzzy_kb_candidates(text, kb)
        + _rule_candidates(text, lex)
        + _ner_candidates(parsed, lex)
        + _tag_candidates(parsed)
        + _suffix_org_candidates(parsed, lex)
    )
    raw += _abbreviation_candidates(parsed, raw)
    _promote_full_tag_names(raw)  # 2
    raw = _places_inside_organizations(raw)
    doc = _Doc(parsed, kb, lex)
    kept = [c for c in (_retype(c, doc) for c in _resolve_overlaps(raw)) if c]  # 3, 4
    _fit_brackets(kept, text)  # 5
    kept = _drop_readings(kept, text)
    kept = _split_org_lists(_join_organizations(_resolve_overlaps(kept), text, lex), lex)
    for c in kept:  # 6
        if c.type == "PERSON":
            c.parts = _person_parts(c, parsed)
    kept = _resolve_overlaps(kept + _part_candidates(parsed, kept, kb))
    for c in kept:
        if c.type == "PERSON" and not c.parts:
            c.parts = _person_parts(c, parsed)
    _attach_roles(kept, text, lex)  # 7
    _provenance(kept, parsed)
    return kept


_FOUND_BY = {"kb": "kb_alias", "ner": "ner", "rule": "rule", "tag": "rule", "part": "short_name"}


def _provenance(cands: list[Candidate], parsed: Parsed) -> None:
    """How each mention was found, where linking does not say more, and the NER's own
    label for exactly its span (null when the NER did not find that span)."""
    labels = {(s, e): label for s, e, label in parsed.ents}
    for c in cands:
        c.found_by = c.found_by or _FOUND_BY[c.source]
        c.ner_label = labels.get((c.start, c.end))
