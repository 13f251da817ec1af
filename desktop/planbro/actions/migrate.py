"""Moving in (issue 14): a caseworker's local store into the team store, and, once confirmed,
the local plans removed.

migrate() moves every plan of the data folder with all its versions, and the folder's
audit records, into the team store (storage/postgres/moving.py: how, and why the team
store itself is the progress): run again, or after a kill, it moves only what is not
there yet. A plan the team store holds with other content is a conflict, reported and
never overwritten. The local store is not changed.

confirm() compares every local version and record with the team store again; only when
all is there does it remove the local plans, through the local store's own removal
(removal.py's order: backups, case file, index row; a "move_out" record each), whose last
look at each case file is checked against the team store once more. The data folder's
keys, settings and audit log stay. Qt-free: the command and the app present the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from planbro.translation import _

from planbro.audit.chain import line_hash
from planbro.audit.reading import month_files, parse_record
from planbro.storage import PlanConflict, PlanStore, StoreError
from planbro.storage.postgres import LeaseHeld, TeamStore
from planbro.storage.postgres.moving import (
    LINES_PER_BATCH,
    LocalLine,
    check_rights,
    import_lines,
    imported_hashes,
    put_history,
    stored_history,
)

# Told after each step that stands in the team store: ("plan", id) or ("lines", count).
Progress = Callable[[str, str], None]


@dataclass
class Migration:
    """What migrate() or confirm() did: plan ids and counts only (no names, no CPR)."""

    # Plans with versions added now, and how many versions.
    moved: list[str] = field(default_factory=list)
    versions_moved: int = 0
    # Plans whose every version was there already with the same content.
    skipped: list[str] = field(default_factory=list)
    versions_skipped: int = 0
    # Plans the team store holds with other content: id -> the versions that differ.
    conflicts: dict[str, list[int]] = field(default_factory=dict)
    # Local plans whose case file could not be read (not moved).
    damaged: int = 0
    lines_moved: int = 0
    lines_skipped: int = 0
    # confirm(): the local versions not in the team store as they are here, by plan,
    # and the local records not imported; when any, nothing was removed.
    missing: dict[str, list[int]] = field(default_factory=dict)
    lines_missing: int = 0
    # confirm(): the plans removed from the data folder.
    removed: list[str] = field(default_factory=list)
    confirming: bool = False

    @property
    def complete(self) -> bool:
        """Everything local is in the team store (after migrate: nothing left behind)."""
        return not (self.conflicts or self.damaged or self.missing or self.lines_missing)

    def as_json(self) -> dict[str, Any]:
        return {
            "plans_moved": len(self.moved), "versions_moved": self.versions_moved,
            "plans_skipped": len(self.skipped), "versions_skipped": self.versions_skipped,
            "audit_lines_moved": self.lines_moved, "audit_lines_skipped": self.lines_skipped,
            "conflicts": [{"id": plan_id, "versions": versions}
                          for plan_id, versions in sorted(self.conflicts.items())],
            "damaged": self.damaged,
            "moved": sorted(self.moved), "skipped": sorted(self.skipped),
            "confirmed": self.confirming and self.complete,
            "missing": [{"id": plan_id, "versions": versions}
                        for plan_id, versions in sorted(self.missing.items())],
            "audit_lines_missing": self.lines_missing,
            "removed": sorted(self.removed),
        }


class MigrationRefused(StoreError):
    """The local store or the team store cannot take part (nothing was moved or removed)."""


def _local_plans(local: PlanStore) -> tuple[dict[str, dict[int, dict[str, Any]]], int]:
    """Every readable local plan's stored versions by id, and how many could not be read."""
    found: dict[str, dict[int, dict[str, Any]]] = {}
    damaged = len(local.corrupt)
    for summary in local.summaries():
        try:
            found[summary.id] = local._versions(summary.id)
        except StoreError:
            damaged += 1
    return found, damaged


def local_lines(local: PlanStore) -> list[LocalLine]:
    """The whole records of the data folder's audit log, oldest first (torn lines left out),
    each with the hash of its line as written."""
    found = []
    for path in month_files(local.data_dir / "audit"):
        for raw in path.read_bytes().split(b"\n"):
            if not raw.strip():
                continue
            record = parse_record(raw.decode("utf-8", errors="replace"))
            if record is not None and _has_time(record):
                found.append(LocalLine(record, line_hash(raw)))
    return found


