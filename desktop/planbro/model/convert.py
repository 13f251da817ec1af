"""Between plain dicts (the exchange format) and the plan's dataclasses.

from_dict expects data that already passed the JSON Schema (types, enums,
unknown keys); it adds what a schema cannot say: real dates, CPR rules,
an end not before its start, and it cleans every text on the way in.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from planbro.translation import _

from planbro.model.cpr import parse_cpr
from planbro.model.dates import ends_before_start, parse_date
from planbro.model.problems import Problem, ValidationError, join_path
from planbro.model.text import clean_text

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


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
        return [clean_text(item) if isinstance(item, str) else item for item in raw]
    if inner is date:
        try:
            return parse_date(raw)
        except ValueError:
            problems.append(Problem(where, _(
                "«{value}» is not a real date in the form YYYY-MM-DD").format(value=raw)))
            return None
    if isinstance(raw, str):
        raw = clean_text(raw)
        if f.metadata.get("cpr") and raw.strip():
            try:
                return parse_cpr(raw)[0]
            except ValueError as error:
                problems.append(Problem(where, cpr_reason(str(error), raw)))
                return raw
    return raw


def cpr_reason(code: str, raw: str) -> str:
    """The Danish (or English) reason for a refused CPR number."""
    if code == "date":
        return _("«{value}» does not begin with a real date of birth (DDMMYY)").format(value=raw)
    return _("«{value}» is not a CPR number in the form DDMMYY-SSSS").format(value=raw)
