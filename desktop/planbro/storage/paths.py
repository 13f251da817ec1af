"""Where Planbro keeps its data, and the names of the files inside that folder.

File names hold only a plan's random id (a UUID), never a name or a CPR
number: the folder listing of a caseworker's laptop must reveal nothing.
"""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from planbro.fileio.failures import write_failure
from planbro.fileio.private import make_private_dir
from planbro.translation import _

from planbro.crypto.keys import KeyChain

from planbro.storage.codec import PLAIN, Codec, codec_for
from planbro.storage.errors import StoreError

# Environment variable that points Planbro at another data folder.
DATA_DIR_ENV = "PLANBRO_DATA_DIR"
# The application's folder name under the user's data folder (%LOCALAPPDATA% on Windows).
APP_NAME = "Planbro"
# Suffix of a case file: one TinyDB file per plan holding all its versions.
CASE_SUFFIX = ".json"
# A case file's name: the plan id as a canonical UUID, then the suffix. A
# pattern, not uuid.UUID(), because opening a folder checks every name.
_CASE_NAME = re.compile(
    r"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})" + re.escape(CASE_SUFFIX) + "$")


def default_data_dir(override: str | Path | None = None) -> Path:
    """--data-dir, else $PLANBRO_DATA_DIR, else the user's data folder; created if missing."""
    chosen = override or os.environ.get(DATA_DIR_ENV) or platformdirs.user_data_dir(
        APP_NAME, appauthor=False)
    folder = Path(chosen).expanduser()
    if folder.exists() and not folder.is_dir():
        raise StoreError(_("The data folder {folder} is a file, not a folder. Planbro has not "
                           "changed it: choose another data folder or move the file "
                           "elsewhere.").format(folder=folder))
    try:
        make_private_dir(folder)
    except OSError as error:
        raise StoreError(_("The data folder {folder} cannot be created: {error}").format(
            folder=folder, error=write_failure(error, folder.parent))) from None
    return folder


def is_plan_id(text: str) -> bool:
    """True for a UUID in its canonical lower-case form, the only form used in file names."""
    try:
        return str(uuid.UUID(text)) == text
    except (ValueError, TypeError, AttributeError):
        return False


def check_plan_id(plan_id: str) -> str:
    if not is_plan_id(plan_id):
        raise StoreError(_("«{id}» is not a valid plan id (a UUID such as "
                           "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31).").format(id=plan_id))
    return plan_id


@dataclass(frozen=True)
class Layout:
    """The files of one data folder, and how they are written (codec.py: sealed or not)."""

    root: Path
    codec: Codec = field(default=PLAIN, compare=False)

    @property
    def cases(self) -> Path:
        return self.root / "cases"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def damaged(self) -> Path:
        # Unreadable files are copied here before a backup is restored over them.
        return self.root / "damaged"

    @property
    def meta(self) -> Path:
        return self.root / "meta.json"

    @property
    def lock(self) -> Path:
        return self.root / "planbro.lock"

    @property
    def index(self) -> Path:
        return self.root / "index.json"

    @property
    def journal(self) -> Path:
        return self.root / "index.journal"

    def case(self, plan_id: str) -> Path:
        return self.cases / f"{check_plan_id(plan_id)}{CASE_SUFFIX}"

    @staticmethod
    def plan_id_of(name: str) -> str | None:
        """The plan id of a case file name, or None for any other file."""
        match = _CASE_NAME.match(name)
        return match.group(1) if match else None


def layout_of(folder: Path, keys: KeyChain | None = None) -> Layout:
    """The Layout of the data folder `folder`, sealed with `keys` when it has a key file.
    Raises StoreKeyNeeded (codec.py) when it has one and `keys` is None."""
    return Layout(folder, codec_for(folder, keys))
