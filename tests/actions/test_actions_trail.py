"""The trail writes a use case's record to the log it was given, and only there."""

from __future__ import annotations

from actions_support import records

from planbro.model import Plan

from planbro.actions.trail import Trail, trail_of


def test_a_trail_records_the_plan_by_id_version_via_and_detail(store, stored):
    assert Trail(store.audit, via="cli").record("render", stored, detail="pdf") is True
    assert records(store)[-1] == ("render", stored.id, stored.version, "cli", "pdf")


def test_the_trail_of_a_store_marks_records_as_the_store_does(store, stored):
    trail = trail_of(store)
    assert trail.log is store.audit and trail.via == "app"


def test_without_a_log_nothing_is_recorded(store, stored):
    before = records(store)
    assert Trail(None).record("view", stored) is False
    assert records(store) == before


def test_a_plan_without_a_proper_id_is_recorded_without_it(store):
    plan = Plan()
    plan.id = "not-a-uuid"
    assert Trail(store.audit).record("render", plan, detail="docx") is True
    assert records(store)[-1][:2] == ("render", None)
