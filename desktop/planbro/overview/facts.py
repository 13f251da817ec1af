"""The overview's facts of one plan: what every figure needs of it, made when the plan is saved.

┌──────────────────────────────────────────────────────────────────────────┐
│ Why facts: reading and checking one plan costs ~2 ms, so 10,000 plans    │
│ would take 20 s. The store is opened with store_facts() as its Facts     │
│ (planbro.storage.summary), so each save keeps these facts in the plan's  │
│ summary row, and the overview reads only summaries. A row without them   │
│ (a store opened without, the team store) is made up by reading the plan  │
│ (facts_of_stored), which is right but slow.                              │
│                                                                          │
│ The quality check depends on the day it is asked on (a follow-up falls   │
│ due, a consent expires, a citizen turns 25). Each rule is asked on       │
│ FIRST_DAY and LAST_DAY; one that answers differently changes once in     │
│ between, and the day it changes is found by bisection. Every rule is     │
│ monotone in the day: a date passes and stays passed, an age is reached   │
│ and stays reached (tests/overview check it against check_plan). So `q`   │
│ says on which days each rule finds something, and the overview asks it   │
│ for any day without the plan.                                            │
└──────────────────────────────────────────────────────────────────────────┘

The facts are a JSON object of six keys (the index holds one per plan): five the team store's
server reads (storage/postgres/overview_rows.py) and "x", the rest packed in one text. Dates
are ISO text, which compares as the dates do. No figure shows the free text of a plan: a
reason and a legal basis are kept as their group (grouping.py).
  f       facts_format(policy): the rules and the policy they were made under; facts of
          another format (another Planbro, a rule changed, the municipality changed its
          policy) are not current, and are made again from the plan
  cw, unit  the caseworker and unit the plan names (the scope on a local store, which has no
          hand-over; the team store scopes a caseworker by who is responsible today,
          compute.py select; never shown)
  start   the day the case counts from: the offer's day, else the plan's first save
  closed  the day a closed case ended (a closing follow-up, else its last save); None if open
  x       the fields of PACKED, in its order, "|" between; "" for none (unpack() reads it
          back as the values below; compute.py splits it itself):
  reason  a declined offer's reason group; none unless the offer was declined
  notified, begun  § 142: the boform's notification, and the day work on the plan started
  signed  the day a version was first signed in full; none before
  fu      "DAY:OUTCOME ...": the follow-ups recorded
  sg      "N N N N": the newest version's sub-goals by status, in SUBGOAL_STATUSES order
  ach     "YYYY-MM:N ...": sub-goals by the month they were first recorded as achieved (the
          first version saying so: its signing day, or its last save while a draft)
  lb, m   the services' legal bases (grouping.py codes) and Housing First methods,
          distinct, sorted ("S101 S85a", "CTI")
  cti     "START:END ...": each CTI course's first and last day (service and phases; a day
          not known is empty)
  q       the rules that find something, each by its number in RULES: "N" on every day,
          "N>DAY" from DAY on, "N<DAY" until the day before DAY (rule_days)

┌──────────────────────────────────────────────────────────────────────────┐
│ Why one text: a JSON object per plan with its lists is ~30 objects to    │
│ parse, keep and free; 10,000 plans' facts took 50 ms of every opening of │
│ the local store's index (the caseload's and `planbro overblik`'s start). │
│ As one text each they take 15 ms, and the overview splits them as it    │
│ counts (tests/benchmarks/bench_overview.py).                             │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from datetime import date, timedelta
from typing import Any

from planbro.model import Plan
from planbro.model.convert import from_dict, to_dict
from planbro.model.plan import SUBGOAL_STATUSES

from planbro.quality import DEFAULT_POLICY, RULES, Policy, Rule
from planbro.quality.check import rule_hits
from planbro.quality.rules_reform import work_started
from planbro.storage import Store, StoreError
from planbro.storage.lifecycle import closed_on
from planbro.storage.summary import Facts as StoreFacts

from planbro.overview.grouping import legal_basis, reason_group

# The days each quality rule is asked on when the facts are made (see above): no overview
# is asked about a day before Planbro (a rule's answer on FIRST_DAY holds for those).
FIRST_DAY, LAST_DAY = date(2020, 1, 1), date(2100, 1, 1)
# The rules as `q` names them: by their place in RULES (facts_format changes with RULES).
RULE_IDS = tuple(rule.id for rule in RULES)
RULE_NUMBERS = {rule_id: number for number, rule_id in enumerate(RULE_IDS)}
# One plan's facts (see above).
Facts = dict[str, Any]
# The fields packed in the facts' "x", in their order (see above).
PACKED = ("reason", "notified", "begun", "signed", "fu", "sg", "ach", "lb", "m", "cti", "q")


def store_facts(policy: Policy = DEFAULT_POLICY) -> StoreFacts:
    """The Facts a store is opened with: plan_facts under the municipality's `policy`."""
    def facts(docs: dict[int, dict[str, Any]], plan: Plan | None = None) -> Facts:
        return plan_facts(docs, policy, plan)

    return facts


