"""English dates."""

from __future__ import annotations

import datetime as dt

import pytest

from altnotes.pipeline.temporal import find_dates

from .common import DOC, SAME, Row, check

CASES: list[Row] = [
    ("February 12, 2025", None, "2025-02-12", "date", SAME),
    ("Feb. 12th 2025", None, "2025-02-12", "date", SAME),
    ("12 February 2025", None, "2025-02-12", "date", SAME),
    ("March 2025", None, "2025-03", "date", SAME),
    ("October 3", DOC, "2024-10-03", "date", SAME),
    ("October 3", None, None, "date", "XXXX-10-03"),
]


@pytest.mark.parametrize(("text", "doc", "value", "kind", "timex"), CASES)
def test_english_cases(
    text: str, doc: dt.date | None, value: str | None, kind: str, timex: str | None
) -> None:
    check(text, doc, value, kind, timex)


@pytest.mark.parametrize("text", ["Mar 3", "may be", "the march of time"])
def test_weak_or_lower_case_months_are_not_dates(text: str) -> None:
    assert find_dates(text) == []
