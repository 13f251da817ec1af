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
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from planbro.translation import _

from planbro.crypto import keyfile
from planbro.crypto.keyfile import KeyProblem
from planbro.crypto.keys import KeyChain, NoWayIn, unlock

from planbro.storage import StoreError


def folder_keys(args, folder: Path) -> KeyChain | None:
    """The unlocked keys of the data folder `folder`, None when it is not encrypted.
    Raises StoreError with the Danish message when nothing opens it."""
    cached = getattr(args, "_folder_keys", None)
    if cached is not None and cached[0] == folder:
        return cached[1]
    if not keyfile.exists(folder):
        return None
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
