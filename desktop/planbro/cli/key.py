"""`planbro key`: the data folder's key file — status, create (and migrate), check, unlock on a
new login, a new recovery key, a new data key.

┌──────────────────────────────────────────────────────────────────────────┐
│ Never waiting for input that cannot come                                 │
│                                                                          │
│ A script, a scheduled task or CI has no terminal. A sub-command that     │
│ needs a passphrase or the recovery key reads PLANBRO_PASSPHRASE first;   │
│ it asks on the terminal only when stdin is one, and otherwise says what  │
│ is missing and exits 2. A secret is never an argument: it would stand in │
│ the shell's history and in every process list.                           │
│                                                                          │
│ A data folder with a key file is encrypted (planbro.storage.codec):     │
│ create turns encryption on, sealing the plans already there in a        │
│ crash-safe migration (planbro.storage.keying); rotate makes a new data  │
│ key and re-seals every file with it. Both run as the folder's writer.   │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from planbro.fileio.failures import write_failure
from planbro.translation import _, ngettext

from planbro.crypto import credstore
from planbro.crypto.keyfile import CREDENTIAL_STORE, PASSPHRASE, RECOVERY, KeyProblem
from planbro.crypto.keys import PASSPHRASE_ENV, KeyChain
from planbro.crypto.recovery import sheet_text

from planbro.cli.common import fail


def register(subparsers) -> None:
    key = subparsers.add_parser(
        "key", help=_("the data folder's key: encryption of the plans at rest"),
        description=_("Encryption of the data folder: a data folder with a key file is "
                      "encrypted, and its key file holds the ways in (this login's credential "
                      "store, the recovery key, a passphrase). create turns encryption on and "
                      "encrypts the plans already in the data folder. A passphrase or recovery key is read from "
                      "{env}, or asked for on a terminal.").format(env=PASSPHRASE_ENV))
    actions = key.add_subparsers(dest="key_command", metavar=_("ACTION"))
    actions.required = True
    status = actions.add_parser("status", help=_("is there a key file, and which ways in are set up"))
    status.set_defaults(func=run_status)
    create = actions.add_parser(
        "create", help=_("make the key file and show the recovery key, once (a passphrase is "
                         "added from {env} when set)").format(env=PASSPHRASE_ENV))
    create.add_argument("--no-credential-store", action="store_true",
                        help=_("do not keep a key in this login's credential store"))
    create.add_argument("--sheet", metavar=_("FILE.pdf"),
                        help=_("write the recovery sheet as a PDF to print, instead of showing "
                               "the key on the terminal"))
    create.set_defaults(func=run_create)
    check = actions.add_parser(
        "check", help=_("check a passphrase or the recovery key against the key file "
                        "(changes nothing)"))
    check.set_defaults(func=run_check)
    unlock = actions.add_parser(
        "unlock", help=_("open the data folder with the recovery key or passphrase and let this "
                         "login's credential store open it from now on (a new Windows profile)"))
    unlock.set_defaults(func=run_unlock)
    renew = actions.add_parser(
        "new-recovery-key", help=_("replace the recovery key (the old one stops working) and "
                                   "show the new one, once"))
    renew.add_argument("--sheet", metavar=_("FILE.pdf"),
                       help=_("write the recovery sheet as a PDF to print, instead of showing "
                              "the key on the terminal"))
    renew.set_defaults(func=run_new_recovery_key)
    rotate = actions.add_parser(
        "rotate", help=_("make a new data key and encrypt every file of the data folder with "
                         "it again (the recovery key and passphrase stay valid)"))
    rotate.set_defaults(func=run_rotate)


def _folder(args):
    """The data folder the command works on (as every command chooses it)."""
    from planbro.settings import load_settings

    from planbro.actions.context import data_folder

    return data_folder(args.data_dir, load_settings())


def _typed() -> str:
    """What is typed on the terminal; _Missing when stdin is none (nothing waits for a
    keyboard that is not there) or nothing was typed."""
    missing = _Missing(_("No passphrase or recovery key: set {env}, or run the command in a "
                         "terminal to type it. Nothing was changed.").format(env=PASSPHRASE_ENV))
    if not sys.stdin.isatty():
        raise missing
    try:
        text = getpass.getpass(_("Recovery key or passphrase: ")).strip()
    except EOFError:
        raise missing from None
    if not text:
        raise missing
    return text


class _Missing(Exception):
    """What the command needs and did not get."""


def _run(work, args) -> int:
    """`work(args)` with every refusal told in the user's words, status 2."""
    from planbro.storage import StoreError

    try:
        return work(args)
    except (KeyProblem, StoreError, _Missing) as error:
        return fail(str(error))
    except OSError as error:
        return fail(write_failure(error))


