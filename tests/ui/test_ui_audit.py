"""The app's audit records: every action of the caseload and the wizard records
exactly one expected record; typing is coalesced; the quality column is no view;
no CPR, name or path reaches the log; a log that cannot be written stops nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from ui_support import TODAY

from PySide6.QtCore import Qt

from planbro.exchange import dumps_plan
from planbro.model.plan import new_id

from planbro.audit import CHANGE_INTERVAL_S, AuditLog
from planbro.storage import PlanStore

from planbro.actions.followup import FollowUpAnswer

from planbro.ui import app as app_module
from planbro.ui.common import printing

# What identifies the example plan's citizen: none of it may reach the log.
SENSITIVE = ("120379-1235", "120379", "Jonas")


class Clock:
    """The audit log's clock, moved by hand (change coalescing)."""

    def __init__(self):
        self.now = 5000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    """The caseload's store as the app opens it: with the folder's audit log."""
    folder = tmp_path / "store"
    with PlanStore(folder, audit=AuditLog(folder, clock=clock), via="app") as opened:
        yield opened


def brief(store, since: int = 0) -> list[tuple]:
    records = AuditLog(store.data_dir).read().records[since:]
    return [(r["action"], r["plan"], r["version"], r["via"], r["detail"]) for r in records]


def count(store) -> int:
    return len(AuditLog(store.data_dir).read().records)


def select(window, plan):
    assert window.select_plan(plan.id)


def trigger(window, name):
    window.plan_actions.actions[name].trigger()


def close_wizards(qtbot, window):
    window.plan_actions.close_wizards()
    qtbot.waitUntil(lambda: not window.plan_actions.wizards)


def test_opening_a_plan_in_the_wizard_is_a_view(qtbot, make_window, add_plan, store):
    plan = add_plan("Anna Holm", status="signed")
    window = make_window()
    before = count(store)
    select(window, plan)
    trigger(window, "open")
    assert window.plan_actions.wizards[plan.id].isVisible()
    close_wizards(qtbot, window)
    assert brief(store, before) == [("view", plan.id, 1, "app", "")]


def test_typing_creates_the_plan_and_changes_are_coalesced(qtbot, make_window, store, clock):
    window = make_window()
    # The caseload's own record (every name shown) comes first.
    assert brief(store) == [("caseload", None, None, "app", "")]
    window_records = count(store)
    trigger(window, "new")
    [wizard] = window.plan_actions.wizards.values()
    name = next(form.editors["citizen.name"] for form in wizard.currentPage().forms
                if "citizen.name" in form.editors).edit
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(name, "Ny Borger")
    wizard.autosave.flush()
    plan_id = wizard.plan.id
    assert brief(store, window_records) == [("create", plan_id, 1, "app", "")]
    for minutes in (1, 5, 9):
        clock.now = 5000.0 + minutes * 60
        qtbot.keyClicks(name, "x")
        assert wizard.autosave.flush()
    assert brief(store, window_records) == [("create", plan_id, 1, "app", "")]
    clock.now = 5000.0 + CHANGE_INTERVAL_S
    qtbot.keyClicks(name, "y")
    wizard.autosave.flush()
    assert store.get(plan_id).citizen.name == "Ny Borgerxxxy"
    close_wizards(qtbot, window)
    assert brief(store, window_records) == [("create", plan_id, 1, "app", ""),
                                            ("change", plan_id, 1, "app", "")]


def test_sign_and_sign_despite_errors(make_window, add_plan, store, dialogs):
    good = add_plan("Anna Holm")
    weak = add_plan("Bo Jensen", purpose="")
    window = make_window()
    before = count(store)
    select(window, good)
    dialogs.queue("sign", TODAY)
    trigger(window, "sign")
    select(window, weak)
    dialogs.queue("confirm", True)
    dialogs.queue("sign", TODAY)
    trigger(window, "sign")
    assert brief(store, before) == [("sign", good.id, 1, "app", ""),
                                    ("sign", weak.id, 1, "app", "trods fejl")]


def test_revise_is_recorded_once_and_its_draft_opening_is_no_extra_view(
        qtbot, make_window, add_plan, store, dialogs):
    plan = add_plan("Anna Holm", status="signed")
    window = make_window()
    before = count(store)
    select(window, plan)
    dialogs.queue("confirm", True)
    trigger(window, "revise")
    assert plan.id in window.plan_actions.wizards
    close_wizards(qtbot, window)
    assert brief(store, before) == [("revise", plan.id, 2, "app", "")]


