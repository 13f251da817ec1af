"""`planbro journalise`: mark a closed case as journalised in the ESDH; `planbro purge`:
delete the journalised cases whose retention period is over (storage/retention.py).

Plans are named by the first characters of their id, their status and dates, and the
citizen's name as `planbro list` shows it; never by CPR number.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from planbro.translation import _

from planbro.model.labels import date_label, listed_status_label

from planbro.storage import PlanSummary, StoreError

from planbro.actions import retention

from planbro.cli.common import (
    EXIT_BAD_INPUT,
    date_metavar,
    fail,
    open_store,
    read_date,
    refusal,
    shown,
)

# What counts as yes to the question before deleting.
YES = ("j", "ja", "y", "yes")


def register(subparsers) -> None:
    journalise = subparsers.add_parser("journalise", help=_(
        "mark a closed case as journalised in the municipality's ESDH"))
    journalise.add_argument("id", metavar="ID", help=_("the plan's id (or its first characters)"))
    journalise.add_argument("--date", metavar=date_metavar(), help=_(
        "the day the case was journalised (default: today)"))
    journalise.set_defaults(func=run_journalise)

    purge = subparsers.add_parser("purge", help=_(
        "delete the journalised cases whose retention period is over, with their backups "
        "(asks first)"))
    purge.add_argument("--dry-run", action="store_true", dest="dry_run",
                       help=_("only show what would be deleted, and what is kept"))
    purge.add_argument("--yes", action="store_true", help=_("delete without asking"))
    purge.set_defaults(func=run_purge)


def journal_hint(plan_id: str) -> str:
    """What comes after closing a case: its final PDF/A into the ESDH, then the mark that
    lets Planbro delete its own copy after the retention period."""
    return _("To journalise the case in the ESDH, save its final PDF/A: planbro render {id} "
             "--pdf FILE.pdf; once it is journalised: planbro journalise {id}").format(id=plan_id)


def _days(args: argparse.Namespace) -> int:
    from planbro.settings import load_settings

    return retention.retention_days(load_settings())


def run_journalise(args: argparse.Namespace) -> int:
    try:
        on = read_date("--date", args.date) if args.date else date.today()
    except ValueError as error:
        return fail(str(error))
    found = retention.journalise_problems(on, date.today(), show=date_label)
    if found:
        return fail(f"--date: {found[0].reason}")
    days = _days(args)
    try:
        with open_store(args, write=True) as store:
            plan = retention.journalise(store, store.resolve(args.id), on)
    except StoreError as error:
        return refusal(error)
    print(_("{name}: the case is marked as journalised on {date}.").format(
        name=shown(plan.citizen.name) or _("(no name)"), date=date_label(on)))
    print(_("It is deleted from this computer on {date} ({days} days later, as set in "
            "Settings).").format(date=date_label(retention.deletion_day(on, days)), days=days))
    return 0


def _table(summaries: list[PlanSummary], days: int) -> None:
    rows = [(_("Id"), _("Status"), _("Version"), _("Journalised"), _("Deleted on"), _("Citizen"))]
    for s in summaries:
        deleted = date_label(retention.deletion_day(s.journalised, days)) \
            if s.journalised else _("never")
        rows.append((s.id[:8], listed_status_label(s.status, journalised=s.journalised,
                                                   show=date_label),
                     str(s.version), date_label(s.journalised), deleted, shown(s.name) or "—"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


def _survey(found: retention.Sorted, days: int, dry_run: bool) -> None:
    print(_("Retention period: {days} days after the case was journalised (Settings).").format(
        days=days))
    if found.due:
        print(_("Would be deleted:") if dry_run else _("To be deleted:"))
        _table(found.due, days)
    else:
        print(_("No case is due for deletion."))
    if found.kept:
        print(_("Journalised, kept until the period is over:"))
        _table(found.kept, days)
    if found.unjournalised:
        print(_("Closed, not journalised — never deleted until marked as journalised "
                "(planbro journalise ID):"))
        _table(found.unjournalised, days)


def _confirmed(count: int) -> bool:
    # Without a person at the keyboard (scripts, CI) the answer is no.
    if not sys.stdin.isatty():
        return False
    answer = input(_("Delete these {count} cases and their backups from this computer for "
                     "good? The audit log keeps that they were deleted.").format(count=count)
                   + " [j/N] ").strip().lower()
    return answer in YES


def run_purge(args: argparse.Namespace) -> int:
    days = _days(args)
    try:
        with open_store(args, write=not args.dry_run) as store:
            found = retention.survey(store, days)
            _survey(found, days, args.dry_run)
            if args.dry_run or not found.due:
                return 0
            if not args.yes and not sys.stdin.isatty():
                # Never waiting for a keyboard that is not there: say what is missing.
                print(_("Nothing was deleted: there is no terminal to confirm it on. Use --yes "
                        "to delete without being asked."), file=sys.stderr)
                return EXIT_BAD_INPUT
            if not (args.yes or _confirmed(len(found.due))):
                print(_("Nothing was deleted. Use --yes to delete without being asked."),
                      file=sys.stderr)
                return 1
            purged = retention.purge(store, days, due=found.due)
    except StoreError as error:
        return refusal(error)
    for summary in purged.deleted:
        print(_("Deleted: {id} ({name})").format(id=summary.id[:8], name=shown(summary.name) or "—"))
    for summary, reason in purged.failed:
        print(_("Not deleted: {id}: {reason}").format(id=summary.id[:8], reason=reason),
              file=sys.stderr)
    return 1 if purged.failed else 0
