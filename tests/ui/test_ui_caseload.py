"""The caseload table: what it shows, search and filters, overdue marking, quality."""

from datetime import date, timedelta

from ui_support import TODAY

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont

from planbro.model import FollowUpEntry

from planbro.ui.caseload_model import COLUMNS, OVERDUE_COLOR, SOON_COLOR


def cell(window, row, column, role=Qt.ItemDataRole.DisplayRole):
    return window.proxy.index(row, COLUMNS.index(column)).data(role)


def shown_names(window):
    return sorted(cell(window, row, "name") for row in range(window.proxy.rowCount()))


def row_of(window, name):
    for row in range(window.proxy.rowCount()):
        if cell(window, row, "name") == name:
            return row
    raise AssertionError(f"{name} not shown")


def test_shows_each_plan_with_masked_cpr_and_danish_status(make_window, add_plan):
    add_plan("Anna Holm", cpr="010170-1234")
    add_plan("Bo Jensen", cpr="241288-4321", status="signed")
    add_plan("Carl Nørgaard", cpr="311299-2468", status="closed")
    window = make_window()
    assert window.windowTitle() == "Planbro"
    assert shown_names(window) == ["Anna Holm", "Bo Jensen", "Carl Nørgaard"]
    rows = {cell(window, r, "name"): r for r in range(3)}
    assert cell(window, rows["Anna Holm"], "cpr") == "010170-xxxx"
    assert cell(window, rows["Anna Holm"], "status") == "kladde"
    assert cell(window, rows["Bo Jensen"], "status") == "underskrevet"
    assert cell(window, rows["Carl Nørgaard"], "status") == "afsluttet, ikke journaliseret"
    assert cell(window, rows["Bo Jensen"], "version") == "1"
    # No full CPR number anywhere in the table.
    texts = [cell(window, r, c) or "" for r in range(3) for c in COLUMNS]
    assert not any(serial in text for text in texts for serial in ("1234", "4321", "2468"))
    headers = [window.proxy.headerData(i, Qt.Orientation.Horizontal) for i in range(len(COLUMNS))]
    assert headers == ["Borger", "CPR", "Status", "Version", "Senest ændret",
                       "Næste opfølgning", "Kvalitet"]
    assert "3 handleplaner" in window.statusBar().currentMessage()


def test_dates_are_danish(make_window, add_plan):
    add_plan("Anna Holm", follow_up=TODAY.replace(month=5, day=1))
    window = make_window()
    assert cell(window, 0, "follow_up") == "1. maj 2027"
    # "22. nov. 2026 10:53": day, Danish month, year and time.
    changed = cell(window, 0, "updated")
    assert changed.split()[0].endswith(".") and ":" in changed.split()[-1]


def test_search_as_you_type_by_name_and_cpr(qtbot, make_window, add_plan):
    add_plan("Anna Holm", cpr="010170-1234")
    add_plan("Annette Berg", cpr="241288-4321")
    add_plan("Bo Jensen", cpr="311299-2468")
    window = make_window()
    qtbot.keyClicks(window.search, "ann")
    assert shown_names(window) == ["Anna Holm", "Annette Berg"]
    qtbot.keyClicks(window.search, "a ")
    assert shown_names(window) == ["Anna Holm"]
    window.search.clear()
    qtbot.keyClicks(window.search, "2412")
    assert shown_names(window) == ["Annette Berg"]
    window.search.clear()
    # A whole CPR number finds the plan by its birth-date part.
    qtbot.keyClicks(window.search, "311299-2468")
    assert shown_names(window) == ["Bo Jensen"]
    window.search.clear()
    qtbot.keyClicks(window.search, "zzz")
    assert shown_names(window) == []
    assert window.empty_hint.isVisibleTo(window)
    assert "0 af 3 handleplaner vist" in window.statusBar().currentMessage()


def test_search_folds_danish_letters_and_accents_and_says_when_nothing_matches(
        qtbot, make_window, add_plan):
    add_plan("Jens Ødegård", cpr="010170-1234")
    add_plan("René Aagaard", cpr="241288-4321")
    add_plan("Bo Jensen", cpr="311299-2468")
    window = make_window()
    qtbot.keyClicks(window.search, "ødegaard")
    assert shown_names(window) == ["Jens Ødegård"]
    window.search.clear()
    qtbot.keyClicks(window.search, "oedegard")
    assert shown_names(window) == []
    assert window.empty_hint.isVisibleTo(window)
    assert window.empty_hint.text() == "Ingen handleplaner passer til søgningen og filtrene."
    window.search.clear()
    qtbot.keyClicks(window.search, "rene ågaard")
    assert shown_names(window) == ["René Aagaard"]
    assert not window.empty_hint.isVisibleTo(window)


