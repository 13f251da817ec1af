"""The plans behind one figure of the overview: a list to open them from.

The figure keeps its plans' ids (overview/figures.py); this lists those the store gives the
user (its summaries: on a local store the caseworker's own, on the team store those the user
may read), with the citizen's name, the masked CPR number, the status and the next follow-up,
as the caseload shows them. Enter, a double click or "Åbn" opens the chosen plan through the
callback the window was given: the caseload's own open action, so it is recorded as a view
and opens in the wizard as from the caseload. Not modal: the overview stays usable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planbro.translation import _, ngettext

from planbro.model.labels import day_label, listed_status_label

from planbro.storage import PlanSummary

# The role that holds a row's plan id.
PLAN_ID_ROLE = Qt.ItemDataRole.UserRole
# The size the list opens with, in widths of "0" and lines.
START_CHARS, START_LINES = 90, 32


def rows_of(plan_ids: Sequence[str], summaries: dict[str, PlanSummary]) -> list[PlanSummary]:
    """The summaries of `plan_ids` by the citizen's name, as the caseload lists them (the
    overview's own order is the store's); ids the store does not give are left out."""
    return sorted((summaries[plan_id] for plan_id in plan_ids if plan_id in summaries),
                  key=lambda summary: (summary.name.casefold(), summary.id))


def status_text(summary: PlanSummary) -> str:
    """The plan's status as the caseload writes it: a declined offer as such, with its day."""
    return listed_status_label(summary.status, summary.signed_version, decision=summary.decision,
                               offer_date=summary.offer_date, show=day_label,
                               journalised=summary.journalised).capitalize()


def reminder_text(summary: PlanSummary) -> str:
    """The next day something is due, as the caseload has it: after a declined offer the
    day to offer the plan again, else the next follow-up."""
    text = day_label(summary.reminder)
    return text + " " + _("(offer again)") if summary.offer_again_due else text


class DrillDialog(QDialog):
    """The plans behind the figure `label`; `open_plan(plan_id)` opens one."""

    def __init__(self, label: str, rows: list[PlanSummary],
                 open_plan: Callable[[str], object] | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("overview_drill")
        self.open_plan = open_plan
        self.setWindowTitle(_("The plans behind «{figure}»").format(figure=label))
        layout = QVBoxLayout(self)
        intro = QLabel(ngettext("{count} plan behind «{figure}». Choose one and press Enter to "
                                "open it.",
                                "{count} plans behind «{figure}». Choose one and press Enter "
                                "to open it.", len(rows)).format(count=len(rows), figure=label),
                       self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        self.table = QTableWidget(len(rows), 4, self)
        self.table.setObjectName("overview_drill_plans")
        self.table.setAccessibleName(_("The plans behind the figure"))
        self.table.setHorizontalHeaderLabels(
            [_("Citizen"), _("CPR number"), _("Status"), _("Next follow-up")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, summary in enumerate(rows):
            cells = (summary.name or _("(no name)"), summary.cpr_masked,
                     status_text(summary), reminder_text(summary))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(PLAN_ID_ROLE, summary.id)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _index: self.open_chosen())
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(self)
        # Not an accept button and no default: Enter in the list opens the plan once (the
        # list's activated), not a second time through a default button.
        self.open_button = buttons.addButton(_("&Open"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setObjectName("overview_drill_open")
        self.open_button.setEnabled(bool(rows) and open_plan is not None)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(_("&Close"))
        for button in (self.open_button, close):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.open_button.clicked.connect(self.open_chosen)
        close.clicked.connect(self.close)
        layout.addWidget(buttons)
        if rows:
            self.table.selectRow(0)
        metrics = self.fontMetrics()
        self.resize(metrics.horizontalAdvance("0") * START_CHARS,
                    metrics.lineSpacing() * START_LINES)

    def chosen_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(PLAN_ID_ROLE) if rows else None

    def open_chosen(self) -> None:
        plan_id = self.chosen_id()
        if plan_id is not None and self.open_plan is not None:
            self.open_plan(plan_id)
