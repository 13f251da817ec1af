"""The data folder's shape: wrong kinds of files named, crash leftovers removed, folders private."""

from __future__ import annotations

import os
import stat

import pytest

from planbro.fileio.atomic import write_atomic
from planbro.fileio.private import make_private_dir

from planbro.storage import PlanStore, StoreError, default_data_dir
from planbro.storage.paths import Layout

from planbro.cli import main


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("name, make, kind", [
    ("cases", lambda p: p.write_text("x"), "skal være en mappe"),
    ("backups", lambda p: p.write_text("x"), "skal være en mappe"),
    ("damaged", lambda p: p.write_text("x"), "skal være en mappe"),
    ("meta.json", lambda p: p.mkdir(), "skal være en fil"),
    ("index.json", lambda p: p.mkdir(), "skal være en fil"),
    ("index.journal", lambda p: p.mkdir(), "skal være en fil"),
    ("planbro.lock", lambda p: p.mkdir(), "skal være en fil"),
])
def test_an_unexpected_layout_is_named_and_left_alone(data_dir, new_plan, name, make, kind):
    data_dir.mkdir()
    path = data_dir / name
    make(path)
    for opening in (PlanStore, PlanStore.open, lambda d: PlanStore(d, read_only=True)):
        with pytest.raises(StoreError) as caught:
            opening(data_dir)
        assert str(path) in str(caught.value) and kind in str(caught.value)
    assert path.exists() and (path.is_dir() == (kind == "skal være en fil"))


def test_the_command_says_so_with_exit_2(data_dir, capsys):
    data_dir.mkdir()
    (data_dir / "cases").write_text("not a folder")
    for command in (["list"], ["sign", "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31", "--anyway"]):
        assert main(["--data-dir", str(data_dir), *command]) == 2
        err = capsys.readouterr().err
        assert str(data_dir / "cases") in err and "skal være en mappe" in err
        assert "Traceback" not in err


def test_a_data_folder_that_is_a_file_is_named(tmp_path):
    stray = tmp_path / "data"
    stray.write_text("a file")
    with pytest.raises(StoreError, match="er en fil, ikke en mappe") as caught:
        default_data_dir(stray)
    assert str(stray) in str(caught.value)


def test_a_case_file_that_is_a_folder_is_reported_damaged(store, new_plan, data_dir):
    plan = store.save(new_plan())
    store.close()
    case = Layout(data_dir).case(plan.id)
    case.unlink()
    case.mkdir()
    with PlanStore(data_dir) as again:
        [damaged] = again.corrupt
        assert damaged.path == case and "en mappe, ikke en fil" in str(damaged)


def test_leftover_temporary_files_are_removed_by_the_next_writer(data_dir, new_plan):
    with PlanStore(data_dir) as store:
        plan = store.save(new_plan())
    layout = Layout(data_dir)
    leftovers = [data_dir / ".index.json.k2j4h1.tmp", data_dir / ".meta.json.a8s7d6.tmp",
                 data_dir / ".index.journal.q1w2e3.tmp",
                 layout.cases / f".{plan.id}.json.z9x8c7.tmp"]
    for leftover in leftovers:
        leftover.write_text('{"rows": [["navn og fødselsdato"]]}')
    # Not Planbro's: a file the user put there is left alone.
    theirs = data_dir / ".notes.txt.tmp"
    theirs.write_text("mine")
    with PlanStore(data_dir, read_only=True):
        # A reader removes nothing: the writer may be mid-write.
        assert all(leftover.exists() for leftover in leftovers)
    with PlanStore(data_dir) as store:
        assert [leftover for leftover in leftovers if leftover.exists()] == []
        assert theirs.exists()
        assert store.get(plan.id).id == plan.id


@pytest.mark.parametrize("umask", [0o022, 0o000, 0o002])
def test_folders_are_0700_and_data_files_0600_whatever_the_umask(tmp_path, new_plan, umask):
    data_dir = tmp_path / "new" / "data"
    old = os.umask(umask)
    try:
        with PlanStore(data_dir) as store:
            plan = new_plan()
            store.save(plan)
            plan.purpose = "anden"
            store.save(plan)
        layout = Layout(data_dir)
        case = layout.case(plan.id)
        case.write_bytes(b"damaged")
        with PlanStore(data_dir) as store:
            store.restore_backup(store.corrupt[0].backups[0])
    finally:
        os.umask(old)
    for folder in (data_dir, data_dir.parent, layout.cases, layout.backups,
                   layout.backups / "cases", layout.damaged):
        assert _mode(folder) == 0o700, folder
    for file in (case, layout.meta, layout.index, layout.journal,
                 *layout.backups.rglob("*.json"), *layout.damaged.iterdir()):
        assert _mode(file) == 0o600, file


def test_folders_made_by_an_older_planbro_are_made_private(data_dir, new_plan):
    with PlanStore(data_dir) as store:
        plan = new_plan()
        store.save(plan)
        plan.purpose = "anden"
        store.save(plan)
    layout = Layout(data_dir)
    for folder in (layout.cases, layout.backups):
        os.chmod(folder, 0o755)
    os.chmod(layout.journal, 0o644)
    with PlanStore(data_dir) as store:
        store.save(new_plan())
    assert _mode(layout.cases) == _mode(layout.backups) == 0o700
    assert _mode(layout.journal) == 0o600


def test_a_folder_that_was_there_keeps_its_mode(tmp_path):
    chosen = tmp_path / "shared"
    chosen.mkdir()
    os.chmod(chosen, 0o750)
    make_private_dir(chosen / "inner")
    assert _mode(chosen) == 0o750 and _mode(chosen / "inner") == 0o700


def test_atomic_writes_are_private(tmp_path):
    old = os.umask(0)
    try:
        write_atomic(tmp_path / "plan.json", b"{}")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "plan.json") == 0o600


def test_the_settings_folder_is_private(tmp_path):
    from planbro.settings import UserSettings, save_settings

    old = os.umask(0)
    try:
        path = save_settings(UserSettings(), tmp_path / "config" / "Planbro" / "settings.json")
    finally:
        os.umask(old)
    assert _mode(path.parent) == 0o700 and _mode(path) == 0o600
