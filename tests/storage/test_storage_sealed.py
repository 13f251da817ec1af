"""An encrypted data folder (one with a key file): every file the store writes is sealed,
opens only with the folder's keys, and refuses plaintext or swapped files as damaged."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest

from planbro.crypto import is_sealed
from planbro.crypto.kdf import CHEAP_FOR_TESTS
from planbro.crypto.keys import create

from planbro.storage import PlanStore, StoreCorrupt, StoreError, StoreKeyNeeded, restore_backup
from planbro.storage.codec import MIGRATION_MARKER
from planbro.storage.paths import Layout

# The passphrase of the test folders (long enough for crypto.keys).
PASSPHRASE = "korrekt hest batteri hæfteklamme"


@pytest.fixture
def keys(data_dir):
    return create(data_dir, passphrase=PASSPHRASE, use_credential_store=False,
                  kdf=CHEAP_FOR_TESTS).chain


def _every_file(folder):
    return [p for p in folder.rglob("*") if p.is_file()]


def test_a_keyed_folder_seals_every_file_of_plan_data(data_dir, keys, new_plan):
    with PlanStore(data_dir, keys=keys) as store:
        plan = store.save(new_plan())
        plan.purpose = "Et helt nyt formål"
        store.save(plan)
        store.sign(plan.id, date(2026, 12, 1))
        assert store.get(plan.id).purpose == "Et helt nyt formål"
    layout = Layout(data_dir)
    sealed = [layout.meta, layout.index, layout.case(plan.id),
              *(data_dir / "backups").rglob("*.json")]
    assert len(sealed) >= 5
    for path in sealed:
        assert is_sealed(path.read_bytes()), path
    for path in _every_file(data_dir):
        assert b"Mikkelsen" not in path.read_bytes(), path
    with PlanStore(data_dir, keys=keys) as store:
        assert [s.name for s in store.summaries()] == ["Jonas Mikkelsen Østergaard"]
        assert store.get(plan.id).status == "signed"


def test_the_journal_holds_sealed_lines_and_a_reader_follows_them(data_dir, keys, new_plan):
    with PlanStore(data_dir, keys=keys) as store:
        first = store.save(new_plan())
        reader = PlanStore(data_dir, keys=keys, read_only=True)
        store.save(new_plan(name="Anna Berg"))
        journal = Layout(data_dir).journal.read_bytes()
        assert journal.count(b"\n") == 2 and b"Berg" not in journal
        assert sorted(s.name for s in reader.summaries()) == ["Anna Berg",
                                                              "Jonas Mikkelsen Østergaard"]
        reader.close()
    assert first.id


def test_without_keys_a_keyed_folder_is_refused_saying_how_to_unlock(data_dir, keys, new_plan):
    with PlanStore(data_dir, keys=keys) as store:
        store.save(new_plan())
    before = {p: p.read_bytes() for p in _every_file(data_dir)}
    with pytest.raises(StoreKeyNeeded) as refused:
        PlanStore(data_dir)
    message = str(refused.value)
    assert str(data_dir) in message and "PLANBRO_PASSPHRASE" in message
    assert "planbro key unlock" in message and "gendannelsesnøgle" in message
    assert {p: p.read_bytes() for p in _every_file(data_dir)} == before


def test_a_plaintext_case_file_in_a_keyed_folder_is_damaged_not_read(data_dir, keys, new_plan,
                                                                      tmp_path):
    plain_dir = tmp_path / "plain"
    with PlanStore(plain_dir) as plain:
        plan = plain.save(new_plan())
    with PlanStore(data_dir, keys=keys) as store:
        store.save(new_plan())
    shutil.copy(Layout(plain_dir).case(plan.id), Layout(data_dir).case(plan.id))
    planted = Layout(data_dir).case(plan.id).read_bytes()
    with PlanStore(data_dir, keys=keys) as store:
        [damaged] = store.corrupt
        assert damaged.path == Layout(data_dir).case(plan.id)
        assert "ikke krypteret" in str(damaged)
        with pytest.raises(StoreCorrupt):
            store.get(plan.id)
        with pytest.raises(StoreCorrupt):
            store.save(plan)
    assert Layout(data_dir).case(plan.id).read_bytes() == planted


def test_a_case_file_swapped_for_another_plans_is_damaged(data_dir, keys, new_plan):
    with PlanStore(data_dir, keys=keys) as store:
        one, two = store.save(new_plan()), store.save(new_plan(name="Anna Berg"))
    layout = Layout(data_dir)
    shutil.copy(layout.case(two.id), layout.case(one.id))
    with PlanStore(data_dir, keys=keys) as store, pytest.raises(StoreCorrupt) as refused:
        store.get(one.id)
    assert str(layout.case(one.id)) in str(refused.value)
    assert "beskadiget" in str(refused.value) and refused.value.backups


def test_another_folders_key_opens_nothing_and_changes_nothing(data_dir, keys, new_plan,
                                                                tmp_path):
    with PlanStore(data_dir, keys=keys) as store:
        plan = store.save(new_plan())
    other = create(tmp_path / "other", passphrase=PASSPHRASE, use_credential_store=False,
                   kdf=CHEAP_FOR_TESTS).chain
    before = Layout(data_dir).case(plan.id).read_bytes()
    with pytest.raises(StoreCorrupt) as refused:
        PlanStore(data_dir, keys=other)
    assert "meta.json" in str(refused.value)
    assert Layout(data_dir).case(plan.id).read_bytes() == before


def test_a_backup_of_a_sealed_file_restores(data_dir, keys, new_plan):
    with PlanStore(data_dir, keys=keys) as store:
        plan = store.save(new_plan())
    case = Layout(data_dir).case(plan.id)
    case.write_bytes(case.read_bytes()[:-5])
    with PlanStore(data_dir, keys=keys) as store:
        [damaged] = store.corrupt
        assert damaged.backups
        store.restore_backup(damaged.backups[0])
        assert store.get(plan.id).citizen.name == "Jonas Mikkelsen Østergaard"
    assert is_sealed(case.read_bytes())


def test_a_damaged_sealed_meta_json_is_restored_by_the_module_function(data_dir, keys, new_plan):
    with PlanStore(data_dir, keys=keys) as store:
        plan = store.save(new_plan())
    meta = Layout(data_dir).meta
    meta.write_bytes(meta.read_bytes()[:30])
    with pytest.raises(StoreCorrupt) as refused:
        PlanStore(data_dir, keys=keys)
    restore_backup(data_dir, refused.value.backups[0], keys=keys)
    with PlanStore(data_dir, keys=keys) as store:
        assert store.get(plan.id).id == plan.id


def test_the_torn_tail_is_cut_when_the_journal_is_next_opened(data_dir, keys, new_plan):
    from planbro.storage.index import SummaryIndex

    with PlanStore(data_dir, keys=keys) as store:
        store.save(new_plan())
        layout = store._layout
    journal = layout.journal
    sealed_line = layout.codec.seal_line("journal", json.dumps(["x"]).encode())
    journal.write_bytes(sealed_line + b"UExBTkJSTzEB")
    index = SummaryIndex(layout, lambda plan_id, stat: None, writable=True)
    index._load()
    assert index._torn_at == len(sealed_line)
    index._open_journal()
    index._close_journal()
    assert journal.read_bytes() == sealed_line


def test_a_plaintext_folder_refuses_sealed_files_when_its_key_file_is_gone(data_dir, keys,
                                                                           new_plan):
    with PlanStore(data_dir, keys=keys) as store:
        store.save(new_plan())
    for name in ("keys.json", "keys.copy.json"):
        (data_dir / name).unlink()
    with pytest.raises(StoreError) as refused:
        PlanStore(data_dir)
    assert "keys.json" in str(refused.value) and "mangler" in str(refused.value)


def test_while_a_migration_marker_is_there_plaintext_files_are_read(data_dir, keys, new_plan,
                                                                    tmp_path):
    plain_dir = tmp_path / "plain"
    with PlanStore(plain_dir) as plain:
        plan = plain.save(new_plan())
    with PlanStore(data_dir, keys=keys) as store:
        store.save(new_plan())
    shutil.copy(Layout(plain_dir).case(plan.id), Layout(data_dir).case(plan.id))
    (data_dir / MIGRATION_MARKER).write_text("{}")
    with PlanStore(data_dir, keys=keys) as store:
        assert store.corrupt == []
        assert store.get(plan.id).citizen.name == "Jonas Mikkelsen Østergaard"


def test_a_plaintext_folder_works_as_before(data_dir, new_plan):
    with PlanStore(data_dir) as store:
        plan = store.save(new_plan())
    assert b"Mikkelsen" in Layout(data_dir).case(plan.id).read_bytes()
    assert json.loads(Layout(data_dir).meta.read_text())["format"] == "planbro-store"
