"""Turning encryption on, and changing the data key, survive SIGKILL at every step (#11).

A child runs `planbro key create` on a plaintext folder with plans (or `planbro key rotate`
on an encrypted one) and is killed just before its N-th change of the folder, for every N
until it runs to its end. After each kill the folder opens, read-only, as the old store or
the new one with every plan whole; the next writer finishes (or rolls back) the work; and at
the end no byte under the data folder holds the citizen's name, CPR number or free text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from planbro.crypto import keyfile
from planbro.crypto.kdf import CHEAP_FOR_TESTS
from planbro.crypto.keys import create, unlock
from planbro.crypto.sealing import is_sealed, key_id_of

from planbro.model import Plan

from planbro.storage import PlanStore
from planbro.storage.codec import MIGRATION_MARKER
from planbro.storage.keying import encrypt
from planbro.storage.paths import Layout

from keyring_support import CHILD_ENV

# The script that runs the command until it is killed.
CHILD = Path(__file__).with_name("encrypt_child.py")
# The passphrase the child gets from the environment.
PASSPHRASE = "Fire heste på Amager Fælled"
# Plans in the folder; each saved twice so it has backups.
PLANS = 3
# More changes than either command makes: the child runs to its end.
NEVER = 10_000
# What must never be found in a file of the encrypted folder.
SECRETS = [b"Birkegaard", b"120379-1235", b"1203791235", b"Egen bolig med bost\xc3\xb8tte"]


def _template(root: Path) -> dict[str, str]:
    """A plaintext data folder with plans, backups, a damaged copy and a leftover temporary
    file; each plan's id and name."""
    names = {}
    with PlanStore(root) as store:
        for number in range(PLANS):
            plan = Plan()
            plan.citizen.name, plan.citizen.cpr = f"Sofie Birkegaard {number}", "120379-1235"
            plan.purpose = "Egen bolig med bostøtte og et netværk."
            store.save(plan)
            plan.purpose += " Ændret."
            store.save(plan)
            names[plan.id] = plan.citizen.name
    first = next(iter(names))
    damaged = Layout(root).damaged
    damaged.mkdir()
    (damaged / f"{first}.20261201T120000.json").write_text('{"versions": {"1": "Birkegaard')
    (Layout(root).cases / f".{first}.json.x1y2z3.tmp").write_text("Sofie Birkegaard 120379-1235")
    return names


def _child(folder: Path, command: str, limit: int) -> int:
    env = {**os.environ, **CHILD_ENV, "PLANBRO_PASSPHRASE": PASSPHRASE}
    env.pop("PLANBRO_DATA_DIR", None)
    result = subprocess.run([sys.executable, str(CHILD), str(folder), command, str(limit)],
                            env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    assert b"Traceback" not in result.stderr, result.stderr.decode()
    return result.returncode


def _keys(folder: Path):
    """The folder's keys when it needs them (encrypted, or sealing under way), else None."""
    if not keyfile.exists(folder):
        return None
    marker = folder / MIGRATION_MARKER
    if marker.exists() and b'"keys"' in marker.read_bytes():
        return None
    return unlock(folder, environ={"PLANBRO_PASSPHRASE": PASSPHRASE}, use_credential_store=False)


def _all_readable(folder: Path, names: dict[str, str]) -> None:
    with PlanStore(folder, read_only=True, keys=_keys(folder)) as reader:
        assert reader.corrupt == []
        assert {s.id: s.name for s in reader.summaries()} == names
        for plan_id in names:
            assert reader.get(plan_id).purpose.endswith("Ændret.")


def _grep_clean(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in SECRETS:
                assert secret not in data, (path, secret)


def _sealed_with_one_key(folder: Path) -> None:
    chain = _keys(folder)
    assert chain is not None and chain.retiring == ()
    assert not (folder / MIGRATION_MARKER).exists()
    layout = Layout(folder)
    files = [*layout.cases.glob("*.json"), *layout.backups.rglob("*.json"), layout.meta]
    assert len(files) > PLANS
    for path in files:
        assert key_id_of(path.read_bytes()) == chain.current.key_id, path


def _kill_at_every_step(tmp_path: Path, template: Path, command: str, names: dict[str, str],
                        after) -> int:
    for limit in range(1, NEVER):
        folder = tmp_path / f"run-{limit}"
        shutil.copytree(template, folder, symlinks=True)
        finished = _child(folder, command, limit) == 0
        _all_readable(folder, names)
        # The next writer rolls an unfinished start back, or finishes it.
        with PlanStore(folder, keys=_keys(folder)):
            pass
        _all_readable(folder, names)
        after(folder)
        shutil.rmtree(folder)
        if finished:
            # The steps it was killed before.
            return limit - 1
    raise AssertionError("the command never finished")


def test_turning_encryption_on_survives_sigkill_at_every_step(tmp_path):
    template = tmp_path / "template"
    names = _template(template)

    def after(folder: Path) -> None:
        if not keyfile.exists(folder):
            # Rolled back to the plaintext store: the command run again does it all.
            assert not (folder / MIGRATION_MARKER).exists()
            assert not is_sealed(Layout(folder).meta.read_bytes())
            assert _child(folder, "create", NEVER) == 0
            _all_readable(folder, names)
        with PlanStore(folder, keys=_keys(folder)):
            pass
        _sealed_with_one_key(folder)
        _grep_clean(folder)

    steps = _kill_at_every_step(tmp_path, template, "create", names, after)
    # The marker, the key file and its copy, each file sealed, the index dropped.
    assert steps > 2 * PLANS + 4


def test_changing_the_data_key_survives_sigkill_at_every_step(tmp_path):
    template = tmp_path / "template"
    names = _template(template)
    made = encrypt(template, lambda: create(template, passphrase=PASSPHRASE,
                                            use_credential_store=False, kdf=CHEAP_FOR_TESTS),
                   lambda made: made.chain, lambda made: None)
    before = made.made.chain.current.key_id

    def after(folder: Path) -> None:
        _sealed_with_one_key(folder)
        _grep_clean(folder)

    steps = _kill_at_every_step(tmp_path, template, "rotate", names, after)
    assert steps > 2 * PLANS
    folder = tmp_path / "last"
    shutil.copytree(template, folder)
    assert _child(folder, "rotate", NEVER) == 0
    assert _keys(folder).current.key_id != before


@pytest.mark.parametrize("command", ["create"])
def test_the_command_run_to_its_end_says_what_it_did(tmp_path, command):
    folder = tmp_path / "data"
    _template(folder)
    env = {**os.environ, **CHILD_ENV, "PLANBRO_PASSPHRASE": PASSPHRASE}
    result = subprocess.run([sys.executable, str(CHILD), str(folder), command, str(NEVER)],
                            env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0
    assert "3 planer i datamappen er krypteret nu" in result.stderr
