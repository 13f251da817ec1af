"""The overview's facts in the summary index: made by the function the store is opened with,
kept through the journal, the snapshot and a rebuild, and never a reason for a save to fail."""

from __future__ import annotations

import json
from datetime import date

from planbro.storage import PlanStore, index
from planbro.storage.paths import Layout


def _facts(docs, plan=None):
    """Invented facts: the versions stored and the newest one's purpose length."""
    return {"versions": sorted(docs), "purpose": len(docs[max(docs)].get("purpose", ""))}


def _overview(data_dir, plan_id, **options):
    with PlanStore(data_dir, read_only=True, **options) as reader:
        return {s.id: s.overview for s in reader.summaries()}[plan_id]


def test_a_save_keeps_the_facts_of_every_version_in_its_row(data_dir, new_plan):
    with PlanStore(data_dir, facts=_facts) as store:
        plan = store.save(new_plan(purpose="Bolig"))
        store.sign(plan.id, date(2026, 11, 5))
        store.revise(plan.id)
        [summary] = store.summaries()
    assert summary.overview == {"versions": [1, 2], "purpose": 5}
    # The journal's line and, after closing, the snapshot hold them for the next reader.
    assert _overview(data_dir, plan.id) == {"versions": [1, 2], "purpose": 5}


def test_a_rebuilt_index_makes_the_facts_again_from_the_case_files(data_dir, new_plan):
    with PlanStore(data_dir, facts=_facts) as store:
        plan = store.save(new_plan(purpose="Bolig og job"))
    layout = Layout(data_dir)
    layout.index.unlink()
    layout.journal.unlink()
    with PlanStore(data_dir, facts=_facts):
        pass
    snapshot = json.loads(layout.index.read_text("utf-8"))
    assert snapshot["format"] == index.INDEX_FORMAT
    assert _overview(data_dir, plan.id) == {"versions": [1], "purpose": 12}


def test_an_index_of_the_format_before_the_facts_is_rebuilt_with_them(data_dir, new_plan):
    with PlanStore(data_dir) as store:
        plan = store.save(new_plan(purpose="Bolig"))
    layout = Layout(data_dir)
    snapshot = json.loads(layout.index.read_text("utf-8"))
    old_rows = [row[:16] + row[17:] for row in snapshot["rows"]]
    layout.index.write_text(json.dumps({"format": "planbro-index/4", "rows": old_rows}))
    with PlanStore(data_dir, facts=_facts) as store:
        assert [s.overview for s in store.summaries()] == [{"versions": [1], "purpose": 5}]
    assert _overview(data_dir, plan.id) == {"versions": [1], "purpose": 5}


def test_without_a_facts_function_the_row_says_none(data_dir, new_plan):
    with PlanStore(data_dir) as store:
        plan = store.save(new_plan())
    assert _overview(data_dir, plan.id) is None


def test_facts_that_fail_leave_none_and_the_save_stands(data_dir, new_plan, caplog):
    def broken(docs, plan=None):
        raise ValueError("Jonas Mikkelsen Østergaard 120379-1235")

    with PlanStore(data_dir, facts=broken) as store:
        plan = store.save(new_plan())
        assert store.get(plan.id).citizen.name == "Jonas Mikkelsen Østergaard"
        assert [s.overview for s in store.summaries()] == [None]
    # The log names the kind of error, never what it quoted of the plan.
    assert "ValueError" in caplog.text
    assert "Jonas" not in caplog.text and "120379" not in caplog.text
