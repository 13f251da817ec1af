"""Overblik … in the caseload's Funktioner menu (Ctrl+Shift+O): opens the overview window over
the caseload's store, one window at a time.

A plan chosen in the overview's list opens as from the caseload: its open action (the wizard,
read-only where the caseload would open it so, recorded as a view).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from planbro.translation import _

from planbro.ui import actions_plan
from planbro.ui.overview.window import OverviewWindow

# The action's shortcut: O for Overblik (Ctrl+O is Åbn).
SHORTCUT = "Ctrl+Shift+O"


def install(window) -> OverviewLauncher:
    """The Overblik action of the caseload `window` (a CaseloadWindow, not imported here)."""
    return OverviewLauncher(window)


class OverviewLauncher(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.shown: OverviewWindow | None = None
        self.action = QAction(_("O&verview…"), window)
        self.action.setObjectName("action_overview")
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        tip = _("Figures of the plans for a period and a unit: offers, follow-up, quality, "
                "goals and services")
        self.action.setStatusTip(tip)
        self.action.setToolTip(f"{tip} ({SHORTCUT})")
        self.action.triggered.connect(lambda _checked=False: self.open())
        window.addAction(self.action)
        tools = next((action.menu() for action in window.menuBar().actions()
                      if action.text() == _("T&ools")), None)
        if tools is not None:
            first = tools.actions()[0] if tools.actions() else None
            tools.insertAction(first, self.action)
            tools.insertSeparator(first)

    def open(self) -> OverviewWindow:
        """Show the overview window (made again, so it shows the store as it is now)."""
        if self.shown is not None:
            self.shown.close()
            self.shown.deleteLater()
        window = self.window
        self.shown = OverviewWindow(window.store, open_plan=self.open_plan,
                                    pick_date=window.dialogs.pick_date,
                                    today=getattr(window.model, "today", None), parent=window)
        self.shown.show()
        self.shown.activateWindow()
        return self.shown

    def open_plan(self, plan_id: str):
        """Open the plan `plan_id` as the caseload's Åbn does."""
        window = self.window
        plan = actions_plan.guard(window, _("Open plan"), lambda: window.store.get(plan_id))
        if plan is None:
            return None
        # Shown selected in the caseload too, when its filters show it.
        window.select_plan(plan_id)
        return actions_plan.show_plan(window, window.plan_actions, plan)
