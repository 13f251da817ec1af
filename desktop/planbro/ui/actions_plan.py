"""The plan's life from the caseload: new, open, revise, sign, close; settings.

Each function takes the CaseloadWindow; every question goes through
window.dialogs so tests script the answers.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer

from planbro.fileio.failures import write_failure
from planbro.translation import _, language

from planbro.model.labels import day_label
from planbro.model.plan import Caseworker, Plan

from planbro.storage import StoreError

from planbro.actions import lifecycle

from planbro.ui.common.form_dialog import sentence

# Delay before the caseload rereads the summaries after a wizard autosave:
# a burst of saves while the caseworker types costs one reread.
REFRESH_DELAY_MS = 400
# Findings listed in the "sign despite errors" question; the rest are counted.
MAX_LISTED_ERRORS = 5


def new_plan_from_settings(settings) -> Plan:
    """A blank plan with the caseworker and the acting municipality filled in."""
    plan = Plan()
    if settings is not None:
        plan.caseworker = Caseworker(name=settings.caseworker_name,
                                     unit=settings.caseworker_unit,
                                     phone=settings.caseworker_phone,
                                     email=settings.caseworker_email)
        plan.citizen.acting_municipality = settings.municipality_name
    return plan


def _wizard_class():
    # Imported on first use: the caseload starts without the wizard's weight.
    from planbro.ui.wizard import PlanWizard
    return PlanWizard


def close_wizard(actions, plan_id: str) -> bool:
    """Close the wizard open on the plan, if any; it saves what it holds first.

    False when it stays open: the caseworker chose to keep typed text that
    cannot be saved yet (the wizard asks).
    """
    wizard = actions.wizards.get(plan_id)
    if wizard is None:
        return True
    wizard.close()
    if wizard.isVisible():
        return False
    actions.wizards.pop(plan_id, None)
    return True


def open_wizard(window, actions, plan: Plan, of_versions: int | None = None):
    """Show the wizard on `plan` (non-modal), or raise the one already open on it.

    of_versions: the number of stored versions when `plan` is an earlier one.
    """
    existing = actions.wizards.get(plan.id)
    if existing is not None and existing.plan.version != plan.version:
        # One window per plan: the version asked for takes the other's place
        # (a draft is saved as it closes).
        if close_wizard(actions, plan.id):
            existing = None
    if existing is not None:
        existing.show()
        existing.raise_()
        existing.activateWindow()
        return existing
    # On the team store: this caseworker's lease of the plan, or who has it open (read-only).
    from planbro.ui.actions_team import lease_for
    keeper, held_by = lease_for(window, plan, of_versions)
    wizard = _wizard_class()(window.store, plan, settings=window.settings,
                             dialogs=window.dialogs, parent=window, of_versions=of_versions,
                             held_by=held_by)
    if keeper is not None:
        keeper.attach(wizard)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    actions.wizards[plan.id] = wizard
    timer = QTimer(wizard)
    timer.setSingleShot(True)
    timer.setInterval(REFRESH_DELAY_MS)
    timer.timeout.connect(lambda: window.plan_changed(plan.id))
    wizard.plan_saved.connect(lambda _plan_id: timer.start())

    def finished(_result=None):
        actions.wizards.pop(plan.id, None)
        window.plan_changed(plan.id)

    wizard.finished.connect(finished)
    wizard.show()
    return wizard


def guard(window, title: str, work):
    """Run `work()`; a store refusal becomes a Danish message, not a crash."""
    try:
        return work()
    except StoreError as error:
        window.dialogs.warn(window, title, str(error))
        return None


def _change(window, title: str, plan_id: str, work, done: str) -> bool:
    """Make a change in the store (sign, close); on success show it in the caseload
    and say `done` in the status bar. False when the store refused."""
    if guard(window, title, work) is None:
        return False
    window.plan_changed(plan_id)
    window.statusBar().showMessage(done, 8000)
    return True


def new_plan(window, actions):
    return open_wizard(window, actions, new_plan_from_settings(window.settings))


def _of_selected(window, title: str, work):
    """`work(plan_id)` for the plan selected in the caseload, under guard;
    None when no plan is selected or the store refused."""
    summary = window.selected_summary()
    if summary is None:
        return None
    return guard(window, title, lambda: work(summary.id))


def show_plan(window, actions, plan: Plan, of_versions: int | None = None):
    """Open `plan` in the wizard and record that it was viewed."""
    wizard = open_wizard(window, actions, plan, of_versions)
    window.store.record("view", plan.id, plan.version)
    return wizard


def open_plan(window, actions):
    plan = _of_selected(window, _("Open plan"), window.store.get)
    if plan is None:
        return None
    return show_plan(window, actions, plan)


def _version_row(plan: Plan) -> tuple:
    signed = plan.signatures.caseworker_signed or plan.signatures.citizen_signed
    return (plan.version, plan.status, plan.updated, signed)


def open_version(window, actions):
    """Tidligere versioner: choose one of the selected plan's stored versions and
    open it; an earlier one opens read-only at Gennemgang (it is signed)."""
    title = _("Earlier versions")
    plans = _of_selected(window, title, lambda plan_id: [
        window.store.get(plan_id, number) for number in window.store.versions(plan_id)])
    if not plans:
        return None
    latest = plans[-1]
    chosen = window.dialogs.choose_version(window, latest.citizen.name,
                                           [_version_row(plan) for plan in plans])
    if chosen is None:
        return None
    plan = next((p for p in plans if p.version == chosen), None)
    if plan is None:
        return None
    if plan.version != latest.version:
        return show_plan(window, actions, plan, of_versions=len(plans))
    return show_plan(window, actions, plan)


def revise(window, actions):
    """Revidér: after a question naming the version (Nej is the default), make the
    next version of the signed plan as a draft and open it."""
    title = _("Revise plan")
    signed = _of_selected(window, title, window.store.get)
    if signed is None:
        return None
    question = _("Make version {next} of the plan of {name}? The signed version {version} "
                 "({date}) stays as it is and applies until version {next} is signed. "
                 "Version {next} is a draft that cannot be deleted again.").format(
        next=signed.version + 1, version=signed.version,
        name=signed.citizen.name or _("(no name)"),
        date=day_label(signed.signatures.signed_on()))
    if not window.dialogs.confirm(window, title, question):
        return None
    plan = guard(window, title, lambda: lifecycle.revise(window.store, signed.id))
    if plan is None:
        return None
    return open_revision(window, actions, plan)


def open_revision(window, actions, plan: Plan, message: str = ""):
    """A new draft version was made (Revidér, or a follow-up that changes the plan):
    show it in the caseload and open it in the wizard."""
    window.plan_changed(plan.id)
    window.statusBar().showMessage(
        message or _("Version {version} was made as a draft.").format(version=plan.version), 8000)
    return open_wizard(window, actions, plan)


def _errors_text(quality_findings) -> str:
    lines = [f"• {f.message}" for f in quality_findings[:MAX_LISTED_ERRORS]]
    more = len(quality_findings) - MAX_LISTED_ERRORS
    if more > 0:
        lines.append(_("… and {count} more.").format(count=more))
    return "\n".join(lines)


def sign(window) -> bool:
    summary = window.selected_summary()
    if summary is None:
        return False
    title = _("Mark as signed")
    plan = guard(window, title, lambda: window.store.get(summary.id))
    if plan is None:
        return False
    today = window.model.today
    errors = lifecycle.signature_errors(plan, today)
    if errors:
        question = _("The quality check found errors in this plan that the law does not "
                     "allow:\n\n{errors}\n\nSign it anyway? The plan will record that it was "
                     "signed despite the errors.").format(errors=_errors_text(errors))
        if not window.dialogs.confirm(window, title, question):
            return False
    # Both days, or that the citizen does not wish to sign (the dialog checks the answer).
    answer = window.dialogs.sign(window, plan, today)
    if answer is None:
        return False

    def work():
        try:
            return lifecycle.sign(window.store, summary.id, answer, anyway=bool(errors),
                                  today=today)
        except lifecycle.SignatureInvalid as invalid:
            window.dialogs.warn(window, title, "\n".join(
                sentence(problem.reason) for problem in invalid.problems))
            return None
        except lifecycle.SignatureRefused as refused:
            # Errors that came after the question (another window changed the plan).
            window.dialogs.warn(window, title, _errors_text(refused.errors))
            return None

    return _change(window, title, summary.id, work, _("The plan was marked as signed."))


def close_case(window) -> bool:
    summary = window.selected_summary()
    if summary is None:
        return False
    title = _("Close case")
    question = _("Close the case of {name}? The plan can no longer be changed afterwards; "
                 "it can still be saved, printed and exported.").format(
        name=summary.name or _("(no name)"))
    if not window.dialogs.confirm(window, title, question):
        return False
    if not _change(window, title, summary.id,
                   lambda: lifecycle.close_case(window.store, summary.id), _("The case was closed.")):
        return False
    # Imported here: actions_retention uses guard() from this module.
    from planbro.ui.actions_retention import offer_pdf_for_journal
    offer_pdf_for_journal(window)
    return True


def delete_draft(window, actions) -> bool:
    """Slet kladde: delete the selected plan, a draft never signed, after asking (Nej
    is the default); the store refuses a plan with a signed version."""
    summary = window.selected_summary()
    if summary is None:
        return False
    title = _("Delete draft")
    question = _("Delete the draft plan of {name} for good? It has never been signed. The plan "
                 "and its backups are removed from the data folder; this cannot be "
                 "undone.").format(name=summary.name or _("(no name)"))
    if not window.dialogs.confirm(window, title, question):
        return False
    if not close_wizard(actions, summary.id):
        return False
    if guard(window, title, lambda: lifecycle.delete_draft(window.store, summary.id)) is None:
        return False
    window.model.forget_quality(summary.id)
    window.refresh()
    window.statusBar().showMessage(_("The draft of {name} was deleted.").format(
        name=summary.name or _("(no name)")), 8000)
    return True


def edit_settings(window) -> bool:
    from planbro.settings import save_settings

    from planbro.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window, window.settings, data_dir=str(window.store.data_dir),
                            dialogs=window.dialogs)
    if not dialog.exec():
        return False
    return apply_settings(window, dialog.result_settings(), save_settings)


def apply_settings(window, new, save) -> bool:
    from planbro.actions.context import save_user_settings

    old = window.settings
    title = _("Settings")
    try:
        # The logo is copied into the data folder: moving the original loses nothing.
        new = save_user_settings(new, window.store.data_dir, save)
    except OSError as error:
        window.dialogs.warn(window, title, _("The settings could not be saved: {error}").format(
            error=write_failure(error)))
        return False
    window.settings = new
    later = []
    if (old.language if old else language()) != new.language:
        later.append(_("the language"))
    if (old.data_dir if old else "") != new.data_dir:
        later.append(_("the data folder"))
    if later:
        text = _("The settings were saved. The change of {what} takes effect when Planbro is "
                 "started again.").format(what=_(" and ").join(later))
        if (old.language if old else language()) != new.language:
            from planbro.ui.settings_dialog import language_change_note
            text += "\n\n" + language_change_note(new.language)
        window.dialogs.info(window, title, text)
    else:
        window.statusBar().showMessage(_("The settings were saved."), 8000)
    return True
