"""Shared constants of the UI tests (imported by conftest and the tests)."""

from datetime import date

# The day the UI tests pretend it is, so overdue marking does not drift.
TODAY = date(2027, 3, 15)
