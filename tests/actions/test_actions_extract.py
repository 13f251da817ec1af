"""The access request extract of a plan deleted from the store (planbro.actions.extract): found
by its records in the log, which outlive it; none found is told in Danish."""

from __future__ import annotations

import copy
import re
from datetime import date, timedelta

import pytest
from actions_support import records
from pypdf import PdfReader

from planbro.model.dates import local_time

from planbro.audit import AuditLog
from planbro.storage import PlanNotFound, PlanStore

from planbro.actions.extract import GonePlan, NoRecords, save_extract, subject_of


def purged(store, plan) -> None:
    """Close, journalise 40 days ago and purge `plan`, as planbro purge does."""
    store.close_case(plan.id)
    store.journalise(plan.id, date.today() - timedelta(days=40))
    store.purge(plan.id, date.today(), 30)


def test_a_purged_plan_is_found_by_its_records(store, stored):
    purged(store, stored)
    with pytest.raises(PlanNotFound):
        store.get(stored.id)
    log = AuditLog(store.data_dir)
    gone = subject_of(store, log, stored.id[:8].upper())
    assert isinstance(gone, GonePlan) and gone.id == stored.id
    assert gone.deleted.action == "purge"
    [purge] = [r for r in log.read().records if r["action"] == "purge"]
    assert gone.deleted.on == local_time(purge["at"]).date()
    assert gone.version == purge["version"]


def test_a_deleted_draft_is_found_too(store, stored):
    store.delete_draft(stored.id)
    gone = subject_of(store, AuditLog(store.data_dir), stored.id)
    assert isinstance(gone, GonePlan) and gone.deleted.action == "delete"


def test_a_plan_in_the_store_is_the_plan(store, stored):
    plan = subject_of(store, AuditLog(store.data_dir), stored.id[:6])
    assert plan.id == stored.id and plan.citizen.name == stored.citizen.name


@pytest.mark.parametrize("asked, said", [
    ("ffffffff", "Der findes ingen plan med id'et «ffffffff», og logbogen har ingen"),
    ("3f2", "mindst 4 tegn")])
def test_no_records_is_said_in_danish(store, stored, asked, said):
    with pytest.raises(NoRecords, match=said):
        subject_of(store, AuditLog(store.data_dir), asked)


def test_a_prefix_of_two_stored_plans_stays_ambiguous_when_the_log_knows_one(
        example_plan, tmp_path):
    folder = tmp_path / "two"
    quiet, logged = copy.deepcopy(example_plan), copy.deepcopy(example_plan)
    quiet.id = "aaaa1111-2222-4333-8444-555555555555"
    logged.id = "aaaa2222-2222-4333-8444-555555555555"
    # Stored without a log (as before the log existed): no record names it.
    with PlanStore(folder) as unlogged:
        unlogged.put(quiet)
    with PlanStore(folder, audit=AuditLog(folder), via="app") as store:
        store.put(logged)
        with pytest.raises(PlanNotFound, match="passer på 2 planer"):
            subject_of(store, AuditLog(folder), "aaaa")


def test_the_extract_of_a_purged_plan_lists_its_records_and_is_recorded(store, stored, trail,
                                                                        tmp_path):
    purged(store, stored)
    log = AuditLog(store.data_dir)
    gone = subject_of(store, log, stored.id)
    saved = save_extract(gone, tmp_path / "x.pdf", log=log, trail=trail)
    text = "\n".join(page.extract_text() for page in PdfReader(str(saved.path)).pages)
    # Without the hyphens of words hyphenated at a line's end (#13).
    squeezed = "".join(re.sub(r"(?<=[^\W\d_])-\n(?=[^\W\d_])", "", text).split())
    for words in ("Planen er slettet fra Planbro den", "efter journalisering",
                  "Handleplanen blev slettet fra computeren efter journaliseringen",
                  "Sagen blev afsluttet", stored.id):
        assert "".join(words.split()) in squeezed, words
    assert stored.citizen.name.split()[0] not in text
    assert records(store)[-1] == ("extract", stored.id, gone.version, "app", "pdf")
