"""A summary made from an index row is the summary __init__ makes of the same fields."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from planbro.storage.summary import PlanSummary, summary_from_row

# An index row (summary.ROW_FIELDS): every field set, dates as ISO text.
ROW = ["p-1", 3, "draft", "Borger A", "120379-xxxx", "sel-141-2", "declined",
       "2026-01-02T10:00:00Z", "2026-02-03T11:00:00Z", "2026-06-01", 3, 2, "2026-01-20",
       "2026-01-02", "2026-07-01", None, {"f": "facts"}, 1796282850832280576, 8700]


def test_a_row_gives_the_summary_init_gives():
    made = summary_from_row(ROW)
    expected = PlanSummary("p-1", 3, "draft", "Borger A", "120379-xxxx", "sel-141-2",
                           "declined", "2026-01-02T10:00:00Z", "2026-02-03T11:00:00Z",
                           date(2026, 6, 1), 3, 2, date(2026, 1, 20), date(2026, 1, 2),
                           date(2026, 7, 1), None, overview={"f": "facts"})
    assert made == expected
    assert dataclasses.asdict(made) == dataclasses.asdict(expected)
    assert (made.caseworker, made.unit, made.quality) == ("", "", None)
    # Still frozen, and its properties work.
    assert made.offer_again_due and made.reminder == date(2026, 7, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.status = "signed"  # type: ignore[misc]


def test_every_field_is_set():
    # A field added to PlanSummary must be given a value from the row here too.
    made = summary_from_row(ROW)
    assert set(vars(made)) == {item.name for item in dataclasses.fields(PlanSummary)}


def test_the_team_store_s_summary_carries_its_caseworker_and_unit():
    made = summary_from_row(ROW, caseworker="Mette Holm", unit="Team Nord")
    assert (made.caseworker, made.unit) == ("Mette Holm", "Team Nord")
    assert made == PlanSummary(**{**vars(summary_from_row(ROW)), "caseworker": "Mette Holm",
                                  "unit": "Team Nord"})
