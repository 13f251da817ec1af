"""A case file holding another plan (copied or renamed by hand) is damaged, never the wrong citizen."""

from __future__ import annotations

import json
import shutil

import pytest

from planbro.storage import PlanStore, StoreCorrupt
from planbro.storage.paths import Layout

from planbro.cli import main


def _two_plans(data_dir, new_plan):
    with PlanStore(data_dir) as store:
        anna = store.save(new_plan(name="Anna Andersen"))
        bo = store.save(new_plan(name="Bo Bech"))
    return anna, bo


def test_a_copied_case_file_is_damaged_in_get_and_not_listed_as_the_wrong_citizen(data_dir,
                                                                                   new_plan):
    anna, bo = _two_plans(data_dir, new_plan)
    layout = Layout(data_dir)
    shutil.copyfile(layout.case(bo.id), layout.case(anna.id))
    with PlanStore(data_dir) as store:
        [damaged] = store.corrupt
        assert damaged.path == layout.case(anna.id)
        assert bo.id in str(damaged) and anna.id in str(damaged) and "kopieret" in str(damaged)
        with pytest.raises(StoreCorrupt, match="kopieret"):
            store.get(anna.id)
        with pytest.raises(StoreCorrupt):
            store.save(anna)
        # The caseload still shows Anna under her own id (the row from before), and Bo once.
        names = {s.id: s.name for s in store.summaries()}
        assert names == {anna.id: "Anna Andersen", bo.id: "Bo Bech"}
        assert store.get(bo.id).citizen.name == "Bo Bech"
    assert "Bo Bech" not in str(damaged)


def test_a_renamed_case_file_is_not_listed_at_all(data_dir, new_plan):
    anna, bo = _two_plans(data_dir, new_plan)
    layout = Layout(data_dir)
    stranger = "0b5e8c1a-2f3d-4c6e-9a7b-1d2e3f4a5b6c"
    layout.case(bo.id).rename(layout.case(stranger))
    with PlanStore(data_dir) as store:
        assert [e.path for e in store.corrupt] == [layout.case(stranger)]
        assert [s.name for s in store.summaries()] == ["Anna Andersen"]
        with pytest.raises(StoreCorrupt, match="kopieret eller omdøbt"):
            store.get(stranger)


def test_a_file_with_versions_of_two_plans_is_damaged(data_dir, new_plan):
    anna, bo = _two_plans(data_dir, new_plan)
    layout = Layout(data_dir)
    data = json.loads(layout.case(anna.id).read_text(encoding="utf-8"))
    [bos] = json.loads(layout.case(bo.id).read_text(encoding="utf-8"))["versions"].values()
    data["versions"]["2"] = dict(bos, version=2)
    layout.case(anna.id).write_text(json.dumps(data), encoding="utf-8")
    with PlanStore(data_dir) as store, pytest.raises(StoreCorrupt, match="mere end én plan"):
        store.get(anna.id)


def test_a_backup_of_another_plan_is_not_restored(data_dir, new_plan):
    anna, bo = _two_plans(data_dir, new_plan)
    layout = Layout(data_dir)
    backup = layout.backups / "cases" / f"{anna.id}.1.json"
    backup.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(layout.case(bo.id), backup)
    layout.case(anna.id).write_bytes(b"damaged")
    with PlanStore(data_dir) as store:
        assert store.corrupt[0].backups == []
        with pytest.raises(StoreCorrupt, match="kopieret"):
            store.restore_backup(backup)
    assert layout.case(anna.id).read_bytes() == b"damaged"


def test_export_all_writes_each_plan_once_and_names_the_copy(data_dir, new_plan, tmp_path,
                                                             capsys):
    anna, bo = _two_plans(data_dir, new_plan)
    layout = Layout(data_dir)
    shutil.copyfile(layout.case(bo.id), layout.case(anna.id))
    out = tmp_path / "ud"
    assert main(["--data-dir", str(data_dir), "export", "--purpose", "sagsbehandling", "--all", "--out", str(out)]) == 1
    exported = [json.loads(p.read_text(encoding="utf-8")) for p in out.iterdir()]
    assert [(plan["id"], plan["citizen"]["name"]) for plan in exported] == [(bo.id, "Bo Bech")]
    err = capsys.readouterr().err
    assert str(layout.case(anna.id)) in err and "Traceback" not in err
