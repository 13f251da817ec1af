"""Encryption at rest: sealed files, the data folder's keys and its recovery key.

sealing     AES-256-GCM envelopes bound to a file's role and plan id
lines       the same, one envelope per line, for append-only files (the index journal)
kdf         scrypt, from a passphrase or recovery key to a wrapping key
recovery    the recovery key on paper: groups, check characters, the sheet's text
credstore   the operating system's credential store through keyring
keyfile     keys.json: the wrapped keys and every way in
keys        create, unlock, status, rotate

Unlocking is planbro.crypto.keys (create, unlock, status, rotate); the
names below are what a writer of sealed files needs. It stands on fileio and translation only, so the store and the other core
packages can seal what they write. Nothing here reads a terminal.
"""

from planbro.crypto.lines import OpenedLines, open_lines, seal_line
from planbro.crypto.recovery import RecoveryKeyTypo
from planbro.crypto.sealing import DataKey, SealBroken, is_sealed, open_any, open_sealed, seal

__all__ = ["DataKey", "OpenedLines", "RecoveryKeyTypo", "SealBroken", "is_sealed", "open_any",
           "open_lines", "open_sealed", "seal", "seal_line"]