def _has_time(record: dict[str, Any]) -> bool:
    """Whether the record's "at" is a time (the team table's `at` column takes it); one that
    is not is a damaged line, which `planbro audit --verify` names, and is not moved."""
    try:
        datetime.fromisoformat(record["at"])
    except (TypeError, ValueError):
        return False
    return True


def _units(plans: dict[str, dict[int, dict[str, Any]]]) -> set[str]:
    units = set()
    for docs in plans.values():
        worker = docs[max(docs)].get("caseworker") or {}
        units.add(str(worker.get("unit", "")))
    return units


def _lines_to_move(team: TeamStore, lines: list[LocalLine]) -> tuple[list[LocalLine], int]:
    there = imported_hashes(team)
    waiting = [line for line in lines if line.line_hash not in there]
    return waiting, len(lines) - len(waiting)


def _move_lines(local: PlanStore, team: TeamStore, result: Migration,
                progress: Progress | None, batch: int) -> None:
    waiting, there = _lines_to_move(team, local_lines(local))
    result.lines_skipped += there
    for start in range(0, len(waiting), batch):
        result.lines_moved += import_lines(team, waiting[start:start + batch])
        if progress is not None:
            progress("lines", str(result.lines_moved))


def migrate(local: PlanStore, team: TeamStore, *, progress: Progress | None = None,
            batch: int = LINES_PER_BATCH) -> Migration:
    """Move what is not yet in the team store: plans whole, then the audit records.
    StoreError (StoreAccessRefused, StoreUnreachable ...) with nothing of the current plan
    or batch written when the team store refuses; what was moved before stands."""
    plans, damaged = _local_plans(local)
    check_rights(team, _units(plans))
    result = Migration(damaged=damaged)
    for plan_id in sorted(plans):
        docs = plans[plan_id]
        try:
            placed = put_history(team, plan_id, docs)
        except (LeaseHeld, PlanConflict):
            # Open for editing by a colleague in the team store, or made there at this moment:
            # its content is not ours to add to.
            result.conflicts[plan_id] = []
            continue
        if placed.differing:
            result.conflicts[plan_id] = placed.differing
        elif placed.added:
            result.moved.append(plan_id)
            result.versions_moved += len(placed.added)
            result.versions_skipped += len(placed.same)
        else:
            result.skipped.append(plan_id)
            result.versions_skipped += len(placed.same)
        if progress is not None:
            progress("plan", plan_id)
    _move_lines(local, team, result, progress, batch)
    return result


def _missing(docs: dict[int, dict[str, Any]], stored: dict[int, dict[str, Any]]) -> list[int]:
    return sorted(number for number, doc in docs.items() if stored.get(number) != doc)


def confirm(local: PlanStore, team: TeamStore) -> Migration:
    """Remove the local plans when every version and audit record is in the team store as
    it is here; otherwise remove nothing and say what is missing (Migration.missing).
    MigrationRefused when the data folder is open for writing in another Planbro."""
    if local.read_only:
        raise MigrationRefused(_("The data folder is open in another Planbro, so its plans "
                                 "cannot be removed now. Close it and try again."))
    result = Migration(confirming=True)
    plans, result.damaged = _local_plans(local)
    for plan_id, docs in plans.items():
        missing = _missing(docs, stored_history(team, plan_id))
        if missing:
            result.missing[plan_id] = missing
    waiting, _there = _lines_to_move(team, local_lines(local))
    result.lines_missing = len(waiting)
    if not result.complete:
        return result

    for plan_id in sorted(plans):
        stored = stored_history(team, plan_id)

        def refusal(docs: dict[int, dict[str, Any]], stored: dict[int, dict[str, Any]] = stored
                    ) -> StoreError | None:
            # The case file as it is at removal, not as it was read above.
            if _missing(docs, stored):
                return MigrationRefused(_("A plan was changed on this computer after it was "
                                          "checked; nothing more was removed. Run planbro "
                                          "migrate again."))
            return None

        local._remove(plan_id, "move_out", refusal)
        result.removed.append(plan_id)
    # The "move_out" records of the removal go to the team store too.
    _move_lines(local, team, result, None, LINES_PER_BATCH)
    return result
