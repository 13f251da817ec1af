"""`planbro render ID --for PARTNER`: the partner's extract, "Udskrift til <partner>".

PARTNER is the partner's name or organisation, or a unique beginning of either;
one that names no partner, or several, is refused naming the plan's partners
(exit status 2), as is a partner the plan may not be shared with — with the
reason the app's button gives (actions.partner_extract.refusal). Written as
render writes the plan's documents (both formats, or those --docx and --pdf
name; each made before either is written; never into the data folder; each
with its record), under names without a CPR number or a telling word:
`Udskrift <navn> <dato> v<version> til <partner>.pdf`.
"""

from __future__ import annotations

import argparse

from planbro.translation import _

from planbro.model import Plan

from planbro.actions.partner_extract import (
    PartnerNotFound,
    default_partner_name,
    find_partner,
    make_partner_extracts,
    refusal,
    write_partner_extract,
)

from planbro.cli import render_files
from planbro.cli.common import fail, shown


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """render's option for a partner's extract."""
    parser.add_argument("--for", dest="partner", metavar=_("PARTNER"),
                        help=_("write the extract for this partner (its name or organisation, "
                               "or the beginning of either): only the parts of the plan its "
                               "consent covers and those handed over to it under § 141, stk. 5, "
                               "with the CPR number masked"))


def refused(args: argparse.Namespace) -> int | None:
    """Exit status 2 with the reason when --for is given with --citizen, else None."""
    if args.partner is not None and getattr(args, "citizen", False):
        return fail(_("--for and --citizen make different documents: give one of them."))
    return None


def run(args: argparse.Namespace, plan: Plan, settings) -> int:
    """Write the extract of `plan` for --for's partner; `settings`: the municipality."""
    try:
        number = find_partner(plan, args.partner)
    except PartnerNotFound as error:
        return fail(shown(str(error)))
    why = refusal(plan, number)
    if why is not None:
        return fail(shown(why))
    paths = render_files.targets(args, lambda kind: default_partner_name(plan, number, kind))
    return render_files.write_all(
        args, paths, lambda paths: make_partner_extracts(plan, number, paths, settings),
        lambda kind, data, path, trail: write_partner_extract(
            plan, number, kind, data, path, trail), told=shown)
