"""The citizen's access request (GDPR art. 15): the audit log's records of one plan, as a PDF.

    extract_rows(records, plan_id)       the log's records of the plan as plain rows
    make_extract(plan, log, settings)    the PDF/A (bytes), nothing written
    save_extract(plan, path, log=, trail=, settings=)   written together with its record
    gone_plan(log, id_or_prefix)         a plan deleted from the store, found by its records
    subject_of(store, log, id_or_prefix) the plan in the store, else the gone one

A plan journalised and deleted (planbro purge), or a draft deleted, leaves its
records in the log, and the citizen may still ask: its extract is made from
them (a GonePlan in place of the Plan), naming the plan by its id and saying
when it was deleted, since its citizen's name went with it.

The log is read here (planbro.audit) and handed to the documents layer as
plain rows — when, what in Danish, the purpose — so the document never sees
a login or a computer's name (planbro.documents.extract says why). An
extract is a document like any other: it is written only together with its
"extract" record (documents.begin_record), so one that cannot be logged is
refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planbro.translation import _

from planbro.model import Plan
from planbro.model.cpr import mask_cpr
from planbro.model.dates import local_time

from planbro.documents.extract import (
    Addressee,
    Deleted,
    ExtractRow,
    extract_filename,
    what_happened,
)
from planbro.storage import PlanNotFound, StoreError

from planbro.actions.documents import DOCUMENT_ERRORS, NotWritten, Saved, write_recorded
from planbro.actions.trail import Trail

if TYPE_CHECKING:
    from planbro.audit import AuditLog
    from planbro.documents.municipality import Source
    from planbro.settings import UserSettings
    from planbro.storage import Store

# The audit action of an extract, and its fixed detail word (the document kind).
ACTION, DETAIL = "extract", "pdf"
# The records that delete a plan from the store (planbro.audit's actions).
REMOVALS = ("purge", "delete", "move_out")
# Fewest characters of an id that name a deleted plan, as for one in the store.
MIN_PREFIX = 4


@dataclass(frozen=True)
class GonePlan:
    """A plan no longer in the store that the log has records of: its id, the version its
    last record names (the extract's record names it too), and what became of it."""

    id: str
    version: int | None
    deleted: Deleted


class NoRecords(StoreError):
    """The log has no records of the plan asked for (or the id names more than one)."""


def _read(log: AuditLog) -> list[dict[str, Any]]:
    try:
        return log.read().records
    except OSError as error:
        raise NotWritten(ValueError(_("the audit log cannot be read: {error}").format(
            error=error.strerror or error))) from error


def gone_plan(log: AuditLog, id_or_prefix: str) -> GonePlan:
    """The plan whose id is, or begins with, `id_or_prefix`, as the log knows it after it
    left the store. NoRecords (a Danish message) when no record names it, or the prefix
    is too short or names more than one; NotWritten when the log cannot be read."""
    text = id_or_prefix.strip().lower()
    if len(text) < MIN_PREFIX:
        raise NoRecords(_("Give at least {count} characters of the plan's id.").format(
            count=MIN_PREFIX))
    records = _read(log)
    ids = {str(r["plan"]) for r in records
           if isinstance(r.get("plan"), str) and str(r["plan"]).startswith(text)}
    if len(ids) > 1:
        raise NoRecords(_("«{prefix}» matches {count} plans in the audit log; give more of "
                          "the id.").format(prefix=id_or_prefix, count=len(ids)))
    if not ids:
        raise NoRecords(_("There is no plan with the id «{id}», and the audit log has no "
                          "records of one: Planbro has nothing to make an extract of.").format(
            id=id_or_prefix))
    [plan_id] = ids
    mine = [r for r in records if r.get("plan") == plan_id]
    versions = [r["version"] for r in mine
                if isinstance(r.get("version"), int) and not isinstance(r["version"], bool)]
    removed = [r for r in mine if r.get("action") in REMOVALS]
    deleted = Deleted(plan_id)
    if removed:
        when = local_time(removed[-1].get("at"))
        deleted = Deleted(plan_id, str(removed[-1]["action"]), when.date() if when else None)
    return GonePlan(plan_id, versions[-1] if versions else None, deleted)


def subject_of(store: Store, log: AuditLog, id_or_prefix: str) -> Plan | GonePlan:
    """The plan an extract is asked for by its id (or first characters): in the store, else
    deleted from it and known by the log's records (gone_plan). StoreError with the Danish
    message when neither has it (NoRecords), or the prefix names more than one plan."""
    try:
        return store.get(store.resolve(id_or_prefix))
    except PlanNotFound as missing:
        gone = gone_plan(log, id_or_prefix)
        try:
            store.resolve(gone.id)
        except PlanNotFound:
            return gone
        # The log knows only one of the plans the prefix names in the store.
        raise missing from None


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


def default_extract_name(plan: Plan | GonePlan, made: date | None = None) -> str:
    """The file name an extract is offered under: no name and no CPR number in it."""
    return extract_filename(plan.id, made or date.today())


def make_extract(plan: Plan | GonePlan, log: AuditLog, settings: UserSettings | None = None,
                 *, municipality: Source = None, made: date | None = None) -> bytes:
    """The extract of `plan`'s records in `log`, as PDF/A bytes; of a GonePlan, naming
    the plan by its id and saying when it was deleted.

    `municipality`: what planbro.documents.load_municipality takes (None: the
    settings' municipality, else the shipped one). Raises NotWritten when the
    log cannot be read or the document not made.
    """
    from planbro.documents import load_municipality
    from planbro.documents.extract import extract_pdf

    from planbro.actions.documents import municipality_of

    records = _read(log)
    try:
        place = load_municipality(municipality if municipality is not None
                                  else municipality_of(settings))
        citizen = (plan.deleted if isinstance(plan, GonePlan)
                   else Addressee(plan.citizen.name, mask_cpr(plan.citizen.cpr)))
        return extract_pdf(extract_rows(records, plan.id), citizen,
                           actor_of(settings, place.name), place, made)
    except DOCUMENT_ERRORS as error:
        raise NotWritten(error) from error


def save_extract(plan: Plan | GonePlan, path: str | Path, *, log: AuditLog, trail: Trail,
                 settings: UserSettings | None = None, municipality: Source = None) -> Saved:
    """Write the extract of `plan` (in the store, or gone) to `path` (atomically) with its
    "extract" record: the record first, taken back when the file cannot be written; an
    extract whose record cannot be written is not written (NotWritten)."""
    data = make_extract(plan, log, settings, municipality=municipality)
    return Saved(plan, DETAIL, write_recorded(trail, ACTION, plan, path, data, detail=DETAIL))
