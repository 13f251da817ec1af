"""Unreadable data files: never overwritten, named in the message, a readable backup offered and restorable."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from planbro.storage import PlanStore, StoreCorrupt, StoreError, backups, migrations, restore_backup
from planbro.storage.paths import Layout


def _saved_three_times(store, new_plan):
    plan = new_plan()
    for purpose in ("første", "anden", "tredje"):
        plan.purpose = purpose
        store.save(plan)
    return plan


def _case(data_dir: Path, plan_id: str) -> Path:
    return data_dir / "cases" / f"{plan_id}.json"


@pytest.mark.parametrize("damage, reason", [
    (b"{\"versions\": {\"1\": {\"id\": ", "ikke gyldig JSON"),
    (b"", "filen er tom"),
    (b"\xff\xfe\x00garbage", "ikke UTF-8"),
    (b"{\"something\": \"else\"}", "ikke en Planbro-sagsfil"),
])
def test_corrupt_case_file_is_named_kept_and_backup_offered(store, new_plan, data_dir, damage, reason):
    plan = _saved_three_times(store, new_plan)
    case = _case(data_dir, plan.id)
    case.write_bytes(damage)
    with pytest.raises(StoreCorrupt) as caught:
        store.get(plan.id)
    error = caught.value
    assert error.path == case
    assert str(case) in str(error) and reason in str(error)
    assert error.backups and error.backups[0].name == f"{plan.id}.1.json"
    assert str(error.backups[0]) in str(error) and "kan gendannes" in str(error)
    plan.purpose = "fjerde"
    with pytest.raises(StoreCorrupt):
        store.save(plan)
    assert case.read_bytes() == damage


def test_restore_puts_back_the_newest_backup_and_keeps_the_damaged_file(store, new_plan, data_dir):
    plan = _saved_three_times(store, new_plan)
    case = _case(data_dir, plan.id)
    case.write_bytes(b"\x00\x00\x00")
    with pytest.raises(StoreCorrupt) as caught:
        store.get(plan.id)
    restored = store.restore_backup(caught.value.backups[0])
    assert restored == case
    # The backup is the state before the last save.
    assert store.get(plan.id).purpose == "anden"
    assert [s.id for s in store.summaries()] == [plan.id]
    damaged = list((data_dir / "damaged").iterdir())
    assert len(damaged) == 1 and damaged[0].read_bytes() == b"\x00\x00\x00"
    assert plan.id in damaged[0].name
    plan.purpose = "videre"
    store.save(plan)
    assert store.get(plan.id).purpose == "videre"


def test_unreadable_file_reports_the_system_reason(store, new_plan, data_dir, monkeypatch):
    plan = store.save(new_plan())
    case = _case(data_dir, plan.id)
    real = Path.read_bytes

    def denied(path):
        if path == case:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(StoreCorrupt, match="Permission denied") as caught:
        store.get(plan.id)
    assert caught.value.path == case
    # A plan saved once has a backup already.
    assert "kan gendannes" in str(caught.value)


def test_backups_rotate_and_keep_a_few(store, new_plan, data_dir, monkeypatch):
    monkeypatch.setattr(backups, "SPACING_NS", 0)
    plan = new_plan()
    for n in range(1, 7):
        plan.purpose = f"gem {n}"
        store.save(plan)
    slots = sorted((data_dir / "backups" / "cases").iterdir())
    assert [p.name for p in slots] == [f"{plan.id}.{n}.json" for n in (1, 2, 3)]
    kept = [json.loads(p.read_text("utf-8"))["versions"]["1"]["purpose"] for p in slots]
    assert kept == ["gem 5", "gem 4", "gem 3"]
    assert store.backups()[0].name.endswith(".1.json")


def test_quick_saves_replace_only_the_newest_backup(store, new_plan, data_dir, monkeypatch):
    plan = new_plan()
    plan.purpose = "gammel"
    store.save(plan)
    plan.purpose = "mellem"
    store.save(plan)
    newest = data_dir / "backups" / "cases" / f"{plan.id}.1.json"
    # Make that backup look older than the spacing: the next save rotates it.
    old = newest.stat().st_mtime_ns - backups.SPACING_NS - 1
    os.utime(newest, ns=(old, old))
    for n in range(5):
        plan.purpose = f"hurtig {n}"
        store.save(plan)
    names = sorted(p.name for p in newest.parent.iterdir())
    assert names == [f"{plan.id}.1.json", f"{plan.id}.2.json"]
    second = json.loads((newest.parent / f"{plan.id}.2.json").read_text("utf-8"))
    assert second["versions"]["1"]["purpose"] == "gammel"
    assert json.loads(newest.read_text("utf-8"))["versions"]["1"]["purpose"] == "hurtig 3"


def test_backups_are_separate_files_from_the_live_one(store, new_plan, data_dir):
    plan = _saved_three_times(store, new_plan)
    backup = data_dir / "backups" / "cases" / f"{plan.id}.1.json"
    before = backup.read_bytes()
    # Damage the live file in place, as a faulty program would.
    with open(_case(data_dir, plan.id), "r+b") as live:
        live.write(b"XXXX")
    assert backup.read_bytes() == before


def test_restore_refuses_what_is_not_a_backup(store, new_plan, data_dir, tmp_path):
    plan = _saved_three_times(store, new_plan)
    stranger = tmp_path / "elsewhere.1.json"
    stranger.write_text("{}")
    with pytest.raises(StoreError, match="ikke en sikkerhedskopi"):
        store.restore_backup(stranger)
    backup = data_dir / "backups" / "cases" / f"{plan.id}.1.json"
    backup.write_bytes(b"broken")
    before = _case(data_dir, plan.id).read_bytes()
    with pytest.raises(StoreCorrupt) as caught:
        store.restore_backup(backup)
    assert caught.value.path == backup
    assert _case(data_dir, plan.id).read_bytes() == before


def test_corrupt_case_found_on_opening_is_listed_and_the_rest_works(data_dir, new_plan):
    with PlanStore(data_dir) as store:
        broken = _saved_three_times(store, new_plan)
        fine = store.save(new_plan(name="Anna"))
    _case(data_dir, broken.id).write_bytes(b"not json")
    with PlanStore(data_dir) as store:
        (problem,) = store.corrupt
        assert problem.path == _case(data_dir, broken.id)
        assert problem.backups[0].name == f"{broken.id}.1.json"
        # Still listed (from the index), so the user can find and restore it.
        assert {s.id for s in store.summaries()} == {broken.id, fine.id}
        assert store.get(fine.id).citizen.name == "Anna"
        store.restore_backup(problem.backups[0])
    with PlanStore(data_dir) as store:
        assert store.corrupt == []
        assert store.get(broken.id).purpose == "anden"


def test_unreadable_meta_stops_opening_and_can_be_restored(data_dir, new_plan):
    with PlanStore(data_dir) as store:
        plan = store.save(new_plan())
    layout = Layout(data_dir)
    # A second write of meta.json (as a migration makes) leaves a backup of it.
    migrations.write_meta(layout, 1, "2026-11-01T00:00:00Z")
    layout.meta.write_bytes(b"\x00garbage")
    with pytest.raises(StoreCorrupt) as caught:
        PlanStore(data_dir)
    assert caught.value.path == layout.meta and str(layout.meta) in str(caught.value)
    assert layout.meta.read_bytes() == b"\x00garbage"
    restore_backup(data_dir, caught.value.backups[0])
    with PlanStore(data_dir) as store:
        assert store.get(plan.id).id == plan.id


def test_a_backup_number_is_ascii_digits(data_dir):
    # "١" (Arabic-Indic one) passes str.isdigit() and int(); it is not a backup slot (#10).
    layout = Layout(data_dir)
    plan_id = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"
    folder = layout.backups / "cases"
    assert backups.original_of(layout, folder / f"{plan_id}.1.json") == layout.case(plan_id)
    assert backups.original_of(layout, folder / f"{plan_id}.\u0661.json") is None
