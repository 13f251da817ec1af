"""The data folder's keys: made once, unlocked at every start, rotated when needed.

┌──────────────────────────────────────────────────────────────────────────┐
│ How Planbro gets in (unlock), in this order                              │
│                                                                          │
│ 1. the credential store of the user's login (asks nothing);             │
│ 2. PLANBRO_PASSPHRASE from the environment (scripts, tests, CI);         │
│ 3. a passphrase or recovery key the caller passes (typed by the user).   │
│                                                                          │
│ A text that has the shape of a recovery key is tried as one first, and   │
│ a typo in it is told by group; else as the passphrase. Nothing here      │
│ reads a terminal: the command asks, and only when stdin is one.          │
│ Whoever writes keys.json (create, rotate, a new way in) holds the        │
│ store's writer lock: that is the caller's job, the store's lock lives    │
│ above this layer.                                                        │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from planbro.fileio.private import make_private_dir
from planbro.translation import _

from planbro.crypto import credstore, keyfile
from planbro.crypto.kdf import DEFAULT, Scrypt
from planbro.crypto.keyfile import CREDENTIAL_STORE, PASSPHRASE, RECOVERY, KeyFile, KeyProblem, Way
from planbro.crypto.recovery import RecoveryKeyTypo, looks_like_recovery_key, new_recovery_key, secret_of
from planbro.crypto.sealing import KEY_BYTES, DataKey, open_any, seal

log = logging.getLogger(__name__)

# The environment variable that creates or unlocks a data folder without a terminal.
PASSPHRASE_ENV = "PLANBRO_PASSPHRASE"
# The shortest passphrase accepted: a key file can be attacked offline, and
# scrypt multiplies the cost of each guess, not the number of guesses.
MIN_PASSPHRASE = 12
# How unlock() names the way it used (KeyChain.way).
FROM_CREDENTIAL_STORE, FROM_ENVIRONMENT, FROM_ARGUMENT = "credential-store", "environment", "argument"


class NoKeyFile(KeyProblem):
    """The data folder has no key file."""


class KeyFileExists(KeyProblem):
    """create() found a key file already."""


class WrongSecret(KeyProblem):
    """A passphrase or recovery key that does not fit."""


class NoWayIn(KeyProblem):
    """Nothing at hand can unlock the data folder."""


class BadPassphrase(KeyProblem):
    """A passphrase refused before anything is written (too short)."""


@dataclass
class KeyChain:
    """An unlocked data folder: the current data key, older ones while a rotation is
    unfinished, and how it was opened."""

    store_id: str
    current: DataKey
    retiring: tuple[DataKey, ...] = ()
    way: str = ""
    # Kept to add ways in and to rotate; never shown.
    store_key: bytes = field(default=b"", repr=False)

    def all_keys(self) -> list[DataKey]:
        return [self.current, *self.retiring]

    def seal(self, role: str, plan_id: str, plaintext: bytes) -> bytes:
        return seal(self.current, role, plan_id, plaintext)

    def open(self, role: str, plan_id: str, blob: bytes, *, path: str | Path | None = None) -> bytes:
        """open_sealed with whichever key of the chain sealed `blob`; raises SealBroken."""
        return open_any(self.all_keys(), role, plan_id, blob, path=path)


@dataclass
class Created:
    """What create() made: the chain, the recovery key (shown once) and the ways in."""

    chain: KeyChain
    recovery_key: str
    ways: list[str]
    # Why the credential store was not set up ("" when it was).
    credential_store_skipped: str = ""


@dataclass
class KeyStatus:
    """What a data folder's key file says, without unlocking it."""

    path: Path
    exists: bool
    store_id: str = ""
    key_id: str = ""
    created: str = ""
    ways: list[str] = field(default_factory=list)
    # "ready", "missing" (set up, but this login's store lacks it), "not-set-up", "none".
    credential_store: str = "not-set-up"
    rotation_pending: bool = False


def _env(environ: Mapping[str, str] | None) -> str:
    return (os.environ if environ is None else environ).get(PASSPHRASE_ENV, "")


def check_passphrase(passphrase: str, *, source: str) -> None:
    """BadPassphrase naming `source` (the variable or the field) when it is too short."""
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise BadPassphrase(_("{source}: the passphrase must have at least {count} characters; "
                              "nothing was written.").format(source=source, count=MIN_PASSPHRASE))


def _derived_way(kind: str, secret: bytes, store_key: bytes, store_id: str, kdf: Scrypt) -> Way:
    salted = kdf.with_fresh_salt()
    return Way(kind, keyfile.wrap_store_key(salted.derive(secret), store_key, store_id, kind),
               salted)


