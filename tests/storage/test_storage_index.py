"""The summary index: journal, compaction, torn lines, and rebuilding from the case files."""

from __future__ import annotations

import json
from datetime import date

import pytest

from planbro.model.convert import to_dict

from planbro.storage import PlanStore, index
from planbro.storage import opened as store_module
from planbro.storage.casefile import open_case
from planbro.storage.paths import Layout


def _summaries(data_dir):
    with PlanStore(data_dir, read_only=True) as reader:
        return reader.summaries()


@pytest.fixture
def filled(data_dir, new_plan):
    """A closed store with three plans, one of them signed and revised."""
    with PlanStore(data_dir) as store:
        plans = [store.save(new_plan(name=name)) for name in ("Anna", "Bo", "Carl")]
        store.sign(plans[1].id, date(2026, 11, 5))
        store.revise(plans[1].id)
        expected = store.summaries()
    assert [s.versions for s in expected] == [1, 2, 1]
    return expected


def test_summaries_never_read_case_files(store, new_plan, monkeypatch):
    plan = store.save(new_plan())

    def forbidden(path):
        raise AssertionError("summaries() opened a case file")

    monkeypatch.setattr(store_module, "read_versions", forbidden)
    assert [s.id for s in store.summaries()] == [plan.id]


@pytest.mark.parametrize("damage", ["delete", "garbage", "wrong-format"])
def test_missing_or_broken_index_is_rebuilt(data_dir, filled, damage):
    layout = Layout(data_dir)
    if damage == "delete":
        layout.index.unlink()
        layout.journal.unlink()
    elif damage == "garbage":
        layout.index.write_bytes(b"\x00{[")
    else:
        layout.index.write_text(json.dumps({"format": "other", "rows": []}))
    assert _summaries(data_dir) == filled
    with PlanStore(data_dir):
        pass
    snapshot = json.loads(layout.index.read_text("utf-8"))
    assert snapshot["format"] == index.INDEX_FORMAT and len(snapshot["rows"]) == 3


def test_torn_last_journal_line_is_ignored_and_cleaned(data_dir, filled, new_plan):
    layout = Layout(data_dir)
    with open(layout.journal, "ab") as journal:
        journal.write(b'["0000aaaa-1111-4222-8333-444455556666", 1, "dra')
    assert _summaries(data_dir) == filled
    with PlanStore(data_dir) as store:
        assert layout.journal.read_bytes() == b""
        extra = store.save(new_plan(name="Dorte"))
    assert [s.name for s in _summaries(data_dir)] == ["Anna", "Bo", "Carl", "Dorte"]
    assert extra.id in {s.id for s in _summaries(data_dir)}


def test_case_saved_without_its_journal_line_is_picked_up(data_dir, filled):
    """A crash between writing a case file and appending its index line."""
    layout = Layout(data_dir)
    anna = filled[0]
    with PlanStore(data_dir, read_only=True) as reader:
        plan = reader.get(anna.id)
    plan.citizen.name = "Anna Changed"
    with open_case(layout.case(anna.id), layout, write=True) as case:
        case.put(to_dict(plan))
    names = [s.name for s in _summaries(data_dir)]
    assert names == ["Anna Changed", "Bo", "Carl"]


def test_case_file_removed_by_hand_leaves_the_list(data_dir, filled):
    Layout(data_dir).case(filled[2].id).unlink()
    assert [s.name for s in _summaries(data_dir)] == ["Anna", "Bo"]


def test_journal_is_compacted_into_the_snapshot(data_dir, new_plan, monkeypatch):
    monkeypatch.setattr(index, "COMPACT_AFTER", 3)
    layout = Layout(data_dir)
    with PlanStore(data_dir) as store:
        store.save(new_plan(name="A"))
        store.save(new_plan(name="B"))
        assert len(layout.journal.read_bytes().splitlines()) == 2
        store.save(new_plan(name="C"))
        assert layout.journal.read_bytes() == b""
        assert len(json.loads(layout.index.read_text("utf-8"))["rows"]) == 3
        store.save(new_plan(name="D"))
        assert len(layout.journal.read_bytes().splitlines()) == 1
    # Closing folds the journal in too.
    assert layout.journal.read_bytes() == b""
    assert [s.name for s in _summaries(data_dir)] == ["A", "B", "C", "D"]


def test_reader_sees_what_the_writer_saves_later(data_dir, new_plan, monkeypatch):
    monkeypatch.setattr(index, "COMPACT_AFTER", 3)
    with PlanStore(data_dir) as writer, PlanStore(data_dir, read_only=True) as reader:
        assert reader.summaries() == []
        first = writer.save(new_plan(name="A"))
        assert [s.name for s in reader.summaries()] == ["A"]
        assert reader.resolve(first.id[:8]) == first.id
        for name in ("B", "C", "D"):  # crosses a compaction
            writer.save(new_plan(name=name))
        assert [s.name for s in reader.summaries()] == ["A", "B", "C", "D"]
        writer.sign(first.id, date(2026, 11, 5))
        assert reader.summaries()[0].status == "signed"


def test_leftover_temporary_files_are_removed_by_the_writer(data_dir, filled):
    cases = data_dir / "cases"
    leftover = cases / f".{filled[0].id}.json.abc123.tmp"
    leftover.write_bytes(b"half a wri")
    assert len(_summaries(data_dir)) == 3
    assert leftover.exists()  # a reader never deletes
    with PlanStore(data_dir):
        pass
    assert not leftover.exists()
