"""Sealed lines for append-only files: each line its own envelope, a torn tail dropped."""

from __future__ import annotations

import json

import pytest

from planbro.crypto.lines import is_sealed_line, open_line, open_lines, seal_line
from planbro.crypto.sealing import DataKey, SealBroken

ROWS = [json.dumps({"id": n, "name": f"Borger {n}"}).encode() for n in range(5)]


@pytest.fixture
def key():
    return DataKey.new()


def journal(key, rows=ROWS):
    return b"".join(seal_line(key, "journal", "", row) for row in rows)


def test_lines_come_back_in_order(key):
    data = journal(key)
    assert data.count(b"\n") == len(ROWS) and b"Borger" not in data
    opened = open_lines(key, "journal", "", data)
    assert opened.records == ROWS and opened.end == len(data) and opened.torn == 0


def test_each_line_is_its_own_envelope(key):
    lines = journal(key, [b"same", b"same"]).splitlines()
    assert lines[0] != lines[1] and all(is_sealed_line(line) for line in lines)
    assert not is_sealed_line(ROWS[0])
    assert open_line(key, "journal", "", lines[1]) == b"same"


@pytest.mark.parametrize("cut", [1, 10, 40])
def test_a_torn_last_line_is_dropped_and_where_to_cut_is_said(key, cut):
    data = journal(key)
    last = seal_line(key, "journal", "", b"never acknowledged")
    torn = data + last[:-cut]
    opened = open_lines(key, "journal", "", torn, path="index.journal")
    assert opened.records == ROWS and opened.end == len(data) and opened.torn == len(last) - cut
    # A writer cuts the tail off and appends again: every line opens.
    again = torn[:opened.end] + seal_line(key, "journal", "", b"next")
    assert open_lines(key, "journal", "", again).records == [*ROWS, b"next"]


def test_a_damaged_complete_line_is_named_by_number(key, tmp_path):
    lines = journal(key).splitlines(keepends=True)
    lines[2] = lines[2][:20] + (b"A" if lines[2][20:21] != b"A" else b"B") + lines[2][21:]
    path = tmp_path / "index.journal"
    with pytest.raises(SealBroken) as caught:
        open_lines(key, "journal", "", b"".join(lines), path=path)
    assert "Linje 3 i" in str(caught.value) and str(path) in str(caught.value)
    lenient = open_lines(key, "journal", "", b"".join(lines), strict=False)
    assert lenient.broken == [3] and lenient.records == ROWS[:2] + ROWS[3:]


def test_a_plaintext_line_among_sealed_ones_is_damage(key):
    data = journal(key, ROWS[:1]) + ROWS[1] + b"\n"
    with pytest.raises(SealBroken, match="Linje 2"):
        open_lines(key, "journal", "", data)


def test_lines_are_bound_to_their_file(key):
    with pytest.raises(SealBroken):
        open_lines(key, "index", "", journal(key))
    with pytest.raises(SealBroken):
        open_lines(DataKey.new(), "journal", "", journal(key))


def test_an_empty_journal_has_no_records(key):
    assert open_lines(key, "journal", "", b"").records == []
    assert open_lines([key], "journal", "", b"\n\n").records == []
