"""The wizard's pages, one class per kind of step in forms/wizard.yaml.

Each page loads its state in initializePage, checks it in validatePage and
writes to the plan through one method, write_back; saving is the wizard's
business, never a page's.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from planbro.translation import _

from planbro.formdefs import SectionDef, StepDef, walk_fields
from planbro.model import Plan
from planbro.model.convert import to_dict

from planbro.documents.changes import Comparison
from planbro.storage import StoreError

from planbro.actions.changes import changes_since_signed

from planbro.ui.wizard import export, partner_export
from planbro.ui.wizard.changes_view import changes_html
from planbro.ui.wizard.fields import message_html
from planbro.ui.wizard.form import FieldForm
from planbro.ui.wizard.missing import missing_fields, missing_in_step, step_of_path
from planbro.ui.wizard.mnemonics import assign
from planbro.ui.wizard.reading import plan_html
from planbro.ui.wizard.unsaved import unsaved_inputs
from planbro.ui.wizard.values import get_value, holds, is_empty, skips


def step_title(step: StepDef, total: int) -> str:
    return _("Step {number} of {total} — {title}").format(
        number=step.number, total=total, title=step.title.get())


class _StepPage(QWizardPage):
    def __init__(self, step: StepDef, wizard):
        super().__init__()
        self.step = step
        self.planwizard = wizard
        self.setTitle(step_title(step, len(wizard.defs.steps)))
        if step.intro:
            self.setSubTitle(step.intro.get())


class FormStepPage(_StepPage):
    """A step of fields in sections, groups included."""

    def __init__(self, step: StepDef, wizard):
        super().__init__(step, wizard)
        # Set when Næste was pressed once: from then on the page points out
        # every missing field, not only the ones typed wrongly.
        self.checked = False
        # What the widgets were last loaded with (see initializePage).
        self._shown: list | None = None
        self._links_goals = any(f.kind == "goal_links" for f in walk_fields(step.fields()))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget(scroll)
        column = QVBoxLayout(content)
        self.banner = QLabel(content)
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.hide()
        column.addWidget(self.banner)
        self.forms: list[FieldForm] = []
        self.section_notes: list[tuple[SectionDef, QLabel]] = []
        # What shows each section (its box, or its form), to hide one for another basis.
        self.section_widgets: list[tuple[SectionDef, FieldForm, QWidget]] = []
        for section in step.sections:
            form = FieldForm(section.fields, Plan, wizard.dialogs, content)
            form.changed.connect(self.on_changed)
            note = QLabel(content)
            note.setWordWrap(True)
            note.hide()
            shown: QWidget = form
            if section.title and len(step.sections) > 1:
                box = QGroupBox(section.title.get(), content)
                inner = QVBoxLayout(box)
                inner.addWidget(note)
                inner.addWidget(form)
                column.addWidget(box)
                shown = box
            else:
                column.addWidget(note)
                column.addWidget(form)
            self.forms.append(form)
            self.section_notes.append((section, note))
            self.section_widgets.append((section, form, shown))
        column.addStretch(1)
        scroll.setWidget(content)
        outer.addWidget(scroll)
        slots = [slot for form in self.forms for slot in form.mnemonic_slots()]
        for (_text, setter), text in zip(slots, assign([t for t, _s in slots], wizard.reserved_letters())):
            setter(text)
        # One label column for all sections of the page, so the fields line up.
        labels = [label for form in self.forms for label in form.labels.values()]
        if labels:
            width = max(label.sizeHint().width() for label in labels)
            for label in labels:
                label.setMinimumWidth(width)
        # Step 8: "Udskrift til <partner>" beside the list of partners.
        self.partner_extract_button = partner_export.attach(self)

    @property
    def plan(self) -> Plan:
        return self.planwizard.plan

    def snapshot(self) -> list:
        """The plan data this page shows; goal links also show the goals."""
        keys = [f.key for f in self.step.fields()]
        if self._links_goals:
            keys.append("goals")
        return [to_dict(get_value(self.plan, key)) for key in keys]

    def initializePage(self) -> None:
        shown = self.snapshot()
        # Widgets are reused: when nothing this page shows has changed since
        # it was last loaded or edited, they already show it.
        if shown != self._shown:
            for form in self.forms:
                form.load(self.plan, self.plan)
            self._shown = shown
        self.refresh_sections()
        self.refresh_messages()

    def shown_forms(self) -> list[FieldForm]:
        """The forms of the sections this plan shows (a § 110 stay only for § 142)."""
        return [form for section, form, _w in self.section_widgets if holds(section.visible_if, self.plan)]

    def refresh_sections(self) -> None:
        """Show the sections the plan's basis asks for; a field's own condition
        may name a field of another section (the basis), so each form looks again."""
        for section, form, widget in self.section_widgets:
            widget.setVisible(holds(section.visible_if, self.plan))
            form.refresh_visibility()

    def write_back(self) -> None:
        """The one place this page changes the plan; a signed or closed version,
        or a plan in a read-only window, is shown, never changed."""
        if self.planwizard.read_only:
            return
        for form in self.forms:
            form.write(self.plan)
        # The widgets are what was just written.
        self._shown = self.snapshot()
        self.planwizard.plan_changed()

    def on_changed(self) -> None:
        self.write_back()
        self.refresh_sections()
        self.refresh_messages()

    def step_findings(self) -> list:
        defs = self.planwizard.defs
        return [f for f in self.planwizard.findings if step_of_path(defs, f.field) is self.step]

    def refresh_messages(self) -> None:
        findings = [(f.field, f) for f in self.step_findings()]
        unplaced = {id(f): f for _rel, f in findings}
        for form in self.forms:
            left = form.update_messages(self.checked, findings)
            placed = {id(f) for _rel, f in findings} - {id(f) for _rel, f in left}
            for key in placed:
                unplaced.pop(key, None)
        texts = [(f.severity, f.message) for f in unplaced.values()]
        for section, _note in self.section_notes:
            if section.require_any and self.checked and holds(section.visible_if, self.plan) and all(
                    is_empty(get_value(self.plan, f.key)) for f in section.fields):
                texts.append(("gap", _("Fill in at least one of these fields; you may do it later.")))
        # Coloured and prefixed by severity, as beside a field (#9.17).
        text = message_html(texts)
        # Called on every keystroke: touch the label only when its text changes.
        if text != self.banner.text():
            self.banner.setText(text)
            self.banner.setVisible(bool(text))

    def validatePage(self) -> bool:
        self.write_back()
        if self.planwizard.jumping:
            return True
        self.checked = True
        problems = [path for form in self.shown_forms() for path, _why in form.format_problems()]
        blocking = [m.path for m in missing_in_step(self.step, self.plan) if m.blocking]
        self.refresh_messages()
        wrong = problems + blocking
        if wrong:
            self.focus_path(wrong[0])
            self.planwizard.show_status(_("Correct the fields marked in red before you go on."))
            return False
        return True

    def focus_path(self, path: str) -> bool:
        return any(form.focus_path(path) for form in self.forms)

    def focus_first(self) -> None:
        form = self.forms[0]
        form.editors[form.fields[0].key].focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)

    def nextId(self) -> int:
        skip = self.step.skip_to
        if skip is not None and skips(skip, self.plan):
            return self.planwizard.defs.index(skip.step)
        return super().nextId()


class ReviewStepPage(_StepPage):
    """Gennemgang: the plan in reading form, what is missing, and the documents."""

    def __init__(self, step: StepDef, wizard):
        super().__init__(step, wizard)
        layout = QVBoxLayout(self)
        # What changed since the signed version before this one (None: there is none).
        self.changes: Comparison | None = None
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName(_("The plan in reading form"))
        self.browser.anchorClicked.connect(self.follow)
        layout.addWidget(self.browser, 1)
        row = QHBoxLayout()
        self.word_button = QPushButton(_("Save as Word"), self)
        self.pdf_button = QPushButton(_("Save as PDF"), self)
        self.print_button = QPushButton(_("Print"), self)
        # Din plan, the citizen's own short copy; the box beside it puts its frame in English.
        self.citizen_button = QPushButton(_("Citizen's copy (Din plan)"), self)
        self.citizen_button.setToolTip(_("A short copy for the citizen: at most two pages in "
                                         "large type and plain words, without the CPR number"))
        self.citizen_english = QCheckBox(_("In English"), self)
        self.citizen_english.setToolTip(_("The citizen's copy with its headings and fixed "
                                          "sentences in English; the plan's own words stay "
                                          "as written"))
        self.folder_button = QPushButton(_("Open folder"), self)
        self.folder_button.setEnabled(False)
        actions = ((self.word_button, lambda: export.save_document(wizard, "docx")),
                   (self.pdf_button, lambda: export.save_document(wizard, "pdf")),
                   (self.print_button, lambda: export.print_plan(wizard)),
                   (self.citizen_button, lambda: export.save_citizen_copy(
                       wizard, self.citizen_english.isChecked())),
                   (self.folder_button, lambda: export.open_folder(wizard)))
        # The plan's own documents on one row; Din plan and its box on the next, so
        # no button is cut short in the wizard's smallest width.
        citizen_row = QHBoxLayout()
        for button, action in actions:
            button.clicked.connect(action)
            button.setAutoDefault(False)
            (citizen_row if button is self.citizen_button else row).addWidget(button)
        citizen_row.addWidget(self.citizen_english)
        row.addStretch(1)
        citizen_row.addStretch(1)
        layout.addLayout(row)
        layout.addLayout(citizen_row)
        # "Udskrift til <partner>", one button per partner.
        self.partner_buttons = partner_export.PartnerButtons(wizard, self)
        layout.addWidget(self.partner_buttons)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        # The box beside the citizen's copy takes part in the page's mnemonics too.
        widgets: list[QAbstractButton] = [*(b for b, _a in actions), self.citizen_english]
        texts = assign([b.text() for b in widgets], wizard.reserved_letters())
        for widget, text in zip(widgets, texts):
            widget.setText(text)

    def initializePage(self) -> None:
        self.planwizard.refresh_findings()
        self.refresh()

    def refresh(self) -> None:
        wizard = self.planwizard
        missing = missing_fields(wizard.defs, wizard.plan)
        self.partner_buttons.refresh()
        self.browser.setHtml(plan_html(wizard.defs, wizard.plan, missing, wizard.findings,
                                       unsaved_inputs(wizard.defs, wizard.plan),
                                       self._changes()))

    def _changes(self) -> str:
        """What changed since the signed version before this one (a revision, a follow-up
        that changes the plan), as Gennemgang's section; "" for a first version."""
        problem = ""
        try:
            self.changes = changes_since_signed(self.planwizard.store, self.planwizard.plan)
        except StoreError as error:
            self.changes = None
            problem = _("The changes since the signed version cannot be shown: {reason}").format(
                reason=error)
        return changes_html(self.changes, problem)

    def focus_first(self) -> None:
        self.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    def follow(self, url) -> None:
        if url.scheme() == "step":
            self.planwizard.go_to_step(url.path(), url.fragment())
