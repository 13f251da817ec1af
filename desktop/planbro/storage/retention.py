"""Retention: a closed case journalised in the ESDH leaves this computer after a period.

┌──────────────────────────────────────────────────────────────────────────┐
│ Why a journalised case is deleted, and why an unjournalised one is not   │
│                                                                          │
│ The municipality's ESDH (its case and document system) is the record of  │
│ a case; a laptop carried to forsorgshjem and væresteder only holds it    │
│ while it is worked on. Once the case is closed and its final PDF/A is    │
│ journalised there, the copy here is no longer needed and is deleted     │
│ (GDPR art. 5(1)(e), kept no longer than necessary): the case file, its   │
│ backups and copies in damaged/, its index row. Only the audit lines      │
│ stay, naming the plan by its random id, with a "purge" record. The      │
│ period (Indstillinger, default 30 days, counted from the day it was      │
│ journalised) leaves time to notice a document that did not arrive.       │
│                                                                          │
│ A case closed but never marked journalised is NEVER deleted: Planbro    │
│ cannot know that the ESDH holds it, and deleting it could lose the only  │
│ copy of a record the municipality must keep. It is named instead, as     │
│ "closed, not journalised", in the caseload and by `planbro purge`.      │
│                                                                          │
│ What is deleted is decided from the case file itself, not the index     │
│ (a cache): its latest version must be closed and journalised at least   │
│ the period ago. The files go in removal.py's order (backups, then the    │
│ case file, then the row), with the record written first                 │
│ (writing.recorded): a crash leaves the whole case, to be deleted next    │
│ time, or nothing of it, and the log holds its "purge" either way.        │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from planbro.translation import _

from planbro.model.dates import format_danish_date

from planbro.storage.errors import StoreError
from planbro.storage.summary import PlanSummary


def deletion_day(journalised: date, days: int) -> date:
    """The day a case journalised on `journalised` is deleted, kept `days` days."""
    return journalised + timedelta(days=days)


@dataclass(frozen=True)
class Sorted:
    """The closed cases, sorted by what retention does with them on a day."""

    # Journalised, and the period is over: deleted now.
    due: list[PlanSummary] = field(default_factory=list)
    # Journalised, still within the period: deleted later.
    kept: list[PlanSummary] = field(default_factory=list)
    # Closed but never marked journalised: never deleted, told.
    unjournalised: list[PlanSummary] = field(default_factory=list)


def sort(summaries: Iterable[PlanSummary], today: date, days: int) -> Sorted:
    """The closed cases among `summaries` as retention sees them on `today` (from the index;
    the store checks each case file again before deleting it)."""
    result = Sorted()
    for summary in sorted(summaries, key=lambda s: (s.journalised or date.min, s.id)):
        if summary.status != "closed":
            continue
        if summary.journalised is None:
            result.unjournalised.append(summary)
        elif deletion_day(summary.journalised, days) <= today:
            result.due.append(summary)
        else:
            result.kept.append(summary)
    return result


def refusal(docs: dict[int, dict[str, Any]], today: date, days: int) -> StoreError | None:
    """Why the plan stored as `docs` is not deleted on `today`; None when its time has come."""
    latest = docs[max(docs)]
    if latest.get("status") != "closed":
        return StoreError(_("The case is not closed, so it is not deleted."))
    stamp = latest.get("journalised")
    if not stamp:
        return StoreError(_("The case is closed but not journalised, so it is not deleted. "
                            "Save its PDF for the ESDH and mark it journalised first."))
    try:
        due = deletion_day(date.fromisoformat(stamp), days)
    except (TypeError, ValueError):
        return StoreError(_("The case's day of journalisation cannot be read, so it is not "
                            "deleted."))
    if due > today:
        return StoreError(_("The case is kept until {date}.").format(date=format_danish_date(due)))
    return None
