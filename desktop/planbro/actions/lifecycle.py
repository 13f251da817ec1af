"""A plan's life after the meeting: sign it, revise it, close the case; or
delete a draft that was never signed.

The rule for signing lives here, once: a plan the quality check finds a
*fejl* in (the law's minimum is not met) is signed only when the caseworker
says to sign it anyway, and the plan then records that it was signed
despite the errors. The store writes these changes' audit records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from planbro.model import Plan

if TYPE_CHECKING:
    from planbro.quality import Finding
    from planbro.storage import PlanStore


def signature_errors(plan: Plan, today: date | None = None) -> list[Finding]:
    """The findings that stand in the way of signing `plan`: its fejl, judged on `today`."""
    # Imported here: the caseload starts without the rules' weight.
    from planbro.quality import FEJL, check_plan

    return [finding for finding in check_plan(plan, today=today) if finding.severity == FEJL]


class SignatureRefused(Exception):
    """The plan has errors and the caseworker did not say to sign it anyway."""

    def __init__(self, errors: list[Finding]):
        super().__init__("\n".join(f"• {finding.message}" for finding in errors))
        self.errors = errors


@dataclass(frozen=True)
class Signed:
    """The signed version, and the errors it was signed despite (none: a clean plan)."""

    plan: Plan
    errors: list[Finding] = field(default_factory=list)

    @property
    def despite_errors(self) -> bool:
        return bool(self.errors)


def sign(store: PlanStore, plan_id: str, on: date, *, anyway: bool = False,
         today: date | None = None) -> Signed:
    """Sign the latest (draft) version of the plan on `on`.

    The plan is checked on `today` (default: the real today); with a fejl it
    is signed only when `anyway`, and then records it. Raises
    SignatureRefused, or StoreError when the store refuses.
    """
    errors = signature_errors(store.get(plan_id), today)
    if errors and not anyway:
        raise SignatureRefused(errors)
    plan = store.sign(plan_id, on, despite_errors=bool(errors))
    return Signed(plan, errors)


def revise(store: PlanStore, plan_id: str) -> Plan:
    """Start the next version of the signed plan as a draft; the new version."""
    return store.revise(plan_id)


def close_case(store: PlanStore, plan_id: str) -> Plan:
    """Close the case: the latest version becomes "closed" (frozen); that version."""
    return store.close_case(plan_id)


def delete_draft(store: PlanStore, plan_id: str) -> int:
    """Delete a plan that was never signed, with its backups; the version it had.

    A plan with a signed version is never deleted: StoreError (PlanFrozen)
    says so, and that the case is closed instead. The store records "delete".
    """
    return store.delete_draft(plan_id)
