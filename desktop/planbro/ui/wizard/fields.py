"""The editors' common base, and the editors for typed text and dates.

An editor shows one plan value: `load` puts it in the widget, `value` gives
it back as the model's type, `problem` says (in the user's language) why
typed text cannot be stored, and `set_messages` shows validation and
quality findings beside it, never in a dialog.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QPalette
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from planbro.translation import _

from planbro.formdefs import FieldDef
from planbro.model.convert import cpr_reason
from planbro.model.cpr import parse_cpr
from planbro.model.text import clean_text

from planbro.quality import ADVARSEL, FEJL, severity_label

from planbro.ui.common.colours import ERROR_COLOUR, SEVERITY_COLOURS, WARNING_COLOUR
from planbro.ui.common.date_box import DateBox
from planbro.ui.common.dialogs import Dialogs
from planbro.ui.wizard.mnemonics import strip_mnemonic

# Colours of messages beside a field, by kind: the field's own ("error", "gap")
# and the quality check's severities.
MESSAGE_COLOURS = {"error": ERROR_COLOUR, "gap": WARNING_COLOUR, **SEVERITY_COLOURS}
# The severity the field's own kinds of message are shown as: text that cannot
# be stored (or Næste waits for) is a fejl, a gap left for later an advarsel.
KIND_SEVERITY = {"error": FEJL, "gap": ADVARSEL, FEJL: FEJL, ADVARSEL: ADVARSEL}
# A pair the page uses to hand out Alt+letter mnemonics: the text and where to put it.
Slot = tuple[str, Callable[[str], None]]
# A plausible e-mail address: something@something.something.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# A plausible phone number: digits, spaces, + - ( ).
_PHONE = re.compile(r"^[+0-9][0-9\s()\-]*$")
# Lines a multi-line text box shows when empty (unless forms/wizard.yaml gives
# the field its `rows`), and the most it grows to before it scrolls.
MULTILINE_ROWS, MULTILINE_MAX_ROWS = 3, 12


def message_line(kind: str, text: str) -> str:
    """One message as plain text, prefixed with its severity ("Advarsel: …")."""
    severity = KIND_SEVERITY.get(kind)
    return f"{severity_label(severity)}: {text}" if severity else text


def message_html(messages: list[tuple[str, str]]) -> str:
    """(kind, text) pairs as rich text: one colour and prefix per severity,
    wherever a message is shown (beside a field, in a group, on the page; #9.17)."""
    return "<br>".join(f"<span style='color:{MESSAGE_COLOURS.get(kind, '#000')}'>"
                       f"{escape(message_line(kind, text))}</span>" for kind, text in messages)


def row_height(view: QListWidget) -> int:
    """One row of a list, with or without a tick box, in the current font;
    measured before the list is shown, when sizeHintForRow may still be 0."""
    indicator = view.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorHeight)
    measured = view.sizeHintForRow(0) if view.count() else 0
    return max(measured, indicator, view.fontMetrics().lineSpacing()) + 2


