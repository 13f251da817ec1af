"""The keys of an encrypted data folder for a command: found without asking, or typed once.

┌──────────────────────────────────────────────────────────────────────────┐
│ A command never waits for a secret that cannot come                      │
│                                                                          │
│ A data folder with a key file opens only unlocked (planbro.storage.      │
│ codec). The command tries what asks nothing - this login's credential    │
│ store, then PLANBRO_PASSPHRASE (crypto.keys.unlock) - and only when      │
│ stdin is a terminal asks once for the recovery key or passphrase. A      │
│ script, a scheduled task or CI gets the Danish message saying how to     │
│ unlock the folder and exit status 2 (a StoreError, as every refusal of   │
│ the store), never a prompt that hangs. The keys are unlocked once per    │
│ command run: scrypt costs a fifth of a second.                           │
│                                                                          │
│ PLANBRO_PASSPHRASE also creates: a command that would make a new data    │
│ folder while it is set makes it encrypted, with that passphrase as a way │
│ in and the recovery key shown once on stderr (stdout may carry data).    │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import getpass
import os
import sys
from datetime import date
from pathlib import Path

from planbro.fileio.failures import write_failure
from planbro.translation import _

from planbro.crypto import keyfile
from planbro.crypto.keyfile import KeyProblem
from planbro.crypto.keys import PASSPHRASE_ENV, KeyChain, NoWayIn, unlock

from planbro.storage import StoreError


def folder_keys(args, folder: Path) -> KeyChain | None:
    """The unlocked keys of the data folder `folder`, None when it is not encrypted.
    Raises StoreError with the Danish message when nothing opens it."""
    cached = getattr(args, "_folder_keys", None)
    if cached is not None and cached[0] == folder:
        return cached[1]
    from planbro.storage.codec import PHASE_KEYS, migration_phase

    if migration_phase(folder) == PHASE_KEYS:
        # A start of encryption cut short before any file was sealed: the folder is
        # plaintext still, and its writer rolls the key file back (storage.keying).
        args._folder_keys = (folder, None)
        return None
    if not keyfile.exists(folder):
        chain = _created(folder) if _is_new(folder) and os.environ.get(PASSPHRASE_ENV) else None
        args._folder_keys = (folder, chain)
        return chain
    try:
        try:
            chain = unlock(folder)
        except NoWayIn as error:
            if not sys.stdin.isatty():
                raise StoreError(str(error)) from None
            chain = unlock(folder, _typed(str(error)), use_credential_store=False, environ={})
    except KeyProblem as error:
        raise StoreError(str(error)) from None
    args._folder_keys = (folder, chain)
    return chain


def _is_new(folder: Path) -> bool:
    """A data folder not made yet, or made without anything in it."""
    cases = folder / "cases"
    return not (folder / "meta.json").exists() and not (cases.is_dir() and any(cases.iterdir()))


def _created(folder: Path) -> KeyChain:
    """Make the new data folder `folder` encrypted with PLANBRO_PASSPHRASE (and this login's
    credential store, where there is one); the recovery key is shown once on stderr.
    Raises StoreError."""
    from planbro.crypto.keys import create
    from planbro.crypto.recovery import sheet_text

    from planbro.storage.keying import encrypt

    def show(made) -> None:
        print(_("The new data folder {folder} is encrypted, with {env} as its passphrase. Its "
                "recovery key follows, shown only this once: give it to the municipality's IT "
                "support to keep.").format(folder=folder, env=PASSPHRASE_ENV), file=sys.stderr)
        for line in sheet_text(made.recovery_key, folder, date.today(),
                               store_id=made.chain.store_id):
            print(f"    {line}" if line == made.recovery_key else line, file=sys.stderr)
        sys.stderr.flush()

    try:
        return encrypt(folder, lambda: create(folder), lambda made: made.chain, show).made.chain
    except KeyProblem as error:
        raise StoreError(str(error)) from None
    except OSError as error:
        raise StoreError(write_failure(error, folder)) from None


def _typed(missing: str) -> str:
    """The recovery key or passphrase typed on the terminal (once); StoreError with
    `missing` when nothing is typed."""
    try:
        text = getpass.getpass(_("Recovery key or passphrase: ")).strip()
    except EOFError:
        text = ""
    if not text:
        raise StoreError(missing)
    return text