def _unlocked(folder, *, use_credential_store: bool) -> KeyChain:
    """The keys of `folder`: from the credential store (when allowed) or PLANBRO_PASSPHRASE,
    else from what is typed on a terminal."""
    from planbro.crypto.keys import NoWayIn, unlock

    if use_credential_store or os.environ.get(PASSPHRASE_ENV):
        try:
            return unlock(folder, use_credential_store=use_credential_store)
        except NoWayIn:
            pass
    return unlock(folder, _typed(), use_credential_store=False, environ={})


def _print_sheet(recovery_key: str, folder, store_id: str) -> None:
    """The recovery sheet's text on stdout, the key a line of its own."""
    lines = sheet_text(recovery_key, folder, date.today(), store_id=store_id)
    print(lines[0])
    for line in lines[1:]:
        print()
        print(f"    {line}" if line == recovery_key else line)


def _local_time(stamp: str) -> str:
    """The key file's UTC time of making as the command prints times: local, DD-MM-YYYY HH:MM."""
    try:
        made = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return stamp
    return made.astimezone().strftime("%d-%m-%Y %H:%M")


def _way_names(ways: list[str]) -> str:
    names = {CREDENTIAL_STORE: _("this login's credential store"), RECOVERY: _("recovery key"),
             PASSPHRASE: _("passphrase")}
    return ", ".join(names.get(w, w) for w in ways)


def _status(args) -> int:
    from planbro.crypto.keys import status

    from planbro.storage.codec import migration_phase

    folder = _folder(args)
    found = status(folder)
    if not found.exists:
        print(_("There is no key file in {folder}: the data folder is not prepared for "
                "encryption. planbro key create makes one.").format(folder=folder))
    else:
        print(_("Key file: {path} (made {created})").format(path=found.path,
                                                            created=_local_time(found.created)))
        print(_("Data key: {key_id}").format(key_id=found.key_id))
        yes, no = _("yes"), _("no")
        print(_("Recovery key: {answer}").format(answer=yes if RECOVERY in found.ways else no))
        print(_("Passphrase: {answer}").format(answer=yes if PASSPHRASE in found.ways else no))
        if migration_phase(folder) is not None:
            print(_("Encrypting the plans already in the data folder was not finished; Planbro "
                    "finishes it at the next start."))
        if found.rotation_pending:
            print(_("A change of the data key was not finished; Planbro finishes it at the next "
                    "start."))
    credential = {
        "ready": _("yes, it opens the data folder without asking"),
        "missing": _("set up, but not for this login (planbro key unlock sets it up here)"),
        "not-set-up": _("no"),
        "none": _("no: this computer has no credential store"),
    }[found.credential_store]
    print(_("Credential store: {answer}").format(answer=credential))
    if found.exists:
        print(_("The plans in the data folder are encrypted."))
    else:
        print(_("The plans in the data folder are not encrypted yet: this prepares encryption."))
    return 0


def _sheet_target(sheet: str | None) -> Path | None:
    """Where --sheet writes the PDF; _Missing (nothing made yet) when it cannot go there."""
    if sheet is None:
        return None
    path = Path(sheet)
    if path.suffix.lower() != ".pdf" or path.is_dir():
        raise _Missing(_("--sheet: {path}: give the name of a PDF file, ending in .pdf. "
                         "Nothing was changed.").format(path=path))
    if not path.parent.is_dir():
        raise _Missing(_("--sheet: {path}: the folder does not exist. Nothing was "
                         "changed.").format(path=path))
    return path


