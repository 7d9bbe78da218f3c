"""altnotes' date normalization against ja-timex on the same cases. A benchmark, not a test:
it prints figures and asserts nothing.

    JATIMEX_PYTHON=/tmp/jatimex-venv/bin/python .venv/bin/python bench/compare_jatimex.py [-v]

(-v also lists, per gold document, the dates each system added or missed.)

ja-timex (https://github.com/yagays/ja-timex) is not a dependency of altnotes. It lives in a
virtual environment of its own:

    python3 -m venv /tmp/jatimex-venv && /tmp/jatimex-venv/bin/pip install ja-timex

This script runs under the project's Python. It calls ja-timex through a child process of
JATIMEX_PYTHON (default /tmp/jatimex-venv/bin/python), sending texts as JSON on stdin and
reading its TIMEX tags back as JSON. Without that Python the script says so in one line and
exits 0.

Both systems get the same texts (read as altnotes reads them) and the same document date:
the gold ``doc_date``, otherwise the date altnotes finds in the text, as tools/evaluate.py
does. ja-timex gets it as ``TimexParser(reference=...)``, or no reference when there is none.

Three comparisons:

1. the gold documents (tests/gold/*.json): per document, the set of predicted (text, value)
   pairs against the gold dates, with the relaxed match of tools/evaluate.py (same value,
   one text containing the other; ``_relaxed_matches`` is imported from there), and the
   number of gold ``non_dates`` that a predicted text contains or is contained in;
2. the case tables of tests/temporal/ (one per kind): a case is right when the system
   returns exactly one date and its value is the expected one (the kind is not compared:
   ja-timex has no such notion);
3. the strings of tests/temporal/test_non_dates.py (NON_DATES): how many of them the
   system returns any date for (with the test's document date);
4. TIMEX agreement: on every case of those tables that has no document date, ja-timex's
   own ``value`` of its first tag (the surface alone, X for what is open) against
   altnotes' ``timex``, in one notation: ja-timex's trailing ``-XX`` parts dropped
   (``2021-07-XX`` -> ``2021-07``, ``20XX`` -> ``20`` for a century, ``BC00XX`` -> ``BC00``),
   ``FY2021`` -> ``2021``. This is the reading of what the text states that ja-timex's own
   tests assert; a case agrees when both give the same string.

From ja-timex tags to altnotes' notation (the gold convention, tests/gold/README.md)
----------------------------------------------------------------------------------------
ja-timex's ``value`` is the value of the surface alone (its docs: 文脈を用いて補完しません);
the document date enters only through ``TIMEX.to_datetime()``, which fills what the surface
leaves open from the reference. The mapping below rewrites notation only. It never supplies
information that ja-timex did not produce itself, so a missing or wrong value stays wrong.

Which tags are dates:
- DATE tags are dates.
- DURATION tags with ``mod`` BEFORE, AFTER or NOW are ja-timex's relative dates (9年前 P9Y
  BEFORE, 昨年 P1Y BEFORE, 先週 P1W BEFORE, 明日 P1D AFTER, 今年 P0Y NOW): its docs convert
  them to a point in time with the reference. They are dates, wherever they occur, exactly
  as altnotes' relative dates are (so 今日のAI counts against both systems alike).
- Other DURATION tags (6年間 P6Y, 2ヶ月くらい P2M APPROX, 1年目, 10年ぶり) and SET tags
  (毎日) are not dates, in ja-timex's own typing as in the gold: they are not predictions. The row
  ``ja-timex*`` shows the brief's more lenient reading instead: every DURATION or SET tag
  counts only where its text overlaps (by containment) a labelled date of that document,
  valued as below (None when it has no direction), and not at all elsewhere.
- TIME tags are dates valued by their date part: the reference day that to_datetime() gives
  a bare time (ja-timex's TIME values, T12-24-XX, carry no date), None without a reference.
  A weekday tag or a TIME tag that follows a date with nothing but spaces, 、 , の or brackets
  between (2023年11月17日金曜日、午後12時24分, 2024年10月9日（水）) is part of that date,
  as in the gold convention, and is not a prediction of its own.
- Whatever ja-timex types DATE is scored as a date, even where it misreads an amount:
  2年くらい is DATE 0002-XX-XX (APPROX), 1日あたり DATE XXXX-XX-01, Q1 DATE XXXX-Q1.

Values:
- ``YYYY-MM-DD`` -> as is; ``YYYY-MM-XX`` -> ``YYYY-MM``; ``YYYY-XX-XX`` -> ``YYYY``. A
  ``mod`` on a DATE (2022年末 END, 3月頃 APPROX) keeps the value, as the gold's fuzzy
  modifiers do.
- Year left open (``XXXX-12-XX`` 十二月, ``XXXX-01-21`` 1月21日; day only ``XXXX-XX-05``):
  with a reference, the year (and for a day alone the month) that to_datetime() fills from
  it, at the precision of the text: 十二月 in a 2025-02-12 article -> ``2025-12`` (the gold
  says 2024-12: ja-timex takes the reference year, not the nearest one; counted wrong).
  Without a reference, None: ja-timex's to_datetime() would put in the year the script
  runs, which is a default and not a reading of the text.
- ``FY2026`` (2026年度) -> ``2026``, the gold's value for a fiscal year.
- Seasons ``2019-SU`` -> ``2019`` (a fuzzy part of the year keeps the year's value); with
  the year open (``XXXX-SU``), None.
- Weekdays ``XXXX-WXX-3`` and quarters ``XXXX-Q1`` -> None (no calendar value; the gold
  values a weekday alone null). Centuries (``20XX``) and BC years have no altnotes notation
  and are kept as ja-timex writes them (so they can match nothing).
- Relative DURATIONs, with a reference: the day to_datetime() gives (reference -/+ the
  duration), at the precision of the unit, as the gold values relative expressions: years ->
  ``YYYY`` (a half year -> ``YYYY-MM``), months -> ``YYYY-MM``, the words 先週/今週/来週/
  先々週... -> the ISO week ``YYYY-Www`` of that day, N週間前 and days -> ``YYYY-MM-DD``,
  hours/minutes/seconds (10分前) -> the date part. Without a reference, None (the gold values
  them null then too). ja-timex reads 翌年/翌日 against the reference, not the last date in
  the text; whatever it gives is scored as it is.
- Ranges: two tags ja-timex flags ``range_start``/``range_end`` (2006年から2009年) become one
  date ``start/end``, each end at its own precision (``2006/2009``), None if an end is None.
  ja-timex sets these flags before it adds the abbreviated tags of 2020〜2022年 (``2020``),
  so its own range pairing (``TimexParser._modify_renge_start_and_end``) is run once more on
  the full list of tags.

Offsets: ja-timex 0.2.8 shifts ``raw_span`` (and ``raw_text``) of a tag when the text before
it has more than one kanji numeral or digit comma that changes length (十分 ... 数百年前 gives
the raw_text ``。数百年前``). The script maps each tag's span in ja-timex's normalized text
back to the input with the normalizer's own length differences, and prints how many spans
it moved. The values are untouched.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from altnotes.pipeline.corpus import iter_documents  # noqa: E402
from altnotes.pipeline.temporal import find_dates, find_document_date  # noqa: E402
from tools.evaluate import SETS, Score, _gold_style, _relaxed_matches  # noqa: E402

JATIMEX_PYTHON = os.environ.get("JATIMEX_PYTHON", "/tmp/jatimex-venv/bin/python")

# Runs under JATIMEX_PYTHON. stdin: [{"text": str, "ref": "YYYY-MM-DD" | null}, ...]
# stdout: {"version": str, "results": [[tag, ...], ...]}
CHILD = r"""
import json, sys
from importlib.metadata import version
import pendulum
from ja_timex import TimexParser

