"""The wizard's definitions (forms/wizard.yaml) as checked dataclasses; no Qt.

A municipality may reword, reorder or add fields in the YAML. Before the
wizard trusts it, the file is checked twice: against wizard.schema.json
(shape) and against the plan model (every key must be a real field of the
right type, every choice a value the plan accepts). A mistake is reported
in the user's language, naming the step and the field that is wrong.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import typing
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from planbro.translation import _, language

from planbro.model.convert import hints, unwrap_optional
from planbro.model.plan import Plan

# The definitions shipped with Planbro, in package planbro.forms.
WIZARD_FILE = "wizard.yaml"
# Their JSON Schema, next to them.
SCHEMA_FILE = "wizard.schema.json"
# Points at a municipality's own wizard.yaml instead of the shipped one.
FORMS_ENV = "PLANBRO_FORMS"
# libyaml's safe loader when PyYAML was built with it (7× faster), else the pure one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Kinds that hold one text.
TEXT_KINDS = ("text", "multiline", "cpr", "phone", "email", "combo")
# Kinds that hold a list of texts: the goals a service supports, ticks in a picklist.
LIST_KINDS = ("goal_links", "picks")


class FormDefsError(ValueError):
    """wizard.yaml is not usable; `problems` lists every mistake found."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__("\n".join(f"{source}: {p}" for p in problems))


@dataclass(frozen=True)
class Text:
    """A text in Danish and, optionally, English (falls back to Danish)."""

    da: str
    en: str | None = None

    def get(self, lang: str | None = None) -> str:
        lang = lang or language()
        return self.en if lang == "en" and self.en else self.da

    def __str__(self) -> str:
        return self.get()


@dataclass(frozen=True)
class Choice:
    value: str
    label: Text
    help: Text | None = None


@dataclass(frozen=True)
class Condition:
    # Relative to the object that holds the field with the condition.
    key: str
    equals: str | bool


@dataclass(frozen=True)
class FieldDef:
    key: str
    kind: str
    label: Text
    # Exchange-format path with "[]" for list items: "goals[].subgoals[].deadline".
    path: str
    help: Text | None = None
    required: bool = False
    # With required: the caseworker may go on; Gennemgang lists it as missing.
    gap: bool = False
    required_if: Condition | None = None
    visible_if: Condition | None = None
    choices: tuple[Choice, ...] = ()
    # The text of the empty choice; None when a choice is always needed.
    allow_empty: Text | None = None
    # Groups only: the name of one item, the key shown in the list, the fields.
    item: Text | None = None
    summary: str | None = None
    fields: tuple[FieldDef, ...] = ()
    # Multi-line fields: the lines the box shows when empty (the citizen's own words get room).
    rows: int | None = None
    # Left empty, the quality check finds a fejl (a gap the wizard allows, not the signature).
    fejl_when_empty: bool = False

    @property
    def blocking(self) -> bool:
        """Næste waits until this field is filled in."""
        return self.required and not self.gap

    @property
    def mark(self) -> str:
        """The label's mark: "*" must be filled in (Næste waits, or the plan has a fejl
        without it), "°" should be (Gennemgang lists it as missing), "" neither."""
        if self.blocking or (self.required_if is not None and not self.gap) or self.fejl_when_empty:
            return "*"
        if self.required or self.required_if is not None:
            return "°"
        return ""

    @property
    def item_name(self) -> Text:
        """A group's name of one item ("Mål"); wizard.schema.json requires it of every group."""
        if self.item is None:
            raise ValueError(f"«{self.key}» is not a group")
        return self.item

    @property
    def summary_key(self) -> str:
        """A group's key of the field its list shows; required of every group too."""
        if self.summary is None:
            raise ValueError(f"«{self.key}» is not a group")
        return self.summary


@dataclass(frozen=True)
class SectionDef:
    fields: tuple[FieldDef, ...]
    title: Text | None = None
    require_any: bool = False
    # Shown (and asked for) only when the plan satisfies it, e.g. basis sel-142.
    visible_if: Condition | None = None


@dataclass(frozen=True)
class SkipTo:
    step: str
    condition: Condition
    # Not when this holds too: a § 142 plan is made although the citizen says no.
    unless: Condition | None = None


@dataclass(frozen=True)
class StepDef:
    id: str
    kind: str
    title: Text
    # 1-based, as shown in "Trin 3 af 9".
    number: int
    intro: Text | None = None
    skip_to: SkipTo | None = None
    sections: tuple[SectionDef, ...] = ()

    def fields(self) -> list[FieldDef]:
        return [f for section in self.sections for f in section.fields]


@dataclass(frozen=True)
class FormDefs:
    steps: tuple[StepDef, ...]
    picklists: dict[str, tuple[Choice, ...]]

    def step(self, step_id: str) -> StepDef:
        return next(s for s in self.steps if s.id == step_id)

    def index(self, step_id: str) -> int:
        return next(i for i, s in enumerate(self.steps) if s.id == step_id)


