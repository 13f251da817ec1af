"""Rules on coordination (Ankestyrelsen 2017, Rigsrevisionen): one helhedsorienteret plan
with consent (§ 141 stk. 7), hand-overs under § 141 stk. 5, every matter addressed, and
someone named to take over after CTI."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from planbro.translation import _

from planbro.model import Plan, Service

from planbro.quality.findings import Hit
from planbro.quality.wording import named

# Services that are handed the relevant parts of the plan (§ 141 stk. 5): a social
# døgntilbud under §§ 107-110, or § 101 drug treatment.
_HANDED_OVER = re.compile(r"§\s*(?:10[789]|110|101)(?![0-9]|\s*a\b)", re.IGNORECASE)
# Matters of § 141 stk. 3 nr. 4 Ankestyrelsen found missing most often: each must be
# addressed in the plan or marked "ikke relevant" with a reason.
CHECKED_MATTERS = ("employment", "treatment", "finances")


def _matter_names() -> dict[str, str]:
    # Kept as literal _() calls so the extractor finds each name.
    return {"employment": _("employment (the jobcenter)"), "treatment": _("treatment"),
            "finances": _("finances")}


def _coordinated(plan: Plan) -> bool:
    return plan.basis == "sel-141-7"


def consent_missing(plan: Plan, today: date) -> Iterator[Hit]:
    if _coordinated(plan) and plan.coordinated.consent_date is None:
        yield Hit("coordinated.consent_date", _(
            "A helhedsorienteret plan needs the citizen's consent (§ 141, stk. 7). Write the "
            "day and how the citizen gave it, or choose another basis for the plan."))


def replaces_missing(plan: Plan, today: date) -> Iterator[Hit]:
    if _coordinated(plan) and not any(p.strip() for p in plan.coordinated.replaces):
        yield Hit("coordinated.replaces", _(
            "Write which plans the helhedsorienteret plan replaces (for example Min Plan or "
            "the rehabiliteringsplan's indsatsdel)."))


def employment_part_missing(plan: Plan, today: date) -> Iterator[Hit]:
    """Each law's content requirement applies inside one plan: the beskæftigelse part."""
    c = plan.coordinated
    if _coordinated(plan) and not (c.employment_goals.strip() and c.employment_services.strip()):
        field = "coordinated.employment_goals" if not c.employment_goals.strip() \
            else "coordinated.employment_services"
        yield Hit(field, _(
            "The beskæftigelse part of the helhedsorienteret plan lacks the jobcenter's goals "
            "or services. Write them, as LAB § 30 b asks of the plan it replaces."))


def coordinating_caseworker_missing(plan: Plan, today: date) -> Iterator[Hit]:
    if _coordinated(plan) and not plan.coordinated.coordinating_caseworker.strip():
        yield Hit("coordinated.coordinating_caseworker", _(
            "Name the caseworker who coordinates the helhedsorienteret plan across the laws."))


def _handed_to(plan: Plan, service: Service) -> bool:
    wanted = [t.casefold() for t in (service.provider.strip(), service.title.strip()) if t]
    for handover in plan.handovers:
        to = handover.to.strip().casefold()
        if not to:
            continue
        if not wanted or any(w in to or to in w for w in wanted):
            return True
    return False


def handover_missing(plan: Plan, today: date) -> Iterator[Hit]:
    """A service under §§ 107-110 or § 101 with no hand-over of the plan's parts."""
    for i, service in enumerate(plan.services):
        if _HANDED_OVER.search(service.legal_basis) and not _handed_to(plan, service):
            yield Hit(f"services[{i}].legal_basis", _(
                "The service {service} is under {basis}, but no hand-over of the plan's relevant "
                "parts to it is recorded (§ 141, stk. 5). Record which parts, to whom and "
                "when.").format(service=named(service.title, i + 1),
                                basis=service.legal_basis.strip()))


def handover_sections(plan: Plan, today: date) -> Iterator[Hit]:
    """A hand-over that does not tick the parts handed over (one recorded before they were
    ticked): which parts the service has is then not known, and none is in an extract."""
    for i, handover in enumerate(plan.handovers):
        if not handover.sections:
            yield Hit(f"handovers[{i}].sections", _(
                "The hand-over to {service} does not say which parts of the plan were handed "
                "over. Tick them (§ 141, stk. 5).").format(service=named(handover.to, i + 1)))


def matter_unaddressed(plan: Plan, today: date) -> Iterator[Hit]:
    """Jobcenter, treatment and finances: each addressed or marked ikke relevant."""
    c = plan.circumstances
    names = _matter_names()
    for matter in CHECKED_MATTERS:
        reason = c.not_relevant_reason(matter)
        if getattr(c, matter).strip() or (reason is not None and reason.strip()):
            continue
        if reason is not None:
            yield Hit(f"circumstances.{matter}", _(
                "{matter} is marked as not relevant without a reason. Write why.").format(
                    matter=names[matter].capitalize()))
            continue
        yield Hit(f"circumstances.{matter}", _(
            "The plan says nothing about {matter}. Describe it, or mark it as not relevant "
            "with a reason, so it is not silently left out.").format(matter=names[matter]))


def cti_takes_over(plan: Plan, today: date) -> Iterator[Hit]:
    for i, service in enumerate(plan.services):
        if service.method == "CTI" and not service.takes_over.strip():
            yield Hit(f"services[{i}].takes_over", _(
                "The CTI course {service} does not say who takes over after the third phase. "
                "Name the person or service.").format(service=named(service.title, i + 1)))
