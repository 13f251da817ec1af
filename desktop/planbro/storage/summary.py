"""PlanSummary: what a list of plans needs, kept in the index as a flat row."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeGuard

from planbro.model.cpr import mask_cpr


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


# A row's fields: the summary's, then the case file's mtime_ns and size at
# the time the row was made (to notice a case file the index missed).
ROW_FIELDS = (
    "id", "version", "status", "name", "cpr_masked", "basis", "decision",
    "created", "updated", "next_follow_up", "versions", "mtime_ns", "size",
)
# Position of the case file's mtime_ns and size in a row.
MTIME, SIZE = len(ROW_FIELDS) - 2, len(ROW_FIELDS) - 1

# One row: a JSON list in index.json and the journal, its fields in ROW_FIELDS order.
Row = list[Any]


def summary_row(latest: dict[str, Any], versions: int, stat: os.stat_result) -> Row:
    """The index row for a plan whose newest version is `latest` (an exchange dict)."""
    citizen = latest.get("citizen") or {}
    offer = latest.get("offer") or {}
    follow_up = latest.get("follow_up") or {}
    return [
        latest["id"], latest["version"], latest.get("status", "draft"),
        citizen.get("name", ""), mask_cpr(citizen.get("cpr") or ""),
        latest.get("basis", ""), offer.get("decision", ""),
        latest.get("created", ""), latest.get("updated", ""),
        follow_up.get("next_date") or None, versions,
        stat.st_mtime_ns, stat.st_size,
    ]


def is_row(row: object) -> TypeGuard[Row]:
    return (isinstance(row, list) and len(row) == len(ROW_FIELDS)
            and isinstance(row[0], str) and isinstance(row[1], int)
            and isinstance(row[MTIME], int) and isinstance(row[SIZE], int))


def summary_from_row(row: Row) -> PlanSummary:
    next_date = row[9]
    return PlanSummary(
        row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8],
        date.fromisoformat(next_date) if next_date else None, row[10],
    )
