"""Unlocking with the recovery key or passphrase on a new login, and this login's credential
store opening the folder from then on (planbro.actions.unlocking); a refusal to remember is
told, and the keys are unlocked all the same."""

from __future__ import annotations

import keyring
import pytest

from planbro.crypto import keyfile
from planbro.crypto.kdf import CHEAP_FOR_TESTS
from planbro.crypto.keys import FROM_ARGUMENT, FROM_CREDENTIAL_STORE, WrongSecret, create, unlock

from planbro.storage import PlanStore

from planbro.actions.unlocking import remember, unlock_typed

from keyring_support import BrokenKeyring

# The passphrase of the test folder (besides its recovery key).
PASSPHRASE = "Fire heste på Amager Fælled"


@pytest.fixture
def folder(tmp_path):
    """An encrypted data folder made on another login (no credential store way): its path
    and recovery key."""
    data = tmp_path / "data"
    made = create(data, passphrase=PASSPHRASE, use_credential_store=False, kdf=CHEAP_FOR_TESTS)
    return data, made.recovery_key



def key_file_bytes(data) -> bytes:
    return keyfile.key_path(data).read_bytes()


def test_the_recovery_key_opens_it_and_the_login_remembers_it(folder, memory_keyring):
    data, recovery_key = folder
    opened = unlock_typed(data, recovery_key)
    assert opened.chain.way == FROM_ARGUMENT
    assert opened.remembered is not None and opened.remembered.done
    assert opened.remembered.message == ("Nøglen er nu gemt i denne brugers nøglelager, så "
                                         "Planbro åbner datamappen uden at spørge næste gang.")
    assert len(memory_keyring.secrets) == 1
    again = unlock(data, environ={})
    assert again.way == FROM_CREDENTIAL_STORE
    assert again.current.key_hex == opened.chain.current.key_hex


def test_the_passphrase_does_too_and_not_remembering_writes_nothing(folder, memory_keyring):
    data, _recovery_key = folder
    before = key_file_bytes(data)
    opened = unlock_typed(data, PASSPHRASE, remember_key=False)
    assert opened.remembered is None
    assert memory_keyring.secrets == {} and key_file_bytes(data) == before


def test_without_a_credential_store_nothing_is_tried(folder):
    data, recovery_key = folder
    before = key_file_bytes(data)
    opened = unlock_typed(data, recovery_key)
    assert opened.remembered is None and key_file_bytes(data) == before


def test_a_wrong_key_is_refused_and_nothing_written(folder, memory_keyring):
    data, _recovery_key = folder
    before = key_file_bytes(data)
    with pytest.raises(WrongSecret, match="hverken dens adgangsfrase"):
        unlock_typed(data, "forkert forkert forkert")
    assert memory_keyring.secrets == {} and key_file_bytes(data) == before


def test_a_credential_store_that_refuses_is_told_and_the_keys_still_open(folder):
    data, recovery_key = folder
    keyring.set_keyring(BrokenKeyring())
    before = key_file_bytes(data)
    opened = unlock_typed(data, recovery_key)
    assert opened.remembered is not None and not opened.remembered.done
    message = opened.remembered.message
    assert "nøglelageret afviste den" in message and "spørger Planbro" in message
    # The backend's own words stay in the log.
    assert "DBus" not in message
    assert key_file_bytes(data) == before
    assert opened.chain.open("case", "x", opened.chain.seal("case", "x", b"plan")) == b"plan"


def test_a_folder_open_in_another_planbro_is_not_changed(folder, memory_keyring):
    data, recovery_key = folder
    chain = unlock(data, recovery_key, environ={})
    before = key_file_bytes(data)
    with PlanStore(data, keys=chain):
        remembered = remember(data, chain)
    assert not remembered.done and "åben i et andet Planbro-vindue" in remembered.message
    assert str(data) in remembered.message
    assert memory_keyring.secrets == {} and key_file_bytes(data) == before


def test_a_key_file_that_cannot_be_written_is_told_and_the_secret_taken_back(
        folder, memory_keyring, monkeypatch):
    data, recovery_key = folder
    chain = unlock(data, recovery_key, environ={})

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device", str(keyfile.key_path(data)))

    monkeypatch.setattr(keyfile, "write", full)
    remembered = remember(data, chain)
    assert not remembered.done and "ikke plads på disken" in remembered.message
    assert memory_keyring.secrets == {}
