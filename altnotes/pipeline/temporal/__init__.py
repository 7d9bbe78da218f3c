"""Japanese and English date expressions → normalized values.

``find_dates(text, doc_date)`` finds every date expression in a document and gives each an
ISO-8601-style ``value`` at the precision the text gives (``2023-11-17``, ``2023-11``,
``2019``, ``200X`` for a decade, ``2025-W06`` for a week, ``2006/2009`` for a range) or
``None`` when nothing anchors it, and a TIMEX3-style ``timex`` of what the text states
(``XXXX-07-18`` when the year is open, ``XXXX-WXX-1`` for a Monday, ``2021-SP``). Relative
words (昨年, 先月, 9年前) are resolved against the document date; anaphoric ones (同年, 翌日)
against the date last mentioned in the text.

The grammar is organized by kind, one module of rules each (a rule is a pattern made from
the vocabulary plus a function that builds a point): ``calendar`` (年月日, weekdays, bare
days), ``numeric`` (2021/7/18, 7/18), ``era`` (every era from 大化 on), ``relative`` (昨年,
9年前), ``periods`` (centuries, BC, decades, seasons, quarters, halves, fiscal periods),
``ranges`` and ``english``; ``scanner`` runs them, ``resolve`` places the points,
``docdate`` finds the document date. The vocabulary is data (``data/temporal.toml``,
``data/eras.toml``). Offsets always index the original text: the only normalization is a
one-to-one character map (full-width digits and punctuation). Knows nothing of entities
or spaCy.
"""

from __future__ import annotations

from .base import DateMatch, Kind, kanji_to_int
from .docdate import find_document_date
from .scanner import find_dates, normalize

__all__ = ["DateMatch", "Kind", "find_dates", "find_document_date", "kanji_to_int", "normalize"]
