"""A repeating group (goals, sub-goals, services, phases, partners …):
a list with Tilføj / Fjern / Flyt op / Flyt ned, and one form below it that
edits the selected item. The form's widgets are built once and reused for
every item, so a plan with many goals costs no more widgets than one.

Text an item cannot hold yet (a wrong date) stays with that item when
another one is selected, and comes back with its message (unsaved.py). We
keep it rather than refuse to let go of the item: at a meeting the
caseworker jumps between goals as the talk goes, and a list that will not
move until a date is right gets in the way; kept text loses nothing, the
list marks the item, and Næste and Gennemgang lead back to it.
"""

from __future__ import annotations

import copy
import typing
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from planbro.translation import _

from planbro.formdefs import resolve
from planbro.model.convert import to_dict
from planbro.model.dates import format_danish_date

from planbro.ui.common.dialogs import Dialogs
from planbro.ui.wizard.fields import FieldEditor, Slot, message_html, message_line, row_height
from planbro.ui.wizard.form import FieldForm
from planbro.ui.wizard.unsaved import unsaved_in
from planbro.ui.wizard.values import is_empty, summary_text

# Characters of an item's summary shown in the list before it is cut.
SUMMARY_CHARS = 90
# Rows the list shows at least (room to see a few goals side by side, an
# empty list included), and the most it grows to before it scrolls.
LIST_MIN_ROWS, LIST_ROWS = 4, 8


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class GroupEditor(FieldEditor):
    def __init__(self, fdef, dialogs: Dialogs, parent, owner_cls: type):
        tp, _meta = resolve(owner_cls, fdef.key)
        self.item_cls = typing.get_args(tp)[0]
        self.items: list[Any] = []
        self.root: Any = None
        self._item_findings: dict[int, list] = {}
        self._checked = False
        super().__init__(fdef, dialogs, parent)

    # -- widgets ------------------------------------------------------------
    def build(self) -> None:
        item = lower_first(self.fdef.item_name.get())
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        # The warning sign a row with findings carries is the size of a line of
        # text, so a marked row is no taller than the others (#9.12).
        side = self.list.fontMetrics().height()
        self.list.setIconSize(QSize(side, side))
        self.list.setUniformItemSizes(True)
        self.list.currentRowChanged.connect(self._select)
        self.list.installEventFilter(self)
        top.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        self.add_button = QPushButton(_("Add {item}").format(item=item), self)
        self.remove_button = QPushButton(_("Remove {item}").format(item=item), self)
        self.up_button = QPushButton(_("Move up"), self)
        self.down_button = QPushButton(_("Move down"), self)
        for button, action in ((self.add_button, self.add), (self.remove_button, self.remove),
                               (self.up_button, lambda: self.move_row(-1)),
                               (self.down_button, lambda: self.move_row(1))):
            button.clicked.connect(action)
            # Enter in a field goes to the next step, not to these buttons.
            button.setAutoDefault(False)
            buttons.addWidget(button)
        self.up_button.setAccessibleName(_("Move {item} up").format(item=item))
        self.down_button.setAccessibleName(_("Move {item} down").format(item=item))
        for button, key in ((self.add_button, "Insert"), (self.remove_button, "Delete"),
                            (self.up_button, "Ctrl+Up"), (self.down_button, "Ctrl+Down")):
            native = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(_("In the list: {key}").format(key=native))
        buttons.addStretch(1)
        top.addLayout(buttons)
        # Where a step adds a button of its own for the selected item (partner_export.py).
        self.button_column = buttons
        self.box.addLayout(top)
        self.placeholder = QLabel(_("None yet. Choose «{add}».").format(
            add=_("Add {item}").format(item=item)), self)
        self.placeholder.setWordWrap(True)
        self.box.addWidget(self.placeholder)
        self.detail_box = QGroupBox(self)
        inner = QVBoxLayout(self.detail_box)
        self.item_message = QLabel(self.detail_box)
        self.item_message.setWordWrap(True)
        self.item_message.setTextFormat(Qt.TextFormat.RichText)
        self.item_message.hide()
        inner.addWidget(self.item_message)
        self.detail = FieldForm(self.fdef.fields, self.item_cls, self.dialogs, self.detail_box)
        self.detail.changed.connect(self._detail_edited)
        inner.addWidget(self.detail)
        self.box.addWidget(self.detail_box)

    def focus_widget(self) -> QWidget:
        return self.list

    def mnemonic_slots(self) -> list[Slot]:
        # A page has more buttons than the alphabet has letters; the list's
        # own keys (Insert, Delete, Ctrl+Up/Down) do what the other buttons do.
        return [(self.add_button.text(), self.add_button.setText)] + self.detail.mnemonic_slots()

    def set_read_only(self, on: bool) -> None:
        """The items can still be gone through, one by one, and read; not added,
        removed, moved or changed."""
        super().set_read_only(on)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setVisible(not on)
        self.detail.set_read_only(on)

    def eventFilter(self, watched, event):
        if watched is self.list and event.type() == QEvent.Type.KeyPress and not self.read_only:
            key, mods = event.key(), event.modifiers()
            if key == Qt.Key.Key_Insert:
                self.add()
                return True
            if key == Qt.Key.Key_Delete and self.items:
                self.remove()
                return True
            if mods & Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_row(-1 if key == Qt.Key.Key_Up else 1)
                return True
        return False

    # -- data ---------------------------------------------------------------
    def load_value(self, value, root) -> None:
        # A working copy: the page writes it back to the plan in one place.
        self.items = copy.deepcopy(list(value or []))
        self.root = root
        self._refill(0 if self.items else -1)

    def value(self):
        return copy.deepcopy(self.items)

    def _summary(self, index: int) -> str:
        text = summary_text(self.fdef, self.items[index])
        if isinstance(text, date):
            # A follow-up is summed up by its date, shown as the date box shows it.
            text = format_danish_date(text)
        text = "" if is_empty(text) else str(text).strip().splitlines()[0]
        if len(text) > SUMMARY_CHARS:
            text = text[:SUMMARY_CHARS - 1] + "…"
        text = text or _("(not filled in yet)")
        return f"{index + 1}. {text}"

    def _refill(self, select: int) -> None:
        self._loading = True
        try:
            self.list.clear()
            for i in range(len(self.items)):
                self.list.addItem(QListWidgetItem(self._summary(i)))
        finally:
            self._loading = False
        self._mark_findings()
        self._fit_height()
        self.list.setCurrentRow(select)
        if select < 0:
            self._select(-1)

    def _fit_height(self) -> None:
        """Tall enough for every item up to LIST_ROWS, marked rows included."""
        rows = max(LIST_MIN_ROWS, min(len(self.items), LIST_ROWS))
        row = max(row_height(self.list), self.list.iconSize().height() + 4)
        self.list.setFixedHeight(rows * row + 2 * self.list.frameWidth() + 2)

    def _select(self, row: int) -> None:
        has = 0 <= row < len(self.items)
        self.detail_box.setVisible(has)
        self.placeholder.setVisible(not self.items)
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < len(self.items) - 1)
        if not has:
            return
        self.detail_box.setTitle(_("{item} {number} of {count}").format(
            item=self.fdef.item_name.get(), number=row + 1, count=len(self.items)))
        self.detail.load(self.items[row], self.root)
        self._show_item_state()

    def _detail_edited(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.items):
            return
        self.detail.write(self.items[row])
        self.list.item(row).setText(self._summary(row))
        self._mark_row(row)
        self.emit_changed()

    # -- actions --------------------------------------------------------------
    def add(self) -> None:
        self.items.append(self.item_cls())
        self._refill(len(self.items) - 1)
        self.emit_changed()
        first = self.detail.fields[0].key
        self.detail.editors[first].focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)

    def _is_blank(self, item) -> bool:
        fresh = to_dict(self.item_cls())
        data = to_dict(item)
        typed = any(self._unsaved(item))
        return not typed and all(data[k] == fresh[k] for k in data if k != "id")

    def _unsaved(self, item, base: str = "") -> list[tuple[str, str, str]]:
        """(path, label, text) of what was typed in `item` and is not stored yet."""
        return list(unsaved_in(self.fdef.fields, item, base))

    def remove(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.items):
            return
        item_name = lower_first(self.fdef.item_name.get())
        if not self._is_blank(self.items[row]):
            title = _("Remove {item}").format(item=item_name)
            text = _("Remove «{summary}»? This cannot be undone.").format(summary=self._summary(row))
            if not self.dialogs.confirm(self, title, text):
                return
        del self.items[row]
        self._refill(min(row, len(self.items) - 1))
        self.emit_changed()
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def move_row(self, step: int) -> None:
        """Move the selected item `step` rows up (-1) or down (1)."""
        row = self.list.currentRow()
        target = row + step
        if not (0 <= row < len(self.items) and 0 <= target < len(self.items)):
            return
        self.items[row], self.items[target] = self.items[target], self.items[row]
        self._refill(target)
        self.emit_changed()
        # Keep the cursor on the button (or the list) that did the move.
        focus = QApplication.focusWidget()
        if focus in (self.up_button, self.down_button) and not focus.isEnabled():
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- messages ---------------------------------------------------------------
    def update_inner(self, checked: bool, findings: list[tuple[str, Any]]) -> None:
        """Findings inside items: "[1].subgoals[0].deadline" → item 1, "subgoals[0].deadline"."""
        self._checked = checked
        self._item_findings = {}
        for rel, finding in findings:
            index_text, _sep, rest = rel[1:].partition("]")
            if index_text.isdigit():
                self._item_findings.setdefault(int(index_text), []).append((rest.lstrip("."), finding))
        self._mark_findings()
        self._show_item_state()

    def _mark_findings(self) -> None:
        for i in range(self.list.count()):
            self._mark_row(i)

    def _mark_row(self, row: int) -> None:
        """A warning sign on an item with findings or unsaved text, which the tooltip lists."""
        if not 0 <= row < min(self.list.count(), len(self.items)):
            return
        texts = [message_line(f.severity, f.message) for _rel, f in self._item_findings.get(row, [])]
        texts += [_("Not saved: {field} «{text}»").format(field=label, text=text)
                  for _path, label, text in self._unsaved(self.items[row])]
        entry = self.list.item(row)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning) if texts else QIcon()
        entry.setIcon(icon)
        entry.setToolTip("\n".join(texts))

    def _show_item_state(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.items):
            return
        unplaced = self.detail.update_messages(self._checked, self._item_findings.get(row, []))
        self.item_message.setText(message_html([(f.severity, f.message) for _rel, f in unplaced]))
        self.item_message.setVisible(bool(unplaced))

    def format_problems(self) -> list[tuple[str, str]]:
        """Typed text that cannot be stored: the shown item's as its editors
        say, the other items' as they keep it."""
        row = self.list.currentRow()
        shown = 0 <= row < len(self.items) and self.detail_box.isVisibleTo(self)
        found: list[tuple[str, str]] = []
        for i, item in enumerate(self.items):
            if i == row and shown:
                found.extend((f"[{row}].{rel}", why) for rel, why in self.detail.format_problems())
                continue
            found.extend((path, _("«{text}» is not saved; correct it.").format(text=text))
                         for path, _label, text in self._unsaved(item, f"[{i}]"))
        return found

    def focus_path(self, rel: str) -> bool:
        """rel is "[2].deadline" or "[2]"."""
        index_text, _sep, rest = rel[1:].partition("]")
        if not index_text.isdigit() or int(index_text) >= len(self.items):
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        self.list.setCurrentRow(int(index_text))
        rest = rest.lstrip(".")
        if rest and self.detail.focus_path(rest):
            return True
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
