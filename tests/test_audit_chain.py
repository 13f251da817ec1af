"""The audit log's chain (planbro.audit.chain) and its check (planbro.audit.verify): each record
names the line before it by SHA-256, across month files, through crashes, cancelled changes,
other processes and a clock set back; audit/head.json names the newest record."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from planbro.audit import AuditLog
from planbro.audit import log as audit_log
from planbro.audit.verify import verify

PLAN = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"


class Moment:
    """Sets the time the audit log writes its records at (and so their month file)."""

    def __init__(self, monkeypatch):
        self.when = datetime(2027, 3, 31, 23, 59, tzinfo=UTC)
        moment = self

        class Clock(datetime):
            @classmethod
            def now(cls, tz=None):
                return moment.when

        monkeypatch.setattr(audit_log, "datetime", Clock)


@pytest.fixture
def moment(monkeypatch):
    return Moment(monkeypatch)


def raw_lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines()


def sha(line: bytes) -> str:
    return hashlib.sha256(line).hexdigest()


def folder_of(tmp_path) -> Path:
    return tmp_path / "audit"


def test_each_record_names_the_line_before_it_by_its_hash(tmp_path):
    log = AuditLog(tmp_path)
    for version in (1, 2, 3):
        log.record("view", PLAN, version, via="app")
    [path] = folder_of(tmp_path).glob("*.jsonl")
    lines = raw_lines(path)
    records = [json.loads(line) for line in lines]
    assert [r["seq"] for r in records] == [1, 2, 3]
    assert [r["prev"] for r in records] == ["", sha(lines[0]), sha(lines[1])]
    head = json.loads((folder_of(tmp_path) / "head.json").read_bytes())
    assert head == {"file": path.name, "lines": 3, "seq": 3, "hash": sha(lines[2])}
    verdict = verify(folder_of(tmp_path))
    assert (verdict.records, verdict.finding, verdict.torn) == (3, None, [])


def test_the_first_record_of_a_month_names_the_last_of_the_month_before(tmp_path, moment):
    AuditLog(tmp_path).record("view", PLAN, 1, via="app")
    AuditLog(tmp_path).record("view", PLAN, 2, via="app")
    moment.when = datetime(2027, 4, 1, 0, 1, tzinfo=UTC)
    # A new process: nothing cached, it finds the March file's last line itself.
    AuditLog(tmp_path).record("print", PLAN, 2, via="cli")
    march = folder_of(tmp_path) / "audit-2027-03.jsonl"
    april = folder_of(tmp_path) / "audit-2027-04.jsonl"
    [first] = raw_lines(april)
    assert json.loads(first)["prev"] == sha(raw_lines(march)[-1])
    assert json.loads(first)["seq"] == 3
    assert verify(folder_of(tmp_path)).finding is None
    # Removing March's last line breaks the chain at April's first.
    march.write_bytes(march.read_bytes().splitlines(keepends=True)[0])
    finding = verify(folder_of(tmp_path)).finding
    assert (finding.kind, finding.file, finding.line, finding.count) == (
        "removed", "audit-2027-04.jsonl", 1, 1)


def test_a_cancelled_change_leaves_the_chain_whole(tmp_path):
    log = AuditLog(tmp_path)
    log.record("create", PLAN, 1, via="app")
    [path] = folder_of(tmp_path).glob("*.jsonl")
    before = path.read_bytes()
    head = (folder_of(tmp_path) / "head.json").read_bytes()
    log.begin("sign", PLAN, 1, via="app").cancel()
    assert path.read_bytes() == before
    assert (folder_of(tmp_path) / "head.json").read_bytes() == head
    log.begin("sign", PLAN, 1, via="app").commit()
    lines = raw_lines(path)
    assert [json.loads(line)["action"] for line in lines] == ["create", "sign"]
    assert json.loads(lines[1])["prev"] == sha(lines[0])
    assert json.loads(lines[1])["seq"] == 2
    verdict = verify(folder_of(tmp_path))
    assert (verdict.records, verdict.finding) == (2, None)


def test_a_torn_line_is_stepped_over_and_reported_as_a_crash(tmp_path):
    log = AuditLog(tmp_path)
    log.record("view", PLAN, 1, via="app")
    [path] = folder_of(tmp_path).glob("*.jsonl")
    with open(path, "ab") as file:
        file.write(b'{"at":"2027-03-15T09:30:00Z","user":"me')
    torn_tail = verify(folder_of(tmp_path))
    assert (torn_tail.finding, torn_tail.torn) == (None, [(path.name, 2)])
    # The same process again (its cache is stale): it ends the torn line and names line 1.
    log.record("view", PLAN, 2, via="app")
    lines = raw_lines(path)
    assert json.loads(lines[2])["prev"] == sha(lines[0])
    verdict = verify(folder_of(tmp_path))
    assert (verdict.records, verdict.finding, verdict.torn) == (2, None, [(path.name, 2)])


def test_a_clock_set_back_does_not_write_into_the_middle_of_the_chain(tmp_path, moment):
    moment.when = datetime(2027, 4, 2, tzinfo=UTC)
    AuditLog(tmp_path).record("view", PLAN, 1, via="app")
    moment.when = datetime(2027, 3, 2, tzinfo=UTC)
    AuditLog(tmp_path).record("view", PLAN, 2, via="app")
    assert [p.name for p in folder_of(tmp_path).glob("*.jsonl")] == ["audit-2027-04.jsonl"]
    lines = raw_lines(folder_of(tmp_path) / "audit-2027-04.jsonl")
    assert json.loads(lines[1])["at"] == "2027-03-02T00:00:00Z"
    assert verify(folder_of(tmp_path)).finding is None


def test_a_record_stands_when_its_head_cannot_be_written(tmp_path, monkeypatch):
    from planbro.audit import chain

    log = AuditLog(tmp_path)
    log.record("view", PLAN, 1, via="app")

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(chain, "write_head", disk_full)
    assert log.record("print", PLAN, 1, via="app")
    assert log.failure == ""
    monkeypatch.undo()
    head = json.loads((folder_of(tmp_path) / "head.json").read_bytes())
    assert head["lines"] == 1
    # The head lags one record behind: the log is still whole.
    verdict = verify(folder_of(tmp_path))
    assert (verdict.records, verdict.finding) == (2, None)


def test_a_crashed_head_write_leaves_nothing_behind_for_long(tmp_path):
    folder = folder_of(tmp_path)
    folder.mkdir()
    (folder / ".head.json.abc123.tmp").write_bytes(b"{")
    AuditLog(tmp_path).record("view", PLAN, 1, via="app")
    assert sorted(p.name for p in folder.iterdir()) == [
        f"audit-{datetime.now(UTC):%Y-%m}.jsonl", "audit.lock", "head.json"]


def test_a_log_from_before_the_chain_is_counted_and_the_chain_starts_after_it(tmp_path):
    folder = folder_of(tmp_path)
    folder.mkdir()
    month = folder / f"audit-{datetime.now(UTC):%Y-%m}.jsonl"
    old = [{"at": "2027-03-01T08:00:00Z", "user": "mekj", "host": "PC-0417", "action": "view",
            "plan": PLAN, "version": 1, "via": "app", "detail": ""}] * 2
    month.write_bytes(b"".join(json.dumps(r).encode() + b"\n" for r in old))
    assert verify(folder).unchained_old == 2 and verify(folder).finding is None
    AuditLog(tmp_path).record("view", PLAN, 1, via="app")
    lines = raw_lines(month)
    assert json.loads(lines[2])["prev"] == sha(lines[1])
    verdict = verify(folder)
    assert (verdict.records, verdict.unchained_old, verdict.finding) == (3, 2, None)
    # A line without chain among chained ones was added afterwards.
    month.write_bytes(month.read_bytes() + lines[0] + b"\n")
    finding = verify(folder).finding
    assert (finding.kind, finding.line) == ("unchained", 4)


def test_an_edited_chain_field_is_named_as_the_changed_line(tmp_path):
    log = AuditLog(tmp_path)
    for version in (1, 2, 3, 4):
        log.record("view", PLAN, version, via="app")
    [path] = folder_of(tmp_path).glob("*.jsonl")
    lines = raw_lines(path)
    record = json.loads(lines[2])
    record["prev"] = "0" * 64
    lines[2] = json.dumps(record, separators=(",", ":")).encode()
    path.write_bytes(b"\n".join(lines) + b"\n")
    finding = verify(folder_of(tmp_path)).finding
    assert (finding.kind, finding.line) == ("changed", 3)


def test_two_logs_taking_turns_each_name_the_others_last_record(tmp_path):
    """Each AuditLog caches its file's end; another writer's record must be read, not skipped."""
    first, second = AuditLog(tmp_path), AuditLog(tmp_path)
    for version in (1, 2, 3):
        first.record("view", PLAN, version, via="app")
        second.record("view", PLAN, version, via="cli")
    [path] = folder_of(tmp_path).glob("*.jsonl")
    lines = raw_lines(path)
    assert [json.loads(line)["prev"] for line in lines[1:]] == [sha(line) for line in lines[:-1]]
    assert verify(folder_of(tmp_path)).finding is None


# Appends argv[2] records to the audit log in argv[1], tagged with the version argv[3],
# once the file argv[4] exists: it says it is ready with argv[4] + argv[3], so that both
# children write at the same time.
CHILD = """
import os, sys, time
from planbro.audit import AuditLog
log = AuditLog(sys.argv[1])
open(sys.argv[4] + sys.argv[3], "w").close()
while not os.path.exists(sys.argv[4]):
    time.sleep(0.001)
for i in range(int(sys.argv[2])):
    assert log.record("view", "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31", int(sys.argv[3]), via="cli")
    time.sleep(0.01)  # a pause between records, as in use, lets the other one in
"""


def test_two_processes_appending_at_once_keep_one_chain(tmp_path):
    count = 60
    go = tmp_path / "go"
    children = [subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path), str(count), str(n),
                                  str(go)]) for n in (1, 2)]
    while not all(Path(f"{go}{n}").exists() for n in (1, 2)):
        assert all(child.poll() is None for child in children)
    go.touch()
    for child in children:
        assert child.wait(timeout=120) == 0
    [path] = folder_of(tmp_path).glob("*.jsonl")
    versions = [json.loads(line)["version"] for line in raw_lines(path)]
    # They took turns (else the test would prove nothing about another writer's records).
    assert sum(a != b for a, b in zip(versions, versions[1:])) >= 2
    verdict = verify(folder_of(tmp_path))
    assert (verdict.records, verdict.finding, verdict.torn) == (2 * count, None, [])
    head = json.loads((folder_of(tmp_path) / "head.json").read_bytes())
    assert (head["lines"], head["seq"]) == (2 * count, 2 * count)
