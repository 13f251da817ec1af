"""audit/head.json in an encrypted data folder carries an HMAC under a key derived from the store
key, so a log cut at its end with the head rewritten to match is found by --verify; and a cut
end stays visible after the next record (planbro.audit.appending)."""

from __future__ import annotations

import json

import pytest

from planbro.crypto.kdf import CHEAP_FOR_TESTS
from planbro.crypto.keys import create

from planbro.audit import AuditLog
from planbro.audit.chain import line_hash
from planbro.storage import default_data_dir

from planbro.cli import main

# The passphrase of the encrypted test folder.
PASSPHRASE = "Fire heste på Amager Fælled"
# The example plan's id.
EXAMPLE_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"
# What --verify says of a head whose MAC does not match.
HEAD_CHANGED = "Logbogens slutpunkt (hovedet) er ændret"


@pytest.fixture
def keyed(monkeypatch):
    """The default data folder, encrypted (cheap scrypt) and unlocked by PLANBRO_PASSPHRASE."""
    folder = default_data_dir()
    create(folder, passphrase=PASSPHRASE, use_credential_store=False, kdf=CHEAP_FOR_TESTS)
    monkeypatch.setenv("PLANBRO_PASSPHRASE", PASSPHRASE)
    return folder


def logged(example_path, views: int = 3) -> None:
    """The example imported and shown a few times: a log of 1 + `views` records."""
    assert main(["import", str(example_path)]) == 0
    for _ in range(views):
        assert main(["show", EXAMPLE_ID]) == 0


def month_of(folder):
    [month] = (folder / "audit").glob("audit-*.jsonl")
    return month


def head_of(folder) -> dict:
    return json.loads((folder / "audit" / "head.json").read_bytes())


def cut_last_line(folder) -> tuple[bytes, int]:
    """Cut the month file's last record off; the new last line and how many lines are left."""
    month = month_of(folder)
    kept = month.read_bytes().splitlines(keepends=True)[:-1]
    month.write_bytes(b"".join(kept))
    return kept[-1].rstrip(b"\n"), len(kept)


def verified(capsys) -> tuple[int, str]:
    capsys.readouterr()
    status = main(["audit", "--verify"])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_an_encrypted_folders_head_has_a_mac_and_verifies(keyed, example_path, capsys):
    logged(example_path)
    head = head_of(keyed)
    assert len(head["mac"]) == 64 and head["seq"] == 4
    status, said = verified(capsys)
    assert status == 0 and "Logbogen er hel: 4 poster" in said


def test_a_cut_tail_with_the_head_rewritten_to_match_is_found(keyed, example_path, capsys):
    logged(example_path)
    last, lines = cut_last_line(keyed)
    head = head_of(keyed)
    # What a hand-edited head would say of the new last line; the old MAC cannot fit it.
    head.update(lines=lines, seq=head["seq"] - 1, hash=line_hash(last))
    # Both the head and its copy with the store, as a careful tamperer would.
    for path in (keyed / "audit" / "head.json", keyed / "audit-head.json"):
        path.write_text(json.dumps(head), encoding="utf-8")
    status, said = verified(capsys)
    assert status == 1
    assert HEAD_CHANGED in said and str(keyed / "audit" / "head.json") in said


def test_a_head_without_its_mac_in_an_encrypted_folder_is_found(keyed, example_path, capsys):
    logged(example_path)
    last, lines = cut_last_line(keyed)
    head = {"file": month_of(keyed).name, "lines": lines, "seq": head_of(keyed)["seq"] - 1,
            "hash": line_hash(last)}
    for path in (keyed / "audit" / "head.json", keyed / "audit-head.json"):
        path.write_text(json.dumps(head), encoding="utf-8")
    status, said = verified(capsys)
    assert status == 1 and HEAD_CHANGED in said


def test_verify_in_an_encrypted_folder_without_a_way_in_says_how_to_unlock(
        keyed, example_path, capsys, monkeypatch):
    logged(example_path, views=1)
    monkeypatch.delenv("PLANBRO_PASSPHRASE")
    status, said = verified(capsys)
    assert status == 2 and "PLANBRO_PASSPHRASE" in said


def test_the_next_record_after_a_cut_tail_keeps_the_cut_visible(keyed, example_path, capsys):
    logged(example_path)
    cut_last_line(keyed)
    # A new record would name the new last line; it numbers on after the head's record.
    assert main(["show", EXAMPLE_ID]) == 0
    records = AuditLog(keyed).read().records
    assert [r["seq"] for r in records] == [1, 2, 3, 5]
    status, said = verified(capsys)
    assert status == 1 and "1 linje er fjernet" in said


def test_a_plaintext_folders_head_has_no_mac_and_a_cut_stays_visible(example_path, capsys):
    folder = default_data_dir()
    logged(example_path)
    assert "mac" not in head_of(folder)
    assert verified(capsys)[0] == 0
    cut_last_line(folder)
    assert main(["show", EXAMPLE_ID]) == 0
    status, said = verified(capsys)
    assert status == 1 and "1 linje er fjernet" in said


def test_deleting_the_whole_audit_folder_is_found_through_the_head_kept_with_the_store(
        keyed, example_path, capsys):
    """The head is kept with the store too (audit-head.json beside audit/): a log deleted
    whole, head.json included, does not verify as an empty, whole log."""
    import shutil

    logged(example_path)
    shutil.rmtree(keyed / "audit")
    status, said = verified(capsys)
    assert status == 1 and "skåret af" in said