def test_close_case(make_window, add_plan, store, dialogs):
    plan = add_plan("Anna Holm", status="signed")
    window = make_window()
    before = count(store)
    select(window, plan)
    # Ja to closing, Nej to saving the PDF for the ESDH now.
    dialogs.queue("confirm", True, False)
    trigger(window, "close_case")
    assert brief(store, before) == [("close", plan.id, 1, "app", "")]


@pytest.mark.parametrize("outcome, word", [("continue", "fortsættes"), ("change", "ændres"),
                                           ("close", "afsluttes")])
def test_follow_up_records_its_outcome(qtbot, make_window, add_plan, store, dialogs, outcome,
                                       word):
    plan = add_plan("Anna Holm", status="signed")
    window = make_window()
    before = count(store)
    select(window, plan)
    following = None if outcome == "close" else TODAY + timedelta(days=90)
    dialogs.queue("follow_up", FollowUpAnswer(TODAY, outcome, "Borgeren har fået bolig.",
                                              following))
    dialogs.queue("confirm", True)
    trigger(window, "follow_up")
    close_wizards(qtbot, window)
    assert brief(store, before) == [("follow_up", plan.id, 1, "app", word)]


def test_import_and_export(make_window, example_plan, store, dialogs, tmp_path):
    window = make_window()
    example_plan.id = new_id()
    source = tmp_path / "in.json"
    source.write_text(dumps_plan(example_plan), encoding="utf-8")
    dialogs.queue("open_files", [str(source)])
    trigger(window, "import")
    select(window, example_plan)
    dialogs.queue("save_file", str(tmp_path / "out.json"))
    trigger(window, "export")
    assert (tmp_path / "out.json").exists()
    assert brief(store) == [("caseload", None, None, "app", ""),
                            ("import", example_plan.id, 1, "app", ""),
                            ("export", example_plan.id, 1, "app", "")]


def test_word_pdf_and_print_from_the_caseload(make_window, add_plan, store, dialogs, tmp_path,
                                              monkeypatch):
    monkeypatch.setattr(printing, "available_printers", lambda: ["printer"])
    plan = add_plan("Anna Holm")
    window = make_window()
    before = count(store)
    select(window, plan)
    dialogs.queue("save_file", str(tmp_path / "plan.docx"), str(tmp_path / "plan.pdf"), None)
    trigger(window, "word")
    trigger(window, "pdf")
    trigger(window, "pdf")  # cancelled: nothing written, nothing recorded
    dialogs.queue("print_setup", False, str(tmp_path / "printed.pdf"))
    trigger(window, "print")  # cancelled in the print dialog
    trigger(window, "print")
    assert (tmp_path / "printed.pdf").exists()
    assert brief(store, before) == [("render", plan.id, 1, "app", "docx"),
                                    ("render", plan.id, 1, "app", "pdf"),
                                    ("print", plan.id, 1, "app", "")]


def test_word_pdf_and_print_from_gennemgang(qtbot, make_window, add_plan, store, dialogs,
                                            tmp_path, monkeypatch):
    monkeypatch.setattr(printing, "available_printers", lambda: ["printer"])
    plan = add_plan("Anna Holm", status="signed")
    window = make_window()
    select(window, plan)
    trigger(window, "open")
    wizard = window.plan_actions.wizards[plan.id]
    review = wizard.currentPage()
    before = count(store)
    dialogs.queue("save_file", str(tmp_path / "plan.docx"), str(tmp_path / "plan.pdf"))
    dialogs.queue("print_setup", str(tmp_path / "printed.pdf"))
    for button in (review.word_button, review.pdf_button, review.print_button):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    close_wizards(qtbot, window)
    assert brief(store, before) == [("render", plan.id, 1, "app", "docx"),
                                    ("render", plan.id, 1, "app", "pdf"),
                                    ("print", plan.id, 1, "app", "")]


def test_the_caseloads_quality_check_is_not_a_view(qtbot, make_window, add_plan, store):
    for name in ("Anna Holm", "Bo Jensen", "Cecilie Dam"):
        add_plan(name)
    window = make_window()
    before = count(store)
    window.start_quality()
    qtbot.waitUntil(lambda: not window.quality.running(), timeout=10000)
    assert window.model.missing_quality() == []
    assert brief(store, before) == []


