"""A change is saved while the audit log cannot be written: its record waits in the data folder
(planbro.audit.waiting), sealed when the folder is encrypted, and reaches the log, in order and
chained, at the next record that can be written; documents stay refused meanwhile (issue 11)."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest

from planbro.crypto import is_sealed
from planbro.crypto.kdf import CHEAP_FOR_TESTS
from planbro.crypto.keys import create

from planbro.audit import AuditLog
from planbro.audit.verify import verify
from planbro.storage import PlanStore, StoreWriteFailed

from planbro.cli import main

from disk_support import read_only

# The passphrase of the encrypted test folder.
PASSPHRASE = "Fire heste på Amager Fælled"
# The folder of waiting records in the data folder.
WAITING = "audit-pending"


def waiting_files(data):
    folder = data / WAITING
    return sorted(folder.iterdir()) if folder.is_dir() else []


def records(data):
    return AuditLog(data).read().records


def secrets_of(plan) -> list[bytes]:
    """Bytes of the plan's personal data that must never lie in a waiting record."""
    words = [plan.citizen.name, plan.citizen.cpr, plan.citizen.cpr.replace("-", ""), plan.purpose]
    return [word.encode("utf-8") for word in words if word]


@pytest.fixture
def data(tmp_path):
    return tmp_path / "data"


def stored(data, example_plan, keys=None):
    """The example plan imported, its record in the log."""
    with PlanStore(data, audit=AuditLog(data), via="app", keys=keys) as store:
        store.put(copy.deepcopy(example_plan))


def test_a_save_and_a_signature_go_through_while_the_audit_folder_is_read_only(
        data, example_plan):
    stored(data, example_plan)
    told: list[str] = []
    with read_only(data / "audit"):
        log = AuditLog(data, on_waiting=told.append, on_failure=lambda text: None)
        with PlanStore(data, audit=log, via="app") as store:
            plan = store.get(example_plan.id)
            plan.purpose = "Et nyt formål, skrevet mens logbogen ikke kunne skrives."
            store.save(plan)
            store.sign(plan.id, date(2027, 3, 1))
            assert store.get(plan.id).status == "signed"
        assert len(told) == 2 and "Ændringen er gemt" in told[0] and "venter" in told[0]
        kept = waiting_files(data)
        assert len(kept) == 2
        for path in kept:
            blob = path.read_bytes()
            assert not any(secret in blob for secret in secrets_of(plan))
        assert [r["action"] for r in records(data)] == ["import"]
    # The next store that opens writes them, oldest first, in the chain, then removes them.
    with PlanStore(data, audit=AuditLog(data), via="app"):
        pass
    log = records(data)
    assert [(r["action"], r.get("delayed", False)) for r in log] == [
        ("import", False), ("change", True), ("sign", True)]
    assert all(r["written"] >= r["at"] for r in log[1:])
    assert [r["seq"] for r in log] == [1, 2, 3]
    assert waiting_files(data) == []
    verdict = verify(data / "audit")
    assert verdict.finding is None and verdict.waiting == 0


def test_the_next_record_of_another_kind_writes_what_waited_first(data, example_plan):
    stored(data, example_plan)
    with read_only(data / "audit"), PlanStore(data, audit=AuditLog(data), via="cli") as store:
        store.close_case(example_plan.id)
    log = AuditLog(data)
    assert log.record("view", example_plan.id, 1, via="cli")
    assert [r["action"] for r in records(data)] == ["import", "close", "view"]
    assert waiting_files(data) == []
    assert verify(data / "audit").finding is None


def test_a_change_that_fails_takes_its_waiting_record_back(data, example_plan, monkeypatch):
    import errno

    from planbro.storage import casefile

    stored(data, example_plan)

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    with read_only(data / "audit"), PlanStore(data, audit=AuditLog(data), via="cli") as store:
        monkeypatch.setattr(casefile, "write_atomic", disk_full)
        with pytest.raises(StoreWriteFailed):
            store.sign(example_plan.id, date(2027, 3, 1))
        monkeypatch.undo()
        assert waiting_files(data) == []
        assert store.get(example_plan.id).status == "draft"