def _credential_way(store_key: bytes, store_id: str) -> Way:
    """A new secret in this login's credential store and the way it opens. Raises
    credstore.Unavailable."""
    secret = os.urandom(KEY_BYTES)
    credstore.put(store_id, secret)
    return Way(CREDENTIAL_STORE, keyfile.wrap_store_key(secret, store_key, store_id,
                                                        CREDENTIAL_STORE))


def create(data_dir: str | Path, *, passphrase: str | None = None,
           environ: Mapping[str, str] | None = None, use_credential_store: bool = True,
           kdf: Scrypt = DEFAULT) -> Created:
    """Make the key file of `data_dir`: a data key, a store key, a recovery key, and the
    ways in (credential store where there is one, a passphrase when given or in
    PLANBRO_PASSPHRASE). Raises KeyFileExists, BadPassphrase, KeyProblem, OSError;
    nothing is written when it raises."""
    folder = Path(data_dir)
    if keyfile.exists(folder):
        raise KeyFileExists(_("{path} exists already: this data folder has its keys. Planbro has "
                              "not changed it.").format(path=keyfile.key_path(folder)))
    source = _("the passphrase")
    if passphrase is None and _env(environ):
        passphrase, source = _env(environ), PASSPHRASE_ENV
    if passphrase is not None:
        check_passphrase(passphrase, source=source)
    store_id, store_key, data_key = os.urandom(8).hex(), os.urandom(KEY_BYTES), DataKey.new()
    recovery_key = new_recovery_key()
    file = KeyFile(store_id, datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                   {data_key.key_hex: keyfile.wrap_data_key(store_key, data_key, store_id)})
    file.set_way(_derived_way(RECOVERY, secret_of(recovery_key), store_key, store_id, kdf))
    if passphrase is not None:
        file.set_way(_derived_way(PASSPHRASE, passphrase.encode("utf-8"), store_key, store_id, kdf))
    skipped = ""
    if not use_credential_store:
        skipped = _("not asked for")
    else:
        try:
            file.set_way(_credential_way(store_key, store_id))
        except credstore.Unavailable as error:
            log.info("key file made without the credential store: %s", error)
            skipped = _("this computer has no credential store")
    make_private_dir(folder)
    try:
        keyfile.write(folder, file)
    except BaseException:
        if file.way(CREDENTIAL_STORE) is not None:
            credstore.forget(store_id)
        raise
    chain = KeyChain(store_id, data_key, way=FROM_ARGUMENT, store_key=store_key)
    return Created(chain, recovery_key, [w.kind for w in file.ways], skipped)


def _read(folder: Path) -> KeyFile:
    file = keyfile.read(folder)
    if file is None:
        raise NoKeyFile(_("There is no key file in {folder}: the data folder is not prepared for "
                          "encryption. planbro key create makes one.").format(folder=folder))
    return file


def _chain(folder: Path, file: KeyFile, store_key: bytes, way: str) -> KeyChain:
    keys = keyfile.data_keys(store_key, file, keyfile.key_path(folder))
    return KeyChain(file.store_id, keys[0], tuple(keys[1:]), way, store_key)


def _from_credential_store(file: KeyFile) -> bytes | None:
    way = file.way(CREDENTIAL_STORE)
    if way is None:
        return None
    try:
        secret = credstore.get(file.store_id)
    except credstore.Unavailable as error:
        log.info("credential store not usable: %s", error)
        return None
    if secret is None:
        return None
    return keyfile.unwrap_store_key(secret, file, way)


def _from_secret(file: KeyFile, text: str) -> bytes | None:
    """The store key `text` opens, None when it opens nothing. Raises RecoveryKeyTypo
    when nothing opens and `text` is shaped like a recovery key but holds a typo."""
    attempts: list[tuple[str, bytes]] = []
    typo: RecoveryKeyTypo | None = None
    if looks_like_recovery_key(text):
        try:
            attempts.append((RECOVERY, secret_of(text)))
        except RecoveryKeyTypo as error:
            typo = error
    attempts.append((PASSPHRASE, text.encode("utf-8")))
    for kind, secret in attempts:
        way = file.way(kind)
        if way is None or way.kdf is None:
            continue
        store_key = keyfile.unwrap_store_key(way.kdf.derive(secret), file, way)
        if store_key is not None:
            return store_key
    if typo is not None:
        raise typo
    return None


