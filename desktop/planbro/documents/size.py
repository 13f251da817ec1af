"""The bounds on how much a plan document is made of: text, lines and rows.

╭──────────────────────────────────────────────────────────────────────────╮
│ Rendering is linear in the text (long_text.py) but still takes about a   │
│ second per megabyte for the PDF. A plan larger than a plan file may be   │
│ (model.limits.MAX_PLAN_FILE_BYTES, measured as the compact JSON of the   │
│ plan, so every importable plan is renderable) is refused at once, naming │
│ its largest text, instead of keeping the user waiting for minutes.       │
│                                                                          │
│ Within 5 MB the cost is in the count of things, not in bytes: each line  │
│ of a text field is a paragraph (0.2 ms each in the PDF, a million "a"    │
│ lines took 210 s and 2.2 GB), each service a table row with its note     │
│ (3-5 ms). So a document also holds at most MAX_LINES lines of text and   │
│ MAX_ROWS table rows, far above any real plan (a real plan has fewer than │
│ 50 services and a few hundred lines; the one-line texts of the rows,     │
│ about ten a row, fit within MAX_LINES) and each a few seconds to render; │
│ beyond either, the plan is refused at once, naming the text or the list  │
│ that holds the most.                                                     │
╰──────────────────────────────────────────────────────────────────────────╯
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from babel.numbers import format_decimal

from planbro.translation import _, language

from planbro.model.convert import to_dict
from planbro.model.limits import MAX_PLAN_FILE_BYTES
from planbro.model.plan import Plan
from planbro.model.problems import Problem, ValidationError, join_path
from planbro.model.size import megabytes, plan_bytes, too_large

# What the tests and the layout use by these names.
__all__ = ["MAX_LINES", "MAX_ROWS", "check_size", "plan_bytes"]

# Most lines of text a document holds: every line of every text in the plan
# (a one-line text is one line; a long line that wraps is still one).
MAX_LINES = 20_000
# Most table rows a document holds: the items of the plan's lists (services,
# their phases, goals, sub-goals, partners, handovers, follow-ups).
MAX_ROWS = 1_000


def _counts(value: Any, path: str, lines: list[tuple[int, str]],
            rows: list[tuple[int, str]]) -> None:
    """Add (lines, path) for each text and (items, path) for each list of a
    to_dict() value to `lines` and `rows`."""
    if isinstance(value, str):
        if value:
            lines.append((value.count("\n") + 1, path))
    elif isinstance(value, dict):
        for key, item in value.items():
            _counts(item, join_path(path, key), lines, rows)
    elif isinstance(value, list):
        items = sum(isinstance(item, dict) for item in value)
        if items:
            rows.append((items, path))
        for i, item in enumerate(value):
            _counts(item, join_path(path, i), lines, rows)


def _number(count: int) -> str:
    """ "10.000" in Danish, "10,000" in English."""
    return str(format_decimal(count, locale=language()))


def _over_counts(plan: Plan) -> Iterator[Problem]:
    lines: list[tuple[int, str]] = []
    rows: list[tuple[int, str]] = []
    _counts(to_dict(plan), "", lines, rows)
    total_rows = sum(count for count, _field in rows)
    if total_rows > MAX_ROWS:
        largest, field = max(rows)
        yield Problem(field, _(
            "the plan holds {count} table rows (services, phases, goals, sub-goals, partners, "
            "handovers and follow-ups), more than the {limit} a document can hold; this list "
            "alone holds {largest}: remove some").format(
            count=_number(total_rows), limit=_number(MAX_ROWS), largest=_number(largest)))
    total = sum(count for count, _field in lines)
    largest, field = max(lines, default=(0, ""))
    # Too many rows also make many one-line texts: then the rows are named alone.
    if total > MAX_LINES and (largest > 1 or total_rows <= MAX_ROWS):
        yield Problem(field, _(
            "the plan holds {count} lines of text, more than the {limit} a document can "
            "hold; this text alone holds {largest} lines: join or shorten them").format(
            count=_number(total), limit=_number(MAX_LINES), largest=_number(largest)))


def check_size(plan: Plan) -> None:
    """Raise ValidationError, naming the largest text or list, when `plan` is
    too large to render: more text than a plan file may hold, more than
    MAX_LINES lines or more than MAX_ROWS table rows."""
    found = too_large(plan)
    if found is not None:
        reason = _("the plan holds {size} of text, more than the {limit} a document can be made "
                   "of (the size limit for a plan file); this text alone holds {largest}: "
                   "shorten it").format(size=megabytes(found.size),
                                        limit=megabytes(MAX_PLAN_FILE_BYTES),
                                        largest=megabytes(found.largest))
        raise ValidationError([Problem(found.field, reason)])
    problems = list(_over_counts(plan))
    if problems:
        raise ValidationError(problems)
