"""compute(): every figure of the overview for a period and a scope, from the store's summaries.

Which plans a period holds, and which dates count:
- A plan is in the period when its case was open on some day of it: it starts (the offer's
  day, else its first save) on or before the period's last day, and it was not closed
  before the period's first day (the day of the follow-up that closed it, else the closed
  version's last save). Without --fra the period starts with the first plan; --til is today
  unless given.
- Figures of events count what happened in the period, in those plans: offers by the
  offer's day, § 142 plans by the boform's notification, signed plans by their first full
  signing, follow-ups by their day, achieved sub-goals by the month first recorded.
- Figures of state describe the plans as they stand today (their newest version): open
  cases, follow-up overdue, not updated for 12 months, the quality check, sub-goals by
  status, services. A store keeps the newest state of a plan only, so a past period
  chooses the plans, not a past state of them.
The scope is a unit or a caseworker (compared without regard to case or spacing), or with
neither the whole store the user may read: the unit the plan names, and on the team store
the caseworker responsible for it today ("Mine sager": after an "Overdrag sag" hand-over the
colleague or vikar handed it), on a local store (no hand-over) the caseworker it names.

The store is read through the Store interface only: summaries(), and for a plan whose
summary carries no facts (facts.py) its versions. The team store chooses the plans of the
period and scope itself, on the server (storage/postgres/overview_rows.py), and makes the
facts it lacks there.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable
from datetime import date

from planbro.model.dates import add_months
from planbro.model.plan import SUBGOAL_STATUSES

from planbro.quality import DEFAULT_POLICY, FEJL, RULES, Policy
from planbro.quality.rules_services import CTI_MONTHS
from planbro.storage import PlanSummary, Store

from planbro.overview.areas import build_areas
from planbro.overview.facts import (
    Facts,
    facts_format,
    facts_of_stored,
    found_on,
    is_current,
    store_facts,
)
from planbro.overview.figures import PLANS, Figure, Overview
from planbro.overview.grouping import NONE

# How many plans' facts made again are worth a word to the user (~2.5 ms each: 0.5 s).
RENEWING_MANY = 200
# What compute() tells before it makes the facts of that many plans again.
Notice = Callable[[int], object]
# Months after which an open case's newest version counts as not updated.
STALE_MONTHS = 12
# The rules whose finding is a fejl: a plan without any is a plan "uden fejl".
_FEJL_RULES = frozenset(rule.id for rule in RULES if rule.severity == FEJL)
# The keys of the sub-goals by status, in the order of the facts' "sg".
_SUBGOAL_KEYS = tuple("sg." + status for status in SUBGOAL_STATUSES)
# The methods of a plan whose services name none.
_NO_METHOD = (NONE,)


class Tally:
    """The plans behind each figure's key, and for counts of other things their number."""

    def __init__(self, today: date, policy: Policy) -> None:
        self.plans: defaultdict[str, list[str]] = defaultdict(list)
        self.counts: defaultdict[str, int] = defaultdict(int)
        # The days from offer to signed plan, one per plan, and the plans they are of.
        self.days: list[tuple[int, str]] = []
        self.today, self.policy = today, policy
        # What each plan is compared with, made once.
        self.on = today.isoformat()
        self.stale = add_months(today, -STALE_MONTHS).isoformat()
        self._cti_ends: dict[str, str] = {}
        # The lists and counts of the keys of a prefix, by the rest of the key (family()).
        self._families: dict[str, defaultdict[str, list[str]]] = {}
        self._family_counts: dict[str, defaultdict[str, int]] = {}

    def family(self, prefix: str) -> defaultdict[str, list[str]]:
        """The plans of the keys `prefix` + a suffix, by the suffix: appended to in the
        count without making each key's text anew for each plan (a new text is hashed
        anew, ~270,000 times for 10,000 plans); merge() puts them under their keys."""
        return self._families.setdefault(prefix, defaultdict(list))

    def family_counts(self, prefix: str) -> defaultdict[str, int]:
        """The counts of the keys `prefix` + a suffix, by the suffix (see family())."""
        return self._family_counts.setdefault(prefix, defaultdict(int))

    def merge(self) -> None:
        """The families' lists and counts under their keys in `plans` and `counts`."""
        for prefix, lists in self._families.items():
            for suffix, ids in lists.items():
                self.plans[prefix + suffix].extend(ids)
        for prefix, numbers in self._family_counts.items():
            for suffix, count in numbers.items():
                self.counts[prefix + suffix] += count
        self._families, self._family_counts = {}, {}

    def keys(self, prefix: str) -> list[str]:
        """The keys seen that start with `prefix`, without it."""
        return [key[len(prefix):] for key in self.plans if key.startswith(prefix)]

    def figure(self, key: str, label: str, counts: str = PLANS) -> Figure:
        # In the order met (the store's summaries'; a list of them is sorted where it is
        # shown, ui/overview/drill.py); count_plans adds a plan once to each key.
        ids = tuple(self.plans.get(key, ()))
        return Figure(key, label, len(ids) if counts == PLANS else self.counts.get(key, 0),
                      ids, counts)

    def cti_over(self, start: str, end: str | None) -> bool:
        """A CTI course that has lasted longer than its 9 months: by its end when it has
        ended, else by today."""
        due = self._cti_ends.get(start)
        if due is None:
            due = self._cti_ends[start] = add_months(date.fromisoformat(start),
                                                     CTI_MONTHS).isoformat()
        return min(end, self.on) > due if end else self.on > due


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def compute(store: Store, *, start: date | None = None, end: date | None = None,
            unit: str = "", caseworker: str = "", today: date | None = None,
            policy: Policy = DEFAULT_POLICY, notice: Notice | None = None) -> Overview:
    """Every figure for the plans of `store` in the period from `start` to `end` (see
    above) and the scope `unit` or `caseworker` (empty: any), the state as on `today`.
    `notice(count)` is told before the facts of `count` plans are made again, when they are
    RENEWING_MANY or more (see summaries_of), so the front end can say why it takes time."""
    today = today or date.today()
    end = end or today
    # The summaries and facts of 10,000 plans are ~500,000 objects, none in a cycle, and the
    # figures' lists grow by as many: the cyclic collector would walk the whole heap again
    # and again while they are made (10,000 plans of the team store, a local store of as
    # many open beside, as the app has its caseload: 0.66 s -> 0.38 s).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _compute(store, start, end, unit, caseworker, today, policy, notice)
    finally:
        if enabled:
            gc.enable()