UNITS = ("century", "year", "month", "week", "day", "hour", "minute", "second",
         "second_with_ms")


def back(p, diffs):
    # an offset in a normalizer stage's output -> the offset in its input; diffs: the
    # stage's DiffIndex list (index in the input, input length - output length)
    pre, shift = p, 0
    for d in sorted(diffs, key=lambda d: d.index):
        if d.index - shift < p:
            pre += d.diff
        shift += d.diff
    return pre


def raw_spans(parser, raw):
    # ja-timex 0.2.8 adds each DiffIndex to a processed offset whenever the index (an offset
    # of the input) is below it, so the raw_span of a tag drifts once a text has two
    # length-changing number rewrites before it (十分 -> 10分, 数百年前 -> 数100年前 gives
    # raw_text "。数百年前"). Map processed offsets back stage by stage with the normalizer's
    # own diffs: kansuji (input = the raw text, zen-han keeps lengths), then commas.
    nn = parser.number_normalizer
    nn.diff_index_list = []
    text = nn._normalize_zen_to_han(raw)
    if not nn.ignore_kansuji:
        text = nn._normalize_kansuji(text)
    kansuji = list(nn.diff_index_list)
    text = nn._remove_comma_inside_digits(text)
    commas = nn.diff_index_list[len(kansuji):]
    if text != parser.processed_text:
        return None
    return lambda p: back(back(p, commas), kansuji)


