"""Registrér opfølgning: the day, the outcome, a note and the next follow-up.

The rules are planbro.actions.followup's, the same as `planbro follow-up`; each
problem shows beside its field and OK stays off until there is none.
QtDialogs.follow_up shows this dialog; tests script the answer instead.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planbro.translation import _

from planbro.model.dates import format_danish_date

from planbro.actions.followup import FollowUpAnswer, last_follow_up, problems, suggested_next

from planbro.ui.common.colours import ERROR_COLOUR
from planbro.ui.common.date_box import DateBox, PickDate
from planbro.ui.common.form_dialog import HINT_COLOUR, add_row, message_label, ok_cancel, show_message

# Lines of the note box; the dialog's width in average characters.
NOTE_ROWS, WIDTH_CHARS = 5, 88
# The outcomes in the order offered.
OUTCOME_ORDER = ("continue", "change", "close")


def outcome_text(outcome: str) -> str:
    """The outcome's radio button text, with its mnemonic."""
    return {"continue": _("C&ontinues"), "change": _("C&hanges"),
            "close": _("C&loses")}[outcome]


def outcome_name(outcome: str) -> str:
    return outcome_text(outcome).replace("&", "").lower()


class FollowUpDialog(QDialog):
    """Asks for one follow-up of `plan`; `answer()` is what to record once accepted."""

    def __init__(self, parent, plan, today: date, pick_date: PickDate | None = None,
                 previous: FollowUpAnswer | None = None):
        super().__init__(parent)
        self.setObjectName("follow_up_dialog")
        self.plan = plan
        self.today = today
        # Set once the caseworker changes the next date; until then it follows the day and outcome.
        self._next_edited = previous is not None
        # Set once something was typed in the note; its problem turns red from then on.
        self._note_touched = previous is not None
        name = plan.citizen.name.strip() or _("(no name)")
        self.setWindowTitle(_("Record follow-up — {name}").format(name=name))

        layout = QVBoxLayout(self)
        intro = QLabel(self._intro(), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.date = DateBox(_("Date of the follow-up"), pick_date, self)
        self.date_message = message_label(self)
        self._add_row(_("&Date:"), self.date, self.date_message)

        self.outcomes = QButtonGroup(self)
        box = QVBoxLayout()
        box.setSpacing(2)
        self.radios: dict[str, QRadioButton] = {}
        for outcome in OUTCOME_ORDER:
            radio = QRadioButton(outcome_text(outcome), self)
            radio.setObjectName(f"outcome_{outcome}")
            self.outcomes.addButton(radio)
            self.radios[outcome] = radio
            box.addWidget(radio)
        self.consequence = message_label(self)
        box.addWidget(self.consequence)
        outcome_label = QLabel(_("Outcome:"), self)
        self.form.addRow(outcome_label, box)

        self.note = QPlainTextEdit(self)
        self.note.setAccessibleName(_("Note"))
        self.note.setPlaceholderText(_("What did the follow-up show, and what was agreed?"))
        # Tab moves on to the next field instead of typing a tab into the note.
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * NOTE_ROWS
                                 + 2 * self.note.frameWidth() + 8)
        self.note_message = message_label(self)
        self._add_row(_("No&te:"), self.note, self.note_message)

        self.next = DateBox(_("Next follow-up"), pick_date, self)
        self.next_message = message_label(self)
        self.next_hint = message_label(self)
        show_message(self.next_hint, _("Practice: the first follow-up within 3 months, then at least "
                                "once a year. Left empty, the quality check reminds you."),
              HINT_COLOUR)
        self.next_row = self._add_row(_("Ne&xt follow-up:"), self.next, self.next_message,
                                      self.next_hint)

        layout.addLayout(self.form)
        layout.addStretch(1)
        self.ok = ok_cancel(self, layout, _("&Record"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * WIDTH_CHARS)

        self._fill(previous)
        self.date.changed.connect(self._date_or_outcome_changed)
        self.outcomes.buttonToggled.connect(self._outcome_toggled)
        self.next.edited.connect(self._next_was_edited)
        self.next.changed.connect(self.validate)
        self.note.textChanged.connect(self._note_changed)
        self.validate()
        self.date.setFocus()

    # -- building ----------------------------------------------------------
    def _intro(self) -> str:
        text = _("§ 148, stk. 2: record what the follow-up showed and what happens with the "
                 "plan now.")
        last = last_follow_up(self.plan)
        if last is None:
            return text + " " + _("The plan has not been followed up before.")
        return text + " " + _("Last follow-up: {date} ({outcome}).").format(
            date=format_danish_date(last.date), outcome=outcome_name(last.outcome))

    def _add_row(self, text: str, field: QWidget, *below: QLabel) -> int:
        return add_row(self.form, self, text, field, *below)

    def _fill(self, previous: FollowUpAnswer | None) -> None:
        if previous is None:
            self.date.set_value(self.today)
            self.radios["continue"].setChecked(True)
            self.next.set_value(suggested_next(self.today, "continue"))
        else:
            self.date.set_value(previous.date)
            self.radios.get(previous.outcome, self.radios["continue"]).setChecked(True)
            self.note.setPlainText(previous.note)
            self.next.set_value(previous.next_date)
        self._show_outcome()

    # -- reacting ----------------------------------------------------------
    def outcome(self) -> str:
        return next(code for code, radio in self.radios.items() if radio.isChecked())

    def _date_or_outcome_changed(self) -> None:
        self._show_outcome()
        if not self._next_edited and self.outcome() != "close":
            self.next.set_value(suggested_next(self.date.value(), self.outcome()))
        self.validate()

    def _outcome_toggled(self, _button, on: bool) -> None:
        # Each toggle also unchecks the one before: act on the newly checked button only.
        if on:
            self._date_or_outcome_changed()

    def _show_outcome(self) -> None:
        outcome = self.outcome()
        if outcome == "continue":
            text = _("The plan continues as it is.")
        elif outcome == "change" and self.plan.status == "signed":
            text = _("A new version of the plan is made as a draft and opened, so you can "
                     "change it and have it signed again.")
        elif outcome == "change":
            text = _("The draft is opened, so you can change it.")
        else:
            text = _("The case is closed: the plan can no longer be changed afterwards. "
                     "You will be asked to confirm.")
        show_message(self.consequence, text, HINT_COLOUR)
        # A closed case has no next follow-up.
        self.form.setRowVisible(self.next_row, outcome != "close")

    def _next_was_edited(self) -> None:
        self._next_edited = True

    def _note_changed(self) -> None:
        self._note_touched = True
        self.validate()

    def answer(self) -> FollowUpAnswer:
        outcome = self.outcome()
        return FollowUpAnswer(self.date.value(), outcome, self.note.toPlainText(),
                              None if outcome == "close" else self.next.value())

    def validate(self) -> bool:
        """Show each field's problem beside it; OK only when there is none."""
        found = {p.field: p.reason
                 for p in problems(self.answer(), self.today, show=format_danish_date)}
        date_problem = self.date.problem() or found.get("date")
        next_problem = None
        if self.outcome() != "close":
            next_problem = self.next.problem() or found.get("next_date")
        show_message(self.date_message, date_problem)
        show_message(self.next_message, next_problem)
        show_message(self.note_message, found.get("note"),
              ERROR_COLOUR if self._note_touched else HINT_COLOUR)
        valid = not (date_problem or next_problem or found.get("note"))
        self.ok.setEnabled(valid)
        return valid

    def accept(self) -> None:
        if self.validate():
            super().accept()
