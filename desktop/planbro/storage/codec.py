"""How the store's files become bytes on disk: as they are, or sealed with the folder's keys.

┌──────────────────────────────────────────────────────────────────────────┐
│ Encryption is chosen per data folder: by its key file                    │
│                                                                          │
│ A data folder with keys.json (planbro.crypto.keyfile) is encrypted:      │
│ every file the store writes that holds plan data - case files and their  │
│ backups, meta.json, index.json, each line of index.journal - is sealed   │
│ (AES-256-GCM, planbro.crypto) before write_atomic, so even a temporary   │
│ file of an interrupted write holds only ciphertext. A backup is a link   │
│ or byte copy of a sealed file, so it opens as the file it backs up (the  │
│ role and plan id are the original's) and restoring it is a byte copy.   │
│ A folder without the key file is plaintext, exactly as before: Codec    │
│ PLAIN passes bytes through.                                              │
│                                                                          │
│ No downgrade: in an encrypted folder a plaintext file is refused as      │
│ damaged (someone put it there), except while a migration from plaintext  │
│ runs (its marker, MIGRATION_MARKER, is in the folder): then each file   │
│ may be either. While the marker says PHASE_KEYS no file is sealed yet:  │
│ the folder is read as plaintext, and its writer rolls the key file back │
│ (keying.py). And a plaintext folder whose meta.json is sealed has lost   │
│ its key file: it is refused, or new plans would be written in the clear  │
│ beside the sealed ones.                                                  │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import json
from pathlib import Path

from planbro.translation import _

from planbro.crypto import SealBroken, is_sealed, keyfile
from planbro.crypto.keys import PASSPHRASE_ENV, KeyChain
from planbro.crypto.lines import is_sealed_line, open_line, seal_line

from planbro.storage.errors import StoreCorrupt, StoreError

# The file a migration to encryption keeps in the data folder while it runs (keying.py).
MIGRATION_MARKER = "migration.json"
# The marker's format tag.
MARKER_FORMAT = "planbro-migration/1"
# The marker's phases: the key file is being made; the files are being sealed.
PHASE_KEYS, PHASE_SEALING = "keys", "sealing"
# Characters of a plan id (a canonical UUID) at the start of a case file's or its backup's name.
PLAN_ID_LENGTH = 36


class StoreKeyNeeded(StoreError):
    """The data folder is encrypted and no key was given to open it."""

    @classmethod
    def of(cls, folder: Path) -> StoreKeyNeeded:
        return cls(_("The data folder {folder} is encrypted, and Planbro has no key to open it. "
                     "Unlock it with the passphrase or the recovery key: set {env}, or run "
                     "planbro key unlock to let this login's credential store open it, or type "
                     "the recovery key when Planbro asks.").format(folder=folder,
                                                                   env=PASSPHRASE_ENV))


def _reason(error: SealBroken) -> str:
    """The short reason StoreCorrupt puts in its message (which names the file itself)."""
    if error.kind == "not-sealed":
        return _("it is not encrypted, but the data folder is")
    if error.kind == "newer":
        return _("it was encrypted by a newer Planbro")
    if error.kind == "other-key":
        return _("it was encrypted with another key than this data folder's")
    return _("it is damaged, or another file has been put in its place")


class Codec:
    """Seals and opens the store's files; `keys` None is a plaintext folder (identity)."""

    def __init__(self, keys: KeyChain | None = None, *, migrating: bool = False) -> None:
        self.keys = keys
        # While a migration runs, a file may still be plaintext.
        self.migrating = migrating

    @property
    def sealed(self) -> bool:
        return self.keys is not None

    def seal(self, role: str, plan_id: str, data: bytes) -> bytes:
        """`data` as it is written to disk."""
        return data if self.keys is None else self.keys.seal(role, plan_id, data)

    def open(self, role: str, plan_id: str, blob: bytes, path: Path) -> bytes:
        """What `blob`, read from `path`, holds; StoreCorrupt naming `path` when it does not
        open as a `role` file of `plan_id` with this folder's keys."""
        if self.keys is None:
            if is_sealed(blob):
                raise StoreCorrupt(path, _("it is encrypted, but the data folder has no key "
                                           "file (keys.json)"))
            return blob
        if self.migrating and not is_sealed(blob):
            return blob
        try:
            return self.keys.open(role, plan_id, blob, path=path)
        except SealBroken as error:
            raise StoreCorrupt(path, _reason(error)) from None

    def seal_line(self, role: str, data: bytes) -> bytes:
        """One line of an append-only file (the index journal), newline included."""
        if self.keys is None:
            return data + b"\n"
        return seal_line(self.keys.current, role, "", data)

    def open_line(self, role: str, line: bytes, path: Path) -> bytes | None:
        """What one complete line holds; None when it does not open (damage, a plaintext
        line in an encrypted folder)."""
        if self.keys is None:
            return line
        if self.migrating and not is_sealed_line(line):
            return line
        try:
            return open_line(self.keys.all_keys(), role, "", line, path=path)
        except SealBroken:
            return None


# The codec of a folder without a key file.
PLAIN = Codec()


def case_plan_id(path: Path) -> str:
    """The plan id a case file (or its backup, <id>.1.json) is sealed for, from its name."""
    return path.name[:PLAN_ID_LENGTH]


def migration_phase(data_dir: Path) -> str | None:
    """The phase of a migration to encryption under way in `data_dir`, None when none is.
    A marker that cannot be read counts as sealing (the keys are needed, both kinds of
    file are read): it is the phase in which no file can be lost."""
    try:
        marker = json.loads((Path(data_dir) / MIGRATION_MARKER).read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return PHASE_SEALING
    found = marker.get("phase") if isinstance(marker, dict) else None
    return PHASE_KEYS if found == PHASE_KEYS else PHASE_SEALING


def codec_for(folder: Path, keys: KeyChain | None) -> Codec:
    """The codec of the data folder `folder`: sealed when it has a key file (StoreKeyNeeded
    without `keys`), else PLAIN. StoreError for a folder whose key file is gone."""
    phase = migration_phase(folder)
    if keyfile.exists(folder) and phase != PHASE_KEYS:
        if keys is None:
            raise StoreKeyNeeded.of(folder)
        return Codec(keys, migrating=phase is not None)
    try:
        with open(folder / "meta.json", "rb") as handle:
            start = handle.read(16)
    except OSError:
        start = b""
    if is_sealed(start):
        raise StoreError(_("The data folder {folder} is encrypted, but its key file {path} is "
                           "missing. Planbro has not changed anything: put keys.json back from a "
                           "backup of the data folder, or ask your IT support.").format(
                               folder=folder, path=keyfile.key_path(folder)))
    return PLAIN
