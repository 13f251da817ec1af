"""The municipality a document is printed for: name, address line, logo.

It also holds the municipality's own purposes (formål) for the audit log,
beyond the built-in ones (planbro.audit.purposes checks each word's shape).

Defaults ship in templates/municipality.toml (with templates/logo.png);
the UI passes the user's own settings as a dict or a .toml/.json file,
whose keys replace the defaults one by one.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from planbro.translation import _

from planbro.model.problems import Problem, ValidationError
from planbro.model.text import clean_text

# The shipped defaults in package planbro.templates.
DEFAULT_FILE = "municipality.toml"
# Keys a settings file may hold.
KEYS = ("name", "address", "logo", "purposes", "plan_start_days")
# The default, fewest and most days within which a § 142 plan should be started after
# the boform's notification (serviceloven sets no period: the municipality does).
PLAN_START_DAYS, MIN_PLAN_START_DAYS, MAX_PLAN_START_DAYS = 14, 1, 365
# Image formats python-docx and reportlab both read, by their magic bytes.
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


@dataclass(frozen=True)
class Municipality:
    name: str
    address: str = ""
    # The logo file's bytes (PNG or JPEG), or None for no logo.
    logo: bytes | None = None
    # The municipality's own purposes for the audit log, as written in its file.
    purposes: tuple[str, ...] = ()
    # Days after the boform's notification within which a § 142 plan should be started.
    plan_start_days: int = PLAN_START_DAYS


# What load_municipality() takes: see there.
Source = str | Path | Mapping[str, Any] | Municipality | None


def _problem(field: str, reason: str) -> ValidationError:
    return ValidationError([Problem(field, reason)])


def _read_logo(value: Any, folder: Path | None, field: str) -> bytes | None:
    if value in (None, ""):
        return None
    if isinstance(value, bytes):
        data = value
    elif isinstance(value, (str, Path)):
        path = Path(value)
        if not path.is_absolute() and folder is not None:
            path = folder / path
        try:
            data = path.read_bytes()
        except OSError:
            raise _problem(field, _("the logo file {path} cannot be read").format(path=path)) from None
    else:
        raise _problem(field, _("must be the path of a PNG or JPEG file"))
    if not data.startswith(_IMAGE_MAGIC):
        raise _problem(field, _("the logo must be a PNG or JPEG image"))
    return data


def _from_mapping(values: Mapping[str, Any], base: Municipality, folder: Path | None,
                  where: str) -> Municipality:
    unknown = sorted(set(values) - set(KEYS))
    if unknown:
        raise ValidationError([Problem(f"{where}{key}", _("unknown field; check the spelling"))
                               for key in unknown])
    texts = {"name": base.name, "address": base.address}
    logo = base.logo
    if values.get("name") and values["name"] != base.name:
        # Another municipality: the example's address and emblem are not its own.
        texts["address"], logo = "", None
    for key in ("name", "address"):
        if key in values:
            if not isinstance(values[key], str):
                raise _problem(f"{where}{key}", _("must be text"))
            texts[key] = " ".join(clean_text(values[key]).split())
    if not texts["name"]:
        raise _problem(f"{where}name", _("must not be empty"))
    if "logo" in values:
        logo = _read_logo(values["logo"], folder, f"{where}logo")
    purposes = base.purposes
    if "purposes" in values:
        purposes = _read_purposes(values["purposes"], f"{where}purposes")
    days = base.plan_start_days
    if "plan_start_days" in values:
        days = _read_days(values["plan_start_days"], f"{where}plan_start_days")
    return Municipality(name=texts["name"], address=texts["address"], logo=logo,
                        purposes=purposes, plan_start_days=days)


def _read_days(value: Any, field: str) -> int:
    if (not isinstance(value, int) or isinstance(value, bool)
            or not MIN_PLAN_START_DAYS <= value <= MAX_PLAN_START_DAYS):
        raise _problem(field, _("must be a whole number of days from {low} to {high}").format(
            low=MIN_PLAN_START_DAYS, high=MAX_PLAN_START_DAYS))
    return value


def _read_purposes(value: Any, field: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(word, str) for word in value):
        raise _problem(field, _("must be a list of words, e.g. [\"borgerrådgiver\"]"))
    return tuple(" ".join(word.split()) for word in value)


def _read_file(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError:
        raise _problem(str(path), _("the file does not exist")) from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(raw.decode("utf-8-sig"))
        else:
            data = tomllib.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise _problem(str(path), _("cannot be read: {error}").format(error=error)) from None
    if not isinstance(data, dict):
        raise _problem(str(path), _("must hold the fields name, address and logo"))
    return data


@cache
def default_municipality() -> Municipality:
    folder = resources.files("planbro.templates")
    with resources.as_file(folder / DEFAULT_FILE) as path:
        data = _read_file(Path(path))
        return _from_mapping(data, Municipality(name=""), Path(path).parent, "")


def load_municipality(source: Source = None) -> Municipality:
    """The municipality settings: defaults, overridden by `source`.

    `source` is None (defaults), a dict with any of name/address/logo (logo:
    a path or the image bytes), or the path of a .toml/.json file holding
    them. A source naming another municipality starts from no address and
    no logo, so the example's never appear under a real name. Raises
    ValidationError naming the field.
    """
    if isinstance(source, Municipality):
        return source
    base = default_municipality()
    if source is None:
        return base
    if isinstance(source, Mapping):
        return _from_mapping(source, base, None, "")
    path = Path(source)
    return _from_mapping(_read_file(path), base, path.parent, f"{path}: ")
