"""`planbro list` and `planbro show`: what is stored, for people and scripts."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta

from planbro.translation import _, ngettext

from planbro.model.labels import (
    date_label,
    decision_label,
    listed_status_label,
    moment_label,
    replaces_label,
    status_label,
)

from planbro.storage import StoreCorrupt, StoreError
from planbro.storage.paths import Layout

from planbro.cli.common import (
    EXIT_SOME_DAMAGED,
    add_purpose,
    audit_log,
    fail,
    open_store,
    print_json,
    record,
    refusal,
    restore_hint,
    shown,
    version_number,
)

# `list --due` shows follow-ups due within this many days, and overdue ones.
DUE_WITHIN_DAYS = 14


def register(subparsers) -> None:
    listing = subparsers.add_parser("list", help=_("list the stored plans"))
    listing.add_argument("--due", action="store_true", help=_(
        "only follow-ups, and declined plans to offer again, due within 14 days or overdue"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    listing.add_argument("--mine", action="store_true", help=_(
        "on the team store: only the cases you are responsible for today (Mine sager), by "
        "your name in Indstillinger"))
    add_purpose(listing)
    listing.set_defaults(func=run_list)

    show = subparsers.add_parser("show", help=_("show one stored plan"))
    show.add_argument("id", metavar="ID", help=_("the plan's id (or its first characters)"))
    show.add_argument("--plan-version", type=version_number, metavar="N", dest="plan_version",
                      help=_("a given version (default: the newest)"))
    show.add_argument("--json", action="store_true",
                      help=_("print the plan in the exchange format"))
    add_purpose(show)
    show.set_defaults(func=run_show)


def _is_due(next_date: date | None, today: date) -> bool:
    return next_date is not None and next_date <= today + timedelta(days=DUE_WITHIN_DAYS)


def run_list(args: argparse.Namespace) -> int:
    try:
        with open_store(args, write=False) as store:
            summaries = store.summaries()
            damaged = store.corrupt
            team = hasattr(store, "leases")
    except StoreError as error:
        return refusal(error)
    if args.mine and team:
        from planbro.settings import load_settings

        settings = load_settings()
        me = " ".join((settings.caseworker_name if settings else "").split())
        if not me:
            return fail(_("--mine: Indstillinger has no name for you as caseworker; the cases "
                          "are found by it."))
        # The local data folder's plans are all its caseworker's: --mine leaves them all.
        summaries = [s for s in summaries if " ".join(s.caseworker.split()) == me]
    # A damaged case file is named, never listed from its old index row nor left out unsaid.
    unreadable = {Layout.plan_id_of(error.path.name) for error in damaged}
    summaries = [s for s in summaries if s.id not in unreadable]
    exit_status = _tell_damaged(damaged)
    # Every citizen's name is shown: recorded like the app's caseload (told once if it fails).
    audit_log(args).record("caseload", None, via="cli")
    today = date.today()
    if args.due:
        # A declined plan's reminder is the day to offer it again (PlanSummary.reminder).
        summaries = [s for s in summaries
                     if s.status != "closed" and _is_due(s.reminder, today)]
    summaries.sort(key=lambda s: (s.name.casefold(), s.id))
    if args.json:
        print_json([{
            "id": s.id, "name": shown(s.name), "cpr": s.cpr_masked, "status": s.status,
            "version": s.version, "updated": s.updated, "signed_version": s.signed_version,
            "next_follow_up": s.next_follow_up.isoformat() if s.next_follow_up else None,
            "decision": s.decision,
            "offer_date": s.offer_date.isoformat() if s.offer_date else None,
            "offer_again": s.offer_again.isoformat() if s.offer_again else None,
            "journalised": s.journalised.isoformat() if s.journalised else None,
            "overdue": bool(s.reminder and s.reminder < today and s.status != "closed"),
            "caseworker": shown(s.caseworker),
        } for s in summaries])
        return exit_status
    if not summaries:
        print(_("No plans.") if not args.due else _("No follow-ups due within 14 days."))
        return exit_status
    rows = [(_("Citizen"), _("CPR"), _("Status"), _("Version"), _("Next follow-up"), _("Id"))
            + ((_("Caseworker"),) if team else ())]
    for s in summaries:
        follow = date_label(s.reminder)
        if s.offer_again_due:
            follow += " " + _("(offer again)")
        if s.reminder and s.reminder < today and s.status != "closed":
            follow += " " + _("(overdue)")
        status = listed_status_label(s.status, s.signed_version, decision=s.decision,
                                     offer_date=s.offer_date, show=date_label,
                                     journalised=s.journalised)
        rows.append((shown(s.name), s.cpr_masked or "—", status, str(s.version),
                     follow, s.id[:8]) + ((shown(s.caseworker) or "—",) if team else ()))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return exit_status


def _tell_damaged(damaged: list[StoreCorrupt]) -> int:
    """Name each unreadable case file and how to restore it, on stderr; the exit status."""
    for error in damaged:
        print(str(error), file=sys.stderr)
        restore_hint(error)
    if not damaged:
        return 0
    print(ngettext("{count} data file could not be read; its plan is not listed.",
                   "{count} data files could not be read; their plans are not listed.",
                   len(damaged)).format(count=len(damaged)), file=sys.stderr)
    return EXIT_SOME_DAMAGED


def run_show(args: argparse.Namespace) -> int:
    from planbro.exchange import plan_to_data
    from planbro.model.cpr import mask_cpr

    try:
        with open_store(args, write=False) as store:
            plan_id = store.resolve(args.id)
            plan = store.get(plan_id, args.plan_version)
            versions = store.versions(plan_id)
            # On the team store: "Åben hos Anna Jensen siden 10:42" while a colleague edits it.
            lease = store.leases.holder(plan_id) if hasattr(store, "leases") else None
            # After "Overdrag sag": who is responsible now, besides the caseworker it names.
            responsible = (store.handovers.responsible(plan_id)[0]
                           if hasattr(store, "handovers") else "")
    except StoreError as error:
        return refusal(error)
    record(args, "view", plan)
    if args.json:
        print_json(plan_to_data(plan))
        return 0
    lines = [
        (_("Citizen"), shown(plan.citizen.name)),
        (_("CPR"), mask_cpr(plan.citizen.cpr) or "—"),
        (_("Id"), plan.id),
        (_("Version"), _("{version} of {count}").format(version=plan.version, count=len(versions))),
        (_("Status"), status_label(plan.status) + (
            f" ({replaces_label(plan.replaces)})" if plan.replaces.version else "")),
        (_("Caseworker"), plan.caseworker.name or "—"),
        *([(_("Responsible now"), shown(responsible))]
          if responsible and responsible != plan.caseworker.name.strip() else []),
        (_("Offer"), f"{decision_label(plan.offer.decision)} ({date_label(plan.offer.date)})"),
        (_("Purpose"), plan.purpose or "—"),
        (_("Goals"), str(len(plan.goals))),
        (_("Services"), str(len(plan.services))),
        (_("Partners"), str(len(plan.partners))),
        (_("Next follow-up"), date_label(plan.follow_up.next_date)),
        (_("Last changed"), moment_label(plan.updated)),
    ]
    width = max(len(label) for label, _value in lines)
    for label, value in lines:
        print(f"{label.ljust(width)}  {value}")
    if lease is not None:
        print(shown(lease.label()))
    return 0
