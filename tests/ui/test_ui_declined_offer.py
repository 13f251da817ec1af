"""A declined offer in the caseload: "takket nej" with its day, and the day to offer
the plan again shown and marked as a follow-up is (#9.20)."""

from datetime import date, timedelta

from ui_support import TODAY

from PySide6.QtCore import Qt

from planbro.model import Offer

from planbro.ui.caseload_model import COLUMNS, OVERDUE_COLOR


def cell(window, name, column, role=Qt.ItemDataRole.DisplayRole):
    for row in range(window.proxy.rowCount()):
        if window.proxy.index(row, COLUMNS.index("name")).data() == name:
            return window.proxy.index(row, COLUMNS.index(column)).data(role)
    raise AssertionError(f"{name} not shown")


def declined(again):
    return Offer(date=date(2027, 2, 1), decision="declined", reason="Vil selv finde et værelse.",
                 offer_again=again)


def test_a_declined_offer_shows_as_such_with_its_day(make_window, add_plan):
    add_plan("Bente Holm", follow_up=None, offer=declined(TODAY + timedelta(days=60)))
    add_plan("Anna Holm")
    window = make_window()
    assert cell(window, "Bente Holm", "status") == "takket nej (1. feb. 2027)"
    assert cell(window, "Bente Holm", "status", Qt.ItemDataRole.ToolTipRole) == (
        "Borgeren takkede nej til tilbuddet om en handleplan 1. feb. 2027; versionen er kladde.")
    assert cell(window, "Anna Holm", "status") == "kladde"
    # The follow-up column holds the day to offer the plan again, and says so.
    assert cell(window, "Bente Holm", "follow_up") == "14. maj 2027"
    assert cell(window, "Bente Holm", "follow_up", Qt.ItemDataRole.ToolTipRole) == (
        "Borgeren har takket nej til handleplanen: dette er datoen for at tilbyde den igen.")


def test_the_day_to_offer_again_comes_due_like_a_follow_up(qtbot, make_window, add_plan):
    add_plan("Bente Holm", follow_up=None, offer=declined(TODAY - timedelta(days=2)))
    add_plan("Anna Holm", follow_up=TODAY + timedelta(days=90))
    add_plan("Carl Nørgaard", follow_up=None, offer=declined(None))
    window = make_window()
    assert cell(window, "Bente Holm", "follow_up", Qt.ItemDataRole.ForegroundRole).color() \
        == OVERDUE_COLOR
    tip = cell(window, "Bente Holm", "follow_up", Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("Det var 13. mar. 2027 (for 2 dage siden).")
    assert cell(window, "Carl Nørgaard", "follow_up") == ""
    window.overdue_only.setChecked(True)
    assert window.proxy.rowCount() == 1 and cell(window, "Bente Holm", "status").startswith(
        "takket nej")
    assert "1 opfølgning forfalden" in window.statusBar().currentMessage()


def test_a_closed_declined_case_is_closed_and_reminds_of_nothing(make_window, add_plan, store):
    plan = add_plan("Bente Holm", follow_up=None, offer=declined(TODAY - timedelta(days=2)))
    store.close_case(plan.id)
    window = make_window()
    assert cell(window, "Bente Holm", "status") == "afsluttet, ikke journaliseret"
    assert cell(window, "Bente Holm", "follow_up") == ""
    window.overdue_only.setChecked(True)
    assert window.proxy.rowCount() == 0
