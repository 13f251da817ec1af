"""Sealed files: AES-256-GCM bound to a role and a plan id; every failure told in Danish."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planbro.crypto.sealing import (
    HEADER_BYTES,
    MAGIC,
    NONCE_BYTES,
    DataKey,
    SealBroken,
    is_sealed,
    key_id_of,
    open_any,
    open_sealed,
    seal,
)

PLAN = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"
OTHER_PLAN = "9a1e2b3c-0000-4e7a-9c55-2d1f0b7a4e31"
TEXT = '{"citizen": {"name": "Jonas Mikkelsen Østergaard", "cpr": "010190-1234"}}'.encode()


@pytest.fixture
def key():
    return DataKey.new()


def test_a_sealed_file_opens_to_exactly_what_was_sealed(key):
    blob = seal(key, "case", PLAN, TEXT)
    assert open_sealed(key, "case", PLAN, blob) == TEXT
    assert b"Jonas" not in blob and b"010190" not in blob
    assert open_sealed(key, "meta", "", seal(key, "meta", "", b"")) == b""


@given(st.binary(max_size=4096), st.text(max_size=40), st.sampled_from(["case", "index", "resume"]))
def test_any_bytes_for_any_plan_id_come_back(data, plan_id, role):
    key = DataKey(b"k" * 8, b"s" * 32)
    assert open_sealed(key, role, plan_id, seal(key, role, plan_id, data)) == data


def test_every_seal_draws_a_fresh_nonce(key):
    blobs = [seal(key, "case", PLAN, TEXT) for _ in range(50)]
    nonces = {blob[HEADER_BYTES - NONCE_BYTES:HEADER_BYTES] for blob in blobs}
    assert len(nonces) == 50 and len(set(blobs)) == 50


def test_the_envelope_says_what_it_is(key):
    blob = seal(key, "case", PLAN, TEXT)
    assert blob.startswith(MAGIC) and is_sealed(blob)
    assert key_id_of(blob) == key.key_id
    assert len(blob) == HEADER_BYTES + len(TEXT) + 16
    assert not is_sealed(TEXT) and not is_sealed(b"") and not is_sealed(b"\xef\xbb\xbf{}")
    assert key_id_of(TEXT) is None


@pytest.mark.parametrize("where", ["version", "key id", "nonce", "ciphertext", "tag"])
def test_a_changed_byte_is_refused_naming_the_file(key, where, tmp_path):
    blob = bytearray(seal(key, "case", PLAN, TEXT))
    index = {"version": len(MAGIC), "key id": len(MAGIC) + 3, "nonce": HEADER_BYTES - 2,
             "ciphertext": HEADER_BYTES + 5, "tag": len(blob) - 1}[where]
    blob[index] ^= 0x01
    path = tmp_path / "cases" / f"{PLAN}.json"
    with pytest.raises(SealBroken) as caught:
        open_sealed(key, "case", PLAN, bytes(blob), path=path)
    message = str(caught.value)
    assert str(path) in message and "Planbro har ikke ændret den" in message
    assert caught.value.kind == {"key id": "other-key"}.get(where, "damaged")


def test_a_changed_first_byte_is_no_sealed_file(key):
    blob = b"X" + seal(key, "case", PLAN, TEXT)[1:]
    with pytest.raises(SealBroken, match="er ikke krypteret af Planbro") as caught:
        open_sealed(key, "case", PLAN, blob, path="plan.json")
    assert caught.value.kind == "not-sealed" and caught.value.path == "plan.json"


def test_a_newer_format_asks_for_a_newer_planbro(key):
    blob = bytearray(seal(key, "case", PLAN, TEXT))
    blob[len(MAGIC)] = 9
    with pytest.raises(SealBroken, match="nyere Planbro") as caught:
        open_sealed(key, "case", PLAN, bytes(blob))
    assert caught.value.kind == "newer"


@pytest.mark.parametrize("length", [0, 5, len(MAGIC), HEADER_BYTES, HEADER_BYTES + 15])
def test_a_cut_file_is_damaged_not_a_crash(key, length):
    blob = seal(key, "case", PLAN, TEXT)[:length]
    with pytest.raises(SealBroken):
        open_sealed(key, "case", PLAN, blob, path="x.json")


@pytest.mark.parametrize("role, plan_id", [("backup", PLAN), ("case", OTHER_PLAN), ("case", ""),
                                           ("index", "")])
def test_a_file_put_in_the_place_of_another_does_not_open(key, role, plan_id):
    blob = seal(key, "case", PLAN, TEXT)
    with pytest.raises(SealBroken, match="en anden fil er lagt i dens sted") as caught:
        open_sealed(key, role, plan_id, blob, path="x.json")
    assert caught.value.kind == "damaged"


def test_role_and_plan_id_cannot_be_shifted_into_each_other(key):
    # Length-prefixed fields: ("case", "x") and ("cas", "ex") are different data.
    blob = seal(key, "case", "", TEXT)
    with pytest.raises(SealBroken):
        open_sealed(key, "case", "\x00", blob)


def test_another_data_folders_key_is_named_as_such(key, tmp_path):
    blob = seal(DataKey.new(), "case", PLAN, TEXT)
    with pytest.raises(SealBroken, match="krypteret med en anden nøgle") as caught:
        open_sealed(key, "case", PLAN, blob, path=tmp_path / "a.json")
    assert caught.value.kind == "other-key" and key.key_hex in str(caught.value)


def test_a_wrong_key_under_the_right_id_is_refused(key):
    impostor = DataKey(key.key_id, bytes(32))
    with pytest.raises(SealBroken, match="kan ikke åbnes"):
        open_sealed(impostor, "case", PLAN, seal(key, "case", PLAN, TEXT))


def test_without_a_path_the_message_says_the_encrypted_data(key):
    with pytest.raises(SealBroken, match="^De krypterede data kan ikke åbnes"):
        open_sealed(key, "index", "", seal(key, "case", PLAN, TEXT))


def test_open_any_picks_the_key_that_sealed_the_file(key):
    old, new = DataKey.new(), key
    assert open_any([new, old], "case", PLAN, seal(old, "case", PLAN, TEXT)) == TEXT
    assert open_any(new, "case", PLAN, seal(new, "case", PLAN, TEXT)) == TEXT
    with pytest.raises(SealBroken) as caught:
        open_any([new], "case", PLAN, seal(old, "case", PLAN, TEXT))
    assert caught.value.kind == "other-key"


def test_an_unknown_role_is_a_programming_error(key):
    with pytest.raises(ValueError, match="unknown role"):
        seal(key, "cases", PLAN, TEXT)


def test_a_key_never_shows_its_secret():
    key = DataKey(b"\x01" * 8, b"\xaa" * 32)
    assert "aa" * 4 not in repr(key) and repr(key) == "DataKey(key_id=0101010101010101)"
    with pytest.raises(ValueError):
        DataKey(b"short", b"\xaa" * 32)
