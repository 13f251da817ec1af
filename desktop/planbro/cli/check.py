"""`planbro check ID-or-FILE.json`: the quality check of one plan.

Prints each finding (Danish by default) or, with --json,
{"findings": [{"rule", "severity", "message", "field"}, ...]}. The exit
status says what a script needs: 1 when there is a fejl, 0 otherwise,
2 when the plan cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from planbro.translation import _, ngettext

from planbro.model import Plan, ValidationError

from planbro.quality import ADVARSEL, FEJL, check_plan, counts, has_errors

from planbro.actions.context import quality_policy

from planbro.cli.common import (
    EXIT_BAD_INPUT,
    date_metavar,
    fail,
    is_plan_file,
    open_store,
    print_json,
    read_date,
    record,
    refusal,
    shown,
)

# Exit status when the plan has at least one fejl.
EXIT_FEJL = 1


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check", help=_("check a plan against § 141 and good practice"),
        description=_("Checks a plan against serviceloven § 141 and good practice. Exit status: "
                      "1 when the plan has an error, 0 otherwise, 2 when it cannot be read."))
    parser.add_argument("plan", metavar="ID|FILE.json",
                        help=_("a stored plan's id (or its first characters), or a plan file"))
    parser.add_argument("--json", action="store_true", help=_("print the findings as JSON"))
    parser.add_argument("--today", metavar=date_metavar(),
                        help=_("judge follow-up, consent and age on this day (default: today)"))
    parser.set_defaults(func=run)


def _read_file(path: str) -> Plan:
    from planbro.exchange import read_plan_file

    try:
        return read_plan_file(path)
    except ValidationError as error:
        # Name the file once: a missing file's problem already carries it.
        for problem in error.problems:
            print(problem if problem.field == path else f"{path}: {problem}", file=sys.stderr)
        raise


def _load(args: argparse.Namespace) -> Plan:
    """The plan from a file, or the newest version of a stored plan; raises on failure."""
    if is_plan_file(args.plan):
        return _read_file(args.plan)
    with open_store(args, write=False) as store:
        return store.get(store.resolve(args.plan))


def _print_findings(plan: Plan, findings) -> None:
    print(_("Quality check of the plan for {name}, version {version}").format(
        name=shown(plan.citizen.name) or "—", version=plan.version))
    if not findings:
        print(_("No findings: the plan meets the law's minimum and good practice."))
        return
    labels = {FEJL: _("error"), ADVARSEL: _("warning")}
    width = max(len(label) for label in labels.values()) + 1
    for finding in findings:
        print()
        print(f"{(labels[finding.severity] + ':').ljust(width)} {finding.message}")
        print(" " * width + " " + _("field: {field} · rule: {rule}").format(
            field=finding.field, rule=finding.rule))
    number = counts(findings)
    print()
    print(", ".join((
        ngettext("{count} error", "{count} errors", number[FEJL]).format(count=number[FEJL]),
        ngettext("{count} warning", "{count} warnings", number[ADVARSEL]).format(
            count=number[ADVARSEL]),
    )) + ".")


def run(args: argparse.Namespace) -> int:
    from planbro.storage import StoreError

    try:
        today = read_date("--today", args.today) if args.today else date.today()
    except ValueError as error:
        return fail(str(error))
    try:
        plan = _load(args)
    except ValidationError:
        return EXIT_BAD_INPUT
    except StoreError as error:
        return refusal(error)
    if not is_plan_file(args.plan):
        # The findings show the plan's content: a view of a stored plan.
        record(args, "view", plan, detail="kvalitetstjek")
    findings = check_plan(plan, today, quality_policy())
    if args.json:
        print_json({"findings": [f.to_dict() for f in findings]})
    else:
        _print_findings(plan, findings)
    return EXIT_FEJL if has_errors(findings) else 0
