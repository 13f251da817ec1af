"""What the overview shows: figures, shares and spreads, in groups and areas, with the rule that
no figure describes fewer than 5 plans.

┌──────────────────────────────────────────────────────────────────────────┐
│ Under 5                                                                  │
│                                                                          │
│ A figure behind which stand 1 to 4 plans is shown as "under 5" in every  │
│ output (the terminal, --json, the workbook, the PDF, the app): a small   │
│ group is never a number. It is the plans behind a figure that count,     │
│ also when the figure counts sub-goals or follow-ups: 7 sub-goals of 2    │
│ plans are "under 5". 0 is shown: it describes no one.                    │
│ A share is shown only when its base has at least 5 plans and both the    │
│ plans it counts and the rest are 0 or at least 5 (96 % of 100 would tell │
│ that 4 have the other answer). A median and its quartiles are shown from │
│ 5 plans up.                                                              │
│ The rule hides a small count; it does not hide the figures around it: a  │
│ total less its other parts can still give a hidden part back, and every  │
│ output says so (presenting.small_groups_note).                           │
└──────────────────────────────────────────────────────────────────────────┘

A figure keeps the ids of the plans behind it, so the app can list them for a user allowed
to see them; to_json() and every file leave them out.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# Fewest plans a figure may describe and be shown.
SMALLEST_GROUP = 5
# What a hidden figure says in every output (Danish, as the outputs are).
UNDER_5 = "under 5"
# What a share or a median of no plans at all says: there is nothing to hide or to show.
NONE_TO_SHOW = "–"
# What a figure counts.
PLANS, SUBGOALS, FOLLOW_UPS = "plans", "subgoals", "follow_ups"


def _small(plans: int) -> bool:
    return 0 < plans < SMALLEST_GROUP


@dataclass(frozen=True)
class Figure:
    """A number of plans (or of their sub-goals or follow-ups) and the plans behind it."""

    key: str
    label: str
    count: int
    # The plans behind the figure, sorted: for the app's list, never in an output.
    plans: tuple[str, ...] = field(default=(), repr=False)
    counts: str = PLANS

    @property
    def hidden(self) -> bool:
        return _small(len(self.plans))

    @property
    def value(self) -> int | None:
        """The count, None when it is hidden."""
        return None if self.hidden else self.count

    def text(self) -> str:
        return UNDER_5 if self.hidden else str(self.count)

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "counts": self.counts,
                "value": UNDER_5 if self.hidden else self.count}


@dataclass(frozen=True)
class Share:
    """The part of a base of plans, as a whole percentage."""

    key: str
    label: str
    part: int
    base: int
    plans: tuple[str, ...] = field(default=(), repr=False)

    @property
    def hidden(self) -> bool:
        return (self.base < SMALLEST_GROUP or _small(self.part)
                or _small(self.base - self.part))

    @property
    def percent(self) -> int | None:
        """The share in whole percent, None when hidden (or of no plans)."""
        if self.hidden or not self.base:
            return None
        return round(100 * self.part / self.base)

    def text(self) -> str:
        if not self.base:
            return NONE_TO_SHOW
        return UNDER_5 if self.hidden else f"{self.percent} %"

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label,
                "percent": None if not self.base else UNDER_5 if self.hidden else self.percent}


@dataclass(frozen=True)
class Spread:
    """The median and the quartiles of a number of days, one value per plan."""

    key: str
    label: str
    values: tuple[int, ...] = field(default=(), repr=False)
    plans: tuple[str, ...] = field(default=(), repr=False)

    @property
    def hidden(self) -> bool:
        return len(self.plans) < SMALLEST_GROUP

    def quartiles(self) -> tuple[float, float, float] | None:
        """The first quartile, the median and the third quartile; None when hidden."""
        if self.hidden:
            return None
        q1, median, q3 = statistics.quantiles(sorted(self.values), n=4, method="inclusive")
        return q1, median, q3

    def text(self, unit: str) -> str:
        """E.g. "42 (25-60) days": the median, then the quartiles in brackets."""
        found = self.quartiles()
        if found is None:
            return UNDER_5 if self.plans else NONE_TO_SHOW
        q1, median, q3 = (_number(v) for v in found)
        return f"{median} ({q1}–{q3}) {unit}"

    def to_json(self) -> dict[str, Any]:
        found = self.quartiles()
        if found is None:
            return {"key": self.key, "label": self.label, "plans": UNDER_5 if self.plans else 0}
        q1, median, q3 = found
        return {"key": self.key, "label": self.label, "plans": len(self.plans),
                "median": median, "q1": q1, "q3": q3}


def _number(value: float) -> str:
    """A day count as Danish writes it: 42 or 42,5."""
    return str(int(value)) if value == int(value) else f"{value:.1f}".replace(".", ",")


# One line of the overview.
Item = Figure | Share | Spread


@dataclass(frozen=True)
class Group:
    """Items that belong together; `chart` when its figures make one bar chart."""

    key: str
    title: str
    items: tuple[Item, ...]
    chart: bool = False

    def figures(self) -> list[Figure]:
        return [item for item in self.items if isinstance(item, Figure)]


@dataclass(frozen=True)
class Area:
    """One area of the issue: offers, keeping up, quality, goals, services."""

    key: str
    title: str
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Overview:
    """Every figure for one period and scope."""

    # The period (start None: from the first plan), the scope's words, and the day of the state.
    start: date | None
    end: date
    unit: str
    caseworker: str
    today: date
    # The plans in the period and scope.
    plans: Figure
    areas: tuple[Area, ...]
    # Plans whose facts could not be made (their case file could not be read).
    unread: int = 0

    def items(self) -> Iterator[Item]:
        yield self.plans
        for area in self.areas:
            for group in area.groups:
                yield from group.items

    def item(self, key: str) -> Item:
        """The item of `key`; KeyError when there is none."""
        for item in self.items():
            if item.key == key:
                return item
        raise KeyError(key)

    def to_json(self) -> dict[str, Any]:
        """Every figure without the plans behind them."""
        return {
            "period": {"fra": self.start.isoformat() if self.start else None,
                       "til": self.end.isoformat()},
            "enhed": self.unit or None, "sagsbehandler": self.caseworker or None,
            "dato": self.today.isoformat(),
            "plans": self.plans.to_json(),
            "unread": self.unread,
            "areas": [{"key": area.key, "title": area.title,
                       "groups": [{"key": group.key, "title": group.title,
                                   "items": [item.to_json() for item in group.items]}
                                  for group in area.groups]}
                      for area in self.areas],
        }
