"""The caseworker's own settings: who they are, their municipality, language.

Qt-free so the CLI and the documents can read them too. One JSON file in
the user's config folder (PLANBRO_CONFIG_DIR overrides it, for tests and
portable installs); written atomically so a crash never leaves half a file.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planbro.fileio.atomic import write_atomic
from planbro.fileio.private import make_private_dir

# Environment variable that moves the config folder (tests, portable use).
CONFIG_DIR_ENV = "PLANBRO_CONFIG_DIR"
# The settings file's name inside the config folder.
SETTINGS_FILE = "settings.json"
# Languages the UI can speak.
UI_LANGUAGES = ("da", "en")
# Days a journalised case stays on this computer by default (storage/retention.py).
DEFAULT_RETENTION_DAYS = 30
# The shortest and longest retention periods the settings take: a day to notice a
# case marked journalised by mistake, ten years at most.
MIN_RETENTION_DAYS, MAX_RETENTION_DAYS = 1, 3650


@dataclass
class UserSettings:
    caseworker_name: str = ""
    caseworker_unit: str = ""
    caseworker_phone: str = ""
    caseworker_email: str = ""
    municipality_name: str = ""
    # One line under the municipality's name in documents, e.g. the street address.
    municipality_address: str = ""
    # Path of the logo image for documents; "" when there is none.
    municipality_logo: str = ""
    language: str = "da"
    # The data folder; "" means the default (PLANBRO_DATA_DIR or the user's data folder).
    data_dir: str = ""
    # The folder the last file dialog saved in or opened from; "" until one has
    # (the dialogs then start in Documents). Files of older versions lack it.
    last_folder: str = ""
    # Days a closed case is kept on this computer after it was journalised in the
    # municipality's ESDH; then it is deleted (storage/retention.py).
    retention_days: int = DEFAULT_RETENTION_DAYS
    # The purpose (formål) chosen last in the caseload, where the next start begins
    # (planbro.audit.purposes); "" until one was chosen.
    last_purpose: str = ""
    # A revision's document ends with an appendix listing what changed since the signed
    # version it replaces (planbro.documents.changes), so the citizen sees it before signing.
    changes_appendix: bool = True
    # Where the plans are: "" for the data folder on this computer, else the team store's
    # address (postgresql://… or service=…), never with a password (PLANBRO_STORE wins).
    store: str = ""


def config_dir() -> Path:
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir
    return Path(user_config_dir("Planbro", appauthor=False))


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def _from_data(data: dict) -> UserSettings:
    known = {f.name for f in dataclasses.fields(UserSettings)}
    # Unknown keys (a newer Planbro's) are ignored; wrong types fall back to
    # the default rather than crash the start of the app.
    numbers = {"retention_days"}
    # The yes/no settings: true or false in the file, else the default.
    flags = {"changes_appendix"}
    values: dict[str, Any] = {key: value for key, value in data.items()
              if key in known - numbers - flags and isinstance(value, str)}
    values.update({key: value for key, value in data.items()
                   if key in flags and isinstance(value, bool)})
    settings = UserSettings(**values)
    days = data.get("retention_days")
    if isinstance(days, int) and not isinstance(days, bool) \
            and MIN_RETENTION_DAYS <= days <= MAX_RETENTION_DAYS:
        settings.retention_days = days
    if settings.language not in UI_LANGUAGES:
        settings.language = "da"
    return settings


def load_settings(path: str | Path | None = None) -> UserSettings | None:
    """The saved settings, or None on first start (no file, or an unreadable one)."""
    path = Path(path) if path is not None else settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        # A damaged file is treated as a first start: the dialog asks again
        # and the next save replaces it.
        return None
    if not isinstance(data, dict):
        return None
    return _from_data(data)


def save_settings(settings: UserSettings, path: str | Path | None = None) -> Path:
    """Write the settings atomically; returns the file written."""
    path = Path(path) if path is not None else settings_path()
    # Private: the settings name the caseworker.
    make_private_dir(path.parent)
    text = json.dumps(dataclasses.asdict(settings), ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, text)
    return path