def _write_sheet(path: Path, recovery_key: str, folder, store_id: str) -> int:
    """The recovery sheet as a PDF at `path` (the user's alone, as the key file); if it
    cannot be written, the key is shown on the terminal instead, as it is shown only once."""
    from planbro.fileio.atomic import write_atomic

    from planbro.documents.recovery_sheet import recovery_sheet_pdf

    lines = sheet_text(recovery_key, folder, date.today(), store_id=store_id)
    try:
        write_atomic(path, recovery_sheet_pdf(lines))
    except OSError as error:
        print(_("--sheet: {path}: the sheet cannot be written: {reason} The key follows "
                "here instead.").format(path=path, reason=write_failure(error, path.parent)),
              file=sys.stderr)
        sys.stderr.flush()
        _print_sheet(recovery_key, folder, store_id)
        return 1
    print(_("The recovery sheet is written to {path}. Print it, give it to the municipality's "
            "IT support to keep, and delete the file: it holds the key.").format(path=path),
          file=sys.stderr)
    return 0


def _show_created(made, folder, sheet: Path | None) -> None:
    """What create tells once the key file is made, the recovery key included: before any
    plan is sealed (storage.keying), so a key never shown can never have locked a plan in.
    Raises OSError when the sheet cannot be written and the key cannot be shown either."""
    print(_("The key file {path} is made. Ways in: {ways}.").format(
        path=folder / "keys.json", ways=_way_names(made.ways)), file=sys.stderr)
    if made.credential_store_skipped:
        print(_("Credential store: {reason}.").format(reason=made.credential_store_skipped),
              file=sys.stderr)
    if sheet is not None:
        _write_sheet(sheet, made.recovery_key, folder, made.chain.store_id)
        return
    print(_("The recovery key follows. It is shown only this once: write it down or print "
            "it, and give it to the municipality's IT support to keep."), file=sys.stderr)
    sys.stderr.flush()
    _print_sheet(made.recovery_key, folder, made.chain.store_id)
    sys.stdout.flush()


def _create(args) -> int:
    from planbro.crypto import keyfile
    from planbro.crypto.keys import KeyFileExists, create

    from planbro.storage.codec import PHASE_KEYS, migration_phase
    from planbro.storage.keying import encrypt

    folder = _folder(args)
    sheet = _sheet_target(getattr(args, "sheet", None))
    if keyfile.exists(folder) and migration_phase(folder) != PHASE_KEYS:
        raise KeyFileExists(_("{path} exists already: this data folder has its keys. Planbro has "
                              "not changed it.").format(path=keyfile.key_path(folder)))
    daily = bool(os.environ.get(PASSPHRASE_ENV)) or (not args.no_credential_store
                                                     and credstore.is_available())
    if sheet is None and not daily and not sys.stdout.isatty():
        # The recovery key would be the only way in, and a pipe may lose it.
        raise _Missing(_("The recovery key would be the only way into the data folder, and it "
                         "is shown only once, but the output is not a terminal. Use --sheet "
                         "FILE.pdf, or set {env} to add a passphrase. Nothing was changed.").format(
                             env=PASSPHRASE_ENV))
    # As the folder's writer: the key file, the recovery key shown, then every file sealed.
    done = encrypt(folder, lambda: create(folder, use_credential_store=not args.no_credential_store),
                   lambda made: made.chain,
                   lambda made: _show_created(made, folder, sheet))
    if done.plans:
        print(ngettext("{count} plan in the data folder is encrypted now, with its backups; "
                       "the plaintext files are gone.",
                       "{count} plans in the data folder are encrypted now, with their backups; "
                       "the plaintext files are gone.", done.plans).format(count=done.plans),
              file=sys.stderr)
    _tell_unreadable(done.resealed.unreadable)
    _record(folder, done.made.chain, "kryptering slået til")
    print(_("The data folder is encrypted from now on: every plan saved in it is stored "
            "encrypted."), file=sys.stderr)
    return 1 if sheet is not None and not sheet.exists() else 0


def _record(folder, chain: KeyChain, detail: str) -> None:
    """The change of the keys in the audit log, the log's head sealed with the new keys
    (so --verify can trust it from now on). A log that cannot be written is said on
    stderr: the keys are changed already, and no plan data depends on the line."""
    from planbro.audit import AuditLog

    log = AuditLog(folder)
    log.use_keys(chain)
    log.record("key", None, via="cli", detail=detail)


def _tell_unreadable(paths) -> None:
    """Files the pass left as they were because they do not open (damaged already)."""
    for path in paths:
        print(_("{path} could not be read and is left as it was (it was damaged already); "
                "planbro restore can put a backup in its place.").format(path=path),
              file=sys.stderr)