items = json.load(sys.stdin)
results = []
fixed = 0
for item in items:
    ref = None
    if item["ref"]:
        y, m, d = map(int, item["ref"].split("-"))
        ref = pendulum.datetime(y, m, d, tz="Asia/Tokyo")
    parser = TimexParser(reference=ref)
    timexes = parser.parse(item["text"])
    # the abbreviated tags (2020 of 2020〜2022年) are added after ja-timex pairs ranges:
    # pair them again, with ja-timex's own rule, over the full list
    parser._modify_renge_start_and_end(timexes, parser.processed_text)
    to_raw = raw_spans(parser, item["text"])
    tags = []
    for t in timexes:
        start, end = t.raw_span
        if to_raw is not None:
            start, end = to_raw(t.span[0]), to_raw(t.span[1])
            fixed += (start, end) != tuple(t.raw_span)
        resolved = None
        if ref is not None and t.type in ("DATE", "TIME", "DURATION"):
            try:
                when = t.to_datetime()
                resolved = when.date().isoformat() if when is not None else None
            except Exception:
                resolved = None
        parsed = t.parsed or {}
        tags.append({
            "type": t.type, "value": t.value, "mod": t.mod,
            "text": item["text"][start:end], "start": start, "end": end,
            "range_start": bool(t.range_start), "range_end": bool(t.range_end),
            "word": bool(t.pattern) and t.pattern.parse_func.__name__ == "parse_word",
            "units": sorted(u for u in UNITS if parsed.get(u)),
            "half": bool(parsed.get("half_suffix")),
            "resolved": resolved,
        })
    results.append(tags)
json.dump({"version": version("ja-timex"), "results": results, "fixed_spans": fixed},
          sys.stdout, ensure_ascii=False)
