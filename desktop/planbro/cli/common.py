"""What the sub-commands share: opening the store, finding plans, reporting refusals."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from planbro.translation import _

from planbro.model import Plan, Problem, ValidationError

from planbro.actions.trail import Recordable, Trail

# Exit status for refused input: a bad file, a bad field, an unknown plan.
EXIT_BAD_INPUT = 2
# A command that did what it could (`list`, `export --all`) while some data files could
# not be read: the readable plans are listed or exported all the same.
EXIT_SOME_DAMAGED = 1
# The purpose a command's views carry when it names none (--purpose), by command:
# the citizen's access request is made for aktindsigt; the rest, sagsbehandling.
COMMAND_PURPOSES = {"audit": "aktindsigt"}
# The environment variable naming the team store; the global --store option wins over it.
STORE_ENV = "PLANBRO_STORE"
# What --store or PLANBRO_STORE may say to choose the local data folder.
LOCAL_WORDS = ("lokal", "local")


def shown(text: str) -> str:
    """Text for the terminal: a CPR-looking number in it (a name, a file name) is hidden."""
    from planbro.model.cpr import hide_cpr

    return hide_cpr(text)


def report_problems(problems: Iterable[Problem], *, source: str = "") -> None:
    """Print each refusal on stderr, prefixed with the file it came from."""
    from planbro.model.cpr import hide_cpr

    for problem in problems:
        # A file-level problem names the file as its field already: not twice.
        prefix = f"{shown(source)}: " if source and problem.field != source else ""
        # The terminal never shows a CPR number, even one a file put in a field's name.
        print(f"{prefix}{hide_cpr(str(problem))}", file=sys.stderr)


def read_date(option: str, value: str) -> date:
    """A date given on the command line, read as the app reads a typed one:
    15-12-2026, 15.12.26 or 2026-12-15. ValueError naming the option otherwise."""
    from planbro.model.dates import parse_danish_date

    try:
        return parse_danish_date(value)
    except ValueError:
        raise ValueError(f"{option}: " + _(
            "«{value}» is not a real date; write it as DD-MM-YYYY, e.g. 15-12-2026.").format(
                value=value)) from None


def version_number(value: str) -> int:
    """An integer option (--plan-version): ASCII digits only, for argparse's `type`.

    int() also takes Arabic-Indic and fullwidth digits ("١", "１"); argparse names
    the option in front of the refusal and exits with status 2.
    """
    if not (value.isascii() and value.isdigit()):
        raise argparse.ArgumentTypeError(_(
            "«{value}» is not a number; write it with the digits 0-9, e.g. 2.").format(value=value))
    return int(value)


def date_metavar() -> str:
    """How --help shows a date option (DD-MM-ÅÅÅÅ in Danish)."""
    return _("DD-MM-YYYY")


def fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_BAD_INPUT


def purpose_word(value: str) -> str:
    """--purpose: one of the purposes (planbro.audit.purposes, and the municipality's own);
    argparse refuses anything else with the list (exit status 2)."""
    from planbro.model.cpr import hide_cpr

    from planbro.actions.context import purposes

    try:
        allowed = purposes()
    except ValidationError as error:
        raise argparse.ArgumentTypeError(
            "; ".join(hide_cpr(str(problem)) for problem in error.problems)) from None
    word = " ".join(value.split()).lower()
    if word not in allowed:
        raise argparse.ArgumentTypeError(_("«{value}» is not one of the purposes: {purposes}").format(
            value=hide_cpr(value), purposes=", ".join(allowed)))
    return word


def add_purpose(parser, *, required: bool = False) -> None:
    """The --purpose option of a command that shows or hands out plans."""
    from planbro.audit import DEFAULT_PURPOSE, PURPOSES

    named = ", ".join(PURPOSES)
    text = (_("what the plans are used for, recorded in the audit log: {purposes} or one of "
              "the municipality's own (required)") if required else
            _("what the plan is used for, recorded in the audit log: {purposes} or one of "
              "the municipality's own (default: {default})"))
    parser.add_argument("--purpose", type=purpose_word, required=required,
                        metavar=_("PURPOSE"), help=text.format(purposes=named,
                                                               default=DEFAULT_PURPOSE))


def team_address(args) -> str | None:
    """The team store's address that --store gives, else PLANBRO_STORE, else the choice
    in Indstillinger (the app's); None for the local data folder. StoreAddressRefused,
    naming the option, variable or setting, for anything else."""
    option = getattr(args, "store", None)
    source, text = (("--store", option) if option is not None
                    else (STORE_ENV, os.environ.get(STORE_ENV, "")))
    if option is None and not text.strip():
        from planbro.settings import load_settings

        settings = load_settings()
        source, text = _("Settings"), settings.store if settings is not None else ""
    text = text.strip()
    if not text or text.lower() in LOCAL_WORDS:
        return None
    from planbro.storage.postgres import StoreAddressRefused, is_team_address
    from planbro.storage.postgres.connect import masked

    if not is_team_address(text):
        raise StoreAddressRefused(f"{source}: " + _(
            "«{value}» is not the address of a team store: write postgresql://server/database "
            "or service=name (or {local} for the data folder on this computer).").format(
                value=shown(masked(text, text)), local=LOCAL_WORDS[0]))
    return text


def team_store(args):
    """The team store of the command run (opened at first need, closed by close_stores), or
    None when the plans are in the local data folder. StoreError when it cannot be used."""
    store = getattr(args, "_team_store", None)
    if store is None and (address := team_address(args)):
        from planbro.settings import load_settings

        from planbro.actions.context import data_folder
        from planbro.actions.team import open_team_store

        settings = load_settings()
        store = args._team_store = open_team_store(
            address, via="cli", holder=settings.caseworker_name if settings else "",
            data_dir=data_folder(args.data_dir, settings))
    return store


def close_stores(args) -> None:
    """Close the team store the command run opened (main does, whatever happened)."""
    store = getattr(args, "_team_store", None)
    if store is not None:
        args._team_store = None
        store.close()


class _Lent:
    """The command's team store lent to one `with` block (or one open_store): the block's
    end does not close it, as one command may read and record through it several times."""

    def __init__(self, store):
        self._store = store

    def __getattr__(self, name):
        return getattr(self._store, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def close(self) -> None:
        pass


def audit_log(args):
    """The audit log of the chosen store, one per command run, so a failure to write it
    is told once (planbro.audit): the data folder's log, or the team store's table; its
    purpose is --purpose, else the command's default. Raises StoreError when the data
    folder cannot be made or the team store cannot be used."""
    log = getattr(args, "_audit_log", None)
    if log is None:
        from planbro.audit import DEFAULT_PURPOSE, AuditLog
        from planbro.settings import load_settings

        from planbro.actions.context import data_folder

        team = team_store(args)
        # The data folder the app uses too (Indstillinger), unless --data-dir names one.
        log = args._audit_log = (team.audit if team is not None
                                 else AuditLog(data_folder(args.data_dir, load_settings())))
        log.set_purpose(getattr(args, "purpose", None)
                        or COMMAND_PURPOSES.get(getattr(args, "command", ""), DEFAULT_PURPOSE))
    return log


def record(args, action: str, plan: Plan, detail: str = "") -> bool:
    """Record what the command did with `plan` in the audit log (views, documents, exports);
    True when it is in the log."""
    from planbro.audit import failure_message
    from planbro.storage import StoreError
    from planbro.storage.paths import is_plan_id

    try:
        log = audit_log(args)
    except StoreError as error:
        # No data folder for the log (e.g. `render FILE.json`): the log's own
        # policy applies, the document stays written and this is told once.
        if not getattr(args, "_audit_told", False):
            args._audit_told = True
            print(failure_message(str(error)), file=sys.stderr)
        return False
    # A plan file's id names the plan; a file without a proper id is logged without it.
    plan_id = plan.id if is_plan_id(plan.id) else None
    return log.record(action, plan_id, plan.version, via="cli", detail=detail)


class CommandTrail(Trail):
    """The trail of a command run: the chosen data folder's log, made when the
    first record is written; a folder that cannot be made is told once (record)."""

    def __init__(self, args):
        super().__init__(None, via="cli")
        self.args = args

    def record(self, action: str, plan: Plan, detail: str = "") -> bool:
        return record(self.args, action, plan, detail)

    def data_folder(self) -> Path | None:
        from planbro.storage import StoreError

        try:
            team = team_store(self.args)
            return Path(team.data_dir) if team is not None else Path(
                audit_log(self.args).folder).parent
        except StoreError:
            return None

    def begin(self, action: str, plan: Recordable, detail: str = ""):
        from planbro.audit import failure_message
        from planbro.storage import StoreError

        from planbro.actions.trail import NO_RECORD, Trail

        try:
            log = audit_log(self.args)
        except StoreError as error:
            # No data folder for the log (`render FILE.json` where none can be made):
            # the document is written all the same, and this is told once.
            if not getattr(self.args, "_audit_told", False):
                self.args._audit_told = True
                print(failure_message(str(error)), file=sys.stderr)
            return NO_RECORD
        return Trail(log, via="cli").begin(action, plan, detail)


def open_store(args, *, write: bool):
    """The store in the chosen data folder (unlocked when it is encrypted), recording its
    changes in the audit log; read-only when another process writes. With --store or
    PLANBRO_STORE naming a team store: that store, which records in its own audit table."""
    from planbro.storage import PlanStore

    from planbro.actions.overview import facts_for_stores

    from planbro.cli.unlocking import folder_keys

    team = team_store(args)
    if team is not None:
        return _Lent(team)
    log = audit_log(args)
    # An encrypted folder is unlocked first (unlocking.py); StoreError when it cannot be.
    keys = folder_keys(args, log.folder.parent)
    # Each save keeps the plan's facts for the overview (planbro overblik, actions/overview.py).
    facts = facts_for_stores()
    if write:
        store = PlanStore(log.folder.parent, audit=log, via="cli", keys=keys, facts=facts)
    else:
        store = PlanStore.open(log.folder.parent, audit=log, via="cli", keys=keys, facts=facts)
    if store.encryption_rolled_back:
        print(_("Turning encryption on for {folder} was interrupted before any plan was "
                "encrypted, and has been undone: the data folder is not encrypted. Run planbro "
                "key create again; a recovery key shown the first time opens nothing.").format(
                    folder=store.data_dir), file=sys.stderr)
    return store


def is_plan_file(text: str) -> bool:
    return text.lower().endswith(".json") or Path(text).is_file()


def load_plan(args, id_or_file: str) -> Plan:
    """A plan from an exchange file, or the newest version of a stored plan.

    Raises ValidationError or StoreError with a message for the user.
    """
    if is_plan_file(id_or_file):
        from planbro.exchange import read_plan_file

        return read_plan_file(id_or_file)
    with open_store(args, write=False) as store:
        return store.get(store.resolve(id_or_file))


def print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def refusal(error: Exception, *, source: str = "") -> int:
    """Print a ValidationError or StoreError and return the bad-input status."""
    from planbro.storage import StoreCorrupt

    if isinstance(error, ValidationError):
        report_problems(error.problems, source=source)
    else:
        print(shown(f"{source}: {error}" if source else str(error)), file=sys.stderr)
    if isinstance(error, StoreCorrupt):
        restore_hint(error)
    return EXIT_BAD_INPUT


def restore_hint(error) -> None:
    """How to mend the damaged data file StoreCorrupt `error` names, on stderr."""
    from planbro.storage import StoreCorrupt, needs_rebuild

    if isinstance(error, StoreCorrupt) and error.backups:
        print(_("To restore it: planbro restore \"{backup}\"").format(backup=error.backups[0]),
              file=sys.stderr)
    elif isinstance(error, StoreCorrupt) and needs_rebuild(error):
        print(_("The plans themselves are not affected. To rebuild meta.json from them: "
                "planbro repair"), file=sys.stderr)
