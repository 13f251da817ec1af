"""The lifecycle steps every store offers, written once over the two things an
engine provides: _change (apply a step to the latest version and record it, in
one transaction or one crash-safe write) and _remove (delete a plan, recording it).

The rules of each step are lifecycle.py's, removal.py's and retention.py's; the
local store (store.py) and the team store (postgres/store.py) only differ in how
they write.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from planbro.translation import _

from planbro.model import FollowUpEntry, Plan
from planbro.model.convert import to_dict
from planbro.model.dates import now_timestamp
from planbro.model.plan import OUTCOME_WORDS, STATUSES

from planbro.storage import lifecycle, removal, retention
from planbro.storage.errors import PlanFrozen, StoreError
from planbro.storage.paths import check_plan_id


def imported(plan: Plan) -> dict[str, Any]:
    """The stored form of `plan` as an import gives it (put): its id, version and status
    checked, its stamps kept (set when missing)."""
    check_plan_id(plan.id)
    if plan.status not in STATUSES or not isinstance(plan.version, int) or plan.version < 1:
        raise StoreError(_("The plan has no valid version or status."))
    plan.created = plan.created or now_timestamp()
    plan.updated = plan.updated or plan.created
    doc: dict[str, Any] = to_dict(plan)
    return doc


def import_decision(docs: dict[int, dict[str, Any]], version: int,
                    doc: dict[str, Any]) -> list[dict[str, Any]]:
    """What an import of `doc` as `version` writes over the stored `docs`: nothing when
    it is stored already, the version when it is new or a draft; a frozen one refuses."""
    stored = docs.get(version)
    if stored == doc:
        # The same plan imported again: nothing to write or record.
        return []
    if stored is not None and stored.get("status") != "draft":
        raise PlanFrozen.of(stored.get("status", ""), version)
    return [doc]


class LifecycleSteps:
    """sign, revise, close_case, journalise, record_follow_up, delete_draft, purge."""

    def get(self, plan_id: str, version: int | None = None) -> Plan:
        raise NotImplementedError

    def _change(self, plan_id: str, make: Callable[[Plan], list[Plan]], action: str,
                detail: str = "") -> list[Plan]:
        """Apply a lifecycle step to the latest version and record `action` for the first
        version it stored; return the versions stored (empty when there was nothing to do)."""
        raise NotImplementedError

    def _remove(self, plan_id: str, action: str,
                refusal: Callable[[dict[int, dict[str, Any]]], StoreError | None]) -> int:
        """Delete the plan when `refusal` of its versions is None, recording `action`
        (both or neither); return its latest version."""
        raise NotImplementedError

    def sign(self, plan_id: str, signed_on: date, *, despite_errors: bool = False,
             citizen_on: date | None = None, citizen_declines: str | None = None) -> Plan:
        """Sign the latest (draft) version; it is frozen from then on.

        `signed_on` is the caseworker's day; the citizen's, or the note that the
        citizen did not wish to sign: lifecycle.signed."""
        [signed] = self._change(plan_id, lambda p: [lifecycle.signed(
            p, signed_on, despite_errors, citizen_on=citizen_on, citizen_declines=citizen_declines)],
            "sign", "trods fejl" if despite_errors else "")
        return signed

    def revise(self, plan_id: str) -> Plan:
        """Start the next version as a draft, pre-filled from the signed latest one."""
        [revised] = self._change(plan_id, lambda p: [lifecycle.revised(p)], "revise")
        return revised

    def close_case(self, plan_id: str) -> Plan:
        """Close the plan: its latest version becomes "closed" (frozen)."""
        made = self._change(plan_id, lambda p: [c] if (c := lifecycle.closed(p)) else [], "close")
        # Closed already: nothing happened, nothing was recorded.
        return made[0] if made else self.get(plan_id)

    def journalise(self, plan_id: str, on: date) -> Plan:
        """Mark the closed case as journalised in the ESDH on `on` (retention.py)."""
        made = self._change(plan_id, lambda p: [j] if (j := lifecycle.journalised(p, on)) else [],
                            "journalise")
        # Marked so already: nothing happened, nothing was recorded.
        return made[0] if made else self.get(plan_id)

    def record_follow_up(self, plan_id: str, entry: FollowUpEntry, next_date: date | None) -> Plan:
        """Record a follow-up on the latest version; "change" also revises, "close" closes.

        One audit record, for the version followed up; its detail is the
        outcome, which says whether a new version or a closed case came of it.
        """
        made = self._change(plan_id, lambda p: lifecycle.followed_up(p, entry, next_date),
                            "follow_up", OUTCOME_WORDS.get(entry.outcome, ""))
        return made[-1]

    def delete_draft(self, plan_id: str) -> int:
        """Delete a plan never signed, and its backups (removal.py); returns its version."""
        return self._remove(plan_id, "delete", removal.refusal)

    def purge(self, plan_id: str, today: date, days: int) -> int:
        """Delete a closed case journalised `days` or more days before `today`, and its
        backups (retention.py); returns its version. StoreError when it is not due."""
        return self._remove(plan_id, "purge", lambda docs: retention.refusal(docs, today, days))
