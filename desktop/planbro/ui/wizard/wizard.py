"""PlanWizard: the § 141 plan, step by step, saved as the caseworker types."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWizard

from planbro.translation import _

from planbro.formdefs import FormDefs, default_formdefs
from planbro.model.labels import replaces_label

from planbro.quality import check_plan

from planbro.actions.context import quality_policy

from planbro.ui.common.connection_banner import ConnectionBanner
from planbro.ui.common.dialogs import Dialogs
from planbro.ui.common.qt_dialogs import QtDialogs
from planbro.ui.wizard.autosave import Autosaver
from planbro.ui.wizard.missing import route
from planbro.ui.wizard.mnemonics import mnemonic_of
from planbro.ui.wizard.pages import FormStepPage, ReviewStepPage
from planbro.ui.wizard.resume import ResumeFile
from planbro.ui.wizard.steplist import StepList
from planbro.ui.wizard.unsaved import unsaved_inputs

# Window size in lines of the UI font (width and height), so it grows with
# the font and the display scaling instead of being fixed pixels.
WINDOW_WIDTH_LINES, WINDOW_HEIGHT_LINES = 80, 50
# Unsaved texts named in the question on closing; the rest are counted.
CLOSE_LISTED = 5


class PlanWizard(QWizard):
    """Walks a caseworker through a plan; every change is autosaved.

    start_step: a page id (0-based index into forms/wizard.yaml's steps) or
    a step id ("services"); without it, a draft opened before is offered
    at the step where it was left. of_versions: the plan's number of stored
    versions when `plan` is an earlier one (the title says which). formdefs,
    resume and today replace the shipped definitions, the resume file and
    the system date (for tests).
    """

    plan_saved = Signal(str)

    def __init__(self, store, plan, *, settings=None, dialogs: Dialogs | None = None, parent=None,
                 start_step: int | str | None = None, formdefs: FormDefs | None = None,
                 resume: ResumeFile | None = None, today: date | None = None,
                 of_versions: int | None = None, held_by: str = ""):
        super().__init__(parent)
        self.store = store
        self.plan = plan
        # "Åben hos … siden …": a colleague holds the team plan's lease (lease_keeper.py).
        self.held_by = held_by
        # Opened in a second, read-only window (PlanStore.open fell back to reading), or
        # while a colleague has the team plan open.
        self.store_read_only = bool(getattr(store, "read_only", False)) or bool(held_by)
        self.of_versions = of_versions
        self.settings = settings
        # What the municipality decided for the quality check (municipality.toml).
        self.policy = quality_policy()
        self.dialogs = dialogs or QtDialogs()
        self.defs = formdefs or default_formdefs()
        self.resume = resume or ResumeFile()
        self.findings: list = []
        # The day the quality check judges follow-up and consent by (tests fix it).
        self.today = today
        self.last_folder = None
        # True while the wizard walks to a step by itself (resume, links).
        self.jumping = False
        self._warned = False
        # The caseworker agreed to close although the plan could not be saved.
        self._let_go = False
        self.autosave = Autosaver(store, lambda: self.plan, self)
        self.autosave.saved.connect(self._saved)
        self.autosave.failed.connect(self._save_failed)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.autosave.flush)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Finish"))
        # Everything is saved already, so leaving is "close", not "cancel".
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Close"))
        self.side = StepList(self)
        self.setSideWidget(self.side)
        # "Ikke forbundet – gemmes lokalt" under the steps (ui/common/connection_banner.py).
        self.connection = ConnectionBanner(lambda: self.store, self.side)
        self.side.add_below(self.connection)
        for index, step in enumerate(self.defs.steps):
            page_class = ReviewStepPage if step.kind == "review" else FormStepPage
            self.setPage(index, page_class(step, self))
        self.currentIdChanged.connect(self._step_changed)
        self._title()
        self._size_to_font()
        self.refresh_findings()
        self._start(start_step)

    # -- set-up -----------------------------------------------------------------
    def reserved_letters(self) -> set[str]:
        """Mnemonics the wizard's own buttons use; fields get other letters."""
        buttons = (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                   QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton)
        return {m for b in buttons if (m := mnemonic_of(self.buttonText(b)))}

    def _size_to_font(self) -> None:
        metrics = self.fontMetrics()
        line = metrics.lineSpacing()
        width, height = line * WINDOW_WIDTH_LINES, line * WINDOW_HEIGHT_LINES
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            width, height = min(width, int(area.width() * 0.95)), min(height, int(area.height() * 0.9))
        self.resize(width, height)

    def _title(self) -> None:
        name = self.plan.citizen.name.strip() or _("new plan")
        if self.of_versions:
            self.setWindowTitle(_("Action plan — {name} (version {version} of {total})").format(
                name=name, version=self.plan.version, total=self.of_versions))
            return
        replaces = replaces_label(self.plan.replaces)
        if replaces:
            # A revision says in its title bar which signed version it replaces.
            self.setWindowTitle(_("Action plan — {name} (version {version}, {replaces})").format(
                name=name, version=self.plan.version, replaces=replaces))
            return
        self.setWindowTitle(_("Action plan — {name}").format(name=name))

    def _start(self, start_step) -> None:
        if self.read_only:
            # Read-only, not greyed out (#9.13), whichever step it opens at.
            for page_id in self.pageIds():
                page = self.page(page_id)
                if isinstance(page, FormStepPage):
                    for form in page.forms:
                        form.set_read_only(True)
        # Decided before restart(): entering step 1 is itself remembered.
        target = self._target(start_step)
        self.restart()
        if target:
            self.walk_to(target)
        self._step_changed(self.currentId())

    def _target(self, start_step) -> int | None:
        if isinstance(start_step, str):
            return self.defs.index(start_step)
        if start_step is not None:
            return int(start_step)
        if self.read_only:
            # A signed or closed version is read, printed and exported, not edited;
            # so is every plan in a second, read-only window.
            if self.held_by:
                self.show_held()
            elif self.plan.status != "draft":
                self.show_status(_("This version is {status} and cannot be changed.").format(
                    status=self.status_name()))
            else:
                self.show_status(_("Read-only: Planbro's data is open in another window. The "
                                   "plan can be read, saved and printed here, not changed."))
            return self.defs.index(self.defs.steps[-1].id)
        remembered = self.resume.step_of(self.plan.id)
        ids = [s.id for s in self.defs.steps]
        if remembered not in ids or ids.index(remembered) == 0:
            return None
        step = self.defs.step(remembered)
        text = _("Last time you got to step {number} of {total} — {title}. Continue there?").format(
            number=step.number, total=len(ids), title=step.title.get())
        # Ja is the default: Enter continues, it never sends the caseworker back to step 1.
        if self.dialogs.confirm(self.parentWidget(), _("Continue the draft"), text,
                                default_yes=True):
            return ids.index(remembered)
        return None

    @property
    def read_only(self) -> bool:
        """Shown, never changed or saved: a signed or closed version, or any plan while
        another Planbro holds the data (the store opened read-only)."""
        return self.plan.status != "draft" or self.store_read_only

    def status_name(self) -> str:
        return {"signed": _("signed"), "closed": _("closed")}.get(self.plan.status, self.plan.status)

    # -- moving between steps ------------------------------------------------------
    def walk_to(self, index: int) -> None:
        """Go to page `index` the way a caseworker would, so Tilbage still works."""
        self.jumping = True
        try:
            while self.currentId() > index and index in self.visitedIds():
                self.back()
            while self.currentId() < index:
                before = self.currentId()
                self.next()
                if self.currentId() == before:
                    break
        finally:
            self.jumping = False

    def go_to_step(self, step_id: str, path: str = "") -> None:
        """Open `step_id` (from a link in Gennemgang) and put the cursor in `path`."""
        if step_id not in [s.id for s in self.defs.steps]:
            return
        self.walk_to(self.defs.index(step_id))
        page = self.currentPage()
        if path and isinstance(page, FormStepPage):
            page.focus_path(path)

    def open_step(self, index: int) -> None:
        """Open page `index` from the step list, as a Gennemgang link would,
        with the cursor in its first field, ready to type."""
        self.go_to_step(self.defs.steps[index].id)
        page = self.currentPage()
        if isinstance(page, (FormStepPage, ReviewStepPage)):  # every page is one of them
            page.focus_first()

    def review_page(self) -> ReviewStepPage:
        page = self.page(self.defs.index(self.defs.steps[-1].id))
        assert isinstance(page, ReviewStepPage)  # formdefs makes the last step the review
        return page

    def _step_changed(self, page_id: int) -> None:
        if page_id < 0:
            return
        if not self.read_only:
            try:
                self.resume.remember(self.plan.id, self.defs.steps[page_id].id)
            except OSError:
                # Not knowing where we were is a small loss; the plan is safe.
                pass
        self._show_route()

    def _show_route(self) -> None:
        on_route = {self.defs.index(s.id) for s in route(self.defs, self.plan)}
        self.side.show_route(self.currentId(), on_route)

    # -- changes and saving -------------------------------------------------------------
    def plan_changed(self) -> None:
        """Called by a page after it wrote to the plan."""
        known = {g.id for g in self.plan.goals}
        for service in self.plan.services:
            # A removed goal leaves no dangling link behind.
            service.goal_ids = [g for g in service.goal_ids if g in known]
        self._title()
        self._show_route()
        if not self.read_only:
            # A signed or closed version, or a read-only window, never saves: opening only reads.
            self.autosave.schedule()

    def refresh_findings(self) -> None:
        self.findings = check_plan(self.plan, self.today, self.policy)
        page = self.currentPage()
        if isinstance(page, FormStepPage):
            page.refresh_messages()

    def show_held(self) -> None:
        """The banner of a plan a colleague has open: read here, changed there."""
        from planbro.ui.wizard.lease_keeper import show_held

        show_held(self)

    def show_status(self, text: str) -> None:
        self.side.status.setText(text)

    def _saved(self, plan_id: str) -> None:
        self.show_status(_("Saved {time}").format(time=datetime.now().strftime("%H:%M:%S")))
        self.refresh_findings()
        self.plan_saved.emit(plan_id)

    def _save_failed(self, reason: str) -> None:
        self.show_status(_("Not saved: {reason}").format(reason=reason))
        if not self._warned:
            # Once per window: the status line keeps saying it after that.
            self._warned = True
            self.dialogs.warn(self, _("The plan was not saved"), reason)

    # -- leaving -----------------------------------------------------------------------
    def done(self, result: int) -> None:
        if not self._may_close() or not self._saved_or_let_go():
            return
        super().done(result)

    def _saved_or_let_go(self) -> bool:
        """Save what is unsaved; when the store refuses (a full disk), ask before closing:
        No (the default) keeps the window and all that was typed."""
        if self.read_only or self._let_go or self.autosave.flush():
            return True
        text = _("The plan is not saved: {reason}\n\nClose anyway? Then what you typed since "
                 "the last save is lost.").format(reason=self.autosave.failure)
        # Asked once: closing goes on through done() after closeEvent().
        self._let_go = self.dialogs.confirm(self, _("The plan was not saved"), text)
        return self._let_go

    def _may_close(self) -> bool:
        """Typed text the plan cannot hold (unsaved.py) is lost on closing:
        ask first, and on No open the first such field."""
        unsaved = unsaved_inputs(self.defs, self.plan)
        if not unsaved:
            return True
        lines = [_("{field}: «{text}»").format(field=u.label, text=u.text)
                 for u in unsaved[:CLOSE_LISTED]]
        if len(unsaved) > CLOSE_LISTED:
            lines.append(_("… and {count} more.").format(count=len(unsaved) - CLOSE_LISTED))
        text = _("This text is not saved, because it is not valid:\n{lines}\n\n"
                 "Close anyway? Then it is lost.").format(lines="\n".join(lines))
        if self.dialogs.confirm(self, _("Close the plan"), text):
            return True
        self.go_to_step(unsaved[0].step.id, unsaved[0].path)
        return False

    def closeEvent(self, event) -> None:
        if not self._saved_or_let_go():
            event.ignore()
            return
        super().closeEvent(event)
