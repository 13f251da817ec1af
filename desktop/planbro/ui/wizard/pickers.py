"""Editors that choose rather than type: picklists (fixed or open), tick
boxes, and the goals a service supports."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QWidget,
)

from planbro.translation import _

from planbro.model.plan import SERVICE_PREFIX
from planbro.model.text import clean_text

from planbro.ui.wizard.fields import FieldEditor, row_height
from planbro.ui.wizard.values import service_pick

# Goals the goal list of a service shows before it scrolls.
GOAL_ROWS = 6
# Entries a list of ticks shows before it scrolls: all the parts of a plan a consent
# may cover (13) are seen at once, so none is ticked or left out unseen.
PICK_ROWS = 16
# The events by which a tick box is ticked: what a read-only one ignores.
_CHANGING = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
             QEvent.Type.KeyPress, QEvent.Type.KeyRelease)


class _ShownChoice:
    """Read-only, a picklist is shown as its chosen text in a read-only line:
    dark and selectable, with no list to open (#9.13)."""

    combo: QComboBox
    shown: QLineEdit
    read_only: bool

    def _make_shown(self, parent: QWidget) -> QLineEdit:
        self.shown = QLineEdit(parent)
        self.shown.setReadOnly(True)
        self.shown.hide()
        return self.shown

    def _show_choice(self) -> None:
        self.shown.setText(self.combo.currentText())
        self.shown.setCursorPosition(0)
        # As wide as the list it stands for, so the chosen text is not cut.
        text = self.shown.fontMetrics().horizontalAdvance(self.shown.text()) + 4 * self.shown.fontMetrics().averageCharWidth()
        self.shown.setMinimumWidth(max(self.combo.sizeHint().width(), text))
        self.shown.setAccessibleName(self.combo.accessibleName())
        self.combo.setVisible(not self.read_only)
        self.shown.setVisible(self.read_only)


class ChoiceEditor(_ShownChoice, FieldEditor):
    """A fixed picklist; the chosen entry's explanation is shown below it."""

    def build(self) -> None:
        self.combo = QComboBox(self)
        if self.fdef.allow_empty:
            self.combo.addItem(self.fdef.allow_empty.get(), None)
        for choice in self.fdef.choices:
            self.combo.addItem(choice.label.get(), choice.value)
            if choice.help:
                self.combo.setItemData(self.combo.count() - 1, choice.help.get(),
                                       Qt.ItemDataRole.ToolTipRole)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.combo.currentIndexChanged.connect(self._explain)
        self.combo.currentIndexChanged.connect(self.emit_changed)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo)
        row.addWidget(self._make_shown(self))
        row.addStretch(1)
        self.box.addLayout(row)
        self.box.addWidget(self.explain)
        self._explain()

    def set_read_only(self, on: bool) -> None:
        super().set_read_only(on)
        self._show_choice()

    def _explain(self, *_args) -> None:
        choice = next((c for c in self.fdef.choices if c.value == self.combo.currentData()), None)
        text = choice.help.get() if choice and choice.help else ""
        self.explain.setText(text)
        self.explain.setVisible(bool(text))

    def focus_widget(self) -> QWidget:
        return self.combo

    def load_value(self, value, root) -> None:
        index = self.combo.findData(value)
        if index < 0 and value is not None:
            # A value from an older picklist is kept, not silently replaced.
            self.combo.addItem(str(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(index, 0))
        self._explain()
        self._show_choice()

    def value(self):
        return self.combo.currentData()


class ComboEditor(_ShownChoice, FieldEditor):
    """A picklist that also takes free text, e.g. a legal basis not in the list."""

    def build(self) -> None:
        self.combo = QComboBox(self)
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for choice in self.fdef.choices:
            self.combo.addItem(choice.label.get(), choice.value)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.combo.setMinimumContentsLength(20)
        # The stored value ("Serviceloven § 85 a") replaces the longer label.
        self.combo.activated.connect(self._chosen)
        self.combo.editTextChanged.connect(self.emit_changed)
        line = self.combo.lineEdit()
        if line is not None:  # always: an editable combo box has its line
            line.editingFinished.connect(self.leave)
        self.box.addWidget(self.combo)
        self.box.addWidget(self._make_shown(self))

    def set_read_only(self, on: bool) -> None:
        super().set_read_only(on)
        self._show_choice()

    def _chosen(self, index: int) -> None:
        value = self.combo.itemData(index)
        if value:
            self.combo.setEditText(value)

    def focus_widget(self) -> QWidget:
        return self.combo

    def load_value(self, value, root) -> None:
        self.combo.setCurrentIndex(-1)
        self.combo.setEditText(value or "")
        self._show_choice()

    def value(self):
        text = clean_text(self.combo.currentText()).strip()
        for choice in self.fdef.choices:
            if text == choice.label.get():
                return choice.value
        return text


class BoolEditor(FieldEditor):
    """A tick box; its own text is the label, so the form row has none."""

    def build(self) -> None:
        self.check = QCheckBox(self.fdef.label.get(), self)
        self.check.toggled.connect(self.emit_changed)
        self.check.installEventFilter(self)
        self.box.addWidget(self.check)

    def focus_widget(self) -> QWidget:
        return self.check

    def load_value(self, value, root) -> None:
        self.check.setChecked(bool(value))

    def eventFilter(self, watched, event):
        # Read-only, it is shown as it is, dark: neither a click nor the space bar changes it.
        if watched is not self.check or not self.read_only or event.type() not in _CHANGING:
            return False
        keys = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)
        return event.type() not in keys or event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select)

    def value(self):
        return self.check.isChecked()


