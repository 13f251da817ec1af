"""Import never silently undoes work (#10): a file older than the stored plan with its id,
or for another citizen, is refused naming both (never the CPR number); replace=True
imports it and keeps the stored plan among the backups; an identical file changes nothing."""

from __future__ import annotations

import copy

import pytest

from planbro.exchange import dumps_plan

from planbro.storage import PlanFrozen

from planbro.actions.transfer import ImportConflict, import_plan, import_plans


def file_of(plan, tmp_path, name="plan.json"):
    path = tmp_path / name
    path.write_text(dumps_plan(plan), encoding="utf-8")
    return path


@pytest.fixture
def newer(store, example_plan):
    """The example plan stored, then changed later: updated 2026-11-20, Ida Holm's."""
    plan = copy.deepcopy(example_plan)
    plan.updated = "2026-11-20T12:00:00Z"
    return store.put(plan)


def changed(plan, **citizen):
    other = copy.deepcopy(plan)
    for key, value in citizen.items():
        setattr(other.citizen, key, value)
    return other


@pytest.mark.parametrize("change, reason", [
    (lambda p: changed(p, cpr="010101-1234", name="Karl Madsen"), "en anden borger"),
    (lambda p: changed(p, name="Karl Madsen"), "en anden borger"),
    (lambda p: changed(p, cpr="010101-1234"), "en anden borger"),
    (lambda p: setattr(p, "updated", "2026-11-02T09:15:00Z") or p, "ændret før"),
])
def test_an_older_or_other_citizens_plan_is_refused_naming_both(store, newer, tmp_path, change,
                                                                reason):
    incoming = change(copy.deepcopy(newer))
    incoming.purpose = "Fra en gammel eksport"
    [result] = import_plans(store, [file_of(incoming, tmp_path)])
    assert isinstance(result.error, ImportConflict) and result.plan is None
    message = str(result.error)
    assert reason in message and newer.id in message
    assert "version 1, ændret 20. nov. 2026" in message
    assert "010101" not in message and "120379" not in message and "Karl" not in message
    assert store.get(newer.id).purpose == newer.purpose


def test_a_lower_version_than_the_stored_latest_is_refused(store, newer, tmp_path):
    # A version 2 imported from elsewhere while version 1 is still a draft here.
    revised = copy.deepcopy(newer)
    revised.version = 2
    store.put(revised)
    old = copy.deepcopy(newer)
    old.updated = "2027-01-01T00:00:00Z"
    old.purpose = "Ældre version, senere tidsstempel"
    [result] = import_plans(store, [file_of(old, tmp_path)])
    assert isinstance(result.error, ImportConflict)
    assert "version er ældre" in str(result.error) and "Gemt: version 2" in str(result.error)


def test_same_version_and_time_but_other_content_is_a_conflict(store, newer, tmp_path):
    other = copy.deepcopy(newer)
    other.purpose = "Samme tidsstempel, andet indhold"
    [result] = import_plans(store, [file_of(other, tmp_path)])
    assert isinstance(result.error, ImportConflict)


def test_a_newer_file_of_the_same_citizen_is_imported(store, newer, tmp_path):
    later = copy.deepcopy(newer)
    later.updated = "2026-12-01T08:00:00Z"
    later.purpose = "Opdateret formål"
    result = import_plan(store, file_of(later, tmp_path))
    assert result.ok and result.backup is None and not result.unchanged
    assert store.get(newer.id).purpose == "Opdateret formål"


def test_replace_imports_it_and_keeps_the_stored_plan_in_a_backup(store, newer, tmp_path):
    other = changed(newer, cpr="010101-1234", name="Karl Madsen")
    other.updated = "2026-11-03T00:00:00Z"
    path = file_of(other, tmp_path)
    assert isinstance(import_plan(store, path).error, ImportConflict)
    result = import_plan(store, path, replace=True)
    assert result.ok and store.get(newer.id).citizen.name == "Karl Madsen"
    assert result.backup is not None and result.backup.name.startswith(newer.id)
    assert newer.citizen.name in result.backup.read_text(encoding="utf-8")


def test_replace_never_changes_a_signed_version(store, newer, tmp_path):
    store.sign(newer.id, newer.offer.date)
    other = changed(newer, name="Karl Madsen")
    result = import_plan(store, file_of(other, tmp_path), replace=True)
    assert isinstance(result.error, PlanFrozen)
    assert store.get(newer.id).citizen.name == newer.citizen.name


def test_an_identical_file_is_a_quiet_no_op(store, newer, tmp_path):
    path = file_of(newer, tmp_path)
    before = store.backups()
    result = import_plan(store, path)
    assert result.ok and result.unchanged and result.error is None
    assert store.backups() == before
