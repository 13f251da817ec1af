"""PlanSummary: what a list of plans needs, kept in the index as a flat row."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, TypeGuard

from planbro.model.cpr import mask_cpr

if TYPE_CHECKING:
    from planbro.model import Plan

log = logging.getLogger(__name__)



class Facts(Protocol):
    """What a store is given to make a plan's overview facts from its versions (exchange
    dicts by version): a JSON value the store keeps beside the summary without reading it
    (planbro.overview.facts makes and reads it; storage stands below it). `plan` is the
    newest version as a Plan when the store has it at hand (a save), so it is not built
    from its dict again."""

    def __call__(self, docs: dict[int, dict[str, Any]], plan: Plan | None = None) -> Any: ...


@dataclass(frozen=True)
class PlanSummary:
    """The latest version of one plan, as lists and the caseload show it."""

    id: str
    version: int
    # draft | signed | closed
    status: str
    name: str
    # e.g. "120379-xxxx"; "" when the plan has no CPR number.
    cpr_masked: str
    basis: str
    # The offer's decision: pending | accepted | declined.
    decision: str
    # ISO timestamps.
    created: str
    updated: str
    next_follow_up: date | None
    # Number of stored versions.
    versions: int
    # While the newest version is a draft: the newest signed (or closed)
    # version under it, and the day it was signed; else None.
    signed_version: int | None = None
    signed_on: date | None = None
    # The day of the offer, and after a declined one the day to offer it again.
    offer_date: date | None = None
    offer_again: date | None = None
    # The day the closed case was journalised in the ESDH; None until then.
    journalised: date | None = None
    # The team store's (storage/postgres) only: the responsible caseworker and their unit,
    # and the quality check's light (red, yellow, green) when the plan was last saved.
    # The local store leaves them empty: its caseload is one caseworker's.
    caseworker: str = ""
    unit: str = ""
    quality: str | None = None
    # The overview's facts of the plan (Facts), made when the row was; None when the store
    # was opened without a Facts, or the function failed: the overview then reads the plan.
    overview: Any = field(default=None, compare=False)

    @property
    def offer_again_due(self) -> bool:
        """True when the reminder of this plan is the day to offer it again:
        the offer was declined and the case is open."""
        return self.decision == "declined" and self.status != "closed" \
            and self.offer_again is not None

    @property
    def reminder(self) -> date | None:
        """The next day something is due: the day to offer the plan again after a
        declined offer, else the next follow-up."""
        return self.offer_again if self.offer_again_due else self.next_follow_up


# A row's fields: the summary's, then the case file's mtime_ns and size at
# the time the row was made (to notice a case file the index missed).
ROW_FIELDS = (
    "id", "version", "status", "name", "cpr_masked", "basis", "decision",
    "created", "updated", "next_follow_up", "versions", "signed_version", "signed_on",
    "offer_date", "offer_again", "journalised", "overview", "mtime_ns", "size",
)
# Position of the case file's mtime_ns and size in a row.
MTIME, SIZE = len(ROW_FIELDS) - 2, len(ROW_FIELDS) - 1

# One row: a JSON list in index.json and the journal, its fields in ROW_FIELDS order.
Row = list[Any]


def _signed_under(docs: dict[int, dict[str, Any]]) -> tuple[int | None, str | None]:
    """The newest signed (or closed) version under a newest draft, and its day."""
    newest = max(docs)
    if docs[newest].get("status", "draft") != "draft":
        return None, None
    for number in sorted(docs, reverse=True):
        doc = docs[number]
        if number < newest and doc.get("status") in ("signed", "closed"):
            signatures = doc.get("signatures") or {}
            days = [d for d in (signatures.get("citizen_signed"),
                                signatures.get("caseworker_signed")) if d]
            return number, max(days) if days else None
    return None, None


def summary_row(docs: dict[int, dict[str, Any]], stat: os.stat_result,
                facts: Facts | None = None) -> Row:
    """The index row for a plan stored as `docs` (exchange dicts by version), with its
    overview facts when the store was given `facts`."""
    return summary_fields(docs) + [overview_facts(docs, facts), stat.st_mtime_ns, stat.st_size]


def overview_facts(docs: dict[int, dict[str, Any]], facts: Facts | None,
                   plan: Plan | None = None) -> Any:
    """`facts` of the plan stored as `docs` (`plan`: its newest version, when at hand);
    None without a Facts, or when it fails.

    The row is made after the case file is written: a mistake in the overview's facts must
    not turn a save that is on disk into an error, nor stop the index from being rebuilt.
    The overview reads a plan whose facts are None itself."""
    if facts is None:
        return None
    try:
        return facts(docs, plan)
    except Exception as error:  # noqa: BLE001 - the facts are a cache, the save stands
        # The kind of error only: its message may quote the plan.
        log.warning("overview facts not made for a plan: %s", type(error).__name__)
        return None


def summary_fields(docs: dict[int, dict[str, Any]]) -> Row:
    """The summary's fields of a plan stored as `docs`, in ROW_FIELDS order up to
    journalised: the index row without the case file's stamp (the team store's columns)."""
    latest = docs[max(docs)]
    citizen = latest.get("citizen") or {}
    offer = latest.get("offer") or {}
    follow_up = latest.get("follow_up") or {}
    signed_version, signed_on = _signed_under(docs)
    return [
        latest["id"], latest["version"], latest.get("status", "draft"),
        citizen.get("name", ""), mask_cpr(citizen.get("cpr") or ""),
        latest.get("basis", ""), offer.get("decision", ""),
        latest.get("created", ""), latest.get("updated", ""),
        follow_up.get("next_date") or None, len(docs), signed_version, signed_on,
        offer.get("date") or None, offer.get("offer_again") or None,
        latest.get("journalised") or None,
    ]


def is_row(row: object) -> TypeGuard[Row]:
    return (isinstance(row, list) and len(row) == len(ROW_FIELDS)
            and isinstance(row[0], str) and isinstance(row[1], int)
            and isinstance(row[MTIME], int) and isinstance(row[SIZE], int))


# PlanSummary's fields in order, and how an instance is made without __init__ (summary_from_row).
_SUMMARY_FIELDS = tuple(item.name for item in fields(PlanSummary))
_new_summary = object.__new__


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def summary_from_row(row: Row, caseworker: str = "", unit: str = "") -> PlanSummary:
    """The summary of an index row (the team store's: with the caseworker and unit).

    ┌──────────────────────────────────────────────────────────────────────┐
    │ A frozen dataclass's __init__ sets each of its 20 fields through     │
    │ object.__setattr__; the index makes a summary of every plan when it  │
    │ is opened (10,000: 28 ms of the caseload's and the overview's start).│
    │ The summary is filled as copy.copy fills one, through its __dict__   │
    │ (12 ms); tests/storage/test_storage_summary.py holds it to __init__. │
    └──────────────────────────────────────────────────────────────────────┘
    """
    summary = _new_summary(PlanSummary)
    summary.__dict__.update(zip(_SUMMARY_FIELDS, (
        row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8],
        _day(row[9]), row[10], row[11], _day(row[12]), _day(row[13]), _day(row[14]),
        _day(row[15]), caseworker, unit, None, row[16])))
    return summary
