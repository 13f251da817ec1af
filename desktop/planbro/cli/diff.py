"""`planbro diff`: what changed between two versions of a stored plan, in plain Danish words.

The same list Gennemgang shows and a revision's document prints as its appendix
(planbro.actions.changes); never a CPR number: a changed one is "CPR-nummer er rettet".
"""

from __future__ import annotations

import argparse

from planbro.translation import _

from planbro.model import ValidationError
from planbro.model.labels import day_label

from planbro.storage import StoreError

from planbro.cli.common import add_purpose, audit_log, fail, open_store, refusal, shown, version_number

# The option that gives each version the use case names ("from", "to").
OPTIONS = {"from": "--from", "to": "--to"}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "diff", help=_("what changed between two versions of a plan"),
        description=_("What changed between two versions of a stored plan, in plain words: "
                      "goals, sub-goals, services, partners and the other parts. Without "
                      "--from and --to: the newest version against the newest signed "
                      "version before it."))
    parser.add_argument("id", metavar="ID", help=_("the plan's id (or its first characters)"))
    parser.add_argument("--from", type=version_number, metavar="N", dest="from_version",
                        help=_("the earlier version (default: the newest signed version "
                               "before --to)"))
    parser.add_argument("--to", type=version_number, metavar="M", dest="to_version",
                        help=_("the later version (default: the newest)"))
    add_purpose(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from planbro.documents.changes import PARTS

    from planbro.actions.changes import compare_versions

    try:
        with open_store(args, write=False) as store:
            plan_id = store.resolve(args.id)
            found = compare_versions(store, plan_id, args.from_version, args.to_version)
    except ValidationError as error:
        return fail("\n".join(shown(f"{OPTIONS.get(p.field, p.field)}: {p.reason}")
                              for p in error.problems))
    except StoreError as error:
        return refusal(error)
    # Both versions' content is shown: each is a view, as `planbro show` records one.
    for version in (found.version, found.to_version):
        audit_log(args).record("view", plan_id, version, via="cli")
    if found.signed is None:
        print(_("Changes in version {to} since version {version}:").format(
            to=found.to_version, version=found.version))
    else:
        print(_("Changes in version {to} since version {version} (signed {date}):").format(
            to=found.to_version, version=found.version, date=day_label(found.signed)))
    if not found.changes:
        print(_("No changes."))
        return 0
    for part, heading in PARTS.items():
        texts = [change.text for change in found.changes if change.part == part]
        if texts:
            print()
            print(heading)
            for text in texts:
                print(f"• {shown(text)}")
    return 0
