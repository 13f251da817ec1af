"""Default file names: readable, safe on Windows, never a CPR number."""

from __future__ import annotations

import copy
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from planbro.documents import default_filename
from planbro.documents.filenames import safe_filename

# What Windows refuses in a file name.
RESERVED_CHARS = set('<>:"/\\|?*') | {chr(i) for i in range(32)}
RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                  *(f"LPT{i}" for i in range(1, 10))}


def windows_ok(name: str) -> bool:
    stem = name.split(".")[0].strip().upper()
    return (0 < len(name) <= 255 and not RESERVED_CHARS & set(name)
            and name[-1] not in ". " and stem not in RESERVED_NAMES)


def test_the_example_plan(example_plan):
    # The example is a draft (status kladde).
    assert default_filename(example_plan, "docx") == \
        "Handleplan Jonas Mikkelsen Østergaard 2026-11-02 v1 KLADDE.docx"
    assert default_filename(example_plan, ".pdf").endswith(" v1 KLADDE.pdf")


def test_the_signed_date_and_the_version_are_used(example_plan):
    from datetime import date

    plan = copy.deepcopy(example_plan)
    plan.version = 3
    plan.status = "signed"
    plan.signatures.caseworker_signed = date(2027, 3, 1)
    assert default_filename(plan, "pdf") == "Handleplan Jonas Mikkelsen Østergaard 2027-03-01 v3.pdf"


def test_reserved_characters_trailing_dots_and_cpr_are_removed(example_plan):
    plan = copy.deepcopy(example_plan)
    plan.citizen.name = 'Jonas "JJ" <Ø>/\\|?*: 120379-1235 1203791235 . . '
    name = default_filename(plan, "docx")
    assert windows_ok(name)
    assert not re.search(r"\d{6}", name.replace("2026-11-02", ""))
    assert name.startswith("Handleplan Jonas JJ Ø ")


def test_reserved_device_names_are_prefixed():
    for stem in ("CON", "prn", "Aux.txt", "COM1", "lpt9", "NUL "):
        assert windows_ok(safe_filename(stem, "pdf")), stem
    assert safe_filename("CON", "pdf") == "_CON.pdf"
    assert safe_filename("", "pdf") == "Dokument.pdf"


def test_long_names_are_cut(example_plan):
    plan = copy.deepcopy(example_plan)
    plan.citizen.name = "Æ" * 500
    name = default_filename(plan, "docx")
    assert len(name) <= 120 and windows_ok(name)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_name_gives_a_safe_name(name):
    result = safe_filename(name, "docx")
    assert windows_ok(result)
    assert not re.search(r"\d{6}[\s-]?\d{4}", result)
