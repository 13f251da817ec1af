"""Opening an encrypted data folder with the recovery key or passphrase on a login whose
credential store does not hold its key (a new Windows profile), and letting that store open
it from now on.

    unlock_typed(folder, secret, remember=True)   the keys, and whether they were remembered
    remember(folder, chain)                       this login's credential store opens it now

Both front ends take these steps: the app's unlock dialog (its box "remember the key") and
`planbro key unlock`. What the user is told comes back as text; nothing here asks.

┌──────────────────────────────────────────────────────────────────────────┐
│ Why a key that cannot be remembered still opens the folder               │
│                                                                          │
│ Remembering is a convenience: the recovery key or passphrase just typed │
│ opened the folder, and the caseworker came to work on the plans. So a   │
│ credential store that refuses the secret, a key file that cannot be     │
│ rewritten or another Planbro holding the folder leaves the keys         │
│ unlocked and says why; the next start asks again. keys.json is          │
│ rewritten only as the folder's writer (crypto.keys leaves that lock to   │
│ its callers): another Planbro with the folder open may be rewriting it. │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from planbro.fileio.failures import write_failure
from planbro.translation import _

from planbro.crypto import credstore
from planbro.crypto.keyfile import KeyProblem
from planbro.crypto.keys import KeyChain, remember_here, unlock

from planbro.storage import StoreError, StoreLocked
from planbro.storage.lock import WriterLock
from planbro.storage.paths import Layout

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Remembered:
    """Whether this login's credential store opens the data folder from now on, and
    `message`: that it does, or why not, in the user's words."""

    done: bool
    message: str


@dataclass(frozen=True)
class Unlocked:
    """The keys a typed secret opened, and what came of remembering them (None: not
    asked to, or this computer has no credential store)."""

    chain: KeyChain
    remembered: Remembered | None = None


def can_remember() -> bool:
    """Whether this computer has a credential store to remember a key in."""
    return credstore.is_available()


def _not_remembered(reason: str) -> Remembered:
    return Remembered(False, _(
        "The key could not be kept in this user's credential store: {reason} The data folder is open; "
        "next time Planbro asks for the recovery key or passphrase again.").format(reason=reason))


def remember(data_dir: str | Path, chain: KeyChain) -> Remembered:
    """Let this login's credential store open `data_dir` (unlocked as `chain`) from now
    on, as the folder's writer. Never raises for a refusal: Remembered says what happened."""
    folder = Path(data_dir)
    try:
        layout = Layout(folder)
        lock = WriterLock(layout.lock, layout.root)
        try:
            remember_here(folder, chain)
        finally:
            lock.release()
    except credstore.Unavailable as error:
        # The backend's own words are for the log: they may name D-Bus or a collection.
        log.info("the credential store did not keep the key: %s", error)
        return _not_remembered(_("the credential store refused it."))
    except StoreLocked:
        return _not_remembered(_("the data folder {folder} is open in another Planbro window or "
                                 "on another computer.").format(folder=folder))
    except (KeyProblem, StoreError) as error:
        return _not_remembered(str(error))
    except OSError as error:
        return _not_remembered(write_failure(error, folder))
    return Remembered(True, _("The key is now kept in this user's credential store, so Planbro opens the "
                              "data folder without asking next time."))


def unlock_typed(data_dir: str | Path, secret: str, *, remember_key: bool = True) -> Unlocked:
    """The keys of `data_dir` that `secret` (the recovery key or passphrase typed) opens;
    with `remember_key` on a computer with a credential store, also remembered for this
    login (remember()). Raises KeyProblem (a wrong key, a damaged key file) with the
    Danish message; nothing is written then."""
    chain = unlock(data_dir, secret, use_credential_store=False, environ={})
    if not remember_key or not can_remember():
        return Unlocked(chain)
    return Unlocked(chain, remember(data_dir, chain))
