"""Danish dates as documents print them: "1. marts 2027", "1. mar. 2027".

Explicit babel patterns, never the locale's "long" format, so the spelling
does not shift with a babel/CLDR upgrade.
"""

from __future__ import annotations

from datetime import date

from babel import Locale
from babel.dates import format_date

from planbro.model.dates import parse_timestamp

# Documents are always Danish, whatever the UI language is.
LOCALE = Locale.parse("da_DK")
# Running text and fields: day, month written out, year.
LONG_PATTERN = "d. MMMM y"
# Narrow table columns: abbreviated month ("1. dec. 2026").
SHORT_PATTERN = "d. MMM y"


def long_date(value: date | None, empty: str = "") -> str:
    """ "1. marts 2027"; `empty` when there is no date."""
    return format_date(value, LONG_PATTERN, locale=LOCALE) if value else empty


def short_date(value: date | None, empty: str = "") -> str:
    """ "1. mar. 2027"; `empty` when there is no date."""
    return format_date(value, SHORT_PATTERN, locale=LOCALE) if value else empty


def date_of_timestamp(stamp: str) -> date | None:
    """The calendar date of an ISO timestamp such as 2026-11-02T10:40:00Z."""
    moment = parse_timestamp(stamp)
    return moment.date() if moment is not None else None
