"""The audit log (planbro.audit) and the store's own records: one whole JSON line per
record, change coalescing, torn lines, concurrent processes, the failure policy."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest

from planbro.model import FollowUpEntry

from planbro.audit import CHANGE_INTERVAL_S, AuditLog
from planbro.storage import PlanStore, StoreCorrupt, StoreWriteFailed

from planbro import audit

PLAN = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"
OTHER = "0b7a4e31-2d1f-4e7a-9c55-3f2c9a6e8b1d"
# The fields of every record, in the order they are written.
FIELDS = ["at", "user", "host", "action", "plan", "version", "via", "detail", "purpose", "seq", "prev"]


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def lines(data_dir) -> list[dict]:
    return AuditLog(data_dir).read().records


def brief(records) -> list[tuple]:
    return [(r["action"], r["plan"], r["version"], r["via"], r["detail"]) for r in records]


@pytest.fixture
def who(monkeypatch):
    import getpass
    import platform

    monkeypatch.setattr(getpass, "getuser", lambda: "mekj")
    monkeypatch.setattr(platform, "node", lambda: "PC-0417")


def test_a_record_is_one_whole_json_line_in_the_months_file(tmp_path, who):
    log = AuditLog(tmp_path)
    before = datetime.now(UTC).replace(microsecond=0)
    assert log.record("view", PLAN, 2, via="app")
    after = datetime.now(UTC)
    [path] = (tmp_path / "audit").glob("*.jsonl")
    raw = path.read_text(encoding="utf-8")
    assert raw.endswith("\n") and raw.count("\n") == 1
    record = json.loads(raw)
    assert list(record) == FIELDS
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", record["at"])
    at = datetime.fromisoformat(record["at"].replace("Z", "+00:00"))
    assert before <= at <= after
    assert path.name == f"audit-{at:%Y-%m}.jsonl"
    assert record | {"at": None} == {"at": None, "user": "mekj", "host": "PC-0417",
                                     "action": "view", "plan": PLAN, "version": 2,
                                     "via": "app", "detail": "", "purpose": "", "seq": 1,
                                     "prev": ""}


def test_the_sessions_purpose_goes_with_views_documents_and_the_caseload_only(tmp_path):
    log = AuditLog(tmp_path)
    log.set_purpose("møde med borgeren")
    for action in ("view", "change", "render", "print", "export", "caseload", "sign"):
        assert log.record(action, None if action == "caseload" else PLAN, 1, via="app")
    log.set_purpose("borgerrådgiver")  # a municipality's own word has the same shape
    log.begin("export", PLAN, 1, via="cli").commit()
    records = log.read().records
    assert [(r["action"], r["purpose"]) for r in records] == [
        ("view", "møde med borgeren"), ("change", ""), ("render", "møde med borgeren"),
        ("print", "møde med borgeren"), ("export", "møde med borgeren"),
        ("caseload", "møde med borgeren"), ("sign", ""), ("export", "borgerrådgiver")]
    assert records[5]["plan"] is None


@pytest.mark.parametrize("word", ["", "x", "Sagsbehandling", "cpr 120379-1235", "jonas1",
                                  "møde  med", " tilsyn", "tilsyn-", "a" * 41, "møde; slet"])
def test_a_purpose_is_a_short_lowercase_phrase_never_digits_or_text(tmp_path, word):
    log = AuditLog(tmp_path)
    with pytest.raises(ValueError):
        log.set_purpose(word)
    assert log.purpose == ""


def test_an_unknown_login_is_ukendt(tmp_path, monkeypatch):
    import getpass

    def no_login():
        raise OSError("No username set in the environment")

    monkeypatch.setattr(getpass, "getuser", no_login)
    AuditLog(tmp_path).record("print", PLAN, 1, via="cli")
    assert lines(tmp_path)[0]["user"] == "ukendt"


@pytest.mark.parametrize("detail", ["Jonas", "120379-1235", "/home/mekj/Handleplan Jonas.pdf"])
def test_detail_takes_only_the_fixed_words(tmp_path, detail):
    with pytest.raises(ValueError):
        AuditLog(tmp_path).record("render", PLAN, 1, via="app", detail=detail)
    assert not (tmp_path / "audit").exists()


@pytest.mark.parametrize("plan", ["Jonas Mikkelsen", "120379-1235", PLAN.upper()])
def test_a_plan_is_named_by_its_id_only(tmp_path, plan):
    with pytest.raises(ValueError):
        AuditLog(tmp_path).record("view", plan, 1, via="app")


def test_unknown_actions_and_vias_are_refused(tmp_path):
    log = AuditLog(tmp_path)
    with pytest.raises(ValueError):
        log.record("peek", PLAN, via="app")
    with pytest.raises(ValueError):
        log.record("view", PLAN, via="web")


def test_nothing_is_read_or_written_before_the_first_record(tmp_path):
    log = AuditLog(tmp_path)
    with PlanStore(tmp_path, audit=log, via="app") as store:
        store.summaries()
    assert not (tmp_path / "audit").exists()


def test_changes_are_coalesced_per_plan_version_for_ten_minutes(tmp_path):
    clock = Clock()
    log = AuditLog(tmp_path, clock=clock)
    log.record("create", PLAN, 1, via="app")
    for step in (1, 60, 300, CHANGE_INTERVAL_S - 1):
        clock.now = 1000.0 + step
        assert log.record("change", PLAN, 1, via="app")
    clock.now = 1000.0 + CHANGE_INTERVAL_S
    log.record("change", PLAN, 1, via="app")
    log.record("change", PLAN, 2, via="app")
    log.record("change", OTHER, 1, via="app")
    clock.now += 1
    log.record("change", PLAN, 1, via="app")
    # Other actions are never coalesced.
    log.record("view", PLAN, 1, via="app")
    log.record("view", PLAN, 1, via="app")
    assert brief(lines(tmp_path)) == [
        ("create", PLAN, 1, "app", ""), ("change", PLAN, 1, "app", ""),
        ("change", PLAN, 2, "app", ""), ("change", OTHER, 1, "app", ""),
        ("view", PLAN, 1, "app", ""), ("view", PLAN, 1, "app", "")]


def test_a_torn_last_line_is_skipped_and_the_next_record_starts_a_line(tmp_path):
    log = AuditLog(tmp_path)
    log.record("view", PLAN, 1, via="app")
    [path] = (tmp_path / "audit").glob("*.jsonl")
    with open(path, "ab") as file:
        file.write(b'{"at":"2027-03-15T09:30:00Z","user":"me')
    reading = AuditLog(tmp_path).read()
    assert brief(reading.records) == [("view", PLAN, 1, "app", "")]
    assert reading.skipped == 1
    # A new process ends the torn line before it appends.
    AuditLog(tmp_path).record("print", PLAN, 1, via="cli")
    reading = AuditLog(tmp_path).read()
    assert brief(reading.records) == [("view", PLAN, 1, "app", ""), ("print", PLAN, 1, "cli", "")]
    assert reading.skipped == 1


def test_a_whole_record_glued_after_a_torn_one_is_still_read(tmp_path):
    log = AuditLog(tmp_path)
    log.record("view", PLAN, 1, via="app")
    [path] = (tmp_path / "audit").glob("*.jsonl")
    whole = path.read_bytes()
    path.write_bytes(whole[:-20] + whole)
    reading = AuditLog(tmp_path).read()
    assert brief(reading.records) == [("view", PLAN, 1, "app", "")]
    assert reading.skipped == 1


# Appends `count` records to the audit log in argv[1], tagged with the version argv[3].
CHILD = """
import sys
from planbro.audit import AuditLog
log = AuditLog(sys.argv[1])
for i in range(int(sys.argv[2])):
    assert log.record("view", "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31", int(sys.argv[3]), via="cli")
