"""The grep test of encryption at rest (issue 11): after a scripted session in an encrypted data
folder - import the example, save changes, sign, revise, follow up, render, a writer killed
mid-save and resumed - no byte of any file under the data folder holds the citizen's name,
CPR number (with or without dash) or any free text of the plan: backups, index, journal,
temporary leftovers, meta.json and the audit log included."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
import time

from planbro.crypto.kdf import CHEAP_FOR_TESTS
from planbro.crypto.keys import create, unlock

from planbro.storage import PlanStore

from planbro.cli import main

from keyring_support import CHILD_ENV

# The passphrase the session unlocks the folder with, as a script would.
PASSPHRASE = "Fire heste på Amager Fælled"
# The example plan's id.
PLAN_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"
# What the session adds as free text, besides the example's own.
ADDED = ("Ny tekst om Jonas' lejlighed i Vollsmose", "Opfølgning: Jonas møder stabilt op",
         "Hemmelig gemt tekst nummer")

# A writer that saves the plan again and again until it is killed.
CHILD = textwrap.dedent("""
    import sys
    from planbro.crypto.keys import unlock
    from planbro.storage import PlanStore
    folder, plan_id = sys.argv[1], sys.argv[2]
    store = PlanStore(folder, keys=unlock(folder))
    n = 0
    while True:
        n += 1
        plan = store.get(plan_id)
        plan.citizen_words = "Hemmelig gemt tekst nummer %d " % n + "fyld " * 400
        store.save(plan)
        print("saved", n, flush=True)
""")


def _secrets(plan) -> list[bytes]:
    cpr = plan.citizen.cpr
    texts = [plan.citizen.name, *plan.citizen.name.split(), cpr, cpr.replace("-", ""),
             plan.purpose[:40], plan.goals[0].title[:40], plan.citizen_words[:40],
             plan.citizen.residence, *ADDED]
    found = []
    for text in texts:
        found += [text.encode("utf-8"), text.encode("unicode_escape")]
        # As JSON with ensure_ascii writes it (\u00d8 for Ø).
        found.append(text.encode("ascii", "backslashreplace").replace(b"\\x", b"\\u00"))
    return sorted(set(found))


def _grep(folder, secrets) -> list[str]:
    """Every file under `folder` and each secret it holds, as "file: secret"."""
    hits = []
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert files
    for path in files:
        data = path.read_bytes()
        hits += [f"{path.relative_to(folder)}: {s!r}" for s in secrets if s in data]
    return hits


def _kill_mid_save(folder, env) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(folder), PLAN_ID], env=env,
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True)
    try:
        for _line in range(3):
            assert child.stdout is not None and child.stdout.readline().startswith("saved")
        time.sleep(random.uniform(0, 0.05))
    finally:
        child.kill()
        child.wait(timeout=30)
        if child.stdout is not None:
            child.stdout.close()


def test_no_file_in_the_data_folder_holds_the_citizen_or_the_plans_text(
        tmp_path, example_path, example_plan, monkeypatch, capsys):
    folder, out = tmp_path / "data", tmp_path / "out"
    out.mkdir()
    monkeypatch.setenv("PLANBRO_PASSPHRASE", PASSPHRASE)
    create(folder, use_credential_store=False, kdf=CHEAP_FOR_TESTS)
    base = ["--data-dir", str(folder)]
    assert main([*base, "import", str(example_path)]) == 0
    with PlanStore(folder, keys=unlock(folder)) as store:
        plan = store.get(PLAN_ID)
        for text in ADDED[:1] * 3:
            # Several saves, as the wizard's autosave makes them.
            plan.purpose = plan.purpose + " " + text
            store.save(plan)
    assert main([*base, "sign", PLAN_ID, "--date", "01-12-2026"]) == 0
    assert main([*base, "revise", PLAN_ID]) == 0
    assert main([*base, "follow-up", PLAN_ID, "--date", "02-12-2026", "--outcome",
                 "fortsættes", "--note", ADDED[1]]) == 0
    assert main([*base, "render", PLAN_ID, "--docx", str(out / "plan.docx"), "--pdf",
                 str(out / "plan.pdf")]) == 0
    # The documents are plaintext by nature, even from an encrypted folder: it is said.
    assert "Filen er ikke krypteret" in capsys.readouterr().err
    env = {**os.environ, **CHILD_ENV}
    _kill_mid_save(folder, env)
    secrets = _secrets(example_plan)
    # Right after the kill: whatever temporary file the crash left is there too.
    assert _grep(folder, secrets) == []
    capsys.readouterr()
    assert main([*base, "list"]) == 0
    assert "Jonas Mikkelsen Østergaard" in capsys.readouterr().out
    with PlanStore(folder, keys=unlock(folder)) as store:
        resumed = store.get(PLAN_ID)
        assert resumed.citizen_words.startswith("Hemmelig gemt tekst nummer")
        resumed.citizen_words += " videre"
        store.save(resumed)
    assert sorted(p.name for p in out.iterdir()) == ["plan.docx", "plan.pdf"]
    assert (folder / "audit").is_dir() and list((folder / "backups").rglob("*.json"))
    assert _grep(folder, secrets) == []
    # The grep can fail: an export (plaintext by nature, outside the folder) holds them.
    assert main([*base, "export", PLAN_ID, "--out", str(out / "plan.json"), "--purpose",
                 "sagsbehandling"]) == 0
    assert len(_grep(out, secrets)) >= 5
    assert _grep(folder, secrets) == []