def test_restoring_a_backup_at_start_is_recorded(qtbot, tmp_path, example_plan):
    from planbro.settings import UserSettings, save_settings

    from planbro.ui.common.scripted_dialogs import ScriptedDialogs

    # Saved settings: no first-start dialog.
    save_settings(UserSettings(caseworker_name="Mette Kjær"))
    folder = tmp_path / "data"
    with PlanStore(folder) as plain:
        plain.save(example_plan)
        example_plan.purpose = "Et nyt formål"
        plain.save(example_plan)
        case = plain._layout.case(example_plan.id)
    case.write_bytes(b"garbage{")
    window = app_module.start(folder, ScriptedDialogs().queue("confirm", True), today=TODAY)
    qtbot.addWidget(window)
    assert window.store.audit is not None and window.store.via == "app"
    window.store.close()
    assert brief(window.store) == [("restore", example_plan.id, None, "app", ""),
                                   ("caseload", None, None, "app", "")]


def test_no_cpr_name_or_path_reaches_the_log(qtbot, make_window, store, example_plan, dialogs,
                                            tmp_path, monkeypatch):
    monkeypatch.setattr(printing, "available_printers", lambda: ["printer"])
    store.put(example_plan)
    window = make_window()
    select(window, example_plan)
    out = tmp_path / "Jonas 120379-1235"
    out.mkdir()
    dialogs.queue("save_file", str(out / "Handleplan Jonas.docx"), str(out / "Jonas.pdf"),
                  str(out / "120379-1235.json"))
    dialogs.queue("print_setup", str(out / "printed.pdf"))
    for name in ("word", "pdf", "export", "print", "open"):
        trigger(window, name)
    close_wizards(qtbot, window)
    assert len(list(out.iterdir())) == 4
    [path] = (store.data_dir / "audit").glob("*.jsonl")
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) == 7  # with the caseload's own record
    for secret in (*SENSITIVE, str(tmp_path), "Handleplan"):
        assert secret not in text


def test_a_log_that_cannot_be_written_stops_documents_not_changes_or_views(
        qtbot, make_window, add_plan, store, dialogs, tmp_path, clock):
    """Issue 11: a change is saved while its record waits (the status bar says so), a document
    stands only with its record, a view goes on; the log's failure is told once."""
    plan = add_plan("Anna Holm")
    [month] = (store.data_dir / "audit").glob("*.jsonl")
    month.rename(tmp_path / "month.jsonl")
    month.mkdir()  # the log cannot be opened
    window = make_window()
    select(window, plan)
    trigger(window, "open")
    [wizard] = window.plan_actions.wizards.values()
    [told] = dialogs.calls_of("warn")
    assert told.title == "Logbog" and "logbogen" in told.text and "IT-support" in told.text
    # Long after the plan was made: this change needs a record of its own.
    clock.now += CHANGE_INTERVAL_S + 1
    wizard.plan.purpose = "Et nyt formål."
    wizard.autosave.schedule()
    assert wizard.autosave.flush()
    assert len(dialogs.calls_of("warn")) == 1
    status = window.statusBar().currentMessage()
    assert "1 ændring er gemt, men dens linje i logbogen venter" in status
    assert "Ændringen er gemt" in window.statusBar().toolTip()
    close_wizards(qtbot, window)
    assert store.get(plan.id).purpose == "Et nyt formål."
    dialogs.queue("save_file", str(tmp_path / "plan.pdf"))
    trigger(window, "pdf")
    assert not (tmp_path / "plan.pdf").exists()
    assert "logbogen" in dialogs.calls_of("warn")[-1].text
    # The log is back: the next record writes the change's first, in order.
    month.rmdir()
    (tmp_path / "month.jsonl").rename(month)
    assert store.record("view", plan.id, 1)
    actions = [(r["action"], r.get("delayed", False))
               for r in AuditLog(store.data_dir).read().records]
    assert actions[-2:] == [("change", True), ("view", False)]
    window._update_status()
    assert "venter" not in window.statusBar().currentMessage()


def test_a_read_only_windows_views_are_recorded(qtbot, add_plan, store, dialogs):
    from planbro.ui.caseload_window import CaseloadWindow

    plan = add_plan("Anna Holm", status="signed")
    before = count(store)
    reader = PlanStore.open(store.data_dir, audit=AuditLog(store.data_dir), via="app")
    assert reader.read_only
    window = CaseloadWindow(reader, None, dialogs, today=TODAY)
    qtbot.addWidget(window)
    select(window, plan)
    trigger(window, "open")
    close_wizards(qtbot, window)
    reader.close()
    assert brief(store, before) == [("view", plan.id, 1, "app", "")]