"""


def test_two_processes_appending_at_once_give_only_whole_lines(tmp_path):
    count = 400
    children = [subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path), str(count), str(n)])
                for n in (1, 2)]
    for child in children:
        assert child.wait(timeout=120) == 0
    raw = b"".join(p.read_bytes() for p in (tmp_path / "audit").glob("*.jsonl"))
    assert raw.endswith(b"\n")
    records = [json.loads(line) for line in raw.decode("utf-8").splitlines()]
    assert len(records) == 2 * count
    assert all(list(r) == FIELDS for r in records)
    assert sorted(r["version"] for r in records) == [1] * count + [2] * count


# ---- the failure policy ---------------------------------------------------------

def broken(data_dir):
    """A data folder where the audit folder cannot be made (a file has its name)."""
    data_dir.mkdir(exist_ok=True)
    (data_dir / "audit").write_text("not a folder", encoding="utf-8")
    return data_dir


def test_a_record_that_cannot_be_written_is_reported_once(tmp_path):
    told = []
    log = AuditLog(broken(tmp_path), on_failure=told.append)
    assert not log.record("view", PLAN, 1, via="app")
    assert not log.record("print", PLAN, 1, via="app")
    assert len(told) == 1 and "IT" in told[0] and "logbog" in told[0]
    assert log.failure


def test_the_default_report_goes_to_stderr(tmp_path, capsys):
    log = AuditLog(broken(tmp_path))
    log.record("view", PLAN, 1, via="cli")
    log.record("view", PLAN, 1, via="cli")
    assert capsys.readouterr().err.count("Planbro kunne ikke skrive i logbogen") == 1


def unwritable_month(data_dir):
    """This month's log file cannot be opened (a folder has its name); the store opens."""
    month = data_dir / "audit" / f"audit-{datetime.now(UTC):%Y-%m}.jsonl"
    month.mkdir(parents=True)
    return month


