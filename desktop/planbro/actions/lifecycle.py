"""A plan's life after the meeting: sign it, revise it, close the case; or
delete a draft that was never signed.

The rules for signing live here, once: a plan the quality check finds a
*fejl* in (the law's minimum is not met) is signed only when the caseworker
says to sign it anyway, and the plan then records that it was signed
despite the errors. The citizen and the caseworker sign on days of their
own, neither in the future; or the citizen does not wish to sign, and the
caseworker notes why (signature_problems, shared by the sign dialog and
`planbro sign`). The store writes these changes' audit records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from planbro.translation import _

from planbro.model import Plan
from planbro.model.problems import Problem
from planbro.model.text import clean_text

if TYPE_CHECKING:
    from planbro.quality import Finding
    from planbro.storage import Store


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
class SignatureAnswer:
    """Who signed on which day: the caseworker, and the citizen — or the citizen
    did not wish to sign, and `note` says why."""

    caseworker: date | None
    citizen: date | None = None
    citizen_declines: bool = False
    note: str = ""

    @classmethod
    def both_on(cls, day: date) -> SignatureAnswer:
        """Both signed on `day`."""
        return cls(day, day)

    def declined_note(self) -> str | None:
        """The note the plan records when the citizen did not wish to sign, else None."""
        return clean_text(self.note).strip() if self.citizen_declines else None


def signature_problems(answer: SignatureAnswer, today: date,
                       show: Callable[[date], str] = date.isoformat) -> list[Problem]:
    """What stops `answer` from being recorded, by field ("caseworker", "citizen", "note").

    `show` writes a date in a message: as the command or the dialog types it.
    """
    found = []
    if answer.caseworker is None:
        found.append(Problem("caseworker", _("write the day the caseworker signed")))
    elif answer.caseworker > today:
        found.append(Problem("caseworker", _(
            "{date} has not come yet; a signature is recorded once it is given").format(
                date=show(answer.caseworker))))
    if answer.citizen_declines:
        if not answer.declined_note():
            found.append(Problem("note", _("write why the citizen does not wish to sign")))
    elif answer.citizen is None:
        found.append(Problem("citizen", _(
            "write the day the citizen signed, or say that the citizen does not wish to sign")))
    elif answer.citizen > today:
        found.append(Problem("citizen", _(
            "{date} has not come yet; a signature is recorded once it is given").format(
                date=show(answer.citizen))))
    return found


class SignatureInvalid(ValueError):
    """The answer breaks a rule of signature_problems(); `problems` says which, by field."""

    def __init__(self, found: list[Problem]):
        super().__init__("; ".join(str(problem) for problem in found))
        self.problems = found


@dataclass(frozen=True)
class Signed:
    """The signed version, and the errors it was signed despite (none: a clean plan)."""

    plan: Plan
    errors: list[Finding] = field(default_factory=list)

    @property
    def despite_errors(self) -> bool:
        return bool(self.errors)


def sign(store: Store, plan_id: str, on: date | SignatureAnswer, *, anyway: bool = False,
         today: date | None = None) -> Signed:
    """Sign the latest (draft) version of the plan: `on` is the SignatureAnswer,
    or the one day both signed.

    The answer and the plan are judged on `today` (default: the real today):
    SignatureInvalid for a wrong answer; with a fejl the plan is signed only
    when `anyway`, and then records it (else SignatureRefused). StoreError
    when the store refuses.
    """
    answer = on if isinstance(on, SignatureAnswer) else SignatureAnswer.both_on(on)
    found = signature_problems(answer, today or date.today())
    # (A missing caseworker's day is among the problems; said again for the types.)
    if found or answer.caseworker is None:
        raise SignatureInvalid(found)
    errors = signature_errors(store.get(plan_id), today)
    if errors and not anyway:
        raise SignatureRefused(errors)
    plan = store.sign(plan_id, answer.caseworker, despite_errors=bool(errors),
                      citizen_on=None if answer.citizen_declines else answer.citizen,
                      citizen_declines=answer.declined_note())
    return Signed(plan, errors)


def revise(store: Store, plan_id: str) -> Plan:
    """Start the next version of the signed plan as a draft; the new version."""
    return store.revise(plan_id)


def close_case(store: Store, plan_id: str) -> Plan:
    """Close the case: the latest version becomes "closed" (frozen); that version."""
    return store.close_case(plan_id)


def delete_draft(store: Store, plan_id: str) -> int:
    """Delete a plan that was never signed, with its backups; the version it had.

    A plan with a signed version is never deleted: StoreError (PlanFrozen)
    says so, and that the case is closed instead. The store records "delete".
    """
    return store.delete_draft(plan_id)
