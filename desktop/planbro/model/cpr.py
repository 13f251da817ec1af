"""CPR numbers: parse, normalise, mask and derive the birth date.

No modulus-11 check: since 2007 numbers without it are issued.
"""

from __future__ import annotations

import re
from datetime import date

# DDMMYY-SSSS, or the same ten digits without the hyphen; ASCII digits only
# (\d would take Arabic-Indic and fullwidth digits too, and int() reads them).
_CPR = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{2})-?([0-9]{4})")
# Anything that looks like a CPR number in a message, in any script's digits:
# ten digits, a hyphen or space allowed after the sixth, not inside a longer word
# or number (a UUID's groups never match).
_CPR_LIKE = re.compile(r"(?<!\w)\d{6}[-\s]?\d{4}(?!\w)")


def _century(year2: int, digit7: int) -> int:
    # The CPR office's table: the seventh digit and the two-digit year
    # together give the century of birth.
    if digit7 <= 3:
        return 1900
    if digit7 in (4, 9):
        return 2000 if year2 <= 36 else 1900
    return 2000 if year2 <= 57 else 1800


def parse_cpr(text: str) -> tuple[str, date]:
    """Return the normalised CPR (DDMMYY-SSSS) and the birth date.

    Raises ValueError with an English reason the caller translates.
    """
    match = _CPR.fullmatch(text.strip())
    if not match:
        raise ValueError("form")
    day, month, year2, serial = match.groups()
    year = _century(int(year2), int(serial[0])) + int(year2)
    try:
        born = date(year, int(month), int(day))
    except ValueError:
        raise ValueError("date") from None
    return f"{day}{month}{year2}-{serial}", born


def normalise_cpr(text: str) -> str:
    return parse_cpr(text)[0]


def birth_date(cpr: str) -> date | None:
    try:
        return parse_cpr(cpr)[1]
    except ValueError:
        return None


def mask_cpr(cpr: str) -> str:
    """The birth-date part only, as on a cover or a list: 120379-xxxx."""
    match = _CPR.fullmatch(cpr.strip())
    if not match:
        return ""
    day, month, year2, _serial = match.groups()
    return f"{day}{month}{year2}-xxxx"


def age_on(cpr: str, on: date) -> int | None:
    born = birth_date(cpr)
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def hide_cpr(text: str) -> str:
    """`text` with every CPR-looking number replaced by xxxxxx-xxxx, for messages
    that quote what a file or a person gave: a terminal never shows a CPR number."""
    return _CPR_LIKE.sub("xxxxxx-xxxx", text)
