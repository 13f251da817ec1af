"""A full disk, for real: every command at several levels of free space on a small tmpfs.

Each case mounts its own size-limited tmpfs (CI runs as root), fills a data
folder there with plans, fills the rest of the disk until only `free` bytes
are left, runs one command, then frees the space and checks what the issue
asks: a Danish refusal naming the folder (exit 2) or success, never an
exception; nothing stored lost or half-written; a change and its audit
record both or neither; reading works on a full disk.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest

from planbro.exchange import write_plan_file
from planbro.model import new_id

from planbro.audit import AuditLog
from planbro.storage import PlanStore, StoreWriteFailed

from planbro.cli import main

from disk_support import fill, small_disk

# What a refusal for want of space says (Danish, the default language).
NO_ROOM = "Der er ikke plads på disken"
# Bytes left free when the command runs: none, less than a page, a few pages, a case file's worth.
LEVELS = (0, 2048, 16 * 1024, 96 * 1024)
# The tmpfs each case mounts: room for the plans and their backups, then filled up.
DISK_SIZE = "2m"
# The draft plan, the signed one, and the one the import brings.
DRAFT, SIGNED = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31", "0b7a4e31-2d1f-4e7a-9c55-3f2c9a6e8b1d"


@pytest.fixture
def disk(tmp_path):
    """A small tmpfs of its own."""
    with small_disk(tmp_path / "disk", DISK_SIZE) as mount:
        yield mount


def populate(data: Path, example_plan, *, aged: bool = False) -> None:
    """A draft and a signed plan; `aged`: their backups an hour old, so the next save
    rotates them instead of replacing a fresh copy by a hard link (which frees a page
    and lets a small change through on a full disk)."""
    with PlanStore(data, audit=AuditLog(data), via="cli") as store:
        draft = copy.deepcopy(example_plan)
        store.put(draft)
        signed = copy.deepcopy(example_plan)
        signed.id = SIGNED
        store.put(signed)
        store.sign(SIGNED, date(2026, 11, 2))
    if aged:
        hour_ago = time.time() - 3600
        for backup in (data / "backups").rglob("*.json"):
            os.utime(backup, (hour_ago, hour_ago))


def snapshot(data: Path) -> dict:
    """Every stored version of every plan, read from a freshly opened store."""
    with PlanStore(data, read_only=True) as store:
        assert store.corrupt == []
        return {s.id: {v: store.get(s.id, v) for v in store.versions(s.id)}
                for s in store.summaries()}


def records(data: Path) -> list[tuple]:
    return [(r["action"], r["plan"]) for r in AuditLog(data).read().records]


def leftovers(folder: Path) -> list[Path]:
    """Temporary files of atomic writes that were never finished."""
    return [path for path in folder.rglob("*.tmp")]


# command name -> (arguments, audit action it records when it changes the store, or None)
def commands(data: Path, out: Path, incoming: Path) -> dict[str, tuple[list[str], str | None]]:
    return {
        "import": (["import", str(incoming)], "import"),
        "sign": (["sign", DRAFT[:8], "--anyway", "--date", "01-12-2026"], "sign"),
        "revise": (["revise", SIGNED[:8]], "revise"),
        "follow-up": (["follow-up", SIGNED[:8], "--date", "01-12-2026", "--outcome", "fortsættes",
                       "--note", "Vi mødtes.", "--next", "01-03-2027"], "follow_up"),
        "close": (["close", DRAFT[:8]], "close"),
        "delete": (["delete", DRAFT[:8], "--yes"], "delete"),
        "export": (["export", "--purpose", "sagsbehandling", DRAFT[:8], "--out", str(out / "plan.json")], None),
        "export-all": (["export", "--purpose", "sagsbehandling", "--all", "--out", str(out / "alle")], None),
        "render": (["render", DRAFT[:8], "--docx", str(out), "--pdf", str(out)], None),
        "list": (["list"], None),
        "show": (["show", DRAFT[:8]], None),
        "audit": (["audit"], None),
    }


# Commands that only read the store: they must work on a full disk.
READERS = ("list", "show", "audit")


@pytest.mark.parametrize("aged", [False, True], ids=["fresh", "aged"])
@pytest.mark.parametrize("free", LEVELS)
@pytest.mark.parametrize("name", list(commands(Path(), Path(), Path())))
def test_a_command_on_a_full_disk_refuses_clearly_and_loses_nothing(
        disk, tmp_path, example_plan, capsys, name, free, aged):
    data, out = disk / "data", disk / "out"
    populate(data, example_plan, aged=aged)
    out.mkdir()
    incoming = tmp_path / "incoming.json"
    other = copy.deepcopy(example_plan)
    other.id = new_id()
    write_plan_file(other, incoming)
    before, logged = snapshot(data), records(data)
    capsys.readouterr()
    args, action = commands(data, out, incoming)[name]

    filler = fill(disk, free)
    status = main(["--data-dir", str(data), *args])
    captured = capsys.readouterr()
    filler.unlink()

    assert status in (0, 2), captured.err
    if name in READERS:
        assert status == 0, captured.err
        assert captured.out.strip()
    if status == 2:
        assert NO_ROOM in captured.err, captured.err
        assert str(disk) in captured.err
    # Nothing half-written: no temporary file left, every document whole.
    assert leftovers(disk) == []
    for document in out.rglob("*"):
        if document.suffix == ".pdf":
            assert document.read_bytes().rstrip().endswith(b"%%EOF")
        elif document.suffix == ".docx":
            assert zipfile.ZipFile(document).testzip() is None
        elif document.suffix == ".json":
            json.loads(document.read_text(encoding="utf-8"))
    # Nothing stored is lost: every plan opens, and a refused change changed nothing.
    after = snapshot(data)
    changed = after != before
    if status == 2 or action is None:
        assert not changed
    # A change and its audit record: both or neither; a file written and its record too.
    new_records = records(data)[len(logged):]
    changes = [r for r in new_records if r[0] not in ("view", "caseload", "export", "render")]
    assert changed == bool(changes), (changed, new_records)
    if action is not None and changed:
        assert [r[0] for r in changes] == [action]
    files = [path for path in out.rglob("*") if path.is_file()]
    assert len(files) == len([r for r in new_records if r[0] in ("export", "render")])
    assert records(data)[:len(logged)] == logged


@pytest.mark.parametrize("free", LEVELS)
def test_a_save_on_a_full_disk_is_refused_and_the_stored_plan_stays(disk, example_plan, free):
    data = disk / "data"
    populate(data, example_plan)
    before, logged = snapshot(data), records(data)
    with PlanStore(data, audit=AuditLog(data), via="app") as store:
        plan = store.get(DRAFT)
        plan.purpose = "Et nyt formål, skrevet mens disken var fuld. " * 40
        filler = fill(disk, free)
        try:
            store.save(plan)
        except StoreWriteFailed as refused:
            assert NO_ROOM in str(refused) and str(disk) in str(refused)
            saved = False
        else:
            saved = True
        filler.unlink()
    after = snapshot(data)
    assert (after != before) == saved == (len(records(data)) > len(logged))
    assert leftovers(disk) == []


def test_the_store_opens_for_reading_on_a_full_disk_with_a_journal_to_fold(disk, example_plan):
    # Many saves leave index lines that opening would fold into a new snapshot.
    data = disk / "data"
    populate(data, example_plan)
    with PlanStore(data) as store:
        plan = store.get(DRAFT)
        for n in range(5):
            plan.purpose = f"Formål {n}"
            store.save(plan)
        store._index.close = lambda: None  # as after a crash: the journal is not folded
    filler = fill(disk, 0)
    for args in (["list"], ["show", DRAFT[:8]]):
        result = subprocess.run([sys.executable, "-m", "planbro", "--data-dir", str(data), *args],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert "Formål 4" in result.stdout or "Jonas" in result.stdout
    filler.unlink()
    assert snapshot(data)[DRAFT][1].purpose == "Formål 4"


@pytest.mark.parametrize("free", LEVELS)
def test_restoring_a_backup_on_a_full_disk_is_done_with_its_record_or_not_at_all(
        disk, example_plan, capsys, free):
    data = disk / "data"
    populate(data, example_plan)
    case = data / "cases" / f"{DRAFT}.json"
    damaged = case.read_bytes()[:40]
    case.write_bytes(damaged)
    [backup] = [b for b in (data / "backups" / "cases").glob(f"{DRAFT}.*.json")][:1]
    logged = records(data)
    capsys.readouterr()
    filler = fill(disk, free)
    status = main(["--data-dir", str(data), "restore", str(backup)])
    captured = capsys.readouterr()
    filler.unlink()
    assert status in (0, 2), captured.err
    if status == 2:
        assert NO_ROOM in captured.err and str(disk) in captured.err
        assert case.read_bytes() == damaged
    restored = case.read_bytes() != damaged
    assert restored == (status == 0)
    assert (("restore", DRAFT) in records(data)[len(logged):]) == restored
    assert leftovers(disk) == []


def test_a_real_process_refuses_on_a_full_disk_without_a_traceback(disk, example_plan):
    data = disk / "data"
    populate(data, example_plan, aged=True)
    filler = fill(disk, 0)
    for args in (["sign", DRAFT[:8], "--anyway"], ["revise", SIGNED[:8]],
                 ["render", DRAFT[:8], "--pdf", str(disk / "plan.pdf")]):
        result = subprocess.run([sys.executable, "-m", "planbro", "--data-dir", str(data), *args],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 2, (args, result.stderr)
        assert NO_ROOM in result.stderr and str(disk) in result.stderr
        assert "Traceback" not in result.stderr + result.stdout
    filler.unlink()
    assert snapshot(data)[DRAFT][1].status == "draft"
