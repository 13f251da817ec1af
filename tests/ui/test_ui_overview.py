"""The window Overblik: the figures of planbro.overview on the invented team
(tests/overview/team_plans.py), the period and scope, "under 5", the plans behind a figure and
opening one, and the keyboard."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

# The invented team's plans, shared with the overview's own tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "overview"))
from older_facts import count_made, older_store  # noqa: E402
from team_plans import END, START, TODAY, UNIT, WORKER, store_team  # noqa: E402

from planbro.storage import PlanStore  # noqa: E402

from planbro.overview import store_facts  # noqa: E402
from planbro.overview.presenting import item_text  # noqa: E402

from planbro.actions.overview import overview_of  # noqa: E402

from planbro.ui.overview.window import UNIT as UNIT_SCOPE  # noqa: E402
from planbro.ui.overview.window import WORKER as WORKER_SCOPE  # noqa: E402
from planbro.ui.overview.window import OverviewWindow  # noqa: E402


@pytest.fixture
def team_store(tmp_path, example_plan):
    with PlanStore(tmp_path / "team", facts=store_facts()) as store:
        store.ids = store_team(store, example_plan)
        yield store


@pytest.fixture
def opened(qtbot, team_store):
    """The overview of Team Nord in the issue's period; `opened.calls` the plans opened."""
    calls: list[str] = []
    window = OverviewWindow(team_store, open_plan=calls.append, today=TODAY)
    qtbot.addWidget(window)
    window.calls = calls
    window.start_box.set_value(START)
    window.end_box.set_value(END)
    assert window.choose_scope(UNIT_SCOPE, UNIT)
    window.show()
    return window


def _names(store, plan_ids):
    names = {plan_id: name for name, plan_id in store.ids.items()}
    return sorted(f"Borger {names[plan_id]}" for plan_id in plan_ids)


def _shown(window, key):
    return window.value_of(key).text()


def test_every_figure_shown_is_the_overview_s(opened, team_store):
    expected = overview_of(team_store, start=START, end=END, unit=UNIT, today=TODAY)
    keys = [item.key for item in expected.items() if item.key != "plans"]
    assert len(keys) > 40
    for key in keys:
        assert _shown(opened, key) == item_text(expected.item(key)), key
    # Counted by hand (team_plans.py): 13 offered, 9 accepted, 3 declined, 1 pending.
    assert [_shown(opened, key) for key in ("offers.offered", "offers.accepted",
                                            "offers.declined", "offers.pending")] \
        == ["13", "9", "under 5", "under 5"]
    assert "Planer i perioden: 14" in opened.heading.text()
    assert "Enhed: Team Nord" in opened.heading.text()
    assert [opened.tabs.tabText(i) for i in range(opened.tabs.count())] == [
        "Tilbud", "Opfølgning og ajourføring", "Kvalitet", "Mål og delmål", "Indsatser"]


def test_changing_the_period_or_the_scope_changes_the_figures(qtbot, opened, team_store):
    before = _shown(opened, "offers.offered")
    opened.start_box.edit.setFocus()
    opened.start_box.edit.clear()
    qtbot.keyClicks(opened.start_box.edit, "1.10.2026")
    qtbot.keyClick(opened.start_box.edit, Qt.Key.Key_Return)
    later = overview_of(team_store, start=date(2026, 10, 1), end=END, unit=UNIT, today=TODAY)
    assert opened.overview.start == date(2026, 10, 1)
    # C1, D1 and D2 were offered in October and November: under 5, not 13.
    assert before == "13" and _shown(opened, "offers.offered") == "under 5"
    assert _shown(opened, "keeping.open") == item_text(later.item("keeping.open"))
    # Another caseworker: G1 alone.
    assert opened.choose_scope(WORKER_SCOPE, "Anders Berg")
    assert opened.overview.caseworker == "Anders Berg"
    assert "Planer i perioden: under 5" in opened.heading.text()
    assert opened.choose_scope(WORKER_SCOPE, WORKER)


def test_a_period_that_ends_before_it_starts_is_refused_by_name(qtbot, opened):
    shown = opened.overview
    opened.start_box.set_value(date(2026, 12, 1))
    opened.end_box.set_value(date(2026, 1, 1))
    opened.update_figures()
    assert opened.problem.isVisibleTo(opened)
    assert opened.problem.text().startswith("Perioden til: ")
    assert opened.overview is shown


def test_under_5_is_text_and_lists_no_plans(opened):
    declined = opened.value_of("offers.declined")
    assert isinstance(declined, QLabel) and declined.text() == "under 5"
    assert isinstance(opened.value_of("offers.offered"), QPushButton)
    # Every hidden figure is plain text; every button stands for at least 5 plans.
    for item in opened.overview.items():
        widget = opened.value_of(item.key)
        if widget is None:
            continue
        if item.hidden:
            assert isinstance(widget, QLabel), item.key
        if isinstance(widget, QPushButton):
            assert len(item.plans) >= 5, item.key


def test_the_plans_behind_a_figure_are_listed_and_one_opens(qtbot, opened, team_store):
    opened.value_of("offers.offered").click()
    drill = opened.drill
    assert drill is not None and drill.isVisible()
    table = drill.table
    listed = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert listed == _names(team_store, opened.overview.item("offers.offered").plans)
    assert listed == [f"Borger {n}" for n in
                      ("A1", "A2", "A3", "A4", "A5", "A6", "B1", "B2", "B3", "C1", "D1", "D2",
                       "E2")]
    # No CPR number in full: the caseload's masked form.
    assert all(table.item(row, 1).text().endswith("xxxx") for row in range(table.rowCount()))
    table.selectRow(2)
    chosen = table.item(2, 0).text()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert [f"Borger {name}" for name, plan_id in team_store.ids.items()
            if plan_id in opened.calls] == [chosen]
    assert len(opened.calls) == 1


