"""What changed between two versions of a plan, in plain Danish sentences; no Qt.

    compare(old, new)                    the changes, goals first, then services,
                                         partners and the other parts
    Comparison(version, signed, ...)     the changes since a signed version, with
                                         the heading that names it
    appendix(comparison)                 the blocks of the document's appendix

Goals are matched by their ids, sub-goals, services and partners by what they
say (changes_match.py), never by their place in the list. The sentences are
the document's wording (always Danish); none ever holds a CPR number: a
changed one is "CPR-nummer er rettet". Partners and the other parts are
compared in changes_parts.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from planbro.model.plan import Goal, Plan, Service, SubGoal

from planbro.documents.blocks import Block, Heading, Paragraph
from planbro.documents.changes_match import key_text, pair, place, shared, similarity
from planbro.documents.changes_parts import other_changes, partner_changes
from planbro.documents.changes_words import (
    KIND_WORDS,
    STATUS_WORDS,
    day,
    named,
    one_line,
    quoted,
    value_or_nothing,
)
from planbro.documents.dates import long_date
from planbro.documents.text import NBSP, printable

# The parts of a plan a change belongs to, in the order the list gives them,
# with the heading each has in the appendix.
PARTS = {"goals": "Mål og delmål", "services": "Indsatser", "partners": "Samarbejdsparter",
         "other": "Andre dele af planen"}
# What the list says when nothing changed.
NO_CHANGES = "Ingen ændringer."
# Before each change in the appendix.
BULLET = "•\u00a0"
# A date as the sentences write it (changes_words.day): "1. marts 2027".
_DATE = re.compile(r"\b\d{1,2}\. (?:januar|februar|marts|april|maj|juni|juli|august|september|"
                   r"oktober|november|december) \d{4}\b")


@dataclass(frozen=True)
class Change:
    """One change, as one sentence; `part` is a key of PARTS."""

    part: str
    text: str


@dataclass(frozen=True)
class Comparison:
    """The changes of version `to_version` since the signed version `version`, signed
    on `signed` (None: the day is not known)."""

    version: int
    signed: date | None
    to_version: int
    changes: tuple[Change, ...]

    @property
    def heading(self) -> str:
        """ "Ændringer siden version 1 (underskrevet 20. november 2026)"."""
        if self.signed is None:
            return f"Ændringer siden version {self.version}"
        return f"Ændringer siden version {self.version} (underskrevet {long_date(self.signed)})"

    def texts(self) -> list[str]:
        """The sentences in order, or "Ingen ændringer." alone."""
        return [change.text for change in self.changes] or [NO_CHANGES]


def compare(old: Plan, new: Plan) -> list[Change]:
    """What changed from `old` to `new`, in the order PARTS gives the parts."""
    texts = {"goals": goal_changes(old, new), "services": service_changes(old, new),
             "partners": partner_changes(old, new), "other": other_changes(old, new)}
    return [Change(part, text) for part in PARTS for text in texts[part]]


def appendix(comparison: Comparison) -> list[Block]:
    """The appendix at the end of the new version's document: "Bilag: <heading>", then
    each part's changes under its heading (or "Ingen ændringer.")."""
    blocks: list[Block] = [Heading(_dates_whole(f"Bilag: {comparison.heading}"))]
    if not comparison.changes:
        return blocks + [Paragraph(NO_CHANGES)]
    for part, heading in PARTS.items():
        texts = [c.text for c in comparison.changes if c.part == part]
        if texts:
            blocks.append(Heading(heading, 2))
            blocks += [Paragraph(BULLET + _dates_whole(printable(text))) for text in texts]
    return blocks


def _dates_whole(text: str) -> str:
    """`text` with no line break inside a date ("1. marts 2027" stays on one line)."""
    return _DATE.sub(lambda m: m.group(0).replace(" ", NBSP), text)


# -- goals and sub-goals -------------------------------------------------------------

def _goal_name(goal: Goal, number: int) -> str:
    return named(goal.title, str(number))


