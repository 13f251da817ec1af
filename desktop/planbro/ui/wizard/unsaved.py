"""Typed text the plan cannot hold yet — a date such as 31-13-2027, or an
end before its start — kept until the caseworker corrects it; no Qt.

The text rides on the object it was typed for (the plan, or one goal,
sub-goal, service, partner …) as a private attribute that is no dataclass
field. So it moves with its item when the list is reordered, survives the
deep copies the groups and pages make, and never reaches the exchange
format, the store or a document (to_dict reads dataclass fields only).
While the text is wrong the field keeps its last good value (form.py writes
that instead), so a typo never wipes what was saved and the caseload, the
quality check and the documents go on seeing that value; Næste and
Gennemgang point at the text instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from planbro.formdefs import FieldDef, FormDefs, StepDef

from planbro.ui.wizard.missing import route, shown_sections, visit

# The attribute holding {field key relative to the object: typed text}.
ATTR = "_planbro_unsaved"


@dataclass(frozen=True)
class Unsaved:
    step: StepDef
    # Concrete path: "goals[0].subgoals[1].deadline".
    path: str
    # "Mål 1 › Delmål 2 › Frist", as in the list of what is missing.
    label: str
    # What the caseworker typed.
    text: str


def unsaved_of(obj: Any) -> dict[str, str]:
    """The unsaved text on `obj`, by field key; do not change the result."""
    return getattr(obj, ATTR, None) or {}


def keep(obj: Any, key: str, text: str | None) -> None:
    """Remember `text` for `key` on `obj`; None forgets it (it is stored now)."""
    if text is not None:
        vars(obj).setdefault(ATTR, {})[key] = text
    elif key in unsaved_of(obj):
        del vars(obj)[ATTR][key]


def unsaved_in(fields: Iterable[FieldDef], obj: Any, base: str = "",
               trail: str = "") -> Iterable[tuple[str, str, str]]:
    """(path, label, text) for each unsaved text in `obj` and its items."""
    for f, owner, path, label in visit(fields, obj, base, trail):
        text = unsaved_of(owner).get(f.key)
        if text is not None:
            yield path, label, text


def unsaved_inputs(defs: FormDefs, plan: Any) -> list[Unsaved]:
    """Every unsaved text on the plan's route, in the order of the steps."""
    return [Unsaved(step, path, label, text)
            for step in route(defs, plan) for section in shown_sections(step, plan)
            for path, label, text in unsaved_in(section.fields, plan)]
