"""Calendar dates in the exchange format's one spelling, YYYY-MM-DD."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

# Only the plain ISO form; date.fromisoformat would also take "20270301"
# and week dates, which a person never means in a plan.
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str) -> date:
    """Parse YYYY-MM-DD into a real calendar date; ValueError otherwise."""
    if not _ISO_DATE.match(text):
        raise ValueError("not in the form YYYY-MM-DD")
    return date.fromisoformat(text)


def format_date(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def now_timestamp() -> str:
    """The current moment as ISO 8601 in UTC, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def today() -> date:
    return date.today()
