"""A closed case from the caseload: save its PDF/A for the ESDH, mark it journalised, and
delete the journalised cases whose retention period is over (actions/retention.py).

┌──────────────────────────────────────────────────────────────────────────┐
│ Why the app asks before deleting at start                                │
│                                                                          │
│ The retention period is the municipality's rule (Indstillinger), so the  │
│ app applies it at every start, but it names the cases and asks first:   │
│ a caseworker must see that a citizen's case leaves the laptop (and may  │
│ notice one marked journalised by mistake), and a DPO wants it visible   │
│ and logged. Nej (the default, as for every deletion) only postpones:    │
│ the question comes again at the next start. Each case deleted has its    │
│ "purge" record in the audit log, written before it goes. Closed cases    │
│ not journalised are never deleted; the caseload says so in their status │
│ and the status bar counts them.                                          │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

from datetime import date

from planbro.translation import _, ngettext

from planbro.model.labels import day_label

from planbro.actions import retention

from planbro.ui.actions_plan import guard

# Cases named in the question at start; the rest are counted.
MAX_LISTED = 10
# How long the status bar shows a note, in milliseconds.
NOTE_MS = 10000


def offer_pdf_for_journal(window) -> None:
    """After Luk sagen: offer to save the final PDF/A for journalisation in the ESDH."""
    from planbro.ui import actions_files

    title = _("Journalise in the ESDH")
    question = _("The case is closed. Save its final PDF/A now, to journalise it in the "
                 "municipality's ESDH? Afterwards, mark the case as journalised (Plan → Mark "
                 "as journalised); Planbro then deletes it from this computer {days} days "
                 "later.").format(days=retention.retention_days(window.settings))
    if window.dialogs.confirm(window, title, question, default_yes=True):
        actions_files.save_document(window, "pdf")


def journalise(window) -> bool:
    """Markér som journaliseret: ask the day (default today) and mark the selected closed case."""
    summary = window.selected_summary()
    if summary is None:
        return False
    title = _("Mark as journalised")
    today = window.model.today
    on = window.dialogs.pick_date(window, _("The day the case was journalised in the ESDH"),
                                  summary.journalised or today)
    if on is None:
        return False

    def work():
        try:
            return retention.journalise(window.store, summary.id, on, today)
        except retention.JournaliseInvalid as invalid:
            window.dialogs.warn(window, title, "\n".join(p.reason for p in invalid.problems))
            return None

    if guard(window, title, work) is None:
        return False
    days = retention.retention_days(window.settings)
    window.plan_changed(summary.id)
    window.statusBar().showMessage(_(
        "The case of {name} is marked as journalised on {date}; it is deleted from this "
        "computer on {deleted}.").format(name=summary.name or _("(no name)"), date=day_label(on),
                                         deleted=day_label(retention.deletion_day(on, days))),
        NOTE_MS)
    return True


def _listed(summaries) -> str:
    lines = [_("• {name}, journalised {date}").format(
        name=s.name or _("(no name)"), date=day_label(s.journalised))
        for s in summaries[:MAX_LISTED]]
    if len(summaries) > MAX_LISTED:
        lines.append(_("… and {count} more.").format(count=len(summaries) - MAX_LISTED))
    return "\n".join(lines)


def purge_at_start(window, today: date | None = None) -> int:
    """Ask to delete the journalised cases whose period is over, and delete them if the
    caseworker says Ja; count the closed cases not journalised in the status bar. The
    number of cases deleted."""
    if window.read_only:
        return 0
    today = today or window.model.today
    days = retention.retention_days(window.settings)
    title = _("Delete journalised cases")
    found = guard(window, title, lambda: retention.survey(window.store, days, today))
    if found is None:
        return 0
    notes = []
    if found.unjournalised:
        count = len(found.unjournalised)
        notes.append(ngettext(
            "{count} closed case is not marked as journalised and stays on this computer.",
            "{count} closed cases are not marked as journalised and stay on this computer.",
            count).format(count=count))
    deleted = 0
    if found.due:
        question = _("These closed cases were journalised in the ESDH at least {days} days "
                     "ago and are now deleted from this computer, with their backups (the "
                     "audit log keeps that they were):\n\n{cases}\n\nDelete them now? If not, "
                     "Planbro asks again at the next start.").format(
            days=days, cases=_listed(found.due))
        if window.dialogs.confirm(window, title, question):
            purged = retention.purge(window.store, days, today, due=found.due)
            deleted = len(purged.deleted)
            for summary in purged.deleted:
                window.model.forget_quality(summary.id)
            window.refresh()
            if purged.failed:
                window.dialogs.warn(window, title, "\n".join(
                    f"{s.name or _('(no name)')}: {reason}" for s, reason in purged.failed))
            notes.insert(0, ngettext(
                "{count} journalised case was deleted from this computer.",
                "{count} journalised cases were deleted from this computer.",
                deleted).format(count=deleted))
    if notes:
        window.statusBar().showMessage(" ".join(notes), NOTE_MS)
    return deleted
