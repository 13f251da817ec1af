"""`planbro key`: status, create, check, unlock, new-recovery-key — exit statuses, Danish
messages, and never waiting for a keyboard that is not there."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import keyring
import pytest

from planbro.crypto.kdf import CHEAP_FOR_TESTS
from planbro.crypto.keys import create

from planbro.storage import default_data_dir

from planbro.cli import main

from keyring_support import CHILD_ENV, MemoryKeyring

PASSPHRASE = "Fire heste på Amager Fælled"
# A grouped recovery key in the command's output.
KEY_LINE = re.compile(r"^    ([0-9A-Z]{5}(?:-[0-9A-Z]{5}){6})$", re.MULTILINE)
# Seconds a sub-command may take before the test calls it a hang.
TIMEOUT = 60


def prepared():
    """The data folder with a key file made cheaply; its recovery key."""
    return create(default_data_dir(), kdf=CHEAP_FOR_TESTS, use_credential_store=False).recovery_key


def run(*args, env_extra=None):
    """`planbro ARGS` in a child process with no terminal on stdin and no credential store."""
    env = {**os.environ, **CHILD_ENV, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "planbro", *args], env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=TIMEOUT)


def test_status_without_a_key_file_says_the_folder_is_not_prepared(capsys):
    assert main(["key", "status"]) == 0
    out = capsys.readouterr().out
    assert "Der er ingen nøglefil i" in out and "planbro key create" in out
    assert "Nøglelager: nej: denne computer har intet nøglelager" in out
    assert "Planerne i datamappen er endnu ikke krypterede" in out


def test_create_shows_the_recovery_key_once_with_the_warning(capsys, monkeypatch):
    monkeypatch.setenv("PLANBRO_PASSPHRASE", PASSPHRASE)
    assert main(["key", "create"]) == 0
    captured = capsys.readouterr()
    (recovery_key,) = KEY_LINE.findall(captured.out)
    assert "Planbro – gendannelsesnøgle" in captured.out and "kommunens IT-support" in captured.out
    assert "Veje ind: gendannelsesnøgle, adgangsfrase." in captured.err
    assert "vises kun denne ene gang" in captured.err
    assert "Datamappen er krypteret fra nu af" in captured.err
    assert main(["key", "status"]) == 0
    out = capsys.readouterr().out
    assert "Gendannelsesnøgle: ja" in out and "Adgangsfrase: ja" in out
    assert recovery_key not in out
    monkeypatch.setenv("PLANBRO_PASSPHRASE", recovery_key.lower())
    assert main(["key", "check"]) == 0
    assert "Nøglen passer" in capsys.readouterr().out


def test_create_refuses_a_folder_that_has_keys(capsys):
    prepared()
    before = (default_data_dir() / "keys.json").read_bytes()
    assert main(["key", "create"]) == 2
    assert "findes allerede" in capsys.readouterr().err
    assert (default_data_dir() / "keys.json").read_bytes() == before


def test_check_tells_a_wrong_passphrase_and_a_typo_with_status_2(capsys, monkeypatch):
    recovery_key = prepared()
    monkeypatch.setenv("PLANBRO_PASSPHRASE", "ikke den rigtige frase")
    assert main(["key", "check"]) == 2
    assert "hverken dens adgangsfrase eller dens gendannelsesnøgle" in capsys.readouterr().err
    typo = recovery_key[:-1] + ("Z" if recovery_key[-1] != "Z" else "Y")
    monkeypatch.setenv("PLANBRO_PASSPHRASE", typo)
    assert main(["key", "check"]) == 2
    assert "tastefejl i gruppe 7" in capsys.readouterr().err


def test_a_short_passphrase_is_refused_and_nothing_written(capsys, monkeypatch):
    monkeypatch.setenv("PLANBRO_PASSPHRASE", "kort")
    assert main(["key", "create"]) == 2
    assert "PLANBRO_PASSPHRASE: adgangsfrasen skal have mindst 12 tegn" in capsys.readouterr().err
    assert not (default_data_dir() / "keys.json").exists()


@pytest.mark.parametrize("action", ["check", "unlock", "new-recovery-key"])
def test_without_a_terminal_nothing_waits_and_the_missing_is_named(action):
    prepared()
    result = run("key", action)
    assert result.returncode == 2, result.stderr
    assert "PLANBRO_PASSPHRASE" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_without_a_terminal_a_key_file_is_made_and_checked():
    result = run("key", "create", env_extra={"PLANBRO_PASSPHRASE": PASSPHRASE})
    assert result.returncode == 0, result.stderr
    (recovery_key,) = KEY_LINE.findall(result.stdout)
    assert run("key", "check", env_extra={"PLANBRO_PASSPHRASE": PASSPHRASE}).returncode == 0
    checked = run("key", "check", env_extra={"PLANBRO_PASSPHRASE": recovery_key})
    assert checked.returncode == 0 and "Nøglen passer" in checked.stdout
    assert run("key", "create", env_extra={"PLANBRO_PASSPHRASE": PASSPHRASE}).returncode == 2


def test_a_new_recovery_key_replaces_the_old_one(capsys, monkeypatch):
    old = prepared()
    monkeypatch.setenv("PLANBRO_PASSPHRASE", old)
    assert main(["key", "new-recovery-key"]) == 0
    (new,) = KEY_LINE.findall(capsys.readouterr().out)
    assert new != old
    assert main(["key", "check"]) == 2
    monkeypatch.setenv("PLANBRO_PASSPHRASE", new)
    assert main(["key", "check"]) == 0


def test_unlock_on_a_new_login_remembers_the_key_in_its_store(capsys, monkeypatch):
    recovery_key = prepared()
    store = MemoryKeyring()
    keyring.set_keyring(store)
    monkeypatch.setenv("PLANBRO_PASSPHRASE", recovery_key)
    assert main(["key", "unlock"]) == 0
    assert "åbner" in capsys.readouterr().out and len(store.secrets) == 1
    monkeypatch.delenv("PLANBRO_PASSPHRASE")
    assert main(["key", "status"]) == 0
    assert "Nøglelager: ja, det åbner datamappen uden at spørge" in capsys.readouterr().out
    assert main(["key", "unlock"]) == 0
    assert "åbner allerede" in capsys.readouterr().out


def test_unlock_without_a_credential_store_says_so_before_asking(capsys, monkeypatch):
    prepared()
    assert main(["key", "unlock"]) == 2
    assert "Denne computer har intet nøglelager" in capsys.readouterr().err


def test_the_help_says_a_key_file_encrypts_the_folder():
    result = run("key", "--help")
    assert result.returncode == 0
    assert "en datamappe med en nøglefil er krypteret" in " ".join(result.stdout.split())


def test_key_create_into_a_pipe_with_only_the_recovery_key_is_refused(example_path, capsys):
    """A recovery key printed into a pipe (| head) could be lost, and with no passphrase or
    credential store it would be the only way in: refused, nothing changed."""
    from planbro.storage import default_data_dir

    assert main(["import", str(example_path)]) == 0
    folder = default_data_dir()
    assert main(["key", "create", "--no-credential-store"]) == 2
    assert "den eneste vej ind" in capsys.readouterr().err
    assert not (folder / "keys.json").exists()
