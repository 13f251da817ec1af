"""From a passphrase or a recovery key to a wrapping key: scrypt, memory-hard, parameters on file.

┌──────────────────────────────────────────────────────────────────────────┐
│ Why n = 2^16, r = 8, p = 1 (64 MiB)                                      │
│                                                                          │
│ A stolen laptop's key file can be attacked offline, one guess per        │
│ scrypt run; memory-hard costs make each guess as dear on a graphics card │
│ as here. On the 2-core development machine one unlock took 0.24 s at     │
│ 2^16 (0.19–0.35 s while other work ran), 0.48–0.60 s at 2^17, OWASP's  │
│ minimum for stored passwords. 2^16 keeps an unlock inside 0.2–0.5 s here │
│ and near a second on a slow laptop; the recovery key carries 140 random  │
│ bits and needs no stretching at all, and a passphrase has at least 12    │
│ characters (crypto.keys). The cost is paid only where no credential      │
│ store opens the folder (scripts, CI, a new profile): a caseworker on     │
│ Windows never waits for it. The parameters and the salt are written in   │
│ the key file beside each wrapped key, so a later Planbro may choose      │
│ dearer ones for new key files and still open old ones. Tests choose      │
│ cheaper ones by passing Scrypt explicitly (CHEAP_FOR_TESTS) — never      │
│ through the environment, so no setting can weaken a real key file.      │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass, replace
from typing import Any

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt as _Scrypt

# Bytes of a fresh salt.
SALT_BYTES = 16
# Bytes of the key derived (an AES-256 wrapping key).
DERIVED_BYTES = 32
# The bounds a key file's parameters must keep: a damaged or hostile file must
# not make Planbro ask for gigabytes or run for hours.
MAX_LOG2_N, MAX_R, MAX_P = 22, 32, 16


class KdfParametersBad(ValueError):
    """Parameters in a key file that are not scrypt's or out of bounds."""


@dataclass(frozen=True)
class Scrypt:
    """scrypt's cost parameters and salt (a fresh salt is drawn by with_fresh_salt)."""

    n: int = 2 ** 16
    r: int = 8
    p: int = 1
    salt: bytes = b""

    def with_fresh_salt(self) -> Scrypt:
        return replace(self, salt=os.urandom(SALT_BYTES))

    def derive(self, secret: bytes) -> bytes:
        if not self.salt:
            raise ValueError("scrypt needs a salt: call with_fresh_salt() first")
        return _Scrypt(salt=self.salt, length=DERIVED_BYTES, n=self.n, r=self.r,
                       p=self.p).derive(secret)

    def to_json(self) -> dict[str, Any]:
        return {"name": "scrypt", "n": self.n, "r": self.r, "p": self.p,
                "salt": base64.b64encode(self.salt).decode("ascii")}

    @classmethod
    def from_json(cls, value: object) -> Scrypt:
        """The parameters a key file records. Raises KdfParametersBad."""
        if not isinstance(value, dict) or value.get("name") != "scrypt":
            raise KdfParametersBad("not scrypt")
        n, r, p = value.get("n"), value.get("r"), value.get("p")
        if not all(isinstance(x, int) and not isinstance(x, bool) for x in (n, r, p)):
            raise KdfParametersBad("n, r and p must be whole numbers")
        assert isinstance(n, int) and isinstance(r, int) and isinstance(p, int)
        if n < 2 or n & (n - 1) or n > 2 ** MAX_LOG2_N or not 1 <= r <= MAX_R or not 1 <= p <= MAX_P:
            raise KdfParametersBad("scrypt parameters out of bounds")
        try:
            salt = base64.b64decode(str(value.get("salt", "")), validate=True)
        except ValueError:
            raise KdfParametersBad("the salt is not base64") from None
        if len(salt) < 8:
            raise KdfParametersBad("the salt is too short")
        return cls(n=n, r=r, p=p, salt=salt)


# The parameters of every new key file.
DEFAULT = Scrypt()
# What tests pass explicitly so a key file is made in milliseconds (never a default).
CHEAP_FOR_TESTS = Scrypt(n=2 ** 4, r=8, p=1)
