"""Reading the audit log: every whole record of the month files, oldest first.

A crash can leave a torn last line (see planbro.audit.log); reading skips it
and counts it, and finds a whole record that a later writer glued after it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# A month's file: audit-2027-03.jsonl.
FILE_PATTERN = "audit-*.jsonl"
# Where a record starts; finds a whole record glued after a torn line.
_RECORD_START = '{"at":'


@dataclass
class Reading:
    """What read() found: the records in the order written, and lines skipped."""

    # Each a JSON object as written; only its "at" is checked to be text.
    records: list[dict[str, Any]]
    skipped: int = 0


def month_files(folder: Path) -> list[Path]:
    """The month files in the log's folder, oldest first."""
    return sorted(folder.glob(FILE_PATTERN))


def read_folder(folder: Path) -> Reading:
    """Every whole record, oldest file first; torn or damaged lines are skipped."""
    reading = Reading([])
    for path in month_files(folder):
        for record in _records_of(path.read_bytes(), reading):
            reading.records.append(record)
    return reading


def _records_of(data: bytes, reading: Reading) -> Iterator[dict[str, Any]]:
    for raw in data.split(b"\n"):
        if not raw.strip():
            continue
        text = raw.decode("utf-8", errors="replace")
        record = parse_record(text)
        if record is None:
            # A torn record may have been followed by a whole one on its line.
            start = text.rfind(_RECORD_START)
            record = parse_record(text[start:]) if start > 0 else None
            reading.skipped += 1
        if record is not None:
            yield record


def parse_record(text: str) -> dict[str, Any] | None:
    try:
        record = json.loads(text)
    except ValueError:
        return None
    if not isinstance(record, dict) or not isinstance(record.get("at"), str):
        return None
    return record