def no_room_to_wait(data_dir):
    """The data folder cannot keep a record waiting either (a file has the folder's name)."""
    (data_dir / "audit-pending").write_text("not a folder", encoding="utf-8")


def test_a_change_is_refused_when_its_record_can_be_neither_written_nor_kept(
        tmp_path, example_plan):
    folder = tmp_path / "data"
    month = unwritable_month(folder)
    no_room_to_wait(folder)
    with PlanStore(folder, audit=AuditLog(folder), via="app") as store:
        example_plan.created = example_plan.updated = ""
        with pytest.raises(StoreWriteFailed) as refused:
            store.save(example_plan)
        assert "logbog" in str(refused.value) and "ikke gemt" in str(refused.value)
        # Neither the change nor its record: the plan is not stored.
        assert store.summaries() == []
        assert not (folder / "cases" / f"{PLAN}.json").exists()
        # Once the log can be written again, the same save goes through, with its record.
        month.rmdir()
        store.save(example_plan)
        assert store.get(PLAN).purpose == example_plan.purpose
    assert brief(lines(folder)) == [("create", PLAN, 1, "app", "")]


def test_a_signature_is_refused_with_no_record_and_stays_a_draft(tmp_path, example_plan):
    folder = tmp_path / "data"
    with PlanStore(folder, audit=AuditLog(folder), via="cli") as store:
        store.put(fresh(example_plan))
        no_room_to_wait(folder)
        [month] = (folder / "audit").glob("*.jsonl")
        month.rename(folder / "moved.jsonl")
        month.mkdir()
        with pytest.raises(StoreWriteFailed):
            store.sign(PLAN, date(2027, 3, 1))
        assert store.get(PLAN).status == "draft"
        month.rmdir()
        (folder / "moved.jsonl").rename(month)
        store.sign(PLAN, date(2027, 3, 1))
    assert [r["action"] for r in lines(folder)] == ["import", "sign"]


def test_a_change_that_fails_takes_its_audit_record_back(tmp_path, example_plan, monkeypatch):
    import errno

    from planbro.storage import casefile

    folder = tmp_path / "data"
    with PlanStore(folder, audit=AuditLog(folder), via="cli") as store:
        store.put(fresh(example_plan))
        [month] = (folder / "audit").glob("*.jsonl")
        before = month.read_bytes()

        def disk_full(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(casefile, "write_atomic", disk_full)
        for change in (lambda: store.sign(PLAN, date(2027, 3, 1)), lambda: store.close_case(PLAN)):
            with pytest.raises(StoreWriteFailed) as refused:
                change()
            assert "Der er ikke plads på disken" in str(refused.value)
            assert str(folder / "cases") in str(refused.value)
            # The record written first was cut off again: the log says what the store holds.
            assert month.read_bytes() == before
        assert store.get(PLAN).status == "draft"
        monkeypatch.undo()
        store.sign(PLAN, date(2027, 3, 1))
    assert [r["action"] for r in lines(folder)] == ["import", "sign"]


def test_importing_the_same_plan_again_writes_and_records_nothing(audited, example_plan):
    plan = fresh(example_plan)
    audited.put(copy.deepcopy(plan))
    audited.put(copy.deepcopy(plan))
    assert [r["action"] for r in lines(audited.data_dir)] == ["import"]


def test_the_log_is_for_the_user_alone(tmp_path):
    import os
    import stat

    AuditLog(tmp_path).record("view", PLAN, 1, via="app")
    [month] = (tmp_path / "audit").glob("*.jsonl")
    assert stat.S_IMODE(month.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "audit").stat().st_mode) == 0o700
    # A log an older Planbro left readable to all is the user's alone after the next record.
    os.chmod(month, 0o644)
    AuditLog(tmp_path).record("view", PLAN, 1, via="app")
    assert stat.S_IMODE(month.stat().st_mode) == 0o600


