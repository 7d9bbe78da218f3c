"""Precision, recall and F1 of altnotes against the hand-labelled gold files.

Run with `make eval` (or `python -m tools.evaluate`). The gold labels in tests/gold were
written by reading the articles, not from altnotes' output.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from altnotes.pipeline.extract import Settings, extract
from altnotes.query.entities import aggregate
from altnotes.records import DocExtraction

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tests"  # the gold files and labelled articles live beside the tests


def _texts(variable: str) -> Path:
    """The folder of a set whose texts stay outside the repository: the variable names it
    (its README says how to fetch the texts again); unset, the set is skipped."""
    return Path(os.environ.get(variable) or HERE / "missing-texts")


SETS = {
    "default corpus": (
        HERE / "gold" / "default_corpus.json",
        ROOT / "altnotes" / "data" / "corpus",
    ),
    "new articles": (HERE / "gold" / "new_articles.json", HERE / "articles"),
    # never used for tuning: the figures on unseen text (tests/heldout/README.md)
    "held-out articles": (HERE / "heldout" / "gold.json", HERE / "heldout" / "articles"),
    # real articles of general news, labelled blind; their texts belong to others and stay
    # outside the repository (tests/devset/README.md says how to fetch them again)
    "general dev set": (
        HERE / "devset" / "gold.json",
        _texts("ALTNOTES_DEVSET"),
    ),
    # a second blind set of general news, never used for tuning: scores only, no errors
    "general held-out": (
        HERE / "heldout_general" / "gold.json",
        _texts("ALTNOTES_HELDOUT_GENERAL"),
    ),
    # 30 more real articles of general news, labelled blind (tests/newsset/README.md): the
    # first half is for looking at errors, the second half is scored only, never inspected
    "news dev half": (
        HERE / "newsset" / "gold.json",
        _texts("ALTNOTES_NEWSSET"),
    ),
    "news blind half": (
        HERE / "newsset" / "gold.json",
        _texts("ALTNOTES_NEWSSET"),
    ),
}
# which documents of a shared gold file a set scores
HALVES = {
    "news dev half": {f"ns_{i:02d}" for i in range(1, 16)},
    "news blind half": {f"ns_{i:02d}" for i in range(16, 31)},
}
# sets whose errors are never printed (-v): they stay unseen
BLIND = {"held-out articles", "general held-out", "news blind half"}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, predicted: Iterable[object], expected: Iterable[object]) -> None:
        pred, gold = set(predicted), set(expected)
        self.tp += len(pred & gold)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def row(self, name: str) -> str:
        return (
            f"  {name:<14} P {self.precision:5.3f}  R {self.recall:5.3f}  F1 {self.f1:5.3f}"
            f"   (tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


@dataclass
class Report:
    people: Score
    orgs: Score
    dates: Score
    events: Score
    non_dates_found: list[str]
    errors: dict[str, list[str]]
    inferred: int = 0


def _entities(ext: DocExtraction, etype: str, kb) -> set[str]:
    return {e.name for e in aggregate([ext], (etype,))}


def _canonical(names: set[str], aliases: dict[str, list[str]], gold: list[str]) -> set[str]:
    """Predicted names, each replaced by the gold name one of whose labelled surface forms
    it is (the dev set lists them: トヨタ for トヨタ自動車), when it is not a gold name."""
    by_alias = {a: c for c in gold for a in aliases.get(c, [])}
    return {n if n in gold else by_alias.get(n, n) for n in names}


def _gold_style(d) -> str | None:
    """The gold files write ranges as ISO intervals (2006/2009)."""
    if d.kind == "range" and d.range_start and d.range_end:
        return f"{d.range_start}/{d.range_end}"
    return d.value


def _relaxed_matches(
    pred: set[tuple[str, str | None]], gold: set[tuple[str, str | None]]
) -> list[tuple[tuple[str, str | None], tuple[str, str | None]]]:
    """Pairs of (predicted, gold) dates with the same value whose texts overlap by
    containment (TempEval's relaxed match: 2023年11月17日金曜日 matches 2023年11月17日).
    Each gold date is matched at most once."""
    pairs = []
    free = set(gold)
    for p in sorted(pred, key=lambda x: -len(x[0])):
        for g in sorted(free, key=lambda x: -len(x[0])):
            if p[1] == g[1] and (p[0] in g[0] or g[0] in p[0]):
                pairs.append((p, g))
                free.discard(g)
                break
    return pairs


def evaluate(
    gold_file: Path,
    corpus: Path,
    settings: Settings | None = None,
    engine=None,
    only: set[str] | None = None,
) -> Report:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))["documents"]
    if only is not None:
        gold = {k: v for k, v in gold.items() if k in only}
    settings = settings or Settings()
    kb = settings.kb()
    exts = {e.document.id: e for e in extract([str(corpus)], settings, engine=engine)}
    report = Report(
        Score(),
        Score(),
        Score(),
        Score(),
        [],
        {"people": [], "orgs": [], "dates": [], "events": []},
    )
    for doc_id, g in gold.items():
        ext = exts[doc_id]
        doc_settings = settings
        if g.get("doc_date") and ext.document.date != g["doc_date"]:
            doc_settings = dataclasses.replace(
                settings, doc_date=dt.date.fromisoformat(g["doc_date"])
            )
            ext = {
                e.document.id: e
                for e in extract([str(corpus / f"{doc_id}.txt")], doc_settings, engine=engine)
            }[doc_id]
        for key, etype, score in (
            ("people", "PERSON", report.people),
            ("organizations", "ORG", report.orgs),
        ):
            pred = _canonical(_entities(ext, etype, kb), g.get("aliases", {}), g[key])
            score.add(((doc_id, n) for n in pred), ((doc_id, n) for n in g[key]))
            errs = report.errors["people" if etype == "PERSON" else "orgs"]
            errs += [f"{doc_id}: extra {n}" for n in sorted(pred - set(g[key]))]
            errs += [f"{doc_id}: missed {n}" for n in sorted(set(g[key]) - pred)]
        pred_dates = {(d.text, _gold_style(d)) for d in ext.dates}
        gold_dates = {(d["text"], d["value"]) for d in g.get("dates", [])}
        matched = _relaxed_matches(pred_dates, gold_dates)
        report.dates.tp += len(matched)
        extra = pred_dates - {p for p, _ in matched}
        missed = gold_dates - {g_ for _, g_ in matched}
        report.dates.fp += len(extra)
        report.dates.fn += len(missed)
        report.errors["dates"] += [f"{doc_id}: extra {t} = {v}" for t, v in sorted(extra, key=str)]
        report.errors["dates"] += [
            f"{doc_id}: missed {t} = {v}" for t, v in sorted(missed, key=str)
        ]
        # events whose sentence states a date (narrative-time events are counted apart)
        pred_events = {(e.date, e.type) for e in ext.events if e.date and not e.date_inferred}
        report.inferred += sum(e.date_inferred for e in ext.events)
        gold_events = {(e["date"], e["type"]) for e in g.get("events", [])}
        report.events.add(pred_events, gold_events)
        report.errors["events"] += [
            f"{doc_id}: extra {e.date} {e.type} ({e.trigger}) {e.people} {e.organizations}"
            for e in ext.events
            if e.date and not e.date_inferred and (e.date, e.type) in pred_events - gold_events
        ]
        report.errors["events"] += [
            f"{doc_id}: missed {e['date']} {e['type']}: {e.get('description', '')}"
            for e in g.get("events", [])
            if (e["date"], e["type"]) in gold_events - pred_events
        ]
        for nd in g.get("non_dates", []):
            if any(nd in d.text or d.text in nd for d in ext.dates):
                report.non_dates_found.append(f"{doc_id}: {nd}")
    return report


# GiNZA's own ENE labels that name people and organizations (for the baseline only:
# altnotes itself runs its own NER, not GiNZA's)
GINZA_PERSON = {"Person"}
GINZA_ORG = {
    "Company", "Company_Group", "Corporation_Other", "Organization_Other",
    "International_Organization", "Political_Organization_Other", "Political_Party",
    "Government", "Cabinet", "Military", "School", "Research_Institute", "Public_Institution",
    "Show_Organization", "Sports_Organization", "Pro_Sports_Organization", "Sports_League",
    "Sports_Federation",
}  # fmt: skip


def ginza_entities(texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """Raw ja_ginza (its ENE NER included), line by line: (start, end, PERSON|ORG)."""
    import spacy

    from altnotes.pipeline.nlp import chunk_text

    nlp = spacy.load("ja_ginza")
    out = []
    for text in texts:
        ents = []
        for chunk in chunk_text(text):
            for e in nlp(chunk.text).ents:
                kind = (
                    "PERSON"
                    if e.label_ in GINZA_PERSON
                    else ("ORG" if e.label_ in GINZA_ORG else None)
                )
                if kind:
                    ents.append((chunk.start + e.start_char, chunk.start + e.end_char, kind))
        out.append(ents)
    return out


def baseline(gold_file: Path, corpus: Path) -> tuple[Score, Score, Score, Score]:
    """GiNZA alone: its person and organization spans as entities, (1) named as written,
    (2) looked up in the knowledge base by exact folded spelling (no rules, no similarity,
    no short names). Returns (people, orgs) scores for each."""
    from altnotes.knowledge.kb import load_kb
    from altnotes.pipeline.corpus import iter_documents

    gold = json.loads(gold_file.read_text(encoding="utf-8"))["documents"]
    kb = load_kb()
    raw_p, raw_o, kb_p, kb_o = Score(), Score(), Score(), Score()
    docs = [d for d in iter_documents([str(corpus)]) if d.id in gold]
    for doc, ents in zip(docs, ginza_entities([d.text for d in docs]), strict=True):
        g = gold[doc.id]
        spans = [(doc.text[a:b], kind) for a, b, kind in ents]
        for etype, key, raw, linked in (
            ("PERSON", "people", raw_p, kb_p),
            ("ORG", "organizations", raw_o, kb_o),
        ):
            surfaces = _canonical({t for t, c in spans if c == etype}, g.get("aliases", {}), g[key])
            raw.add(((doc.id, t) for t in surfaces), ((doc.id, n) for n in g[key]))
            names = {(e.name if (e := kb.lookup(t)) else t) for t in surfaces}
            linked.add(((doc.id, n) for n in names), ((doc.id, n) for n in g[key]))
    return raw_p, raw_o, kb_p, kb_o


def main(argv: Sequence[str] | None = None) -> int:
    verbose = "-v" in (argv or sys.argv[1:])
    if "--baseline" in (argv or sys.argv[1:]):
        for name, (gold_file, corpus) in SETS.items():
            if not corpus.is_dir():
                continue
            raw_p, raw_o, kb_p, kb_o = baseline(gold_file, corpus)
            print(f"{name}: GiNZA alone (names as written / + exact KB lookup)")
            print(raw_p.row("people"))
            print(raw_o.row("organizations"))
            print(kb_p.row("people +KB"))
            print(kb_o.row("orgs +KB"))
        return 0
    for name, (gold_file, corpus) in SETS.items():
        if not gold_file.exists() or not corpus.is_dir():
            print(f"{name}: no gold file or no texts ({gold_file}, {corpus})")
            continue
        r = evaluate(gold_file, corpus, only=HALVES.get(name))
        print(f"{name} ({gold_file.name})")
        print(r.people.row("people"))
        print(r.orgs.row("organizations"))
        print(r.dates.row("dates"))
        print(r.events.row("events") + f"  (+{r.inferred} dated by narrative time)")
        print(
            f"  non-dates taken as dates: {len(r.non_dates_found)}"
            + (f" ({', '.join(r.non_dates_found)})" if r.non_dates_found else "")
        )
        if verbose and name not in BLIND:
            for kind, errs in r.errors.items():
                for e in errs:
                    print(f"    {kind}: {e}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
