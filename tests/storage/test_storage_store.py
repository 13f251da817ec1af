"""PlanStore: save, get, versions, sign, revise, close, follow-up, put, resolve, summaries."""

from __future__ import annotations

import json
import logging
import re
import tempfile
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from tests.strategies import plans

from planbro.model import FollowUpEntry
from planbro.model.convert import to_dict

from planbro.storage import (
    PlanFrozen,
    PlanStore,
    StoreError,
    StoreLocked,
    default_data_dir,
    paths,
)

# An ISO timestamp as the store writes it.
STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans)
def test_any_valid_plan_comes_back_exactly(plan):
    with tempfile.TemporaryDirectory() as folder:
        with PlanStore(folder) as opened:
            opened.put(plan)
        with PlanStore(folder, read_only=True) as reader:
            assert to_dict(reader.get(plan.id, plan.version)) == to_dict(plan)
            (summary,) = reader.summaries()
            assert (summary.id, summary.version, summary.status) == (plan.id, plan.version,
                                                                      plan.status)
            assert summary.name == plan.citizen.name


class Records:
    """An audit log that keeps its records in a list."""

    def __init__(self):
        self.actions = []

    def record(self, action, plan_id, version=None, *, via="app", detail=""):
        self.actions.append(action)
        return True

    def use_keys(self, keys):
        pass

    def write_waiting(self):
        pass

    def begin(self, action, plan_id, version=None, *, via="app", detail="", may_wait=False):
        records = self

        class Pending:
            def commit(self):
                records.actions.append(action)

            def cancel(self):
                pass

        return Pending()


def test_a_save_that_changes_nothing_writes_and_records_nothing(data_dir, new_plan):
    """#9.2: opening a plan and walking through it saves what is stored; that is no change."""
    records = Records()
    with PlanStore(data_dir, audit=records) as store:
        plan = store.save(new_plan())
        case = data_dir / "cases" / f"{plan.id}.json"
        stamp, updated = case.stat().st_mtime_ns, plan.updated
        again = store.get(plan.id)
        again.created = ""
        assert store.save(again).updated == updated
        assert again.created == plan.created
        assert case.stat().st_mtime_ns == stamp
        assert records.actions == ["create"]
        # A real change is written and recorded.
        again.purpose = "At Jonas får en fast bolig."
        store.save(again)
        assert case.stat().st_mtime_ns != stamp
        assert store.get(plan.id).purpose == "At Jonas får en fast bolig."
        assert records.actions == ["create", "change"]


def test_case_file_is_utf8_tinydb_named_by_id_only(store, new_plan, data_dir):
    plan = store.save(new_plan(name="Åse ĸaali 🙂", cpr="010170-1234"))
    case = data_dir / "cases" / f"{plan.id}.json"
    text = case.read_bytes().decode("utf-8")
    assert "Åse ĸaali 🙂" in text
    data = json.loads(text)
    # TinyDB's layout: table -> doc_id -> document; the plan id lives inside.
    (doc,) = data["versions"].values()
    assert doc["id"] == plan.id and doc["version"] == 1
    names = [p.name for p in data_dir.rglob("*")]
    assert not any("010170" in n or "1234" in n or "Åse" in n for n in names)


def test_nothing_sensitive_is_logged(store, new_plan, caplog, data_dir):
    caplog.set_level(logging.DEBUG)
    plan = store.save(new_plan(name="Hemmelig Borgersen", cpr="010170-1234"))
    store.sign(plan.id, date(2026, 11, 5))
    store.close()
    (data_dir / "index.json").unlink()
    with PlanStore(data_dir) as reopened:
        reopened.get(plan.id)
    assert "Hemmelig" not in caplog.text and "010170" not in caplog.text


def test_save_refuses_a_bad_id_without_writing(store, new_plan, data_dir):
    plan = new_plan()
    plan.id = "../../evil"
    with pytest.raises(StoreError, match="gyldigt plan-id"):
        store.save(plan)
    assert list((data_dir / "cases").iterdir()) == []


def test_put_keeps_version_status_and_stamps(store, new_plan, data_dir):
    plan = new_plan(version=3, status="signed", created="2026-01-02T03:04:05Z",
                    updated="2026-01-03T03:04:05Z")
    store.put(plan)
    stored = store.get(plan.id)
    assert to_dict(stored) == to_dict(plan)
    assert store.versions(plan.id) == [3]
    case = data_dir / "cases" / f"{plan.id}.json"
    before = case.stat().st_mtime_ns, case.read_bytes()
    store.put(plan)  # identical: nothing is written
    assert (case.stat().st_mtime_ns, case.read_bytes()) == before
    plan.purpose = "anderledes"
    with pytest.raises(PlanFrozen):
        store.put(plan)
    assert store.get(plan.id).purpose != "anderledes"


def test_read_only_store_reads_but_refuses_every_change(data_dir, new_plan):
    with PlanStore(data_dir) as writer:
        plan = writer.save(new_plan())
    with PlanStore(data_dir, read_only=True) as reader:
        assert reader.read_only
        assert reader.get(plan.id).citizen.name == plan.citizen.name
        assert [s.id for s in reader.summaries()] == [plan.id]
        for change in (lambda: reader.save(new_plan()), lambda: reader.put(new_plan()),
                       lambda: reader.sign(plan.id, date(2026, 1, 1)),
                       lambda: reader.revise(plan.id), lambda: reader.close_case(plan.id),
                       lambda: reader.record_follow_up(plan.id, FollowUpEntry(), None)):
            with pytest.raises(StoreLocked, match="kun åbnet til læsning"):
                change()


def test_closing_releases_the_writer_lock(data_dir, new_plan):
    with PlanStore(data_dir) as first:
        first.save(new_plan())
        with pytest.raises(StoreLocked):
            PlanStore(data_dir)
    with pytest.raises(StoreLocked):
        first.save(new_plan())
    with PlanStore(data_dir) as second:
        assert not second.read_only
        assert len(second.summaries()) == 1


def test_default_data_dir_order(tmp_path, monkeypatch):
    monkeypatch.setattr(paths.platformdirs, "user_data_dir",
                        lambda name, appauthor: str(tmp_path / "platform" / name))
    monkeypatch.delenv("PLANBRO_DATA_DIR", raising=False)
    assert default_data_dir() == tmp_path / "platform" / "Planbro"
    monkeypatch.setenv("PLANBRO_DATA_DIR", str(tmp_path / "env"))
    assert default_data_dir() == tmp_path / "env"
    assert default_data_dir(tmp_path / "flag") == tmp_path / "flag"
    assert (tmp_path / "flag").is_dir() and (tmp_path / "env").is_dir()


def test_store_uses_the_environment_folder(tmp_path, monkeypatch, new_plan):
    monkeypatch.setenv("PLANBRO_DATA_DIR", str(tmp_path / "from-env"))
    with PlanStore() as opened:
        plan = opened.save(new_plan())
    assert (tmp_path / "from-env" / "cases" / f"{plan.id}.json").is_file()


def test_data_folder_that_cannot_be_created_is_a_store_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="kan ikke oprettes"):
        PlanStore(blocker / "data")
