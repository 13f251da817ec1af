"""The credential store through keyring: used where there is one, skipped with a clear state
where there is none, never a crash when it misbehaves."""

from __future__ import annotations

import base64

import pytest

from planbro.crypto import credstore
from planbro.crypto.kdf import CHEAP_FOR_TESTS
from planbro.crypto.keys import (
    FROM_CREDENTIAL_STORE,
    FROM_ENVIRONMENT,
    NoWayIn,
    create,
    remember_here,
    status,
    unlock,
)

PASSPHRASE = "Fire heste på Amager Fælled"


def test_a_credential_store_opens_the_folder_without_asking(tmp_path, memory_keyring):
    made = create(tmp_path, kdf=CHEAP_FOR_TESTS)
    assert made.ways == ["recovery", "credential-store"] and made.credential_store_skipped == ""
    ((service, username), secret), = memory_keyring.secrets.items()
    # Kept under the key file's random id: no name, no path, never the data key itself.
    assert service == "Planbro" and username == made.chain.store_id
    assert base64.b64decode(secret) != made.chain.current.secret
    chain = unlock(tmp_path, environ={})
    assert chain.way == FROM_CREDENTIAL_STORE and chain.current == made.chain.current
    assert status(tmp_path).credential_store == "ready"


def test_without_a_credential_store_it_is_skipped_and_said(tmp_path):
    assert not credstore.is_available()  # the fail backend, as on this machine and in CI
    made = create(tmp_path, kdf=CHEAP_FOR_TESTS, passphrase=PASSPHRASE)
    assert made.ways == ["recovery", "passphrase"]
    assert made.credential_store_skipped == "denne computer har intet nøglelager"
    assert status(tmp_path).credential_store == "none"
    with pytest.raises(NoWayIn):
        unlock(tmp_path, environ={})


def test_a_store_that_fails_every_call_is_no_store(tmp_path, broken_keyring):
    made = create(tmp_path, kdf=CHEAP_FOR_TESTS, environ={"PLANBRO_PASSPHRASE": PASSPHRASE})
    assert "credential-store" not in made.ways and made.credential_store_skipped
    assert unlock(tmp_path, environ={"PLANBRO_PASSPHRASE": PASSPHRASE}).way == FROM_ENVIRONMENT


def test_another_login_without_the_secret_unlocks_by_passphrase_then_remembers(tmp_path,
                                                                              memory_keyring):
    made = create(tmp_path, kdf=CHEAP_FOR_TESTS)
    memory_keyring.secrets.clear()  # a new Windows profile: the folder is there, its secret not
    assert status(tmp_path).credential_store == "missing"
    with pytest.raises(NoWayIn):
        unlock(tmp_path, environ={})
    chain = unlock(tmp_path, made.recovery_key, environ={})
    remember_here(tmp_path, chain)
    assert unlock(tmp_path, environ={}).way == FROM_CREDENTIAL_STORE
    assert status(tmp_path).credential_store == "ready"


def test_a_wrong_secret_in_the_store_falls_through_to_the_passphrase(tmp_path, memory_keyring):
    made = create(tmp_path, kdf=CHEAP_FOR_TESTS)
    memory_keyring.secrets[("Planbro", made.chain.store_id)] = base64.b64encode(bytes(32)).decode()
    chain = unlock(tmp_path, environ={"PLANBRO_PASSPHRASE": made.recovery_key})
    assert chain.way == FROM_ENVIRONMENT
    memory_keyring.secrets[("Planbro", made.chain.store_id)] = "not base64!"
    assert unlock(tmp_path, made.recovery_key, environ={}).current == made.chain.current


def test_asking_not_to_use_the_store_leaves_it_untouched(tmp_path, memory_keyring):
    made = create(tmp_path, kdf=CHEAP_FOR_TESTS, use_credential_store=False)
    assert memory_keyring.secrets == {} and made.credential_store_skipped == "ikke ønsket"
    assert status(tmp_path).credential_store == "not-set-up"
