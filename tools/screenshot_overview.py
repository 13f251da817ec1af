"""The invented plans of the Overblik picture (tools/screenshots.py --only overview): enough
plans in two units for most figures to be shown, not "under 5". Names and CPR numbers are
invented; no picture shows them (the overview shows no name)."""

from __future__ import annotations

import copy
import random
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

# How many plans, and the units and caseworkers they are spread over.
PLANS = 200
UNITS = ("Hjemløseteamet", "Hjemløseteamet", "Hjemløseteamet", "Team Syd")
WORKERS = ("Mette Kjær", "Anders Berg", "Sofie Dahl", "Jens Munk")
# Declined offers' reasons, as caseworkers write them.
REASONS = ("Klarer mig selv.", "Har allerede en jobplan.", "Ikke nu, måske senere.",
           "Stoler ikke på kommunen.", "Flytter til en anden kommune.", "")
# The one unit the picture shows.
UNIT = "Hjemløseteamet"


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T10:00:00Z"


def make_overview_store(data: Path, today: date) -> None:
    """Fill `data` with PLANS invented plans offered in the last 18 months."""
    from planbro.exchange import read_plan_file
    from planbro.model import FollowUpEntry, Signatures
    from planbro.model.plan import new_id

    from planbro.storage import PlanStore

    from planbro.overview import store_facts

    base = read_plan_file(resources.files("planbro.forms") / "example-plan.json")
    rng = random.Random(15)
    with PlanStore(data, facts=store_facts()) as store:
        for number in range(PLANS):
            plan = copy.deepcopy(base)
            plan.id = new_id()
            plan.citizen.name = f"Borger {number + 1:03d}"
            plan.caseworker.unit = UNITS[number % len(UNITS)]
            plan.caseworker.name = WORKERS[number % len(WORKERS)]
            offered = today - timedelta(days=rng.randrange(540))
            plan.offer.date = plan.duration.start = offered
            plan.created = plan.updated = _stamp(offered)
            plan.basis = rng.choice(("sel-141-2", "sel-141-2", "sel-141-2", "sel-142",
                                     "sel-141-1", "sel-141-7"))
            if plan.basis == "sel-142":
                plan.boform.notified = offered - timedelta(days=rng.randrange(20))
                plan.boform.admitted = plan.boform.notified - timedelta(days=2)
            else:
                plan.boform = type(plan.boform)()
            decision = rng.choice(("accepted",) * 7 + ("declined", "declined", "pending"))
            plan.offer.decision = decision
            plan.follow_up.next_date = offered + timedelta(days=rng.randrange(60, 420))
            if decision == "declined":
                plan.offer.reason = rng.choice(REASONS)
                plan.offer.offer_again = offered + timedelta(days=180)
                plan.goals, plan.services, plan.partners, plan.handovers = [], [], [], []
                plan.follow_up.next_date = None
            for goal in plan.goals:
                for sub in goal.subgoals:
                    sub.status = rng.choice(("not_started", "in_progress", "in_progress",
                                             "achieved", "dropped"))
            signed_on = offered + timedelta(days=rng.randrange(5, 70))
            if decision == "accepted" and signed_on <= today and rng.random() < 0.85:
                plan.status = "signed"
                plan.signatures = Signatures(citizen_signed=signed_on,
                                             caseworker_signed=signed_on, place="Kontoret")
                plan.updated = _stamp(signed_on)
                followed = signed_on + timedelta(days=90)
                if followed <= today and rng.random() < 0.7:
                    outcome = rng.choice(("continue", "continue", "change", "close"))
                    plan.follow_up.history.append(FollowUpEntry(followed, outcome, "Samtale"))
                    if outcome == "close":
                        plan.status, plan.follow_up.next_date = "closed", None
                        plan.updated = _stamp(followed)
            store.put(plan)