"""

RELATIVE_MODS = {"BEFORE", "AFTER", "NOW"}
# what may stand between a date and a weekday or time of day that belongs to it
ATTACHED_GAP = re.compile(r"^[\s、,，()（）の]*$")
RANGE_GAP = re.compile(r"^(?:〜|~|～|-|から|から翌|から同)$")
DATE_VALUE = re.compile(r"^(\d{4}|XXXX)-(\d{2}|XX)-(\d{2}|XX)$")
SEASON_VALUE = re.compile(r"^(\d{4}|XXXX)-(SP|SU|FA|WI)$")


# --- ja-timex -------------------------------------------------------------------------------


def jatimex_available() -> str | None:
    """None when JATIMEX_PYTHON can import ja_timex, else the reason."""
    if not Path(JATIMEX_PYTHON).exists():
        return f"no Python at {JATIMEX_PYTHON}"
    probe = subprocess.run(
        [JATIMEX_PYTHON, "-c", "import ja_timex, pendulum"], capture_output=True, text=True
    )
    if probe.returncode != 0:
        return f"{JATIMEX_PYTHON} cannot import ja_timex"
    return None


def run_jatimex(
    items: list[tuple[str, dt.date | None]],
) -> tuple[str, list[list[dict]], int]:
    payload = [{"text": t, "ref": d.isoformat() if d else None} for t, d in items]
    proc = subprocess.run(
        [JATIMEX_PYTHON, "-c", CHILD],
        input=json.dumps(payload, ensure_ascii=False),
        capture_output=True,
        text=True,
        check=True,
    )
    out = json.loads(proc.stdout)
    return out["version"], out["results"], out["fixed_spans"]


@dataclass
class Pred:
    text: str
    value: str | None
    start: int
    end: int
    tags: list[dict] = field(default_factory=list)  # the ja-timex tags it comes from

    def show(self) -> str:
        raw = " + ".join(
            " ".join(x for x in (t["type"], t["value"], t["mod"]) if x) for t in self.tags
        )
        return f"{self.text}={self.value} ({raw})"


def _date_value(tag: dict) -> str | None:
    """The altnotes value of a DATE tag (see the module docstring)."""
    value, resolved = tag["value"], tag["resolved"]
    if value.startswith("FY") and value[2:].isdigit():
        return value[2:]
    if m := SEASON_VALUE.match(value):
        return m.group(1) if m.group(1) != "XXXX" else None
    if "-W" in value or "-Q" in value:
        return None
    m = DATE_VALUE.match(value)
    if not m:
        return value  # centuries (20XX), BC years: no altnotes notation
    y, mo, d = m.groups()
    if y == "XXXX":
        if resolved is None:
            return None
        ry, rm, _ = resolved.split("-")
        y = ry
        if mo == "XX":
            mo = rm
    if d != "XX":
        return f"{y}-{mo}-{d}" if mo != "XX" else None
    if mo != "XX":
        return f"{y}-{mo}"
    return y


def _relative_value(tag: dict) -> str | None:
    """The altnotes value of a DURATION with a direction (9年前, 昨年, 先週, 今日)."""
    resolved = tag["resolved"]
    if resolved is None:
        return None
    day = dt.date.fromisoformat(resolved)
    units = set(tag["units"])
    if units & {"hour", "minute", "second", "second_with_ms", "day"}:
        return day.isoformat()
    if "week" in units:
        if tag["word"]:
            year, week, _ = day.isocalendar()
            return f"{year}-W{week:02d}"
        return day.isoformat()
    if "month" in units:
        return f"{day.year}-{day.month:02d}"
    if "year" in units:
        half = tag["half"] or "." in tag["value"]
        return f"{day.year}-{day.month:02d}" if half else str(day.year)
    return None  # centuries


def is_relative(tag: dict) -> bool:
    return tag["type"] == "DURATION" and tag["mod"] in RELATIVE_MODS


def jatimex_dates(text: str, tags: list[dict], labelled: list[str] | None = None) -> list[Pred]:
    """ja-timex's tags as altnotes-style dates. With ``labelled`` (the gold date texts of
    the document), the lenient reading: all DURATION and SET tags count, but only where
    their text overlaps a labelled date."""
    preds: list[Pred] = []
    for tag in sorted(tags, key=lambda t: t["start"]):
        kind, value = tag["type"], tag["value"]
        if kind in ("DURATION", "SET"):
            if labelled is not None:
                if not any(tag["text"] in g or g in tag["text"] for g in labelled):
                    continue
            elif not is_relative(tag):
                continue
            v = _relative_value(tag) if is_relative(tag) else None
        elif kind == "TIME":
            v = tag["resolved"]
        else:
            v = _date_value(tag)
        attached = kind == "TIME" or (kind == "DATE" and "-W" in value)
        if (
            attached
            and preds
            and (preds[-1].tags[-1]["type"] in ("DATE", "TIME") or is_relative(preds[-1].tags[-1]))
            and ATTACHED_GAP.match(text[preds[-1].end : tag["start"]])
        ):
            preds[-1].end = tag["end"]  # part of the date before it; the text stays the date's
            preds[-1].tags.append(tag)
            continue
        preds.append(Pred(tag["text"], v, tag["start"], tag["end"], [tag]))
    # ranges flagged by ja-timex: one date start/end
    out: list[Pred] = []
    for p in preds:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.tags[0]["range_start"]
            and p.tags[0]["range_end"]
            and RANGE_GAP.match(text[prev.end : p.start])
        ):
            value = f"{prev.value}/{p.value}" if prev.value and p.value else None
            out[-1] = Pred(text[prev.start : p.end], value, prev.start, p.end, prev.tags + p.tags)
            continue
        out.append(p)
    return out


# --- altnotes -------------------------------------------------------------------------------


def altnotes_dates(text: str, doc_date: dt.date | None) -> list[Pred]:
    return [Pred(d.text, _gold_style(d), d.start, d.end) for d in find_dates(text, doc_date)]


# --- scoring --------------------------------------------------------------------------------


@dataclass
class GoldScore:
    score: Score = field(default_factory=Score)
    non_dates: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def add(self, doc_id: str, preds: list[Pred], gold: dict) -> None:
        pred = {(p.text, p.value) for p in preds}
        gold_dates = {(d["text"], d["value"]) for d in gold.get("dates", [])}
        matched = _relaxed_matches(pred, gold_dates)
        self.score.tp += len(matched)
        self.score.fp += len(pred - {p for p, _ in matched})
        self.score.fn += len(gold_dates - {g for _, g in matched})
        short = re.sub(r"_[0-9a-f]{16}$", "", doc_id)
        extra = pred - {p for p, _ in matched}
        missed = gold_dates - {g for _, g in matched}
        self.errors += [f"{short}: extra {t} = {v}" for t, v in sorted(extra, key=str)]
        self.errors += [f"{short}: missed {t} = {v}" for t, v in sorted(missed, key=str)]
        for nd in gold.get("non_dates", []):
            if any(nd in t or t in nd for t, _ in pred):
                self.non_dates.append(f"{short}:{nd}")


def load_gold() -> list[tuple[str, list[tuple[str, str, dt.date | None, dict]]]]:
    """(set name, [(doc id, text, document date, gold labels)])"""
    sets = []
    for name, (gold_file, corpus) in SETS.items():
        if not gold_file.exists() or not corpus.is_dir():
            continue  # the general dev set's texts live outside the repository
        gold = json.loads(gold_file.read_text(encoding="utf-8"))["documents"]
        docs = []
        for doc_id, g in gold.items():
            doc = next(iter_documents([str(corpus / f"{doc_id}.txt")]))
            doc_date = (
                dt.date.fromisoformat(g["doc_date"])
                if g.get("doc_date")
                else doc.date or find_document_date(doc.text)
            )
            docs.append((doc_id, doc.text, doc_date, g))
        sets.append((name, docs))
    return sets


def pad(text: str, width: int) -> str:
    """Left-justify by display width (CJK characters take two columns)."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - used)