def test_the_figures_are_reached_with_the_keyboard(qtbot, opened):
    opened.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is opened)
    opened.start_box.edit.setFocus()
    target = opened.value_of("offers.offered")
    for _step in range(40):
        if QApplication.focusWidget() is target:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is target
    qtbot.keyClick(target, Qt.Key.Key_Space)
    assert opened.drill is not None and opened.drill.table.rowCount() == 13
    # Every figure's value says what it is to a screen reader.
    assert target.accessibleName() == "Tilbudt: 13. Vis planerne"


def test_overblik_opens_from_the_caseload_and_opens_a_plan_as_it_does(qtbot, make_window,
                                                                      add_plan):
    plan = add_plan("Ida Holm")
    window = make_window()
    tools = next(a.menu() for a in window.menuBar().actions() if a.text() == "F&unktioner")
    assert window.overview.action in tools.actions()
    qtbot.keyClick(window.table, Qt.Key.Key_O,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    shown = window.overview.shown
    assert shown is not None and shown.isVisible()
    assert shown.overview.plans.text() == "under 5"
    wizard = window.overview.open_plan(plan.id)
    assert window.plan_actions.wizards[plan.id] is wizard
    wizard.close()


def test_a_date_that_is_no_date_is_named_and_the_figures_stay(qtbot, opened):
    shown = opened.overview
    opened.start_box.edit.setText("32-13-2026")
    opened.update_figures()
    assert opened.problem.text().startswith("Perioden fra: ")
    assert opened.overview is shown
    # Put right, the figures follow and the message goes.
    opened.start_box.set_value(date(2026, 6, 1))
    opened.update_figures()
    assert not opened.problem.isVisibleTo(opened)
    assert opened.overview.start == date(2026, 6, 1)


def test_a_period_beyond_the_bounds_is_named_and_nothing_is_counted(qtbot, opened):
    # 31-12-2999 for 2029: refused at once, not 11,000 months counted and drawn.
    shown = opened.overview
    opened.end_box.set_value(date(2999, 12, 31))
    opened.update_figures()
    assert opened.problem.text() == ("Perioden til: 31-12-2999 ligger uden for de dage, et "
                                     "overblik kan tælle: 01-01-2000 til 31-12-2099.")
    assert opened.overview is shown


def test_a_declined_offer_is_listed_as_the_caseload_lists_it(qtbot, opened):
    # Not "Kladde" with a follow-up: declined, with its day, and the day to offer it again.
    opened.value_of("offers.offered").click()
    table = opened.drill.table
    rows = {table.item(row, 0).text(): (table.item(row, 2).text(), table.item(row, 3).text())
            for row in range(table.rowCount())}
    assert rows["Borger B1"] == ("Takket nej (1. apr. 2026)", "1. mar. 2027 (tilbyd igen)")
    assert rows["Borger A1"][0] == "Kladde · v1 underskrevet"
    assert rows["Borger C1"][0] == "Kladde"


def test_the_list_holds_only_plans_the_store_gives_the_user(team_store):
    from planbro.ui.overview.drill import rows_of

    known = {summary.id: summary for summary in team_store.summaries()}
    a1, b1 = team_store.ids["A1"], team_store.ids["B1"]
    # An id the store does not give (another unit's plan on the team store) is left out,
    # and the plans are listed by the citizen's name, whatever order the overview has.
    assert [row.id for row in rows_of((b1, "not-given", a1), known)] == [a1, b1]


def test_the_bars_share_one_scale_from_0_and_a_hidden_figure_has_none(opened):
    group = next(g for a in opened.overview.areas for g in a.groups if g.key == "offers.offers")
    from planbro.ui.overview.charts import Bar, chart_value, scale_of

    assert scale_of(group.items) == 13
    bars = [Bar(chart_value(item), scale_of(group.items)) for item in group.items]
    # Offered 13 (the whole length), accepted 9, and the hidden declined and pending: none.
    assert [round(bar.fraction(), 2) for bar in bars] == [1.0, 0.69, 0.0, 0.0]
    shown = opened.findChild(QWidget, "group:offers.offers").findChildren(Bar)
    assert len(shown) == 4


def test_facts_of_an_older_format_are_made_once_and_the_window_counts_with_them(
        qtbot, tmp_path, example_plan, monkeypatch):
    # After an upgrade that changed a quality rule, the window's first figures make each
    # plan's facts again and keep them; a new period then counts from the kept facts and
    # reads no plan (the window's summaries read once, as the caseload has them).
    folder = older_store(tmp_path / "older", example_plan)
    made = count_made(monkeypatch)
    monkeypatch.setattr(sys.modules["planbro.overview.compute"], "RENEWING_MANY", 10)
    said: list[str] = []
    monkeypatch.setattr(OverviewWindow, "_say", lambda self, text: said.append(text))
    with PlanStore(folder, facts=store_facts()) as store:
        window = OverviewWindow(store, today=TODAY)
        qtbot.addWidget(window)
        # Told why the first figures take time, before they were made.
        assert said == ["Overblikkets tal for 17 planer laves igen, fordi kvalitetstjekket "
                        "eller kommunens indstillinger er ændret, siden de blev lavet. Det "
                        "sker én gang og tager lidt tid …"]
        window.start_box.set_value(START)
        window.end_box.set_value(END)
        window.update_figures()
        assert len(made) == len(store.summaries()) == 17
        window.start_box.set_value(date(2026, 10, 1))
        window.update_figures()
        assert window.overview.start == date(2026, 10, 1)
        assert len(made) == 17 and len(said) == 1
