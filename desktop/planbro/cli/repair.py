"""`planbro restore`: put a backup back in place of a damaged data file."""

from __future__ import annotations

import argparse
from pathlib import Path

from planbro.translation import _

from planbro.storage import StoreError, restore_backup

from planbro.cli.common import audit_log, refusal


def register(subparsers) -> None:
    restore = subparsers.add_parser(
        "restore", help=_("restore a backup of a damaged data file (the damaged file is kept aside)"))
    restore.add_argument("backup", metavar=_("BACKUP"),
                         help=_("the backup file named in the message about the damaged file"))
    restore.set_defaults(func=run_restore)


def run_restore(args: argparse.Namespace) -> int:
    try:
        restored = restore_backup(args.data_dir, Path(args.backup), audit=audit_log(args),
                                  via="cli")
    except (StoreError, OSError, ValueError) as error:
        return refusal(error, source=args.backup)
    print(_("Restored {path} from {backup}.").format(path=restored, backup=args.backup))
    return 0
