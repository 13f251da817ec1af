"""Reading and writing plan fields by their exchange-format key; no Qt."""

from __future__ import annotations

import re
from typing import Any

from planbro.translation import _

from planbro.formdefs import Condition, FieldDef, SkipTo
from planbro.model.plan import Service


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


def skips(skip: SkipTo | None, obj: Any) -> bool:
    """True when the plan jumps past the following steps: its condition holds and
    its `unless` does not (a declined offer, but not for a § 142 plan)."""
    return (skip is not None and holds(skip.condition, obj)
            and (skip.unless is None or not holds(skip.unless, obj)))


def pattern_of(path: str) -> str:
    """"goals[1].subgoals[0].deadline" → "goals[].subgoals[].deadline"."""
    return re.sub(r"\[\d+\]", "[]", path)


def choice_label(f: FieldDef, value: Any) -> str:
    """The picklist's label for `value` in the user's language; a value the
    picklist does not know (an older file's) as it is."""
    choice = next((c for c in f.choices if c.value == value), None)
    return choice.label.get() if choice else str(value)


def summary_text(group: FieldDef, item: Any) -> Any:
    """What a group's list shows for `item`: its summary field's value, a
    choice by its label ("Økonomi", not "finances")."""
    value = get_value(item, group.summary_key)
    shown = next((f for f in group.fields if f.key == group.summary_key), None)
    if shown is not None and shown.kind == "choice" and not is_empty(value):
        return choice_label(shown, value)
    return value


def service_pick(service: Service) -> str:
    """ "Indsats: Ophold på forsorgshjem": a service as a part a consent may give alone."""
    title = service.title.strip().splitlines()[0] if service.title.strip() else ""
    return _("Service: {title}").format(title=title or _("(not filled in yet)"))
