"""Rules on goals and sub-goals: there are some, they are broken down, measurable, varied."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from planbro.translation import _

from planbro.model import Plan, SubGoal

from planbro.quality.findings import Hit
from planbro.quality.topics import goal_topics, mentions
from planbro.quality.vague import assess
from planbro.quality.wording import list_text, named


def _open_subgoals(plan: Plan) -> Iterator[tuple[str, SubGoal, str]]:
    """Each sub-goal still pursued, with its path and its name in a message;
    dropped ones need nothing more."""
    for g, goal in enumerate(plan.goals):
        for s, sub in enumerate(goal.subgoals):
            if sub.status != "dropped":
                yield f"goals[{g}].subgoals[{s}]", sub, named(sub.text, f"{g + 1}.{s + 1}")


def goals_missing(plan: Plan, today: date) -> Iterator[Hit]:
    if not plan.goals:
        yield Hit("goals", _(
            "The plan has no goals. Add at least one concrete goal agreed with the citizen."))


def goal_without_subgoals(plan: Plan, today: date) -> Iterator[Hit]:
    for g, goal in enumerate(plan.goals):
        if not goal.subgoals:
            yield Hit(f"goals[{g}].subgoals", _(
                "The goal {goal} has no sub-goals. Break it down into sub-goals, each with "
                "an indicator, someone responsible and a deadline.").format(goal=named(goal.title, g + 1)))


def subgoal_indicator(plan: Plan, today: date) -> Iterator[Hit]:
    for path, sub, name in _open_subgoals(plan):
        if not sub.indicator.strip():
            yield Hit(f"{path}.indicator", _(
                "The sub-goal {subgoal} does not say how you will know it is reached. "
                "Add an indicator.").format(subgoal=name))


def subgoal_responsible(plan: Plan, today: date) -> Iterator[Hit]:
    for path, sub, name in _open_subgoals(plan):
        if not sub.responsible.strip():
            yield Hit(f"{path}.responsible", _(
                "The sub-goal {subgoal} has no one responsible. "
                "Write who is responsible.").format(subgoal=name))


def subgoal_deadline(plan: Plan, today: date) -> Iterator[Hit]:
    for path, sub, name in _open_subgoals(plan):
        if sub.deadline is None:
            yield Hit(f"{path}.deadline", _(
                "The sub-goal {subgoal} has no deadline. "
                "Set the date by which it should be reached.").format(subgoal=name))


def vague_goal(plan: Plan, today: date) -> Iterator[Hit]:
    for g, goal in enumerate(plan.goals):
        field = f"goals[{g}].title"
        if not goal.title.strip():
            yield Hit(field, _("The goal has no text. Write what the citizen wants to achieve."))
            continue
        found = assess(goal.title)
        if not found.vague:
            continue
        if found.phrases:
            yield Hit(field, _(
                "The goal {goal} is vague: «{phrase}» cannot be measured. Write what will be "
                "different, how you will see it and by when.").format(
                    goal=named(goal.title, g + 1), phrase=found.phrases[0]))
        else:
            yield Hit(field, _(
                "The goal {goal} cannot be measured. Add a number, a frequency, a date or "
                "deadline, or something concrete to obtain or do.").format(goal=named(goal.title, g + 1)))


def vague_subgoal(plan: Plan, today: date) -> Iterator[Hit]:
    for path, sub, name in _open_subgoals(plan):
        field = f"{path}.text"
        if not sub.text.strip():
            yield Hit(field, _("The sub-goal has no text. Write what is to happen."))
            continue
        found = assess(sub.text)
        if not found.vague:
            continue
        if found.phrases:
            yield Hit(field, _(
                "The sub-goal {subgoal} is vague: «{phrase}» cannot be measured. Write what "
                "will be done or reached, and by when.").format(
                    subgoal=name, phrase=found.phrases[0]))
        else:
            yield Hit(field, _(
                "The sub-goal {subgoal} cannot be measured. Add a number, a frequency, a date "
                "or deadline, or something concrete to obtain or do.").format(
                    subgoal=name))


def housing_only(plan: Plan, today: date) -> Iterator[Hit]:
    """Every goal is about housing, although the plan mentions other areas."""
    if not plan.goals or any(goal_topics(goal) != {"housing"} for goal in plan.goals):
        return
    c = plan.circumstances
    # Kept as literal _() calls so the extractor finds each name.
    areas = [name for text, name in ((c.treatment, _("treatment")),
                                     (c.employment, _("employment")),
                                     (c.finances, _("finances"))) if mentions(text)]
    if areas:
        yield Hit("goals", _(
            "All goals are about housing, but the plan also mentions {areas}. Add goals for "
            "them too, so the rest of the help does not wait for a home.").format(
                areas=list_text(areas)))
    elif waits_for_a_home(plan):
        yield Hit("goals", _(
            "All goals are about housing, and the citizen is waiting for a home. Add a goal "
            "that can move while waiting - treatment, work, money or network - so the plan "
            "does not stand still until the home is there."))


# Words that say the citizen waits for a home (in the housing matter).
_WAITING = re.compile(r"vent|opskriv|boligkø|anvisning", re.IGNORECASE)


def waits_for_a_home(plan: Plan) -> bool:
    """The citizen has no home yet: staying at a § 110 boform with no home anvist, or
    the housing matter says the citizen waits for one."""
    at_boform = plan.basis == "sel-142" or plan.boform.admitted is not None
    if at_boform and not plan.discharge.home_or_place:
        return True
    return bool(_WAITING.search(plan.circumstances.housing))
