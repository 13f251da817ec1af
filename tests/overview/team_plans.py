"""An invented team's plans whose figures can be counted by hand (test_overview_figures.py).

Every plan is a copy of the shipped example plan (no finding on TODAY) changed where a
figure needs it. The period is 1-1-2026 to 30-11-2026, TODAY is 1-12-2026, the unit Team
Nord. Names and CPR numbers are invented.

  A1-A6  § 141 stk. 2, accepted, offered 2-3 (A1) ... 7-3 (A6), signed 10, 20 ... 60 days
         after the offer. A1 and A2: next follow-up 15-11-2026 (overdue). A1-A3: followed up
         1-6-2026 (fortsættes); A4: 1-7-2026 (ændres); A5: 15-12-2025 (before the period).
         A1: version 2 (draft of 10-6-2026) records its first sub-goal achieved and its
         second dropped; A2: its fourth sub-goal achieved when signed on 22-3-2026.
         A6: its CTI course started 5-1-2026 and has no end (over 9 months on TODAY).
  B1-B3  § 141 stk. 2, declined in the period: "klarer mig selv" (no_need), "har allerede en
         jobplan" (has_help), no reason (a fejl). No content, no partners.
  C1     § 141 stk. 2, offered 20-11-2026, no answer yet.
  D1     § 142 as the example: notified 22-10-2026, offered 28-10 (6 days: in time).
  D2     § 142: notified 1-9-2026, work started 1-10-2026 (30 days: late).
  E1     closed by a follow-up on 20-12-2025: before the period, not in it.
  E2     offered 10-1-2026, signed 20-1 (10 days), closed by a follow-up on 1-4-2026.
  F1     offered and signed in 2024, last changed 1-6-2025 (not updated for 12 months),
         next follow-up 1-6-2025 (overdue); its CTI course ran 1-1-2025 to 30-6-2026.
  G1     Team Syd, caseworker Anders Berg, offered 1-5-2026: outside the unit.
  H1     offered 10-12-2026: after the period.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta

from planbro.model import FollowUpEntry, Plan, Replaces, Signatures
from planbro.model.plan import new_id

# The day of the state, and the period.
TODAY = date(2026, 12, 1)
START, END = date(2026, 1, 1), date(2026, 11, 30)
# The unit and caseworker of the team's plans (G1's are others).
UNIT, WORKER = "Team Nord", "Mette Lund Sørensen"


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T12:00:00Z"


def _plan(example: Plan, name: str, offered: date, *, basis: str = "sel-141-2",
          decision: str = "accepted") -> Plan:
    plan = copy.deepcopy(example)
    plan.id = new_id()
    plan.basis = basis
    plan.citizen.name = f"Borger {name}"
    plan.offer.date, plan.offer.decision = offered, decision
    plan.created = plan.updated = _stamp(offered)
    plan.duration.start = offered
    plan.caseworker.name, plan.caseworker.unit = WORKER, UNIT
    return plan


def _signed(plan: Plan, on: date) -> Plan:
    plan.status = "signed"
    plan.signatures = Signatures(citizen_signed=on, caseworker_signed=on, place="Kontoret")
    plan.updated = _stamp(on)
    return plan


def _revision(signed: Plan, on: date) -> Plan:
    draft = copy.deepcopy(signed)
    draft.version, draft.status = signed.version + 1, "draft"
    draft.signatures = Signatures(place=signed.signatures.place)
    draft.replaces = Replaces(signed.version, signed.signatures.signed_on())
    draft.created = draft.updated = _stamp(on)
    return draft


def _declined(example: Plan, name: str, offered: date, reason: str) -> Plan:
    plan = _plan(example, name, offered, decision="declined")
    plan.offer.reason, plan.offer.offer_again = reason, date(2027, 3, 1)
    plan.goals, plan.services, plan.partners, plan.handovers = [], [], [], []
    plan.follow_up.next_date = None
    return plan


def team(example: Plan) -> dict[str, list[Plan]]:
    """The plans by name, each as its stored versions (oldest first)."""
    plans: dict[str, list[Plan]] = {}
    for number in range(1, 7):
        offered = date(2026, 3, number + 1)
        plan = _signed(_plan(example, f"A{number}", offered), offered + timedelta(days=10 * number))
        plan.boform = type(plan.boform)()
        plans[f"A{number}"] = [plan]
    for name in ("A1", "A2"):
        plans[name][0].follow_up.next_date = date(2026, 11, 15)
    for name, day, outcome in (("A1", date(2026, 6, 1), "continue"),
                               ("A2", date(2026, 6, 1), "continue"),
                               ("A3", date(2026, 6, 1), "continue"),
                               ("A4", date(2026, 7, 1), "change"),
                               ("A5", date(2025, 12, 15), "continue")):
        plans[name][0].follow_up.history.append(FollowUpEntry(day, outcome, "Samtale"))
    a1 = _revision(plans["A1"][0], date(2026, 6, 10))
    a1.goals[0].subgoals[0].status, a1.goals[0].subgoals[1].status = "achieved", "dropped"
    plans["A1"].append(a1)
    plans["A2"][0].goals[1].subgoals[0].status = "achieved"
    cti = plans["A6"][0].services[0]
    cti.start, cti.end, cti.phases = date(2026, 1, 5), None, []

    plans["B1"] = [_declined(example, "B1", date(2026, 4, 1), "Jeg klarer mig selv.")]
    plans["B2"] = [_declined(example, "B2", date(2026, 4, 2), "Hun har allerede en jobplan.")]
    plans["B3"] = [_declined(example, "B3", date(2026, 4, 3), "")]
    plans["C1"] = [_plan(example, "C1", date(2026, 11, 20), decision="pending")]

    d1 = copy.deepcopy(example)
    d1.id, d1.citizen.name = new_id(), "Borger D1"
    d1.caseworker.name, d1.caseworker.unit = WORKER, UNIT
    plans["D1"] = [d1]
    d2 = _plan(example, "D2", date(2026, 10, 1), basis="sel-142")
    d2.boform.admitted, d2.boform.notified = date(2026, 8, 30), date(2026, 9, 1)
    d2.duration.start = date(2026, 10, 5)
    plans["D2"] = [d2]

    for name, offered, closed in (("E1", date(2025, 6, 1), date(2025, 12, 20)),
                                  ("E2", date(2026, 1, 10), date(2026, 4, 1))):
        plan = _signed(_plan(example, name, offered), offered + timedelta(days=10))
        plan.boform = type(plan.boform)()
        plan.follow_up.history.append(FollowUpEntry(closed, "close", "Afsluttet"))
        plan.follow_up.next_date = None
        plan.status, plan.updated = "closed", _stamp(closed)
        plans[name] = [plan]

    f1 = _signed(_plan(example, "F1", date(2024, 5, 1)), date(2024, 5, 20))
    f1.boform = type(f1.boform)()
    f1.updated = _stamp(date(2025, 6, 1))
    f1.follow_up.next_date = date(2025, 6, 1)
    f1.services[0].start, f1.services[0].end = date(2025, 1, 1), date(2026, 6, 30)
    f1.services[0].phases = []
    plans["F1"] = [f1]

    g1 = _plan(example, "G1", date(2026, 5, 1))
    g1.boform = type(g1.boform)()
    g1.caseworker.name, g1.caseworker.unit = "Anders Berg", "Team Syd"
    plans["G1"] = [g1]
    h1 = _plan(example, "H1", date(2026, 12, 10))
    h1.boform = type(h1.boform)()
    plans["H1"] = [h1]
    return plans


def store_team(store, example: Plan) -> dict[str, str]:
    """Put the team's plans into `store`; their ids by name."""
    ids = {}
    for name, versions in team(example).items():
        for version in versions:
            store.put(version)
        ids[name] = versions[0].id
    return ids
