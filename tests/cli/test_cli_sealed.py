"""The command in an encrypted data folder: unlocked by PLANBRO_PASSPHRASE (or the credential
store), refused in Danish with exit status 2 otherwise, and never waiting for a keyboard."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from planbro.crypto import is_sealed
from planbro.crypto.kdf import CHEAP_FOR_TESTS
from planbro.crypto.keys import create

from planbro.storage import PlanStore, default_data_dir

from planbro.cli import main

from keyring_support import CHILD_ENV

# The passphrase of the encrypted test folder.
PASSPHRASE = "Fire heste på Amager Fælled"
# Seconds a command may take before the test calls it a hang.
TIMEOUT = 60


@pytest.fixture
def keyed():
    """The default data folder, encrypted (cheap scrypt), with nothing stored yet."""
    folder = default_data_dir()
    create(folder, passphrase=PASSPHRASE, use_credential_store=False, kdf=CHEAP_FOR_TESTS)
    return folder


def test_import_and_list_with_the_passphrase_store_only_sealed_files(keyed, example_path,
                                                                      monkeypatch, capsys):
    monkeypatch.setenv("PLANBRO_PASSPHRASE", PASSPHRASE)
    assert main(["import", str(example_path)]) == 0
    assert main(["list"]) == 0
    assert "Jonas Mikkelsen Østergaard" in capsys.readouterr().out
    [case] = (keyed / "cases").iterdir()
    assert is_sealed(case.read_bytes())


def test_without_a_way_in_every_command_says_how_to_unlock(keyed, example_path, capsys):
    assert main(["import", str(example_path)]) == 2
    err = capsys.readouterr().err
    assert "PLANBRO_PASSPHRASE" in err and "planbro key unlock" in err
    assert not (keyed / "cases").exists() or not any((keyed / "cases").iterdir())
    assert main(["list"]) == 2
    assert "PLANBRO_PASSPHRASE" in capsys.readouterr().err


def test_a_wrong_passphrase_is_refused_and_nothing_is_written(keyed, example_path, monkeypatch,
                                                              capsys):
    monkeypatch.setenv("PLANBRO_PASSPHRASE", "en helt forkert adgangsfrase")
    assert main(["import", str(example_path)]) == 2
    assert "kan ikke åbnes med PLANBRO_PASSPHRASE" in capsys.readouterr().err
    assert not (keyed / "cases").exists() or not any((keyed / "cases").iterdir())


def test_a_child_without_a_terminal_exits_2_instead_of_waiting(keyed):
    env = {**os.environ, **CHILD_ENV}
    env.pop("PLANBRO_PASSPHRASE", None)
    result = subprocess.run([sys.executable, "-m", "planbro", "list"], env=env,
                            stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            timeout=TIMEOUT)
    assert result.returncode == 2
    assert "PLANBRO_PASSPHRASE" in result.stderr and "Traceback" not in result.stderr


def test_restore_in_an_encrypted_folder(keyed, example_path, monkeypatch, capsys):
    monkeypatch.setenv("PLANBRO_PASSPHRASE", PASSPHRASE)
    assert main(["import", str(example_path)]) == 0
    [case] = (keyed / "cases").iterdir()
    case.write_bytes(case.read_bytes()[:-3])
    assert main(["list"]) == 1
    backup = next((keyed / "backups" / "cases").iterdir())
    capsys.readouterr()
    assert main(["restore", str(backup)]) == 0
    assert main(["list"]) == 0
    assert "Jonas Mikkelsen Østergaard" in capsys.readouterr().out


def test_key_create_encrypts_the_plans_a_folder_holds(example_path, monkeypatch, capsys):
    assert main(["import", str(example_path)]) == 0
    folder = default_data_dir()
    [case] = (folder / "cases").iterdir()
    assert b"Mikkelsen" in case.read_bytes()
    monkeypatch.setenv("PLANBRO_PASSPHRASE", PASSPHRASE)
    assert main(["key", "create", "--no-credential-store"]) == 0
    err = capsys.readouterr().err
    assert "1 plan i datamappen er krypteret nu" in err
    assert not (folder / "migration.json").exists()
    for path in folder.rglob("*"):
        if path.is_file():
            assert b"Mikkelsen" not in path.read_bytes(), path
    assert main(["list"]) == 0
    assert "Jonas Mikkelsen Østergaard" in capsys.readouterr().out


def test_key_rotate_gives_a_new_data_key_and_the_plans_still_open(example_path, monkeypatch,
                                                                  capsys):
    from planbro.crypto.sealing import key_id_of

    folder = default_data_dir()
    monkeypatch.setenv("PLANBRO_PASSPHRASE", PASSPHRASE)
    create(folder, passphrase=PASSPHRASE, use_credential_store=False, kdf=CHEAP_FOR_TESTS)
    assert main(["import", str(example_path)]) == 0
    [case] = (folder / "cases").iterdir()
    before = key_id_of(case.read_bytes())
    capsys.readouterr()
    assert main(["key", "rotate"]) == 0
    out = capsys.readouterr().out
    assert "Datanøglen er skiftet" in out and "gælder stadig" in out
    assert key_id_of(case.read_bytes()) != before
    assert main(["list"]) == 0
    assert "Jonas Mikkelsen Østergaard" in capsys.readouterr().out


def test_key_rotate_on_a_plaintext_folder_is_refused(capsys):
    PlanStore(default_data_dir()).close()
    assert main(["key", "rotate"]) == 2
    assert "ikke krypteret" in capsys.readouterr().err


def test_key_rotate_while_planbro_is_open_is_refused_and_nothing_changes(example_path,
                                                                         monkeypatch, capsys):
    folder = default_data_dir()
    monkeypatch.setenv("PLANBRO_PASSPHRASE", PASSPHRASE)
    made = create(folder, passphrase=PASSPHRASE, use_credential_store=False, kdf=CHEAP_FOR_TESTS)
    assert main(["import", str(example_path)]) == 0
    keys_before = (folder / "keys.json").read_bytes()
    with PlanStore(folder, keys=made.chain):
        assert main(["key", "rotate"]) == 2
    assert "Planbro" in capsys.readouterr().err
    assert (folder / "keys.json").read_bytes() == keys_before


def test_key_create_on_a_folder_without_plans_turns_encryption_on(monkeypatch, capsys,
                                                                  example_path):
    folder = default_data_dir()
    PlanStore(folder).close()
    assert not is_sealed((folder / "meta.json").read_bytes())
    monkeypatch.setenv("PLANBRO_PASSPHRASE", PASSPHRASE)
    assert main(["key", "create", "--no-credential-store"]) == 0
    assert "krypteret fra nu af" in capsys.readouterr().err
    assert main(["import", str(example_path)]) == 0
    assert main(["key", "status"]) == 0
    assert "Planerne i datamappen er krypterede" in capsys.readouterr().out
    for path in (folder / "meta.json", *(folder / "backups").rglob("*.json")):
        assert is_sealed(path.read_bytes()), path


def test_planbro_passphrase_makes_a_new_data_folder_encrypted(example_path, monkeypatch,
                                                               capsys):
    from planbro.crypto.keys import unlock

    folder = default_data_dir()
    monkeypatch.setenv("PLANBRO_PASSPHRASE", PASSPHRASE)
    assert main(["import", str(example_path)]) == 0
    captured = capsys.readouterr()
    assert "er krypteret med PLANBRO_PASSPHRASE" in captured.err
    key = re.search(r"[0-9A-Z]{5}(?:-[0-9A-Z]{5}){6}", captured.err).group(0)
    # Shown on stderr only: stdout may be piped data.
    assert key not in captured.out
    [case] = (folder / "cases").iterdir()
    assert is_sealed(case.read_bytes())
    assert unlock(folder, key, environ={}, use_credential_store=False)
    assert main(["list"]) == 0
    listed = capsys.readouterr()
    assert "Jonas Mikkelsen Østergaard" in listed.out and key not in listed.err


def test_without_planbro_passphrase_a_new_folder_stays_as_before(example_path, capsys):
    assert main(["import", str(example_path)]) == 0
    assert not (default_data_dir() / "keys.json").exists()


def test_key_status_tells_an_unfinished_migration(example_path, monkeypatch, capsys):
    assert main(["import", str(example_path)]) == 0
    folder = default_data_dir()
    monkeypatch.setenv("PLANBRO_PASSPHRASE", PASSPHRASE)
    assert main(["key", "create", "--no-credential-store"]) == 0
    (folder / "migration.json").write_text('{"format": "planbro-migration/1", "phase": "sealing"}')
    capsys.readouterr()
    assert main(["key", "status"]) == 0
    assert "ikke gjort færdig" in capsys.readouterr().out
    assert main(["list"]) == 0
    assert not (folder / "migration.json").exists()
    assert main(["key", "status"]) == 0
    assert "ikke gjort færdig" not in capsys.readouterr().out


def test_key_changes_are_logged_and_the_log_verifies_with_its_sealed_head(example_path,
                                                                          monkeypatch, capsys):
    from planbro.audit import AuditLog

    assert main(["import", str(example_path)]) == 0
    folder = default_data_dir()
    monkeypatch.setenv("PLANBRO_PASSPHRASE", PASSPHRASE)
    assert main(["key", "create", "--no-credential-store"]) == 0
    # The head written before the folder had keys carries no MAC; the key's record
    # rewrites it sealed, so the migrated log verifies at once.
    assert main(["audit", "--verify"]) == 0
    assert main(["key", "rotate"]) == 0
    assert main(["audit", "--verify"]) == 0
    records = [r for r in AuditLog(folder).read().records if r["action"] == "key"]
    assert [r["detail"] for r in records] == ["kryptering slået til", "ny datanøgle"]
    assert all(r["plan"] in (None, "") for r in records)
    capsys.readouterr()
    assert main(["audit"]) == 0
    assert "datamappens nøgler ændret" in capsys.readouterr().out


def test_a_start_of_encryption_cut_short_is_undone_and_said(example_path, capsys):
    """Killed after the key file was made but before any plan was sealed: the next command
    needs no key (the folder is plaintext still), undoes the start and says so."""
    import json

    from planbro.storage.codec import MIGRATION_MARKER

    assert main(["import", str(example_path)]) == 0
    folder = default_data_dir()
    create(folder, passphrase=PASSPHRASE, use_credential_store=False, kdf=CHEAP_FOR_TESTS)
    (folder / MIGRATION_MARKER).write_text(json.dumps({"format": "planbro-migration/1",
                                                       "phase": "keys"}))
    capsys.readouterr()
    assert main(["list"]) == 0
    printed = capsys.readouterr()
    assert "Jonas Mikkelsen Østergaard" in printed.out
    assert "er gjort om" in printed.err and "planbro key create" in printed.err
    assert not (folder / "keys.json").exists() and not (folder / MIGRATION_MARKER).exists()