@functools.cache
def facts_format(policy: Policy) -> str:
    """The format of facts made under `policy`, with a digest of the quality rules (their
    ids and severities) and of the policy's values: facts made by another Planbro, before a
    rule was added or changed, or under another policy (the municipality changed
    plan_start_days in municipality.toml: `q` says when plan-start-late finds something)
    are made again from the plan, never counted wrong."""
    rules = " ".join(f"{rule.id}:{rule.severity}" for rule in RULES)
    values = " ".join(f"{field.name}={getattr(policy, field.name)!r}"
                      for field in dataclasses.fields(policy))
    return "3/" + hashlib.sha256(f"{rules} | {values}".encode()).hexdigest()[:8]


# The policy last asked about and its format: is_current is asked once per plan, with the
# same policy (10,000 plans: ~1 ms by identity, ~3 ms hashing the policy each time).
_last: tuple[Policy | None, str] = (None, "")


def is_current(facts: object, policy: Policy) -> bool:
    """True for facts of the format under `policy` (a summary's overview may be None, older,
    or made under another policy)."""
    global _last
    last = _last
    if last[0] is not policy:
        _last = last = (policy, facts_format(policy))
    return isinstance(facts, dict) and facts.get("f") == last[1]


def facts_of_stored(store: Store, plan_id: str, policy: Policy = DEFAULT_POLICY) -> Facts | None:
    """The facts of a stored plan read from its versions; None when it cannot be read (it is
    named by the store's own messages, and counted by the overview as not read)."""
    try:
        docs = {number: to_dict(store.get(plan_id, number)) for number in store.versions(plan_id)}
    except StoreError:
        return None
    return plan_facts(docs, policy) if docs else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _day(stamp: object) -> str | None:
    """The day of an ISO timestamp or date ("2026-11-05T10:00:00Z" -> "2026-11-05")."""
    return stamp[:10] if isinstance(stamp, str) and len(stamp) >= 10 else None


def plan_facts(docs: dict[int, dict[str, Any]], policy: Policy = DEFAULT_POLICY,
               plan: Plan | None = None) -> Facts:
    """The facts of a plan stored as `docs` (exchange dicts by version); `plan` is the
    newest of them as a Plan when the caller has it (else it is built from its dict).
    Raises ValidationError when the newest version is not a plan (the store keeps None)."""
    if plan is None or plan.version != max(docs):
        plan = from_dict(Plan, docs[max(docs)])
    offer_day = _iso(plan.offer.date) or _day(plan.created)
    closed = None
    if plan.status == "closed":
        closed = _iso(closed_on(plan)) or _day(plan.updated)
    statuses = [sub.status for goal in plan.goals for sub in goal.subgoals]
    return {
        "f": facts_format(policy),
        "cw": plan.caseworker.name.strip(),
        "unit": plan.caseworker.unit.strip(),
        "start": offer_day,
        "closed": closed,
        "x": "|".join((
            (reason_group(plan.offer.reason) if plan.offer.decision == "declined" else ""),
            (_iso(plan.boform.notified) or "") if plan.basis == "sel-142" else "",
            (_iso(work_started(plan)) or "") if plan.basis == "sel-142" else "",
            _first_signed(docs) or "",
            " ".join(f"{entry.date.isoformat()}:{entry.outcome}"
                     for entry in plan.follow_up.history if entry.date is not None),
            " ".join(str(statuses.count(status)) for status in SUBGOAL_STATUSES),
            " ".join(f"{month}:{count}" for month, count in _achieved_months(docs).items()),
            " ".join(sorted({legal_basis(service.legal_basis) for service in plan.services})),
            " ".join(sorted({service.method for service in plan.services if service.method})),
            " ".join("{}:{}".format(*(day or "" for day in _course(service.start, service.end,
                                                                   service.phases)))
                     for service in plan.services if service.method == "CTI"),
            " ".join(rule_text(rule, days) for rule, days in rule_days(plan, policy).items()),
        )),
    }