def test_a_failed_change_record_is_tried_again_at_the_next_save(tmp_path):
    told = []
    clock = Clock()
    log = AuditLog(broken(tmp_path), on_failure=told.append, clock=clock)
    assert not log.record("change", PLAN, 1, via="app")
    (tmp_path / "audit").unlink()
    clock.now += 1
    assert log.record("change", PLAN, 1, via="app")
    assert brief(lines(tmp_path)) == [("change", PLAN, 1, "app", "")]


# ---- what the store records itself ------------------------------------------------

@pytest.fixture
def audited(tmp_path):
    folder = tmp_path / "data"
    with PlanStore(folder, audit=AuditLog(folder), via="cli") as store:
        yield store


def fresh(plan):
    plan = copy.deepcopy(plan)
    plan.created = plan.updated = ""
    return plan


def test_the_store_records_its_own_changes(audited, example_plan):
    plan = fresh(example_plan)
    audited.save(plan)
    plan.purpose = "Ændret."
    audited.save(plan)
    audited.save(plan)
    audited.sign(plan.id, date(2027, 3, 1))
    audited.revise(plan.id)
    audited.close_case(plan.id)
    audited.close_case(plan.id)
    assert brief(lines(audited.data_dir)) == [
        ("create", PLAN, 1, "cli", ""), ("sign", PLAN, 1, "cli", ""),
        ("revise", PLAN, 2, "cli", ""), ("close", PLAN, 2, "cli", "")]


def test_signing_despite_errors_says_so(audited, example_plan):
    audited.put(fresh(example_plan))
    audited.sign(PLAN, date(2027, 3, 1), despite_errors=True)
    assert brief(lines(audited.data_dir)) == [
        ("import", PLAN, 1, "cli", ""), ("sign", PLAN, 1, "cli", "trods fejl")]


@pytest.mark.parametrize("outcome, word, versions", [
    ("continue", "fortsættes", [1]), ("change", "ændres", [1, 2]), ("close", "afsluttes", [1])])
def test_a_follow_up_is_one_record_with_its_outcome(audited, example_plan, outcome, word, versions):
    audited.put(fresh(example_plan))
    audited.sign(PLAN, date(2027, 3, 1))
    latest = audited.record_follow_up(PLAN, FollowUpEntry(date(2027, 3, 10), outcome, "Note."),
                                      None)
    assert audited.versions(PLAN) == versions and latest.version == versions[-1]
    assert brief(lines(audited.data_dir))[2:] == [("follow_up", PLAN, 1, "cli", word)]


def test_reading_records_nothing(audited, example_plan):
    audited.put(fresh(example_plan))
    audited.get(PLAN)
    audited.summaries()
    audited.versions(PLAN)
    assert [r["action"] for r in lines(audited.data_dir)] == ["import"]


def test_a_restored_case_file_is_recorded(audited, example_plan):
    plan = fresh(example_plan)
    for purpose in ("første", "anden"):
        plan.purpose = purpose
        audited.save(plan)
    case = audited.data_dir / "cases" / f"{PLAN}.json"
    case.write_bytes(b"\x00")
    with pytest.raises(StoreCorrupt) as caught:
        audited.get(PLAN)
    audited.restore_backup(caught.value.backups[0])
    assert brief(lines(audited.data_dir))[-1] == ("restore", PLAN, None, "cli", "")


def test_a_readers_views_are_recorded_next_to_the_writers(tmp_path, example_plan):
    folder = tmp_path / "data"
    with PlanStore(folder, audit=AuditLog(folder), via="app") as writer:
        writer.put(fresh(example_plan))
        reader = PlanStore.open(folder, audit=AuditLog(folder), via="cli")
        assert reader.read_only
        reader.record("view", PLAN, reader.get(PLAN).version)
        reader.close()
    assert brief(lines(folder)) == [("import", PLAN, 1, "app", ""), ("view", PLAN, 1, "cli", "")]


def test_the_audit_module_is_named_in_the_qt_free_list():
    from test_layers import QT_FREE

    assert audit.__name__ in QT_FREE


def test_an_extract_is_always_recorded_for_aktindsigt_whatever_the_session_s_purpose(tmp_path):
    """The app's session purpose (say "møde med borgeren") is not what an extract of the
    log is made for: the citizen's access request is (art. 15)."""
    from planbro.audit import AuditLog

    log = AuditLog(tmp_path)
    log.set_purpose("møde med borgeren")
    plan_id = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"
    log.record("view", plan_id, 1, via="app")
    log.record("extract", plan_id, 1, via="app", detail="pdf")
    view, extract = log.read().records[-2:]
    assert view["purpose"] == "møde med borgeren" and extract["purpose"] == "aktindsigt"
