"""Turning encryption on at start, before the store is opened: a new data folder without
asking, one with an older Planbro's plaintext plans when the caseworker agrees (asked once per
start), the recovery key shown once (planbro.actions.encryption does the work; the Dialogs ask).

┌──────────────────────────────────────────────────────────────────────────┐
│ Why a new folder is encrypted without asking, and plans only on yes      │
│                                                                          │
│ A new folder holds nothing yet: turning encryption on costs the          │
│ caseworker one look at the recovery key, and every plan is sealed from   │
│ its first save. A folder with plans means sealing every file, which      │
│ takes seconds for thousands and is best done when nobody waits for a     │
│ plan, so it is offered (Kryptér nu is the default) and Senere asks again │
│ at the next start. Either way Planbro opens: a folder that stays         │
│ plaintext because the key was refused says so in the status bar, as does │
│ one another Planbro holds. Where the computer has no credential store    │
│ the recovery key would be the only way in, typed at every start, so a    │
│ passphrase is asked for as the daily way in (actions/encryption.py says  │
│ more).                                                                   │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from planbro.fileio.failures import write_failure
from planbro.translation import _, ngettext

from planbro.crypto.kdf import DEFAULT
from planbro.crypto.keyfile import KeyProblem
from planbro.crypto.keys import BadPassphrase, KeyChain

from planbro.storage import StoreError, StoreLocked

from planbro.actions.encryption import (
    NoDailyWay,
    NotKept,
    RecoverySheet,
    TurnedOn,
    Unfinished,
    check_free,
    meta_readable,
    needs_passphrase,
    needs_turning_on,
    plans_in,
    turn_on,
)

# The key derivation's cost for a new key file (the tests make it cheap).
KDF = DEFAULT


def _not_encrypted(notes: list[str]) -> None:
    notes.append(_("The data folder is not encrypted; Planbro offers to encrypt it again at "
                   "the next start."))


def _held_elsewhere(notes: list[str]) -> None:
    notes.append(_("The data folder is not encrypted: it is open in another Planbro window or "
                   "on another computer. Planbro offers to encrypt it at the next start."))


@contextlib.contextmanager
def _busy():
    """The wait cursor while the files are sealed (seconds for thousands of plans)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    shown = QApplication.instance() is not None
    if shown:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents()
    try:
        yield
    finally:
        if shown:
            QApplication.restoreOverrideCursor()


def _ask_passphrase(folder: Path, dialogs, parent, why: str = "") -> str | None:
    title = _("Passphrase for the data folder")
    text = _("This computer has no credential store that could open the data folder {folder} "
             "by itself. Choose a passphrase to type at every start; the recovery key shown "
             "next is the second way in, kept by the municipality's IT support.").format(
                 folder=folder)
    return dialogs.new_passphrase(parent, title, f"{why}\n\n{text}" if why else text)


def _offer(folder: Path, plans: int, dialogs, parent) -> bool:
    text = ngettext(
        "The data folder {folder} is not encrypted: {count} plan in it lies on the disk as "
        "plaintext, readable by anyone who has the computer.\n\nEncrypt it now? First the "
        "recovery key is shown, to print for the municipality's IT support; then the plan "
        "and its backups are encrypted. It takes a moment. Later asks again at the next start.",
        "The data folder {folder} is not encrypted: {count} plans in it lie on the disk as "
        "plaintext, readable by anyone who has the computer.\n\nEncrypt it now? First the "
        "recovery key is shown, to print for the municipality's IT support; then every plan "
        "and its backups are encrypted, which can take some seconds. Later asks again at the "
        "next start.", plans).format(folder=folder, count=plans)
    return bool(dialogs.offer_encryption(parent, _("Encrypt the data folder"), text))


def _done(done: TurnedOn, dialogs, parent, notes: list[str]) -> None:
    if done.plans:
        notes.append(ngettext("The data folder is encrypted: {count} plan is encrypted, with "
                              "its backups.",
                              "The data folder is encrypted: {count} plans are encrypted, "
                              "with their backups.", done.plans).format(count=done.plans))
    else:
        notes.append(_("The data folder is encrypted."))
    if done.unreadable:
        dialogs.warn(parent, _("Encrypt the data folder"), _(
            "These files could not be read and are left as they were (they were damaged "
            "already); planbro restore can put a backup in their place:\n{paths}").format(
                paths="\n".join(str(p) for p in done.unreadable)))


def turn_on_at_start(folder: Path, dialogs, parent=None,
                     notes: list[str] | None = None) -> KeyChain | None:
    """Turn encryption on for the data folder `folder` where it is off (see above); the
    keys to open the store with, None when it stays as it was (plaintext, or encrypted
    already: then the store unlocks it as always). What happened is added to `notes`
    for the status bar; a failure that needs reading is a message."""
    notes = notes if notes is not None else []
    if not needs_turning_on(folder) or not meta_readable(folder):
        # A damaged meta.json is named when the store opens; encryption waits for its repair.
        return None
    title = _("Encrypt the data folder")
    plans = plans_in(folder)
    if plans:
        try:
            check_free(folder)
        except StoreLocked:
            _held_elsewhere(notes)
            return None
        if not _offer(folder, plans, dialogs, parent):
            # Chosen a moment ago, in a question that said Later asks again: no note.
            return None
    passphrase: str | None = None
    why = ""
    wanted = needs_passphrase()
    while True:
        if wanted:
            passphrase = _ask_passphrase(folder, dialogs, parent, why)
            if passphrase is None:
                _not_encrypted(notes)
                return None
        try:
            with _busy():
                done = turn_on(folder, lambda made: _show(made, folder, dialogs, parent),
                               via="app", passphrase=passphrase, require_daily_way=True,
                               kdf=KDF)
        except BadPassphrase as error:
            if passphrase is None:
                # PLANBRO_PASSPHRASE is too short: the environment is not asked again.
                dialogs.warn(parent, title, str(error))
                _not_encrypted(notes)
                return None
            why = str(error)
        except NoDailyWay as error:
            wanted, why = True, str(error)
        except NotKept:
            _not_encrypted(notes)
            return None
        except StoreLocked:
            _held_elsewhere(notes)
            return None
        except StoreError:
            # Its keys made meanwhile, or a file of the wrong kind: opening the store next
            # unlocks the one and names the other.
            return None
        except KeyProblem as error:
            dialogs.warn(parent, title, str(error))
            _not_encrypted(notes)
            return None
        except Unfinished as error:
            dialogs.warn(parent, title, _(
                "Not every file could be encrypted yet: {reason} The data folder is "
                "encrypted, and Planbro encrypts the rest when it is opened.").format(
                    reason=write_failure(error, folder)))
            return error.chain
        except OSError as error:
            dialogs.warn(parent, title, _("Encryption was not turned on: {reason} Nothing was "
                                          "changed.").format(reason=write_failure(error, folder)))
            _not_encrypted(notes)
            return None
        else:
            _done(done, dialogs, parent, notes)
            return done.chain


def _show(made, folder: Path, dialogs, parent) -> None:
    """The recovery key, before any file is sealed; NotKept when the user refuses it. The
    wait cursor is off while it shows."""
    from PySide6.QtWidgets import QApplication

    busy = QApplication.instance() is not None and QApplication.overrideCursor() is not None
    if busy:
        QApplication.restoreOverrideCursor()
    try:
        kept = dialogs.show_recovery_key(parent, RecoverySheet.of(made, folder))
    finally:
        if busy:
            from PySide6.QtCore import Qt

            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    if not kept:
        raise NotKept
