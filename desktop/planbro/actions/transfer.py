"""Plans in and out as planbro-plan files: import them into the store, export them.

An import is validated and stored whole, or not at all, file by file; the
store writes its audit record. An export is logged here. The exchange
format (and jsonschema with it) is loaded on first use.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from planbro.translation import _

from planbro.model import Plan, ValidationError
from planbro.model.convert import to_dict
from planbro.model.dates import parse_timestamp
from planbro.model.labels import moment_label

from planbro.storage import PlanNotFound, Store, StoreError

from planbro.actions.documents import plaintext_note, write_recorded
from planbro.actions.trail import Trail


class ImportConflict(StoreError):
    """The file's plan has the id of a stored plan but is older than it, or is for
    another citizen: importing it would silently undo work. `--replace` (or Ja in
    the app) imports it all the same; the stored file is kept among the backups.

    The message names both by id, version and time of change, never by a CPR
    number or a name: it goes to a terminal.
    """

    def __init__(self, incoming: Plan, stored: Plan, reasons: list[str]):
        self.incoming, self.stored, self.reasons = incoming, stored, reasons
        super().__init__(_(
            "the plan {id} is already stored, and the file's copy would replace newer or "
            "other work: {reasons}. Stored: version {stored_version}, changed {stored_at}. "
            "In the file: version {version}, changed {at}. Nothing was imported.").format(
                id=stored.id, reasons="; ".join(reasons), stored_version=stored.version,
                stored_at=moment_label(stored.updated), version=incoming.version,
                at=moment_label(incoming.updated)))


def _same_citizen(a: Plan, b: Plan) -> bool:
    def name(plan: Plan) -> str:
        return " ".join(plan.citizen.name.split()).casefold()

    return a.citizen.cpr == b.citizen.cpr and name(a) == name(b)


def _conflict(incoming: Plan, stored: Plan) -> ImportConflict | None:
    """Why `incoming` may not silently replace the stored latest version, if it may not."""
    reasons = []
    if not _same_citizen(incoming, stored):
        reasons.append(_("it is for another citizen (the name or the CPR number differs)"))
    if incoming.version < stored.version:
        reasons.append(_("its version is older than the stored one"))
    was, now = parse_timestamp(incoming.updated), parse_timestamp(stored.updated)
    if was is not None and now is not None and was < now:
        reasons.append(_("it was last changed before the stored plan"))
    elif not reasons and incoming.version == stored.version and was == now:
        reasons.append(_("it differs from the stored plan but has the same version and "
                         "time of change"))
    return ImportConflict(incoming, stored, reasons) if reasons else None


@dataclass(frozen=True)
class Imported:
    """One file's import: the plan as stored, or the error that kept it out.

    `error` is a ValidationError (the file's problems, by field), an
    ImportConflict (older than, or another citizen than, the stored plan), another
    StoreError (e.g. a changed signed version) or an OSError. `unchanged`: the
    file held exactly what was stored, and nothing was written. `backup`: after a
    replace, the backup that keeps the stored plan as it was.
    """

    path: Path
    plan: Plan | None = None
    error: Exception | None = None
    unchanged: bool = False
    backup: Path | None = None

    @property
    def ok(self) -> bool:
        return self.plan is not None


def _stored(store: Store, plan_id: str, version: int | None = None) -> Plan | None:
    try:
        return store.get(plan_id, version)
    except PlanNotFound:
        return None


def _newest_backup(store: Store, plan_id: str) -> Path | None:
    return next((path for path in store.backups() if path.name.startswith(plan_id)), None)


def import_plan(store: Store, path: Path, *, replace: bool = False) -> Imported:
    """Import one file: validated, compared with what is stored under its id, stored.

    A file identical to the stored version is a quiet no-op; one older than the
    stored plan, or for another citizen, is refused with an ImportConflict unless
    `replace`."""
    from planbro.exchange import read_plan_file

    try:
        plan = read_plan_file(path)
        same = _stored(store, plan.id, plan.version)
        if same is not None and to_dict(same) == to_dict(plan):
            return Imported(path, plan=same, unchanged=True)
        latest = _stored(store, plan.id)
        # A signed or closed version is never replaced (the store refuses it), so
        # there is nothing to ask about it.
        frozen = same is not None and same.status != "draft"
        conflict = _conflict(plan, latest) if latest is not None and not frozen else None
        if conflict is not None and not replace:
            return Imported(path, error=conflict)
        stored = store.put(plan)
    except (ValidationError, StoreError, OSError) as error:
        return Imported(path, error=error)
    return Imported(path, plan=stored,
                    backup=_newest_backup(store, plan.id) if conflict is not None else None)


def import_plans(store: Store, paths: Iterable[str | Path], *,
                 replace: bool = False) -> list[Imported]:
    """Import each file in turn (import_plan); one result a file, in the order given."""
    return [import_plan(store, Path(name), replace=replace) for name in paths]


@dataclass(frozen=True)
class Exported:
    """A plan written to a planbro-plan file."""

    plan: Plan
    path: Path

    @property
    def where(self) -> str:
        """Where it went, in one short line (a status bar's)."""
        return _("Exported: {path}").format(path=self.path)

    @property
    def message(self) -> str:
        """Where it went, and that it is plaintext (plaintext_note)."""
        return self.where + "\n" + plaintext_note()


def export_name(plan: Plan) -> str:
    """The file name an exported plan gets in a folder."""
    # Only the random id: a file name must never hold a CPR number or a name.
    return f"planbro-{plan.id}-v{plan.version}.json"


def export_plan(plan: Plan, path: str | Path, trail: Trail) -> Exported:
    """Write `plan` to a planbro-plan file at `path` and log it; raises NotWritten."""
    from planbro.exchange import dumps_plan

    return Exported(plan, write_recorded(trail, "export", plan, path, dumps_plan(plan)))
