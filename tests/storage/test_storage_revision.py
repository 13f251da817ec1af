"""A revision keeps what the citizen did not change and says which signed version it
replaces; the index knows a signed version lies under a draft (#9.8)."""

from __future__ import annotations

import json
from datetime import date

from planbro.model import Replaces

from planbro.storage import PlanStore, index
from planbro.storage.paths import Layout


def test_a_revision_keeps_the_place_and_the_content_and_names_what_it_replaces(store, new_plan):
    plan = store.save(new_plan())
    assert plan.signatures.place == "Forsorgshjemmet Skovbrynet"
    store.sign(plan.id, date(2026, 11, 5), citizen_on=date(2026, 11, 3))
    signed = store.get(plan.id)
    draft = store.revise(plan.id)
    assert draft.signatures.place == "Forsorgshjemmet Skovbrynet"
    # Only the act of signing is gone.
    assert (draft.signatures.citizen_signed, draft.signatures.caseworker_signed) == (None, None)
    assert draft.signatures.citizen_declined is False
    assert draft.replaces == Replaces(version=1, signed=date(2026, 11, 5))
    for key in ("citizen", "caseworker", "coordinator", "offer", "citizen_words", "purpose",
                "goals", "services", "duration", "circumstances", "partners", "handovers",
                "follow_up", "basis"):
        assert getattr(draft, key) == getattr(signed, key), key
    assert store.get(plan.id) == draft
    # Signed in its turn, version 2 still says what it replaced; version 3 replaces it.
    store.sign(plan.id, date(2026, 12, 1))
    assert store.get(plan.id).replaces == Replaces(1, date(2026, 11, 5))
    assert store.revise(plan.id).replaces == Replaces(2, date(2026, 12, 1))


def test_the_summary_of_a_revision_names_the_signed_version_under_it(store, new_plan):
    plan = store.save(new_plan())
    [first] = store.summaries()
    assert (first.signed_version, first.signed_on) == (None, None)
    store.sign(plan.id, date(2026, 11, 5))
    [signed] = store.summaries()
    assert (signed.status, signed.signed_version) == ("signed", None)
    store.revise(plan.id)
    [draft] = store.summaries()
    assert (draft.status, draft.version) == ("draft", 2)
    assert (draft.signed_version, draft.signed_on) == (1, date(2026, 11, 5))


def test_an_index_of_the_older_format_is_rebuilt_from_the_case_files(data_dir, new_plan):
    with PlanStore(data_dir) as store:
        plan = store.save(new_plan())
        store.sign(plan.id, date(2026, 11, 5))
        store.revise(plan.id)
    layout = Layout(data_dir)
    # The index as the previous Planbro left it: planbro-index/1 rows, without the new fields.
    snapshot = json.loads(layout.index.read_text("utf-8"))
    old_row = snapshot["rows"][0][:11] + snapshot["rows"][0][-2:]
    layout.index.write_text(json.dumps({"format": "planbro-index/1", "rows": [old_row]}))
    layout.journal.write_bytes(b"")
    with PlanStore(data_dir) as store:
        [summary] = store.summaries()
    assert (summary.version, summary.signed_version) == (2, 1)
    assert json.loads(layout.index.read_text("utf-8"))["format"] == index.INDEX_FORMAT
