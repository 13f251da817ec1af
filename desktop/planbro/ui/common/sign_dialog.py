"""Markér som underskrevet: the day the citizen signed and the day the caseworker
signed — or that the citizen does not wish to sign, and a note why.

The rules are planbro.actions.lifecycle's (signature_problems), the same as
`planbro sign`; each problem shows beside its field and OK stays off until
there is none. QtDialogs.sign shows this dialog; tests script the answer.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from planbro.translation import _

from planbro.model.dates import format_danish_date

from planbro.actions.lifecycle import SignatureAnswer, signature_problems

from planbro.ui.common.colours import ERROR_COLOUR
from planbro.ui.common.date_box import DateBox, PickDate
from planbro.ui.common.form_dialog import HINT_COLOUR, add_row, message_label, ok_cancel, show_message

# Lines of the note box; the dialog's width in average characters.
NOTE_ROWS, WIDTH_CHARS = 4, 80


class SignDialog(QDialog):
    """Asks who signed `plan` on which day; `answer()` is what to record once accepted."""

    def __init__(self, parent, plan, today: date, pick_date: PickDate | None = None):
        super().__init__(parent)
        self.setObjectName("sign_dialog")
        self.today = today
        # Set once something was typed in the note; its problem turns red from then on.
        self._note_touched = False
        name = plan.citizen.name.strip() or _("(no name)")
        self.setWindowTitle(_("Mark as signed — {name}").format(name=name))

        layout = QVBoxLayout(self)
        intro = QLabel(_("Record the signatures on version {version} of the plan. The version "
                         "cannot be changed afterwards; a change is made in a new "
                         "version.").format(version=plan.version), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.citizen = DateBox(_("The citizen signed on"), pick_date, self)
        self.citizen_message = message_label(self)
        self._add_row(_("&The citizen signed on:"), self.citizen, self.citizen_message)
        self.declines = QCheckBox(_("The citizen does &not wish to sign"), self)
        self.declines.setObjectName("citizen_declines")
        self.form.addRow("", self.declines)
        self.note = QPlainTextEdit(self)
        self.note.setAccessibleName(_("Why the citizen does not wish to sign"))
        self.note.setPlaceholderText(_("What did the citizen say? E.g. wants to think the plan "
                                       "over, or does not sign papers."))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * NOTE_ROWS
                                 + 2 * self.note.frameWidth() + 8)
        self.note_message = message_label(self)
        self.note_row = self._add_row(_("N&ote:"), self.note, self.note_message)
        self.caseworker = DateBox(_("The caseworker signed on"), pick_date, self)
        self.caseworker_message = message_label(self)
        self._add_row(_("The &caseworker signed on:"), self.caseworker, self.caseworker_message)
        layout.addLayout(self.form)
        layout.addStretch(1)

        self.ok = ok_cancel(self, layout, _("&Mark as signed"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * WIDTH_CHARS)

        self.citizen.set_value(today)
        self.caseworker.set_value(today)
        self.citizen.changed.connect(self.validate)
        self.caseworker.changed.connect(self.validate)
        self.declines.toggled.connect(self._declines_toggled)
        self.note.textChanged.connect(self._note_changed)
        self._declines_toggled(False)
        self.citizen.setFocus()

    def _add_row(self, text: str, field: QWidget, *below: QLabel) -> int:
        return add_row(self.form, self, text, field, *below)

    def _declines_toggled(self, on: bool) -> None:
        # No citizen's date when the citizen does not sign; the note says why.
        self.citizen.setEnabled(not on)
        self.form.setRowVisible(self.note_row, on)
        if on:
            self.note.setFocus()
        self.validate()

    def _note_changed(self) -> None:
        self._note_touched = True
        self.validate()

    def answer(self) -> SignatureAnswer:
        declines = self.declines.isChecked()
        return SignatureAnswer(self.caseworker.value(), None if declines else self.citizen.value(),
                               declines, self.note.toPlainText() if declines else "")

    def validate(self) -> bool:
        """Show each field's problem beside it; OK only when there is none."""
        found = {p.field: p.reason for p in signature_problems(self.answer(), self.today,
                                                                show=format_danish_date)}
        declines = self.declines.isChecked()
        citizen = None if declines else self.citizen.problem() or found.get("citizen")
        caseworker = self.caseworker.problem() or found.get("caseworker")
        show_message(self.citizen_message, citizen)
        show_message(self.caseworker_message, caseworker)
        show_message(self.note_message, found.get("note"),
              ERROR_COLOUR if self._note_touched else HINT_COLOUR)
        valid = not (citizen or caseworker or found)
        self.ok.setEnabled(valid)
        return valid

    def accept(self) -> None:
        if self.validate():
            super().accept()
