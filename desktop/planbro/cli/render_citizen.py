"""`planbro render ID --citizen [--english]`: Din plan, the citizen's own short copy.

Written as render writes the plan's documents (both formats, or those --docx
and --pdf name; each made before either is written; never into the data
folder; each with its record), under names that carry no CPR number:
`Din plan <navn> <dato> v<version>[ KLADDE][ engelsk].pdf`.
"""

from __future__ import annotations

import argparse

from planbro.translation import _

from planbro.model import Plan

from planbro.actions.citizen import default_citizen_name, make_citizen_copies, write_citizen_copy

from planbro.cli import render_files
from planbro.cli.common import fail


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """render's options for the citizen's copy."""
    parser.add_argument("--citizen", action="store_true",
                        help=_("write Din plan, the citizen's own short copy (at most two pages, "
                               "large type, plain Danish, no CPR number) instead of the plan"))
    parser.add_argument("--english", action="store_true",
                        help=_("with --citizen: the headings and fixed sentences in English; "
                               "the plan's own words stay as written"))


def refused(args: argparse.Namespace) -> int | None:
    """Exit status 2 with the reason when --english is given without --citizen, else None."""
    if args.english and not args.citizen:
        return fail(_("--english applies to the citizen's copy only: add --citizen."))
    return None


def run(args: argparse.Namespace, plan: Plan, settings) -> int:
    """Write the copy of `plan` in the formats asked for; `settings`: the municipality."""
    paths = render_files.targets(
        args, lambda kind: default_citizen_name(plan, kind, args.english))
    return render_files.write_all(
        args, paths, lambda paths: make_citizen_copies(plan, paths, settings, args.english),
        lambda kind, data, path, trail: write_citizen_copy(plan, kind, data, path, trail))
