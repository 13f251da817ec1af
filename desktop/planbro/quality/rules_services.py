"""Rules on services (§ 141 stk. 3 nr. 2): complete, tied to goals, methods used as meant."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from planbro.translation import _

from planbro.model import Plan, Service
from planbro.model.dates import add_months

from planbro.quality.findings import Hit
from planbro.quality.wording import date_text, named

# CTI is a time-limited method: three phases of about three months.
CTI_MONTHS = 9
# Methods that need one named person to coordinate (DOMAIN.md).
COORDINATED_METHODS = ("ICM", "ACT")


def _numbered(plan: Plan) -> Iterator[tuple[int, Service, str]]:
    for i, service in enumerate(plan.services):
        yield i, service, named(service.title, i + 1)


def service_title(plan: Plan, today: date) -> Iterator[Hit]:
    for i, service, _name in _numbered(plan):
        if not service.title.strip():
            yield Hit(f"services[{i}].title", _(
                "Service no. {number} has no name. Write what the help is.").format(number=i + 1))


def service_legal_basis(plan: Plan, today: date) -> Iterator[Hit]:
    for i, service, name in _numbered(plan):
        if not service.legal_basis.strip():
            yield Hit(f"services[{i}].legal_basis", _(
                "The service {service} has no legal basis. Choose or type the provision "
                "it is granted under.").format(service=name))


def service_start(plan: Plan, today: date) -> Iterator[Hit]:
    for i, service, name in _numbered(plan):
        if service.start is None:
            yield Hit(f"services[{i}].start", _(
                "The service {service} has no start date. Write when it starts.").format(
                    service=name))


def service_provider(plan: Plan, today: date) -> Iterator[Hit]:
    for i, service, name in _numbered(plan):
        if not service.provider.strip():
            yield Hit(f"services[{i}].provider", _(
                "The service {service} has no provider. Write who delivers it.").format(
                    service=name))


def service_without_goal(plan: Plan, today: date) -> Iterator[Hit]:
    known = {goal.id for goal in plan.goals}
    for i, service, name in _numbered(plan):
        field = f"services[{i}].goal_ids"
        if not service.goal_ids:
            yield Hit(field, _(
                "The service {service} is linked to no goal. Link it to the goals it "
                "helps reach.").format(service=name))
        for goal_id in service.goal_ids:
            if goal_id not in known:
                yield Hit(field, _(
                    "The service {service} is linked to a goal that is not in the plan "
                    "({goal_id}). Link it to an existing goal.").format(
                        service=name, goal_id=goal_id))


def goal_without_service(plan: Plan, today: date) -> Iterator[Hit]:
    served = {goal_id for service in plan.services for goal_id in service.goal_ids}
    for g, goal in enumerate(plan.goals):
        if goal.id not in served:
            yield Hit(f"goals[{g}]", _(
                "No service helps reach the goal {goal}. Add a service or link an existing "
                "one to the goal.").format(goal=named(goal.title, g + 1)))


def _cti(plan: Plan) -> Iterator[tuple[int, Service, str]]:
    return ((i, s, name) for i, s, name in _numbered(plan) if s.method == "CTI")


def cti_duration(plan: Plan, today: date) -> Iterator[Hit]:
    """CTI runs 9 months; the span counts the service's and its phases' dates."""
    for i, service, name in _cti(plan):
        starts = [d for d in (service.start, *(p.start for p in service.phases)) if d]
        ends = [d for d in (service.end, *(p.end for p in service.phases)) if d]
        if not ends:
            yield Hit(f"services[{i}].end", _(
                "CTI lasts 9 months, but the service {service} has no end date. Set the end date.").format(
                    service=name))
        elif starts and max(ends) > add_months(min(starts), CTI_MONTHS):
            yield Hit(f"services[{i}].end", _(
                "CTI lasts 9 months, but the service {service} is planned from {start} to {end}. Shorten "
                "the course or choose another method.").format(
                    service=name, start=date_text(min(starts)), end=date_text(max(ends))))


def cti_phases(plan: Plan, today: date) -> Iterator[Hit]:
    for i, service, name in _cti(plan):
        if not service.phases:
            yield Hit(f"services[{i}].phases", _(
                "The CTI course {service} has no phases. Add the three phases (transition to "
                "own home, trying out, handing over) with their dates.").format(service=name))
        for k, phase in enumerate(service.phases):
            if phase.start is None or phase.end is None:
                where = "start" if phase.start is None else "end"
                yield Hit(f"services[{i}].phases[{k}].{where}", _(
                    "Phase {phase} of the CTI course {service} lacks dates. Give the "
                    "phase's start and end.").format(
                        phase=named(phase.name, k + 1), service=name))


def coordinator_missing(plan: Plan, today: date) -> Iterator[Hit]:
    if plan.coordinator.name.strip():
        return
    for _i, service, name in _numbered(plan):
        if service.method in COORDINATED_METHODS:
            yield Hit("coordinator.name", _(
                "The plan uses {method} (the service {service}), but no coordinator is named. Write the "
                "name of the person who coordinates the help.").format(
                    method=service.method, service=name))
            return
