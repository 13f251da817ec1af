"""`planbro overdrag ID --til NAVN [--til-dato D] --note TEKST [--new-colleague]`: Overdrag
sag on the team store (planbro.actions.handover): the case appears in the colleague's
caseload, a vikar's only up to and including their last day. The name must be one the team
knows (else refused, with the known name most like it) unless --new-colleague says it is
a new one. The note is kept with the hand-over and never printed."""

from __future__ import annotations

import argparse

from planbro.translation import _

from planbro.model import ValidationError
from planbro.model.labels import date_label

from planbro.storage import StoreError

from planbro.cli.common import date_metavar, fail, open_store, read_date, refusal, shown

# The option of each field the use case names.
OPTIONS = {"to": "--til", "note": "--note", "until": "--til-dato"}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "overdrag", help=_("hand a case over to a colleague or a vikar (team store)"),
        description=_("Hand a case of the team store over to a colleague, or to a vikar up to "
                      "and including a day, with a note; it is recorded in the audit log and "
                      "the case appears in their caseload."))
    parser.add_argument("id", metavar="ID", help=_("the plan's id (or its first characters)"))
    parser.add_argument("--til", required=True, metavar=_("NAME"), dest="to",
                        help=_("the colleague or vikar, by the name they use in Planbro"))
    parser.add_argument("--til-dato", metavar=date_metavar(), dest="until",
                        help=_("the vikar's last day (without it: handed over for good)"))
    parser.add_argument("--note", required=True, metavar=_("TEXT"),
                        help=_("what the colleague needs to know to take over the case"))
    parser.add_argument("--new-colleague", action="store_true",
                        help=_("the name is a new colleague's, whom the team store does not "
                               "know yet"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from planbro.actions.handover import UnknownColleague, hand_over, new_colleague_note

    try:
        until = read_date("--til-dato", args.until) if args.until else None
    except ValueError as error:
        return fail(str(error))
    try:
        with open_store(args, write=True) as store:
            plan_id = store.resolve(args.id)
            plan = store.get(plan_id)
            name = plan.citizen.name
            done = hand_over(store, plan_id, args.to, args.note, until=until,
                             new_colleague=args.new_colleague)
    except ValidationError as error:
        lines = [shown(f"{OPTIONS.get(p.field, p.field)}: {p.reason}") for p in error.problems]
        if isinstance(error, UnknownColleague):
            lines.append(_("If it is a new colleague, add --new-colleague."))
        return fail("\n".join(lines))
    except StoreError as error:
        return refusal(error)
    if done.until is None:
        print(shown(_("{name}: the case is handed over to {to}.").format(name=name,
                                                                        to=done.to_name)))
    else:
        print(shown(_("{name}: the case is handed over to {to} as vikar up to and including "
                      "{date}.").format(name=name, to=done.to_name, date=date_label(done.until))))
    if args.new_colleague:
        print(shown(new_colleague_note(done.to_name, plan.caseworker.unit.strip())))
    return 0
