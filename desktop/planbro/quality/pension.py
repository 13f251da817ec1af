"""Folkepensionsalder from the birth date, and the youth age limit.

§ 141 covers citizens below state-pension age; for the young, the
homelessness strategy's youth model ("Vejen til uddannelse og
beskæftigelse") is meant for those under 25.
"""

from __future__ import annotations

from datetime import date

from planbro.model.dates import add_months

# Folkepensionsalder by birth date: (born on or before, years, months).
# Lov om social pension § 1 a: 65 for those born before 1954, then 65½,
# 66 and 66½ in half-year steps, 67 for 1 Jul 1955 - 31 Dec 1962, 68 for
# 1963-1966, 69 for 1967-1970, and 70 for those born after 31 Dec 1970
# (adopted by Folketinget on 22 May 2025). The age is reviewed every 5 years
# with 15 years' notice (next in 2030): add a row when a change is adopted.
PENSION_AGES: tuple[tuple[date, int, int], ...] = (
    (date(1953, 12, 31), 65, 0),
    (date(1954, 6, 30), 65, 6),
    (date(1954, 12, 31), 66, 0),
    (date(1955, 6, 30), 66, 6),
    (date(1962, 12, 31), 67, 0),
    (date(1966, 12, 31), 68, 0),
    (date(1970, 12, 31), 69, 0),
    (date.max, 70, 0),
)

# Below this age the youth model is suggested (Hjemløsestrategien's ungeprojekt).
YOUTH_AGE_LIMIT = 25


def pension_age(born: date) -> tuple[int, int]:
    """(years, months) of folkepensionsalder for someone born on `born`."""
    for last_born, years, months in PENSION_AGES:
        if born <= last_born:
            return years, months
    raise AssertionError("PENSION_AGES ends with date.max")


def pension_date(born: date) -> date:
    """The day the citizen reaches folkepensionsalder."""
    years, months = pension_age(born)
    return add_months(born, years * 12 + months)


def pension_age_text(born: date) -> str:
    """The age as a person writes it: "67" or "66½"."""
    years, months = pension_age(born)
    return f"{years}½" if months == 6 else str(years)
