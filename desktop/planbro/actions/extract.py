"""The citizen's access request (GDPR art. 15): the audit log's records of one plan, as a PDF.

    extract_rows(records, plan_id)       the log's records of the plan as plain rows
    make_extract(plan, log, settings)    the PDF/A (bytes), nothing written
    save_extract(plan, path, log=, trail=, settings=)   written together with its record

The log is read here (planbro.audit) and handed to the documents layer as
plain rows — when, what in Danish, the purpose — so the document never sees
a login or a computer's name (planbro.documents.extract says why). An
extract is a document like any other: it is written only together with its
"extract" record (documents.begin_record), so one that cannot be logged is
refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planbro.translation import _

from planbro.model import Plan
from planbro.model.cpr import mask_cpr
from planbro.model.dates import local_time

from planbro.documents.extract import Addressee, ExtractRow, extract_filename, what_happened

from planbro.actions.documents import DOCUMENT_ERRORS, NotWritten, Saved, write_recorded
from planbro.actions.trail import Trail

if TYPE_CHECKING:
    from planbro.audit import AuditLog
    from planbro.documents.municipality import Source
    from planbro.settings import UserSettings

# The audit action of an extract, and its fixed detail word (the document kind).
ACTION, DETAIL = "extract", "pdf"


def extract_rows(records: Iterable[Mapping[str, Any]], plan_id: str) -> list[ExtractRow]:
    """The records of plan `plan_id`, oldest first, as rows: the moment in local time,
    what happened in Danish and the record's purpose ("" when it has none). Only the
    time, the action, its fixed detail word, the version and the purpose are read:
    never the login or the computer."""
    rows = []
    for record in records:
        if record.get("plan") != plan_id:
            continue
        when = local_time(record.get("at"))
        if when is None:
            continue
        version = record.get("version")
        if not isinstance(version, int) or isinstance(version, bool):
            version = None
        detail = record.get("detail")
        purpose = record.get("purpose")
        rows.append(ExtractRow(
            when=when,
            what=what_happened(str(record.get("action", "")),
                               detail if isinstance(detail, str) else "", version),
            purpose=purpose.strip() if isinstance(purpose, str) else ""))
    rows.sort(key=lambda row: row.when)
    return rows


def actor_of(settings: UserSettings | None, municipality_name: str) -> str:
    """Who used the data, as the citizen is told: the municipality and the unit of
    Indstillinger (never a person)."""
    unit = settings.caseworker_unit.strip() if settings else ""
    return ", ".join(part for part in (municipality_name.strip(), unit) if part)


def default_extract_name(plan: Plan, made: date | None = None) -> str:
    """The file name an extract is offered under: no name and no CPR number in it."""
    return extract_filename(plan.id, made or date.today())


def make_extract(plan: Plan, log: AuditLog, settings: UserSettings | None = None, *,
                 municipality: Source = None, made: date | None = None) -> bytes:
    """The extract of `plan`'s records in `log`, as PDF/A bytes.

    `municipality`: what planbro.documents.load_municipality takes (None: the
    settings' municipality, else the shipped one). Raises NotWritten when the
    log cannot be read or the document not made.
    """
    from planbro.documents import load_municipality
    from planbro.documents.extract import extract_pdf

    from planbro.actions.documents import municipality_of

    try:
        reading = log.read()
    except OSError as error:
        raise NotWritten(ValueError(_("the audit log cannot be read: {error}").format(
            error=error.strerror or error))) from error
    try:
        place = load_municipality(municipality if municipality is not None
                                  else municipality_of(settings))
        citizen = Addressee(plan.citizen.name, mask_cpr(plan.citizen.cpr))
        return extract_pdf(extract_rows(reading.records, plan.id), citizen,
                           actor_of(settings, place.name), place, made)
    except DOCUMENT_ERRORS as error:
        raise NotWritten(error) from error


def save_extract(plan: Plan, path: str | Path, *, log: AuditLog, trail: Trail,
                 settings: UserSettings | None = None, municipality: Source = None) -> Saved:
    """Write the extract of `plan` to `path` (atomically) with its "extract" record:
    the record first, taken back when the file cannot be written; an extract whose
    record cannot be written is not written (NotWritten)."""
    data = make_extract(plan, log, settings, municipality=municipality)
    return Saved(plan, DETAIL, write_recorded(trail, ACTION, plan, path, data, detail=DETAIL))
