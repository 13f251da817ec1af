"""A closed case after the plan: journalise it in the ESDH, and delete it from this computer
once the retention period of Indstillinger is over (storage/retention.py says why).

Both front ends do this the same way: `planbro journalise` / `planbro purge` and the
caseload's Journalisér and its question at start. The store writes the audit records
("journalise", and "purge" for each deleted case, before it is deleted).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from planbro.translation import _

from planbro.model import Plan
from planbro.model.problems import Problem

from planbro.settings import DEFAULT_RETENTION_DAYS
from planbro.storage import PlanSummary, StoreError
from planbro.storage.retention import Sorted, deletion_day, sort

if TYPE_CHECKING:
    from planbro.settings import UserSettings
    from planbro.storage import Store

__all__ = ["JournaliseInvalid", "Purged", "Sorted", "deletion_day", "journalise",
           "journalise_problems", "purge", "retention_days", "survey"]


def retention_days(settings: UserSettings | None) -> int:
    """Days a journalised case is kept on this computer: Indstillinger's, else the default."""
    return settings.retention_days if settings is not None else DEFAULT_RETENTION_DAYS


def journalise_problems(on: date | None, today: date,
                        show: Callable[[date], str] = date.isoformat) -> list[Problem]:
    """What stops `on` from being recorded as the day of journalisation (field "date")."""
    if on is None:
        return [Problem("date", _("write the day the case was journalised in the ESDH"))]
    if on > today:
        return [Problem("date", _("{date} has not come yet; a case is marked journalised once "
                                  "it is").format(date=show(on)))]
    return []


class JournaliseInvalid(ValueError):
    """The day breaks a rule of journalise_problems(); `problems` says which."""

    def __init__(self, found: list[Problem]):
        super().__init__("; ".join(str(problem) for problem in found))
        self.problems = found


def journalise(store: Store, plan_id: str, on: date | None,
               today: date | None = None) -> Plan:
    """Mark the closed case as journalised on `on` (default: `today`, the real today by
    default); the marked version. JournaliseInvalid for a day to come; StoreError when
    the case is not closed or the store refuses."""
    today = today or date.today()
    on = on or today
    found = journalise_problems(on, today)
    if found:
        raise JournaliseInvalid(found)
    return store.journalise(plan_id, on)


def survey(store: Store, days: int, today: date | None = None) -> Sorted:
    """The closed cases as retention sees them on `today`: due for deletion, kept a while
    yet, or closed and never journalised (kept, and to be told)."""
    return sort(store.summaries(), today or date.today(), days)


@dataclass(frozen=True)
class Purged:
    """What purge() did: the cases deleted, and those that could not be, with why."""

    deleted: list[PlanSummary] = field(default_factory=list)
    failed: list[tuple[PlanSummary, str]] = field(default_factory=list)


def purge(store: Store, days: int, today: date | None = None,
          due: list[PlanSummary] | None = None) -> Purged:
    """Delete every journalised case whose period is over (`due`, as survey() found them,
    or found now), each after its "purge" record; one that cannot be deleted is kept
    and named in `failed`, and the rest go on."""
    today = today or date.today()
    result = Purged()
    for summary in survey(store, days, today).due if due is None else due:
        try:
            store.purge(summary.id, today, days)
        except StoreError as error:
            result.failed.append((summary, str(error)))
        else:
            result.deleted.append(summary)
    return result
