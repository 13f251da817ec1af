"""planbro-plan/3 (and /1 and /2, read): one UTF-8 JSON object per plan; read, validate, write.

Import is all or nothing: every problem in a file is collected and reported
with its field, and nothing is returned unless the whole plan is valid. An
unknown key is refused, so a typo can never silently drop data.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError as SchemaError

from planbro.fileio.atomic import write_atomic
from planbro.translation import _

from planbro.model import Plan, Problem, ValidationError
from planbro.model.convert import from_dict, to_dict
from planbro.model.dates import now_timestamp
from planbro.model.limits import MAX_PLAN_FILE_BYTES
from planbro.model.plan import SERVICE_PREFIX, new_id
from planbro.model.problems import join_path, json_reason, shown
from planbro.model.schema import FORMAT, READ_FORMATS
from planbro.model.size import megabytes, too_large

# The shipped schema's file name in forms/, of the format Planbro writes.
SCHEMA_FILE = READ_FORMATS[FORMAT]


@cache
def schema(format: str = FORMAT) -> dict[str, Any]:
    """The shipped JSON Schema of `format` (one of READ_FORMATS)."""
    text = (resources.files("planbro.forms") / READ_FORMATS[format]).read_text(encoding="utf-8")
    shipped: dict[str, Any] = json.loads(text)
    return shipped


def _is_integer(_checker: object, instance: object) -> bool:
    # JSON Schema calls 2.0 and 1e308 integers; a plan's version or a count is
    # written as a whole number (2), never as a float or true.
    return type(instance) is int


@cache
def _validator(format: str = FORMAT) -> Draft202012Validator:
    checker = Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer)
    strict = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, type_checker=checker)
    validator: Draft202012Validator = strict(schema(format))
    return validator


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
            value=shown(instance), allowed=allowed))]
    if kind == "anyOf" and isinstance(expected, list) and "enum" in expected[0]:
        # A part of the plan (a consent's sections): a code, or "service:" and a service's id.
        allowed = ", ".join([*map(str, expected[0]["enum"]), SERVICE_PREFIX + "<id>"])
        return [Problem(where, _("«{value}» is not allowed; choose one of: {allowed}").format(
            value=shown(instance), allowed=allowed))]
    if kind == "const":
        return [Problem(where, _("must be «{value}»").format(value=expected))]
    if kind == "pattern":
        if "T" in expected:
            reason = _("«{value}» is not a timestamp such as 2027-03-01T09:30:00Z")
        elif "[0-9a-f]" in expected:
            reason = _("«{value}» is not a UUID")
        else:
            reason = _("«{value}» is not a date in the form YYYY-MM-DD")
        return [Problem(where, reason.format(value=shown(instance)))]
    if kind == "minimum":
        return [Problem(where, _("must be at least {minimum}").format(minimum=expected))]
    if kind == "maximum":
        return [Problem(where, _("must be at most {maximum}").format(maximum=expected))]
    if kind == "minLength":
        return [Problem(where, _("must not be empty"))]
    if kind == "uniqueItems":
        return [Problem(where, _("holds the same value twice"))]
    # jsonschema's own English message quotes the value: not shown, it may be a CPR number.
    return [Problem(where, _("is not allowed here ({rule})").format(rule=kind))]


def _empty_name(body: Mapping[str, Any]) -> list[Problem]:
    """The citizen's name, required, is refused when nothing visible is left of it after
    cleaning: only spaces, control or zero-width characters."""
    from planbro.model.text import clean_text, is_blank

    name = body.get("citizen", {}).get("name")
    if isinstance(name, str) and name and is_blank(clean_text(name)):
        return [Problem("citizen.name", _("must not be empty"))]
    return []


def plan_from_data(data: Any, *, assign_identity: bool = True) -> Plan:
    """Validate exchange-format data and build the Plan, or raise ValidationError."""
    if not isinstance(data, dict):
        raise ValidationError([Problem("", _("the file must hold one JSON object (a plan)"))])
    if data.get("format") not in READ_FORMATS:
        got = data.get("format")
        reason = (_("is missing; a Planbro plan has «{expected}»") if got is None
                  else _("«{value}» is not a Planbro plan format; expected «{expected}»"))
        raise ValidationError([Problem("format", reason.format(value=shown(got), expected=FORMAT))])
    problems: list[Problem] = []
    # A file of an older format is checked against that format's schema; the
    # fields added since take their defaults in the plan built from it.
    for error in sorted(_validator(data["format"]).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        problems.extend(_schema_problems(error))
    if problems:
        raise ValidationError(problems)
    body = {k: v for k, v in data.items() if k != "format"}
    try:
        plan = from_dict(Plan, body)
    except ValidationError as error:
        raise ValidationError(error.problems + _empty_name(body)) from None
    if problems := _empty_name(body):
        raise ValidationError(problems)
    if (found := too_large(plan)) is not None:
        # Cleaning (NFC) can make a text longer than it was in the file.
        raise ValidationError([Problem(found.field, _(
            "the plan holds {size} of text once cleaned, more than the {limit} a plan file may "
            "hold; this text alone holds {largest}: shorten it").format(
                size=megabytes(found.size), limit=megabytes(MAX_PLAN_FILE_BYTES),
                largest=megabytes(found.largest)))])
    if assign_identity:
        stamp = now_timestamp()
        if "id" not in data:
            plan.id = new_id()
        plan.created = plan.created or stamp
        plan.updated = plan.updated or plan.created
    return plan


# The deepest nesting of objects and lists a plan file may have; a plan needs 5
# (partners[0].consent.date), so this is room to spare, and far below Python's limits.
MAX_DEPTH = 32
# The longest number in a plan file, in characters: a version or a count has a few
# digits; Python refuses to read integers of more than 4,300 digits at all.
MAX_NUMBER_CHARS = 32
# Byte-order marks a plan file may not start with, and the encoding each one means
# (UTF-32's marks first: UTF-32-LE's begins with UTF-16-LE's).
_FOREIGN_BOMS = ((b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe\x00\x00", "UTF-32"),
                 (b"\xfe\xff", "UTF-16"), (b"\xff\xfe", "UTF-16"))
# UTF-8's byte-order mark, which Notepad on Windows writes (once).
_UTF8_BOM = b"\xef\xbb\xbf"


class _Object(dict[str, Any]):
    """A JSON object as read, with the keys it held more than once."""

    duplicates: list[str]


class _BadNumber:
    """A number in the file Planbro will not read (too long, NaN, infinite), kept
    where it stood so that the refusal can name its field."""

    def __init__(self, text: str):
        self.text = text


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object(pairs)
    result.duplicates = []
    if len(result) < len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                result.duplicates.append(key)
            seen.add(key)
    return result


def _integer(text: str) -> int | _BadNumber:
    return int(text) if len(text) <= MAX_NUMBER_CHARS else _BadNumber(text)


def _float(text: str) -> float | _BadNumber:
    value = float(text) if len(text) <= MAX_NUMBER_CHARS else float("inf")
    return value if abs(value) != float("inf") else _BadNumber(text)


def _bytes_problem() -> Problem:
    return Problem("", _("the file is not UTF-8 text; save it as UTF-8 (in Notepad: "
                         "Save as, Encoding UTF-8) and import it again"))


def _decode(raw: bytes) -> str:
    """The text of a plan file: UTF-8, with or without one byte-order mark."""
    for bom, encoding in _FOREIGN_BOMS:
        if raw.startswith(bom):
            raise ValidationError([Problem("", _(
                "the file is {encoding} text, not UTF-8; save it as UTF-8 and import it "
                "again").format(encoding=encoding))])
    raw = raw.removeprefix(_UTF8_BOM)
    if raw.startswith(_UTF8_BOM):
        raise ValidationError([Problem("", _(
            "the file begins with two byte-order marks; save it as UTF-8 and import it again"))])
    if b"\x00" in raw:
        # JSON text never holds a NUL byte: this is UTF-16 or UTF-32 without a mark.
        raise ValidationError([_bytes_problem()])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError([_bytes_problem()]) from None


def _deep_path(text: str) -> str:
    """Where `text` (JSON nested too deeply for Python to read) first goes deeper
    than MAX_DEPTH: the keys and indexes on the way, as a field path."""
    import re

    path: list[str | int] = []
    token = re.compile(r'"(?:[^"\\]|\\.)*"\s*:|"(?:[^"\\]|\\.)*"|[\[\]{},]')
    for match in token.finditer(text):
        word = match.group()
        if word in "[{":
            if len(path) >= MAX_DEPTH:
                break
            path.append(0 if word == "[" else "")
        elif word in "]}" and path:
            path.pop()
        elif word == "," and path and isinstance(path[-1], int):
            path[-1] += 1
        elif word.endswith(":") and path and isinstance(path[-1], str):
            try:
                path[-1] = json.loads(word[:-1].rstrip())
            except ValueError:
                path[-1] = "?"
    return _path(path)


def _short(where: str) -> str:
    """A field path cut after its first three steps: purpose[0][0]… for nesting too deep."""
    import re

    head = re.match(r"[^.\[]*(?:\.[^.\[]*|\[[0-9]+\]){0,2}", where)
    cut = head.group() if head else where
    return cut + "…" if cut != where else where


def _strict_problems(data: Any) -> list[Problem]:
    """What json.loads reads but a plan file may not hold: a key twice in one
    object, a number too long or not finite, nesting deeper than MAX_DEPTH."""
    problems: list[Problem] = []
    stack: list[tuple[str, Any, int]] = [("", data, 0)]
    while stack:
        where, value, depth = stack.pop()
        if isinstance(value, _BadNumber) and len(value.text) > MAX_NUMBER_CHARS:
            problems.append(Problem(where, _(
                "a number of {count} characters is too long (at most {limit})").format(
                    count=len(value.text), limit=MAX_NUMBER_CHARS)))
        elif isinstance(value, _BadNumber):
            problems.append(Problem(where, _("«{number}» is not a finite number").format(
                number=shown(value.text))))
        elif depth >= MAX_DEPTH and isinstance(value, dict | list):
            problems.append(Problem(_short(where), _(
                "is nested more than {depth} levels deep").format(depth=MAX_DEPTH)))
        elif isinstance(value, _Object):
            problems.extend(Problem(join_path(where, key), _(
                "appears more than once in the same object; keep one")) for key in
                dict.fromkeys(value.duplicates))
            stack.extend((join_path(where, k), v, depth + 1) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((join_path(where, i), v, depth + 1) for i, v in enumerate(value))
    return sorted(problems, key=lambda p: p.field)


def plan_from_json(text: str | bytes) -> Plan:
    """Read one plan from planbro-plan JSON (either format) (bytes: UTF-8, see _decode); raise
    ValidationError naming each problem's field."""
    if isinstance(text, bytes):
        text = _decode(text)
    try:
        data = json.loads(text, object_pairs_hook=_object, parse_int=_integer,
                          parse_float=_float, parse_constant=_BadNumber)
    except RecursionError:
        raise ValidationError([Problem(_short(_deep_path(text)), _(
            "is nested more than {depth} levels deep").format(depth=MAX_DEPTH))]) from None
    except json.JSONDecodeError as error:
        raise ValidationError([Problem("", _(
            "not valid JSON: line {line}, column {column}: {message}").format(
                line=error.lineno, column=error.colno, message=json_reason(error.msg))),
        ]) from None
    problems = _strict_problems(data)
    if problems:
        raise ValidationError(problems)
    return plan_from_data(data)