def row(label: str, system: str, r: GoldScore) -> str:
    s = r.score
    return (
        f"{label:<15}{system:<10}{s.precision:6.3f}{s.recall:7.3f}{s.f1:7.3f}"
        f"{s.tp:6d}{s.fp:5d}{s.fn:5d}{len(r.non_dates):6d}"
    )


def case_tables() -> list[tuple[str, dt.date | None, str | None, str]]:
    """(text, document date, value, kind) of every per-kind case table in tests/temporal/."""
    import importlib

    rows: list[tuple[str, dt.date | None, str | None, str]] = []
    for kind in ("calendar", "numeric", "era", "relative", "periods", "ranges", "english"):
        module = importlib.import_module(f"tests.temporal.test_{kind}")
        rows += [(text, doc, value, k) for text, doc, value, k, *_ in module.CASES]
    return rows


def jatimex_timex(value: str) -> str:
    """ja-timex's value in altnotes' timex notation (see the docstring, comparison 4)."""
    if value.startswith("FY"):
        return value[2:]
    while value.endswith("-XX"):
        value = value[:-3]
    if re.fullmatch(r"(?:BC)?\d{2}XX", value):
        return value[:-2]
    return value


def timex_agreement(
    cases: list[tuple[str, dt.date | None, str | None, str]], tags: list[list[dict]]
) -> str:
    agree = total = 0
    differ: list[str] = []
    for (text, doc, _, _), case_tags in zip(cases, tags, strict=True):
        if doc is not None:
            continue
        total += 1
        found = find_dates(text)
        ours = getattr(found[0], "timex", found[0].value) if found else None
        dates = [t for t in case_tags if t["type"] == "DATE"]
        theirs = jatimex_timex(dates[0]["value"]) if dates else None
        if ours == theirs:
            agree += 1
        else:
            differ.append(f"    {pad(text, 22)} altnotes {ours}  ja-timex {theirs}")
    head = f"{'timex':<15}agreement with ja-timex's surface values {agree}/{total}"
    return "\n".join([head + (f" = {agree / total:.3f}" if total else "")] + differ)


