"""The folkepension table by birth date, and month arithmetic."""

from __future__ import annotations

from datetime import date

import pytest

from planbro.model.dates import add_months

from planbro.quality.pension import pension_age, pension_age_text, pension_date


@pytest.mark.parametrize("born, age", [
    (date(1953, 12, 31), (65, 0)),
    (date(1954, 1, 1), (65, 6)),
    (date(1954, 7, 1), (66, 0)),
    (date(1955, 1, 1), (66, 6)),
    (date(1955, 6, 30), (66, 6)),
    (date(1955, 7, 1), (67, 0)),
    (date(1962, 12, 31), (67, 0)),
    (date(1963, 1, 1), (68, 0)),
    (date(1966, 12, 31), (68, 0)),
    (date(1967, 1, 1), (69, 0)),
    (date(1970, 12, 31), (69, 0)),
    (date(1971, 1, 1), (70, 0)),
    (date(2005, 5, 5), (70, 0)),
])
def test_pension_age_by_birth_date(born, age):
    assert pension_age(born) == age


def test_pension_date_and_text():
    assert pension_date(date(1960, 1, 10)) == date(2027, 1, 10)
    assert pension_date(date(1955, 3, 15)) == date(2021, 9, 15)
    assert pension_age_text(date(1955, 3, 15)) == "66½"
    assert pension_age_text(date(1979, 3, 12)) == "70"
    # Born on a leap day: the last day of February in a common year.
    assert pension_date(date(1964, 2, 29)) == date(2032, 2, 29)
    assert pension_date(date(1968, 2, 29)) == date(2037, 2, 28)


def test_add_months():
    assert add_months(date(2026, 12, 1), 9) == date(2027, 9, 1)
    assert add_months(date(2027, 5, 31), 9) == date(2028, 2, 29)
    assert add_months(date(2026, 5, 31), 9) == date(2027, 2, 28)
    assert add_months(date(2026, 1, 15), 12) == date(2027, 1, 15)
