"""The operating system's credential store, through `keyring`: the way in that asks nothing.

┌──────────────────────────────────────────────────────────────────────────┐
│ What is kept there, and why a wrapping key rather than the data key      │
│                                                                          │
│ Under service "Planbro" and the key file's random store id (never a      │
│ name), one secret: 32 random bytes in base64 that wrap the store key in  │
│ keys.json, like a passphrase does but without scrypt. On Windows         │
│ keyring's backend is the Credential Manager, whose secrets DPAPI binds   │
│ to the user's login; on a Linux desktop it is the Secret Service, on a   │
│ Mac the Keychain. Alone the secret opens nothing: it needs keys.json,    │
│ and keys.json needs it (or the recovery key) — so copying the data       │
│ folder to another profile copies no way in.                              │
│                                                                          │
│ A machine without a store (a server, CI, this development box) has       │
│ keyring's fail or null backend; then this way is skipped and the state   │
│ says so. Backends raise what they like (a locked collection, a missing   │
│ D-Bus): any error here means "not available", never a crash, because a   │
│ passphrase or the recovery key still opens the folder.                   │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import base64
import binascii
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

# The service name Planbro's secrets are kept under.
SERVICE = "Planbro"


class Unavailable(Exception):
    """The credential store cannot be used here; the message is for the log, not the user."""


def backend() -> KeyringBackend | None:
    """keyring's chosen backend, or None where it is one that stores nothing.

    keyring is imported here, not at the top: importing it and finding its
    backend costs some 100 ms, which a start that needs no key must not pay.
    """
    import keyring
    import keyring.backends.fail
    import keyring.backends.null

    try:
        chosen = keyring.get_keyring()
    except Exception as error:
        log.info("no credential store: %s", error)
        return None
    if isinstance(chosen, (keyring.backends.fail.Keyring, keyring.backends.null.Keyring)):
        return None
    if getattr(chosen, "backends", None) == []:
        # A chainer with nothing to chain is no store either.
        return None
    return chosen


def is_available() -> bool:
    """Whether this computer has a credential store keyring can use."""
    return backend() is not None


def put(store_id: str, secret: bytes) -> None:
    """Keep `secret` under `store_id`. Raises Unavailable."""
    chosen = backend()
    if chosen is None:
        raise Unavailable("no credential store")
    try:
        chosen.set_password(SERVICE, store_id, base64.b64encode(secret).decode("ascii"))
    except Exception as error:
        raise Unavailable(f"{type(error).__name__}: {error}") from None


def get(store_id: str) -> bytes | None:
    """The secret kept under `store_id`, None when there is none. Raises Unavailable."""
    chosen = backend()
    if chosen is None:
        raise Unavailable("no credential store")
    try:
        text = chosen.get_password(SERVICE, store_id)
    except Exception as error:
        raise Unavailable(f"{type(error).__name__}: {error}") from None
    if text is None:
        return None
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        log.warning("the credential store's secret for this data folder is not base64")
        return None


def forget(store_id: str) -> None:
    """Remove the secret under `store_id`, if any; a store that refuses is logged."""
    chosen = backend()
    if chosen is None:
        return
    try:
        chosen.delete_password(SERVICE, store_id)
    except Exception as error:
        log.info("credential store: could not remove a secret: %s", error)
