"""Sealed files: AES-256-GCM in a small self-describing envelope.

┌──────────────────────────────────────────────────────────────────────────┐
│ The envelope                                                             │
│                                                                          │
│   MAGIC (8) · FORMAT (1) · key id (8) · nonce (12) · ciphertext · tag(16)│
│                                                                          │
│ The nonce is 12 fresh bytes from os.urandom for every seal: with random  │
│ 96-bit nonces one key may seal billions of files before a repeat is      │
│ plausible, far beyond a caseworker's lifetime of saves. The associated   │
│ data is the header (so no byte of it can change) and the file's role     │
│ and plan id, each length-prefixed: a case file put in the place of       │
│ another plan's, an index put where a backup was, or a file from another  │
│ data folder (another key id) fails to open instead of being read as      │
│ something it is not. GCM cannot tell a damaged file from a swapped one;  │
│ the message says both. The key id is not secret: it lets a folder hold   │
│ files of two keys while a rotation runs (crypto.keys).                   │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from planbro.translation import _

# The first bytes of every sealed file: plaintext JSON never starts with them.
MAGIC = b"PLANBRO1"
# The envelope's layout version, the byte after MAGIC.
FORMAT = 1
# Bytes of a data key (AES-256).
KEY_BYTES = 32
# Bytes of a key id.
KEY_ID_BYTES = 8
# Bytes of a GCM nonce.
NONCE_BYTES = 12
# Bytes of a GCM tag.
TAG_BYTES = 16
# Bytes before the ciphertext.
HEADER_BYTES = len(MAGIC) + 1 + KEY_ID_BYTES + NONCE_BYTES
# What each sealed file is, bound into its associated data. A file sealed as
# one role opens only as that role ("queue" and "cache": the team store's saves and
# reads kept on the laptop while the server is away, storage/postgres/queue.py).
ROLES = frozenset({"case", "index", "journal", "backup", "resume", "meta", "document", "audit",
                   "queue", "cache"})


class SealBroken(Exception):
    """A sealed file that cannot be opened; str() is the message for the user.

    `kind` is "not-sealed", "newer", "other-key" or "damaged".
    """

    def __init__(self, message: str, *, kind: str, path: str | Path | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.path = path


class DataKey:
    """A 32-byte AES-256-GCM key and its id; the secret never shows in a repr or a log."""

    __slots__ = ("_aead", "key_id", "secret")

    def __init__(self, key_id: bytes, secret: bytes) -> None:
        if len(key_id) != KEY_ID_BYTES or len(secret) != KEY_BYTES:
            raise ValueError("a data key is 8 bytes of id and 32 bytes of key")
        self.key_id = key_id
        self.secret = secret
        self._aead = AESGCM(secret)

    @classmethod
    def new(cls) -> DataKey:
        return cls(os.urandom(KEY_ID_BYTES), AESGCM.generate_key(bit_length=256))

    @property
    def key_hex(self) -> str:
        return self.key_id.hex()

    def __repr__(self) -> str:
        return f"DataKey(key_id={self.key_hex})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DataKey) and (other.key_id, other.secret) == (self.key_id,
                                                                                 self.secret)

    def __hash__(self) -> int:
        return hash(self.key_id)


def _field(text: str) -> bytes:
    raw = text.encode("utf-8")
    if len(raw) > 0xFFFF:
        raise ValueError("an associated-data field is at most 65535 bytes")
    return len(raw).to_bytes(2, "big") + raw


def _associated(header: bytes, role: str, plan_id: str) -> bytes:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; one of {sorted(ROLES)}")
    return header + _field(role) + _field(plan_id)


def is_sealed(blob: bytes) -> bool:
    """Whether `blob` is a sealed file (else plaintext, e.g. a store not yet migrated)."""
    return blob[:len(MAGIC)] == MAGIC


def key_id_of(blob: bytes) -> bytes | None:
    """The id of the key that sealed `blob`, or None when it is no sealed file."""
    if not is_sealed(blob) or len(blob) < HEADER_BYTES:
        return None
    start = len(MAGIC) + 1
    return blob[start:start + KEY_ID_BYTES]


def seal(key: DataKey, role: str, plan_id: str, plaintext: bytes) -> bytes:
    """`plaintext` sealed by `key` as a file of `role` for plan `plan_id` ("" for none)."""
    nonce = os.urandom(NONCE_BYTES)
    header = MAGIC + bytes([FORMAT]) + key.key_id + nonce
    return header + key._aead.encrypt(nonce, plaintext, _associated(header, role, plan_id))


def _name(path: str | Path | None) -> str:
    return str(path) if path is not None else _("The encrypted data")


def check_envelope(blob: bytes, *, path: str | Path | None = None) -> None:
    """SealBroken unless `blob` is an envelope this Planbro reads (the tag is not checked)."""
    if not is_sealed(blob):
        raise SealBroken(_("{path} is not encrypted by Planbro, or its beginning is damaged. "
                           "Planbro has not changed it.").format(path=_name(path)),
                         kind="not-sealed", path=path)
    if len(blob) >= len(MAGIC) + 1 and blob[len(MAGIC)] > FORMAT:
        raise SealBroken(_("{path} was encrypted by a newer Planbro (format {format}). Update "
                           "Planbro to open it.").format(path=_name(path),
                                                         format=blob[len(MAGIC)]),
                         kind="newer", path=path)
    if len(blob) < HEADER_BYTES + TAG_BYTES or blob[len(MAGIC)] != FORMAT:
        raise _damaged(path)


def _damaged(path: str | Path | None) -> SealBroken:
    return SealBroken(_("{path} cannot be opened: it is damaged, or another file has been put in "
                        "its place. Planbro has not changed it.").format(path=_name(path)),
                      kind="damaged", path=path)


def other_key(blob: bytes, expected: str, *, path: str | Path | None = None) -> SealBroken:
    """The error for `blob`, sealed by a key this data folder does not hold."""
    found = key_id_of(blob)
    return SealBroken(_("{path} was encrypted with another key (key {found}) than this data "
                        "folder's (key {expected}); was it copied from another computer? Planbro "
                        "has not changed it.").format(
                            path=_name(path), found=found.hex() if found else "?",
                            expected=expected),
                      kind="other-key", path=path)


def open_sealed(key: DataKey, role: str, plan_id: str, blob: bytes, *,
                path: str | Path | None = None) -> bytes:
    """The plaintext `blob` was sealed from, checked to be a `role` file of `plan_id`.

    Raises SealBroken (naming `path` when given) for a file that is not
    sealed, was sealed by another key, is damaged, or belongs elsewhere.
    """
    check_envelope(blob, path=path)
    if key_id_of(blob) != key.key_id:
        raise other_key(blob, key.key_hex, path=path)
    header = blob[:HEADER_BYTES]
    nonce = header[-NONCE_BYTES:]
    try:
        return key._aead.decrypt(nonce, blob[HEADER_BYTES:], _associated(header, role, plan_id))
    except InvalidTag:
        raise _damaged(path) from None


def open_any(keys: DataKey | Iterable[DataKey], role: str, plan_id: str, blob: bytes, *,
             path: str | Path | None = None) -> bytes:
    """open_sealed with whichever of `keys` sealed `blob` (during a rotation a folder
    holds files of the old key and of the new). Raises SealBroken."""
    if isinstance(keys, DataKey):
        return open_sealed(keys, role, plan_id, blob, path=path)
    chain = list(keys)
    check_envelope(blob, path=path)
    wanted = key_id_of(blob)
    for key in chain:
        if key.key_id == wanted:
            return open_sealed(key, role, plan_id, blob, path=path)
    raise other_key(blob, chain[0].key_hex if chain else "?", path=path)
