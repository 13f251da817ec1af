"""The window "Overblik": the team leader's figures for a period and a unit or caseworker.

Every figure is planbro.overview's, through actions/overview.py (overview_of): the window only
presents them, a page per area (sections.py), and lists the plans behind a figure (drill.py).
The figures follow the period and the scope: a date box counts when it is left or Enter is
pressed, the scope when it is chosen. The store's summaries are read when the window opens
and on Opdatér (F5), not at each change, so a new period costs only the figures.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, cast

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planbro.translation import _

from planbro.storage import PlanSummary, Store, StoreError

from planbro.overview import Item, Overview
from planbro.overview.presenting import heading, small_groups_note, title

from planbro.actions.overview import overview_of, period_problem

from planbro.ui.common.colours import ERROR_COLOUR
from planbro.ui.common.date_box import DateBox, PickDate
from planbro.ui.overview.drill import DrillDialog, rows_of
from planbro.ui.overview.sections import VALUE_NAME, area_page

# The size the window opens with, in widths of "0" and lines (grows with the scaling).
START_CHARS, START_LINES = 110, 38
# The scope "the whole store", and the kinds of scope a choice holds.
ALL, UNIT, WORKER = "", "unit", "caseworker"


class _Snapshot:
    """The store with its summaries as read once: compute() reads them for each period.
    When the overview makes facts again (an upgrade changed a rule, the municipality its
    policy: renew_facts), the summaries are read again once, so the figures of this and
    every later period count from the facts kept, and no plan is read one by one."""

    def __init__(self, store: Store, summaries: list[PlanSummary]):
        self._store, self._summaries = store, summaries

    def summaries(self) -> list[PlanSummary]:
        return self._summaries

    def renew_facts(self, plan_ids: list[str], facts: Any = None) -> int:
        renew = getattr(self._store, "renew_facts", None)
        made = int(renew(plan_ids, facts)) if renew is not None else 0
        if made:
            self._summaries = self._store.summaries()
        return made

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def scopes(summaries: list[PlanSummary]) -> tuple[list[str], list[str]]:
    """The units and the caseworkers the store's plans name, each sorted: the team store's
    summaries name them, a local store's facts do."""
    units, workers = set(), set()
    for summary in summaries:
        facts = summary.overview if isinstance(summary.overview, dict) else {}
        unit = (summary.unit or facts.get("unit") or "").strip()
        worker = (summary.caseworker or facts.get("cw") or "").strip()
        if unit:
            units.add(unit)
        if worker:
            workers.add(worker)
    return sorted(units, key=str.casefold), sorted(workers, key=str.casefold)


def _scope_data(kind: str, name: str) -> str:
    """A scope as the picker holds it: its kind and name in one text."""
    return f"{kind}\t{name}"


