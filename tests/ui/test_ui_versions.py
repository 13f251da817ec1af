"""Tidligere versioner: after Revidér the signed version 1 can still be opened,
read and saved as Word/PDF from the caseload; the real list dialog by keyboard."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from docx import Document
from modal import on_next_modal
from pypdf import PdfReader
from ui_support import TODAY

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from planbro.audit import AuditLog

from planbro.ui.common.qt_dialogs import QtDialogs
from planbro.ui.common.version_dialog import version_label
from planbro.ui.wizard.pages import FormStepPage

# The purpose the citizen signed, and the one version 2 changes it to.
SIGNED_PURPOSE = "Jonas skal have en stabil bolig og komme i gang med behandling."
REVISED_PURPOSE = "Jonas vil flytte i egen lejlighed i Holbæk inden sommeren."
# The day the fixture's plans are signed.
SIGNED_ON = TODAY - timedelta(days=10)


@pytest.fixture
def store(audited_store):
    """The caseload's store as the app opens it: with the folder's audit log."""
    return audited_store


@pytest.fixture
def revised(qtbot, make_window, add_plan, store, dialogs):
    """A signed plan revised through the caseload, its draft version 2 changed:
    (window, plan_id)."""
    plan = add_plan("Jonas Madsen", status="signed", purpose=SIGNED_PURPOSE)
    window = make_window()
    assert window.select_plan(plan.id)
    assert not window.plan_actions.actions["versions"].isEnabled()
    dialogs.queue("confirm", True)
    window.plan_actions.actions["revise"].trigger()
    close_wizards(qtbot, window)
    draft = store.get(plan.id)
    assert draft.version == 2
    draft.purpose = REVISED_PURPOSE
    store.save(draft)
    window.plan_changed(plan.id)
    return window, plan.id


def close_wizards(qtbot, window):
    window.plan_actions.close_wizards()
    qtbot.waitUntil(lambda: not window.plan_actions.wizards)


def open_version(window, dialogs, version):
    dialogs.queue("choose_version", version)
    window.plan_actions.actions["versions"].trigger()
    return window.plan_actions.wizards.get(window.selected_summary().id)


def document_text(path) -> str:
    document = Document(str(path))
    return "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])


def test_the_action_lists_both_versions_and_opens_version_1_read_only(qtbot, revised, dialogs):
    window, plan_id = revised
    action = window.plan_actions.actions["versions"]
    assert action.isEnabled()
    assert action.text() == "&Tidligere versioner …"
    assert action in window.menuBar().actions()[0].menu().actions()
    wizard = open_version(window, dialogs, 1)
    [asked] = dialogs.calls_of("choose_version")
    assert asked.title == "Jonas Madsen"
    rows = asked.extra["versions"]
    assert [(v, status, signed) for v, status, _updated, signed in rows] == [
        (1, "signed", SIGNED_ON), (2, "draft", None)]
    assert wizard.plan.version == 1
    assert wizard.plan.status == "signed"
    assert wizard.plan.purpose == SIGNED_PURPOSE
    assert wizard.windowTitle() == "Handleplan — Jonas Madsen (version 1 af 2)"
    # Read-only at Gennemgang, as a signed version always opens.
    assert wizard.currentId() == len(wizard.defs.steps) - 1
    forms = [form for page_id in wizard.pageIds()
             if isinstance(page := wizard.page(page_id), FormStepPage) for form in page.forms]
    # Read-only, not greyed out (#9.13).
    assert forms and all(editor.read_only for form in forms for editor in form.editors.values())
    close_wizards(qtbot, window)
    # Nothing was written to either version by reading the old one.
    assert window.store.get(plan_id, 1).purpose == SIGNED_PURPOSE
    assert window.store.get(plan_id).purpose == REVISED_PURPOSE


def test_choosing_the_newest_version_opens_it_as_open_does(qtbot, revised, dialogs):
    window, _plan_id = revised
    wizard = open_version(window, dialogs, 2)
    assert wizard.plan.version == 2 and wizard.plan.purpose == REVISED_PURPOSE
    # The draft revision says what it replaces (#9.8).
    assert wizard.windowTitle() == ("Handleplan — Jonas Madsen (version 2, erstatter den "
                                    "underskrevne version 1 af 5. mar. 2027)")
    close_wizards(qtbot, window)


def test_cancelling_the_list_opens_nothing(revised, dialogs):
    window, _plan_id = revised
    assert open_version(window, dialogs, None) is None


def test_word_and_pdf_of_version_1_are_version_1(qtbot, revised, dialogs, tmp_path):
    window, _plan_id = revised
    wizard = open_version(window, dialogs, 1)
    review = wizard.currentPage()
    dialogs.queue("save_file", str(tmp_path / "v1.docx"), str(tmp_path / "v1.pdf"))
    qtbot.mouseClick(review.word_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(review.pdf_button, Qt.MouseButton.LeftButton)
    suggested = [call.extra["suggested"] for call in dialogs.calls_of("save_file")]
    assert all(name.endswith((" v1.docx", " v1.pdf")) for name in suggested), suggested
    word = document_text(tmp_path / "v1.docx")
    assert "Version 1" in word and "Version 2" not in word
    assert SIGNED_PURPOSE in word and REVISED_PURPOSE not in word
    pdf = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "v1.pdf").pages)
    assert "version 1" in pdf.lower() and "version 2" not in pdf.lower()
    close_wizards(qtbot, window)


def test_the_action_is_off_for_a_plan_with_one_version(make_window, add_plan):
    draft = add_plan("Anna Holm")
    signed = add_plan("Bo Jensen", status="signed")
    window = make_window()
    for plan in (draft, signed):
        assert window.select_plan(plan.id)
        assert not window.plan_actions.actions["versions"].isEnabled()


def test_opening_version_1_records_a_view_of_version_1(qtbot, revised, dialogs, store):
    window, plan_id = revised
    before = len(AuditLog(store.data_dir).read().records)
    open_version(window, dialogs, 1)
    close_wizards(qtbot, window)
    records = AuditLog(store.data_dir).read().records[before:]
    assert [(r["action"], r["plan"], r["version"]) for r in records] == [("view", plan_id, 1)]


def test_rows_say_version_status_and_date_in_danish():
    assert version_label(1, "signed", "2026-11-20T09:00:00Z", date(2026, 11, 20)) == (
        "Version 1 · underskrevet 20. november 2026")
    assert version_label(2, "closed", "2027-01-05T12:00:00Z", date(2026, 12, 1)) == (
        "Version 2 · afsluttet, underskrevet 1. december 2026")
    assert version_label(2, "draft", "2026-11-22T10:00:00Z", None) == (
        "Version 2 · kladde, sidst ændret 22. november 2026")


VERSIONS = [(1, "signed", "2026-11-20T09:00:00Z", date(2026, 11, 20)),
            (2, "signed", "2026-12-01T09:00:00Z", date(2026, 12, 1)),
            (3, "draft", "2027-01-05T12:00:00Z", None)]


def test_the_real_dialog_by_keyboard(qtbot, tmp_path):
    seen = {}

    def act(dialog):
        seen["title"] = dialog.windowTitle()
        seen["rows"] = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        seen["start"] = dialog.chosen()
        seen["accessible"] = dialog.list.accessibleName()
        dialog.grab().save(str(tmp_path / "versions.png"))
        focus = dialog.focusWidget()
        QTest.keyClick(focus, Qt.Key.Key_Up)
        QTest.keyClick(focus, Qt.Key.Key_Return)

    failures = on_next_modal(act, focused=True)
    chosen = QtDialogs().choose_version(None, "Jonas Madsen", VERSIONS)
    assert failures == []
    assert seen["title"] == "Versioner af handleplanen for Jonas Madsen"
    assert seen["rows"][0] == "Version 1 · underskrevet 20. november 2026"
    assert len(seen["rows"]) == 3
    assert seen["accessible"] == "Versioner"
    # It starts on the newest version but one; Up then Enter opens version 1.
    assert seen["start"] == 2
    assert chosen == 1
    assert (tmp_path / "versions.png").stat().st_size > 0


def test_escape_cancels_the_real_dialog(qtbot):
    failures = on_next_modal(
        lambda dialog: QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape), focused=True)
    assert QtDialogs().choose_version(None, "Jonas Madsen", VERSIONS) is None
    assert failures == []