def test_while_a_record_waits_an_export_is_still_refused_and_verify_says_it_waits(
        data, example_plan, tmp_path, capsys):
    stored(data, example_plan)
    out = tmp_path / "plan.json"

    def planbro(*args: str) -> int:
        return main(["--data-dir", str(data), *args])

    with read_only(data / "audit"):
        assert planbro("close", example_plan.id[:8]) == 0
        assert "Ændringen er gemt, men dens linje i logbogen venter" in capsys.readouterr().err
        assert planbro("export", example_plan.id[:8], "--out", str(out), "--purpose",
                       "tilsyn") == 2
        assert "logbogen" in capsys.readouterr().err
        assert not out.exists()
    assert planbro("audit", "--verify") == 0
    said = capsys.readouterr().out
    assert "1 post om en ændring venter i datamappen" in said and "ikke med i kæden" in said
    assert planbro("export", example_plan.id[:8], "--out", str(out), "--purpose", "tilsyn") == 0
    assert [r["action"] for r in records(data)][-2:] == ["close", "export"]
    capsys.readouterr()
    assert planbro("audit", "--verify") == 0
    assert "venter" not in capsys.readouterr().out


def test_in_an_encrypted_folder_a_waiting_record_is_sealed_and_written_later(
        data, example_plan):
    keys = create(data, passphrase=PASSPHRASE, use_credential_store=False,
                  kdf=CHEAP_FOR_TESTS).chain
    stored(data, example_plan, keys)
    with read_only(data / "audit"):
        with PlanStore(data, audit=AuditLog(data, on_waiting=lambda text: None), via="app",
                       keys=keys) as store:
            store.sign(example_plan.id, date(2027, 3, 1))
        [kept] = waiting_files(data)
        blob = kept.read_bytes()
        assert is_sealed(blob)
        # Not even the plan's id or the action lies there in the clear.
        assert example_plan.id.encode() not in blob and b"sign" not in blob
    with PlanStore(data, audit=AuditLog(data), via="app", keys=keys) as store:
        assert store.audit is not None and store.audit.head_key is not None
        verdict = verify(data / "audit", store.audit.head_key, store.audit.waiting_key)
    assert [(r["action"], r.get("delayed", False)) for r in records(data)] == [
        ("import", False), ("sign", True)]
    assert verdict.finding is None and waiting_files(data) == []


def test_a_log_without_the_keys_leaves_sealed_records_waiting(data, example_plan):
    keys = create(data, passphrase=PASSPHRASE, use_credential_store=False,
                  kdf=CHEAP_FOR_TESTS).chain
    stored(data, example_plan, keys)
    with read_only(data / "audit"), PlanStore(data, audit=AuditLog(data), via="app",
                                              keys=keys) as store:
        store.sign(example_plan.id, date(2027, 3, 1))
    # A command that opened no store (render FILE.json) cannot open them: they wait on.
    assert AuditLog(data).record("view", None, via="cli")
    assert [r["action"] for r in records(data)] == ["import", "view"]
    assert len(waiting_files(data)) == 1
    with PlanStore(data, audit=AuditLog(data), via="app", keys=keys):
        pass
    assert [r["action"] for r in records(data)] == ["import", "view", "sign"]


def test_a_waiting_record_that_was_tampered_with_is_named_and_never_logged(
        data, example_plan):
    keys = create(data, passphrase=PASSPHRASE, use_credential_store=False,
                  kdf=CHEAP_FOR_TESTS).chain
    stored(data, example_plan, keys)
    forged = data / WAITING / "00000000000000000001-1-000000.record"
    forged.parent.mkdir()
    forged.write_text(json.dumps({"at": "2027-01-01T00:00:00Z", "action": "view"}),
                      encoding="utf-8")
    with PlanStore(data, audit=AuditLog(data), via="app", keys=keys) as store:
        store.sign(example_plan.id, date(2027, 3, 1))
        assert store.audit is not None
        verdict = verify(data / "audit", store.audit.head_key, store.audit.waiting_key)
    assert [r["action"] for r in records(data)] == ["import", "sign"]
    assert verdict.waiting_unreadable == [forged] and verdict.finding is None
    from planbro.audit.verify import describe

    assert any(str(forged) in line and "kan ikke læses" in line for line in describe(verdict))
