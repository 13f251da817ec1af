"""What a plan still lacks, step by step, as the wizard definitions say; no Qt.

Only the steps on the plan's route count: when the citizen declines the
offer, the steps skipped on the way to Gennemgang are not missing; nor are
the fields of a section shown only for another basis (the § 110 stay).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from planbro.formdefs import FieldDef, FormDefs, SectionDef, StepDef, walk_fields

from planbro.ui.wizard.mnemonics import strip_mnemonic
from planbro.ui.wizard.values import get_value, holds, is_empty, pattern_of, skips


@dataclass(frozen=True)
class Missing:
    step: StepDef
    # Concrete exchange-format path: "goals[1].subgoals[0].deadline".
    path: str
    # Where it is, as the caseworker reads it: "Mål 2 › Delmål 1 › Frist".
    label: str
    # True: Næste waits for it; False: a gap the law allows for now.
    blocking: bool


def route(defs: FormDefs, plan: Any) -> list[StepDef]:
    """The steps a caseworker passes through for this plan, Gennemgang last."""
    steps, index = [], 0
    while index < len(defs.steps):
        step = defs.steps[index]
        steps.append(step)
        if step.skip_to and skips(step.skip_to, plan):
            index = defs.index(step.skip_to.step)
        else:
            index += 1
    return steps


def shown_sections(step: StepDef, plan: Any) -> list[SectionDef]:
    """The step's sections this plan shows (a section may be for one basis only)."""
    return [s for s in step.sections if holds(s.visible_if, plan)]


def required_now(f: FieldDef, obj: Any) -> bool:
    return f.required or (f.required_if is not None and holds(f.required_if, obj))


def label_of(f: FieldDef) -> str:
    return strip_mnemonic(f.label.get())


def visit(fields: Iterable[FieldDef], obj: Any, base: str = "",
          trail: str = "") -> Iterable[tuple[FieldDef, Any, str, str]]:
    """(field, the object holding it, concrete path, label) for every field
    shown for `obj`, the fields of every group item included, in form order."""
    for f in fields:
        if not holds(f.visible_if, obj):
            continue
        path = f"{base}.{f.key}" if base else f.key
        label = f"{trail} › {label_of(f)}" if trail else label_of(f)
        yield f, obj, path, label
        if f.kind == "group":
            for i, item in enumerate(get_value(obj, f.key) or []):
                item_trail = f"{trail} › " if trail else ""
                yield from visit(f.fields, item, f"{path}[{i}]", f"{item_trail}{f.item_name.get()} {i + 1}")


def _fields(step: StepDef, fields: Iterable[FieldDef], obj: Any, base: str,
            trail: str) -> Iterable[Missing]:
    for f, owner, path, label in visit(fields, obj, base, trail):
        if required_now(f, owner) and is_empty(get_value(owner, f.key)):
            yield Missing(step, path, label, not f.gap)


def missing_in_step(step: StepDef, plan: Any) -> list[Missing]:
    found: list[Missing] = []
    for section in shown_sections(step, plan):
        if section.require_any and all(is_empty(get_value(plan, f.key)) for f in section.fields):
            title = section.title.get() if section.title else step.title.get()
            prefix = section.fields[0].key.rsplit(".", 1)[0]
            found.append(Missing(step, prefix, title, False))
        found.extend(_fields(step, section.fields, plan, "", ""))
    return found


def missing_fields(defs: FormDefs, plan: Any) -> list[Missing]:
    return [m for step in route(defs, plan) for m in missing_in_step(step, plan)]


def step_of_path(defs: FormDefs, path: str) -> StepDef | None:
    """The step that asks for `path` (or for something inside or around it)."""
    wanted = pattern_of(path)
    for step in defs.steps:
        for f in walk_fields(step.fields()):
            if (wanted == f.path or wanted.startswith((f.path + ".", f.path + "["))
                    or f.path.startswith(wanted + ".")):
                return step
    return None
