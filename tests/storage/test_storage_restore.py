"""Restoring a backup over a readable file only with consent, keeping that file; meta.json backed
up and, when damaged without a backup, rebuilt only when asked."""

from __future__ import annotations

import io
import json

import pytest

from planbro.storage import (
    PlanStore,
    RestoreWouldLose,
    StoreCorrupt,
    StoreError,
    repair,
    restore_backup,
    restore_loss,
)
from planbro.storage.paths import Layout

from planbro.cli import main


def _two_versions(data_dir, new_plan):
    """A plan signed (version 1) and revised (version 2), with backups of each state."""
    from datetime import date

    with PlanStore(data_dir) as store:
        plan = store.save(new_plan())
        store.sign(plan.id, date(2026, 11, 2), despite_errors=True)
        store.revise(plan.id)
    return plan.id


def _backup_with_one_version(data_dir, plan_id):
    layout = Layout(data_dir)
    for backup in sorted((layout.backups / "cases").glob(f"{plan_id}.*.json")):
        if len(json.loads(backup.read_text(encoding="utf-8"))["versions"]) == 1:
            return backup
    raise AssertionError("no backup with one version")


def test_restoring_over_a_readable_file_is_refused_saying_what_is_lost(data_dir, new_plan):
    plan_id = _two_versions(data_dir, new_plan)
    backup = _backup_with_one_version(data_dir, plan_id)
    case = Layout(data_dir).case(plan_id)
    before = case.read_bytes()
    with pytest.raises(RestoreWouldLose) as caught:
        restore_backup(data_dir, backup)
    message = str(caught.value)
    assert "Version 2 af 2 går tabt" in message and str(case) in message
    assert "gemmes som sikkerhedskopien" in message and "Intet blev gendannet" in message
    with PlanStore(data_dir) as store, pytest.raises(RestoreWouldLose):
        store.restore_backup(backup)
    assert case.read_bytes() == before


def test_a_forced_restore_keeps_the_replaced_file_as_the_newest_backup(data_dir, new_plan):
    plan_id = _two_versions(data_dir, new_plan)
    layout = Layout(data_dir)
    backup = _backup_with_one_version(data_dir, plan_id)
    case = layout.case(plan_id)
    before = case.read_bytes()
    others = {p.name: p.read_bytes() for p in (layout.backups / "cases").iterdir()
              if p.name.startswith(plan_id) and p != backup}
    restored_bytes = backup.read_bytes()
    loss = restore_loss(data_dir, backup)
    assert loss is not None and loss.lost == (2,) and loss.count == 2
    restore_backup(data_dir, backup, force=True)
    assert case.read_bytes() == restored_bytes
    first = layout.backups / "cases" / f"{plan_id}.1.json"
    assert first.read_bytes() == before
    kept = {p.read_bytes() for p in (layout.backups / "cases").iterdir()
            if p.name.startswith(plan_id)}
    # No other backup was pushed out by the one put back.
    assert set(others.values()) <= kept
    with PlanStore(data_dir) as store:
        assert store.versions(plan_id) == [1]
        # The replaced file can be restored in turn.
        store.restore_backup(first, force=True)
        assert store.versions(plan_id) == [1, 2]


def test_a_restore_cut_short_by_a_crash_keeps_the_replaced_file_as_a_backup(
        data_dir, new_plan, monkeypatch):
    from planbro.storage import backups

    plan_id = _two_versions(data_dir, new_plan)
    layout = Layout(data_dir)
    backup = _backup_with_one_version(data_dir, plan_id)
    case = layout.case(plan_id)
    replaced = case.read_bytes()

    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # stands for a SIGKILL after the backup was put back

    monkeypatch.setattr(backups, "_keep_replaced", crash)
    with pytest.raises(KeyboardInterrupt):
        restore_backup(data_dir, backup, force=True)
    monkeypatch.undo()
    [aside] = (layout.backups / "cases").glob(".*.restoring")
    assert aside.read_bytes() == replaced
    # The next writer finishes it: the replaced file is the newest backup, nothing is lost.
    with PlanStore(data_dir) as store:
        assert store.versions(plan_id) == [1]
        first = layout.backups / "cases" / f"{plan_id}.1.json"
        assert first.read_bytes() == replaced
        assert list((layout.backups / "cases").glob(".*.restoring")) == []
        store.restore_backup(first, force=True)
        assert store.versions(plan_id) == [1, 2]