def walk_fields(fields: typing.Iterable[FieldDef]) -> typing.Iterator[FieldDef]:
    """Every field, groups' fields included, depth first."""
    for f in fields:
        yield f
        yield from walk_fields(f.fields)


@functools.cache
def _validator() -> Draft202012Validator:
    text = (resources.files("planbro.forms") / SCHEMA_FILE).read_text(encoding="utf-8")
    return Draft202012Validator(json.loads(text))


def _where(data: Any, parts: typing.Iterable[str | int]) -> str:
    """A readable name for a place in the YAML: trin «goals» › felt «goals» › felt «title»."""
    names, node = [], data
    for part in parts:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and "id" in node and "kind" in node:
            names.append(_("step «{id}»").format(id=node["id"]))
        elif isinstance(node, dict) and "key" in node and "kind" in node:
            names.append(_("field «{key}»").format(key=node["key"]))
        elif isinstance(node, dict) and "value" in node:
            names.append(_("choice «{value}»").format(value=node["value"]))
        elif isinstance(part, str) and part not in ("steps", "sections", "fields"):
            names.append(f"«{part}»")
    return " › ".join(names) or _("the top of the file")


def _schema_problem(data: Any, error: ValidationError) -> str:
    where = _where(data, error.absolute_path)
    # jsonschema types these as "maybe unset"; a reported error always has them.
    kind = error.validator
    value: Any = error.validator_value
    instance: Any = error.instance
    schema: Any = error.schema
    if kind == "required":
        missing = [k for k in value if k not in instance]
        reason = _("«{key}» is missing").format(key=", ".join(missing))
    elif kind == "additionalProperties":
        known = set(schema.get("properties", {}))
        unknown = sorted(set(instance) - known)
        reason = _("unknown entry «{key}»; check the spelling").format(key=", ".join(unknown))
    elif kind == "enum":
        reason = _("«{value}» is not allowed; choose one of: {allowed}").format(
            value=error.instance, allowed=", ".join(map(str, value)))
    elif kind in ("type", "minLength", "minItems"):
        reason = _("«{value}» has the wrong form or is empty").format(value=error.instance)
    elif kind == "pattern":
        reason = _("«{value}» may hold only small letters a-z, _ and dots").format(
            value=error.instance)
    elif kind == "const":
        reason = _("must be «{value}»").format(value=value)
    elif kind == "not":
        reason = _("has entries that belong to another kind of field or step")
    else:
        reason = error.message
    return f"{where}: {reason}"


# The builder runs on schema-valid data only: a text there always has "da",
# a condition its "key" and "equals"; the required ones are always there.
def _required_text(raw: dict[str, Any]) -> Text:
    return Text(raw["da"], raw.get("en"))


def _text(raw: dict[str, Any] | None) -> Text | None:
    return _required_text(raw) if raw else None


def _required_condition(raw: dict[str, Any]) -> Condition:
    return Condition(raw["key"], raw["equals"])


def _condition(raw: dict[str, Any] | None) -> Condition | None:
    return _required_condition(raw) if raw else None


