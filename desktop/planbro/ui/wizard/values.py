"""Reading and writing plan fields by their exchange-format key; no Qt."""

from __future__ import annotations

import re
from typing import Any

from planbro.formdefs import Condition


def get_value(obj: Any, key: str) -> Any:
    """obj's value at `key` ("consent.date"); None when a step is missing."""
    for part in key.split("."):
        if obj is None:
            return None
        obj = getattr(obj, part)
    return obj


def set_value(obj: Any, key: str, value: Any) -> None:
    *parents, last = key.split(".")
    for part in parents:
        obj = getattr(obj, part)
    setattr(obj, last, value)


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple)):
        return not value
    return False


def holds(condition: Condition | None, obj: Any) -> bool:
    """True when there is no condition or obj satisfies it."""
    return condition is None or get_value(obj, condition.key) == condition.equals


def pattern_of(path: str) -> str:
    """"goals[1].subgoals[0].deadline" → "goals[].subgoals[].deadline"."""
    return re.sub(r"\[\d+\]", "[]", path)
