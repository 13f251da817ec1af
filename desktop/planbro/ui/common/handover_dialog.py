"""Overdrag sag: the colleague the case is handed over to, optionally the last day of a
vikar's period ("til og med"), and a note for them. The colleague is chosen among the
names the team knows (an editable list with completion, actions.handover.known_colleagues);
a name it does not know is asked about after OK (new colleague?). The rules are
planbro.actions.handover's (the same as `planbro overdrag`), told after OK by the
caller; here only a date that is not one keeps OK from closing. QtDialogs.hand_over
shows this dialog; tests script the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QDialog, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout

from planbro.translation import _

from planbro.ui.common.date_box import DateBox, PickDate
from planbro.ui.common.form_dialog import add_row, message_label, ok_cancel, show_message

# Lines of the note box; the dialog's width in average characters.
NOTE_ROWS, WIDTH_CHARS = 5, 70


@dataclass(frozen=True)
class HandOverAnswer:
    """What the dialog was answered: to whom, until when (None: for good), the note;
    new_colleague once the user said the name is a new colleague's."""

    to_name: str
    note: str
    until: date | None = None
    new_colleague: bool = False


class HandOverDialog(QDialog):
    def __init__(self, parent, name: str, pick_date: PickDate | None = None,
                 previous: HandOverAnswer | None = None, known: Sequence[str] = (),
                 responsible: tuple[str, str] | None = None):
        """`known`: the names offered; `responsible`: who is responsible now, and whose
        the case is again after a vikar's period (None: not known)."""
        super().__init__(parent)
        self.previous = previous
        self.setObjectName("handover_dialog")
        self.setWindowTitle(_("Hand over case — {name}").format(name=name))
        layout = QVBoxLayout(self)
        if responsible is None:
            after = _("For a vikar, give the last day: after it the responsible caseworker has "
                      "the case again, without anyone doing anything.")
        else:
            after = _("Responsible now: {now}. For a vikar, give the last day: after it {after} "
                      "is responsible for the case again, without anyone doing anything."
                      ).format(now=responsible[0] or _("(no one)"),
                               after=responsible[1] or _("(no one)"))
        intro = QLabel(_("The case appears in the colleague's caseload (Mine sager).") + " "
                       + after, self)
        intro.setObjectName("handover_intro")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.to_name = QComboBox(self)
        self.to_name.setEditable(True)
        self.to_name.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.to_name.addItems(list(known))
        self.to_name.setCurrentIndex(-1)
        self.to_name.setEditText(previous.to_name if previous else "")
        completer = QCompleter(list(known), self.to_name)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.to_name.setCompleter(completer)
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
        name = self.to_name.currentText()
        # "Yes, a new colleague" holds as long as the name is the one it was said of.
        new = bool(self.previous and self.previous.new_colleague
                   and self.previous.to_name == name)
        return HandOverAnswer(name, self.note.toPlainText(), self.until.value(), new)
