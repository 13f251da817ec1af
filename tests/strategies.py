"""Hypothesis strategies that build valid plans from the model's own type hints."""

from __future__ import annotations

import dataclasses
import typing
from datetime import date

from hypothesis import strategies as st

from planbro.model import Plan
from planbro.model.convert import hints, is_ident, unwrap_optional
from planbro.model.text import clean_text, is_blank

# Text as it is stored: anything a person could paste, cleaned on the way in.
texts = st.text(max_size=40).map(clean_text)
# An identifier (a goal's id): no space, line break, control or format character.
idents = texts.filter(lambda text: bool(text) and is_ident(text))
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
cprs = st.builds(
    lambda born, serial: born.strftime("%d%m%y") + "-" + serial,
    st.dates(min_value=date(1937, 1, 1), max_value=date(1999, 12, 31)),
    st.sampled_from(["0000", "1235", "3999"]),
) | st.just("")


def _for(tp, f: dataclasses.Field | None):
    inner, nullable = unwrap_optional(tp)
    meta = f.metadata if f else {}
    if "enum" in meta and typing.get_origin(inner) is list:
        # A list of codes (a consent's sections): each one of them, none twice.
        base = st.lists(st.sampled_from(meta["enum"]), unique=True, max_size=4)
    elif "enum" in meta:
        base = st.sampled_from(meta["enum"])
    elif meta.get("cpr"):
        base = cprs
    elif meta.get("uuid"):
        base = st.uuids().map(str)
    elif meta.get("timestamp"):
        base = st.datetimes(min_value=__import__("datetime").datetime(2000, 1, 1)).map(
            lambda d: d.replace(microsecond=0).isoformat() + "Z")
    elif dataclasses.is_dataclass(inner):
        base = dataclass_strategy(inner)
    elif typing.get_origin(inner) is list and meta.get("ident"):
        base = st.lists(idents, max_size=3)
    elif typing.get_origin(inner) is list:
        (item,) = typing.get_args(inner)
        base = st.lists(_for(item, None), max_size=3)
    elif meta.get("ident"):
        base = idents
    elif inner is date:
        base = dates
    elif inner is bool:
        base = st.booleans()
    elif inner is int:
        base = st.integers(min_value=meta.get("minimum", 0), max_value=10_000)
    else:
        # A required text is more than spaces once cleaned (exchange refuses it otherwise).
        # (Not a soft hyphen alone, which cleaning also leaves blank.)
        base = texts.filter(lambda t: not is_blank(clean_text(t))) if meta.get("min_length") \
            else texts
    return st.none() | base if nullable or inner is date else base


def _fix_order(obj):
    # An end is never before its start: an end generated before it becomes the start
    # (a start may have two ends: a consent's expiry and its withdrawal).
    for f in dataclasses.fields(obj):
        after = f.metadata.get("after")
        end, start = getattr(obj, f.name), getattr(obj, after, None) if after else None
        if isinstance(end, date) and isinstance(start, date) and end < start:
            setattr(obj, f.name, start)
    return obj


def dataclass_strategy(cls):
    fields = {f.name: _for(hints(cls)[f.name], f) for f in dataclasses.fields(cls)}
    return st.builds(cls, **fields).map(_fix_order)


plans = dataclass_strategy(Plan)
