"""Turning encryption at rest on for a data folder: the key file made, the recovery key shown
once, every plan already there sealed.

    needs_turning_on(folder)        no key file yet (or a start of it a crash cut short)
    meta_readable(folder)           meta.json is sound (a damaged one is repaired first)
    plans_in(folder)                the plans a migration would seal (0: a new folder)
    needs_passphrase()              no credential store here: a passphrase is the daily way in
    turn_on(folder, show, ...)      the key file, show(made), every file sealed; TurnedOn
    RecoverySheet.of(made, folder)  the printable sheet of the recovery key (text and PDF)

Both front ends can take these steps: the app at start (planbro.ui.encrypting) and
`planbro key create`. What the user sees is theirs to show; nothing here asks.

┌──────────────────────────────────────────────────────────────────────────┐
│ Why a key file with the recovery key as its only way in is refused when  │
│ the caller asks for a daily way in                                       │
│                                                                          │
│ The recovery key is for a new profile or a lost passphrase: kept by the  │
│ municipality's IT, not on the caseworker's desk. A folder it alone opens │
│ would need it typed at every start, so the sheet would end up beside the │
│ laptop. The app therefore asks for a passphrase where the computer has   │
│ no credential store, and where the store is there but refuses the key (a │
│ locked collection) turn_on raises NoDailyWay before anything is sealed:  │
│ keying rolls the key file back, and the app asks for a passphrase and    │
│ tries again. The command may make such a folder on purpose               │
│ (--no-credential-store, no PLANBRO_PASSPHRASE).                          │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from planbro.translation import _

from planbro.crypto import credstore, keyfile
from planbro.crypto.kdf import DEFAULT, Scrypt
from planbro.crypto.keyfile import CREDENTIAL_STORE, PASSPHRASE, KeyProblem
from planbro.crypto.keys import PASSPHRASE_ENV, Created, KeyChain, create
from planbro.crypto.recovery import sheet_text

from planbro.audit import AuditLog
from planbro.storage.codec import PHASE_KEYS, migration_phase
from planbro.storage.errors import StoreError
from planbro.storage.keying import encrypt
from planbro.storage.lock import WriterLock
from planbro.storage.migrations import read_meta
from planbro.storage.paths import Layout

# The audit record's word for encryption turned on (audit.log.KEY_DETAILS).
TURNED_ON = "kryptering slået til"


class NotKept(Exception):
    """Raised by a `show` whose user did not keep the recovery key: turn_on then changes
    nothing (the key file is taken away again) and raises it on."""


class NoDailyWay(KeyProblem):
    """The key file would open only with the recovery key (the credential store refused
    it and no passphrase was given); nothing was changed."""


class Unfinished(OSError):
    """Sealing stopped on an OSError (a full disk, say) after the recovery key was shown:
    the folder is encrypted but not every file is sealed yet, which the next opening with
    `chain` finishes. Its errno, text and file are the OSError's."""

    def __init__(self, error: OSError, chain: KeyChain):
        super().__init__(error.errno, error.strerror, error.filename)
        self.chain = chain


@dataclass(frozen=True)
class TurnedOn:
    """What turn_on did: the keys (to open the store with), the plans sealed, the ways in,
    why the credential store was not set up ("" when it was), the files left as they
    were because they do not open (damaged already), and whether the audit log took its
    record (a log that cannot be written is reported by the log itself)."""

    chain: KeyChain
    plans: int
    ways: list[str]
    credential_store_skipped: str = ""
    unreadable: list[Path] = field(default_factory=list)
    logged: bool = True


@dataclass(frozen=True)
class RecoverySheet:
    """The recovery key as it is shown and printed: the grouped key, the day it was made,
    the data folder and the sheet's lines (crypto.recovery.sheet_text: title first)."""

    key: str
    made: date
    folder: Path
    lines: list[str]

    @classmethod
    def of(cls, made: Created, folder: str | Path, today: date | None = None) -> RecoverySheet:
        day = today or date.today()
        return cls(made.recovery_key, day, Path(folder),
                   sheet_text(made.recovery_key, folder, day, store_id=made.chain.store_id))

    def pdf(self) -> bytes:
        """The sheet as a one-page PDF/A, in memory: written to disk only where the user
        saves it."""
        from planbro.documents.recovery_sheet import recovery_sheet_pdf

        return recovery_sheet_pdf(self.lines)


