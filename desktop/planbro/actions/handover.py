"""Overdrag sag: a plan of the team store handed over to a colleague, or to a vikar for a
period, with a note (storage/postgres/handover.py keeps it and its audit record).

One use case for both front ends: the name, the note and the vikar's last day are
checked here, each refusal naming its field in the user's language. The name must be
one the team store knows (Handovers.known_names: whoever a plan names, was handed a case
or holds a lease), spelt as it knows it, so the case does not land in no one's "Mine
sager" through a typo; a new colleague only when the caller says so (new_colleague).
"""

from __future__ import annotations

import difflib
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
# How alike a known name must be to be suggested for an unknown one (difflib's ratio).
SUGGEST_CUTOFF = 0.6


class UnknownColleague(ValidationError):
    """The name is no one the team knows: `name` as written, `suggestion` the known name
    most like it ("" if none is alike). Its problem names the field "to"."""

    def __init__(self, name: str, suggestion: str, others: list[Problem]):
        reason = _("no one in the team is called «{name}».").format(name=name)
        if suggestion:
            reason += " " + _("Did you mean «{suggestion}»?").format(suggestion=suggestion)
        super().__init__([Problem("to", reason), *others])
        self.name, self.suggestion = name, suggestion


def handovers_of(store: Store) -> Any:
    """The hand-overs of a team store; StoreError saying so for the local data folder."""
    handovers = getattr(store, "handovers", None)
    if handovers is None:
        raise StoreError(_("A case is handed over on the team store only: the plans are in "
                           "the data folder on this computer. Export the plan (planbro export) "
                           "for a colleague to import."))
    return handovers


def known_colleagues(store: Store) -> list[str]:
    """The names the team knows a case can be handed over to, sorted as the user reads."""
    names: list[str] = handovers_of(store).known_names()
    return sorted(names, key=lambda name: (name.casefold(), name))


def responsible_for(store: Store, plan_id: str) -> tuple[str, str]:
    """Who is responsible for the plan now, and whose it is again after a vikar's period."""
    found: tuple[str, str] = handovers_of(store).responsible(plan_id)
    return found


def known_spelling(name: str, known: list[str]) -> str | None:
    """The known name that is `name` but for spacing and case, or None."""
    folded = " ".join(name.split()).casefold()
    return next((k for k in known if " ".join(k.split()).casefold() == folded), None)


def alike(name: str, known: list[str]) -> str:
    """The known name most like `name` (difflib), or "" if none is alike enough."""
    by_folded = {" ".join(k.split()).casefold(): k for k in known}
    found = difflib.get_close_matches(name.casefold(), list(by_folded), n=1,
                                      cutoff=SUGGEST_CUTOFF)
    return by_folded[found[0]] if found else ""


def new_colleague_note(name: str, unit: str) -> str:
    """What to know of a hand-over to a colleague the team store does not know yet: they see
    the case only through a database role of its unit (row-level security)."""
    return _("{name} sees the case only when their own database role works in the unit "
             "«{unit}»: the IT department sets that up.").format(name=name, unit=unit)


def hand_over(store: Store, plan_id: str, to_name: str, note: str, *, until: date | None = None,
              today: date | None = None, new_colleague: bool = False) -> HandOver:
    """Hand the plan over to `to_name` (a vikar up to and including `until`), with `note`.
    The name must be one the team knows unless `new_colleague` (UnknownColleague).
    ValidationError naming the fields "to", "note" or "until"; StoreError from the store."""
    name, text = " ".join(to_name.split()), note.strip()
    problems = []
    unknown = False
    if not name:
        problems.append(Problem("to", _("name the colleague or vikar the case is handed over to")))
    elif len(name) > MAX_NAME:
        problems.append(Problem("to", _("a name of at most {count} characters").format(
            count=MAX_NAME)))
    else:
        known = known_colleagues(store)
        spelt = known_spelling(name, known)
        if spelt is not None:
            name = spelt
        elif not new_colleague:
            unknown = True
    if not text:
        problems.append(Problem("note", _("write what the colleague needs to know to take over "
                                          "the case")))
    elif len(text) > MAX_NOTE:
        problems.append(Problem("note", _("a note of at most {count} characters").format(
            count=MAX_NOTE)))
    if until is not None and until < (today or date.today()):
        problems.append(Problem("until", _("the vikar's last day cannot be before today")))
    if unknown:
        raise UnknownColleague(name, alike(name, known), problems)
    if problems:
        raise ValidationError(problems)
    found: HandOver = handovers_of(store).hand_over(plan_id, name, text, until=until,
                                                    via=store.via)
    return found
