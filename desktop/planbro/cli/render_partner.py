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
import sys
from pathlib import Path

from planbro.translation import _

from planbro.model import Plan

from planbro.actions.documents import NotWritten, outside_the_data_folder, plaintext_note
from planbro.actions.partner_extract import (
    PartnerNotFound,
    default_partner_name,
    find_partner,
    make_partner_extracts,
    refusal,
    write_partner_extract,
)

from planbro.cli.common import CommandTrail, fail, shown


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


def _target(out: str | None, default_name: str) -> Path:
    if out is None:
        return Path.cwd() / default_name
    path = Path(out)
    return path / default_name if path.is_dir() else path


def run(args: argparse.Namespace, plan: Plan, settings) -> int:
    """Write the extract of `plan` for --for's partner; `settings`: the municipality."""
    try:
        number = find_partner(plan, args.partner)
    except PartnerNotFound as error:
        return fail(shown(str(error)))
    why = refusal(plan, number)
    if why is not None:
        return fail(shown(why))
    kinds = [kind for kind in ("docx", "pdf") if getattr(args, kind) is not None] or ["docx", "pdf"]
    targets = {kind: _target(getattr(args, kind), default_partner_name(plan, number, kind))
               for kind in kinds}
    for path in targets.values():
        if not path.parent.is_dir():
            return fail(_("{path}: the folder does not exist").format(path=path))
    trail = CommandTrail(args)
    try:
        for path in targets.values():
            outside_the_data_folder(trail, path)
        data = make_partner_extracts(plan, number, targets, settings)
    except NotWritten as error:
        return fail(shown(error.message()))
    for kind, path in targets.items():
        try:
            saved = write_partner_extract(plan, number, kind, data[kind], path, trail)
        except NotWritten as error:
            return fail(_("{path}: cannot be written: {error}").format(
                path=path, error=error.reason()))
        print(_("Wrote {path}").format(path=saved.path))
    print(plaintext_note(), file=sys.stderr)
    return 0
