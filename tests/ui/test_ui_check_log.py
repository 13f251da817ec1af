"""Funktioner → Kontrollér logbogen: the check of `planbro audit --verify`, shown in a message;
a changed, removed or reordered line and a cut end are each named, and checking records
nothing."""

from __future__ import annotations

import shutil

import pytest

from PySide6.QtWidgets import QMenu

from planbro.audit import AuditLog
from planbro.storage import PlanStore


@pytest.fixture
def store(audited_store):
    """The caseload's store as the app opens it: with the folder's audit log."""
    return audited_store


@pytest.fixture
def logged(make_window, add_plan, store):
    """A window over two plans: their creation and the caseload's opening are in the log."""
    add_plan("Anna Holm")
    add_plan("Bo Jensen")
    window = make_window()
    [month] = (store.data_dir / "audit").glob("audit-*.jsonl")
    return window, month


def check(window) -> None:
    window.plan_actions.actions["check_log"].trigger()


def lines_of(month):
    return month.read_bytes().splitlines(keepends=True)


def test_a_whole_log_is_said_to_be_whole_and_checking_records_nothing(logged, dialogs, store):
    window, month = logged
    before = month.read_bytes()
    count = len(AuditLog(store.data_dir).read().records)
    check(window)
    [told] = dialogs.calls_of("info")
    assert told.title == "Kontrollér logbogen"
    assert told.text == f"Logbogen er hel: {count} poster, ingen ændringer."
    assert dialogs.calls_of("warn") == []
    assert month.read_bytes() == before


def test_a_changed_line_is_named(logged, dialogs):
    window, month = logged
    lines = lines_of(month)
    lines[0] = lines[0].replace(b'"via":"app"', b'"via":"cli"')
    month.write_bytes(b"".join(lines))
    check(window)
    [told] = dialogs.calls_of("warn")
    assert f"Logbogen er ændret: {month.name} linje 1 er ikke den post" in told.text
    assert "databeskyttelsesrådgiver" in told.text
    assert dialogs.calls_of("info") == []


def test_a_removed_line_is_named(logged, dialogs):
    window, month = logged
    lines = lines_of(month)
    month.write_bytes(b"".join(lines[:1] + lines[2:]))
    check(window)
    [told] = dialogs.calls_of("warn")
    assert f"1 linje er fjernet før {month.name} linje 2" in told.text


def test_lines_in_another_order_are_named(logged, dialogs):
    window, month = logged
    lines = lines_of(month)
    lines[0], lines[1] = lines[1], lines[0]
    month.write_bytes(b"".join(lines))
    check(window)
    [told] = dialogs.calls_of("warn")
    assert "forkert rækkefølge" in told.text


def test_a_cut_end_is_named(logged, dialogs):
    window, month = logged
    lines = lines_of(month)
    month.write_bytes(b"".join(lines[:-1]))
    check(window)
    [told] = dialogs.calls_of("warn")
    assert "Logbogen er skåret af i enden" in told.text


def test_a_log_that_cannot_be_read_is_told(logged, dialogs, store, monkeypatch):
    import planbro.audit.verify

    window, _month = logged

    def refused(folder):
        raise PermissionError(13, "Permission denied", str(folder))

    monkeypatch.setattr(planbro.audit.verify, "verify", refused)
    check(window)
    [told] = dialogs.calls_of("warn")
    assert told.text == "Logbogen kan ikke læses: Permission denied"


def test_an_audit_folder_that_is_a_file_is_not_taken_for_an_empty_log(logged, dialogs, store):
    window, _month = logged
    shutil.rmtree(store.data_dir / "audit")
    (store.data_dir / "audit").write_text("not a folder", encoding="utf-8")
    check(window)
    [told] = dialogs.calls_of("warn")
    assert "Logbogen kan ikke læses" in told.text and "er en fil" in told.text
    assert dialogs.calls_of("info") == []


def test_the_item_is_under_funktioner_and_works_read_only(make_window, dialogs, store):
    window = make_window()
    action = window.plan_actions.actions["check_log"]
    assert action.text().replace("&", "") == "Kontrollér logbogen"
    menu = next(m for m in window.menuBar().findChildren(QMenu) if action in m.actions())
    assert menu.title().replace("&", "") == "Funktioner"
    with PlanStore(store.data_dir, read_only=True, audit=AuditLog(store.data_dir)) as reader:
        window.store = reader
        window.plan_actions.update_enabled()
        assert action.isEnabled()
        check(window)
        assert "Logbogen er hel" in dialogs.calls_of("info")[0].text