def goal_changes(old: Plan, new: Plan) -> list[str]:
    """Goals added, removed, renamed or of another type, and their sub-goals' changes;
    matched by the goals' ids."""
    out: list[str] = []
    before = {goal.id: goal for goal in reversed(old.goals)}
    seen: set[str] = set()
    for number, goal in enumerate(new.goals, 1):
        name = _goal_name(goal, number)
        was = before.get(goal.id)
        if was is None or goal.id in seen:
            out.append(f"Nyt mål: {name}.")
            out += [f"Nyt delmål til målet {name}: {named(s.text, f'{number}.{i}')}."
                    for i, s in enumerate(goal.subgoals, 1)]
            continue
        seen.add(goal.id)
        if key_text(was.title) != key_text(goal.title):
            out.append(f"Målet {_goal_name(was, place(old.goals, was))} hedder nu {name}.")
        if was.kind != goal.kind:
            kind = KIND_WORDS.get(goal.kind or "", "")
            old_kind = KIND_WORDS.get(was.kind or "", "ikke angivet")
            out.append(f"Målet {name} er nu af typen «{kind}» (var: {old_kind})." if kind else
                       f"Målet {name} har ikke længere en måltype (var: {old_kind}).")
        out += _subgoal_changes(was.subgoals, goal.subgoals, name, number)
    for number, goal in enumerate(old.goals, 1):
        if goal.id not in seen:
            seen.add(goal.id)
            tail = " sammen med sine delmål" if goal.subgoals else ""
            out.append(f"Målet {_goal_name(goal, number)} er fjernet{tail}.")
    return out


def _subgoals_alike(a: SubGoal, b: SubGoal) -> float:
    return (similarity(a.text, b.text) + 0.25 * shared(a.indicator, b.indicator)
            + 0.15 * shared(a.deadline, b.deadline) + 0.1 * shared(a.responsible, b.responsible))


def _subgoal_changes(old: list[SubGoal], new: list[SubGoal], goal: str,
                     number: int) -> list[str]:
    out: list[str] = []
    for was, sub in pair(old, new, lambda s: key_text(s.text), _subgoals_alike):
        if sub is None:
            assert was is not None
            out.append(f"Delmålet {named(was.text, f'{number}.{place(old, was)}')} "
                       f"er fjernet fra målet {goal}.")
            continue
        name = named(sub.text, f"{number}.{place(new, sub)}")
        if was is None:
            out.append(f"Nyt delmål til målet {goal}: {name}.")
            continue
        if key_text(was.text) != key_text(sub.text):
            out.append(f"Delmålet {named(was.text, f'{number}.{place(old, was)}')} "
                       f"hedder nu {name}.")
        out += _subgoal_details(was, sub, name)
    return out


def _subgoal_details(was: SubGoal, sub: SubGoal, name: str) -> list[str]:
    out: list[str] = []
    if was.status != sub.status:
        out.append(f"Delmålet {name} er nu {STATUS_WORDS.get(sub.status, sub.status)} "
                   f"(var: {STATUS_WORDS.get(was.status, was.status)}).")
    if was.deadline != sub.deadline:
        if was.deadline is None:
            out.append(f"Delmålet {name} har fået frist den {day(sub.deadline)}.")
        elif sub.deadline is None:
            out.append(f"Delmålet {name} har ikke længere en frist (var: {day(was.deadline)}).")
        else:
            out.append(f"Fristen for delmålet {name} er flyttet fra {day(was.deadline)} "
                       f"til {day(sub.deadline)}.")
    if key_text(was.responsible) != key_text(sub.responsible):
        out.append(f"Ansvarlig for delmålet {name} er nu {value_or_nothing(sub.responsible)} "
                   f"(var: {value_or_nothing(was.responsible)}).")
    if key_text(was.indicator) != key_text(sub.indicator):
        out.append(f"Delmålet {name} har fået en ny beskrivelse af, hvordan vi ved, at det er "
                   f"nået: {quoted(sub.indicator)}." if sub.indicator.strip() else
                   f"Delmålet {name} har ikke længere en beskrivelse af, hvordan vi ved, at det "
                   "er nået.")
    return out


# -- services ----------------------------------------------------------------------

def _services_alike(a: Service, b: Service) -> float:
    return (similarity(a.title, b.title) + 0.25 * shared(a.legal_basis, b.legal_basis)
            + 0.25 * shared(a.provider, b.provider) + 0.1 * shared(a.start, b.start))


