"""`planbro sign`, `planbro revise`, `planbro close`: a plan's life after the meeting;
`planbro delete`: a draft that was never signed. After closing: cli/retention.py."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from planbro.translation import _

from planbro.model.labels import date_label, replaces_label, status_label

from planbro.storage import StoreError

from planbro.actions import lifecycle

from planbro.cli.common import date_metavar, fail, open_store, read_date, refusal, shown
from planbro.cli.retention import journal_hint


def register(subparsers) -> None:
    sign = subparsers.add_parser("sign", help=_("mark a plan as signed (freezes this version)"))
    sign.add_argument("id", metavar="ID", help=_("the plan's id (or its first characters)"))
    sign.add_argument("--date", metavar=date_metavar(), help=_(
        "the day the caseworker signed, and the citizen unless told otherwise (default: today)"))
    citizen = sign.add_mutually_exclusive_group()
    citizen.add_argument("--citizen-date", metavar=date_metavar(), dest="citizen_date",
                         help=_("the day the citizen signed, when not the same day"))
    citizen.add_argument("--citizen-declines", metavar=_("TEXT"), dest="citizen_declines",
                         help=_("the citizen does not wish to sign; TEXT says why"))
    sign.add_argument("--anyway", action="store_true",
                      help=_("sign although the quality check finds an error (recorded in the plan)"))
    sign.set_defaults(func=run_sign)

    revise = subparsers.add_parser("revise", help=_("start a new version from a signed plan"))
    revise.add_argument("id", metavar="ID", help=_("the plan's id (or its first characters)"))
    revise.set_defaults(func=run_revise)

    close = subparsers.add_parser("close", help=_("close the case (the plan ends)"))
    close.add_argument("id", metavar="ID", help=_("the plan's id (or its first characters)"))
    close.set_defaults(func=run_close)

    delete = subparsers.add_parser(
        "delete", help=_("delete a draft that was never signed, with its backups (asks first)"))
    delete.add_argument("id", metavar="ID", help=_("the plan's id (or its first characters)"))
    delete.add_argument("--yes", action="store_true", help=_("delete without asking"))
    delete.set_defaults(func=run_delete)


def _confirmed(question: str) -> bool:
    # Without a person at the keyboard (scripts, CI) the answer is no.
    if not sys.stdin.isatty():
        return False
    answer = input(question + " [j/N] ").strip().lower()
    return answer in ("j", "ja", "y", "yes")


# The option each of signature_problems()' fields is given by.
SIGN_OPTIONS = {"caseworker": "--date", "citizen": "--citizen-date", "note": "--citizen-declines"}


def _signature(args: argparse.Namespace) -> lifecycle.SignatureAnswer:
    """Who signed when, as the options say; ValueError naming the option otherwise."""
    signed_on = read_date("--date", args.date) if args.date else date.today()
    declines = args.citizen_declines is not None
    citizen = read_date("--citizen-date", args.citizen_date) if args.citizen_date else signed_on
    answer = lifecycle.SignatureAnswer(signed_on, None if declines else citizen, declines,
                                       args.citizen_declines or "")
    found = lifecycle.signature_problems(answer, date.today(), show=date_label)
    if found:
        raise ValueError(f"{SIGN_OPTIONS[found[0].field]}: {found[0].reason}")
    return answer


def run_sign(args: argparse.Namespace) -> int:
    try:
        answer = _signature(args)
    except ValueError as error:
        return fail(str(error))
    try:
        with open_store(args, write=True) as store:
            plan_id = store.resolve(args.id)
            errors = lifecycle.signature_errors(store.get(plan_id))
            for finding in errors:
                print(f"{finding.severity}: {finding.message} ({finding.field})", file=sys.stderr)
            anyway = bool(errors) and (args.anyway or _confirmed(
                _("The plan has errors. Sign it anyway?")))
            try:
                plan = lifecycle.sign(store, plan_id, answer, anyway=anyway).plan
            except lifecycle.SignatureRefused:
                print(_("Not signed. Fix the errors, or use --anyway to sign all the same."),
                      file=sys.stderr)
                return 1
    except StoreError as error:
        return refusal(error)
    print(_("{name}: version {version} is {status} ({date})").format(
        name=shown(plan.citizen.name), version=plan.version, status=status_label(plan.status),
        date=date_label(answer.caseworker)))
    if plan.signatures.citizen_declined:
        print(_("The citizen does not wish to sign: {note}").format(
            note=plan.signatures.citizen_declined_note))
    elif plan.signatures.citizen_signed != answer.caseworker:
        print(_("The citizen signed on {date}.").format(
            date=date_label(plan.signatures.citizen_signed)))
    return 0


def _change(args: argparse.Namespace, action: str) -> int:
    try:
        with open_store(args, write=True) as store:
            plan_id = store.resolve(args.id)
            change = lifecycle.revise if action == "revise" else lifecycle.close_case
            plan = change(store, plan_id)
    except StoreError as error:
        return refusal(error)
    print(_("{name}: version {version} is {status}").format(
        name=shown(plan.citizen.name), version=plan.version, status=status_label(plan.status)))
    if action == "revise":
        # Not asked first, unlike the app's Revidér: the command is typed on purpose.
        replaces = replaces_label(plan.replaces)
        print(replaces[:1].upper() + replaces[1:] + ".")
    elif plan.status == "closed" and plan.journalised is None:
        print(journal_hint(plan.id))
    return 0


def run_revise(args: argparse.Namespace) -> int:
    return _change(args, "revise")


def run_close(args: argparse.Namespace) -> int:
    return _change(args, "close")




def run_delete(args: argparse.Namespace) -> int:
    try:
        with open_store(args, write=True) as store:
            plan_id = store.resolve(args.id)
            name = shown(store.get(plan_id).citizen.name) or _("(no name)")
            if not (args.yes or _confirmed(_("Delete the draft plan of {name} for good? This "
                                             "cannot be undone.").format(name=name))):
                print(_("Not deleted. Use --yes to delete without being asked."), file=sys.stderr)
                return 1
            lifecycle.delete_draft(store, plan_id)
    except StoreError as error:
        return refusal(error)
    print(_("{name}: the draft was deleted").format(name=name))
    return 0