def needs_turning_on(folder: str | Path) -> bool:
    """Whether the data folder `folder` is not encrypted: it has no key file, or the making
    of one was cut short (turn_on rolls that back and starts again)."""
    root = Path(folder)
    return not keyfile.exists(root) or migration_phase(root) == PHASE_KEYS


def meta_readable(folder: str | Path) -> bool:
    """Whether the data folder's meta.json reads (or is not there yet): one that does not is
    left as it is for the store's opening to name and repair, not sealed damaged."""
    try:
        read_meta(Layout(Path(folder)))
    except (StoreError, OSError):
        return False
    return True


def plans_in(folder: str | Path) -> int:
    """How many plans the data folder `folder` holds (case files; 0 for a new folder)."""
    cases = Layout(Path(folder)).cases
    if not cases.is_dir():
        return 0
    return sum(1 for p in cases.iterdir() if Layout.plan_id_of(p.name))


def needs_passphrase(environ: Mapping[str, str] | None = None) -> bool:
    """Whether a new key file needs a passphrase as its daily way in: this computer has no
    credential store, and PLANBRO_PASSPHRASE does not give one."""
    if (os.environ if environ is None else environ).get(PASSPHRASE_ENV):
        return False
    return not credstore.is_available()


def check_free(folder: str | Path) -> None:
    """StoreLocked when another Planbro holds the data folder `folder` (asking whether to
    encrypt it would be for nothing); StoreLocked too when it cannot be written."""
    layout = Layout(Path(folder))
    WriterLock(layout.lock, layout.root).release()


def _daily_way(made: Created) -> bool:
    return CREDENTIAL_STORE in made.ways or PASSPHRASE in made.ways


def turn_on(folder: str | Path, show: Callable[[Created], None], *, via: str,
            passphrase: str | None = None, use_credential_store: bool = True,
            require_daily_way: bool = False, kdf: Scrypt = DEFAULT) -> TurnedOn:
    """Encrypt the plaintext data folder `folder`, as its writer: its key file (this login's
    credential store, the recovery key, and `passphrase` or PLANBRO_PASSPHRASE when
    given), then show(made) — the recovery key, before any file is sealed — then every
    plan, backup and damaged copy sealed (storage.keying: crash-safe), then the audit
    record ("key", by `via`: "app" or "cli"), the log's head sealed with the new keys.

    Raises StoreLocked (another Planbro holds the folder), StoreError (it has its keys
    already, or a file of the wrong kind), BadPassphrase, NoDailyWay (with
    `require_daily_way`, when only the recovery key would open it), KeyProblem, and
    whatever `show` raises (NotKept): with each of these nothing was changed; OSError
    while the key file is made, with nothing changed either; Unfinished (an OSError) when
    sealing stopped, which the next opening with its keys finishes.
    """
    root = Path(folder)
    shown: list[Created] = []

    def make() -> Created:
        made = create(root, passphrase=passphrase, use_credential_store=use_credential_store,
                      kdf=kdf)
        if require_daily_way and not _daily_way(made):
            raise NoDailyWay(_("The credential store of this computer did not keep the key, so "
                               "only the recovery key would open the data folder {folder}; "
                               "nothing was changed.").format(folder=root))
        return made

    def show_then_seal(made: Created) -> None:
        show(made)
        shown.append(made)

    try:
        done = encrypt(root, make, lambda made: made.chain, show_then_seal)
    except OSError as error:
        if not shown:
            raise
        raise Unfinished(error, shown[0].chain) from error
    log = AuditLog(root)
    log.use_keys(done.made.chain)
    logged = log.record("key", None, via=via, detail=TURNED_ON)
    return TurnedOn(done.made.chain, done.plans, list(done.made.ways),
                    done.made.credential_store_skipped, list(done.resealed.unreadable), logged)
