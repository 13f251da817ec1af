"""Overdrag sag: a plan of the team store handed over to a colleague, or to a vikar for a
period, with a note (storage/postgres/handover.py keeps it and its audit record).

One use case for both front ends: the name, the note and the vikar's last day are
checked here, each refusal naming its field in the user's language.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from planbro.translation import _

from planbro.model import Problem, ValidationError

from planbro.storage import Store, StoreError

if TYPE_CHECKING:
    from planbro.storage.postgres.handover import HandOver

# The longest name of a caseworker a case is handed over to.
MAX_NAME = 120
# The longest note of a hand-over.
MAX_NOTE = 4000


def handovers_of(store: Store) -> Any:
    """The hand-overs of a team store; StoreError saying so for the local data folder."""
    handovers = getattr(store, "handovers", None)
    if handovers is None:
        raise StoreError(_("A case is handed over on the team store only: the plans are in "
                           "the data folder on this computer. Export the plan (planbro export) "
                           "for a colleague to import."))
    return handovers


def hand_over(store: Store, plan_id: str, to_name: str, note: str, *, until: date | None = None,
              today: date | None = None) -> HandOver:
    """Hand the plan over to `to_name` (a vikar up to and including `until`), with `note`.
    ValidationError naming the fields "to", "note" or "until"; StoreError from the store."""
    name, text = " ".join(to_name.split()), note.strip()
    problems = []
    if not name:
        problems.append(Problem("to", _("name the colleague or vikar the case is handed over to")))
    elif len(name) > MAX_NAME:
        problems.append(Problem("to", _("a name of at most {count} characters").format(
            count=MAX_NAME)))
    if not text:
        problems.append(Problem("note", _("write what the colleague needs to know to take over "
                                          "the case")))
    elif len(text) > MAX_NOTE:
        problems.append(Problem("note", _("a note of at most {count} characters").format(
            count=MAX_NOTE)))
    if until is not None and until < (today or date.today()):
        problems.append(Problem("until", _("the vikar's last day cannot be before today")))
    if problems:
        raise ValidationError(problems)
    found: HandOver = handovers_of(store).hand_over(plan_id, name, text, until=until,
                                                    via=store.via)
    return found
