"""Name normalization: folding spellings, splitting names, comparing transliterations.

Pure functions, no pydantic models and no spaCy, so that the fast query path (aggregating
cached records) can use them without loading the knowledge base.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .files import DATA, read_toml

KANA_FILE = DATA / "kana.toml"  # read raw: the query path loads no pydantic

# Whole-name similarity (kb.name_similarity: the better of folded-katakana and romaji
# difflib ratios, with given and family names checked apart) at or above which two
# multi-part names are taken as one person. Measured on the pairs in tests/test_linking.py:
# 16 of 17 true transliteration variants score >= 0.83 (ヤン・レイキ/ライケ: 0.75), and
# distinct people sharing a given or family name score <= 0.78 (ビル・ゲイツ/ゲーリー).
FUZZY_THRESHOLD = 0.8

# --- name normalization -------------------------------------------------------------

_SEPARATORS = re.compile(r"[\s・･·•=＝‐‑–—\-_.,、。]+")


@lru_cache(maxsize=1)
def kana_folding() -> tuple[dict[int, str], tuple[tuple[str, str], ...]]:
    """The folding table of data/kana.toml: a str.translate map and the ヴ spellings
    (longest first). The alias matcher reads the same table."""
    data = read_toml(KANA_FILE)
    vu = tuple(sorted(data["vu"].items(), key=lambda kv: -len(kv[0])))
    return str.maketrans(dict(data["fold"])), vu


def _hira_to_kata(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


def name_parts(name: str) -> list[str]:
    """The parts of a name split on spaces and middle dots, NFKC-normalized."""
    return [p for p in _SEPARATORS.split(unicodedata.normalize("NFKC", name)) if p]


def _joined_kana(text: str, casefold: bool = False) -> str:
    """NFKC, hiragana as katakana, separators removed, then composed again: what the
    spelling rules see. The separators go first, so that no rule that reads two characters
    (ヴァ -> バ, ウ + a voicing mark -> ヴ) depends on where a separator fell: ヴ・ァ is ヴァ."""
    text = unicodedata.normalize("NFKC", text)
    text = _hira_to_kata(text.casefold() if casefold else text)
    return unicodedata.normalize("NFC", _SEPARATORS.sub("", text))


def fold(text: str) -> str:
    """A key for exact matching: width, case, separators and katakana spelling folded.

    ヴァ/バ, long vowels, small kana, and separators are removed or unified, so that
    サム・アルトマン, サムアルトマン and ｻﾑ･ｱﾙﾄﾏﾝ share a key, and inserting a separator
    anywhere changes no key.
    """
    text = _joined_kana(text, casefold=True)
    table, vu = kana_folding()
    for a, b in vu:
        text = text.replace(a, b)
    return text.translate(table)


@lru_cache(maxsize=1)
def _kana_table() -> tuple[dict[str, str], dict[str, str]]:
    data = read_toml(KANA_FILE)
    return dict(data["kana"]), dict(data["small"])


def romanize(text: str) -> str:
    """A rough sound of a katakana name in romaji (グレアム -> gureamu), for comparing
    transliterations; other characters pass through case-folded."""
    kana, small = _kana_table()
    text = _joined_kana(text)
    for a, b in kana_folding()[1]:
        text = text.replace(a, b)
    out: list[str] = []
    for ch in text:
        if ch in small:
            sound = small[ch]
            if out and out[-1] and out[-1][-1] in "aiueo":
                prev = out[-1][:-1]
                if sound.startswith("y") and prev.endswith(("sh", "ch", "j")):
                    sound = sound[1:]  # シャ -> sha, not shya
                out[-1] = prev + sound
            else:
                out.append(sound)
        elif ch in ("ッ", "ー"):
            continue
        else:
            out.append(kana.get(ch, ch.casefold()))
    return "".join(out)


def _ratio(a: str, b: str) -> float:
    from difflib import SequenceMatcher  # here: most queries compare no names

    if not a or not b:
        return 0.0
    # difflib's matching blocks depend on the order of the arguments: take both
    return max(
        SequenceMatcher(None, a, b, autojunk=False).ratio(),
        SequenceMatcher(None, b, a, autojunk=False).ratio(),
    )


def similarity(a: str, b: str) -> float:
    """Similarity of two names, 0..1: the better of the folded-katakana and the romaji
    comparison (difflib ratio)."""
    if unicodedata.normalize("NFKC", a) == unicodedata.normalize("NFKC", b):
        return 1.0
    return max(_ratio(fold(a), fold(b)), _ratio(romanize(a), romanize(b)))


# Organizations are single words, where different companies can be as alike as two
# spellings of one (ストライプ/ストライク 0.89, アンソロピック/アンスロピック 0.90): a variant
# must be long (6+ folded characters), begin with the same two, differ in length by one at
# most, and reach this similarity. Measured on the pairs in tests/test_linking.py.
ORG_MIN_LENGTH = 6
ORG_THRESHOLD = 0.85


def org_variants(a: str, b: str) -> bool:
    """Are two katakana organization names spellings of one name?"""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    if not (is_katakana_name(a) and is_katakana_name(b)):
        return False
    return (
        min(len(fa), len(fb)) >= ORG_MIN_LENGTH
        and fa[:2] == fb[:2]
        and abs(len(fa) - len(fb)) <= 1
        and similarity(a, b) >= ORG_THRESHOLD
    )


def is_katakana_name(text: str) -> bool:
    core = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
    return bool(core) and all("ァ" <= c <= "ヺ" or c == "ー" for c in core)


def is_latin_name(text: str) -> bool:
    parts = name_parts(text)
    return bool(parts) and all(re.fullmatch(r"[A-Z][A-Za-z'’]*", p) for p in parts)


def name_similarity(a: str, b: str) -> float:
    """Similarity of two multi-part names: both the whole and the family names must agree.

    Returns the whole-name similarity, or 0 when the last parts are not alike
    (so that ジョン・シュルマン never matches ジョン・ドウ on the shared given name).
    """
    pa, pb = name_parts(a), name_parts(b)
    if (len(pa) >= 2 and len(pb) >= 2) and (
        similarity(pa[-1], pb[-1]) < 0.6 or similarity(pa[0], pb[0]) < 0.5
    ):
        return 0.0
    return similarity(a, b)
