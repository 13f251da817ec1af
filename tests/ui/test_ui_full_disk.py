"""The caseload on a real full disk (a small tmpfs): reading works, and signing,
revising, exporting and saving a document are refused with a Danish message box
naming the folder, the plan as it was."""

from __future__ import annotations

from datetime import timedelta

import pytest
from ui_support import TODAY

from planbro.audit import AuditLog
from planbro.storage import PlanStore

from disk_support import fill, small_disk

# What a refusal for want of space says.
NO_ROOM = "Der er ikke plads på disken"


@pytest.fixture
def disk(tmp_path):
    with small_disk(tmp_path / "disk", "2m") as mount:
        yield mount


@pytest.fixture
def store(disk):
    """The caseload's store, with its audit log, on the small disk."""
    data = disk / "data"
    with PlanStore(data, audit=AuditLog(data), via="app") as opened:
        yield opened


def actions_of(store):
    return [r["action"] for r in AuditLog(store.data_dir).read().records]


def test_on_a_full_disk_the_caseload_reads_and_every_change_is_refused_clearly(
        make_window, add_plan, store, dialogs, disk):
    draft = add_plan("Anna Holm")
    signed = add_plan("Bo Jensen", status="signed")
    logged = actions_of(store)
    filler = fill(disk)
    window = make_window()
    # Reading works: both plans are listed.
    assert {s.id for s in store.summaries()} == {draft.id, signed.id}
    assert window.select_plan(draft.id)

    assert window.select_plan(signed.id)
    dialogs.queue("confirm", True)
    window.plan_actions.actions["revise"].trigger()
    assert window.select_plan(draft.id)
    # A refused change removes what it had begun to write, which can free a page
    # or two: the disk is filled again before each action.
    fill(disk)
    dialogs.queue("save_file", str(disk / "out.json"))
    window.plan_actions.actions["export"].trigger()
    fill(disk)
    dialogs.queue("save_file", str(disk / "plan.pdf"))
    window.plan_actions.actions["pdf"].trigger()
    # The caseload's own record may or may not find room: a view, told once if not.
    warnings = [w for w in dialogs.calls_of("warn") if w.title != "Logbog"]
    assert [w.title for w in warnings] == ["Revidér handleplan", "Eksportér fil", "Gem som PDF"]
    for warning in warnings:
        assert NO_ROOM in warning.text, warning.text
        assert str(disk) in warning.text
    # Signing needs little room, and may find it (replacing a backup copy by a hard link
    # frees a page): then it is done and recorded, else refused the same way.
    dialogs.queue("sign", TODAY - timedelta(days=1))
    window.plan_actions.actions["sign"].trigger()
    signed_now = store.get(draft.id).status == "signed"
    refused = [w for w in dialogs.calls_of("warn") if w.title != "Logbog"][3:]
    assert signed_now != bool(refused)
    assert all(NO_ROOM in w.text for w in refused)
    filler.unlink()
    # Nothing else changed, nothing half-written, and the log says only what happened.
    assert store.versions(signed.id) == [1]
    assert not (disk / "out.json").exists() and not (disk / "plan.pdf").exists()
    assert list(disk.rglob("*.tmp")) == []
    changes = [a for a in actions_of(store) if a not in ("view", "caseload")]
    assert changes == [a for a in logged if a != "view"] + (["sign"] if signed_now else [])