def _open_regular(path: Path) -> int:
    """A descriptor of `path` opened for reading, refused when `path` is not a plain
    file (a folder, a pipe, a device such as /dev/zero): those are never read."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        raise ValidationError([Problem(str(path), _("the file does not exist"))]) from None
    except OSError as error:
        raise ValidationError([Problem(str(path), _("cannot be read: {error}").format(
            error=error.strerror))]) from None
    if stat.S_ISDIR(found.st_mode):
        raise ValidationError([Problem(str(path), _("is a folder, not a file"))])
    if not stat.S_ISREG(found.st_mode):
        raise ValidationError([Problem(str(path), _(
            "is not an ordinary file (a device or a pipe); it was not read"))])
    # O_NONBLOCK: should the name be swapped for a pipe after the check, opening
    # it does not wait for a writer; fstat below then refuses it.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise ValidationError([Problem(str(path), _("cannot be read: {error}").format(
            error=error.strerror))]) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ValidationError([Problem(str(path), _(
            "is not an ordinary file (a device or a pipe); it was not read"))])
    return fd


def _too_large(path: Path) -> ValidationError:
    return ValidationError([Problem(str(path), _(
        "is larger than {size} MB, the most a plan file may be; it was not read").format(
            size=MAX_PLAN_FILE_BYTES // (1024 * 1024)))])


def read_plan_file(path: str | Path) -> Plan:
    """Read and validate one plan file; problems name the file. At most
    MAX_PLAN_FILE_BYTES are read, and only from an ordinary file."""
    path = Path(path)
    fd = _open_regular(path)
    try:
        if os.fstat(fd).st_size > MAX_PLAN_FILE_BYTES:
            raise _too_large(path)
        with os.fdopen(fd, "rb") as file:
            fd = -1
            raw = file.read(MAX_PLAN_FILE_BYTES + 1)
    except OSError as error:
        raise ValidationError([Problem(str(path), _("cannot be read: {error}").format(
            error=error.strerror))]) from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(raw) > MAX_PLAN_FILE_BYTES:
        raise _too_large(path)
    return plan_from_json(raw)


def plan_to_data(plan: Plan) -> dict[str, Any]:
    return {"format": FORMAT, **to_dict(plan)}


def dumps_plan(plan: Plan) -> str:
    return json.dumps(plan_to_data(plan), ensure_ascii=False, indent=2) + "\n"


def write_plan_file(plan: Plan, path: str | Path) -> None:
    write_atomic(path, dumps_plan(plan))
