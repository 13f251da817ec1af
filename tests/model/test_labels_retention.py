"""A closed case's status in lists (#11): journalised with its day, or said to be not
journalised (it then stays on this computer)."""

from datetime import date

from planbro.translation import set_language

from planbro.model.labels import date_label, listed_status_label


def test_a_closed_case_says_whether_it_is_journalised():
    assert listed_status_label("closed") == "afsluttet, ikke journaliseret"
    assert listed_status_label("closed", journalised=date(2026, 12, 1)) \
        == "journaliseret (1. dec. 2026)"
    assert listed_status_label("closed", journalised=date(2026, 12, 1), show=date_label) \
        == "journaliseret (01-12-2026)"
    # A declined offer's closed case is closed like any other.
    assert listed_status_label("closed", decision="declined") == "afsluttet, ikke journaliseret"


def test_open_cases_are_unchanged():
    assert listed_status_label("signed", journalised=date(2026, 12, 1)) == "underskrevet"
    assert listed_status_label("draft", 1) == "kladde · v1 underskrevet"


def test_in_english():
    set_language("en")
    assert listed_status_label("closed") == "closed, not journalised"
    assert listed_status_label("closed", journalised=date(2026, 12, 1)) == "journalised (1 Dec 2026)"
