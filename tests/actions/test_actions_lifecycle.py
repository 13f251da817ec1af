"""Signing, revising and closing: the signed-despite-fejl rule and the audit records."""

from __future__ import annotations

from datetime import date

import pytest
from actions_support import records

from planbro.storage import PlanFrozen, StoreError

from planbro.actions.lifecycle import (
    SignatureRefused,
    Signed,
    close_case,
    revise,
    sign,
    signature_errors,
)

# The day the tests judge the plans on.
TODAY = date(2026, 11, 20)


def test_a_clean_plan_is_signed_and_the_signature_recorded(store, stored):
    result = sign(store, stored.id, date(2026, 11, 19), today=TODAY)
    assert isinstance(result, Signed) and result.despite_errors is False
    assert result.plan.status == "signed"
    assert result.plan.signatures.citizen_signed == date(2026, 11, 19)
    assert store.get(stored.id).signatures.signed_despite_errors is False
    assert records(store)[-1] == ("sign", stored.id, 1, "app", "")


def test_only_fejl_stand_in_the_way_of_signing(thin, stored):
    errors = signature_errors(thin, TODAY)
    assert errors and {finding.severity for finding in errors} == {"fejl"}
    assert signature_errors(stored, TODAY) == []


def test_a_plan_with_fejl_is_not_signed_unless_anyway(store, thin):
    before = records(store)
    with pytest.raises(SignatureRefused) as refused:
        sign(store, thin.id, TODAY, today=TODAY)
    assert [f.rule for f in refused.value.errors] == [f.rule for f in signature_errors(thin, TODAY)]
    assert str(refused.value).startswith("• ")
    assert store.get(thin.id).status == "draft"
    assert records(store) == before


def test_signed_anyway_the_plan_and_the_log_say_despite_errors(store, thin):
    result = sign(store, thin.id, TODAY, anyway=True, today=TODAY)
    assert result.despite_errors and result.errors
    assert store.get(thin.id).signatures.signed_despite_errors is True
    assert records(store)[-1] == ("sign", thin.id, 1, "app", "trods fejl")


def test_anyway_on_a_clean_plan_records_no_errors(store, stored):
    result = sign(store, stored.id, TODAY, anyway=True, today=TODAY)
    assert result.despite_errors is False
    assert store.get(stored.id).signatures.signed_despite_errors is False


def test_a_signed_plan_cannot_be_signed_again(store, stored):
    sign(store, stored.id, TODAY, today=TODAY)
    with pytest.raises(PlanFrozen):
        sign(store, stored.id, TODAY, today=TODAY)


def test_revising_makes_a_new_draft_and_records_it(store, stored):
    sign(store, stored.id, TODAY, today=TODAY)
    draft = revise(store, stored.id)
    assert (draft.version, draft.status) == (2, "draft")
    assert store.get(stored.id, 1).status == "signed"
    assert records(store)[-1] == ("revise", stored.id, 2, "app", "")


def test_a_draft_is_not_revised(store, stored):
    with pytest.raises(StoreError):
        revise(store, stored.id)


def test_closing_the_case_freezes_it_and_records_it_once(store, stored):
    closed = close_case(store, stored.id)
    assert closed.status == "closed"
    assert records(store)[-1] == ("close", stored.id, 1, "app", "")
    count = len(records(store))
    assert close_case(store, stored.id).status == "closed"
    assert len(records(store)) == count


def test_a_draft_never_signed_is_deleted_and_the_delete_recorded(store, stored):
    from planbro.storage import PlanNotFound

    from planbro.actions.lifecycle import delete_draft

    assert delete_draft(store, stored.id) == 1
    with pytest.raises(PlanNotFound):
        store.get(stored.id)
    assert records(store)[-1] == ("delete", stored.id, 1, "app", "")


def test_a_signed_plan_is_never_deleted(store, stored):
    from planbro.actions.lifecycle import delete_draft

    sign(store, stored.id, date(2026, 11, 19), today=TODAY)
    with pytest.raises(PlanFrozen):
        delete_draft(store, stored.id)
    assert store.get(stored.id).status == "signed"
    assert records(store)[-1][0] == "sign"
