"""The key file: made once, unlocked by PLANBRO_PASSPHRASE or the recovery key, rotated."""

from __future__ import annotations

import json
import os
import stat
import sys

import pytest

from planbro.crypto import keyfile
from planbro.crypto.kdf import CHEAP_FOR_TESTS, DEFAULT
from planbro.crypto.keyfile import KEY_COPY, KEY_FILE, KeyFileDamaged
from planbro.crypto.keys import (
    FROM_ARGUMENT,
    FROM_ENVIRONMENT,
    BadPassphrase,
    KeyFileExists,
    NoKeyFile,
    NoWayIn,
    WrongSecret,
    create,
    finish_rotation,
    replace_recovery_key,
    rotate,
    status,
    unlock,
)
from planbro.crypto.sealing import SealBroken

PASSPHRASE = "Fire heste på Amager Fælled"
PLAN = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"


def make(folder, **options):
    options.setdefault("kdf", CHEAP_FOR_TESTS)
    return create(folder, **options)


def snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_the_environment_passphrase_creates_and_unlocks(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANBRO_PASSPHRASE", PASSPHRASE)
    made = make(tmp_path / "data")
    assert made.ways == ["recovery", "passphrase"]
    chain = unlock(tmp_path / "data")
    assert chain.way == FROM_ENVIRONMENT and chain.current == made.chain.current
    blob = made.chain.seal("case", PLAN, b"plan")
    assert chain.open("case", PLAN, blob) == b"plan"


def test_the_recovery_key_unlocks_however_it_is_typed(tmp_path):
    made = make(tmp_path, passphrase=PASSPHRASE)
    typed = made.recovery_key.lower().replace("-", " ")
    chain = unlock(tmp_path, typed, environ={})
    assert chain.way == FROM_ARGUMENT and chain.current == made.chain.current
    assert unlock(tmp_path, environ={"PLANBRO_PASSPHRASE": made.recovery_key}).current == chain.current


def test_a_wrong_passphrase_is_told_in_danish_and_nothing_is_written(tmp_path):
    make(tmp_path, passphrase=PASSPHRASE)
    before = snapshot(tmp_path)
    with pytest.raises(WrongSecret) as caught:
        unlock(tmp_path, environ={"PLANBRO_PASSPHRASE": "Fire heste på Amager Fællet"})
    assert str(caught.value) == (f"{tmp_path / KEY_FILE} kan ikke åbnes med PLANBRO_PASSPHRASE: "
                                 "det er hverken dens adgangsfrase eller dens gendannelsesnøgle. "
                                 "Intet er ændret.")
    with pytest.raises(WrongSecret, match="den indtastede nøgle"):
        unlock(tmp_path, "forkert forkert forkert", environ={})
    assert snapshot(tmp_path) == before


def test_a_typo_in_the_recovery_key_names_its_group(tmp_path):
    made = make(tmp_path)
    key = made.recovery_key
    wrong = key[:7] + ("Z" if key[7] != "Z" else "Y") + key[8:]
    with pytest.raises(WrongSecret, match="^Gendannelsesnøglen har en tastefejl i gruppe 2.$"):
        unlock(tmp_path, wrong, environ={})
    with pytest.raises(WrongSecret, match="^PLANBRO_PASSPHRASE: Gendannelsesnøglen har en tastefejl"):
        unlock(tmp_path, environ={"PLANBRO_PASSPHRASE": wrong})


def test_the_environment_is_tried_before_the_typed_key(tmp_path):
    made = make(tmp_path, passphrase=PASSPHRASE)
    chain = unlock(tmp_path, made.recovery_key, environ={"PLANBRO_PASSPHRASE": PASSPHRASE})
    assert chain.way == FROM_ENVIRONMENT
    chain = unlock(tmp_path, made.recovery_key, environ={"PLANBRO_PASSPHRASE": "ikke den rigtige"})
    assert chain.way == FROM_ARGUMENT


def test_nothing_to_unlock_with_says_what_is_missing(tmp_path):
    make(tmp_path)
    with pytest.raises(NoWayIn, match="Sæt PLANBRO_PASSPHRASE til adgangsfrasen eller "
                                      "gendannelsesnøglen"):
        unlock(tmp_path, environ={})


def test_a_folder_without_a_key_file_says_so(tmp_path):
    with pytest.raises(NoKeyFile, match="Der er ingen nøglefil i .*planbro key create"):
        unlock(tmp_path, PASSPHRASE, environ={})
    assert not status(tmp_path).exists


def test_create_refuses_a_folder_with_keys_and_changes_nothing(tmp_path):
    make(tmp_path)
    before = snapshot(tmp_path)
    with pytest.raises(KeyFileExists, match="findes allerede"):
        make(tmp_path, passphrase=PASSPHRASE)
    assert snapshot(tmp_path) == before


def test_a_short_passphrase_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(BadPassphrase, match="^PLANBRO_PASSPHRASE: adgangsfrasen skal have mindst 12"):
        make(tmp_path / "data", environ={"PLANBRO_PASSPHRASE": "kort"})
    assert not (tmp_path / "data").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_the_key_file_and_its_copy_are_private(tmp_path):
    make(tmp_path)
    for name in (KEY_FILE, KEY_COPY):
        assert stat.S_IMODE(os.stat(tmp_path / name).st_mode) == 0o600
    assert (tmp_path / KEY_FILE).read_bytes() == (tmp_path / KEY_COPY).read_bytes()


def test_the_key_file_records_its_kdf_and_holds_no_key_in_the_clear(tmp_path):
    made = make(tmp_path, passphrase=PASSPHRASE)
    text = (tmp_path / KEY_FILE).read_text()
    content = json.loads(text)
    assert content["format"] == "planbro-keys/1" and content["key_id"] == made.chain.current.key_hex
    kdfs = [way["kdf"] for way in content["ways"]]
    assert [(k["name"], k["n"], k["r"], k["p"]) for k in kdfs] == [("scrypt", 16, 8, 1)] * 2
    assert kdfs[0]["salt"] != kdfs[1]["salt"]
    assert made.chain.current.secret.hex() not in text
    assert made.recovery_key not in text and PASSPHRASE not in text


def test_without_a_kdf_argument_the_full_cost_is_used(tmp_path):
    assert (DEFAULT.n, DEFAULT.r, DEFAULT.p) == (2 ** 16, 8, 1)
    create(tmp_path, use_credential_store=False)
    (way,) = json.loads((tmp_path / KEY_FILE).read_text())["ways"]
    assert way["kdf"]["n"] == 2 ** 16


def test_a_damaged_key_file_is_read_from_its_copy(tmp_path):
    made = make(tmp_path, passphrase=PASSPHRASE)
    (tmp_path / KEY_FILE).write_text('{"format": "planbro-keys/1", "sto')
    assert unlock(tmp_path, PASSPHRASE, environ={}).current == made.chain.current


def test_a_key_file_damaged_with_its_copy_is_named_and_left_alone(tmp_path):
    make(tmp_path)
    for name in (KEY_FILE, KEY_COPY):
        (tmp_path / name).write_text("{}")
    with pytest.raises(KeyFileDamaged) as caught:
        unlock(tmp_path, PASSPHRASE, environ={})
    assert f"Nøglefilen {tmp_path / KEY_FILE} kan ikke læses" in str(caught.value)
    assert (tmp_path / KEY_FILE).read_text() == "{}"


@pytest.mark.parametrize("n, r", [(2 ** 40, 8), (1000, 8), (2 ** 4, 10 ** 6), (True, 8)])
def test_hostile_kdf_parameters_are_damage_not_a_hang(tmp_path, n, r):
    make(tmp_path)
    for name in (KEY_FILE, KEY_COPY):
        content = json.loads((tmp_path / name).read_text())
        content["ways"][0]["kdf"].update(n=n, r=r)
        (tmp_path / name).write_text(json.dumps(content))
    with pytest.raises(KeyFileDamaged):
        unlock(tmp_path, PASSPHRASE, environ={})


def test_a_wrapped_key_moved_to_another_way_opens_nothing(tmp_path):
    made = make(tmp_path, passphrase=PASSPHRASE)
    content = json.loads((tmp_path / KEY_FILE).read_text())
    recovery = content["ways"][0]
    # The recovery way's wrapped store key and salt, filed as the passphrase way:
    # the same secret derives the same wrapping key, but the way's kind is bound.
    content["ways"] = [{**recovery, "kind": "passphrase"}]
    for name in (KEY_FILE, KEY_COPY):
        (tmp_path / name).write_text(json.dumps(content))
    with pytest.raises(WrongSecret):
        unlock(tmp_path, made.recovery_key, environ={})


def test_rotation_gives_a_new_data_key_and_the_recovery_key_still_opens(tmp_path):
    made = make(tmp_path)
    old_blob = made.chain.seal("case", PLAN, b"v1")
    files = {"a": old_blob}
    seen = []

    def reencrypt(chain):
        seen.append([k.key_hex for k in chain.all_keys()])
        for name, blob in files.items():
            files[name] = chain.seal("case", PLAN, chain.open("case", PLAN, blob))

    rotated = rotate(tmp_path, made.chain, reencrypt)
    assert rotated.current != made.chain.current and rotated.retiring == ()
    assert seen == [[rotated.current.key_hex, made.chain.current.key_hex]]
    assert rotated.open("case", PLAN, files["a"]) == b"v1"
    again = unlock(tmp_path, made.recovery_key, environ={})
    assert again.current == rotated.current and again.retiring == ()
    with pytest.raises(SealBroken, match="en anden nøgle"):
        again.open("case", PLAN, old_blob)


def test_a_rotation_cut_short_keeps_both_keys_until_it_is_finished(tmp_path):
    made = make(tmp_path)
    old_blob = made.chain.seal("case", PLAN, b"v1")

    def crash(chain):
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        rotate(tmp_path, made.chain, crash)
    pending = unlock(tmp_path, made.recovery_key, environ={})
    assert status(tmp_path).rotation_pending
    assert pending.current != made.chain.current and pending.retiring == (made.chain.current,)
    assert pending.open("case", PLAN, old_blob) == b"v1"
    done = finish_rotation(tmp_path, pending, lambda chain: None)
    assert done.retiring == () and not status(tmp_path).rotation_pending
    assert unlock(tmp_path, made.recovery_key, environ={}).current == pending.current


def test_a_new_recovery_key_replaces_the_old_one(tmp_path):
    made = make(tmp_path)
    new_key = replace_recovery_key(tmp_path, made.chain, kdf=CHEAP_FOR_TESTS)
    assert new_key != made.recovery_key
    assert unlock(tmp_path, new_key, environ={}).current == made.chain.current
    with pytest.raises(WrongSecret):
        unlock(tmp_path, made.recovery_key, environ={})


def test_the_key_file_round_trips(tmp_path):
    make(tmp_path, passphrase=PASSPHRASE)
    read = keyfile.read(tmp_path)
    assert read is not None
    assert keyfile.to_json(keyfile.from_json(keyfile.to_json(read))) == keyfile.to_json(read)