def unpack(facts: Facts) -> dict[str, Any]:
    """The facts with "x" read back into its fields (see above): days and texts as they
    are (None for none), "fu" and "cti" as [[day, value], ...], "sg" as counts and "ach"
    as {"YYYY-MM": n}. For reading facts; the overview's count splits "x" itself."""
    fields = dict(zip(PACKED, facts["x"].split("|")))
    read = {key: value for key, value in facts.items() if key != "x"}
    for key in ("reason", "notified", "begun", "signed"):
        read[key] = fields[key] or None
    read["fu"] = [item.split(":") for item in fields["fu"].split()]
    read["sg"] = [int(count) for count in fields["sg"].split()]
    read["ach"] = {month: int(count) for month, count in
                   (item.split(":") for item in fields["ach"].split())}
    read["cti"] = [[day or None for day in item.split(":")] for item in fields["cti"].split()]
    read.update({key: fields[key] for key in ("lb", "m", "q")})
    return read


def _signed_day(doc: dict[str, Any]) -> str | None:
    """The day version `doc` was signed in full (Signatures.signed_on), None if it was not."""
    if doc.get("status") not in ("signed", "closed"):
        return None
    signatures = doc.get("signatures") or {}
    days = [d for d in (signatures.get("citizen_signed"), signatures.get("caseworker_signed")) if d]
    return max(days) if days else None


def _first_signed(docs: dict[int, dict[str, Any]]) -> str | None:
    return next((day for number in sorted(docs) if (day := _signed_day(docs[number]))), None)


def _achieved_months(docs: dict[int, dict[str, Any]]) -> dict[str, int]:
    """Sub-goals by the month they were first recorded as achieved, a sub-goal known by its
    goal and its text (a revision keeps both; sub-goals have no id of their own)."""
    seen: set[tuple[str, str]] = set()
    months: dict[str, int] = {}
    for number in sorted(docs):
        doc = docs[number]
        day = _signed_day(doc) or _day(doc.get("updated"))
        for goal in doc.get("goals") or []:
            for sub in goal.get("subgoals") or []:
                key = (str(goal.get("id", "")), " ".join(str(sub.get("text", "")).split()).casefold())
                if sub.get("status") == "achieved" and key not in seen:
                    seen.add(key)
                    if day:
                        months[day[:7]] = months.get(day[:7], 0) + 1
    return months


def _course(start: date | None, end: date | None, phases: list[Any]) -> list[str | None]:
    """A CTI course's first and last day, as the quality check spans it (cti-duration)."""
    starts = [d for d in (start, *(p.start for p in phases)) if d]
    ends = [d for d in (end, *(p.end for p in phases)) if d]
    return [_iso(min(starts)) if starts else None, _iso(max(ends)) if ends else None]


def rule_days(plan: Plan, policy: Policy = DEFAULT_POLICY) -> dict[str, list[str | None]]:
    """On which days each rule finds something in `plan` (the `q` of the facts)."""
    found: dict[str, list[str | None]] = {}
    for rule in RULES:
        first = bool(rule_hits(rule, plan, FIRST_DAY, policy))
        last = bool(rule_hits(rule, plan, LAST_DAY, policy))
        if first and last:
            found[rule.id] = [None, None]
        elif first or last:
            change = _change_day(rule, plan, policy, first)
            found[rule.id] = [None, change.isoformat()] if first else [change.isoformat(), None]
    return found


def _change_day(rule: Rule, plan: Plan, policy: Policy, first: bool) -> date:
    """The first day on which `rule` answers otherwise than on FIRST_DAY (`first`)."""
    low, high = FIRST_DAY, LAST_DAY
    # Invariant: the answer on `low` is `first`, on `high` it is not.
    while (high - low).days > 1:
        middle = low + timedelta(days=(high - low).days // 2)
        if bool(rule_hits(rule, plan, middle, policy)) == first:
            low = middle
        else:
            high = middle
    return high


def rule_text(rule: str, days: list[str | None]) -> str:
    """One rule's part of `q`: its number, alone or with ">DAY" or "<DAY"."""
    since, until = days
    number = RULE_NUMBERS[rule]
    return f"{number}>{since}" if since else f"{number}<{until}" if until else str(number)


def found_on(q: str, on: str) -> list[str]:
    """The ids of the rules of `q` that find something on the ISO day `on`."""
    found = []
    for part in q.split():
        # A day is 10 characters, after its ">" or "<".
        mark = part[-11:-10]
        if mark == ">":
            if on >= part[-10:]:
                found.append(RULE_IDS[int(part[:-11])])
        elif mark == "<":
            if on < part[-10:]:
                found.append(RULE_IDS[int(part[:-11])])
        else:
            found.append(RULE_IDS[int(part)])
    return found


def finds(days: list[str | None], on: str) -> bool:
    """Whether a rule whose rule_days entry is `days` finds something on the ISO day `on`."""
    since, until = days
    return (since is None or on >= since) and (until is None or on < until)

