"""`planbro follow-up ID`: record a follow-up (§ 148 stk. 2) and what comes of it.

"fortsættes" keeps the plan, "ændres" starts a new version to change
(when the plan is signed), "afsluttes" closes the case.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date

from planbro.translation import _

from planbro.model.labels import date_label, outcome_label

from planbro.actions.followup import (
    FollowUpAnswer,
    FollowUpRefused,
    parse_outcome,
    problems,
    record_follow_up,
)

from planbro.cli.common import date_metavar, fail, open_store, read_date, refusal, shown
from planbro.cli.retention import journal_hint

# The option each field of a follow-up is given by.
OPTIONS = {"date": "--date", "note": "--note", "next_date": "--next"}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "follow-up", help=_("record a follow-up of a plan (§ 148, stk. 2)"),
        description=_("Records a follow-up: «ændres» starts a new version of a signed plan, "
                      "«afsluttes» closes the case."))
    parser.add_argument("id", metavar="ID", help=_("the plan's id (or its first characters)"))
    parser.add_argument("--date", required=True, metavar=date_metavar(),
                        help=_("the day of the follow-up"))
    parser.add_argument("--outcome", required=True, metavar="fortsættes|ændres|afsluttes",
                        help=_("what comes of it: the plan continues, changes or closes"))
    parser.add_argument("--note", required=True, metavar=_("TEXT"),
                        help=_("what was found and agreed"))
    parser.add_argument("--next", dest="next_date", metavar=date_metavar(),
                        help=_("the next follow-up (not when the case closes)"))
    parser.set_defaults(func=run)


def _answer(args: argparse.Namespace) -> FollowUpAnswer:
    """The follow-up to record; ValueError with a message otherwise."""
    outcome = parse_outcome(args.outcome)
    if outcome is None:
        raise ValueError("--outcome: " + _(
            "«{value}» is not an outcome; choose fortsættes, ændres or afsluttes").format(
                value=args.outcome))
    answer = FollowUpAnswer(read_date("--date", args.date), outcome, args.note)
    # The date and the note first, then the next date, each refused by its option.
    _refuse(problems(answer, date.today()))
    if args.next_date:
        answer = replace(answer, next_date=read_date("--next", args.next_date))
        _refuse(problems(answer, date.today()))
    return answer


def _refuse(found: list) -> None:
    if found:
        raise ValueError(f"{OPTIONS[found[0].field]}: {found[0].reason}")


def run(args: argparse.Namespace) -> int:
    from planbro.storage import StoreError

    try:
        answer = _answer(args)
    except ValueError as error:
        return fail(str(error))
    try:
        with open_store(args, write=True) as store:
            done = record_follow_up(store, store.resolve(args.id), answer, date.today())
    except StoreError as error:
        return refusal(error)
    except FollowUpRefused as refused:
        return fail(str(refused))
    plan, entry, next_date = done.plan, answer.entry(), answer.next_date
    assert entry.date is not None  # --date is required; _answer parsed it
    print(_("{name}: follow-up on {date} recorded; the plan {outcome}.").format(
        name=shown(plan.citizen.name), date=date_label(entry.date), outcome=outcome_label(entry.outcome)))
    if entry.outcome == "close":
        print(_("The case is closed."))
        print(journal_hint(plan.id))
        return 0
    if done.new_version:
        print(_("Version {version} is a new draft: change the plan and have it signed "
                "again.").format(version=plan.version))
    if next_date:
        print(_("Next follow-up: {date}.").format(date=date_label(next_date)))
    else:
        print(_("No next follow-up is set; the quality check will remind you."))
    return 0