def service_changes(old: Plan, new: Plan) -> list[str]:
    """Services added, removed or changed (title, legal basis, provider, extent, dates,
    method, phases, who takes over, the goals served)."""
    out: list[str] = []
    for was, service in pair(old.services, new.services, lambda s: key_text(s.title),
                             _services_alike):
        if service is None:
            assert was is not None
            out.append(f"Indsatsen {named(was.title, str(place(old.services, was)))} "
                       "er fjernet.")
            continue
        name = named(service.title, str(place(new.services, service)))
        if was is None:
            out.append(_new_service(service, name))
            continue
        if key_text(was.title) != key_text(service.title):
            out.append(f"Indsatsen {named(was.title, str(place(old.services, was)))} "
                       f"hedder nu {name}.")
        out += _service_details(old, new, was, service, name)
    return out


def _new_service(service: Service, name: str) -> str:
    basis = f" efter {one_line(service.legal_basis)}" if service.legal_basis.strip() else ""
    provider = f", udført af {one_line(service.provider)}" if service.provider.strip() else ""
    start = f", fra den {day(service.start)}" if service.start else ""
    return f"Ny indsats: {name}{basis}{provider}{start}."


def _service_details(old: Plan, new: Plan, was: Service, service: Service,
                     name: str) -> list[str]:
    out: list[str] = []
    if key_text(was.legal_basis) != key_text(service.legal_basis):
        out.append(f"Lovgrundlaget for indsatsen {name} er nu "
                   f"{value_or_nothing(service.legal_basis)} "
                   f"(var: {value_or_nothing(was.legal_basis)}).")
    if key_text(was.provider) != key_text(service.provider):
        out.append(f"Indsatsen {name} udføres nu af {value_or_nothing(service.provider)} "
                   f"(var: {value_or_nothing(was.provider)}).")
    if key_text(was.extent) != key_text(service.extent):
        out.append(f"Omfanget af indsatsen {name} er nu {value_or_nothing(service.extent)} "
                   f"(var: {value_or_nothing(was.extent)}).")
    if was.start != service.start:
        out.append(f"Indsatsen {name} starter nu den {day(service.start)} "
                   f"(var: {day(was.start)})." if service.start else
                   f"Indsatsen {name} har ikke længere en startdato (var: {day(was.start)}).")
    if was.end != service.end:
        out.append(f"Indsatsen {name} slutter nu den {day(service.end)} (var: {day(was.end)})."
                   if service.end else
                   f"Indsatsen {name} har ikke længere en slutdato (var: {day(was.end)}).")
    if was.method != service.method:
        out.append(f"Indsatsen {name} følger nu metoden {service.method or 'ingen'} "
                   f"(var: {was.method or 'ingen'}).")
    if was.phases != service.phases:
        out.append(f"Faserne i indsatsen {name} er ændret.")
    if key_text(was.takes_over) != key_text(service.takes_over):
        out.append(f"Efter indsatsen {name} overtager nu {value_or_nothing(service.takes_over)} "
                   f"(var: {value_or_nothing(was.takes_over)}).")
    out += _served_goals(old, new, was, service, name)
    return out


def _served_goals(old: Plan, new: Plan, was: Service, service: Service,
                  name: str) -> list[str]:
    """The goals a service now serves or no longer serves, named by their titles."""
    out: list[str] = []
    gained = [goal_id for goal_id in dict.fromkeys(service.goal_ids)
              if goal_id not in was.goal_ids]
    lost = [goal_id for goal_id in dict.fromkeys(was.goal_ids)
            if goal_id not in service.goal_ids]
    for goal_id in gained:
        goal = new.goal(goal_id)
        if goal is not None:
            goal_name = _goal_name(goal, place(new.goals, goal))
            out.append(f"Indsatsen {name} hører nu til målet {goal_name}.")
    for goal_id in lost:
        goal = new.goal(goal_id)
        # A link to a goal that is gone goes with it: the goal is told as removed.
        if goal is not None:
            goal_name = _goal_name(goal, place(new.goals, goal))
            out.append(f"Indsatsen {name} hører ikke længere til målet {goal_name}.")
    return out