def unlock(data_dir: str | Path, passphrase: str | None = None, *,
           environ: Mapping[str, str] | None = None,
           use_credential_store: bool = True) -> KeyChain:
    """The unlocked keys of `data_dir`: from the credential store, else
    PLANBRO_PASSPHRASE, else `passphrase` (a passphrase or the recovery key).

    Raises NoKeyFile, KeyFileDamaged, WrongSecret, NoWayIn (each with a
    Danish message); nothing is written.
    """
    folder = Path(data_dir)
    file = _read(folder)
    if use_credential_store:
        store_key = _from_credential_store(file)
        if store_key is not None:
            return _chain(folder, file, store_key, FROM_CREDENTIAL_STORE)
    tried = []
    for text, way, name in ((_env(environ), FROM_ENVIRONMENT, PASSPHRASE_ENV),
                            (passphrase or "", FROM_ARGUMENT, _("the key typed"))):
        if not text:
            continue
        try:
            store_key = _from_secret(file, text)
        except RecoveryKeyTypo as error:
            raise WrongSecret(f"{PASSPHRASE_ENV}: {error}" if way == FROM_ENVIRONMENT
                              else str(error)) from None
        if store_key is not None:
            return _chain(folder, file, store_key, way)
        tried.append(name)
    if tried:
        raise WrongSecret(_("{path} does not open with {tried}: that is neither its passphrase nor "
                            "its recovery key. Nothing was changed.").format(
                                path=keyfile.key_path(folder), tried=_(" or ").join(tried)))
    raise NoWayIn(_("The data folder {folder} is protected by a key, and nothing here opens it: "
                    "no credential store of this login holds it. Set {env} to the passphrase or "
                    "the recovery key, or type the recovery key: planbro key unlock.").format(
                        folder=folder, env=PASSPHRASE_ENV))


def status(data_dir: str | Path) -> KeyStatus:
    """What the key file of `data_dir` says. Raises KeyFileDamaged."""
    folder = Path(data_dir)
    file = keyfile.read(folder)
    result = KeyStatus(keyfile.key_path(folder), file is not None)
    if file is None:
        result.credential_store = "not-set-up" if credstore.is_available() else "none"
        return result
    result.store_id, result.key_id, result.created = file.store_id, file.key_id, file.created
    result.ways = [w.kind for w in file.ways]
    result.rotation_pending = len(file.data_keys) > 1
    if not credstore.is_available():
        result.credential_store = "none"
    elif file.way(CREDENTIAL_STORE) is None:
        result.credential_store = "not-set-up"
    else:
        result.credential_store = "ready" if _from_credential_store(file) else "missing"
    return result


def remember_here(data_dir: str | Path, chain: KeyChain) -> None:
    """Let this login's credential store open `data_dir` from now on (after unlocking
    with the recovery key on a new profile, say). Raises credstore.Unavailable,
    KeyProblem, OSError."""
    folder = Path(data_dir)
    file = _read(folder)
    old = file.way(CREDENTIAL_STORE)
    file.set_way(_credential_way(chain.store_key, file.store_id))
    try:
        keyfile.write(folder, file)
    except BaseException:
        if old is None:
            credstore.forget(file.store_id)
        raise


def replace_recovery_key(data_dir: str | Path, chain: KeyChain, *, kdf: Scrypt = DEFAULT) -> str:
    """A new recovery key for `data_dir` (the old one stops working); shown once.
    Raises KeyProblem, OSError."""
    folder = Path(data_dir)
    file = _read(folder)
    recovery_key = new_recovery_key()
    file.set_way(_derived_way(RECOVERY, secret_of(recovery_key), chain.store_key, file.store_id,
                              kdf))
    keyfile.write(folder, file)
    return recovery_key


# Re-seals every file of the data folder with chain.current (opening each with
# chain.open, which knows the retiring keys); raises to leave the rotation pending.
Reencrypt = Callable[[KeyChain], None]


def rotate(data_dir: str | Path, chain: KeyChain, reencrypt: Reencrypt) -> KeyChain:
    """A new data key for `data_dir`; `reencrypt` re-seals the files with it.

    Crash-safe in three steps: keys.json gets the new key as current and
    keeps the old ones (so every file opens, whichever key sealed it); then
    `reencrypt` runs; then the old keys are dropped. A crash or an error in
    between leaves the rotation pending (KeyChain.retiring, KeyStatus.
    rotation_pending): finish_rotation() runs the last two steps again.
    The ways in are unchanged: the recovery sheet stays valid.
    """
    folder = Path(data_dir)
    file = _read(folder)
    new = DataKey.new()
    file.data_keys = {new.key_hex: keyfile.wrap_data_key(chain.store_key, new, file.store_id),
                      **file.data_keys}
    keyfile.write(folder, file)
    rotating = KeyChain(file.store_id, new, tuple(chain.all_keys()), chain.way, chain.store_key)
    return finish_rotation(folder, rotating, reencrypt)


def finish_rotation(data_dir: str | Path, chain: KeyChain, reencrypt: Reencrypt) -> KeyChain:
    """Re-seal with `reencrypt` and drop the retiring keys; a chain with none is returned
    as it is."""
    if not chain.retiring:
        return chain
    folder = Path(data_dir)
    reencrypt(chain)
    file = _read(folder)
    file.data_keys = {chain.current.key_hex: file.data_keys[chain.current.key_hex]}
    keyfile.write(folder, file)
    return KeyChain(chain.store_id, chain.current, (), chain.way, chain.store_key)
