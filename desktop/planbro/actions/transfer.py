"""Plans in and out as planbro-plan/1 files: import them into the store, export them.

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

from planbro.storage import PlanStore, StoreError

from planbro.actions.documents import NotWritten
from planbro.actions.trail import Trail


@dataclass(frozen=True)
class Imported:
    """One file's import: the plan as stored, or the error that kept it out.

    `error` is a ValidationError (the file's problems, by field), a
    StoreError (e.g. a changed signed version) or an OSError.
    """

    path: Path
    plan: Plan | None = None
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        return self.plan is not None


def import_plans(store: PlanStore, paths: Iterable[str | Path]) -> list[Imported]:
    """Import each file in turn; one result a file, in the order given."""
    from planbro.exchange import read_plan_file

    results = []
    for name in paths:
        path = Path(name)
        try:
            results.append(Imported(path, plan=store.put(read_plan_file(path))))
        except (ValidationError, StoreError, OSError) as error:
            results.append(Imported(path, error=error))
    return results


@dataclass(frozen=True)
class Exported:
    """A plan written to a planbro-plan/1 file."""

    plan: Plan
    path: Path

    @property
    def message(self) -> str:
        return _("Exported: {path}").format(path=self.path)


def export_name(plan: Plan) -> str:
    """The file name an exported plan gets in a folder."""
    # Only the random id: a file name must never hold a CPR number or a name.
    return f"planbro-{plan.id}-v{plan.version}.json"


def export_plan(plan: Plan, path: str | Path, trail: Trail) -> Exported:
    """Write `plan` to a planbro-plan/1 file at `path` and log it; raises NotWritten."""
    from planbro.exchange import write_plan_file

    path = Path(path)
    try:
        write_plan_file(plan, path)
    except OSError as error:
        raise NotWritten(error, path) from error
    trail.record("export", plan)
    return Exported(plan, path)
