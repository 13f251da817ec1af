"""The bound on how much text a plan document is made of.

╭──────────────────────────────────────────────────────────────────────────╮
│ Rendering is linear in the text (long_text.py) but still takes about a   │
│ second per megabyte for the PDF. A plan larger than a plan file may be   │
│ (model.limits.MAX_PLAN_FILE_BYTES, measured as the compact JSON of the   │
│ plan, so every importable plan is renderable) is refused at once, naming │
│ its largest text, instead of keeping the user waiting for minutes.       │
╰──────────────────────────────────────────────────────────────────────────╯
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

from planbro.translation import _, language

from planbro.model.convert import to_dict
from planbro.model.limits import MAX_PLAN_FILE_BYTES
from planbro.model.plan import Plan
from planbro.model.problems import Problem, ValidationError, join_path

# Bytes in a megabyte, as the limit is stated ("5 MB").
MEGABYTE = 1024 * 1024


def plan_bytes(plan: Plan) -> int:
    """The size of `plan` as compact UTF-8 JSON (what a plan file holds, less its indentation)."""
    text = json.dumps(to_dict(plan), ensure_ascii=False, separators=(",", ":"))
    return len(text.encode("utf-8"))


def _texts(value: Any, path: str = "") -> Iterator[tuple[int, str]]:
    """(UTF-8 size, exchange-format path) of every text in a to_dict() value."""
    if isinstance(value, str):
        yield len(value.encode("utf-8")), path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, join_path(path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, join_path(path, i))


def megabytes(size: int) -> str:
    """ "5 MB", "5,3 MB" (rounded up, so a size over a limit never reads as the
    limit; a decimal comma in Danish)."""
    number = f"{math.ceil(size * 10 / MEGABYTE) / 10:.1f}".removesuffix(".0")
    return f"{number.replace('.', ',') if language() == 'da' else number} MB"


def check_size(plan: Plan) -> None:
    """Raise ValidationError, naming the largest text, when `plan` is too large to render."""
    size = plan_bytes(plan)
    if size <= MAX_PLAN_FILE_BYTES:
        return
    largest, field = max(_texts(to_dict(plan)), default=(0, ""))
    reason = _("the plan holds {size} of text, more than the {limit} a document can be made "
               "of (the size limit for a plan file); this text alone holds {largest}: "
               "shorten it").format(size=megabytes(size), limit=megabytes(MAX_PLAN_FILE_BYTES),
                                    largest=megabytes(largest))
    raise ValidationError([Problem(field, reason)])
