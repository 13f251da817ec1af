""""Udskrift til <partner>": the partner's extract from step 8 and from Gennemgang.

Step 8 gets a button beside the partners' list for the partner selected
(attach); Gennemgang a row of buttons, one per partner (PartnerButtons). A
button is off when no extract may be made, and its tooltip says why in the
words of planbro.actions.partner_extract.refusal, which the command gives too;
on, its tooltip says which parts the extract holds. One file dialog (the
wizard's, injected as for every save) asks where the PDF goes; the Word file is
written beside it under the same name. Both are made before either is written,
each with its record, by the use case; the outcome is told on the page.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from planbro.translation import _

from planbro.actions.documents import NotWritten, municipality_of, plaintext_note, with_suffix
from planbro.actions.partner_extract import (
    allowed_text,
    default_partner_name,
    make_partner_extracts,
    refusal,
    write_partner_extract,
)
from planbro.actions.trail import trail_of

from planbro.ui.common.colours import ERROR_COLOUR
from planbro.ui.common.dialogs import file_filter

# The longest partner name a button shows before it is cut with "…".
BUTTON_NAME_CHARS = 32
# Buttons in one row of Gennemgang's list before the next row begins.
BUTTONS_PER_ROW = 2
# The key of the partners' group in forms/wizard.yaml.
PARTNERS_KEY = "partners"


def button_text(plan, number: int) -> str:
    """ "Udskrift til Kim Jeppesen": the partner by name, else organisation, else number;
    "&" doubled so it is not taken for a mnemonic."""
    partner = plan.partners[number - 1]
    name = " ".join((partner.name.strip() or partner.organisation.strip()).split())
    if not name:
        name = _("partner no. {number}").format(number=number)
    if len(name) > BUTTON_NAME_CHARS:
        name = name[:BUTTON_NAME_CHARS - 1].rstrip() + "…"
    return _("Extract for {partner}").format(partner=name).replace("&", "&&")


def show_state(button: QPushButton, wizard, number: int) -> None:
    """The button for the partner at `number`: its text, on or off, and why (its tooltip)."""
    plan = wizard.plan
    if not 1 <= number <= len(plan.partners):
        button.setEnabled(False)
        return
    button.setText(button_text(plan, number))
    button.setEnabled(refusal(plan, number, wizard.today) is None)
    button.setToolTip(allowed_text(plan, number, wizard.today))


def save_partner_extract(wizard, number: int, say) -> list[Path] | None:
    """Ask where, write the extract for the partner at `number` as PDF and Word, and tell
    `say(text, ok)` where they went or why not; the paths, or None."""
    wizard.autosave.flush()
    plan = wizard.plan
    chosen = wizard.dialogs.save_file(wizard, button_text(plan, number).replace("&&", "&"),
                                      default_partner_name(plan, number, "pdf", wizard.today),
                                      file_filter("pdf"))
    if not chosen:
        return None
    pdf = with_suffix(chosen, "pdf")
    paths = {"pdf": pdf, "docx": pdf.with_suffix(".docx")}
    trail = trail_of(wizard.store)
    written: list[Path] = []
    try:
        data = make_partner_extracts(plan, number, paths, municipality_of(wizard.settings),
                                     wizard.today)
        for kind, path in paths.items():
            written.append(write_partner_extract(plan, number, kind, data[kind], path, trail,
                                                 wizard.today).path)
    except NotWritten as error:
        say(_("The extract was not saved: {reason}").format(reason=error.reason()), False)
        return None
    wizard.last_folder = pdf.parent
    wizard.review_page().folder_button.setEnabled(True)
    say(_("Saved: {pdf} and {docx}").format(pdf=written[0], docx=written[1]) + "\n"
        + plaintext_note(), True)
    return written


def _say_on_review(wizard):
    def say(text: str, ok: bool) -> None:
        status = wizard.review_page().status
        status.setStyleSheet("" if ok else f"color: {ERROR_COLOUR};")
        status.setText(text)
    return say


def _say_on_side(wizard):
    def say(text: str, ok: bool) -> None:
        wizard.show_status(text)
        _say_on_review(wizard)(text, ok)
    return say


def attach(page) -> QPushButton | None:
    """Put the button for the selected partner beside step 8's list of partners (if the page
    has that list); it follows the selection and every change to the partner."""
    from planbro.ui.wizard.group import GroupEditor

    found = [(form, form.editors[PARTNERS_KEY]) for form in page.forms
             if isinstance(form.editors.get(PARTNERS_KEY), GroupEditor)]
    if not found:
        return None
    form, group = found[0]
    wizard = page.planwizard
    button = QPushButton(group)
    button.setAutoDefault(False)
    column = group.button_column
    column.insertWidget(column.count() - 1, button)

    def update(*_args) -> None:
        row = group.list.currentRow()
        button.setVisible(0 <= row < len(wizard.plan.partners))
        show_state(button, wizard, row + 1)

    # After the page has written the change to the plan (its own slot was connected first).
    form.changed.connect(update)
    group.list.currentRowChanged.connect(update)
    button.clicked.connect(lambda: save_partner_extract(wizard, group.list.currentRow() + 1,
                                                        _say_on_side(wizard)))
    page.partner_extract_button = button
    update()
    return button


class PartnerButtons(QWidget):
    """Gennemgang's "Udskrift til <partner>" buttons, one per partner, rebuilt on refresh."""

    def __init__(self, wizard, parent=None):
        super().__init__(parent)
        self.wizard = wizard
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(_("Extracts for the partners:"), self)
        self.grid.addWidget(self.label, 0, 0, 1, BUTTONS_PER_ROW)
        # The buttons keep their width; what is left of the row stays empty.
        self.grid.setColumnStretch(BUTTONS_PER_ROW, 1)
        self.buttons: list[QPushButton] = []

    def refresh(self) -> None:
        for button in self.buttons:
            self.grid.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for number in range(1, len(self.wizard.plan.partners) + 1):
            button = QPushButton(self)
            button.setAutoDefault(False)
            show_state(button, self.wizard, number)
            button.clicked.connect(lambda _checked=False, n=number: save_partner_extract(
                self.wizard, n, _say_on_review(self.wizard)))
            row, column = divmod(number - 1, BUTTONS_PER_ROW)
            self.grid.addWidget(button, row + 1, column)
            self.buttons.append(button)
        self.setVisible(bool(self.buttons))
