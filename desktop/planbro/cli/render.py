"""`planbro render`: the plan's Word and PDF documents from the store or a file
(with --citizen, Din plan, the citizen's own short copy: render_citizen.py; with
--for PARTNER, the partner's extract: render_partner.py)."""

from __future__ import annotations

import argparse

from planbro.translation import _

from planbro.model import ValidationError

from planbro.storage import StoreError

from planbro.actions.documents import (
    make_documents,
    write_document,
)

from planbro.cli import render_citizen, render_files, render_partner
from planbro.cli.common import (
    add_purpose,
    is_plan_file,
    open_store,
    refusal,
    version_number,
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "render", help=_("write the plan as Word (.docx) and PDF documents"),
        description=_("Write the plan as Word (.docx) and PDF/A documents. Without --docx "
                      "and --pdf both are written into the current folder with their "
                      "default names."))
    parser.add_argument("plan", metavar=_("ID-OR-FILE"),
                        help=_("a stored plan's id (or its first characters) or a plan file (.json)"))
    parser.add_argument("--docx", metavar=_("OUT"),
                        help=_("write the Word document here (a file or a folder)"))
    parser.add_argument("--pdf", metavar=_("OUT"),
                        help=_("write the PDF document here (a file or a folder)"))
    parser.add_argument("--plan-version", type=version_number, metavar="N", dest="plan_version",
                        help=_("a given version of a stored plan (default: the newest)"))
    parser.add_argument("--municipality", metavar=_("FILE"),
                        help=_("municipality settings (.toml or .json: name, address, logo)"))
    render_citizen.add_arguments(parser)
    render_partner.add_arguments(parser)
    add_purpose(parser)
    parser.set_defaults(func=run)


def _load(args, settings):
    """The plan, and the changes since its signed version for the document's appendix
    (None for a plan file, or when Indstillinger leaves them out)."""
    if is_plan_file(args.plan):
        from planbro.exchange import read_plan_file

        return read_plan_file(args.plan), None
    from planbro.actions.changes import document_changes

    with open_store(args, write=False) as store:
        plan = store.get(store.resolve(args.plan), args.plan_version)
        # The citizen's copy and a partner's extract have no appendix of changes.
        extra = args.citizen or args.partner is not None
        return plan, None if extra else document_changes(store, plan, settings)


def run(args: argparse.Namespace) -> int:
    from planbro.settings import load_settings

    from planbro.actions.context import municipality

    from planbro import documents

    if (status := render_citizen.refused(args)) is not None:
        return status
    if (status := render_partner.refused(args)) is not None:
        return status
    source = args.plan if is_plan_file(args.plan) else ""
    user_settings = load_settings()
    try:
        plan, changes = _load(args, user_settings)
        # Indstillinger's municipality and logo, as in the app; --municipality overrides.
        settings = municipality(user_settings, args.municipality)
    except ValidationError as error:
        # File-level problems already name the file as their field.
        named = any(problem.field == args.plan for problem in error.problems)
        return refusal(error, source="" if named else source)
    except StoreError as error:
        return refusal(error)
    if args.citizen:
        return render_citizen.run(args, plan, settings)
    if args.partner is not None:
        return render_partner.run(args, plan, settings)
    # --docx/--pdf name the formats (both when neither is given).
    paths = render_files.targets(args, lambda kind: documents.default_filename(plan, kind))
    return render_files.write_all(
        args, paths, lambda paths: make_documents(plan, paths, settings, changes),
        lambda kind, data, path, trail: write_document(plan, kind, data, path, trail))