class _Builder:
    """Turns schema-valid data into dataclasses, checking it against the model."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.problems: list[str] = []
        self.picklists = {
            name: tuple(Choice(c["value"], _required_text(c["label"]), _text(c.get("help")))
                        for c in items)
            for name, items in data["picklists"].items()}

    def fail(self, where: str, reason: str) -> None:
        self.problems.append(f"{where}: {reason}")

    def build(self) -> FormDefs:
        steps, ids = [], [s["id"] for s in self.data["steps"]]
        for number, raw in enumerate(self.data["steps"], start=1):
            steps.append(self._step(raw, number, ids))
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            self.fail(_("step «{id}»").format(id=dup), _("the id is used by more than one step"))
        if sum(s.kind == "review" for s in steps) != 1 or steps[-1].kind != "review":
            self.fail(_("the top of the file"), _("the last step, and only that one, must be of kind review"))
        return FormDefs(tuple(steps), self.picklists)

    def _step(self, raw: dict[str, Any], number: int, ids: list[str]) -> StepDef:
        where = _("step «{id}»").format(id=raw["id"])
        skip = None
        if "skip_to" in raw:
            target = raw["skip_to"]["step"]
            if target not in ids or ids.index(target) <= number - 1:
                self.fail(where, _("skip_to names «{step}», which is not a later step").format(step=target))
            skip = SkipTo(target, _required_condition(raw["skip_to"]["if"]),
                          _condition(raw["skip_to"].get("unless")))
            self._check_condition(where, Plan, skip.condition)
            self._check_condition(where, Plan, skip.unless)
        sections = tuple(
            SectionDef(self._fields(s["fields"], Plan, "", where), _text(s.get("title")),
                       s.get("require_any", False), _condition(s.get("visible_if")))
            for s in raw.get("sections", ()))
        for section in sections:
            self._check_condition(where, Plan, section.visible_if)
        keys = [f.key for s in sections for f in s.fields]
        for dup in sorted({k for k in keys if keys.count(k) > 1}):
            self.fail(where, _("the field «{key}» appears twice").format(key=dup))
        return StepDef(raw["id"], raw["kind"], _required_text(raw["title"]), number,
                       _text(raw.get("intro")), skip, sections)

    def _fields(self, raws: list[dict[str, Any]], cls: type, base: str, where: str) -> tuple[FieldDef, ...]:
        return tuple(self._field(raw, cls, base, where) for raw in raws)

    def _field(self, raw: dict[str, Any], cls: type, base: str, step_where: str) -> FieldDef:
        key, kind = raw["key"], raw["kind"]
        path = f"{base}.{key}" if base else key
        where = f"{step_where} › " + _("field «{key}»").format(key=path)
        tp, meta = resolve(cls, key)
        if tp is None:
            self.fail(where, _("the plan has no field «{key}»").format(key=path))
        elif not self._kind_fits(kind, tp):
            self.fail(where, _("kind «{kind}» does not fit this field of the plan").format(kind=kind))
        choices: tuple[Choice, ...] = ()
        if "picklist" in raw:
            choices = self.picklists.get(raw["picklist"], ())
            if not choices:
                self.fail(where, _("there is no picklist «{name}»").format(name=raw["picklist"]))
            allowed = meta.get("enum") if meta else None
            if kind in ("choice", "picks") and allowed:
                for choice in choices:
                    if choice.value not in allowed:
                        self.fail(where, _("the plan does not accept «{value}»; allowed: {allowed}").format(
                            value=choice.value, allowed=", ".join(allowed)))
        item_cls = None
        fields: tuple[FieldDef, ...] = ()
        if kind == "group" and tp is not None:
            item_cls = typing.get_args(tp)[0] if typing.get_origin(tp) is list else None
            if item_cls is not None:
                fields = self._fields(raw["fields"], item_cls, path + "[]", step_where)
                if resolve(item_cls, raw["summary"])[0] is None:
                    self.fail(where, _("the summary «{key}» is not a field of one item").format(
                        key=raw["summary"]))
        for name in ("required_if", "visible_if"):
            self._check_condition(where, cls, _condition(raw.get(name)))
        return FieldDef(
            key=key, kind=kind, label=_required_text(raw["label"]), path=path, help=_text(raw.get("help")),
            required=raw.get("required", False), gap=raw.get("gap", False),
            required_if=_condition(raw.get("required_if")), visible_if=_condition(raw.get("visible_if")),
            choices=choices, allow_empty=_text(raw.get("allow_empty")), item=_text(raw.get("item")),
            summary=raw.get("summary"), fields=fields, rows=raw.get("rows"),
            fejl_when_empty=raw.get("fejl_when_empty", False))

    def _check_condition(self, where: str, cls: type, condition: Condition | None) -> None:
        if condition is not None and resolve(cls, condition.key)[0] is None:
            self.fail(where, _("the condition names «{key}», which the plan does not have").format(
                key=condition.key))

    @staticmethod
    def _kind_fits(kind: str, tp: Any) -> bool:
        inner, _nullable = unwrap_optional(tp)
        if kind == "group":
            return typing.get_origin(inner) is list and dataclasses.is_dataclass(typing.get_args(inner)[0])
        if kind in LIST_KINDS:
            return bool(inner == list[str])
        if kind == "date":
            return inner is date
        if kind == "bool":
            return inner is bool
        return inner is str and kind in (*TEXT_KINDS, "choice")


def resolve(cls: type, key: str) -> tuple[Any, dict[str, Any] | None]:
    """The type and metadata of `key` ("consent.date") inside `cls`; (None, None) if absent."""
    tp, meta = cls, None
    for part in key.split("."):
        inner, _nullable = unwrap_optional(tp)
        if not (isinstance(inner, type) and dataclasses.is_dataclass(inner)):
            return None, None
        found = {f.name: f for f in dataclasses.fields(inner)}.get(part)
        if found is None:
            return None, None
        tp, meta = hints(inner)[part], dict(found.metadata)
    return tp, meta


def load_formdefs(path: str | Path | None = None, *, text: str | None = None) -> FormDefs:
    """Read and check wizard definitions: `text`, a file, $PLANBRO_FORMS or the shipped ones."""
    if text is None:
        path = path or os.environ.get(FORMS_ENV) or None
        if path:
            text = Path(path).read_text(encoding="utf-8")
        else:
            text = (resources.files("planbro.forms") / WIZARD_FILE).read_text(encoding="utf-8")
    source = Path(path).name if path else WIZARD_FILE
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = _("line {line}, column {column}").format(
            line=mark.line + 1, column=mark.column + 1) if mark else ""
        raise FormDefsError(source, [_("{where}: not valid YAML ({reason})").format(
            where=where, reason=getattr(error, "problem", error))]) from None
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise FormDefsError(source, [_schema_problem(data, e) for e in errors])
    builder = _Builder(data)
    defs = builder.build()
    if builder.problems:
        raise FormDefsError(source, builder.problems)
    return defs


@functools.cache
def default_formdefs() -> FormDefs:
    """The definitions in use, read once per process."""
    return load_formdefs()
