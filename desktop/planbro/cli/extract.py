"""`planbro audit --extract ID [--out FILE.pdf]`: the citizen's access request (GDPR art. 15).

A Danish PDF/A for the citizen: when their plan was viewed, changed, signed,
printed, exported or shared, and for what purpose, with the municipality and
unit as the one who did it (never a login or a computer). It is written
only together with its "extract" record in the audit log (planbro.actions.
extract); the terminal shows the file's path, never the citizen's name.

A plan deleted from the data folder (journalised and purged, or a deleted
draft) leaves its records in the log, and the citizen may still ask: the
extract is then made from those records, naming the plan by its id.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planbro.translation import _

from planbro.cli.common import CommandTrail, audit_log, fail, open_store, refusal

# Options of `planbro audit` that choose records to show; an extract takes its plan's all.
_FILTERS = (("plan", "--plan"), ("since", "--since"), ("user", "--user"), ("json", "--json"),
            ("verify", "--verify"))


def _target(out: str | None, default_name: str) -> Path:
    if out is None:
        return Path.cwd() / default_name
    path = Path(out)
    return path / default_name if path.is_dir() else path


def run_extract(args: argparse.Namespace) -> int:
    from planbro.model import ValidationError

    from planbro.settings import load_settings
    from planbro.storage import StoreError

    from planbro.actions.context import municipality
    from planbro.actions.documents import NotWritten, outside_the_data_folder, plaintext_note
    from planbro.actions.extract import default_extract_name, save_extract, subject_of

    for name, option in _FILTERS:
        if getattr(args, name):
            return fail(_("{option}: --extract makes the access request extract of one plan "
                          "and cannot be combined with {option}.").format(option=option))
    settings = load_settings()
    try:
        with open_store(args, write=False) as store:
            # Also a plan deleted from the folder: its records are in the log still.
            plan = subject_of(store, audit_log(args), args.extract)
        place = municipality(settings)
    except ValidationError as error:
        return refusal(error)
    except StoreError as error:
        return refusal(error)
    except NotWritten as error:
        return fail(error.message())
    path = _target(args.out, default_extract_name(plan))
    if path.suffix.lower() != ".pdf":
        return fail(_("--out: {path}: the extract is a PDF file; give a name ending in "
                      ".pdf").format(path=path))
    if not path.parent.is_dir():
        return fail(_("--out: {path}: the folder does not exist").format(path=path))
    trail = CommandTrail(args)
    try:
        # Before it is made: a plaintext extract has no place in the data folder.
        outside_the_data_folder(trail, path)
    except NotWritten as error:
        return fail(error.message())
    try:
        saved = save_extract(plan, path, log=audit_log(args), trail=trail,
                             settings=settings, municipality=place)
    except NotWritten as error:
        return fail(_("{path}: cannot be written: {error}").format(path=path,
                                                                   error=error.reason()))
    print(_("Wrote {path}").format(path=saved.path))
    print(plaintext_note(), file=sys.stderr)
    return 0