def test_escape_in_search_clears_it(qtbot, make_window, add_plan):
    add_plan("Anna Holm")
    window = make_window()
    qtbot.keyClicks(window.search, "xyz")
    assert window.proxy.rowCount() == 0
    window.search.setFocus()
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == ""
    assert window.proxy.rowCount() == 1


def test_filter_by_status_and_overdue(qtbot, make_window, add_plan):
    add_plan("Anna Holm", follow_up=TODAY - timedelta(days=3))
    add_plan("Bo Jensen", status="signed", follow_up=TODAY - timedelta(days=40))
    add_plan("Carl Nørgaard", status="closed", follow_up=TODAY - timedelta(days=40))
    add_plan("Dorte Lund", follow_up=TODAY + timedelta(days=5))
    window = make_window()
    window.status_filter.setCurrentIndex(window.status_filter.findData("signed"))
    assert shown_names(window) == ["Bo Jensen"]
    window.status_filter.setCurrentIndex(window.status_filter.findData("draft"))
    assert shown_names(window) == ["Anna Holm", "Dorte Lund"]
    window.status_filter.setCurrentIndex(0)
    window.overdue_only.setChecked(True)
    # A closed case needs no follow-up, so it is never overdue.
    assert shown_names(window) == ["Anna Holm", "Bo Jensen"]
    assert [window.status_filter.itemText(i) for i in range(4)] == [
        "Alle", "Kladde", "Underskrevet", "Afsluttet"]


