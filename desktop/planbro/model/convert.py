"""Between plain dicts (the exchange format) and the plan's dataclasses.

from_dict expects data that already passed the JSON Schema (types, enums,
unknown keys); it adds what a schema cannot say: real dates, CPR rules,
an end not before its start, and it cleans every text on the way in.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from planbro.translation import _

from planbro.model.cpr import parse_cpr
from planbro.model.dates import ends_before_start, is_timestamp, parse_date
from planbro.model.problems import Problem, ValidationError, join_path, shown
from planbro.model.text import clean_text

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")
# A UUID in its canonical lower-case form, matched whole.
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@functools.cache
def hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def unwrap_optional(tp: Any) -> tuple[Any, bool]:
    """(inner type, nullable) for `X | None`; (tp, False) otherwise."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0], True
    return tp, False


def to_dict(obj: Any) -> Any:
    """Dataclass → exchange-format value, keys in field order."""
    if dataclasses.is_dataclass(obj):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list):
        return [to_dict(item) for item in obj]
    if isinstance(obj, date):
        return obj.isoformat()
    return obj


def from_dict(cls: type[T], data: Mapping[str, Any]) -> T:
    """Build `cls` from `data`; raise ValidationError listing every problem."""
    problems: list[Problem] = []
    result = _build(cls, data, "", problems)
    if problems:
        raise ValidationError(problems)
    return result


def _build(cls: type[T], data: Mapping[str, Any], path: str, problems: list[Problem]) -> T:
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        where = join_path(path, f.name)
        values[f.name] = _value(hints(cls)[f.name], f, data[f.name], where, problems)
    obj = cls(**values)
    for f in dataclasses.fields(cls):
        after = f.metadata.get("after")
        end, start = getattr(obj, f.name), getattr(obj, after, None) if after else None
        if after and isinstance(start, date) and ends_before_start(end, start):
            problems.append(Problem(join_path(path, f.name), _(
                "must not be before {other} ({date})").format(
                    other=join_path(path, after), date=start.isoformat())))
    return obj


def _value(tp: Any, f: dataclasses.Field[Any], raw: Any, where: str, problems: list[Problem]) -> Any:
    inner, nullable = unwrap_optional(tp)
    if raw is None or (raw == "" and inner is date):
        return None if nullable or inner is date else f.default
    if isinstance(inner, type) and dataclasses.is_dataclass(inner):
        return _build(inner, raw, where, problems)
    if typing.get_origin(inner) is list:
        (item_tp,) = typing.get_args(inner)
        if isinstance(item_tp, type) and dataclasses.is_dataclass(item_tp):
            return [_build(item_tp, item, join_path(where, i), problems)
                    for i, item in enumerate(raw)]
        items = [clean_text(item) if isinstance(item, str) else item for item in raw]
        for i, item in enumerate(items):
            _check_text(f, item, join_path(where, i), problems)
        return items
    if inner is date:
        try:
            return parse_date(raw)
        except (ValueError, TypeError):
            problems.append(Problem(where, _(
                "«{value}» is not a real date in the form YYYY-MM-DD").format(value=shown(raw))))
            return None
    if inner is int:
        return _whole_number(f, raw, where, problems)
    if isinstance(raw, str):
        raw = clean_text(raw)
        _check_text(f, raw, where, problems)
        if f.metadata.get("cpr") and raw.strip():
            try:
                return parse_cpr(raw)[0]
            except ValueError as error:
                # A file's refusal goes to a terminal: a CPR-looking value is hidden
                # (the wizard, beside the field being typed, quotes it whole).
                problems.append(Problem(where, cpr_reason(str(error), shown(raw))))
                return raw
    return raw


def _whole_number(f: dataclasses.Field[Any], raw: Any, where: str,
                  problems: list[Problem]) -> Any:
    """An int field's value: a JSON integer (not 2.0, 1e308 or true) within its bounds."""
    if type(raw) is not int:
        problems.append(Problem(where, _("must be {kind}").format(kind=_("a whole number"))))
        return f.default
    if "minimum" in f.metadata and raw < f.metadata["minimum"]:
        problems.append(Problem(where, _("must be at least {minimum}").format(
            minimum=f.metadata["minimum"])))
    elif "maximum" in f.metadata and raw > f.metadata["maximum"]:
        problems.append(Problem(where, _("must be at most {maximum}").format(
            maximum=f.metadata["maximum"])))
    return raw


def _check_text(f: dataclasses.Field[Any], text: Any, where: str, problems: list[Problem]) -> None:
    """The forms a schema pattern cannot hold exactly: a whole UUID or timestamp
    (a pattern's "$" lets a trailing newline through, its \\d takes any script's
    digits), a real moment, an identifier without spaces or control characters."""
    if not isinstance(text, str) or not text:
        return
    meta = f.metadata
    if meta.get("uuid") and not _UUID.fullmatch(text):
        problems.append(Problem(where, _("«{value}» is not a UUID").format(value=shown(text))))
    elif meta.get("timestamp") and not is_timestamp(text):
        problems.append(Problem(where, _(
            "«{value}» is not a timestamp such as 2027-03-01T09:30:00Z").format(value=shown(text))))
    elif (meta.get("ident") or text.startswith(meta.get("prefixed", ()))) \
            and not is_ident(text):
        problems.append(Problem(where, _(
            "«{value}» holds a space, a line break or a control character").format(
                value=shown(text))))


def is_ident(text: str) -> bool:
    """True for an identifier another system may give (a goal's id): no space,
    line break, control or format character (a zero-width space) anywhere."""
    return all(not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf") for c in text)


def cpr_reason(code: str, raw: str) -> str:
    """The Danish (or English) reason for a refused CPR number."""
    if code == "date":
        return _("«{value}» does not begin with a real date of birth (DDMMYY)").format(value=raw)
    return _("«{value}» is not a CPR number in the form DDMMYY-SSSS").format(value=raw)
