"""Calendar dates: the exchange format's one spelling, YYYY-MM-DD, and the
Danish ways a caseworker types and reads them (15-12-2026, 1.3.2027)."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime

# Only the plain ISO form; date.fromisoformat would also take "20270301"
# and week dates, which a person never means in a plan.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# Day, month, year as Danes write them: 15-12-2026, 15.12.2026, 15/12/2026,
# 1.3.2027, 15-12-26; the same separator twice, the year in 2 or 4 digits,
# ASCII digits only (\d alone would take Arabic-Indic digits too).
_DANISH_DATE = re.compile(r"(\d{1,2})([-./])(\d{1,2})\2(\d{2}|\d{4})", re.ASCII)
# A timestamp as the exchange format has it: 2026-11-02T10:40:00Z, or with a
# fraction of a second or an offset. Matched whole (fullmatch: "$" would let a
# trailing newline through), ASCII digits only.
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})",
                        re.ASCII)
# A two-digit year is read as 20YY. Plans hold offer dates, deadlines,
# follow-ups and consents, all in this century (birth dates come from the
# CPR number, never from a date field), so "26" means 2026, and "99" is
# 2099, not 1999; a date in the 1900s can still be typed with four digits.
_CENTURY = 2000


def parse_date(text: str) -> date:
    """Parse YYYY-MM-DD into a real calendar date; ValueError otherwise."""
    if not _ISO_DATE.fullmatch(text):
        raise ValueError("not in the form YYYY-MM-DD")
    return date.fromisoformat(text)


def parse_danish_date(text: str) -> date:
    """A date as a person types it: DD-MM-YYYY (or with . or /), a two-digit
    year, a day or month without its leading zero, or YYYY-MM-DD.

    Spaces around the text are ignored. ValueError when the text is not in
    one of these forms or names no real day (30-02-2027).
    """
    text = text.strip()
    if _ISO_DATE.fullmatch(text):
        return date.fromisoformat(text)
    match = _DANISH_DATE.fullmatch(text)
    if not match:
        raise ValueError("not in the form DD-MM-YYYY")
    day, _sep, month, year = match.groups()
    full_year = int(year) + (_CENTURY if len(year) == 2 else 0)
    return date(full_year, int(month), int(day))


def format_danish_date(value: date | None) -> str:
    """ "15-12-2026": the form the wizard shows; "" for no date."""
    return value.strftime("%d-%m-%Y") if value is not None else ""


def format_date(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def now_timestamp() -> str:
    """The current moment as ISO 8601 in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_timestamp(stamp: object) -> datetime | None:
    """The moment of an ISO 8601 timestamp as now_timestamp writes it
    (2026-11-02T10:40:00Z); None when there is none or it is not one."""
    if not isinstance(stamp, str):
        return None
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None


def is_timestamp(text: object) -> bool:
    """True for a real moment written as the exchange format has it (see _TIMESTAMP):
    2026-99-99T99:99:99Z, a trailing newline or Arabic-Indic digits are not."""
    if not isinstance(text, str) or not _TIMESTAMP.fullmatch(text):
        return False
    return parse_timestamp(text) is not None


def local_time(stamp: object) -> datetime | None:
    """parse_timestamp's moment in this computer's time zone, as people read it."""
    moment = parse_timestamp(stamp)
    return moment.astimezone() if moment is not None else None


def today() -> date:
    return date.today()


def add_months(start: date, months: int) -> date:
    """The same day `months` later; the month's last day when it is shorter.

    31 May + 9 months is 29 Feb in a leap year and 28 Feb otherwise.
    """
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))


def ends_before_start(end: object, start: object) -> bool:
    """The rule of every field marked "after" in the model (an end, an expiry):
    it may not lie before the date it follows. Either one missing is no breach."""
    return isinstance(end, date) and isinstance(start, date) and end < start
