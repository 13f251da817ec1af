"""The legal references behind the documents' fixed wording, as data a municipality edits.

templates/legal.toml records which consolidated act (and its date) the wording
of the documents was checked against, which paragraphs were checked and which
are only referred to, and the line every plan document prints small in its page
footer. It is read as templates/municipality.toml is: the shipped file, or the
municipality's own copy named by PLANBRO_LEGAL (as PLANBRO_FORMS names its own
wizard.yaml); a mistake is refused in Danish, naming the file and the field.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from planbro.translation import _

from planbro.model.problems import Problem, ValidationError
from planbro.model.text import clean_text

# The shipped references in package planbro.templates.
DEFAULT_FILE = "legal.toml"
# Points at a municipality's own legal.toml instead of the shipped one.
LEGAL_ENV = "PLANBRO_LEGAL"
# The keys of the file, and of each [[acts]] table with whether it is a list of texts.
KEYS = ("footer", "acts")
ACT_KEYS = {"name": False, "consolidated": False, "source": False, "checked_on": False,
            "amended_by": True, "checked": True, "referred_only": True}
# The longest footer line: it must fit on one line of the page footer.
FOOTER_CHARS = 160


@dataclass(frozen=True)
class Act:
    name: str
    # "lovbekendtgørelse nr. 1089 af 16. august 2023"; empty when not checked.
    consolidated: str = ""
    amended_by: tuple[str, ...] = ()
    source: str = ""
    # The day the wording was checked against it (ISO date, as written in the file).
    checked_on: str = ""
    # Paragraphs checked against the consolidated text; those only referred to.
    checked: tuple[str, ...] = ()
    referred_only: tuple[str, ...] = ()


@dataclass(frozen=True)
class LegalReferences:
    # Printed small in every page footer of a plan document.
    footer: str
    acts: tuple[Act, ...] = ()


def _problem(where: str, reason: str) -> ValidationError:
    return ValidationError([Problem(where, reason)])


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise _problem(where, _("must be text"))
    return " ".join(clean_text(value).split())


def _act(raw: Any, where: str) -> Act:
    if not isinstance(raw, dict):
        raise _problem(where, _("must be {kind}").format(kind=_("an object")))
    unknown = sorted(set(raw) - set(ACT_KEYS))
    if unknown:
        raise ValidationError([Problem(f"{where}.{key}", _("unknown field; check the spelling"))
                               for key in unknown])
    values: dict[str, Any] = {}
    for key, is_list in ACT_KEYS.items():
        if key not in raw:
            continue
        if is_list:
            if not isinstance(raw[key], list):
                raise _problem(f"{where}.{key}", _("must be {kind}").format(kind=_("a list")))
            values[key] = tuple(_text(v, f"{where}.{key}[{i}]") for i, v in enumerate(raw[key]))
        else:
            values[key] = _text(raw[key], f"{where}.{key}")
    if not values.get("name"):
        raise _problem(f"{where}.name", _("must not be empty"))
    return Act(**values)


def parse_legal(data: dict[str, Any], where: str = "") -> LegalReferences:
    """The references in `data` (a read legal.toml); `where` prefixes the fields named."""
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ValidationError([Problem(f"{where}{key}", _("unknown field; check the spelling"))
                               for key in unknown])
    footer = _text(data.get("footer", ""), f"{where}footer")
    if not footer:
        raise _problem(f"{where}footer", _("must not be empty"))
    if len(footer) > FOOTER_CHARS:
        raise _problem(f"{where}footer", _("must be at most {maximum}").format(maximum=FOOTER_CHARS))
    acts = data.get("acts", [])
    if not isinstance(acts, list):
        raise _problem(f"{where}acts", _("must be {kind}").format(kind=_("a list")))
    return LegalReferences(footer, tuple(_act(a, f"{where}acts[{i}]") for i, a in enumerate(acts)))


def _read(path: Path, where: str) -> LegalReferences:
    try:
        raw = path.read_bytes()
    except OSError:
        raise _problem(str(path), _("the file does not exist")) from None
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise _problem(str(path), _("cannot be read: {error}").format(error=error)) from None
    return parse_legal(data, where)


@cache
def default_legal() -> LegalReferences:
    """The shipped references, read once."""
    with resources.as_file(resources.files("planbro.templates") / DEFAULT_FILE) as path:
        return _read(Path(path), "")


def load_legal(path: str | Path | None = None) -> LegalReferences:
    """The references in use: `path`, else $PLANBRO_LEGAL, else the shipped file.
    Raises ValidationError naming the file and the field."""
    chosen = path or os.environ.get(LEGAL_ENV) or None
    if chosen is None:
        return default_legal()
    return _read(Path(chosen), f"{chosen}: ")
