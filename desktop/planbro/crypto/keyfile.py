"""keys.json: the data folder's key file — the data keys, wrapped, and every way in to them.

┌──────────────────────────────────────────────────────────────────────────┐
│ Two layers of keys                                                       │
│                                                                          │
│ Files are sealed by a data key. The data key is wrapped (AES-256-GCM) by │
│ a store key, and the store key is wrapped once per way in: by the        │
│ credential store's secret, by scrypt of the recovery key, by scrypt of a │
│ passphrase. So rotating the data key needs none of the ways in again     │
│ and the recovery sheet in IT's cupboard stays valid, while a new         │
│ recovery key or passphrase re-wraps only the store key. Each wrapping    │
│ binds, as associated data, the file's format, the store id, what it      │
│ wraps and its kind, so no wrapped value can be moved to another place.   │
│                                                                          │
│ The file is small and everything hangs on it: it is written whole       │
│ (write_atomic, mode 0600) twice, first as keys.copy.json then as         │
│ keys.json, and read from the copy when keys.json is damaged.             │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from planbro.fileio.atomic import write_atomic
from planbro.fileio.private import private
from planbro.translation import _

from planbro.crypto.kdf import KdfParametersBad, Scrypt
from planbro.crypto.sealing import KEY_BYTES, KEY_ID_BYTES, NONCE_BYTES, DataKey

# The key file's name in the data folder.
KEY_FILE = "keys.json"
# Its second copy, written first and read when KEY_FILE is damaged.
KEY_COPY = "keys.copy.json"
# The format tag of the key file.
FORMAT = "planbro-keys/1"
# The ways in: the credential store's secret, the recovery key, a passphrase.
CREDENTIAL_STORE, RECOVERY, PASSPHRASE = "credential-store", "recovery", "passphrase"
# The ways in that go through scrypt.
DERIVED_WAYS = (RECOVERY, PASSPHRASE)


class KeyProblem(Exception):
    """Something about the key file or a way in; str() is the message for the user."""


class KeyFileDamaged(KeyProblem):
    """The key file (and its copy) cannot be read."""


@dataclass
class Way:
    """One way in: `wrapped` is the store key sealed by this way's wrapping key."""

    kind: str
    wrapped: bytes
    kdf: Scrypt | None = None


@dataclass
class KeyFile:
    """What keys.json holds; `data_keys` maps key id (hex) to the wrapped data key,
    the current key first."""

    store_id: str
    created: str
    data_keys: dict[str, bytes]
    ways: list[Way] = field(default_factory=list)

    @property
    def key_id(self) -> str:
        return next(iter(self.data_keys))

    def way(self, kind: str) -> Way | None:
        return next((w for w in self.ways if w.kind == kind), None)

    def set_way(self, way: Way) -> None:
        self.ways = [w for w in self.ways if w.kind != way.kind] + [way]


def _aad(store_id: str, what: str, name: str) -> bytes:
    return "\0".join((FORMAT, store_id, what, name)).encode("utf-8")


def _wrap(key: bytes, secret: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, secret, aad)


def _unwrap(key: bytes, wrapped: bytes, aad: bytes) -> bytes | None:
    try:
        return AESGCM(key).decrypt(wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:], aad)
    except (InvalidTag, ValueError):
        return None


def wrap_store_key(wrapping_key: bytes, store_key: bytes, store_id: str, kind: str) -> bytes:
    return _wrap(wrapping_key, store_key, _aad(store_id, "way", kind))


def unwrap_store_key(wrapping_key: bytes, file: KeyFile, way: Way) -> bytes | None:
    """The store key `way` wraps, or None when `wrapping_key` is not this way's."""
    return _unwrap(wrapping_key, way.wrapped, _aad(file.store_id, "way", way.kind))


def wrap_data_key(store_key: bytes, key: DataKey, store_id: str) -> bytes:
    return _wrap(store_key, key.secret, _aad(store_id, "data", key.key_hex))


