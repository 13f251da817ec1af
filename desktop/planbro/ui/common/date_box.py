"""A date typed the Danish way, with a calendar button: the one date field of
the follow-up dialog and of the wizard's date editors.

The calendar is injected as a callable (QtDialogs.pick_date, or a test's
scripted answer), so no test ever waits on a modal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

from planbro.translation import _

from planbro.model.dates import format_danish_date, parse_danish_date

# Characters of room in a date box: "15-12-2026" and a little air.
DATE_CHARS = 14

# Asks for a date: (parent, title, the date shown first) -> the date picked, or None.
PickDate = Callable[[QWidget, str, date], "date | None"]


class DateBox(QWidget):
    """A date typed the Danish way (15-12-2026, 15.12.26, 1.3.27; ISO too),
    or picked in a calendar (…, F4, Alt+↓); shown as DD-MM-ÅÅÅÅ.

    Its row, `layout()`, holds the box, the button and then room to spare.
    """

    # The text changed, by the user or by set_value.
    changed = Signal()
    # The user typed or picked (not a change made by the program itself).
    edited = Signal()
    # The user is done with the box: left it, pressed Enter or picked a date; the text is tidied.
    finished = Signal()

    def __init__(self, name: str, pick: PickDate | None, parent: QWidget | None = None):
        super().__init__(parent)
        self._pick = pick
        self.name = name
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(_("DD-MM-YYYY"))
        self.edit.setAccessibleName(name)
        metrics = self.edit.fontMetrics()
        # As wide as a date, never narrower: a row short of room (Overblik's, beside a long
        # caseworker's name) clipped "02-12-2026" to "12-2026".
        self.edit.setFixedWidth(metrics.horizontalAdvance("0") * DATE_CHARS + metrics.lineSpacing())
        self.edit.textChanged.connect(self.changed)
        self.edit.textEdited.connect(self.edited)
        self.edit.editingFinished.connect(self._finish)
        self.edit.installEventFilter(self)
        self.button = QToolButton(self)
        self.button.setText("…")
        self.button.setAccessibleName(_("Choose a date: {field}").format(field=name))
        self.button.setToolTip(_("Choose a date: {field}").format(field=name) + " (F4)")
        # Reached with F4 or Alt+Down in the box: no extra stop in the Tab order.
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.choose)
        self.button.setEnabled(pick is not None)
        row.addWidget(self.edit)
        row.addWidget(self.button)
        row.addStretch(1)
        self.setFocusProxy(self.edit)

    def value(self) -> date | None:
        text = self.edit.text().strip()
        try:
            return parse_danish_date(text) if text else None
        except ValueError:
            return None

    def set_value(self, value: date | None) -> None:
        self.edit.setText(format_danish_date(value))

    def problem(self) -> str | None:
        """Why the typed text is not a date; None when it is one or is empty."""
        text = self.edit.text().strip()
        if text and self.value() is None:
            return _("«{value}» is not a real date; write it as DD-MM-YYYY, e.g. 15-12-2026.").format(
                value=text)
        return None

    def choose(self) -> None:
        if self._pick is None:
            return
        title = _("Choose a date: {field}").format(field=self.name)
        chosen = self._pick(self, title, self.value() or date.today())
        if chosen is not None:
            self.set_value(chosen)
            self.edited.emit()
            self.finished.emit()

    def tidy(self) -> None:
        """Show the date as it will be read back: 1.3.27 becomes 01-03-2027."""
        value = self.value()
        if value is not None and self.edit.text() != format_danish_date(value):
            self.edit.setText(format_danish_date(value))

    def _finish(self) -> None:
        self.tidy()
        self.finished.emit()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key, mods = event.key(), event.modifiers()
            if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down
                                        and mods & Qt.KeyboardModifier.AltModifier):
                self.choose()
                return True
        return super().eventFilter(watched, event)
