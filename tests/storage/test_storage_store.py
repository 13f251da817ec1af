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
    PlanNotFound,
    PlanStore,
    PlanSummary,
    StoreError,
    StoreLocked,
    default_data_dir,
    paths,
)

# An ISO timestamp as the store writes it.
STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def test_save_then_get_gives_the_same_plan(store, new_plan):
    plan = new_plan()
    returned = store.save(plan)
    assert returned is plan
    assert STAMP.match(plan.created) and STAMP.match(plan.updated)
    assert to_dict(store.get(plan.id)) == to_dict(plan)
    assert store.versions(plan.id) == [1]


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


def test_plans_are_found_by_their_id_not_tinydb_doc_ids(store, new_plan):
    first, second = store.save(new_plan(name="A")), store.save(new_plan(name="B"))
    assert store.get(second.id).citizen.name == "B"
    assert store.get(first.id).citizen.name == "A"


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
