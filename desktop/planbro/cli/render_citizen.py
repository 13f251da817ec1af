"""`planbro render ID --citizen [--english]`: Din plan, the citizen's own short copy.

Written as render writes the plan's documents (both formats, or those --docx
and --pdf name; each made before either is written; never into the data
folder; each with its record), under names that carry no CPR number:
`Din plan <navn> <dato> v<version>[ KLADDE][ engelsk].pdf`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planbro.translation import _

from planbro.model import Plan

from planbro.actions.citizen import default_citizen_name, make_citizen_copies, write_citizen_copy
from planbro.actions.documents import NotWritten, outside_the_data_folder, plaintext_note

from planbro.cli.common import CommandTrail, fail


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


def _target(out: str | None, default_name: str) -> Path:
    if out is None:
        return Path.cwd() / default_name
    path = Path(out)
    return path / default_name if path.is_dir() else path


def run(args: argparse.Namespace, plan: Plan, settings) -> int:
    """Write the copy of `plan` in the formats asked for; `settings`: the municipality."""
    kinds = [kind for kind in ("docx", "pdf") if getattr(args, kind) is not None] or ["docx", "pdf"]
    targets = {kind: _target(getattr(args, kind), default_citizen_name(plan, kind, args.english))
               for kind in kinds}
    for path in targets.values():
        if not path.parent.is_dir():
            return fail(_("{path}: the folder does not exist").format(path=path))
    trail = CommandTrail(args)
    try:
        for path in targets.values():
            outside_the_data_folder(trail, path)
        data = make_citizen_copies(plan, targets, settings, args.english)
    except NotWritten as error:
        return fail(error.message())
    for kind, path in targets.items():
        try:
            saved = write_citizen_copy(plan, kind, data[kind], path, trail)
        except NotWritten as error:
            return fail(_("{path}: cannot be written: {error}").format(
                path=path, error=error.reason()))
        print(_("Wrote {path}").format(path=saved.path))
    print(plaintext_note(), file=sys.stderr)
    return 0
