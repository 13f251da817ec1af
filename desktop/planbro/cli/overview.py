"""`planbro overblik`: the team leader's overview of the plans, in the terminal, as JSON, as an
Excel workbook or a PDF report.

The figures are planbro.overview's, through actions/overview.py; this reads the options and
prints. No figure names a citizen or a plan, and one of fewer than 5 plans says "under 5".
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from planbro.translation import _

from planbro.cli.common import CommandTrail, date_metavar, fail, open_store, print_json, refusal

# How wide the labels are printed, so the values stand in one column.
LABEL_WIDTH = 64
# The files, by their option and suffix.
FILE_OPTIONS = (("xlsx", "--xlsx"), ("pdf", "--pdf"))


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "overblik", help=_("the team leader's overview: offers, follow-up, quality, goals"),
        description=_("Figures of the plans for a period and a unit, one caseworker or the "
                      "whole store: offers, keeping up, quality, goals and services. No name or "
                      "CPR number is shown, and a figure of fewer than 5 plans says «under 5». "
                      "A plan is in the period when its case was open on a day of it."))
    parser.add_argument("--fra", metavar=date_metavar(),
                        help=_("the period's first day (default: from the first plan)"))
    parser.add_argument("--til", metavar=date_metavar(),
                        help=_("the period's last day (default: today)"))
    parser.add_argument("--enhed", metavar=_("UNIT"),
                        help=_("only the plans of this unit (as the plan names the caseworker's unit)"))
    parser.add_argument("--sagsbehandler", metavar=_("NAME"),
                        help=_("only the plans of this caseworker (on the team store: the cases "
                               "they are responsible for today, as in their Mine sager)"))
    parser.add_argument("--json", action="store_true", help=_("print the figures as JSON"))
    parser.add_argument("--xlsx", metavar="FILE.xlsx",
                        help=_("write the figures as an Excel workbook, one sheet per area"))
    parser.add_argument("--pdf", metavar="FILE.pdf",
                        help=_("write a short report with charts as PDF"))
    parser.set_defaults(func=run)


def _options(args: argparse.Namespace):
    """The period and scope, and the files; ValueError naming the option when one is wrong."""
    from planbro.actions.overview import period_problem

    from planbro.cli.common import read_date

    start = read_date("--fra", args.fra) if args.fra is not None else None
    end = read_date("--til", args.til) if args.til is not None else None
    if start is not None and end is not None and end < start:
        raise ValueError("--til: " + _("{end} is before --fra {start}: the period ends before "
                                       "it starts.").format(end=args.til, start=args.fra))
    if start is not None and end is None and start > date.today():
        raise ValueError("--fra: " + _("{start} is after today, where the period ends without "
                                       "--til.").format(start=args.fra))
    problem = period_problem(start, end or date.today())
    if problem is not None:
        raise ValueError(("--fra" if problem[0] == "start" else "--til") + ": " + problem[1])
    for name, option in (("enhed", "--enhed"), ("sagsbehandler", "--sagsbehandler")):
        value = getattr(args, name)
        if value is not None and not value.strip():
            raise ValueError(f"{option}: " + _("give a name; it is empty."))
    files = []
    for kind, option in FILE_OPTIONS:
        value = getattr(args, kind)
        if value is None:
            continue
        path = Path(value)
        if path.suffix.lower() != f".{kind}":
            raise ValueError(f"{option}: " + _("{path}: give a name ending in .{kind}").format(
                path=path, kind=kind))
        if not path.parent.is_dir():
            raise ValueError(f"{option}: " + _("{path}: the folder does not exist").format(
                path=path))
        files.append((kind, option, path))
    return start, end, files


def run(args: argparse.Namespace) -> int:
    import gc

    # The summaries and facts of 10,000 plans are ~500,000 objects made at once and none in a
    # cycle: the cyclic collector would walk them over and over while they are made, for
    # nothing (a quarter of the command's time, bench_overview.py). On again when it is done
    # (main() may be called again, as the tests do).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if enabled:
            # ┌──────────────────────────────────────────────────────────────────┐
            # │ What was made is kept until the process ends, and the collector │
            # │ turned on again would walk it all once more: at its next round  │
            # │ and in the interpreter's last collection at exit (~40 ms of the │
            # │ command with 10,000 plans). Frozen, it is left out of both; it  │
            # │ is still freed when no longer referred to, as the tests call    │
            # │ main() again and again.                                         │
            # └──────────────────────────────────────────────────────────────────┘
            gc.freeze()
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    from planbro.storage import StoreError

    from planbro.actions.documents import NotWritten, outside_the_data_folder
    from planbro.actions.overview import file_note, overview_of, save_overview

    try:
        start, end, files = _options(args)
    except ValueError as error:
        return fail(str(error))
    trail = CommandTrail(args)
    for _kind, option, path in files:
        try:
            # Before anything is computed: no plaintext file goes into the data folder.
            outside_the_data_folder(trail, path)
        except NotWritten as error:
            return fail(f"{option}: {error.message()}")
    try:
        with open_store(args, write=False) as store:
            overview = overview_of(store, start=start, end=end, unit=args.enhed or "",
                                   caseworker=args.sagsbehandler or "",
                                   notice=lambda text: print(text, file=sys.stderr, flush=True))
    except StoreError as error:
        return refusal(error)
    if not overview.plans.count and (args.enhed or args.sagsbehandler):
        # All zeros for a misspelt unit look like a quiet unit: say that none was found.
        option, name = ("--enhed", args.enhed) if args.enhed else ("--sagsbehandler",
                                                                   args.sagsbehandler)
        print(f"{option}: " + _("no plan you can see is of «{name}» in the period (compared "
                                "without regard to case or spacing); check the spelling.").format(
                                    name=name.strip()), file=sys.stderr)
    for kind, option, path in files:
        try:
            save_overview(overview, kind, path, trail)
        except NotWritten as error:
            return fail(f"{option}: " + _("{path}: cannot be written: {error}").format(
                path=path, error=error.reason()))
        print(_("Wrote {path}").format(path=path))
    if files:
        print(file_note(), file=sys.stderr)
    if args.json:
        print_json(overview.to_json())
    elif not files:
        _print(overview)
    return 0


def _print(overview) -> None:
    from planbro.overview.presenting import heading, item_text, small_groups_note, title

    print(title())
    for line in heading(overview):
        print(line)
    for area in overview.areas:
        print()
        print(area.title.upper())
        for group in area.groups:
            print(f"  {group.title}")
            if not group.items:
                print("    " + _("Nothing found."))
            for item in group.items:
                label = item.label if len(item.label) <= LABEL_WIDTH else \
                    item.label[:LABEL_WIDTH - 1] + "…"
                print(f"    {label:<{LABEL_WIDTH}}  {item_text(item)}")
    print()
    print(small_groups_note())
