"""The JSON Schema of planbro-plan/3, derived from the dataclasses.

The shipped copy, forms/planbro-plan-3.schema.json, is this function's
output; a test keeps the two equal. Regenerate with
`python -m planbro.model.schema > forms/planbro-plan-3.schema.json`.
forms/planbro-plan-1.schema.json and planbro-plan-2.schema.json are the earlier
formats' schemas, frozen: files in them are still read (exchange.py), and the
fields added since take their defaults.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from datetime import date
from typing import TYPE_CHECKING, Any

from planbro.model.convert import hints, unwrap_optional
from planbro.model.plan import Plan

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

# The exchange format's tag, the value of the "format" key, as Planbro writes it.
FORMAT = "planbro-plan/3"
# Every format Planbro reads, each with its schema file in forms/ (all but the last frozen).
READ_FORMATS = {"planbro-plan/1": "planbro-plan-1.schema.json",
                "planbro-plan/2": "planbro-plan-2.schema.json",
                "planbro-plan/3": "planbro-plan-3.schema.json"}
# An ISO date, or empty. [0-9], not \d: a JSON Schema pattern's \d may take any
# script's digits (Python's does). Patterns are ECMA-262, as JSON Schema says; the
# plan model also matches the whole value (model/convert.py), which "$" does not in Python.
_DATE_PATTERN = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"
# A UUID in its canonical lower-case form.
_UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
# An ISO 8601 timestamp (UTC with Z, or an offset), or empty.
_TIMESTAMP_PATTERN = (r"^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
                      r"(Z|[+-][0-9]{2}:[0-9]{2}))?$")
# Keys assigned by Planbro when a file leaves them out.
IDENTITY_KEYS = ("id", "version", "status", "created", "updated")


def _type_schema(tp: Any, f: dataclasses.Field[Any] | None) -> dict[str, Any]:
    inner, nullable = unwrap_optional(tp)
    meta = f.metadata if f is not None else {}
    if isinstance(inner, type) and dataclasses.is_dataclass(inner):
        schema = object_schema(inner)
    elif typing.get_origin(inner) is list:
        (item_tp,) = typing.get_args(inner)
        schema = {"type": "array", "items": _type_schema(item_tp, None)}
        if "enum" in meta:
            # A list of codes (a consent's sections): each item one of them, none twice.
            schema["items"]["enum"] = list(meta["enum"])
            if "prefixed" in meta:
                # Or the prefix and an identifier (a service's id): "service:<id>".
                del schema["items"]["enum"]
                schema["items"]["anyOf"] = [
                    {"enum": list(meta["enum"])},
                    {"pattern": "^" + meta["prefixed"] + r"[^\s]+$"}]
            schema["uniqueItems"] = True
            meta = {k: v for k, v in meta.items() if k != "enum"}
    elif inner is date:
        schema = {"type": ["string", "null"], "pattern": _DATE_PATTERN}
        nullable = False
    elif inner is bool:
        schema = {"type": "boolean"}
    elif inner is int:
        schema = {"type": "integer"}
    else:
        schema = {"type": "string"}
    if "enum" in meta:
        schema["enum"] = list(meta["enum"]) + ([None] if nullable else [])
    if "minimum" in meta:
        schema["minimum"] = meta["minimum"]
    if "maximum" in meta:
        schema["maximum"] = meta["maximum"]
    if "min_length" in meta:
        schema["minLength"] = meta["min_length"]
    if "uuid" in meta:
        schema["pattern"] = _UUID_PATTERN
    if "timestamp" in meta:
        schema["pattern"] = _TIMESTAMP_PATTERN
    if nullable:
        schema["type"] = [schema["type"], "null"]
    return schema


def object_schema(cls: type[DataclassInstance]) -> dict[str, Any]:
    fields = dataclasses.fields(cls)
    schema: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {f.name: _type_schema(hints(cls)[f.name], f) for f in fields},
    }
    required = [f.name for f in fields if f.metadata.get("required")]
    if required:
        schema["required"] = required
    return schema


def plan_schema() -> dict[str, Any]:
    body = object_schema(Plan)
    body["properties"] = {"format": {"const": FORMAT}, **body["properties"]}
    body["required"] = ["format", *body.get("required", [])]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://planbro.dk/schema/{FORMAT.replace('/', '-')}.json",
        "title": f"Planbro handleplan ({FORMAT})",
        **body,
    }


def dumps_schema() -> str:
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    print(dumps_schema(), end="")
