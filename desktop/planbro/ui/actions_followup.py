"""Registrér opfølgning from the caseload (§ 148 stk. 2).

The caseworker answers the follow-up dialog (window.dialogs.follow_up, so
tests script it); "ændres" then opens the draft to change, as Revidér does,
and "afsluttes" is confirmed before the case is closed.
"""

from __future__ import annotations

from planbro.translation import _

from planbro.model.dates import format_danish_date

from planbro.actions import followup
from planbro.actions.followup import FollowUpAnswer, problems

from planbro.ui.actions_plan import close_wizard, guard, open_revision, open_wizard
from planbro.ui.caseload_model import format_day
from planbro.ui.common.form_dialog import sentence

# How long the status bar says what was recorded, in milliseconds.
MESSAGE_MS = 8000


def _ask(window, plan, today) -> FollowUpAnswer | None:
    """The caseworker's follow-up; asked again, filled in, when closing is not confirmed."""
    answer = None
    while True:
        answer = window.dialogs.follow_up(window, plan, today, answer)
        if answer is None:
            return None
        found = problems(answer, today, show=format_danish_date)
        if found:
            # The dialog refuses these itself; this guards any other Dialogs.
            window.dialogs.warn(window, _("Record follow-up"), "\n".join(
                f"• {sentence(p.reason)}" for p in found))
            return None
        if answer.outcome != "close":
            return answer
        question = _("Close the case of {name}? The plan can no longer be changed afterwards; "
                     "it can still be saved, printed and exported.").format(
            name=plan.citizen.name or _("(no name)"))
        if window.dialogs.confirm(window, _("Close case"), question):
            return answer


def record_follow_up(window, actions):
    """Record a follow-up of the selected plan; the resulting latest version, or None."""
    summary = window.selected_summary()
    if summary is None:
        return None
    title = _("Record follow-up")
    # An open wizard on the plan saves what it holds and closes first, so
    # its next autosave cannot write the plan back without this follow-up.
    # Closed before the question, so no answer is lost if it stays open.
    if not close_wizard(actions, summary.id):
        return None
    plan = guard(window, title, lambda: window.store.get(summary.id))
    if plan is None:
        return None
    answer = _ask(window, plan, window.model.today)
    if answer is None:
        return None
    done = guard(window, title, lambda: followup.record_follow_up(
        window.store, plan.id, answer, window.model.today))
    if done is None:
        return None
    result = done.plan
    if answer.outcome == "change":
        if done.new_version:
            open_revision(window, actions, result, _(
                "The follow-up was recorded; version {version} was made as a draft to change.")
                .format(version=result.version))
        else:
            window.plan_changed(result.id)
            window.statusBar().showMessage(
                _("The follow-up was recorded; change the draft now."), MESSAGE_MS)
            open_wizard(window, actions, result)
        return result
    window.plan_changed(result.id)
    if answer.outcome == "close":
        message = _("The follow-up was recorded and the case was closed.")
    elif answer.next_date:
        # Written as the caseload's follow-up column writes it.
        message = _("The follow-up was recorded. Next follow-up: {date}.").format(
            date=format_day(answer.next_date))
    else:
        message = _("The follow-up was recorded; no next follow-up is set.")
    window.statusBar().showMessage(message, MESSAGE_MS)
    return result
