"""`planbro migrate --to URL [--confirm] [--json]`: moving the data folder's plans and audit
records into the team store (planbro.actions.migrate), and, once confirmed, the local
plans removed. The report names plans by id and counts only: no name, no CPR."""

from __future__ import annotations

import argparse
import shlex
import sys

from planbro.translation import _

from planbro.storage import StoreError

from planbro.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_SOME_DAMAGED,
    LOCAL_WORDS,
    fail,
    open_store,
    print_json,
    refusal,
    shown,
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "migrate", help=_("move the plans of the data folder into the team store"),
        description=_("Move every plan of the data folder on this computer, with all its "
                      "versions, and the folder's audit log into the team store. Run it again "
                      "at any time: what is there already is skipped. A plan the team store "
                      "holds with other content is reported, never overwritten. The data "
                      "folder is left as it is until you run the command again with "
                      "--confirm."))
    parser.add_argument("--to", required=True, metavar="URL", dest="to",
                        help=_("the team store, a PostgreSQL address (postgresql://server/"
                               "database or service=name)"))
    parser.add_argument("--confirm", action="store_true",
                        help=_("check that every version and audit record is in the team store, "
                               "then remove the plans from the data folder (its key and "
                               "settings stay)"))
    parser.add_argument("--json", action="store_true", help=_("print the report as JSON"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from planbro.settings import load_settings
    from planbro.storage.postgres import is_team_address
    from planbro.storage.postgres.connect import masked

    from planbro.actions import migrate
    from planbro.actions.context import data_folder
    from planbro.actions.team import open_team_store

    if not is_team_address(args.to):
        return fail("--to: " + _("«{value}» is not the address of a team store: write "
                                 "postgresql://server/database or service=name.").format(
            value=shown(masked(args.to, args.to))))
    # The command to run next names the folder and language this one was given (not
    # --store: the plans come from the data folder whatever it says).
    run_next = _given(args)
    # The plans come from the data folder, whatever --store or PLANBRO_STORE says.
    args.store = LOCAL_WORDS[0]
    try:
        settings = load_settings()
        folder = data_folder(args.data_dir, settings)
        if not (folder / "meta.json").is_file():
            return fail(_("There is no local store to move in the data folder {folder}.").format(
                folder=shown(str(folder))))
        # The data folder first: one that cannot be opened leaves the team store untouched.
        with open_store(args, write=args.confirm) as local:
            team = open_team_store(args.to, via="cli", data_dir=folder,
                                   holder=settings.caseworker_name if settings else "")
            try:
                result = (migrate.confirm(local, team) if args.confirm
                          else migrate.migrate(local, team))
            finally:
                team.close()
    except StoreError as error:
        return refusal(error)
    if args.json:
        print_json(result.as_json())
    else:
        _report(result, args.to, run_next)
    if args.confirm:
        if not result.complete:
            _refused(result, args.to, run_next)
            return EXIT_BAD_INPUT
        return 0
    return 0 if result.complete else EXIT_SOME_DAMAGED


def _given(args: argparse.Namespace) -> list[str]:
    """The global options given before the command (--lang, --data-dir), quoted for a shell."""
    given = []
    if args.lang:
        given += ["--lang", args.lang]
    if args.data_dir:
        given += ["--data-dir", shlex.quote(str(args.data_dir))]
    return given


def _command(address: str, given: list[str], *more: str) -> str:
    """The command to run next, with the global options and the address as given (its
    password masked)."""
    from planbro.storage.postgres.connect import masked

    return " ".join(["planbro", *given, "migrate --to", shlex.quote(masked(address, address)),
                     *more])


def _report(result, address: str, given: list[str]) -> None:
    print(_("Plans moved to the team store: {plans}; versions: {versions}.").format(
        plans=len(result.moved), versions=result.versions_moved))
    print(_("Plans already in the team store (skipped): {plans}; versions: {versions}.").format(
        plans=len(result.skipped), versions=result.versions_skipped))
    print(_("Audit records moved: {moved}; already there: {skipped}.").format(
        moved=result.lines_moved, skipped=result.lines_skipped))
    if result.conflicts:
        print(_("Plans in conflict, not overwritten (the team store holds other content): "
                "{count}.").format(count=len(result.conflicts)))
        for plan_id, versions in sorted(result.conflicts.items()):
            print("  " + (_("{id}: versions {versions}").format(
                id=plan_id, versions=", ".join(map(str, versions))) if versions else
                _("{id}: open for editing in the team store").format(id=plan_id)))
    if result.damaged:
        print(_("Plans in the data folder that could not be read (not moved): {count}. "
                "Run planbro repair.").format(count=result.damaged))
    if result.removed:
        print(_("Plans removed from the data folder: {count}. Its key, settings and audit "
                "log stay.").format(count=len(result.removed)))
    elif not result.confirming and result.complete:
        print(_("The data folder is unchanged. When you have checked the plans in the team "
                "store, remove them here with: {command}").format(
                    command=_command(address, given, "--confirm")))


def _refused(result, address: str, given: list[str]) -> None:
    print(_("Nothing was removed from the data folder: not everything is in the team store "
            "as it is here. Run {command} first, and resolve the conflicts.").format(
                command=_command(address, given)), file=sys.stderr)
    for plan_id, versions in sorted(result.missing.items()):
        print("  " + _("{id}: versions {versions}").format(
            id=plan_id, versions=", ".join(map(str, versions))), file=sys.stderr)
    if result.lines_missing:
        print("  " + _("Audit records not moved: {count}").format(count=result.lines_missing),
              file=sys.stderr)
