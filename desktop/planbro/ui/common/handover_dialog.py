"""Overdrag sag: the colleague the case is handed over to, optionally the last day of a
vikar's period ("til og med"), and a note for them. The rules are
planbro.actions.handover's (the same as `planbro overdrag`), told after OK by the
caller; here only a date that is not one keeps OK from closing. QtDialogs.hand_over
shows this dialog; tests script the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout

from planbro.translation import _

from planbro.ui.common.date_box import DateBox, PickDate
from planbro.ui.common.form_dialog import add_row, message_label, ok_cancel, show_message

# Lines of the note box; the dialog's width in average characters.
NOTE_ROWS, WIDTH_CHARS = 5, 70


@dataclass(frozen=True)
class HandOverAnswer:
    """What the dialog was answered: to whom, until when (None: for good), the note."""

    to_name: str
    note: str
    until: date | None = None


class HandOverDialog(QDialog):
    def __init__(self, parent, name: str, pick_date: PickDate | None = None,
                 previous: HandOverAnswer | None = None):
        super().__init__(parent)
        self.setObjectName("handover_dialog")
        self.setWindowTitle(_("Hand over case — {name}").format(name=name))
        layout = QVBoxLayout(self)
        intro = QLabel(_("The case appears in the colleague's caseload (Mine sager). For a vikar, "
                         "give the last day: after it the case is yours again by itself."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.to_name = QLineEdit(previous.to_name if previous else "", self)
        self.to_name.setObjectName("handover_to")
        self.to_name.setAccessibleName(_("Colleague's name"))
        add_row(form, self, _("&Colleague:"), self.to_name)
        self.until = DateBox(_("Vikar up to and including"), pick_date, self)
        self.until.setObjectName("handover_until")
        if previous and previous.until:
            self.until.set_value(previous.until)
        self.until_message = message_label(self)
        add_row(form, self, _("&Vikar up to and including:"), self.until, self.until_message)
        self.note = QPlainTextEdit(previous.note if previous else "", self)
        self.note.setObjectName("handover_note")
        self.note.setAccessibleName(_("Note for the colleague"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * NOTE_ROWS + 12)
        add_row(form, self, _("&Note:"), self.note)
        layout.addLayout(form)
        self.ok = ok_cancel(self, layout, _("&Hand over"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * WIDTH_CHARS)
        self.to_name.setFocus()

    def accept(self) -> None:
        problem = self.until.problem()
        show_message(self.until_message, problem)
        if problem:
            self.until.setFocus()
            return
        super().accept()

    def answer(self) -> HandOverAnswer:
        return HandOverAnswer(self.to_name.text(), self.note.toPlainText(), self.until.value())
