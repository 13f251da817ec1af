"""Keys derived from a data folder's store key for one purpose each, and MACs under them.

┌──────────────────────────────────────────────────────────────────────────┐
│ Why from the store key, not the data key                                 │
│                                                                          │
│ The audit log's head MAC and the seal of an audit record that waits to   │
│ be written must still check after the data key is rotated (crypto.keys   │
│ .rotate): a head or a waiting record is not re-encrypted by a rotation.  │
│ The store key stays the same for the folder's life, and HKDF-SHA256 with │
│ a label per purpose (`info`) makes one independent key per use, so a MAC │
│ key is never also a sealing key and neither reveals the store key.       │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from planbro.crypto.sealing import KEY_BYTES, KEY_ID_BYTES, DataKey


def derive(store_key: bytes, info: bytes) -> bytes:
    """A 32-byte key for the purpose `info`, derived from `store_key` by HKDF-SHA256."""
    if not store_key:
        raise ValueError("a derived key needs the store key")
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=info).derive(store_key)


def sealing_key(store_key: bytes, info: bytes) -> DataKey:
    """A DataKey for crypto.sealing derived for `info`; its id is the key's hash's head, so
    a file it sealed names it and one sealed by another key is told apart."""
    secret = derive(store_key, info)
    return DataKey(hashlib.sha256(b"key id\0" + secret).digest()[:KEY_ID_BYTES], secret)


def mac(key: bytes, data: bytes) -> str:
    """HMAC-SHA256 of `data` under `key`, as hex."""
    tag = hmac.HMAC(key, hashes.SHA256())
    tag.update(data)
    return tag.finalize().hex()


def mac_matches(key: bytes, data: bytes, tag_hex: object) -> bool:
    """Whether `tag_hex` is the MAC of `data` under `key` (compared in constant time)."""
    if not isinstance(tag_hex, str):
        return False
    try:
        tag = bytes.fromhex(tag_hex)
    except ValueError:
        return False
    check = hmac.HMAC(key, hashes.SHA256())
    check.update(data)
    try:
        check.verify(tag)
    except InvalidSignature:
        return False
    return True