class GoalLinksEditor(FieldEditor):
    """Tick which of the plan's goals a service supports."""

    def build(self) -> None:
        self.list = QListWidget(self)
        # Long goal titles are cut with "…" (the whole title is in the tooltip)
        # instead of a sideways scroll bar that eats a row.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.itemChanged.connect(self.emit_changed)
        self.empty = QLabel(_("The plan has no goals yet (step 4)."), self)
        self.box.addWidget(self.list)
        self.box.addWidget(self.empty)

    def focus_widget(self) -> QWidget:
        return self.list

    def load_value(self, value, root) -> None:
        chosen = set(value or [])
        self.list.clear()
        goals = list(root.goals) if root is not None else []
        for number, goal in enumerate(goals, start=1):
            title = goal.title.strip().splitlines()[0] if goal.title.strip() else _("(not filled in yet)")
            item = QListWidgetItem(f"{number}. {title}")
            item.setToolTip(goal.title)
            item.setData(Qt.ItemDataRole.UserRole, goal.id)
            item.setFlags(self._flags(item))
            item.setCheckState(Qt.CheckState.Checked if goal.id in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        rows = max(1, min(len(goals), GOAL_ROWS))
        self.list.setFixedHeight(rows * row_height(self.list) + 2 * self.list.frameWidth() + 2)
        self.list.setVisible(bool(goals))
        self.empty.setVisible(not goals)

    def _flags(self, item: QListWidgetItem) -> Qt.ItemFlag:
        # Read-only, the ticks still show but cannot be changed.
        if self.read_only:
            return item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable
        return item.flags() | Qt.ItemFlag.ItemIsUserCheckable

    def set_read_only(self, on: bool) -> None:
        super().set_read_only(on)
        self._loading = True
        try:
            for i in range(self.list.count()):
                item = self.list.item(i)
                item.setFlags(self._flags(item))
        finally:
            self._loading = False

    def value(self):
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]


class PicksEditor(GoalLinksEditor):
    """Tick entries of a picklist (the plans a helhedsorienteret plan replaces);
    stores their values, in the picklist's order. A value the picklist does not
    know (an older file's, another municipality's) is kept as a ticked entry."""

    def build(self) -> None:
        super().build()
        self.empty.hide()

    def load_value(self, value, root) -> None:
        chosen = list(value or [])
        entries = [(c.value, c.label.get()) for c in self.fdef.choices]
        if "services" in (c.value for c in self.fdef.choices) and root is not None:
            # The parts a consent or hand-over gives: besides all services, each one alone.
            entries += [(SERVICE_PREFIX + s.id, service_pick(s)) for s in root.services]
        known = [stored for stored, _text in entries]
        entries += [(v, v) for v in chosen if v not in known]
        self.list.clear()
        for stored, text in entries:
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, stored)
            item.setFlags(self._flags(item))
            item.setCheckState(Qt.CheckState.Checked if stored in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        rows = max(1, min(len(entries), PICK_ROWS))
        self.list.setFixedHeight(rows * row_height(self.list) + 2 * self.list.frameWidth() + 2)
