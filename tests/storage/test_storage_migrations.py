"""Schema version and ordered migrations, tried on a fake migration path."""

from __future__ import annotations

import json

import pytest

from planbro.storage import (
    PlanStore,
    StoreCorrupt,
    StoreError,
    StoreWriteFailed,
    migrations,
    needs_rebuild,
)
from planbro.storage.paths import Layout


def _meta(data_dir) -> dict:
    return json.loads(Layout(data_dir).meta.read_text("utf-8"))


def _rename(old: str, new: str):
    def change(doc: dict) -> dict:
        if old in doc:
            doc[new] = doc.pop(old)
        return doc
    return change


def test_a_new_folder_records_the_current_version(store):
    assert migrations.MIGRATIONS == []
    assert migrations.current_version() == 1
    assert _meta(store.data_dir)["schema"] == 1 == store.schema_version
    assert _meta(store.data_dir)["format"] == "planbro-store"


@pytest.fixture
def old_folder(data_dir, new_plan):
    """A version-1 folder whose plans still call citizen_words "wishes" (the fake old format)."""
    with PlanStore(data_dir) as store:
        plan = new_plan(citizen_words="Jeg vil have mit eget sted.")
        store.save(plan)
    migrations.rewrite_versions(Layout(data_dir), _rename("citizen_words", "wishes"))
    return plan


def test_steps_run_in_order_once_and_the_version_is_recorded(data_dir, old_folder, monkeypatch):
    ran = []

    def step_1_to_2(layout):
        ran.append(2)
        migrations.rewrite_versions(layout, _rename("wishes", "citizen_words"))

    def step_2_to_3(layout):
        ran.append(3)
        migrations.rewrite_versions(layout, lambda doc: {**doc, "purpose": doc["purpose"] + " (3)"})

    monkeypatch.setattr(migrations, "MIGRATIONS", [step_1_to_2, step_2_to_3])
    with PlanStore(data_dir) as store:
        assert ran == [2, 3]
        assert store.schema_version == 3 and _meta(data_dir)["schema"] == 3
        plan = store.get(old_folder.id)
        assert plan.citizen_words == "Jeg vil have mit eget sted."
        assert plan.purpose == old_folder.purpose + " (3)"
        assert [s.id for s in store.summaries()] == [old_folder.id]
    with PlanStore(data_dir):
        assert ran == [2, 3]
    # meta.json was replaced, so it has a backup of its own.
    assert (data_dir / "backups" / "meta.1.json").is_file()


def test_an_interrupted_migration_resumes_at_the_failed_step(data_dir, old_folder, monkeypatch):
    ran = []

    def step_1_to_2(layout):
        ran.append(2)
        migrations.rewrite_versions(layout, _rename("wishes", "citizen_words"))

    def failing_2_to_3(layout):
        ran.append(3)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(migrations, "MIGRATIONS", [step_1_to_2, failing_2_to_3])
    with pytest.raises(StoreWriteFailed, match="Der er ikke plads på disken til "):
        PlanStore(data_dir)
    assert _meta(data_dir)["schema"] == 2
    migrations.MIGRATIONS[1] = lambda layout: ran.append("3 again")
    with PlanStore(data_dir) as store:
        assert ran == [2, 3, "3 again"]
        assert store.get(old_folder.id).citizen_words == "Jeg vil have mit eget sted."


def test_a_reader_does_not_migrate(data_dir, old_folder, monkeypatch):
    monkeypatch.setattr(migrations, "MIGRATIONS", [lambda layout: None])
    with pytest.raises(StoreError, match="skal opdateres"):
        PlanStore(data_dir, read_only=True)
    assert _meta(data_dir)["schema"] == 1


def test_a_folder_from_a_newer_planbro_is_refused(data_dir, new_plan):
    with PlanStore(data_dir) as store:
        store.save(new_plan())
    migrations.write_meta(Layout(data_dir), 9, "2030-01-01T00:00:00Z")
    for read_only in (False, True):
        with pytest.raises(StoreError, match="nyere version af Planbro"):
            PlanStore(data_dir, read_only=read_only)
    assert _meta(data_dir)["schema"] == 9


@pytest.mark.parametrize("read_only", [False, True])
def test_a_folder_with_plans_but_no_meta_is_damaged_not_recreated(data_dir, old_folder, read_only):
    layout = Layout(data_dir)
    layout.meta.unlink()
    with pytest.raises(StoreCorrupt) as raised:
        PlanStore(data_dir, read_only=read_only)
    assert raised.value.path == layout.meta and "mangler" in str(raised.value)
    # Its backup is offered; nothing is guessed or written.
    assert raised.value.backups == [data_dir / "backups" / "meta.1.json"]
    assert not layout.meta.exists()
    (data_dir / "backups" / "meta.1.json").unlink()
    with pytest.raises(StoreCorrupt) as raised:
        PlanStore(data_dir, read_only=read_only)
    assert needs_rebuild(raised.value) and not layout.meta.exists()


def test_only_a_writer_gives_a_folder_without_plans_its_meta(data_dir):
    (data_dir / "cases").mkdir(parents=True)
    with PlanStore(data_dir, read_only=True) as store:
        assert store.schema_version == migrations.current_version()
    assert not Layout(data_dir).meta.exists()
    with PlanStore(data_dir):
        assert _meta(data_dir)["schema"] == migrations.current_version()