def _compute(store: Store, start: date | None, end: date, unit: str, caseworker: str,
             today: date, policy: Policy, notice: Notice | None) -> Overview:
    chosen, unread = select(store, start, end, unit, caseworker, policy, notice)
    tally = Tally(today, policy)
    first = start.isoformat() if start else ""
    last = end.isoformat()
    count_plans(tally, chosen, first, last)
    months = _months(tally, first, last)
    return Overview(start, end, unit.strip(), caseworker.strip(), today,
                    tally.figure("plans", ""), build_areas(tally, months, policy), unread)


def select(store: Store, start: date | None, end: date, unit: str, caseworker: str,
           policy: Policy, notice: Notice | None = None
           ) -> tuple[list[tuple[PlanSummary, Facts]], int]:
    """The plans in the period and scope with their facts, and how many could not be read."""
    wanted_unit, wanted_worker = _fold(unit), _fold(caseworker)
    first, last = (start.isoformat() if start else ""), end.isoformat()
    chosen: list[tuple[PlanSummary, Facts]] = []
    unread = 0
    for summary in summaries_of(store, first, last, unit, caseworker, policy, notice):
        # What the summary itself tells, before a plan without facts is read (the team store
        # has the unit and the caseworker responsible today in its summary).
        if (wanted_unit and summary.unit and _fold(summary.unit) != wanted_unit
                or wanted_worker and summary.caseworker
                and _fold(summary.caseworker) != wanted_worker):
            continue
        facts = summary.overview
        if not is_current(facts, policy):
            begins = summary.offer_date.isoformat() if summary.offer_date else summary.created[:10]
            if begins and begins > last:
                continue
            facts = facts_of_stored(store, summary.id, policy)
            if facts is None:
                unread += 1
                continue
        if (wanted_unit and _fold(facts["unit"]) != wanted_unit
                or wanted_worker and not summary.caseworker
                and _fold(facts["cw"]) != wanted_worker):
            continue
        begins, closed = facts["start"], facts["closed"]
        if (begins and begins > last) or (closed and closed < first):
            continue
        chosen.append((summary, facts))
    return chosen, unread


def summaries_of(store: Store, first: str, last: str, unit: str, caseworker: str,
                 policy: Policy, notice: Notice | None = None) -> list[PlanSummary]:
    """The summaries the overview looks at: on the team store those the server chooses for
    the period and scope (TeamStore.overview_summaries: every plan without current facts,
    the others only when in the period and scope), elsewhere every plan's. A local store
    makes facts missing or of another format (facts_format: another policy too) again
    once, under `policy`, keeping them in its index (renew_facts); what is left without
    is read by select()."""
    current, facts = facts_format(policy), store_facts(policy)
    chosen_by_server = getattr(store, "overview_summaries", None)
    if chosen_by_server is not None:
        return list(chosen_by_server(first=first, last=last, unit=unit, caseworker=caseworker,
                                     current=current, facts=facts))
    summaries = store.summaries()
    renew = getattr(store, "renew_facts", None)
    stale = [summary.id for summary in summaries if not is_current(summary.overview, policy)]
    if stale and renew is not None and notice is not None and len(stale) >= RENEWING_MANY:
        notice(len(stale))
    if stale and renew is not None and renew(stale, facts):
        summaries = store.summaries()
    return summaries


