"""What the per-kind case tables share: the document dates and the check of one row."""

from __future__ import annotations

import datetime as dt

from altnotes.pipeline.temporal import normalize

DOC = dt.date(2025, 2, 12)
NEWS_DOC = dt.date(2024, 9, 20)
SAME = "="  # in a table's timex column: the timex equals the value

# a row: (text, document date, value, kind, timex)
Row = tuple[str, dt.date | None, str | None, str, str | None]


def check(text: str, doc: dt.date | None, value: str | None, kind: str, timex: str | None) -> None:
    found = normalize(text, doc)
    assert found is not None, f"{text!r} not recognized as one date"
    assert (found.value, found.kind) == (value, kind)
    assert found.timex == (value if timex == SAME else timex)
    assert found.resolved == (found.anchor is not None)
