"""Deleting a draft that was never signed: the case file, its backups and its
row go, crash-safely; a plan with a signed version is refused (#9.22)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planbro.audit import AuditLog
from planbro.storage import PlanFrozen, PlanNotFound, PlanStore, StoreLocked
from planbro.storage.index import SummaryIndex

# The day the signed plans of these tests were signed.
SIGNED_ON = date(2026, 11, 19)


def _saved_twice(store, new_plan, **fields):
    plan = new_plan(**fields)
    store.save(plan)
    plan.purpose = "Et andet formål"
    store.save(plan)
    return plan


def _leftovers(data_dir, plan_id) -> list:
    return sorted(str(p.relative_to(data_dir)) for p in data_dir.rglob(f"{plan_id}*"))


def test_a_draft_goes_with_its_backups_and_row_and_the_delete_is_logged(data_dir, new_plan):
    with PlanStore(data_dir, audit=AuditLog(data_dir), via="app") as store:
        plan = _saved_twice(store, new_plan)
        other = _saved_twice(store, new_plan, name="Anna Holm")
        assert _leftovers(data_dir, plan.id), "the saves left a case file and a backup"
        assert store.delete_draft(plan.id) == 1
        assert [s.id for s in store.summaries()] == [other.id]
        with pytest.raises(PlanNotFound):
            store.get(plan.id)
        assert _leftovers(data_dir, plan.id) == []
        assert store.get(other.id).citizen.name == "Anna Holm"
        assert plan.id not in {p.stem.split(".")[0] for p in store.backups()}
    [record] = [r for r in AuditLog(data_dir).read().records if r["action"] == "delete"]
    assert (record["plan"], record["version"], record["via"]) == (plan.id, 1, "app")
    # Nothing else of the plan reaches the log than its random id.
    assert "Jonas" not in str(record)
    with PlanStore(data_dir) as again:
        assert [s.id for s in again.summaries()] == [other.id]


def test_a_plan_with_a_signed_version_is_never_deleted(store, new_plan, data_dir):
    signed = _saved_twice(store, new_plan)
    store.sign(signed.id, SIGNED_ON)
    revised = _saved_twice(store, new_plan, name="Anna Holm")
    store.sign(revised.id, SIGNED_ON)
    store.revise(revised.id)
    closed = _saved_twice(store, new_plan, name="Bo Lund")
    store.close_case(closed.id)
    for plan_id, version in ((signed.id, 1), (revised.id, 1), (closed.id, 1)):
        before = _leftovers(data_dir, plan_id)
        with pytest.raises(PlanFrozen) as refused:
            store.delete_draft(plan_id)
        assert f"Version {version} af planen er underskrevet" in str(refused.value)
        assert "aldrig" in str(refused.value) and "Luk sagen" in str(refused.value)
        assert _leftovers(data_dir, plan_id) == before
    assert len(store.summaries()) == 3


def test_an_imported_revision_alone_is_not_deleted_either(store, new_plan):
    plan = new_plan()
    plan.version = 2
    store.put(plan)
    with pytest.raises(PlanFrozen) as refused:
        store.delete_draft(plan.id)
    assert "Version 2 af planen reviderer en underskrevet version" in str(refused.value)
    assert store.get(plan.id).version == 2


def test_a_read_only_store_deletes_nothing(data_dir, new_plan):
    with PlanStore(data_dir) as store:
        plan = _saved_twice(store, new_plan)
    with PlanStore(data_dir, read_only=True) as reader:
        with pytest.raises(StoreLocked):
            reader.delete_draft(plan.id)
        assert [s.id for s in reader.summaries()] == [plan.id]


def test_a_reader_sees_the_deleted_draft_gone(data_dir, new_plan):
    with PlanStore(data_dir) as store:
        plan = _saved_twice(store, new_plan)
        with PlanStore(data_dir, read_only=True) as reader:
            assert [s.id for s in reader.summaries()] == [plan.id]
            store.delete_draft(plan.id)
            assert reader.summaries() == []


class Crash(BaseException):
    """Stands for the process dying at that point."""


def _abandon(store) -> None:
    # A killed process closes nothing; only its lock goes with it.
    store._release()


def test_a_crash_before_the_index_is_written_still_leaves_the_plan_gone(data_dir, new_plan,
                                                                          monkeypatch):
    store = PlanStore(data_dir)
    plan = _saved_twice(store, new_plan)
    kept = _saved_twice(store, new_plan, name="Anna Holm")

    def crash(self, plan_id):
        raise Crash

    monkeypatch.setattr(SummaryIndex, "forget", crash)
    with pytest.raises(Crash):
        store.delete_draft(plan.id)
    _abandon(store)
    monkeypatch.undo()
    with PlanStore(data_dir) as again:
        assert [s.id for s in again.summaries()] == [kept.id]
        assert _leftovers(data_dir, plan.id) == []


def test_a_crash_after_the_backups_went_leaves_the_plan_whole(data_dir, new_plan, monkeypatch):
    from planbro.storage import removal

    store = PlanStore(data_dir)
    plan = _saved_twice(store, new_plan)
    real_unlink = removal.os.unlink

    def crash(path, *args, **kwargs):
        if Path(path).name == f"{plan.id}.json" and Path(path).parent.name == "cases":
            raise Crash
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(removal.os, "unlink", crash)
    with pytest.raises(Crash):
        store.delete_draft(plan.id)
    _abandon(store)
    monkeypatch.undo()
    with PlanStore(data_dir) as again:
        assert again.get(plan.id).purpose == "Et andet formål"
        assert [s.id for s in again.summaries()] == [plan.id]
        # Saving again makes a backup again.
        again.save(again.get(plan.id))
