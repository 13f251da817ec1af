"""Copies kept aside on a full disk (a real tmpfs, as root): `planbro repair` and a
restore keep the damaged file in damaged/ whole or not at all, and say so in Danish."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from planbro.audit import AuditLog
from planbro.storage import PlanStore

from planbro.cli import main

from disk_support import fill, small_disk

# What a full disk reads like (planbro.fileio.failures).
NO_ROOM = "Der er ikke plads på disken"
# Bytes left free when the command runs: none, less than a page, a few pages.
LEVELS = (0, 2048, 16 * 1024)
# The damaged meta.json: bigger than a page, so a half copy is possible.
DAMAGED_META = b"\x00garbage" * 1200


@pytest.fixture
def disk(tmp_path):
    with small_disk(tmp_path / "disk", "2m") as mount:
        yield mount


def _half_copies(folder: Path) -> list[Path]:
    """Files in damaged/ that are not whole copies, and copies still being made."""
    damaged = folder / "damaged"
    if not damaged.is_dir():
        return []
    return [p for p in damaged.iterdir() if p.name.endswith(".tmp") or p.stat().st_size == 0]


def _store_with_plans(data: Path, example_plan) -> None:
    with PlanStore(data, audit=AuditLog(data), via="cli") as store:
        for n in range(3):
            plan = copy.deepcopy(example_plan)
            plan.id = f"3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e3{n}"
            store.put(plan)


@pytest.mark.parametrize("free", LEVELS)
def test_repair_on_a_full_disk_is_refused_in_danish_without_a_half_copy(
        disk, example_plan, capsys, free):
    data = disk / "data"
    _store_with_plans(data, example_plan)
    for backup in (data / "backups").glob("meta.*.json"):
        backup.unlink()
    (data / "meta.json").write_bytes(DAMAGED_META)
    capsys.readouterr()
    filler = fill(disk, free)
    status = main(["--data-dir", str(data), "repair"])
    captured = capsys.readouterr()
    filler.unlink()
    assert status in (0, 2), captured.err
    assert "Errno" not in captured.err and "No space" not in captured.err
    assert _half_copies(data) == []
    if status == 2:
        assert NO_ROOM in captured.err and str(data) in captured.err
        assert (data / "meta.json").read_bytes() == DAMAGED_META
    else:
        assert [p.read_bytes() for p in (data / "damaged").iterdir()] == [DAMAGED_META]


@pytest.mark.parametrize("free", LEVELS)
def test_a_restore_on_a_full_disk_leaves_no_half_copy_in_damaged(
        disk, example_plan, capsys, free):
    data = disk / "data"
    _store_with_plans(data, example_plan)
    case = next((data / "cases").iterdir())
    damaged = b"{" + b"x" * 9000
    case.write_bytes(damaged)
    [backup] = list((data / "backups" / "cases").glob(f"{case.stem}.*.json"))[:1]
    capsys.readouterr()
    filler = fill(disk, free)
    status = main(["--data-dir", str(data), "restore", str(backup)])
    captured = capsys.readouterr()
    filler.unlink()
    assert status in (0, 2), captured.err
    assert _half_copies(data) == []
    if status == 2:
        assert NO_ROOM in captured.err and case.read_bytes() == damaged