def test_overdue_follow_up_is_red_bold_with_tooltip_and_soon_is_marked(make_window, add_plan):
    add_plan("Anna Holm", follow_up=TODAY - timedelta(days=3))
    add_plan("Bo Jensen", follow_up=TODAY + timedelta(days=10))
    add_plan("Carl Nørgaard", follow_up=TODAY + timedelta(days=90))
    window = make_window()
    overdue, soon, later = (row_of(window, n) for n in ("Anna Holm", "Bo Jensen", "Carl Nørgaard"))
    assert cell(window, overdue, "follow_up", Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOR
    font = cell(window, overdue, "follow_up", Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    tip = cell(window, overdue, "follow_up", Qt.ItemDataRole.ToolTipRole)
    assert "forfalden" in tip and "3 dage" in tip
    assert cell(window, soon, "follow_up", Qt.ItemDataRole.ForegroundRole).color() == SOON_COLOR
    assert "10 dage" in cell(window, soon, "follow_up", Qt.ItemDataRole.ToolTipRole)
    assert cell(window, later, "follow_up", Qt.ItemDataRole.ForegroundRole) is None
    # Most urgent first.
    assert overdue == 0 and soon == 1
    assert "1 opfølgning forfalden" in window.statusBar().currentMessage()


def test_quality_column_is_filled_after_start_and_feeds_needs_action(qtbot, make_window, add_plan,
                                                                    store):
    anna = add_plan("Anna Holm")                         # the example plan: nothing to remark
    # … once its first follow-up (within 3 months of the start) is recorded.
    store.record_follow_up(anna.id, FollowUpEntry(date(2027, 1, 20), "continue", "Godt i gang."),
                           TODAY + timedelta(days=60))
    add_plan("Bo Jensen", purpose="")                    # § 141 stk. 3 nr. 1 missing: fejl
    add_plan("Carl Nørgaard", status="closed", purpose="")  # closed: no action needed
    window = make_window()
    assert {cell(window, r, "quality") for r in range(3)} == {"Tjekker …"}
    window.start_quality()
    qtbot.waitUntil(lambda: not window.quality.running(), timeout=10000)
    assert cell(window, row_of(window, "Anna Holm"), "quality") == "OK"
    bo = row_of(window, "Bo Jensen")
    assert cell(window, bo, "quality") == "Fejl"
    assert "1 fejl" in cell(window, bo, "quality", Qt.ItemDataRole.ToolTipRole)
    assert cell(window, bo, "quality", Qt.ItemDataRole.DecorationRole) is not None
    window.action_only.setChecked(True)
    assert shown_names(window) == ["Bo Jensen"]


def test_quality_is_rechecked_only_when_the_plan_changed(qtbot, make_window, add_plan, store):
    plan = add_plan("Anna Holm")
    window = make_window()
    checked = []
    original = window.quality._check
    window.quality._check = lambda p, today: checked.append(p.id) or original(p, today)
    window.quality.run_all()
    window.refresh()
    window.quality.run_all()
    assert checked == [plan.id]
    # Saved within the same second: the summary may look the same, so a
    # change made here is announced.
    plan.purpose = ""
    store.save(plan)
    window.plan_changed(plan.id)
    window.quality.run_all()
    assert checked == [plan.id, plan.id]
    assert cell(window, 0, "quality") == "Fejl"
    # A change the index sees (here the status) needs no announcement.
    store.sign(plan.id, TODAY)
    window.refresh()
    window.quality.run_all()
    assert checked == [plan.id] * 3


def test_empty_caseload_says_how_to_begin(make_window):
    window = make_window()
    assert window.empty_hint.isVisible()
    assert "Ctrl+N" in window.empty_hint.text()
    assert not window.plan_actions.actions["open"].isEnabled()
    assert window.plan_actions.actions["new"].isEnabled()


def test_closed_cases_are_greyed_and_sorted_last(make_window, add_plan):
    from planbro.ui.caseload_model import CLOSED_COLOR

    add_plan("Anna Holm", status="closed", follow_up=TODAY - timedelta(days=100))
    add_plan("Bo Jensen", follow_up=None)
    add_plan("Carl Nørgaard", follow_up=TODAY + timedelta(days=100))
    window = make_window()
    assert [cell(window, r, "name") for r in range(3)] == ["Carl Nørgaard", "Bo Jensen",
                                                           "Anna Holm"]
    assert cell(window, 2, "name", Qt.ItemDataRole.ForegroundRole).color() == CLOSED_COLOR
    assert cell(window, 0, "name", Qt.ItemDataRole.ForegroundRole) is None


def test_header_click_sorts_and_keeps_the_selection(qtbot, make_window, add_plan):
    add_plan("Carl Nørgaard", follow_up=TODAY + timedelta(days=1))
    bo = add_plan("Bo Jensen", follow_up=TODAY + timedelta(days=2))
    add_plan("Anna Holm", follow_up=TODAY + timedelta(days=3))
    window = make_window()
    window.select_plan(bo.id)
    header = window.table.horizontalHeader()
    name_column = COLUMNS.index("name")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.rect().topLeft() + QPoint(header.sectionPosition(name_column) + 20, 5))
    assert [cell(window, r, "name") for r in range(3)] == ["Anna Holm", "Bo Jensen",
                                                           "Carl Nørgaard"]
    assert window.selected_summary().id == bo.id
    window.table.sortByColumn(name_column, Qt.SortOrder.DescendingOrder)
    assert cell(window, 0, "name") == "Carl Nørgaard"
    assert window.selected_summary().id == bo.id
    assert window.table.currentIndex().row() == 1


def test_english_ui_when_chosen(make_window, add_plan):
    from planbro.translation import set_language

    add_plan("Anna Holm", follow_up=TODAY.replace(month=5, day=1))
    set_language("en")
    window = make_window()
    assert window.proxy.headerData(0, Qt.Orientation.Horizontal) == "Citizen"
    assert cell(window, 0, "status") == "draft"
    assert cell(window, 0, "follow_up") == "1 May 2027"
    assert [a.text() for a in window.menuBar().actions()] == ["&Plan", "&File", "T&ools", "&Help"]


def test_a_plan_not_updated_for_12_months_says_so_in_the_caseload(qtbot, make_window, add_plan,
                                                                   store):
    """#12: a plan neither followed up nor revised for 12 months is flagged in the caseload
    as well as in the check."""
    from planbro.model.plan import Duration

    add_plan("Dorte Gammel", duration=Duration(start=TODAY - timedelta(days=400),
                                               expected_end=TODAY + timedelta(days=300)))
    fresh = add_plan("Anna Holm")
    store.record_follow_up(fresh.id, FollowUpEntry(TODAY - timedelta(days=20), "continue", "Godt."),
                           TODAY + timedelta(days=60))
    window = make_window()
    window.start_quality()
    qtbot.waitUntil(lambda: not window.quality.running(), timeout=10000)
    old = row_of(window, "Dorte Gammel")
    assert cell(window, old, "quality") == "Ikke opdateret i 12 mdr."
    assert "hverken fulgt op eller revideret" in cell(window, old, "quality",
                                                      Qt.ItemDataRole.ToolTipRole)
    assert cell(window, row_of(window, "Anna Holm"), "quality") != "Ikke opdateret i 12 mdr."


def test_a_consent_without_its_parts_is_said_in_the_quality_tooltip(qtbot, make_window, add_plan,
                                                                     store, example_plan):
    """A consent recorded before the parts of the plan were ticked covers none of them: the
    caseload says so for its partner, beside the counts."""
    import copy

    partners = copy.deepcopy(example_plan.partners)
    partners[2].consent.sections = []
    anna = add_plan("Anna Holm", partners=partners)
    store.record_follow_up(anna.id, FollowUpEntry(date(2027, 1, 20), "continue", "Godt i gang."),
                           TODAY + timedelta(days=60))
    window = make_window()
    window.quality.run_all()
    assert cell(window, 0, "quality") == "Advarsler"
    tip = cell(window, 0, "quality", Qt.ItemDataRole.ToolTipRole)
    first, counts = tip.split("\n")
    assert first.startswith("Samtykket til Kim Jeppesen (Forsorgshjemmet Skovbrynet) angiver "
                            "ikke, hvilke dele af planen der må deles.")
    assert "0 fejl og 1 advarsler" in counts