def count_plans(tally: Tally, chosen: list[tuple[PlanSummary, Facts]], first: str,
                last: str) -> None:
    """Add each plan to every figure it belongs to (`first`, `last`: the period, ISO days;
    `first` "" when it has no start). Written for 10,000 plans: one loop with what it
    looks up bound once, the facts' "x" split as it goes (facts.py PACKED), and each plan
    added once to a key's list (Tally.figure counts the list)."""
    plans, counts, on, today, stale = tally.plans, tally.counts, tally.on, tally.today, tally.stale
    start_days, cti_over = tally.policy.plan_start_days, tally.cti_over
    first_month, last_month = first[:7], last[:7]
    fromiso = date.fromisoformat
    add_plan, add_offered = plans["plans"].append, plans["offers.offered"].append
    add_notified, add_in_time = plans["sel142.notified"].append, plans["sel142.in_time"].append
    add_open, add_overdue = plans["keeping.open"].append, plans["keeping.overdue"].append
    add_stale, add_signed = plans["keeping.stale"].append, plans["keeping.signed"].append
    add_no_fejl, add_days = plans["quality.no_fejl"].append, tally.days.append
    offers, reasons, rules = tally.family("offers."), tally.family("reason."), tally.family("rule.")
    follow_ups, follow_up_counts = tally.family("fu."), tally.family_counts("fu.")
    achieved, achieved_counts = tally.family("ach."), tally.family_counts("ach.")
    bases, legal, methods = tally.family("basis."), tally.family("lb."), tally.family("m.")
    for summary, facts in chosen:
        plan_id = summary.id
        reason, notified, begun, signed, fu, sg, ach, lb, m, cti, q = facts["x"].split("|")
        add_plan(plan_id)
        # -- offers: by the offer's day
        offered = facts["start"]
        if offered and first <= offered <= last:
            decision = summary.decision or "pending"
            add_offered(plan_id)
            offers[decision].append(plan_id)
            if decision == "declined":
                reasons[reason or NONE].append(plan_id)
        if notified and first <= notified <= last:
            add_notified(plan_id)
            if begun and (fromiso(begun) - fromiso(notified)).days <= start_days:
                add_in_time(plan_id)
        # -- keeping up: the state of open cases, the first signing, the follow-ups
        if summary.status != "closed":
            add_open(plan_id)
            if summary.next_follow_up is not None and summary.next_follow_up < today:
                add_overdue(plan_id)
            changed = summary.updated[:10]
            if changed and changed < stale:
                add_stale(plan_id)
        if signed and first <= signed <= last:
            add_signed(plan_id)
            if summary.offer_date is not None:
                days = (fromiso(signed) - summary.offer_date).days
                if days >= 0:
                    add_days((days, plan_id))
        if fu:
            for item in fu.split():
                day, outcome = item.split(":")
                if first <= day <= last:
                    follow_up_counts[outcome] += 1
                    _add_once(follow_ups[outcome], plan_id)
        # -- quality, as the check finds it today
        fejl = False
        for rule_id in found_on(q, on):
            rules[rule_id].append(plan_id)
            fejl = fejl or rule_id in _FEJL_RULES
        if not fejl:
            add_no_fejl(plan_id)
        # -- goals
        for key, count in zip(_SUBGOAL_KEYS, sg.split()):
            if count != "0":
                plans[key].append(plan_id)
                counts[key] += int(count)
        if ach:
            for item in ach.split():
                month, count = item.split(":")
                if first_month <= month <= last_month:
                    achieved[month].append(plan_id)
                    achieved_counts[month] += int(count)
        # -- services
        bases[summary.basis].append(plan_id)
        for basis in lb.split():
            legal[basis].append(plan_id)
        for method in m.split() or _NO_METHOD:
            methods[method].append(plan_id)
        if cti:
            for course in cti.split():
                course_start, course_end = course.split(":")
                _add_once(plans["cti"], plan_id)
                if course_start and cti_over(course_start, course_end or None):
                    _add_once(plans["cti.long"], plan_id)
    tally.merge()


def _add_once(ids: list[str], plan_id: str) -> None:
    """Append `plan_id` unless it was the last one added (a plan's keys are added together)."""
    if not ids or ids[-1] != plan_id:
        ids.append(plan_id)


def _months(tally: Tally, first: str, last: str) -> list[str]:
    """The months the achieved sub-goals are shown for: the period's, from its first month
    (without one, from the first month anything was achieved) to its last."""
    seen = sorted(tally.keys("ach."))
    begin = first[:7] if first else (seen[0] if seen else last[:7])
    months = []
    year, month = int(begin[:4]), int(begin[5:7])
    while f"{year:04d}-{month:02d}" <= last[:7]:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months