def main(argv: list[str] | None = None) -> int:
    verbose = "-v" in (sys.argv[1:] if argv is None else argv)
    missing = jatimex_available()
    if missing:
        print(
            f"compare_jatimex: skipped, {missing} (set JATIMEX_PYTHON to a Python with "
            "ja-timex: python3 -m venv /tmp/jatimex-venv && "
            "/tmp/jatimex-venv/bin/pip install ja-timex)"
        )
        return 0

    from tests.temporal.common import DOC
    from tests.temporal.test_non_dates import NON_DATES

    CASES = case_tables()
    non_date_strings: list[str] = list(NON_DATES)

    gold_sets = load_gold()
    items: list[tuple[str, dt.date | None]] = [
        (text, doc_date) for _, docs in gold_sets for _, text, doc_date, _ in docs
    ]
    items += [(text, doc) for text, doc, _, _ in CASES]
    items += [(text, DOC) for text in non_date_strings]
    version, results, fixed_spans = run_jatimex(items)
    tags = iter(results)

    print(f"altnotes vs ja-timex {version} ({JATIMEX_PYTHON})")
    print(
        f"{'':<15}{'system':<10}{'P':>6}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>5}{'fn':>5}"
        f"{'nd':>6}   (nd: gold non-dates taken as dates)"
    )
    details: list[str] = []
    for name, docs in gold_sets:
        ours, theirs, lenient = GoldScore(), GoldScore(), GoldScore()
        for doc_id, text, doc_date, g in docs:
            doc_tags = next(tags)
            labelled = [d["text"] for d in g.get("dates", [])]
            ours.add(doc_id, altnotes_dates(text, doc_date), g)
            theirs.add(doc_id, jatimex_dates(text, doc_tags), g)
            lenient.add(doc_id, jatimex_dates(text, doc_tags, labelled), g)
        print(row(name, "altnotes", ours))
        print(row("", "ja-timex", theirs))
        print(row("", "ja-timex*", lenient))
        details.append(
            f"  {name}: non-dates taken by ja-timex: {', '.join(theirs.non_dates) or '-'}"
        )
        if ours.non_dates:
            details.append(f"  {name}: non-dates taken by altnotes: {', '.join(ours.non_dates)}")
        if verbose:
            details += [f"    altnotes  {e}" for e in ours.errors]
            details += [f"    ja-timex  {e}" for e in theirs.errors]

    case_fail: list[str] = []
    ours_ok = theirs_ok = 0
    ours_fail: list[str] = []
    tags_for_cases: list[list[dict]] = []
    for text, doc, expected, _ in CASES:
        case_tags = next(tags)
        tags_for_cases.append(case_tags)
        a = altnotes_dates(text, doc)
        j = jatimex_dates(text, case_tags)
        if len(a) == 1 and a[0].value == expected:
            ours_ok += 1
        else:
            ours_fail.append(f"{text} -> {', '.join(f'{p.text}={p.value}' for p in a) or '-'}")
        if len(j) == 1 and j[0].value == expected:
            theirs_ok += 1
        else:
            doc_s = doc.isoformat() if doc else "no date"
            got = "; ".join(p.show() for p in j) or "nothing"
            case_fail.append(f"  {pad(text, 20)} [{doc_s}]  expected {expected}  ja-timex: {got}")
    n = len(CASES)
    print(f"{'case table':<15}{'altnotes':<10}accuracy {ours_ok}/{n} = {ours_ok / n:.3f}")
    print(f"{'':<15}{'ja-timex':<10}accuracy {theirs_ok}/{n} = {theirs_ok / n:.3f}")

    ours_nd = [s for s in non_date_strings if altnotes_dates(s, DOC)]
    theirs_nd = []
    for s in non_date_strings:
        found = jatimex_dates(s, next(tags))
        if found:
            theirs_nd.append(f"{s} ({'; '.join(p.show() for p in found)})")
    m = len(non_date_strings)
    print(
        f"{'non-dates':<15}{'altnotes':<10}date returned for {len(ours_nd)}/{m}"
        + (f": {', '.join(ours_nd)}" if ours_nd else "")
    )
    print(f"{'':<15}{'ja-timex':<10}date returned for {len(theirs_nd)}/{m}")
    print(
        "* ja-timex*: DURATION/SET tags counted only where they overlap a labelled date "
        "(the lenient reading; see the docstring)"
    )
    print(
        f"  ja-timex raw_span recomputed for {fixed_spans} tags (its offset drift after "
        "kanji numerals; see the docstring)"
    )
    print(timex_agreement(CASES, tags_for_cases))
    print("\n".join(details))
    for s in theirs_nd:
        print(f"  non-date taken by ja-timex: {s}")
    if ours_fail:
        print("altnotes case failures:")
        print("\n".join(f"  {f}" for f in ours_fail))
    print(f"ja-timex case failures ({len(case_fail)}):")
    print("\n".join(case_fail))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
