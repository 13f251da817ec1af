"""`planbro lease ID [--break]`: who has a team plan open for editing, and a team leader's
breaking of that lease (planbro.actions.team), on the team store only.

Every command that changes a team plan takes its lease for the change and gives it
back when it ends; a plan open elsewhere is refused naming who has it, exit 2.
"""

from __future__ import annotations

import argparse

from planbro.translation import _

from planbro.storage import StoreError

from planbro.cli.common import open_store, refusal


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "lease", help=_("who has a plan of the team store open for editing"),
        description=_("Who has a plan of the team store open for editing, and since when. "
                      "A team leader can break the lease of a colleague whose Planbro has "
                      "stopped, so the plan can be edited again; it is recorded in the audit "
                      "log."))
    parser.add_argument("id", metavar="ID", help=_("the plan's id (or its first characters)"))
    parser.add_argument("--break", action="store_true", dest="break_it",
                        help=_("break the lease (team leaders only)"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from planbro.actions.team import break_lease, open_by

    try:
        with open_store(args, write=args.break_it) as store:
            plan_id = store.resolve(args.id)
            if args.break_it:
                broken = break_lease(store, plan_id)
                print(_("The lease is broken: the plan was open by {name} since {time}, and "
                        "can be edited again.").format(name=broken.name,
                                                       time=broken.since_text()))
                return 0
            lease = open_by(store, plan_id)
    except StoreError as error:
        return refusal(error)
    print(lease.label() if lease is not None else _("No one has the plan open for editing."))
    return 0
