"""Re-sealing a data folder (storage.reseal, keying): a migration from plaintext and a new
data key share one pass that skips what is done, keeps backups' times and leaves an
unreadable file as it was."""

from __future__ import annotations

import os

import pytest

from planbro.crypto import is_sealed, keyfile
from planbro.crypto.kdf import CHEAP_FOR_TESTS
from planbro.crypto.keys import create, unlock
from planbro.crypto.sealing import key_id_of

from planbro.storage import PlanStore, StoreError
from planbro.storage.codec import MIGRATION_MARKER, Codec
from planbro.storage.keying import encrypt, rotate
from planbro.storage.paths import Layout
from planbro.storage.reseal import reseal_all

# The passphrase of the test folders.
PASSPHRASE = "korrekt hest batteri hæfteklamme"


def _make(folder):
    return create(folder, passphrase=PASSPHRASE, use_credential_store=False, kdf=CHEAP_FOR_TESTS)


def _encrypted(folder):
    return encrypt(folder, lambda: _make(folder), lambda made: made.chain, lambda made: None)


def _with_plans(data_dir, new_plan, count=2):
    ids = []
    with PlanStore(data_dir) as store:
        for _number in range(count):
            plan = store.save(new_plan())
            plan.purpose = "Et nyt formål"
            store.save(plan)
            ids.append(plan.id)
    return ids


def test_encrypting_a_folder_with_plans_seals_every_file_and_keeps_backup_times(data_dir,
                                                                                new_plan):
    ids = _with_plans(data_dir, new_plan)
    backup = next((data_dir / "backups" / "cases").iterdir())
    old_time = backup.stat().st_mtime_ns - 10 ** 12
    os.utime(backup, ns=(old_time, old_time))
    done = _encrypted(data_dir)
    assert done.plans == 2 and done.resealed.unreadable == []
    assert backup.stat().st_mtime_ns == old_time
    assert is_sealed(backup.read_bytes())
    assert not (data_dir / MIGRATION_MARKER).exists()
    assert not Layout(data_dir).index.exists()
    with PlanStore(data_dir, keys=done.made.chain) as store:
        assert sorted(s.id for s in store.summaries()) == sorted(ids)
        assert store.get(ids[0]).purpose == "Et nyt formål"


def test_a_second_pass_has_nothing_left_to_do(data_dir, new_plan):
    _with_plans(data_dir, new_plan)
    chain = _encrypted(data_dir).made.chain
    again = reseal_all(Layout(data_dir, Codec(chain)))
    assert again.sealed == 0 and again.current >= 5


def test_encrypting_an_encrypted_folder_is_refused_and_changes_nothing(data_dir, new_plan):
    _with_plans(data_dir, new_plan, 1)
    _encrypted(data_dir)
    before = keyfile.key_path(data_dir).read_bytes()
    with pytest.raises(StoreError, match="keys.json"):
        _encrypted(data_dir)
    assert keyfile.key_path(data_dir).read_bytes() == before


def test_when_showing_the_recovery_key_fails_nothing_is_changed(data_dir, new_plan):
    _with_plans(data_dir, new_plan, 1)

    def fails(made):
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        encrypt(data_dir, lambda: _make(data_dir), lambda made: made.chain, fails)
    assert not keyfile.exists(data_dir) and not (data_dir / MIGRATION_MARKER).exists()
    assert not is_sealed(Layout(data_dir).meta.read_bytes())
    with PlanStore(data_dir) as store:
        assert len(store.summaries()) == 1


def test_rotation_leaves_a_damaged_file_as_it_was_and_says_so(data_dir, new_plan):
    ids = _with_plans(data_dir, new_plan)
    chain = _encrypted(data_dir).made.chain
    damaged = Layout(data_dir).case(ids[0])
    damaged.write_bytes(damaged.read_bytes()[:-4])
    broken = damaged.read_bytes()
    rotated, done = rotate(Layout(data_dir, Codec(chain)))
    assert done.unreadable == [damaged] and damaged.read_bytes() == broken
    assert rotated.retiring == () and rotated.current != chain.current
    other = Layout(data_dir).case(ids[1])
    assert key_id_of(other.read_bytes()) == rotated.current.key_id
    fresh = unlock(data_dir, PASSPHRASE, environ={}, use_credential_store=False)
    assert fresh.retiring == () and fresh.current == rotated.current
    with PlanStore(data_dir, keys=fresh) as store:
        assert store.get(ids[1]).purpose == "Et nyt formål"
        assert [c.path for c in store.corrupt] == [damaged]


def test_an_unfinished_rotation_is_finished_by_the_next_writer(data_dir, new_plan):
    from planbro.crypto.keys import rotate as rotate_keys

    ids = _with_plans(data_dir, new_plan, 1)
    chain = _encrypted(data_dir).made.chain

    def crash(rotating):
        raise OSError(5, "Input/output error")

    with pytest.raises(OSError):
        rotate_keys(data_dir, chain, crash)
    pending = unlock(data_dir, PASSPHRASE, environ={}, use_credential_store=False)
    assert len(pending.retiring) == 1
    with PlanStore(data_dir, keys=pending) as store:
        assert store.get(ids[0]).purpose == "Et nyt formål"
    done = unlock(data_dir, PASSPHRASE, environ={}, use_credential_store=False)
    assert done.retiring == () and done.current == pending.current
    assert key_id_of(Layout(data_dir).case(ids[0]).read_bytes()) == done.current.key_id