class MessageLabel(QLabel):
    """The messages under a field. It always holds one line's space, and the
    space its tallest message took stays until the field is loaded again: a
    message coming or going (the quality check runs after each save) never
    moves the fields below while the caseworker aims at one (#9.12)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        # Measures the tallest text shown since the last reset; never shown.
        self._held = QLabel()
        self._held.setWordWrap(True)
        self._held.setTextFormat(Qt.TextFormat.RichText)

    def reset(self) -> None:
        self._held.setText("")
        self.updateGeometry()

    def show_text(self, html: str) -> None:
        width = self.width() if self.isVisible() else 400
        if html and self._held_height(width) < self._text_height(html, width):
            self._held.setText(html)
        self.setText(html)
        self.updateGeometry()

    def _text_height(self, html: str, width: int) -> int:
        self._held.setFont(self.font())
        held = self._held.text()
        self._held.setText(html)
        height = self._held.heightForWidth(width)
        self._held.setText(held)
        return height

    def _held_height(self, width: int) -> int:
        if not self._held.text():
            return 0
        self._held.setFont(self.font())
        return self._held.heightForWidth(width)

    def heightForWidth(self, width: int) -> int:
        own = super().heightForWidth(width) if self.text() else 0
        return max(own, self._held_height(width), self.fontMetrics().lineSpacing())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.heightForWidth(max(self.width(), hint.width())))

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width(), self.fontMetrics().lineSpacing())


class FieldEditor(QWidget):
    """Base: the input, then the help text, then the message line (its space
    held, so the help stays with its field and nothing below moves)."""

    changed = Signal()
    # The user is done with the field (left it, pressed Enter, picked a date).
    left = Signal()

    def __init__(self, fdef: FieldDef, dialogs: Dialogs, parent=None):
        super().__init__(parent)
        self.fdef = fdef
        # The questions the editor may put: a calendar, a confirmation.
        self.dialogs = dialogs
        # Set once the user has left the field; format problems show from then on.
        self.touched = False
        # Shown to be read, never changed (a signed version; see set_read_only).
        self.read_only = False
        self._loading = False
        self._messages: list[tuple[str, str]] = []
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(2)
        self.build()
        self.message = MessageLabel(self)
        self.help = None
        if fdef.help:
            self.help = QLabel(fdef.help.get(), self)
            self.help.setWordWrap(True)
            palette = self.help.palette()
            palette.setColor(QPalette.ColorRole.WindowText,
                             palette.color(QPalette.ColorRole.PlaceholderText))
            self.help.setPalette(palette)
            self.box.addWidget(self.help)
        self.box.addWidget(self.message)
        focus = self.focus_widget()
        focus.setAccessibleName(self.plain_label())
        focus.setToolTip(fdef.help.get() if fdef.help else "")
        self._describe()

    # -- for subclasses ---------------------------------------------------
    def build(self) -> None:
        raise NotImplementedError

    def focus_widget(self) -> QWidget:
        raise NotImplementedError

    def load_value(self, value, root) -> None:
        raise NotImplementedError

    def value(self):
        raise NotImplementedError

    def problem(self) -> str | None:
        """Why the typed text cannot be stored; None when it can."""
        return None

    def warning(self) -> str | None:
        """A doubt about the text that does not stop it being stored."""
        return None

    def unsaved_text(self) -> str | None:
        """The typed text while problem() keeps it from being stored; else None."""
        return None

    def shown_text(self) -> str | None:
        """The text in a typed field, as shown; None for an editor that is no line of text."""
        return None

    def restore_unsaved(self, text: str) -> None:
        """Show text typed earlier that could not be stored, and why."""

    def set_read_only(self, on: bool) -> None:
        """Read and copied, never changed (#9.13): the text stays dark and
        selectable, as it is not in a disabled field; subclasses lock their input."""
        self.read_only = on

    # -- for an editor of editors (a group); a plain field holds none ------
    def mnemonic_slots(self) -> list[Slot]:
        """The mnemonic slots of the editors inside this one."""
        return []

    def format_problems(self) -> list[tuple[str, str]]:
        """(path relative to this field, reason) for typed text inside it that cannot be stored."""
        return []

    def update_inner(self, checked: bool, findings: list[tuple[str, Any]]) -> None:
        """Show findings at paths inside this field ("[1].deadline")."""

    def focus_path(self, rel: str) -> bool:
        """Put the cursor at `rel` inside this field; False when there is no such place."""
        return False

    # -- shared -------------------------------------------------------------
    def plain_label(self) -> str:
        return strip_mnemonic(self.fdef.label.get())

    def load(self, value, root=None) -> None:
        self._loading = True
        try:
            self.load_value(value, root)
        finally:
            self._loading = False
        self.touched = False
        # Another value: the space held for earlier messages is given back.
        self.message.reset()

    def emit_changed(self, *_args) -> None:
        if not self._loading:
            self.changed.emit()

    def leave(self) -> None:
        self.touched = True
        self.left.emit()
        self.changed.emit()

    def set_messages(self, messages: list[tuple[str, str]]) -> None:
        """(kind, text) pairs; kind is error, gap, fejl or advarsel."""
        if messages == self._messages:
            return
        self._messages = messages
        self.message.show_text(message_html(messages))
        self._describe()

    def messages(self) -> list[tuple[str, str]]:
        return list(self._messages)

    def _describe(self) -> None:
        # A screen reader hears the help text and what is wrong.
        parts = [text for _kind, text in self._messages]
        if self.fdef.help:
            parts.append(self.fdef.help.get())
        self.focus_widget().setAccessibleDescription(" ".join(parts))

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.FocusOut:
            self.leave()
        return False


class OneLineEditor(FieldEditor):
    """An editor around one line of text, `self.edit`, that may not parse."""

    edit: QLineEdit

    def unsaved_text(self) -> str | None:
        return self.edit.text() if self.problem() else None

    def shown_text(self) -> str | None:
        return self.edit.text()

    def restore_unsaved(self, text: str) -> None:
        self._loading = True
        try:
            self.edit.setText(text)
        finally:
            self._loading = False
        # Left with the text wrong: the message shows at once.
        self.touched = True


class LineEditor(OneLineEditor):
    """text, cpr, phone and email: one line."""

    def build(self) -> None:
        self.edit = QLineEdit(self)
        if self.fdef.kind == "cpr":
            self.edit.setPlaceholderText(_("DDMMYY-SSSS"))
        self.edit.textChanged.connect(self.emit_changed)
        self.edit.editingFinished.connect(self.leave)
        self.box.addWidget(self.edit)

    def focus_widget(self) -> QWidget:
        return self.edit

    def load_value(self, value, root) -> None:
        self.edit.setText(value or "")

    def set_read_only(self, on: bool) -> None:
        super().set_read_only(on)
        self.edit.setReadOnly(on)

    def text(self) -> str:
        return clean_text(self.edit.text()).strip()

    def value(self):
        text = self.text()
        if self.fdef.kind == "cpr" and text:
            try:
                return parse_cpr(text)[0]
            except ValueError:
                return ""
        return text

    def problem(self) -> str | None:
        text = self.text()
        if self.fdef.kind == "cpr" and text:
            try:
                parse_cpr(text)
            except ValueError as error:
                return cpr_reason(str(error), text)
        return None

    def warning(self) -> str | None:
        text = self.text()
        if text and self.fdef.kind == "email" and not _EMAIL.match(text):
            return _("This does not look like an e-mail address.")
        if text and self.fdef.kind == "phone" and not _PHONE.match(text):
            return _("A phone number holds digits, spaces and +.")
        return None

    def leave(self) -> None:
        if self.fdef.kind == "cpr" and self.text() and not self.problem():
            # Show the normal form, DDMMYY-SSSS, as it will be stored.
            normal = self.value()
            if normal != self.edit.text():
                self.edit.setText(normal)
        super().leave()


class _PlainText(QPlainTextEdit):
    """A text box that grows with its text, measured in lines of the current font:
    at least `rows` lines, at most MULTILINE_MAX_ROWS (or `rows`, if more)."""

    def __init__(self, rows: int = MULTILINE_ROWS, parent=None):
        super().__init__(parent)
        self.rows = rows
        self.textChanged.connect(self.updateGeometry)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        # For a plain-text document the layout's height is its number of lines.
        shown = int(self.document().size().height()) if self.width() > 50 else self.rows
        lines = min(max(shown, self.rows), max(MULTILINE_MAX_ROWS, self.rows))
        frame = 2 * self.frameWidth() + 2 * int(self.document().documentMargin())
        # A line is a fraction of a pixel taller than the rounded line spacing;
        # summed over the lines, rounded down, the last one would need a scroll bar.
        text = math.ceil(QFontMetricsF(self.font()).lineSpacing() * lines) + 2
        return QSize(hint.width(), text + frame)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # A new width rewraps the text, so the wanted height may change.
        self.updateGeometry()


class MultilineEditor(FieldEditor):
    def build(self) -> None:
        self.edit = _PlainText(self.fdef.rows or MULTILINE_ROWS, self)
        # Tab moves to the next field, as in every other box of the wizard.
        self.edit.setTabChangesFocus(True)
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.edit.textChanged.connect(self.emit_changed)
        self.edit.installEventFilter(self)
        self.box.addWidget(self.edit)

    def focus_widget(self) -> QWidget:
        return self.edit

    def load_value(self, value, root) -> None:
        self.edit.setPlainText(value or "")

    def set_read_only(self, on: bool) -> None:
        super().set_read_only(on)
        self.edit.setReadOnly(on)
        # Read-only, the text may still be selected and copied with the keyboard.
        flags = Qt.TextInteractionFlag
        self.edit.setTextInteractionFlags(
            flags.TextSelectableByMouse | flags.TextSelectableByKeyboard if on else flags.TextEditorInteraction)

    def value(self):
        return clean_text(self.edit.toPlainText()).strip()


class DateEditor(OneLineEditor):
    """A date typed the Danish way (15-12-2026, 15.12.26, 1.3.2027; ISO too),
    or picked in a calendar; shown as DD-MM-ÅÅÅÅ, stored as a date."""

    def build(self) -> None:
        self.date_box = DateBox(self.plain_label(), self._pick_date, self)
        self.edit = self.date_box.edit
        self.pick = self.date_box.button
        self.date_box.changed.connect(self.emit_changed)
        self.date_box.finished.connect(self.leave)
        self.box.addWidget(self.date_box)

    def _pick_date(self, _box, title: str, default: date) -> date | None:
        if self.read_only:
            return None
        # The editor is the calendar's parent.
        return self.dialogs.pick_date(self, title, default)

    def set_read_only(self, on: bool) -> None:
        super().set_read_only(on)
        self.edit.setReadOnly(on)
        # No calendar to change it with.
        self.pick.setVisible(not on)

    def focus_widget(self) -> QWidget:
        return self.edit

    def load_value(self, value, root) -> None:
        self.date_box.set_value(value)

    def value(self):
        return self.date_box.value()

    def problem(self) -> str | None:
        return self.date_box.problem()

    def leave(self) -> None:
        self.date_box.tidy()
        super().leave()
