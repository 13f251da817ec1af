"""Importing and exporting planbro-plan/1 files: one result a file, the audit records."""

from __future__ import annotations

import json

import pytest
from actions_support import records

from planbro.exchange import dumps_plan, read_plan_file
from planbro.model import ValidationError
from planbro.model.plan import new_id

from planbro.storage import StoreError

from planbro.actions.documents import NotWritten
from planbro.actions.transfer import Exported, export_name, export_plan, import_plans


def test_import_stores_the_good_files_and_reports_each_bad_one(store, example_plan, tmp_path):
    good = tmp_path / "good.json"
    good.write_text(dumps_plan(example_plan), encoding="utf-8")
    data = json.loads(dumps_plan(example_plan))
    data["id"] = new_id()
    data["offer"]["decision"] = "maybe"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    missing = tmp_path / "missing.json"
    results = import_plans(store, [good, str(bad), missing])
    assert [r.path.name for r in results] == ["good.json", "bad.json", "missing.json"]
    assert [r.ok for r in results] == [True, False, False]
    assert results[0].plan.id == example_plan.id and results[0].error is None
    assert isinstance(results[1].error, ValidationError)
    assert any(p.field == "offer.decision" for p in results[1].error.problems)
    assert results[2].error is not None and results[2].plan is None
    assert [s.id for s in store.summaries()] == [example_plan.id]
    assert records(store) == [("import", example_plan.id, 1, "app", "")]


def test_a_changed_signed_version_is_not_imported(store, example_plan, tmp_path):
    example_plan.status = "signed"
    store.put(example_plan)
    example_plan.purpose = "Noget helt andet"
    path = tmp_path / "changed.json"
    path.write_text(dumps_plan(example_plan), encoding="utf-8")
    [result] = import_plans(store, [path])
    assert isinstance(result.error, StoreError)
    assert store.get(example_plan.id).purpose != "Noget helt andet"


def test_export_writes_the_plan_and_records_it(store, stored, trail, tmp_path):
    exported = export_plan(stored, tmp_path / "anna.json", trail)
    assert exported == Exported(stored, tmp_path / "anna.json")
    assert read_plan_file(exported.path) == stored
    assert exported.message.startswith(f"Eksporteret: {exported.path}\nFilen er ikke krypteret")
    assert records(store)[-1] == ("export", stored.id, 1, "app", "")


def test_an_export_that_cannot_be_written_is_not_recorded(store, stored, trail, tmp_path):
    before = records(store)
    with pytest.raises(NotWritten) as raised:
        export_plan(stored, tmp_path / "no such folder" / "plan.json", trail)
    assert raised.value.message() == "Mappen {folder} findes ikke.".format(
        folder=tmp_path / "no such folder")
    assert records(store) == before


def test_an_export_name_holds_only_the_id_and_version(stored):
    assert export_name(stored) == f"planbro-{stored.id}-v1.json"
    assert stored.citizen.name.split()[0] not in export_name(stored)
