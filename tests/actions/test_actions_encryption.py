"""Turning encryption on (planbro.actions.encryption): a new folder and one with plaintext plans,
the recovery key shown before any file is sealed, a refusal that changes nothing, a credential
store that refuses the key, the audit record, and the printable sheet."""

from __future__ import annotations

import json

import keyring
import pytest

from planbro.crypto import keyfile
from planbro.crypto.kdf import CHEAP_FOR_TESTS
from planbro.crypto.keyfile import CREDENTIAL_STORE, PASSPHRASE, RECOVERY
from planbro.crypto.keys import FROM_CREDENTIAL_STORE, unlock

from planbro.audit import AuditLog
from planbro.storage import PlanStore, StoreLocked
from planbro.storage.codec import MARKER_FORMAT, MIGRATION_MARKER, PHASE_KEYS

from planbro.actions.encryption import (
    NoDailyWay,
    NotKept,
    RecoverySheet,
    needs_passphrase,
    needs_turning_on,
    plans_in,
    turn_on,
)

from keyring_support import BrokenKeyring

# The passphrase of the folders that get one.
PASSPHRASE_TEXT = "Fire heste på Amager Fælled"


def every_byte(folder) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def snapshot(folder) -> dict:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.name != "planbro.lock"}


def test_a_new_folder_gets_its_keys_and_the_key_shown_opens_it(tmp_path, memory_keyring):
    folder = tmp_path / "data"
    assert needs_turning_on(folder) and plans_in(folder) == 0
    shown = []
    done = turn_on(folder, lambda made: shown.append(made), via="app", kdf=CHEAP_FOR_TESTS)
    assert keyfile.exists(folder) and not needs_turning_on(folder)
    assert done.plans == 0 and done.ways == [RECOVERY, CREDENTIAL_STORE]
    assert done.credential_store_skipped == "" and done.unreadable == []
    [made] = shown
    assert unlock(folder, made.recovery_key, use_credential_store=False,
                  environ={}).current.key_hex == done.chain.current.key_hex
    assert unlock(folder, environ={}).way == FROM_CREDENTIAL_STORE


def test_the_plans_are_sealed_after_the_key_is_shown_and_still_open(plaintext, example_plan,
                                                                    memory_keyring):
    name = example_plan.citizen.name.encode("utf-8")
    assert name in every_byte(plaintext) and plans_in(plaintext) == 1
    sealed_when_shown = []

    def show(made):
        # Shown before any file is sealed: the plan is still plaintext here.
        sealed_when_shown.append(name not in every_byte(plaintext))

    done = turn_on(plaintext, show, via="app", kdf=CHEAP_FOR_TESTS)
    assert sealed_when_shown == [False]
    assert done.plans == 1
    assert name not in every_byte(plaintext)
    with PlanStore(plaintext, keys=done.chain) as store:
        assert store.get(example_plan.id).citizen.name == example_plan.citizen.name
        assert store.get(example_plan.id).purpose == "Et nyt formål"


def test_a_key_not_kept_changes_nothing(plaintext, memory_keyring):
    before = snapshot(plaintext)

    def refuse(made):
        raise NotKept

    with pytest.raises(NotKept):
        turn_on(plaintext, refuse, via="app", kdf=CHEAP_FOR_TESTS)
    assert snapshot(plaintext) == before
    assert not keyfile.exists(plaintext) and needs_turning_on(plaintext)
    # Nor is a secret left behind in the credential store.
    assert memory_keyring.secrets == {}


def test_without_a_credential_store_a_passphrase_is_the_daily_way_in(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    assert needs_passphrase()
    monkeypatch.setenv("PLANBRO_PASSPHRASE", PASSPHRASE_TEXT)
    assert not needs_passphrase()
    monkeypatch.delenv("PLANBRO_PASSPHRASE")
    with pytest.raises(NoDailyWay):
        turn_on(folder, lambda made: None, via="app", require_daily_way=True,
                kdf=CHEAP_FOR_TESTS)
    assert not keyfile.exists(folder)
    done = turn_on(folder, lambda made: None, via="app", passphrase=PASSPHRASE_TEXT,
                   require_daily_way=True, kdf=CHEAP_FOR_TESTS)
    assert done.ways == [RECOVERY, PASSPHRASE]
    assert done.credential_store_skipped == "denne computer har intet nøglelager"
    assert unlock(folder, PASSPHRASE_TEXT, environ={}).current.key_hex == done.chain.current.key_hex


def test_a_credential_store_that_refuses_the_key_is_no_daily_way_in(tmp_path):
    keyring.set_keyring(BrokenKeyring())
    folder = tmp_path / "data"
    # It is there, so no passphrase seemed needed; the refusal is found when it is used.
    assert not needs_passphrase()
    with pytest.raises(NoDailyWay, match="kun gendannelsesnøglen"):
        turn_on(folder, lambda made: pytest.fail("shown"), via="app", require_daily_way=True,
                kdf=CHEAP_FOR_TESTS)
    assert not keyfile.exists(folder)


def test_turning_on_is_in_the_audit_log(tmp_path, memory_keyring):
    folder = tmp_path / "data"
    done = turn_on(folder, lambda made: None, via="app", kdf=CHEAP_FOR_TESTS)
    assert done.logged
    [record] = AuditLog(folder).read().records
    assert (record["action"], record["plan"], record["via"], record["detail"]) == (
        "key", None, "app", "kryptering slået til")


def test_another_planbro_holding_the_folder_stops_it(plaintext, memory_keyring):
    before = snapshot(plaintext)
    with PlanStore(plaintext), pytest.raises(StoreLocked):
        turn_on(plaintext, lambda made: pytest.fail("shown"), via="app", kdf=CHEAP_FOR_TESTS)
    assert snapshot(plaintext) == before


def test_a_start_cut_short_by_a_crash_is_started_again(plaintext, memory_keyring):
    # A crash while the key file was made: the marker says "keys", the files are plaintext.
    (plaintext / MIGRATION_MARKER).write_text(json.dumps({"format": MARKER_FORMAT,
                                                         "phase": PHASE_KEYS}))
    keyfile.key_path(plaintext).write_text("{}")
    assert needs_turning_on(plaintext)
    done = turn_on(plaintext, lambda made: None, via="app", kdf=CHEAP_FOR_TESTS)
    assert done.plans == 1 and not (plaintext / MIGRATION_MARKER).exists()
    assert not needs_turning_on(plaintext)


def test_the_sheet_holds_the_key_the_day_and_the_folder(tmp_path, memory_keyring):
    import io
    from datetime import date

    from pypdf import PdfReader

    folder = tmp_path / "data"
    shown = []
    turn_on(folder, shown.append, via="app", kdf=CHEAP_FOR_TESTS)
    sheet = RecoverySheet.of(shown[0], folder, date(2027, 3, 15))
    assert sheet.key == shown[0].recovery_key and sheet.key in sheet.lines
    assert sheet.lines[0] == "Planbro – gendannelsesnøgle"
    assert sheet.lines[1] == f"Lavet 15-03-2027 til datamappen {folder}"
    pdf = sheet.pdf()
    assert pdf.startswith(b"%PDF")
    text = "".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert all(group in text for group in sheet.key.split("-"))
    assert str(folder).replace(" ", "") in text