class OverviewWindow(QWidget):
    """Overblik over `store`. `open_plan(plan_id)` opens a plan as the caseload does;
    `may_list` says whether the user may see the plans behind a figure."""

    def __init__(self, store: Store, *, open_plan: Callable[[str], object] | None = None,
                 pick_date: PickDate | None = None, today: date | None = None,
                 may_list: bool = True, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("overview_window")
        self.store, self.open_plan, self.may_list = store, open_plan, may_list
        self.today = today or date.today()
        self._summaries: list[PlanSummary] = []
        self.overview: Overview | None = None
        # The period and scope the figures shown are of, so leaving a box unchanged counts
        # nothing again.
        self._shown: tuple | None = None
        self.drill: DrillDialog | None = None
        self.setWindowTitle(_("Overview – Planbro"))
        self._build(pick_date)
        metrics = self.fontMetrics()
        self.resize(metrics.horizontalAdvance("0") * START_CHARS,
                    metrics.lineSpacing() * START_LINES)
        self.refresh()

    # -- building ----------------------------------------------------------
    def _build(self, pick_date: PickDate | None) -> None:
        layout = QVBoxLayout(self)
        caption = QLabel(title(), self)
        font = caption.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        caption.setFont(font)
        layout.addWidget(caption)

        row = QHBoxLayout()
        self.start_box = DateBox(_("Period from"), pick_date, self)
        self.start_box.setObjectName("overview_start")
        self.start_box.edit.setToolTip(_("Empty: from the first plan"))
        self.end_box = DateBox(_("Period to"), pick_date, self)
        self.end_box.setObjectName("overview_end")
        self.end_box.set_value(self.today)
        self.scope = QComboBox(self)
        self.scope.setObjectName("overview_scope")
        self.scope.setAccessibleName(_("Unit or caseworker"))
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.refresh_button = QPushButton(_("&Refresh"), self)
        self.refresh_button.setObjectName("overview_refresh")
        self.refresh_button.setToolTip(_("Read the plans again (F5)"))
        self.refresh_button.setAutoDefault(False)
        for text, widget in ((_("&From:"), self.start_box), (_("&To:"), self.end_box),
                             (_("&Unit or caseworker:"), self.scope)):
            label = QLabel(text, self)
            label.setBuddy(widget.edit if isinstance(widget, DateBox) else widget)
            row.addWidget(label)
            row.addWidget(widget)
            row.addSpacing(8)
        row.addStretch(1)
        row.addWidget(self.refresh_button)
        layout.addLayout(row)

        self.problem = QLabel(self)
        self.problem.setObjectName("overview_problem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.heading = QLabel(self)
        self.heading.setObjectName("overview_heading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.heading)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("overview_areas")
        self.tabs.setAccessibleName(_("Areas of the overview"))
        # Room under the tabs' words: Fusion's own tab cut the descenders (g, j) off at 100 %.
        self.tabs.tabBar().setStyleSheet("QTabBar::tab { padding: 0.35em 0.9em; }")
        layout.addWidget(self.tabs, 1)
        note = QLabel(small_groups_note(), self)
        note.setObjectName("overview_note")
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(note)

        self.setTabOrder(self.start_box.edit, self.end_box.edit)
        self.setTabOrder(self.end_box.edit, self.scope)
        self.setTabOrder(self.scope, self.refresh_button)
        self.setTabOrder(self.refresh_button, self.tabs)
        for box in (self.start_box, self.end_box):
            box.finished.connect(self.update_figures)
        self.scope.currentIndexChanged.connect(lambda _i: self.update_figures())
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

    # -- figures -----------------------------------------------------------
    def refresh(self) -> None:
        """Read the store's summaries again, then the figures."""
        try:
            self._summaries = self.store.summaries()
        except StoreError as error:
            self._say(str(error))
            return
        self._fill_scopes()
        self._shown = None
        self.update_figures()

    def _fill_scopes(self) -> None:
        chosen = self.scope.currentData()
        units, workers = scopes(self._summaries)
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem(_("All the plans you may see"), _scope_data(ALL, ""))
        for unit in units:
            self.scope.addItem(_("Unit: {unit}").format(unit=unit), _scope_data(UNIT, unit))
        for worker in workers:
            self.scope.addItem(_("Caseworker: {name}").format(name=worker),
                               _scope_data(WORKER, worker))
        index = self.scope.findData(chosen) if chosen is not None else -1
        self.scope.setCurrentIndex(max(index, 0))
        self.scope.blockSignals(False)

    def choose_scope(self, kind: str, name: str = "") -> bool:
        """Choose the unit or caseworker `name` (kind UNIT or WORKER), or ALL; False when the
        store names no such one."""
        index = self.scope.findData(_scope_data(kind, name if kind else ""))
        if index >= 0:
            self.scope.setCurrentIndex(index)
        return index >= 0

    def _period(self) -> tuple[date | None, date] | None:
        """The period typed, or None after saying what is wrong with it."""
        for box in (self.start_box, self.end_box):
            problem = box.problem()
            if problem:
                self._say(f"{box.name}: {problem}")
                return None
        end = self.end_box.value()
        if end is None:
            self.end_box.set_value(self.today)
            end = self.today
        start = self.start_box.value()
        wrong = period_problem(start, end)
        if wrong is not None:
            box = self.start_box if wrong[0] == "start" else self.end_box
            self._say(f"{box.name}: {wrong[1]}")
            return None
        return start, end

    def update_figures(self) -> None:
        """The figures of the period and scope chosen, when they are not the ones shown."""
        period = self._period()
        if period is None:
            return
        start, end = period
        kind, _tab, name = (self.scope.currentData() or "").partition("\t")
        wanted = (start, end, kind, name)
        if wanted == self._shown:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            snapshot = _Snapshot(self.store, self._summaries)
            overview = overview_of(cast(Store, snapshot),
                                   start=start, end=end, today=self.today,
                                   unit=name if kind == UNIT else "",
                                   caseworker=name if kind == WORKER else "",
                                   notice=self._notice)
            self._summaries = snapshot.summaries()
        except ValueError as error:
            self._say(f"{self.end_box.name}: {error}")
            return
        except StoreError as error:
            self._say(str(error))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._shown = wanted
        self.show_overview(overview)

    def show_overview(self, overview: Overview) -> None:
        self.overview = overview
        self.problem.hide()
        self.heading.setText("  ·  ".join(heading(overview)))
        current = self.tabs.currentIndex()
        self.setUpdatesEnabled(False)
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if page is not None:
                # Out of the tree at once (value_of finds only the figures shown).
                page.setParent(None)
                page.deleteLater()
        for area in overview.areas:
            self.tabs.addTab(area_page(area, self.may_list, self.show_plans), area.title)
        self.tabs.setCurrentIndex(max(current, 0))
        self.setUpdatesEnabled(True)

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def _notice(self, text: str) -> None:
        """Why the figures take time (the facts made again): shown at once, before the work
        that holds the window; show_overview hides it with the figures."""
        self._say(text)
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    # -- the plans behind a figure ----------------------------------------
    def value_of(self, key: str) -> QWidget | None:
        """The widget that shows the figure `key` (a button or a label); None if none."""
        return self.tabs.findChild(QWidget, VALUE_NAME.format(key=key))

    def show_plans(self, item: Item) -> DrillDialog:
        """List the plans behind `item` (sections.may_drill decided that it may be)."""
        known = {summary.id: summary for summary in self._summaries}
        if self.drill is not None:
            # One list at a time: the figure chosen last.
            self.drill.close()
            self.drill.deleteLater()
        self.drill = DrillDialog(item.label, rows_of(item.plans, known), self.open_plan, self)
        self.drill.show()
        self.drill.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return self.drill
