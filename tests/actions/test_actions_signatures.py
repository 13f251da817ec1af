"""Marking as signed records the citizen's and the caseworker's day apart, or that
the citizen does not wish to sign, with a note (#9.9)."""

from __future__ import annotations

from datetime import date

import pytest
from actions_support import records

from planbro.actions.lifecycle import (
    SignatureAnswer,
    SignatureInvalid,
    sign,
    signature_problems,
)

# The day the tests judge the plans on.
TODAY = date(2026, 11, 20)


def test_the_citizen_and_the_caseworker_sign_on_days_of_their_own(store, stored):
    # The citizen signed at the meeting at the forsorgshjem; the caseworker back at the office.
    answer = SignatureAnswer(caseworker=date(2026, 11, 19), citizen=date(2026, 11, 17))
    plan = sign(store, stored.id, answer, today=TODAY).plan
    kept = store.get(stored.id).signatures
    assert plan.signatures == kept
    assert (kept.citizen_signed, kept.caseworker_signed) == (date(2026, 11, 17), date(2026, 11, 19))
    assert kept.citizen_declined is False and kept.citizen_declined_note == ""
    assert kept.signed_on() == date(2026, 11, 19)
    assert records(store)[-1] == ("sign", stored.id, 1, "app", "")


def test_the_citizen_does_not_wish_to_sign_and_the_note_says_why(store, stored):
    answer = SignatureAnswer(caseworker=date(2026, 11, 19), citizen_declines=True,
                             note="  Jonas vil ikke skrive under på papirer, men er enig i planen. ")
    sign(store, stored.id, answer, today=TODAY)
    kept = store.get(stored.id)
    assert kept.status == "signed"
    assert kept.signatures.citizen_declined is True
    assert kept.signatures.citizen_declined_note == (
        "Jonas vil ikke skrive under på papirer, men er enig i planen.")
    # No citizen's date: the citizen did not sign.
    assert kept.signatures.citizen_signed is None
    assert kept.signatures.caseworker_signed == date(2026, 11, 19)
    assert kept.signatures.signed_on() == date(2026, 11, 19)


def test_a_date_alone_means_both_signed_that_day(store, stored):
    sign(store, stored.id, date(2026, 11, 18), today=TODAY)
    kept = store.get(stored.id).signatures
    assert kept.citizen_signed == kept.caseworker_signed == date(2026, 11, 18)


@pytest.mark.parametrize("answer, field, words", [
    (SignatureAnswer(None, TODAY), "caseworker", "sagsbehandleren"),
    (SignatureAnswer(date(2026, 11, 21), TODAY), "caseworker", "fremtiden"),
    (SignatureAnswer(TODAY, date(2026, 12, 1)), "citizen", "fremtiden"),
    (SignatureAnswer(TODAY, None), "citizen", "ikke ønsker at underskrive"),
    (SignatureAnswer(TODAY, None, citizen_declines=True, note="  "), "note", "hvorfor"),
])
def test_a_wrong_answer_is_refused_by_its_field_and_nothing_is_signed(
        store, stored, answer, field, words):
    [problem] = signature_problems(answer, TODAY)
    assert problem.field == field and words in problem.reason
    before = records(store)
    with pytest.raises(SignatureInvalid) as refused:
        sign(store, stored.id, answer, today=TODAY)
    assert refused.value.problems == [problem]
    assert store.get(stored.id).status == "draft"
    assert records(store) == before


def test_a_day_for_the_citizen_who_declines_is_not_recorded(store, stored):
    # The dialog greys the citizen's date out when the box is ticked; a day sent anyway is dropped.
    answer = SignatureAnswer(TODAY, date(2026, 11, 19), citizen_declines=True, note="Vil ikke")
    sign(store, stored.id, answer, today=TODAY)
    assert store.get(stored.id).signatures.citizen_signed is None


def test_an_old_plan_file_without_the_new_keys_still_reads(example_path):
    import json

    from planbro.exchange import plan_from_data

    data = json.loads(example_path.read_text(encoding="utf-8"))
    del data["signatures"]["citizen_declined"], data["signatures"]["citizen_declined_note"]
    plan = plan_from_data(data)
    assert plan.signatures.citizen_declined is False and plan.signatures.citizen_declined_note == ""
