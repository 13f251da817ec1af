"""The main window "Planbro": the caseworker's caseload and what to do with it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planbro.translation import _, ngettext

from planbro.ui import caseload_purpose
from planbro.ui.actions import PlanActions
from planbro.ui.caseload_filter import CaseloadFilter
from planbro.ui.caseload_model import COLUMNS, SUMMARY_ROLE, CaseloadModel
from planbro.ui.caseload_quality import QualityScheduler
from planbro.ui.common.dialogs import Dialogs
from planbro.ui.common.qt_dialogs import QtDialogs

# Width the window opens with, in device-independent pixels (fits 1366×768 laptops).
START_SIZE = (1180, 640)
# Statuses offered in the status filter, after "all".
STATUS_CHOICES = ("draft", "signed", "closed")


class CaseloadWindow(QMainWindow):
    """Shows store.summaries(); every action goes through PlanActions."""

    # Emitted once the caseload has been painted for the first time.
    first_painted = Signal()

    def __init__(self, store, settings=None, dialogs: Dialogs | None = None,
                 today: date | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.dialogs = dialogs or QtDialogs()
        # The file dialogs start where the last one ended, also after a restart.
        self.dialogs.folders.recall(settings.last_folder if settings else "", self._folder_used)
        self.setWindowTitle("Planbro")
        self.setObjectName("caseload_window")
        if getattr(store, "audit", None) is not None:
            # Told once, in a message box: the audit log's failure policy.
            store.audit.on_failure = lambda text: self.dialogs.warn(self, _("Audit log"), text)
            # A change saved while its record waits for the log: said in the status bar.
            store.audit.on_waiting = self._record_waits
        # Why the last record that waits for the log waits ("" when none was told).
        self._waiting_note = ""
        self._fit_to_screen()

        self.model = CaseloadModel(store.summaries(), today=today, parent=self)
        # Case files that cannot be read (the user said Nej to their backup at the start):
        # told in the status bar, so a plan never disappears without a word.
        self.damaged = list(store.corrupt)
        self.proxy = CaseloadFilter(self)
        self.proxy.setSourceModel(self.model)
        self.quality = QualityScheduler(self.model, lambda plan_id: self.store.get(plan_id),
                                        parent=self)
        self._painted = False
        # The caseload shows every citizen's name: recorded once, when first shown.
        self._caseload_recorded = False
        # Hjælp's windows (help_windows.py), made when first asked for.
        self.help_windows: dict[str, QWidget] = {}

        self._build_widgets()
        self.plan_actions = PlanActions(self)
        self.plan_actions.install(self.menuBar(), self.addToolBar(_("Actions")))
        self._connect()
        # Overblik … in Funktioner, the team leader's figures (caseload_overview.py).
        from planbro.ui import caseload_overview
        self.overview = caseload_overview.install(self)
        # The team store's views, leases and hand-over (caseload_team.py); None locally.
        from planbro.ui import caseload_team
        self.team = caseload_team.install(self)
        # "Ikke forbundet – gemmes lokalt" in the status bar (ui/common/connection_banner.py).
        from planbro.ui.common.connection_banner import ConnectionBanner
        self.connection = ConnectionBanner(lambda: self.store, self)
        self.statusBar().addPermanentWidget(self.connection)
        self.connection.sent.connect(lambda: self.refresh())
        self.table.sortByColumn(COLUMNS.index("follow_up"), Qt.SortOrder.AscendingOrder)
        self._select_first()
        self._update_status()
        self.plan_actions.update_enabled()

    # -- building ----------------------------------------------------------
    def _fit_to_screen(self) -> None:
        # START_SIZE grows with the display scaling; never beyond the screen.
        width, height = START_SIZE
        screen = self.screen()
        if screen is not None:
            area = screen.availableGeometry()
            width = min(width, int(area.width() * 0.95))
            height = min(height, int(area.height() * 0.9))
        self.resize(width, height)

    def _build_widgets(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)

        self.banner = QLabel(central)
        self.banner.setObjectName("read_only_banner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setStyleSheet(
            "QLabel#read_only_banner { background: #fff4ce; color: #3d2e00;"
            " border: 1px solid #c9a400; border-radius: 4px; padding: 8px; }")
        self.banner.setAccessibleName(_("Notice"))
        self.banner.hide()
        layout.addWidget(self.banner)

        filters = QHBoxLayout()
        self.search = QLineEdit(central)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(_("Name or CPR number"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search by name or CPR number"))
        search_label = QLabel(_("&Search:"), central)
        search_label.setBuddy(self.search)
        filters.addWidget(search_label)
        filters.addWidget(self.search, 2)

        self.status_filter = QComboBox(central)
        self.status_filter.setObjectName("status_filter")
        self.status_filter.addItem(_("All"), "")
        from planbro.model.labels import status_label
        for status in STATUS_CHOICES:
            self.status_filter.addItem(status_label(status).capitalize(), status)
        self.status_filter.setAccessibleName(_("Show plans with status"))
        status_label_widget = QLabel(_("S&tatus:"), central)
        status_label_widget.setBuddy(self.status_filter)
        filters.addSpacing(12)
        filters.addWidget(status_label_widget)
        filters.addWidget(self.status_filter)

        self.overdue_only = QCheckBox(_("Follow-up &overdue"), central)
        self.overdue_only.setObjectName("overdue_only")
        self.overdue_only.setToolTip(_("Show only plans whose follow-up date has passed"))
        self.action_only = QCheckBox(_("&Needs action"), central)
        self.action_only.setObjectName("action_only")
        self.action_only.setToolTip(_("Show only open plans with an overdue follow-up or a "
                                      "remark from the quality check"))
        filters.addSpacing(12)
        filters.addWidget(self.overdue_only)
        filters.addWidget(self.action_only)
        filters.addStretch(1)
        # What this session's views and documents are for, recorded in the audit log.
        purpose_label, self.purpose = caseload_purpose.build(self, central)
        filters.addWidget(purpose_label)
        filters.addWidget(self.purpose)
        layout.addLayout(filters)

        self.table = QTableView(central)
        self.table.setObjectName("caseload")
        self.table.setAccessibleName(_("Caseload"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # Tab leaves the table for the next widget instead of walking its cells.
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COLUMNS.index("name"), QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        widths = {"cpr": 12, "status": 25, "version": 8, "updated": 19, "follow_up": 17,
                  "quality": 14}
        char = self.table.fontMetrics().averageCharWidth()
        for column, chars in widths.items():
            self.table.setColumnWidth(COLUMNS.index(column), chars * char + 24)
        layout.addWidget(self.table, 1)

        self.empty_hint = QLabel(central)
        self.empty_hint.setObjectName("empty_hint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        layout.addWidget(self.empty_hint)

        self.setCentralWidget(central)
        self.setTabOrder(self.search, self.status_filter)
        self.setTabOrder(self.status_filter, self.overdue_only)
        self.setTabOrder(self.overdue_only, self.action_only)
        self.setTabOrder(self.action_only, self.purpose)
        self.setTabOrder(self.purpose, self.table)
        self.table.viewport().installEventFilter(self)

    def _connect(self) -> None:
        self.search.textChanged.connect(self.proxy.set_text)
        self.status_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_status(self.status_filter.currentData()))
        self.overdue_only.toggled.connect(self.proxy.set_overdue_only)
        self.action_only.toggled.connect(self.proxy.set_action_only)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved,
                       self.proxy.modelReset, self.proxy.layoutChanged):
            signal.connect(self._after_filter)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_a: self.plan_actions.update_enabled())
        self.table.activated.connect(lambda _index: self.plan_actions.open_plan())
        # Ctrl+F jumps to the search field, Escape there clears it.
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self._focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self.search.clear,
                  context=Qt.ShortcutContext.WidgetShortcut)

    # -- state -------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        return bool(getattr(self.store, "read_only", False))

    def _folder_used(self, folder: str) -> None:
        """Keep the file dialogs' last folder in the settings, for the next start."""
        from planbro.settings import save_settings

        if self.settings is not None and self.settings.last_folder != folder:
            self.settings.last_folder = folder
            save_settings(self.settings)

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    def selected_summary(self):
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return rows[0].data(SUMMARY_ROLE)

    def select_plan(self, plan_id: str) -> bool:
        row = self.model.row_of(plan_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def refresh(self, select_id: str | None = None) -> None:
        """Reread the summaries (after a change), keeping or moving the selection."""
        current = self.selected_summary()
        self.model.set_summaries(self.store.summaries())
        self.damaged = list(self.store.corrupt)
        target = select_id or (current.id if current else None)
        if not (target and self.select_plan(target)):
            self._select_first()
        self._update_status()
        self.plan_actions.update_enabled()
        self.quality.start()

    def plan_changed(self, plan_id: str) -> None:
        """A plan was saved here: check its quality again and show it selected."""
        self.model.forget_quality(plan_id)
        self.refresh(select_id=plan_id)

    def start_quality(self) -> None:
        self.quality.start()

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _select_first(self) -> None:
        if self.proxy.rowCount() and not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)

    def _after_filter(self, *args) -> None:
        if not self.table.selectionModel().selectedRows():
            self._select_first()
        self._update_status()
        self.plan_actions.update_enabled()

    def _record_waits(self, text: str) -> None:
        self._waiting_note = text
        self._update_status()

    def _waiting_records(self) -> int:
        """Records of changes that wait in the data folder for the log (planbro.audit.waiting)."""
        from planbro.audit import waiting

        return len(waiting.files(self.store.data_dir)) if self._waiting_note else 0

    def _update_status(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        overdue = sum(1 for summary in self.model.summaries()
                      if self.model.follow_up_state(summary) == "overdue")
        text = ngettext("{count} plan", "{count} plans", total).format(count=total)
        if shown != total:
            text = _("{shown} of {text} shown").format(shown=shown, text=text)
        if overdue:
            text += " · " + ngettext("{count} follow-up overdue", "{count} follow-ups overdue",
                                     overdue).format(count=overdue)
        if self.read_only:
            text += " · " + _("read-only")
        if self.damaged:
            text += " · " + ngettext(
                "{count} data file cannot be read – restart Planbro to restore it from its "
                "backup (or: planbro restore)",
                "{count} data files cannot be read – restart Planbro to restore them from "
                "their backups (or: planbro restore)", len(self.damaged)).format(
                    count=len(self.damaged))
        waiting = self._waiting_records()
        if waiting:
            text += " · " + ngettext(
                "{count} change is saved, but its line in the audit log is waiting",
                "{count} changes are saved, but their lines in the audit log are waiting",
                waiting).format(count=waiting)
        notes = [str(error) for error in self.damaged]
        self.statusBar().setToolTip("\n\n".join(notes + ([self._waiting_note] if waiting else [])))
        self.statusBar().showMessage(text)
        if total == 0:
            self.empty_hint.setText(_("No plans yet. Choose New plan (Ctrl+N) to write the first one."))
            self.empty_hint.show()
        elif shown == 0:
            self.empty_hint.setText(_("No plans match the search and filters."))
            self.empty_hint.show()
        else:
            self.empty_hint.hide()

    # -- events ------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._caseload_recorded:
            self._caseload_recorded = True
            # A view: shown even when the log fails, which is told once.
            self.store.record("caseload", None)

    def eventFilter(self, watched, event) -> bool:
        from PySide6.QtCore import QEvent
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            # After this paint, not inside it: listeners may quit the app.
            from PySide6.QtCore import QTimer
            QTimer.singleShot(0, self.first_painted.emit)
        return super().eventFilter(watched, event)

    def closeEvent(self, event) -> None:
        self.quality.stop()
        self.plan_actions.close_wizards()
        for shown in self.help_windows.values():
            shown.close()
        super().closeEvent(event)
