"""The steps down the side of the wizard, and the save status below them.

The current step is bold; the steps a plan skips (a declined offer) are
greyed and slanted and cannot be chosen. Any step on the plan's route opens
with a click, or with Enter or Space once chosen with the arrow keys; F6
reaches the list from anywhere in the wizard. Opening a step goes the way
the links in Gennemgang go (PlanWizard.open_step): what was typed is
written back and nothing is checked on the way, so a caseworker can go
straight to Samarbejdsparter at a meeting.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetrics, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from planbro.translation import _

from planbro.ui.wizard.pages import step_title

# Keys that open the chosen step; Return would otherwise also press Næste.
OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
# The key that moves to the step list (Windows' "next pane" key).
LIST_KEY = Qt.Key.Key_F6
# What an item may do when its step is on the plan's route, and when not.
ON_ROUTE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
OFF_ROUTE = Qt.ItemFlag.NoItemFlags


class StepList(QWidget):
    def __init__(self, wizard):
        super().__init__(wizard)
        self.wizard = wizard
        layout = QVBoxLayout(self)
        self._layout = layout
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Steps"))
        key = QKeySequence(LIST_KEY).toString(QKeySequence.SequenceFormat.NativeText)
        hint = _("Choose a step and press Enter to open it. {key} moves here.").format(key=key)
        self.list.setAccessibleDescription(hint)
        self.list.setToolTip(hint)
        texts = [f"{step.number}. {step.title.get()}" for step in wizard.defs.steps]
        self.list.addItems(texts)
        # Wide enough for the current step, which is shown in bold.
        bold = QFont(self.list.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMinimumWidth(max(metrics.horizontalAdvance(t) for t in texts)
                                  + 2 * self.list.frameWidth() + metrics.lineSpacing())
        self.list.itemClicked.connect(self._clicked)
        self.list.installEventFilter(self)
        layout.addWidget(self.list, 1)
        # What the labels' marks mean, said once for every step (forms/: FieldDef.mark).
        self.marks = QLabel(_("* must be filled in: Next waits for it, or the plan cannot be "
                              "signed without it.\n° should be filled in: Review lists it as "
                              "missing."), self)
        self.marks.setObjectName("marks")
        self.marks.setWordWrap(True)
        layout.addWidget(self.marks)
        shortcut = QShortcut(QKeySequence(LIST_KEY), wizard)
        shortcut.activated.connect(lambda: self.list.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Save status"))
        layout.addWidget(self.status)
        self._shown = None
        self._on_route: frozenset[int] = frozenset()

    def add_below(self, widget: QWidget) -> None:
        """Put `widget` under the save status (the connection line, a lease's banner)."""
        self._layout.addWidget(widget)

    def show_route(self, current: int, on_route: set[int]) -> None:
        state = (current, frozenset(on_route))
        if state == self._shown:
            return
        self._shown = state
        self._on_route = state[1]
        palette = self.palette()
        skipped = QBrush(palette.color(QPalette.ColorRole.PlaceholderText))
        normal = QBrush(palette.color(QPalette.ColorRole.Text))
        steps = self.wizard.defs.steps
        for i in range(self.list.count()):
            item = self.list.item(i)
            font = QFont(self.list.font())
            font.setBold(i == current)
            # Steps the plan skips (a declined offer) are shown greyed and slanted.
            font.setItalic(i not in on_route)
            item.setFont(font)
            item.setForeground(normal if i in on_route else skipped)
            item.setFlags(ON_ROUTE if i in on_route else OFF_ROUTE)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, self._spoken(i, current, steps))
        self.list.setCurrentRow(current)

    def _spoken(self, i: int, current: int, steps) -> str:
        """What a screen reader says for step i: its title, and whether it is here or skipped."""
        title = step_title(steps[i], len(steps))
        if i == current:
            return _("{step} (current step)").format(step=title)
        if i not in self._on_route:
            return _("{step} (skipped for this plan)").format(step=title)
        return title

    def _clicked(self, item: QListWidgetItem) -> None:
        self._open(self.list.row(item))

    def _open(self, row: int) -> None:
        if row in self._on_route:
            self.wizard.open_step(row)

    def eventFilter(self, watched, event):
        if watched is self.list and event.type() == QEvent.Type.KeyPress and event.key() in OPEN_KEYS:
            self._open(self.list.currentRow())
            return True
        return False
