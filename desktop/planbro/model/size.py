"""How much text a plan holds, measured as a plan file holds it.

Import and the documents both bound a plan by MAX_PLAN_FILE_BYTES (limits.py),
measured here the same way: the plan's compact UTF-8 JSON. Import measures
after the text is cleaned, because cleaning (Unicode NFC) can make a text
longer than it was in the file.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from planbro.translation import language

from planbro.model.convert import to_dict
from planbro.model.limits import MAX_PLAN_FILE_BYTES
from planbro.model.plan import Plan
from planbro.model.problems import join_path

# Bytes in a megabyte, as the limit is stated ("5 MB").
MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class TooLarge:
    """A plan over the bound: its size, and its largest text (size and field path)."""

    size: int
    largest: int
    field: str


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


def too_large(plan: Plan) -> TooLarge | None:
    """What makes `plan` larger than a plan file may be; None when it is not."""
    size = plan_bytes(plan)
    if size <= MAX_PLAN_FILE_BYTES:
        return None
    largest, field = max(_texts(to_dict(plan)), default=(0, ""))
    return TooLarge(size, largest, field)


def megabytes(size: int) -> str:
    """ "5 MB", "5,3 MB" (rounded up, so a size over a limit never reads as the
    limit; a decimal comma in Danish)."""
    number = f"{math.ceil(size * 10 / MEGABYTE) / 10:.1f}".removesuffix(".0")
    return f"{number.replace('.', ',') if language() == 'da' else number} MB"
