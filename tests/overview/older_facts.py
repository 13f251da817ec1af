"""The invented team's plans with facts as another Planbro made them (older_store), and the
count of the facts the overview makes again (count_made): shared by the overview's tests of
stale facts and the window's."""

from __future__ import annotations

from pathlib import Path

from team_plans import store_team

from planbro.quality import DEFAULT_POLICY
from planbro.storage import PlanStore

from planbro.overview import facts as facts_module
from planbro.overview.facts import plan_facts


def older(docs, plan=None):
    """Facts as a Planbro with other rules made them: another format, no rule's finding."""
    return {**plan_facts(docs), "f": "0/older", "q": ""}


def older_store(folder: Path, example_plan) -> Path:
    """The invented team saved in `folder` with older facts; the folder."""
    with PlanStore(folder, facts=older) as store:
        store_team(store, example_plan)
    return folder


def count_made(monkeypatch) -> list[int]:
    """A list that grows by one for each plan's facts made from here on."""
    made: list[int] = []

    def counted(docs, policy=DEFAULT_POLICY, plan=None):
        made.append(1)
        return plan_facts(docs, policy, plan)

    monkeypatch.setattr(facts_module, "plan_facts", counted)
    return made
