"""Journalising a closed case and deleting it after the retention period (#11): the case
file, its backups, its damaged copies and its row go, the "purge" record stays; a case
closed but not journalised, or still within its period, is never deleted."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planbro.exchange import dumps_plan, read_plan_file

from planbro.audit import AuditLog
from planbro.storage import PlanNotFound, PlanStore, StoreError, StoreWriteFailed
from planbro.storage.index import SummaryIndex
from planbro.storage.retention import deletion_day, sort

# The day the cases of these tests were journalised, and the period they are kept.
JOURNALISED, DAYS = date(2026, 10, 1), 30
# The first day they may be deleted.
DUE = date(2026, 10, 31)


def _files(data_dir: Path, plan_id: str) -> list[str]:
    return sorted(str(p.relative_to(data_dir)) for p in data_dir.rglob(f"{plan_id}*"))


def _closed(store, new_plan, *, journalised: date | None = JOURNALISED, **fields):
    plan = new_plan(**fields)
    store.save(plan)
    plan.purpose = "Et andet formål"
    store.save(plan)
    store.close_case(plan.id)
    if journalised is not None:
        store.journalise(plan.id, journalised)
    return plan


@pytest.fixture
def logged(data_dir):
    with PlanStore(data_dir, audit=AuditLog(data_dir), via="cli") as opened:
        yield opened


def _actions(data_dir, plan_id) -> list[str]:
    return [r["action"] for r in AuditLog(data_dir).read().records if r["plan"] == plan_id]


def test_journalising_marks_the_closed_version_and_is_logged(logged, new_plan, data_dir):
    plan = _closed(logged, new_plan, journalised=None)
    marked = logged.journalise(plan.id, JOURNALISED)
    assert (marked.version, marked.status, marked.journalised) == (1, "closed", JOURNALISED)
    assert logged.get(plan.id).journalised == JOURNALISED
    assert logged.get(plan.id).purpose == "Et andet formål"
    [summary] = logged.summaries()
    assert summary.journalised == JOURNALISED
    # The same day again changes and records nothing.
    logged.journalise(plan.id, JOURNALISED)
    assert _actions(data_dir, plan.id).count("journalise") == 1
    # The index keeps the mark across a restart.
    logged.close()
    with PlanStore(data_dir, read_only=True) as again:
        assert again.summaries()[0].journalised == JOURNALISED


def test_an_open_case_is_not_journalised(store, new_plan):
    plan = new_plan()
    store.save(plan)
    with pytest.raises(StoreError) as refused:
        store.journalise(plan.id, JOURNALISED)
    assert "ikke afsluttet" in str(refused.value) and "Luk sagen" in str(refused.value)
    assert store.get(plan.id).journalised is None


def test_the_mark_survives_export_and_import(store, new_plan, tmp_path):
    plan = _closed(store, new_plan)
    exported = tmp_path / "plan.json"
    exported.write_text(dumps_plan(store.get(plan.id)), encoding="utf-8")
    assert '"journalised": "2026-10-01"' in exported.read_text(encoding="utf-8")
    with PlanStore(tmp_path / "other") as other:
        other.put(read_plan_file(exported))
        assert other.get(plan.id).journalised == JOURNALISED
        assert other.summaries()[0].journalised == JOURNALISED


def test_sort_tells_due_kept_and_unjournalised_apart(store, new_plan):
    due = _closed(store, new_plan, name="Anna Holm")
    kept = _closed(store, new_plan, name="Bo Lund", journalised=date(2026, 10, 20))
    waiting = _closed(store, new_plan, name="Carl Nørgaard", journalised=None)
    open_plan = new_plan(name="Dorte Berg")
    store.save(open_plan)
    found = sort(store.summaries(), DUE, DAYS)
    assert [s.id for s in found.due] == [due.id]
    assert [s.id for s in found.kept] == [kept.id]
    assert [s.id for s in found.unjournalised] == [waiting.id]
    assert deletion_day(JOURNALISED, DAYS) == DUE
    # The day before, nothing is due yet.
    assert sort(store.summaries(), date(2026, 10, 30), DAYS).due == []


def test_purge_removes_the_case_its_backups_damaged_copies_and_row(logged, new_plan, data_dir):
    plan = _closed(logged, new_plan)
    other = _closed(logged, new_plan, name="Anna Holm", journalised=None)
    damaged = data_dir / "damaged"
    damaged.mkdir()
    (damaged / f"{plan.id}.20261001T120000.json").write_text("{}", encoding="utf-8")
    assert any("backups" in name for name in _files(data_dir, plan.id))
    before_other = {name: (data_dir / name).read_bytes() for name in _files(data_dir, other.id)}

    assert logged.purge(plan.id, DUE, DAYS) == 1
    assert _files(data_dir, plan.id) == []
    with pytest.raises(PlanNotFound):
        logged.get(plan.id)
    assert [s.id for s in logged.summaries()] == [other.id]
    # The other plan, closed but not journalised, is untouched, byte for byte.
    assert {name: (data_dir / name).read_bytes()
            for name in _files(data_dir, other.id)} == before_other
    logged.close()
    assert _actions(data_dir, plan.id)[-1] == "purge"
    [record] = [r for r in AuditLog(data_dir).read().records if r["action"] == "purge"]
    assert (record["plan"], record["version"], record["via"]) == (plan.id, 1, "cli")
    assert "Jonas" not in str(record) and "120379" not in str(record)
    with PlanStore(data_dir) as again:
        assert [s.id for s in again.summaries()] == [other.id]


@pytest.mark.parametrize("journalised, today, says", [
    (None, DUE, "ikke journaliseret"),
    (JOURNALISED, date(2026, 10, 30), "31-10-2026"),
])
def test_a_case_not_due_is_never_purged(store, new_plan, data_dir, journalised, today, says):
    plan = _closed(store, new_plan, journalised=journalised)
    before = _files(data_dir, plan.id)
    with pytest.raises(StoreError) as refused:
        store.purge(plan.id, today, DAYS)
    assert says in str(refused.value)
    assert _files(data_dir, plan.id) == before
    assert store.get(plan.id).status == "closed"


def test_an_open_case_is_never_purged_even_with_an_imported_mark(store, new_plan, data_dir):
    plan = new_plan()
    plan.status, plan.journalised = "signed", JOURNALISED
    store.put(plan)
    with pytest.raises(StoreError) as refused:
        store.purge(plan.id, DUE, DAYS)
    assert "ikke afsluttet" in str(refused.value)
    assert store.get(plan.id).status == "signed"


def test_no_record_no_purge(data_dir, new_plan, monkeypatch):
    log = AuditLog(data_dir)
    with PlanStore(data_dir, audit=log, via="app") as store:
        plan = _closed(store, new_plan)
        before = _files(data_dir, plan.id)

        def refuse(*args, **kwargs):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(log, "begin", refuse)
        with pytest.raises(StoreWriteFailed):
            store.purge(plan.id, DUE, DAYS)
        assert _files(data_dir, plan.id) == before
        assert store.get(plan.id).journalised == JOURNALISED


class Crash(BaseException):
    """Stands for the process dying at that point."""


def test_a_crash_before_the_case_file_goes_leaves_it_whole_and_due(data_dir, new_plan,
                                                                    monkeypatch):
    from planbro.storage import removal

    store = PlanStore(data_dir, audit=AuditLog(data_dir), via="app")
    plan = _closed(store, new_plan)
    real_unlink = removal.os.unlink

    def crash(path, *args, **kwargs):
        if Path(path).parent.name == "cases":
            raise Crash
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(removal.os, "unlink", crash)
    with pytest.raises(Crash):
        store.purge(plan.id, DUE, DAYS)
    store._release()
    monkeypatch.undo()
    with PlanStore(data_dir, audit=AuditLog(data_dir), via="app") as again:
        # The whole case is there (reopening may copy it to backups/ again) and still due:
        # the next purge deletes it.
        assert again.get(plan.id).purpose == "Et andet formål"
        assert f"cases/{plan.id}.json" in _files(data_dir, plan.id)
        assert [s.id for s in sort(again.summaries(), DUE, DAYS).due] == [plan.id]
        again.purge(plan.id, DUE, DAYS)
    assert _files(data_dir, plan.id) == []


def test_a_crash_before_the_row_goes_leaves_nothing_of_the_case(data_dir, new_plan, monkeypatch):
    store = PlanStore(data_dir, audit=AuditLog(data_dir), via="app")
    plan = _closed(store, new_plan)
    kept = _closed(store, new_plan, name="Anna Holm", journalised=None)

    def crash(self, plan_id):
        raise Crash

    monkeypatch.setattr(SummaryIndex, "forget", crash)
    with pytest.raises(Crash):
        store.purge(plan.id, DUE, DAYS)
    store._release()
    monkeypatch.undo()
    with PlanStore(data_dir) as again:
        assert [s.id for s in again.summaries()] == [kept.id]
    assert _files(data_dir, plan.id) == []
    # The record was written first, so the log holds the purge.
    assert "purge" in _actions(data_dir, plan.id)
