"""Din plan, the citizen's own short copy of the plan: made, and written with its record.

    make_citizen_copies(plan, kinds, municipality=None, english=False)  {"pdf": bytes, …}
    save_citizen_copy(plan, kind, path, trail=, municipality=None, english=False)  Saved
    default_citizen_name(plan, kind, english=False)   "Din plan <navn> <dato> v<version>.pdf"

The copy is a document like the plan's (actions.documents): made before any
file is written, so an error leaves none; written only together with its
"render" record, whose fixed detail word says it was the citizen's copy
(audit.log.CITIZEN_COPY_DETAILS); never into the data folder; and, like every
document, plaintext (documents.plaintext_note). It carries no CPR number,
but the citizen's goals and services are personal data all the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from planbro.model import Plan

from planbro.actions.documents import DOCUMENT_ERRORS, NotWritten, Saved, write_recorded
from planbro.actions.trail import Trail

if TYPE_CHECKING:
    from planbro.documents.municipality import Source

# The kinds the copy is made in.
KINDS = ("docx", "pdf")


def detail(kind: str) -> str:
    """The audit record's fixed detail word for the copy of `kind`: "din plan pdf"."""
    return f"din plan {kind}"


def default_citizen_name(plan: Plan, kind: str, english: bool = False) -> str:
    """The file name the copy is offered under: never a CPR number."""
    from planbro.documents.citizen import citizen_filename

    return citizen_filename(plan, kind, english)


def make_citizen_copies(plan: Plan, kinds: Iterable[str], municipality: Source = None,
                        english: bool = False) -> dict[str, bytes]:
    """The copy of `plan` in each of `kinds`, all made before any is written; `english`:
    the frame (headings, fixed sentences, dates) in English. Raises NotWritten."""
    from planbro.documents.citizen import citizen_documents

    try:
        return citizen_documents(plan, list(kinds), municipality, english=english)
    except DOCUMENT_ERRORS as error:
        raise NotWritten(error) from error


def write_citizen_copy(plan: Plan, kind: str, data: bytes, path: str | Path, trail: Trail) -> Saved:
    """Write a copy made by make_citizen_copies to `path` (atomically) with its record."""
    return Saved(plan, kind, write_recorded(trail, "render", plan, path, data, detail=detail(kind)))


def save_citizen_copy(plan: Plan, kind: str, path: str | Path, *, trail: Trail,
                      municipality: Source = None, english: bool = False) -> Saved:
    """Save the copy of `kind` ("docx" or "pdf") at `path`; raises NotWritten."""
    data = make_citizen_copies(plan, [kind], municipality, english)[kind]
    return write_citizen_copy(plan, kind, data, path, trail)