def data_keys(store_key: bytes, file: KeyFile, path: Path) -> list[DataKey]:
    """Every data key in `file`, the current one first. Raises KeyFileDamaged."""
    keys = []
    for key_hex, wrapped in file.data_keys.items():
        secret = _unwrap(store_key, wrapped, _aad(file.store_id, "data", key_hex))
        if secret is None or len(secret) != KEY_BYTES:
            raise KeyFileDamaged(_("{path} is damaged: the data key {key_id} in it cannot be "
                                   "unwrapped. Planbro has not changed it.").format(
                                       path=path, key_id=key_hex))
        keys.append(DataKey(bytes.fromhex(key_hex), secret))
    return keys


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def to_json(file: KeyFile) -> dict[str, Any]:
    ways: list[dict[str, Any]] = []
    for way in file.ways:
        entry: dict[str, Any] = {"kind": way.kind, "wrapped": _b64(way.wrapped)}
        if way.kdf is not None:
            entry["kdf"] = way.kdf.to_json()
        ways.append(entry)
    return {"format": FORMAT, "store_id": file.store_id, "created": file.created,
            "key_id": file.key_id,
            "data_keys": [{"key_id": k, "wrapped": _b64(v)} for k, v in file.data_keys.items()],
            "ways": ways}


def from_json(value: object) -> KeyFile:
    """A KeyFile from parsed JSON. Raises ValueError saying what is wrong (for the log)."""
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        raise ValueError(f"not {FORMAT}")
    store_id, created = value.get("store_id"), value.get("created", "")
    if not isinstance(store_id, str) or not store_id or not isinstance(created, str):
        raise ValueError("no store id")
    keys: dict[str, bytes] = {}
    for entry in value.get("data_keys") or []:
        key_hex = entry.get("key_id") if isinstance(entry, dict) else None
        if not isinstance(key_hex, str) or len(bytes.fromhex(key_hex)) != KEY_ID_BYTES:
            raise ValueError("a data key without a proper id")
        keys[key_hex] = base64.b64decode(str(entry.get("wrapped", "")), validate=True)
    if not keys or value.get("key_id") != next(iter(keys)):
        raise ValueError("no current data key")
    ways = []
    for entry in value.get("ways") or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("kind"), str):
            raise ValueError("a way in without a kind")
        kdf = Scrypt.from_json(entry["kdf"]) if entry["kind"] in DERIVED_WAYS else None
        ways.append(Way(entry["kind"], base64.b64decode(str(entry.get("wrapped", "")),
                                                        validate=True), kdf))
    return KeyFile(store_id, created, keys, ways)


def key_path(data_dir: str | Path) -> Path:
    return Path(data_dir) / KEY_FILE


def exists(data_dir: str | Path) -> bool:
    folder = Path(data_dir)
    return (folder / KEY_FILE).exists() or (folder / KEY_COPY).exists()


def read(data_dir: str | Path) -> KeyFile | None:
    """The key file of `data_dir`, None when there is none. Raises KeyFileDamaged
    when neither keys.json nor its copy can be read."""
    folder = Path(data_dir)
    path = folder / KEY_FILE
    reason = ""
    for candidate in (path, folder / KEY_COPY):
        try:
            return from_json(json.loads(candidate.read_bytes().decode("utf-8")))
        except FileNotFoundError:
            continue
        except (OSError, ValueError, KdfParametersBad, binascii.Error, AttributeError,
                TypeError) as error:
            reason = reason or str(error) or type(error).__name__
    if not reason:
        return None
    raise KeyFileDamaged(_("The key file {path} cannot be read ({reason}), nor its copy {copy}. "
                           "Planbro has not changed them; ask your IT support to put back a "
                           "backup of the data folder.").format(path=path, reason=reason,
                                                                copy=folder / KEY_COPY))


def write(data_dir: str | Path, file: KeyFile) -> None:
    """Write the key file whole, the copy first. Raises OSError."""
    folder = Path(data_dir)
    data = json.dumps(to_json(file), indent=2).encode("utf-8") + b"\n"
    for name in (KEY_COPY, KEY_FILE):
        write_atomic(folder / name, data)
        private(folder / name)
