"""What both front ends read before a use case: the data folder, the municipality, Indstillinger,
the purposes (formål) the audit log records.

The desktop app and the `planbro` command read the same Indstillinger
(planbro.settings), so the command opens the data folder the app shows and
prints the municipality and logo the app prints. A logo chosen in
Indstillinger is copied into the data folder when the settings are saved:
moving or deleting the original file must not take it off the documents.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path

from planbro.fileio.atomic import write_atomic

from planbro.model import Problem, ValidationError

from planbro.audit import all_purposes, purpose_problem
from planbro.documents import Municipality, load_municipality
from planbro.documents.municipality import Source
from planbro.quality import DEFAULT_POLICY, Policy
from planbro.settings import UserSettings, save_settings
from planbro.storage import default_data_dir

from planbro.actions.documents import municipality_of

log = logging.getLogger(__name__)

# The folder inside the data folder that keeps the municipality's logo.
LOGO_FOLDER = "kommune"
# The kept logo's name, before its own suffix (.png, .jpg).
LOGO_NAME = "logo"


def data_folder(explicit: str | Path | None = None, settings: UserSettings | None = None) -> Path:
    """The data folder to open: --data-dir, else Indstillinger's, else $PLANBRO_DATA_DIR,
    else the user's data folder. Raises StoreError when it cannot be made."""
    chosen = explicit or (settings.data_dir if settings else None) or None
    return default_data_dir(chosen)


def municipality(settings: UserSettings | None, override: str | Path | None = None) -> Municipality:
    """The municipality the documents carry: `override` (a --municipality file) when
    given, else Indstillinger's, else the shipped defaults. Raises ValidationError
    naming the field (a logo that cannot be read, say)."""
    if override:
        return load_municipality(override)
    return load_municipality(municipality_of(settings))


def purposes(source: Source = None) -> tuple[str, ...]:
    """The purposes a caseworker may choose, the default first: the built-in ones, then
    the municipality's own from the installation's municipality.toml (or `source`).
    Raises ValidationError naming a municipality's word that is not a purpose's shape."""
    extra = load_municipality(source).purposes
    problems = [Problem(f"purposes[{number}]", reason) for number, word in enumerate(extra)
                if (reason := purpose_problem(word)) is not None]
    if problems:
        raise ValidationError(problems)
    return all_purposes(extra)


def keep_logo(source: str, folder: Path) -> str:
    """A copy of the logo file `source` inside data folder `folder`; its path.

    "" stays "" (no logo); a logo already kept there is left as it is.
    Raises OSError when the file cannot be read or the copy written.
    """
    if not source.strip():
        return ""
    original = Path(source).expanduser()
    target_folder = folder / LOGO_FOLDER
    if original.parent.resolve() == target_folder.resolve():
        return str(original)
    data = original.read_bytes()
    target_folder.mkdir(parents=True, exist_ok=True)
    target = target_folder / (LOGO_NAME + original.suffix.lower())
    write_atomic(target, data)
    return str(target)


def save_user_settings(settings: UserSettings, folder: Path,
                       save: Callable[[UserSettings], object] = save_settings) -> UserSettings:
    """Save Indstillinger; the logo is copied into the data folder in use, `folder`,
    first. Returns what was saved (its logo path is the copy's). Raises OSError
    (nothing saved then)."""
    kept = keep_logo(settings.municipality_logo, folder)
    saved = dataclasses.replace(settings, municipality_logo=kept)
    save(saved)
    return saved


def quality_policy(source: Source = None) -> Policy:
    """What the municipality decided for the quality check (plan_start_days), from the
    installation's municipality.toml (or `source`). A file that cannot be read gives the
    defaults: the check must run, and the documents name the file's mistake."""
    try:
        place = load_municipality(source)
    except ValidationError as error:
        log.warning("municipality settings not read for the quality check: %s", error)
        return DEFAULT_POLICY
    return Policy(plan_start_days=place.plan_start_days)
