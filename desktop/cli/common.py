"""What the sub-commands share: opening the store, finding plans, reporting refusals."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterable

from planbro.model import Plan, Problem, ValidationError
from planbro.translation import _

# Exit status for refused input: a bad file, a bad field, an unknown plan.
EXIT_BAD_INPUT = 2


def report_problems(problems: Iterable[Problem], *, source: str = "") -> None:
    """Print each refusal on stderr, prefixed with the file it came from."""
    for problem in problems:
        prefix = f"{source}: " if source else ""
        print(f"{prefix}{problem}", file=sys.stderr)


def fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_BAD_INPUT


def open_store(args, *, write: bool):
    """The store in the chosen data folder; read-only when another process writes."""
    from planbro.storage import PlanStore, default_data_dir

    folder = default_data_dir(args.data_dir)
    if write:
        return PlanStore(folder)
    return PlanStore.open(folder)


def is_plan_file(text: str) -> bool:
    return text.lower().endswith(".json") or Path(text).is_file()


def load_plan(args, id_or_file: str) -> Plan:
    """A plan from an exchange file, or the newest version of a stored plan.

    Raises ValidationError or StoreError with a message for the user.
    """
    if is_plan_file(id_or_file):
        from planbro.exchange import read_plan_file

        return read_plan_file(id_or_file)
    with open_store(args, write=False) as store:
        return store.get(store.resolve(id_or_file))


def print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def refusal(error: Exception, *, source: str = "") -> int:
    """Print a ValidationError or StoreError and return the bad-input status."""
    from planbro.storage import StoreCorrupt

    if isinstance(error, ValidationError):
        report_problems(error.problems, source=source)
    else:
        print(f"{source}: {error}" if source else str(error), file=sys.stderr)
    if isinstance(error, StoreCorrupt) and error.backups:
        print(_("To restore it: planbro restore \"{backup}\"").format(backup=error.backups[0]),
              file=sys.stderr)
    return EXIT_BAD_INPUT
