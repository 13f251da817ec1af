"""The Store contract (storage/interface.py), the same tests on both engines: the local
data folder and the team store on a real PostgreSQL server (the `engine` fixture).

Moved here from test_storage_store.py, unchanged: what a caseworker sees of save, get,
versions, sign, revise, close, follow-up, put, resolve and summaries does not depend on
where the plans are kept. Tests of files, backups and crashes stay local-only there.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from planbro.model import FollowUpEntry
from planbro.model.convert import to_dict

from planbro.storage import PlanFrozen, PlanNotFound, PlanSummary, StoreError

# An ISO timestamp as the store writes it.
STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


@pytest.fixture
def store(open_store):
    """An open store of the engine under test (the conftest's `store` is local only)."""
    return open_store()


def test_save_then_get_gives_the_same_plan(store, new_plan):
    plan = new_plan()
    returned = store.save(plan)
    assert returned is plan
    assert STAMP.match(plan.created) and STAMP.match(plan.updated)
    assert to_dict(store.get(plan.id)) == to_dict(plan)
    assert store.versions(plan.id) == [1]


def test_a_later_save_keeps_created_and_changes_content(store, new_plan):
    plan = store.save(new_plan())
    created = plan.created
    plan.created = ""
    plan.purpose = "At Jonas får en fast bolig inden 1. juni."
    store.save(plan)
    stored = store.get(plan.id)
    assert stored.created == created
    assert stored.purpose == "At Jonas får en fast bolig inden 1. juni."
    assert store.versions(plan.id) == [1]


def test_plans_are_found_by_their_id_not_tinydb_doc_ids(store, new_plan):
    first, second = store.save(new_plan(name="A")), store.save(new_plan(name="B"))
    assert store.get(second.id).citizen.name == "B"
    assert store.get(first.id).citizen.name == "A"


def test_sign_freezes_the_version(store, new_plan):
    plan = new_plan()
    plan.signatures.citizen_signed = date(2026, 11, 3)
    store.save(plan)
    signed = store.sign(plan.id, date(2026, 11, 5), despite_errors=True)
    assert signed.status == "signed" and signed.version == 1
    assert signed.signatures.citizen_signed == date(2026, 11, 3)
    assert signed.signatures.caseworker_signed == date(2026, 11, 5)
    assert signed.signatures.signed_despite_errors is True
    assert store.get(plan.id).status == "signed"
    with pytest.raises(PlanFrozen, match="underskrevet"):
        store.sign(plan.id, date(2026, 11, 6))
    changed = store.get(plan.id)
    changed.status = "draft"
    changed.purpose = "ændret"
    with pytest.raises(PlanFrozen):
        store.save(changed)
    with pytest.raises(PlanFrozen):
        store.save(store.get(plan.id))
    assert store.get(plan.id).purpose == plan.purpose


def test_revise_makes_the_next_version_and_keeps_the_old(store, new_plan):
    plan = store.save(new_plan())
    with pytest.raises(StoreError, match="kladde") as refused:
        store.revise(plan.id)
    assert not isinstance(refused.value, PlanFrozen)
    store.sign(plan.id, date(2026, 11, 5))
    draft = store.revise(plan.id)
    assert (draft.version, draft.status) == (2, "draft")
    assert draft.signatures.citizen_signed is None and draft.signatures.caseworker_signed is None
    assert draft.purpose == plan.purpose and draft.goals == plan.goals
    assert store.versions(plan.id) == [1, 2]
    draft.purpose = "Ny version"
    store.save(draft)
    assert store.get(plan.id).purpose == "Ny version"
    old = store.get(plan.id, 1)
    assert old.status == "signed" and old.purpose == plan.purpose
    with pytest.raises(PlanNotFound):
        store.get(plan.id, 7)


def test_close_case_freezes_everything(store, new_plan):
    plan = store.save(new_plan())
    closed = store.close_case(plan.id)
    assert closed.status == "closed"
    for attempt in (lambda: store.sign(plan.id, date(2026, 11, 5)),
                    lambda: store.revise(plan.id),
                    lambda: store.save(store.get(plan.id)),
                    lambda: store.record_follow_up(plan.id, FollowUpEntry(date(2027, 1, 1)), None)):
        with pytest.raises(PlanFrozen, match="afsluttet"):
            attempt()
    assert store.close_case(plan.id).status == "closed"


def test_follow_up_is_recorded_on_a_signed_version(store, new_plan):
    plan = store.save(new_plan())
    store.sign(plan.id, date(2026, 11, 5))
    entry = FollowUpEntry(date(2027, 2, 1), "continue", "Går efter planen")
    after = store.record_follow_up(plan.id, entry, date(2027, 5, 1))
    assert (after.version, after.status) == (1, "signed")
    assert after.follow_up.history[-1] == entry
    assert after.follow_up.next_date == date(2027, 5, 1)
    assert store.get(plan.id).follow_up.history[-1].note == "Går efter planen"
    assert store.summaries()[0].next_follow_up == date(2027, 5, 1)


def test_follow_up_change_revises_and_close_closes(store, new_plan):
    plan = store.save(new_plan())
    store.sign(plan.id, date(2026, 11, 5))
    draft = store.record_follow_up(plan.id, FollowUpEntry(date(2027, 2, 1), "change", "Ny bolig"),
                                   date(2027, 3, 1))
    assert (draft.version, draft.status) == (2, "draft")
    assert draft.follow_up.history[-1].outcome == "change"
    assert store.get(plan.id, 1).follow_up.history[-1].outcome == "change"
    # On a draft, "change" needs no new version: the draft is editable.
    same = store.record_follow_up(plan.id, FollowUpEntry(date(2027, 3, 1), "change"), None)
    assert (same.version, same.status) == (2, "draft")
    closed = store.record_follow_up(plan.id, FollowUpEntry(date(2027, 4, 1), "close"), None)
    assert (closed.version, closed.status) == (2, "closed")
    assert closed.follow_up.history[-1].outcome == "close"


def test_put_replaces_a_draft_and_adds_versions(store, new_plan):
    plan = new_plan()
    store.put(plan)
    plan.purpose = "importeret igen"
    store.put(plan)
    assert store.get(plan.id).purpose == "importeret igen"
    plan.version, plan.status = 2, "signed"
    store.put(plan)
    assert store.versions(plan.id) == [1, 2]
    assert store.summaries()[0].versions == 2


def test_get_unknown_plan_is_plan_not_found(store):
    with pytest.raises(PlanNotFound) as missing:
        store.get("3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31")
    assert isinstance(missing.value, KeyError)
    assert str(missing.value).startswith("Der findes ingen plan")
    with pytest.raises(PlanNotFound):
        store.get("not-an-id")
    with pytest.raises(PlanNotFound):
        store.versions("3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31")


def test_resolve_by_prefix(store, new_plan):
    a, b = new_plan(), new_plan()
    a.id = "abcd1111-8b1d-4e7a-9c55-2d1f0b7a4e31"
    b.id = "abcd2222-8b1d-4e7a-9c55-2d1f0b7a4e31"
    store.save(a)
    store.save(b)
    assert store.resolve(a.id) == a.id
    assert store.resolve("ABCD1") == a.id
    assert store.resolve(" abcd22 ") == b.id
    with pytest.raises(PlanNotFound, match="passer på 2 planer"):
        store.resolve("abcd")
    with pytest.raises(PlanNotFound, match="mindst 4 tegn"):
        store.resolve("abc")
    with pytest.raises(PlanNotFound, match="ingen plan"):
        store.resolve("ffff")


def test_summaries_show_the_latest_version(store, new_plan):
    jonas = store.save(new_plan(name="Jonas"))
    store.save(new_plan(name="Anna", cpr=""))
    store.sign(jonas.id, date(2026, 11, 5))
    store.revise(jonas.id)
    anna, first = store.summaries()
    assert isinstance(first, PlanSummary)
    assert [anna.name, first.name] == ["Anna", "Jonas"]
    assert anna.cpr_masked == ""
    assert (first.id, first.version, first.versions, first.status) == (jonas.id, 2, 2, "draft")
    assert first.cpr_masked == "120379-xxxx"
    assert (first.basis, first.decision) == ("sel-142", "accepted")
    assert first.next_follow_up == jonas.follow_up.next_date
    assert STAMP.match(first.created) and STAMP.match(first.updated)
