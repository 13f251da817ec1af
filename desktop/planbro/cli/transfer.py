"""`planbro import` and `planbro export`: plans in and out as planbro-plan/1 files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planbro.fileio.failures import write_failure
from planbro.fileio.private import make_private_dir
from planbro.translation import _, ngettext

from planbro.storage import StoreCorrupt, StoreError

from planbro.actions.documents import (
    NotWritten,
    begin_record,
    outside_the_data_folder,
    plaintext_note,
)
from planbro.actions.transfer import ImportConflict, export_name, export_plan, import_plans

from planbro.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_SOME_DAMAGED,
    CommandTrail,
    add_purpose,
    fail,
    open_store,
    refusal,
    restore_hint,
    shown,
)


def register(subparsers) -> None:
    importing = subparsers.add_parser("import", help=_("import plan files (planbro-plan/3, and /1 and /2 from an older Planbro)"))
    importing.add_argument("files", nargs="+", metavar="FILE", help=_("plan files (.json)"))
    importing.add_argument(
        "--replace", action="store_true",
        help=_("import a plan even when it is older than the stored plan with its id, or for "
               "another citizen (the stored plan is kept among the backups)"))
    importing.set_defaults(func=run_import)

    exporting = subparsers.add_parser("export", help=_("export plans as planbro-plan/3 files"))
    exporting.add_argument("ids", nargs="*", metavar="ID", help=_("the plans' ids"))
    exporting.add_argument("--all", action="store_true", help=_("export every stored plan"))
    exporting.add_argument("--out", required=True, metavar="PATH",
                           help=_("a file (one plan) or a folder"))
    # An export hands the plan out of the store: its purpose is asked every time.
    add_purpose(exporting, required=True)
    exporting.set_defaults(func=run_export)


def run_import(args: argparse.Namespace) -> int:
    status = 0
    try:
        store = open_store(args, write=True)
    except StoreError as error:
        return refusal(error)
    with store:
        # Each file is validated and stored whole, or not at all.
        for name, result in zip(args.files, import_plans(store, args.files, replace=args.replace)):
            if result.plan is None:
                assert result.error is not None  # import_plans gives a file its plan or its error
                refusal(result.error, source=name)
                if isinstance(result.error, ImportConflict):
                    print(_("To import it all the same (the stored plan is kept among the "
                            "backups): planbro import --replace \"{file}\"").format(file=shown(name)),
                          file=sys.stderr)
                print(_("{file}: not imported").format(file=shown(name)))
                status = EXIT_BAD_INPUT
                continue
            plan = result.plan
            if result.unchanged:
                print(_("{file}: already stored as it is (version {version}, id {id}); nothing "
                        "was changed").format(file=shown(name), version=plan.version, id=plan.id))
                continue
            print(_("{file}: stored {name}, version {version}, id {id}").format(
                file=shown(name), name=shown(plan.citizen.name), version=plan.version, id=plan.id))
            if result.backup is not None:
                print(_("The plan it replaced is kept as the backup {backup}.").format(
                    backup=result.backup))
    return status


def run_export(args: argparse.Namespace) -> int:
    if args.all == bool(args.ids):
        return fail(_("export: name the plans' ids or use --all (not both)"))
    out = Path(args.out)
    damaged: list[StoreCorrupt] = []
    try:
        with open_store(args, write=False) as store:
            ids = ([s.id for s in store.summaries()] if args.all
                   else [store.resolve(plan_id) for plan_id in args.ids])
            plans = []
            for plan_id in ids:
                try:
                    plans.append(store.get(plan_id))
                except StoreCorrupt as error:
                    # --all: one damaged file must not keep the others from being exported.
                    if not args.all:
                        raise
                    damaged.append(error)
    except StoreError as error:
        return refusal(error)
    trail = CommandTrail(args)
    if plans:
        # A log that cannot be written refuses the export before anything is made, the
        # folder for --all included: a record begun and cut off again (each file has its own).
        try:
            begin_record(trail, "export", plans[0], out).cancel()
        except NotWritten as error:
            return fail(_("{path}: cannot be written: {error}").format(
                path=out, error=error.reason()))
    to_folder = args.all or len(plans) != 1 or out.is_dir() or args.out.endswith(("/", "\\"))
    try:
        # Before any folder is made: a plaintext export has no place in the data folder.
        outside_the_data_folder(trail, out)
    except NotWritten as error:
        return fail(error.reason())
    if to_folder:
        if out.exists() and not out.is_dir():
            return fail(_("--out: {path} is a file; several plans need a folder").format(path=out))
        try:
            # The exported plans hold names and CPR numbers: folders made here are private.
            make_private_dir(out)
        except OSError as error:
            return fail(f"--out: {write_failure(error, out.parent)}")
    elif not out.parent.is_dir():
        return fail(_("--out: the folder {path} does not exist").format(path=out.parent))
    for plan in plans:
        target = out / export_name(plan) if to_folder else out
        try:
            exported = export_plan(plan, target, trail)
        except NotWritten as error:
            return fail(_("{path}: cannot be written: {error}").format(
                path=target, error=error.reason()))
        print(_("{name}, version {version}: {path}").format(
            name=shown(plan.citizen.name), version=plan.version, path=exported.path))
    if plans:
        print(plaintext_note(), file=sys.stderr)
    for unreadable in damaged:
        print(str(unreadable), file=sys.stderr)
        restore_hint(unreadable)
    if damaged:
        print(ngettext("{count} plan could not be read and was not exported.",
                       "{count} plans could not be read and were not exported.",
                       len(damaged)).format(count=len(damaged)), file=sys.stderr)
        return EXIT_SOME_DAMAGED
    return 0
