"""The date an article was written, read from its first lines, so `as_of` can be the article's own date.

A news text usually opens with a dateline or a date line: "2024-12-08", "8 December 2024", "December 8, 2024",
"08.12.2024". Only the first DATELINE_CHARS characters are read, and only a real calendar date is taken.
"""

from __future__ import annotations

import datetime as dt
import re

DATELINE_CHARS = 400
_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\.? ({_MONTH})\.? (\d{{4}})\b", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b({_MONTH})\.? (\d{{1,2}}),? (\d{{4}})\b", re.IGNORECASE)
_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")


def _date(year: str, month: int | str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def article_date(text: str) -> dt.date | None:
    """The first date written in the article's opening, or None."""
    head = text[:DATELINE_CHARS]
    found: list[tuple[int, dt.date | None]] = []
    for m in _ISO.finditer(head):
        found.append((m.start(), _date(m.group(1), m.group(2), m.group(3))))
    for m in _DAY_MONTH.finditer(head):
        found.append((m.start(), _date(m.group(3), _MONTHS[m.group(2).lower()], m.group(1))))
    for m in _MONTH_DAY.finditer(head):
        found.append((m.start(), _date(m.group(3), _MONTHS[m.group(1).lower()], m.group(2))))
    for m in _DOTTED.finditer(head):
        found.append((m.start(), _date(m.group(3), m.group(2), m.group(1))))
    dates = [d for _, d in sorted(found, key=lambda f: f[0]) if d is not None]
    return dates[0] if dates else None
