"""`planbro restore`: put a backup back in place of a damaged data file; `planbro repair`:
rebuild a damaged meta.json that has no readable backup."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planbro.translation import _

from planbro.storage import StoreError, default_data_dir, repair, restore_backup, restore_loss

from planbro.cli.common import EXIT_BAD_INPUT, audit_log, refusal
from planbro.cli.unlocking import folder_keys

# What counts as yes to the question before restoring over a readable file.
YES = ("j", "ja", "y", "yes")


def register(subparsers) -> None:
    restore = subparsers.add_parser(
        "restore", help=_("restore a backup of a damaged data file (the damaged file is kept aside)"))
    restore.add_argument("backup", metavar=_("BACKUP"),
                         help=_("the backup file named in the message about the damaged file"))
    restore.add_argument("--force", action="store_true",
                         help=_("restore even over a file that can still be read (what it "
                                "holds is kept as the newest backup)"))
    restore.set_defaults(func=run_restore)
    rebuild = subparsers.add_parser(
        "repair", help=_("rebuild a damaged meta.json that has no readable backup, from the "
                         "plans in the data folder"))
    rebuild.set_defaults(func=run_repair)


def _consents(message: str, backup: str) -> bool:
    """Ask on the terminal; without one (a script, a pipe) the answer is no."""
    print(message, file=sys.stderr)
    if not sys.stdin.isatty():
        print(_("Nothing was restored. To restore it anyway: planbro restore --force "
                "\"{backup}\"").format(backup=backup), file=sys.stderr)
        return False
    answer = input(_("Restore it anyway? [y/N] ")).strip().casefold()
    if answer in YES:
        return True
    print(_("Nothing was restored."), file=sys.stderr)
    return False


def run_restore(args: argparse.Namespace) -> int:
    try:
        # An encrypted folder's backups open only with its keys (unlocking.py).
        keys = folder_keys(args, default_data_dir(args.data_dir))
        replacing = None if args.force else restore_loss(args.data_dir, args.backup, keys=keys)
        if replacing is not None and not _consents(replacing.message(), args.backup):
            return EXIT_BAD_INPUT
        restored = restore_backup(args.data_dir, Path(args.backup), audit=audit_log(args),
                                  via="cli", force=args.force or replacing is not None,
                                  keys=keys)
    except (StoreError, OSError, ValueError) as error:
        return refusal(error, source=args.backup)
    print(_("Restored {path} from {backup}.").format(path=restored, backup=args.backup))
    return 0


def run_repair(args: argparse.Namespace) -> int:
    try:
        log = audit_log(args)
        schema = repair(log.folder.parent, audit=log, via="cli",
                        keys=folder_keys(args, log.folder.parent))
    except (StoreError, OSError) as error:
        return refusal(error)
    print(_("meta.json in {folder} was rebuilt from the plans (data version {schema}); the "
            "damaged file is kept in the folder «damaged».").format(folder=log.folder.parent,
                                                                  schema=schema))
    return 0
