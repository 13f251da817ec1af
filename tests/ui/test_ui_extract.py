"""Handleplan → Aktindsigt i logbogen …: the citizen's access request from the caseload, and
… for a deleted plan, asked for by its id."""

from __future__ import annotations

import platform
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from ui_support import PLAINTEXT_NOTE

from PySide6.QtWidgets import QMenu

from planbro.audit import AuditLog
from planbro.storage import PlanStore


@pytest.fixture
def store(tmp_path):
    """The caseload's store as the app opens it: with the folder's audit log."""
    folder = tmp_path / "store"
    with PlanStore(folder, audit=AuditLog(folder), via="app") as opened:
        yield opened


def records(store) -> list[dict]:
    return AuditLog(store.data_dir).read().records


def text_of(path) -> str:
    """The PDF's text without whitespace, and without the hyphens of words
    the hyphenation broke at a line's end (#13)."""
    text = "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)
    return re.sub(r"\s+", "", re.sub(r"(?<=[^\W\d_])-\n(?=[^\W\d_])", "", text))


def test_the_extract_is_saved_for_the_selected_plan_and_recorded(
        make_window, add_plan, dialogs, store, tmp_path):
    plan = add_plan("Anna Holm", cpr="010170-1234")
    other = add_plan("Bo Jensen")
    window = make_window()
    assert window.select_plan(plan.id)
    target = tmp_path / "aktindsigt"
    dialogs.queue("save_file", str(target))
    window.plan_actions.actions["extract"].trigger()
    [asked] = dialogs.calls_of("save_file")
    suggested = asked.extra["suggested"]
    assert suggested.endswith(f"{plan.id[:8]}.pdf") and "Anna" not in suggested
    assert "*.pdf" in asked.extra["filter"]
    written = tmp_path / "aktindsigt.pdf"
    text = text_of(written)
    for words in ("Aktindsigt i logbogen", "Anna Holm", "010170-xxxx",
                  "Handleplanen blev oprettet", "Holbæk Kommune, Socialcenter Vest"):
        assert re.sub(r"\s+", "", words) in text, words
    for hidden in ("Mette Kjær", "mekj", platform.node(), "1234", "Bo Jensen"):
        assert hidden not in text, hidden
    last = records(store)[-1]
    assert (last["action"], last["plan"], last["via"]) == ("extract", plan.id, "app")
    assert other.id not in text
    assert window.statusBar().currentMessage() == f"Gemt: {written}"
    # The extract is plaintext (#11): the message says so.
    [told] = dialogs.calls_of("info")
    assert told.text == f"Gemt: {written}\n" + PLAINTEXT_NOTE
    assert dialogs.calls_of("warn") == []


def test_the_menu_item_is_under_handleplan_and_needs_a_plan(make_window, dialogs):
    window = make_window()
    action = window.plan_actions.actions["extract"]
    assert action.text().replace("&", "") == "Aktindsigt i logbogen …"
    assert not action.isEnabled()
    menu = next(m for m in window.menuBar().findChildren(QMenu) if action in m.actions())
    assert menu.title().replace("&", "") == "Handleplan"


def test_an_extract_that_cannot_be_logged_is_refused_with_a_message(
        make_window, add_plan, dialogs, store, tmp_path, monkeypatch):
    plan = add_plan("Anna Holm")
    window = make_window()
    assert window.select_plan(plan.id)
    before = records(store)

    def refused(*args, **kwargs):
        raise OSError(28, "No space left on device", str(store.data_dir / "audit"))

    monkeypatch.setattr(store.audit, "begin", refused)
    dialogs.queue("save_file", str(tmp_path / "x.pdf"))
    window.plan_actions.actions["extract"].trigger()
    [warned] = dialogs.calls_of("warn")
    assert "logbog" in warned.text
    assert not (tmp_path / "x.pdf").exists()
    assert records(store) == before


def test_a_cancelled_extract_writes_and_records_nothing(make_window, add_plan, dialogs, store,
                                                       tmp_path):
    plan = add_plan("Anna Holm")
    window = make_window()
    assert window.select_plan(plan.id)
    before = records(store)
    dialogs.queue("save_file", None)
    window.plan_actions.actions["extract"].trigger()
    assert list(tmp_path.glob("*.pdf")) == []
    assert records(store) == before


def purge(store, plan) -> None:
    """Journalise the closed `plan` 40 days ago and delete it, as the app's question at start
    does once the 30 days are over."""
    store.journalise(plan.id, date.today() - timedelta(days=40))
    store.purge(plan.id, date.today(), 30)


def test_a_deleted_plan_is_asked_for_by_its_id_and_its_extract_saved(
        make_window, add_plan, dialogs, store, tmp_path):
    plan = add_plan("Anna Holm", cpr="010170-1234", status="closed")
    purge(store, plan)
    window = make_window()
    action = window.plan_actions.actions["extract_deleted"]
    assert action.text().replace("&", "") == "Aktindsigt for en slettet plan …"
    menu = next(m for m in window.menuBar().findChildren(QMenu) if action in m.actions())
    assert menu.title().replace("&", "") == "Handleplan" and action.isEnabled()
    dialogs.queue("ask_text", f" {plan.id[:8].upper()} ")
    dialogs.queue("save_file", str(tmp_path / "slettet.pdf"))
    action.trigger()
    [asked] = dialogs.calls_of("ask_text")
    assert "id" in asked.text and asked.title == "Aktindsigt for en slettet plan"
    assert dialogs.calls_of("save_file")[0].extra["suggested"].endswith(f"{plan.id[:8]}.pdf")
    text = text_of(tmp_path / "slettet.pdf")
    for words in ("Planen er slettet fra Planbro den", "efter journalisering", plan.id,
                  "Handleplanen blev oprettet",
                  "Handleplanen blev slettet fra computeren efter journaliseringen"):
        assert re.sub(r"\s+", "", words) in text, words
    for hidden in ("Anna", "010170", "Mette Kjær", platform.node()):
        assert hidden not in text, hidden
    last = records(store)[-1]
    assert (last["action"], last["plan"], last["via"]) == ("extract", plan.id, "app")
    assert dialogs.calls_of("warn") == []


def test_an_id_without_records_is_told_and_nothing_saved(make_window, dialogs, store, tmp_path):
    window = make_window()
    before = records(store)
    dialogs.queue("ask_text", "abcdef12")
    window.plan_actions.actions["extract_deleted"].trigger()
    [warned] = dialogs.calls_of("warn")
    assert "Der findes ingen plan med id'et «abcdef12», og logbogen har ingen" in warned.text
    assert dialogs.calls_of("save_file") == [] and records(store) == before


def test_cancelling_the_id_asks_nothing_more(make_window, dialogs, store):
    window = make_window()
    dialogs.queue("ask_text", None)
    window.plan_actions.actions["extract_deleted"].trigger()
    assert dialogs.calls_of("save_file") == [] and dialogs.calls_of("warn") == []
