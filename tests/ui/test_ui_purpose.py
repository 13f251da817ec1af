"""Issue 11 in the app: the caseload's Formål box, the caseload logged once per window,
and a print that cannot be logged refused before the print dialog."""

from __future__ import annotations

import pytest

from planbro.audit import AuditLog
from planbro.documents import Municipality
from planbro.settings import UserSettings, load_settings
from planbro.storage import PlanStore

from planbro.actions import context

from planbro.ui.common import printing


@pytest.fixture
def store(tmp_path):
    """The caseload's store as the app opens it: with the folder's audit log."""
    folder = tmp_path / "store"
    with PlanStore(folder, audit=AuditLog(folder), via="app") as opened:
        yield opened


def uses(store, since: int = 0) -> list[tuple]:
    return [(r["action"], r["plan"], r["purpose"])
            for r in AuditLog(store.data_dir).read().records[since:]]


def count(store) -> int:
    return len(AuditLog(store.data_dir).read().records)


def test_the_purpose_box_starts_at_the_first_and_goes_with_every_view(
        qtbot, make_window, add_plan, store):
    plan = add_plan("Anna Holm", status="signed")
    before = count(store)
    window = make_window()
    box = window.purpose
    assert [box.itemText(i) for i in range(box.count())] == [
        "sagsbehandling", "møde med borgeren", "opfølgning", "aktindsigt", "tilsyn"]
    assert box.currentText() == "sagsbehandling" and not box.isEditable()
    box.setCurrentIndex(box.findText("møde med borgeren"))
    window.select_plan(plan.id)
    window.plan_actions.actions["open"].trigger()
    window.plan_actions.close_wizards()
    qtbot.waitUntil(lambda: not window.plan_actions.wizards)
    window.refresh()
    assert uses(store, before) == [("caseload", None, "sagsbehandling"),
                                   ("view", plan.id, "møde med borgeren")]
    # The next start begins with the purpose used last.
    assert load_settings().last_purpose == "møde med borgeren"
    again = make_window(UserSettings(last_purpose="møde med borgeren"))
    assert again.purpose.currentText() == "møde med borgeren"
    assert uses(store, before)[-1] == ("caseload", None, "møde med borgeren")


def test_the_caseload_is_logged_once_however_often_it_is_shown(qtbot, make_window, add_plan,
                                                               store):
    add_plan("Anna Holm")
    before = count(store)
    window = make_window()
    for _ in range(2):
        window.hide()
        window.show()
        window.refresh()
    assert [action for action, _plan, _purpose in uses(store, before)] == ["caseload"]


def test_the_municipalitys_own_purposes_are_offered_and_a_bad_list_is_told(
        qtbot, make_window, store, dialogs, monkeypatch):
    monkeypatch.setattr(context, "load_municipality", lambda source=None: Municipality(
        name="Sorø Kommune", purposes=("borgerrådgiver",)))
    window = make_window()
    assert window.purpose.itemText(window.purpose.count() - 1) == "borgerrådgiver"
    assert dialogs.calls_of("warn") == []
    monkeypatch.setattr(context, "load_municipality", lambda source=None: Municipality(
        name="Sorø Kommune", purposes=("Jonas Hansen",)))
    window = make_window()
    assert window.purpose.count() == 5
    [told] = dialogs.calls_of("warn")
    assert "purposes[0]" in told.text


def test_a_print_that_cannot_be_logged_is_refused_before_the_print_dialog(
        qtbot, make_window, add_plan, store, dialogs, tmp_path, monkeypatch):
    monkeypatch.setattr(printing, "available_printers", lambda: ["printer"])
    plan = add_plan("Anna Holm")
    window = make_window()
    [month] = (store.data_dir / "audit").glob("*.jsonl")
    month.rename(tmp_path / "month.jsonl")
    month.mkdir()  # the log cannot be opened
    window.select_plan(plan.id)
    dialogs.queue("print_setup", str(tmp_path / "printed.pdf"))
    window.plan_actions.actions["print"].trigger()
    [refused] = dialogs.calls_of("warn")
    assert refused.text.startswith("Handleplanen blev ikke udskrevet, fordi der ikke kan skrives i logbogen")
    assert "IT-support" in refused.text
    assert dialogs.calls_of("print_setup") == []
    assert not (tmp_path / "printed.pdf").exists()
    # The log is back: the print goes through, with its record.
    month.rmdir()
    (tmp_path / "month.jsonl").rename(month)
    before = count(store)
    window.plan_actions.actions["print"].trigger()
    assert (tmp_path / "printed.pdf").exists()
    assert uses(store, before) == [("print", plan.id, "sagsbehandling")]