def test_the_command_refuses_without_a_terminal_and_restores_with_force(data_dir, new_plan,
                                                                        capsys, monkeypatch):
    plan_id = _two_versions(data_dir, new_plan)
    backup = _backup_with_one_version(data_dir, plan_id)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--data-dir", str(data_dir), "restore", str(backup)]) == 2
    err = capsys.readouterr().err
    assert "Version 2 af 2 går tabt" in err and "planbro restore --force" in err
    with PlanStore(data_dir) as store:
        assert store.versions(plan_id) == [1, 2]
    assert main(["--data-dir", str(data_dir), "restore", "--force", str(backup)]) == 0
    with PlanStore(data_dir) as store:
        assert store.versions(plan_id) == [1]


def test_the_command_asks_on_a_terminal(data_dir, new_plan, capsys, monkeypatch):
    plan_id = _two_versions(data_dir, new_plan)
    backup = _backup_with_one_version(data_dir, plan_id)

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    for answer, versions, status in (("n\n", [1, 2], 2), ("j\n", [1], 0)):
        monkeypatch.setattr("sys.stdin", Terminal(answer))
        assert main(["--data-dir", str(data_dir), "restore", str(backup)]) == status
        assert "Gendan den alligevel? [j/N]" in capsys.readouterr().out
        with PlanStore(data_dir) as store:
            assert store.versions(plan_id) == versions


def test_a_plan_saved_once_and_meta_json_have_a_backup(data_dir, new_plan):
    with PlanStore(data_dir) as store:
        plan = store.save(new_plan())
    layout = Layout(data_dir)
    case_backup = layout.backups / "cases" / f"{plan.id}.1.json"
    assert case_backup.read_bytes() == layout.case(plan.id).read_bytes()
    # A copy, not a second name of the live file: damage to one never reaches the other.
    assert case_backup.stat().st_ino != layout.case(plan.id).stat().st_ino
    assert (layout.backups / "meta.1.json").read_bytes() == layout.meta.read_bytes()
    layout.case(plan.id).write_bytes(b"\x00")
    with PlanStore(data_dir) as store:
        store.restore_backup(store.corrupt[0].backups[0])
        assert store.get(plan.id).id == plan.id
        # The next save takes the copy's place: the same state is not kept twice.
        plan.purpose = "anden"
        store.save(plan)
    assert len(list((layout.backups / "cases").glob(f"{plan.id}.*.json"))) == 1


def test_a_damaged_meta_json_with_no_backup_is_rebuilt_only_when_asked(data_dir, new_plan,
                                                                        capsys):
    with PlanStore(data_dir) as store:
        plan = store.save(new_plan())
    layout = Layout(data_dir)
    for backup in layout.backups.glob("meta.*.json"):
        backup.unlink()
    layout.meta.write_bytes(b"\x00garbage")
    assert main(["--data-dir", str(data_dir), "list"]) == 2
    err = capsys.readouterr().err
    assert str(layout.meta) in err and "planbro repair" in err and "Traceback" not in err
    # Nothing was guessed meanwhile.
    assert layout.meta.read_bytes() == b"\x00garbage"
    assert main(["--data-dir", str(data_dir), "repair"]) == 0
    assert "genopbygget" in capsys.readouterr().out
    meta = json.loads(layout.meta.read_text(encoding="utf-8"))
    assert meta["format"] == "planbro-store" and meta["schema"] == 1
    assert [p.read_bytes() for p in layout.damaged.glob("meta.*.json")] == [b"\x00garbage"]
    assert (layout.backups / "meta.1.json").read_bytes() == layout.meta.read_bytes()
    with PlanStore(data_dir) as store:
        assert store.get(plan.id).id == plan.id
    assert main(["--data-dir", str(data_dir), "audit", "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]
    assert records[-1]["action"] == "repair"
    # Once readable there is nothing to repair.
    with pytest.raises(StoreError, match="intet at reparere"):
        repair(data_dir)


def test_repair_refuses_to_guess_when_a_plan_is_not_of_this_schema(data_dir, new_plan):
    with PlanStore(data_dir) as store:
        plan = store.save(new_plan())
    layout = Layout(data_dir)
    for backup in layout.backups.rglob("*.json"):
        backup.unlink()
    data = json.loads(layout.case(plan.id).read_text(encoding="utf-8"))
    data["versions"]["1"]["a_field_of_a_newer_planbro"] = True
    layout.case(plan.id).write_text(json.dumps(data), encoding="utf-8")
    layout.meta.write_bytes(b"")
    with pytest.raises(StoreError, match="kan ikke afgøres") as caught:
        repair(data_dir)
    assert str(layout.case(plan.id)) in str(caught.value)
    assert layout.meta.read_bytes() == b""
    with pytest.raises(StoreCorrupt):
        PlanStore(data_dir)
