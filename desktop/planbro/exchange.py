"""planbro-plan/1: one UTF-8 JSON object per plan; read, validate, write.

Import is all or nothing: every problem in a file is collected and reported
with its field, and nothing is returned unless the whole plan is valid. An
unknown key is refused, so a typo can never silently drop data.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from planbro.fileio.atomic import write_atomic
from planbro.translation import _

from planbro.model import Plan, Problem, ValidationError
from planbro.model.convert import from_dict, to_dict
from planbro.model.dates import now_timestamp
from planbro.model.plan import new_id
from planbro.model.problems import join_path
from planbro.model.schema import FORMAT

# The shipped schema's file name in forms/.
SCHEMA_FILE = "planbro-plan-1.schema.json"


@cache
def schema() -> dict[str, Any]:
    text = (resources.files("planbro.forms") / SCHEMA_FILE).read_text(encoding="utf-8")
    shipped: dict[str, Any] = json.loads(text)
    return shipped


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


def _path(parts: Iterable[str | int]) -> str:
    path = ""
    for part in parts:
        path = join_path(path, part)
    return path




def _type_name(name: str) -> str:
    # Kept as literal _() calls so the extractor finds every name.
    return {
        "string": _("text"), "integer": _("a whole number"),
        "boolean": _("true or false"), "array": _("a list"),
        "object": _("an object"), "null": _("empty (null)"),
    }.get(name, name)


def _schema_problems(error: SchemaError) -> list[Problem]:
    """One Danish (or English) problem per schema error, naming the field."""
    where = _path(error.absolute_path)
    kind = error.validator
    # JSON values: the keyword's value in the schema and the value that failed it. (The
    # stubs allow jsonschema's "unset" marker too, which iter_errors never leaves in them.)
    expected: Any = error.validator_value
    instance: Any = error.instance
    if kind == "additionalProperties":
        properties = error.schema.get("properties", {}) if isinstance(error.schema, Mapping) else {}
        known = set(properties)
        return [Problem(join_path(where, key), _("unknown field; check the spelling"))
                for key in sorted(set(instance) - known)]
    if kind == "required":
        missing = [k for k in expected if k not in instance]
        return [Problem(join_path(where, key), _("is missing")) for key in missing]
    if kind == "type":
        names = [expected] if isinstance(expected, str) else expected
        return [Problem(where, _("must be {kind}").format(
            kind=_(" or ").join(_type_name(n) for n in names)))]
    if kind == "enum":
        allowed = ", ".join("null" if v is None else str(v) for v in expected)
        return [Problem(where, _("«{value}» is not allowed; choose one of: {allowed}").format(
            value=instance, allowed=allowed))]
    if kind == "const":
        return [Problem(where, _("must be «{value}»").format(value=expected))]
    if kind == "pattern":
        if "T" in expected:
            reason = _("«{value}» is not a timestamp such as 2027-03-01T09:30:00Z")
        elif "[0-9a-f]" in expected:
            reason = _("«{value}» is not a UUID")
        else:
            reason = _("«{value}» is not a date in the form YYYY-MM-DD")
        return [Problem(where, reason.format(value=instance))]
    if kind == "minimum":
        return [Problem(where, _("must be at least {minimum}").format(minimum=expected))]
    if kind == "minLength":
        return [Problem(where, _("must not be empty"))]
    return [Problem(where, error.message)]


def plan_from_data(data: Any, *, assign_identity: bool = True) -> Plan:
    """Validate exchange-format data and build the Plan, or raise ValidationError."""
    if not isinstance(data, dict):
        raise ValidationError([Problem("", _("the file must hold one JSON object (a plan)"))])
    if data.get("format") != FORMAT:
        got = data.get("format")
        reason = (_("is missing; a Planbro plan has «{expected}»") if got is None
                  else _("«{value}» is not a Planbro plan format; expected «{expected}»"))
        raise ValidationError([Problem("format", reason.format(value=got, expected=FORMAT))])
    problems: list[Problem] = []
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        problems.extend(_schema_problems(error))
    if problems:
        raise ValidationError(problems)
    body = {k: v for k, v in data.items() if k != "format"}
    plan = from_dict(Plan, body)
    if assign_identity:
        stamp = now_timestamp()
        if "id" not in data:
            plan.id = new_id()
        plan.created = plan.created or stamp
        plan.updated = plan.updated or plan.created
    return plan


def plan_from_json(text: str | bytes) -> Plan:
    try:
        data = json.loads(text)
    except UnicodeDecodeError:
        raise ValidationError([Problem("", _("the file is not UTF-8 text"))]) from None
    except json.JSONDecodeError as error:
        raise ValidationError([Problem("", _(
            "not valid JSON: line {line}, column {column}: {message}").format(
                line=error.lineno, column=error.colno, message=error.msg)) ]) from None
    return plan_from_data(data)


def read_plan_file(path: str | Path) -> Plan:
    """Read and validate one plan file; problems name the file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ValidationError([Problem(str(path), _("the file does not exist"))]) from None
    except IsADirectoryError:
        raise ValidationError([Problem(str(path), _("is a folder, not a file"))]) from None
    except OSError as error:
        raise ValidationError([Problem(str(path), _("cannot be read: {error}").format(
            error=error.strerror))]) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        # Notepad on Windows writes a byte-order mark; it is still UTF-8.
        raw = raw[3:]
    return plan_from_json(raw)


def plan_to_data(plan: Plan) -> dict[str, Any]:
    return {"format": FORMAT, **to_dict(plan)}


def dumps_plan(plan: Plan) -> str:
    return json.dumps(plan_to_data(plan), ensure_ascii=False, indent=2) + "\n"


def write_plan_file(plan: Plan, path: str | Path) -> None:
    write_atomic(path, dumps_plan(plan))
