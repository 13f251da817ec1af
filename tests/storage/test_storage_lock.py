"""One writer per data folder, proved with real second processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from planbro.storage import PlanStore, StoreLocked

# What the second Planbro process does: try to write, then fall back to reading.
SECOND_PROCESS = textwrap.dedent("""
    import sys
    from planbro.storage import PlanStore, StoreLocked
    from planbro.model import Plan
    folder, plan_id = sys.argv[1], sys.argv[2]
    try:
        PlanStore(folder)
        print("WRITER")
    except StoreLocked as error:
        print("LOCKED", error)
    store = PlanStore.open(folder)
    print("READ_ONLY", store.read_only)
    print("REASON", store.locked_reason)
    print("NAME", store.get(plan_id).citizen.name)
    print("LISTED", [s.id for s in store.summaries()] == [plan_id])
    try:
        store.save(Plan())
        print("SAVED")
    except StoreLocked as error:
        print("REFUSED", error)
""")

# A process that takes the writer lock and holds it until it is killed.
HOLDER = textwrap.dedent("""
    import sys, time
    from planbro.storage import PlanStore
    store = PlanStore(sys.argv[1])
    print("HOLDING", flush=True)
    time.sleep(60)
""")


def _run(script: str, *args: str) -> dict[str, str]:
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 0, done.stderr
    return {line.split(" ", 1)[0]: line.partition(" ")[2] for line in done.stdout.splitlines()}


def test_second_process_is_told_and_can_still_read(data_dir, new_plan):
    with PlanStore(data_dir) as writer:
        plan = writer.save(new_plan(name="Åse Østergaard"))
        seen = _run(SECOND_PROCESS, str(data_dir), plan.id)
        assert "WRITER" not in seen
        assert "åbne i et andet vindue" in seen["LOCKED"]
        assert str(data_dir) in seen["LOCKED"]
        assert seen["READ_ONLY"] == "True"
        assert seen["REASON"] == seen["LOCKED"]
        assert seen["NAME"] == "Åse Østergaard"
        assert seen["LISTED"] == "True"
        assert "SAVED" not in seen and "åbne i et andet vindue" in seen["REFUSED"]
    after = _run(SECOND_PROCESS, str(data_dir), plan.id)
    assert "WRITER" in after and "LOCKED" not in after


def test_lock_held_by_another_process_dies_with_it(data_dir):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(data_dir)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "HOLDING"
        with pytest.raises(StoreLocked, match="åbne i et andet vindue"):
            PlanStore(data_dir)
        fallback = PlanStore.open(data_dir)
        assert fallback.read_only and fallback.summaries() == []
        fallback.close()
    finally:
        holder.kill()  # SIGKILL: no clean-up runs in the holder
        holder.wait()
    deadline = time.monotonic() + 5
    while True:
        try:
            store = PlanStore(data_dir)
            break
        except StoreLocked:
            assert time.monotonic() < deadline, "lock not released by the dead process"
            time.sleep(0.05)
    assert not store.read_only
    store.close()


# A second process trying to become the writer: prints WRITER or LOCKED.
TRY_WRITER = textwrap.dedent("""
    import sys
    from planbro.storage import PlanStore, StoreLocked
    try:
        PlanStore(sys.argv[1]).close()
        print("WRITER")
    except StoreLocked as error:
        print("LOCKED", error)
""")


def test_deleting_the_lock_file_does_not_let_a_second_writer_in(data_dir, new_plan):
    with PlanStore(data_dir) as writer:
        plan = writer.save(new_plan())
        (data_dir / "planbro.lock").unlink()
        seen = _run(TRY_WRITER, str(data_dir))
        assert "WRITER" not in seen and "åbne i et andet vindue" in seen["LOCKED"]
        # The writer holds the folder itself, so it goes on saving.
        plan.purpose = "efter sletningen"
        writer.save(plan)
    assert "WRITER" in _run(TRY_WRITER, str(data_dir))


def test_without_folder_locks_a_replaced_lock_file_stops_the_writer(data_dir, new_plan,
                                                                    monkeypatch):
    from planbro.storage import lock

    # As on a file system that cannot lock a folder: only the file lock is held.
    monkeypatch.setattr(lock.WriterLock, "_lock_folder", lambda self: None)
    with PlanStore(data_dir) as writer:
        plan = writer.save(new_plan())
        (data_dir / "planbro.lock").unlink()
        # The second process cannot lock the folder either, so it gets in: the
        # first writer must notice before its next write and stop.
        script = "from planbro.storage import lock\n" \
                 "lock.WriterLock._lock_folder = lambda self: None\n" + TRY_WRITER
        assert "WRITER" in _run(script, str(data_dir))
        plan.purpose = "efter sletningen"
        with pytest.raises(StoreLocked, match="slettet eller erstattet") as caught:
            writer.save(plan)
        assert str(data_dir / "planbro.lock") in str(caught.value)
    with PlanStore(data_dir) as store:
        assert store.get(plan.id).purpose != "efter sletningen"


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_the_lock_file_is_private_whatever_the_umask(data_dir, umask):
    import os

    old = os.umask(umask)
    try:
        with PlanStore(data_dir):
            assert os.stat(data_dir / "planbro.lock").st_mode & 0o777 == 0o600
        # A lock file an older Planbro left readable is tightened.
        os.chmod(data_dir / "planbro.lock", 0o644)
        with PlanStore(data_dir):
            assert os.stat(data_dir / "planbro.lock").st_mode & 0o777 == 0o600
    finally:
        os.umask(old)