def _rotate(args) -> int:
    from planbro.crypto import keyfile

    from planbro.storage import StoreError
    from planbro.storage.codec import codec_for
    from planbro.storage.folder import check_layout
    from planbro.storage.keying import rotate, settle
    from planbro.storage.lock import WriterLock
    from planbro.storage.paths import Layout

    folder = _folder(args)
    if not keyfile.exists(folder):
        raise StoreError(_("There is no key file in {folder}: the data folder is not "
                           "encrypted, so there is no data key to change. planbro key create "
                           "turns encryption on.").format(folder=folder))
    chain = _unlocked(folder, use_credential_store=True)
    check_layout(Layout(folder))
    # As the folder's writer; an unfinished migration or rotation is finished first.
    lock = WriterLock(Layout(folder).lock, folder)
    try:
        rotated, done = rotate(settle(Layout(folder, codec_for(folder, chain))))
    finally:
        lock.release()
    _record(folder, rotated, "ny datanøgle")
    count = done.sealed + done.current
    print(ngettext("The data key is changed: {count} file is encrypted with the new key "
                   "{key_id}. The recovery key and the passphrase stay valid.",
                   "The data key is changed: {count} files are encrypted with the new key "
                   "{key_id}. The recovery key and the passphrase stay valid.", count).format(
                       count=count, key_id=rotated.current.key_hex))
    _tell_unreadable(done.unreadable)
    return 0


def _check(args) -> int:
    folder = _folder(args)
    chain = _unlocked(folder, use_credential_store=False)
    print(_("The key fits: it opens {path} (data key {key_id}). Nothing was changed.").format(
        path=folder / "keys.json", key_id=chain.current.key_hex))
    return 0


def _unlock(args) -> int:
    from planbro.crypto.keys import FROM_CREDENTIAL_STORE, remember_here, unlock

    folder = _folder(args)
    if not credstore.is_available():
        # Checked first: typing the recovery key would be for nothing.
        return fail(_("This computer has no credential store, so Planbro cannot remember the "
                      "key for this login; nothing was changed. Set {env} to the passphrase or "
                      "the recovery key where Planbro runs.").format(env=PASSPHRASE_ENV))
    try:
        chain = unlock(folder, use_credential_store=True, environ={})
    except KeyProblem:
        chain = None
    if chain is not None and chain.way == FROM_CREDENTIAL_STORE:
        print(_("This login's credential store opens {folder} already.").format(folder=folder))
        return 0
    chain = _unlocked(folder, use_credential_store=False)
    try:
        remember_here(folder, chain)
    except credstore.Unavailable:
        return fail(_("The key fits, but the credential store refused to keep it; nothing was "
                      "changed. Set {env} where Planbro runs.").format(env=PASSPHRASE_ENV))
    print(_("The key fits. This login's credential store opens {folder} from now on.").format(
        folder=folder))
    return 0


def _new_recovery_key(args) -> int:
    from planbro.crypto.keys import replace_recovery_key

    folder = _folder(args)
    sheet = _sheet_target(getattr(args, "sheet", None))
    chain = _unlocked(folder, use_credential_store=True)
    recovery_key = replace_recovery_key(folder, chain)
    _record(folder, chain, "ny gendannelsesnøgle")
    if sheet is not None:
        print(_("The old recovery key no longer works."), file=sys.stderr)
        return _write_sheet(sheet, recovery_key, folder, chain.store_id)
    print(_("The old recovery key no longer works. The new one follows, shown only this once: "
            "give it to the municipality's IT support to keep."), file=sys.stderr)
    sys.stderr.flush()
    _print_sheet(recovery_key, folder, chain.store_id)
    return 0


def run_status(args: argparse.Namespace) -> int:
    return _run(_status, args)


def run_create(args: argparse.Namespace) -> int:
    return _run(_create, args)


def run_check(args: argparse.Namespace) -> int:
    return _run(_check, args)


def run_unlock(args: argparse.Namespace) -> int:
    return _run(_unlock, args)


def run_new_recovery_key(args: argparse.Namespace) -> int:
    return _run(_new_recovery_key, args)


def run_rotate(args: argparse.Namespace) -> int:
    return _run(_rotate, args)
