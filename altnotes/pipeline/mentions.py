"""Parsed text → typed entity mentions.

Combines the spans of our NER (data/ner) with rules that are about language, not about any
corpus: knowledge-base aliases, Sudachi's person-name tags, honorifics and titles around
names, "<kind of organization>の<Name>" context, and the grammar of organization names
(head words, legal forms, continuations, what never names one: lexicon.toml). Every
candidate is then checked against its shape before it may be called a person or an
organization. Knows nothing of output.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from ..knowledge.aliases import compile_aliases
from ..knowledge.kb import (
    KB,
    Lexicon,
    fold,
    index_name_parts,
    is_katakana_name,
    is_latin_name,
    name_parts,
    short_name_owners,
)
from ..knowledge.names import FUZZY_THRESHOLD
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
    entity: str | None = None  # canonical name when the knowledge base matched exactly
    roles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    # a person's name split into family and given names where the text or Sudachi's
    # tags tell them apart (サム・アルトマン, 高橋|美咲); one part when they do not
    parts: list[str] = field(default_factory=list)
    # provenance (records.Mention's method, score, ner_label): how it was found and linked
    method: str | None = None
    score: float = 1.0
    ner_label: str | None = None

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
            c.method, c.score = "kb_fuzzy", kb.similarity_to(m.group(), entry)
            out.append(c)
    for m in _KATAKANA_WORD.finditer(text):
        if "・" not in m.group() and "＝" not in m.group() and kb.lookup(m.group()) is None:
            entry = kb.fuzzy_org(m.group())
            if entry is not None:
                c = Candidate(m.start(), m.end(), m.group(), "ORG", "kb", entry.name)
                c.method, c.score = "kb_fuzzy", kb.similarity_to(m.group(), entry)
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


def _trim_title(text: str, lex: Lexicon) -> tuple[int, int]:
    """Offsets (relative) of the name inside a span like 'サティア・ナデラCEO' or 'CEOのサム'."""
    start, end = 0, len(text)
    changed = True
    while changed:
        changed = False
        core = text[start:end]
        for word in sorted([*lex.titles, *lex.honorifics], key=len, reverse=True):
            if core.endswith(word) and len(core) > len(word):
                end -= len(word)
                changed = True
                # シニアアナリスト: the prefix of a stripped title goes with it
                for prefix in sorted(lex.title_prefixes, key=len, reverse=True):
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


def _overlaps_label(cand: Candidate, parsed: Parsed, labels: tuple[str, ...], lex: Lexicon) -> bool:
    return any(
        s < cand.end and cand.start < e and lex.labels.get(label) in labels
        for s, e, label in parsed.ents
    )


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
    for title in lex.titles:
        for k in range(1, len(title)):
            head, rest = title[:k], title[k:]
            if cand.text.endswith(head) and text.startswith(rest, cand.end):
                cut = len(cand.text) - k
                return cut if cut >= 2 else None
    m = _KATAKANA_THEN_KANJI.fullmatch(cand.text)
    if m:  # a katakana name, then the first kanji of a compound title after the span
        after, _ = _title_regex(lex)
        t = after.match(text, cand.start + m.end(1))
        if t and t.end() > cand.end:
            return m.end(1)
    return None


_KATAKANA_THEN_KANJI = re.compile(r"([ァ-ヺー・]{2,})[\u4e00-\u9fff]{1,4}")


def _retype(cand: Candidate, parsed: Parsed, kb: KB, lex: Lexicon) -> Candidate | None:
    if cand.source == "kb":
        return cand
    if cand.source == "ner" and cand.type in ("ORG", "PERSON"):
        # ケネディ上院|議員, 光吉専務, 内柴被告: a name the NER ran into the title after it
        cut = _title_cut(cand, parsed.text, lex)
        a, b = _trim_title(cand.text, lex)
        if cut is None and a == 0 and 2 <= b < len(cand.text):
            cut = b
        name_toks = _tokens_in(parsed, cand.start, cand.start + cut) if cut else []
        if cut is not None and (
            is_katakana_name(cand.text[:cut])
            or (name_toks and any(_is_name_tag(t) for t in name_toks))
        ):
            cand.end, cand.text, cand.type = cand.start + cut, cand.text[:cut], "PERSON"
    if _latin_line(parsed.text, cand.start) and kb.lookup(cand.text) is None:
        return None
    if cand.type == "ORG":
        # バイデン政権: the administration of a person the knowledge base knows names that
        # person; an unknown X政権 stays an organization (ニクソン政権)
        for suffix in lex.context.person_org_suffixes:
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
        # あるキリスト教グループ: a determiner before it makes it a description, not a name
        before = _tokens_in(parsed, max(0, cand.start - 4), cand.start)
        if before and "連体詞" in before[-1].tag and before[-1].end == cand.start:
            return None
    if cand.type in ("PERSON", "NAME"):
        a, b = _trim_title(cand.text, lex)  # 'トランプ大統領' -> 'トランプ'
        if b <= a:
            return None
        cand.start, cand.end, cand.text = cand.start + a, cand.start + b, cand.text[a:b]
    entry = kb.lookup(cand.text)
    if entry is not None:
        cand.type, cand.entity, cand.method = entry.type, entry.name, "kb_alias"
        return cand
    toks = _tokens_in(parsed, cand.start, cand.end)
    if (
        cand.type not in ("PERSON", "NAME")
        and _all_name_tagged(toks)
        and (
            len(toks) >= 2
            or _has_role_next_to(parsed.text, cand.start, cand.end, lex)
            or is_katakana_name(cand.text)
        )
    ):
        cand.type = "PERSON"  # ポール・グラハム labelled a product, グラハム a company
    org_context = _org_context_regex(lex)
    after, _ = _title_regex(lex)
    if (
        cand.type in ("PERSON", "NAME")
        and org_context.search(parsed.text, max(0, cand.start - 15), cand.start)
        and not after.match(parsed.text, cand.end)  # 大学のデイヴィッド・ベイカー教授
    ):
        cand.type = "ORG"
        return cand
    head_toks = _tokens_in(parsed, cand.start, cand.end)
    if (
        cand.source == "ner"
        and cand.type == "PERSON"
        and len(head_toks) >= 2
        and _is_org_headed_only(head_toks[-1].text, lex)
    ):
        cand.type = "ORG"  # 公明党, カロリンスカ研究所 called a person: the head word decides
    if cand.type in ("GPE", "LOC") and cand.source == "ner":
        _, title_before = _title_regex(lex)
        tb = title_before.search(parsed.text, max(0, cand.start - 12), cand.start)
        if tb and tb.end() == cand.start and parsed.text[tb.end() - 1] not in "の、":
            cand.type = "PERSON"  # 横綱輪島: a title right before makes the place a name
    if cand.type in ("PERSON", "NAME") and _prize_after(lex).match(parsed.text, cand.end):
        return None  # ノーベル(化学)賞: the name of a prize, not a mention of Nobel
    if cand.type in ("PERSON", "NAME"):
        ner_person = cand.source == "ner" or _overlaps_label(cand, parsed, ("PERSON",), lex)
        if not person_shaped(cand, parsed, lex, ner_person):
            if is_latin_name(cand.text) and name_parts(cand.text)[-1] in lex.context.org_suffixes:
                cand.type = "ORG"
                return cand
            return None
        cand.type = "PERSON"
    if cand.type == "ORG":
        text = cand.text.strip()
        # an organization named before its acronym in brackets (source "rule") needs
        # no other sign of being a name
        named = (
            cand.source == "rule"
            or _has_org_word(cand, toks, lex)
            or text in lex.context.org_words
            # our NER's organizations need no more sign of a name than several words, one
            # of them not a common noun (現実世界, ブラックボックス are descriptions)
            or (
                cand.source == "ner"
                and len(toks) >= 2
                and (
                    len(toks) >= 3
                    or any(t.pos in _ORG_PART_POS and "普通名詞" not in t.tag for t in toks)
                )
            )
        )
        if cand.source == "ner" and any(text.endswith(t) for t in lex.titles):
            return None  # サンフランシスコ=本紙特派員: a byline, not an organization
        if cand.source == "ner" and _LATIN_WORD_ONLY.fullmatch(text) and not text.isupper():
            # Brian, Ollie: one capitalized Latin word in Japanese text is as often a
            # person as a company: not enough for an organization (an acronym is)
            return None
        if len(text) < 2 or text.isdigit() or not named or text in lex.context.generic_orgs:
            return None
        if toks and toks[0].text in lex.context.generic_org_prefixes:
            return None  # 各国|政府, 両|党: a determiner before an organization word
        counted = (
            text.startswith(w, m.end())
            for m in _NUMBER.finditer(text)
            for w in lex.context.counters
        )
        if any(counted):
            return None  # 米IT大手2社, 286書店
        if any(text.endswith(w) for w in lex.context.place_suffixes):
            return None  # 東京都千代田区: an address
        if cand.source != "kb" and any(
            parsed.text.startswith(w, cand.end) for w in lex.context.org_not_before
        ):
            return None  # ノーベル化学|賞: the start of a prize's name, not an organization
        legal = any(text.startswith(f.strip()) for f in lex.context.legal_forms)
        if not legal and any(text.endswith(w) for w in lex.context.not_org_heads):
            return None  # 吉川英治文学賞, 包括連携協定 (but 株式会社宣伝会議 is a company)
        if text in lex.titles or text in lex.honorifics:
            return None  # 最高技術責任者(CTO): a title, not a company
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
    return (org.entity or org.text) if org else None


# --- short names ------------------------------------------------------------------------------


def _part_candidates(parsed: Parsed, taken: list[Candidate], kb: KB) -> list[Candidate]:
    """Tokens that are a given or family name of a person named in full in this document,
    or of a knowledge-base person whose organizations this document mentions."""
    doc_parts = index_name_parts((c.text, c.parts) for c in taken if c.type == "PERSON")
    doc_orgs = {c.entity for c in taken if c.type == "ORG" and c.entity}
    occupied = bytearray(len(parsed.text) + 1)
    for c in taken:
        occupied[c.start : c.end] = b"\x01" * (c.end - c.start)
    out: list[Candidate] = []
    for tok in parsed.tokens:
        if any(occupied[tok.start : tok.end]):
            continue
        key = fold(tok.text)
        family_name = "人名-姓" in tok.tag  # 高橋 of 高橋美咲 (kanji names: Sudachi's tags)
        if len(key) < 2 or not (
            is_katakana_name(tok.text) or is_latin_name(tok.text) or family_name
        ):
            continue
        if short_name_owners(tok.text, doc_parts):
            out.append(Candidate(tok.start, tok.end, tok.text, "PERSON", "part"))
            continue
        if "固有名詞" not in tok.tag and not is_latin_name(tok.text):
            continue
        people = [
            n
            for n in kb.people_with_part(tok.text)
            if doc_orgs.intersection(kb.entries[n].affiliations)
        ]
        if len(people) == 1:
            out.append(Candidate(tok.start, tok.end, tok.text, "PERSON", "part"))
    return out


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
    (岡野原大輔 over 大輔): the NER cut the name short."""
    ner = [c for c in raw if c.source == "ner" and c.type in ("PERSON", "NAME")]
    for c in raw:
        if c.source == "tag" and any(
            c.start <= n.start and n.end <= c.end and (n.start, n.end) != (c.start, c.end)
            for n in ner
        ):
            c.source = "rule"


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
    katakana up to 「)」."""
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
        for a in cands:
            if a.type == "PERSON" and run.start() <= a.start and a.end <= run.end() and a is not c:
                a.start, a.end, a.text = run.start(), run.end(), run.group()


def _places_inside_organizations(raw: list[Candidate]) -> list[Candidate]:
    """アメリカ軍, ニューヨーク・ヤンキース, イギリス政府: a place the knowledge base knows,
    inside a longer organization a model or a rule found, is part of that name."""
    orgs = [c for c in raw if c.type == "ORG" and c.source != "kb"]
    return [
        c
        for c in raw
        if not (
            c.source == "kb"
            and c.type in ("GPE", "LOC")
            and any(
                o.start <= c.start and c.end <= o.end and o.end - o.start > c.end - c.start
                for o in orgs
            )
        )
    ]


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
            and not (prev.entity and c.entity)
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
            prev.end, prev.text, prev.entity = c.end, text[prev.start : c.end], None
            prev.source = "rule"
            continue
        out.append(c)
    for c in out:
        if c.type != "ORG" or c.entity:
            continue
        m = _DOT_WORD_AFTER.match(text, c.end)
        if m and not _is_org_headed(c.text, lex) and not _taken(out, m.start(), m.end(), c):
            c.end, c.text = m.end(), c.text + m.group()
        m = _DOT_WORD_BEFORE.search(text, max(0, c.start - 12), c.start)
        if (
            m
            and not _is_org_headed(m.group().rstrip("・"), lex)
            and not _taken(out, m.start(), m.end(), c)
        ):
            c.start, c.text = m.start(), m.group() + c.text
    return _resolve_overlaps(out)


_DOT_WORD_AFTER = re.compile(r"・[ァ-ヺー]{2,}(?![ァ-ヺー・])")
_DOT_WORD_BEFORE = re.compile(
    r"(?<![\u4e00-\u9fff々ァ-ヺーA-Za-z])[\u4e00-\u9fff々ァ-ヺー]{2,8}・$"
)


def _taken(cands: list[Candidate], start: int, end: int, me: Candidate) -> bool:
    return any(c is not me and c.start < end and start < c.end for c in cands)


_KANA_READING = re.compile(r"[ぁ-ゖァ-ヺー・･ 　]+")
_HIRAGANA_READING = re.compile(r"[ぁ-ゖー・･ 　]+")


def _drop_readings(cands: list[Candidate], text: str) -> list[Candidate]:
    """鶴丸哲哉(つるまる・てつや), 田辺聰(あきら): hiragana in brackets right after a name is
    its reading, not another person. (A katakana one, 梁文鋒(リャン・ウェンフォン), is a
    form of the name in its own right: linking makes it the same entity.)"""
    persons_by_end = {c.end: c for c in cands if c.type == "PERSON"}
    out = []
    for c in cands:
        before = persons_by_end.get(c.start - 1)
        if (
            before is not None
            and text[c.start - 1] in "(（"
            and text[c.end : c.end + 1] in (")", "）")
            and _HIRAGANA_READING.fullmatch(c.text)
            and not _KANA_READING.fullmatch(before.text)
            and (c.type == "PERSON" or not c.entity)
        ):
            continue
        out.append(c)
    return out


def _split_org_lists(cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """東海銀行・トーメン: an unknown organization made of names joined by ・, the first
    headed by an organization word, is a list: one mention per name."""
    out: list[Candidate] = []
    for c in cands:
        parts = c.text.split("・")
        if c.type != "ORG" or c.entity or len(parts) < 2 or not _is_org_headed(parts[0], lex):
            out.append(c)
            continue
        pos = c.start
        for part in parts:
            if len(part) >= 2:
                out.append(Candidate(pos, pos + len(part), part, "ORG", c.source))
            pos += len(part) + 1
    return out


def find_mentions(parsed: Parsed, kb: KB, lex: Lexicon) -> list[Candidate]:
    """All entity mentions in a parsed document, typed, non-overlapping, in text order."""
    text = parsed.text
    raw = (
        _kb_candidates(text, kb)
        + _fuzzy_kb_candidates(text, kb)
        + _rule_candidates(text, lex)
        + _ner_candidates(parsed, lex)
        + _tag_candidates(parsed)
        + _suffix_org_candidates(parsed, lex)
    )
    raw += _abbreviation_candidates(parsed, raw)
    _promote_full_tag_names(raw)
    raw = _places_inside_organizations(raw)
    kept: list[Candidate] = []
    for cand in _resolve_overlaps(raw):
        checked = _retype(cand, parsed, kb, lex)
        if checked is not None:
            kept.append(checked)
    _fit_brackets(kept, text)
    kept = _drop_readings(kept, text)
    kept = _split_org_lists(_join_organizations(_resolve_overlaps(kept), text, lex), lex)
    for c in kept:
        if c.type == "PERSON":
            c.parts = _person_parts(c, parsed)
    kept = _resolve_overlaps(kept + _part_candidates(parsed, kept, kb))
    for c in kept:
        if c.type == "PERSON" and not c.parts:
            c.parts = _person_parts(c, parsed)
    _attach_roles(kept, text, lex)
    _provenance(kept, parsed)
    return kept


_FOUND_BY = {"kb": "kb_alias", "ner": "ner", "rule": "rule", "tag": "rule", "part": "short_name"}


def _provenance(cands: list[Candidate], parsed: Parsed) -> None:
    """How each mention was found, where linking does not say more, and the NER's own
    label for exactly its span (null when the NER did not find that span)."""
    labels = {(s, e): label for s, e, label in parsed.ents}
    for c in cands:
        c.method = c.method or _FOUND_BY[c.source]
        c.ner_label = labels.get((c.start, c.end))
