"""Credential stores for tests: no test may write into the real one of the machine it runs on.

`no_credential_store()` puts keyring's fail backend in place (as on a server or in CI);
MemoryKeyring and BrokenKeyring stand in for a working and a misbehaving store. A child
process gets the fail backend through CHILD_ENV.
"""

from __future__ import annotations

import keyring
import keyring.backends.fail
from keyring.backend import KeyringBackend

# The environment that gives a child process keyring's fail backend.
CHILD_ENV = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


class MemoryKeyring(KeyringBackend):
    """A credential store in a dict, as a real one behaves for Planbro's use."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        self.secrets.pop((service, username), None)


class BrokenKeyring(MemoryKeyring):
    """A store that is there but fails every call (a locked collection, no D-Bus)."""

    def get_password(self, service, username):
        raise RuntimeError("org.freedesktop.DBus.Error.ServiceUnknown")

    def set_password(self, service, username, password):
        raise RuntimeError("org.freedesktop.DBus.Error.ServiceUnknown")


def no_credential_store() -> KeyringBackend:
    """Put the fail backend in place; the backend it replaced (to put back)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    return previous
