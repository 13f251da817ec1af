"""The overview's five areas made from a Tally (compute.py): which figures, in which order,
under which words. The words are the user's language's; the keys stay the same in any."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from babel.dates import format_date

from planbro.translation import _, language

from planbro.model.plan import BASES, OUTCOMES, SUBGOAL_STATUSES

from planbro.quality import ADVARSEL, FEJL, RULES, Policy

from planbro.overview.figures import FOLLOW_UPS, SUBGOALS, Area, Figure, Group, Share, Spread
from planbro.overview.grouping import NONE, OTHER, REASON_KEYS
from planbro.overview.labels import (
    basis_names,
    legal_basis_name,
    method_names,
    outcome_names,
    reason_names,
    rule_names,
    status_names,
)

if TYPE_CHECKING:
    from planbro.overview.compute import Tally


def build_areas(tally: Tally, months: list[str], policy: Policy) -> tuple[Area, ...]:
    return (_offers(tally, policy), _keeping(tally), _quality(tally), _goals(tally, months),
            _services(tally))


def _share(key: str, label: str, part: Figure, base: Figure) -> Share:
    return Share(key, label, len(part.plans), len(base.plans), part.plans)


def _offers(tally: Tally, policy: Policy) -> Area:
    offers = Group("offers.offers", _("Offers of a plan in the period"), (
        tally.figure("offers.offered", _("Offered")),
        tally.figure("offers.accepted", _("Accepted")),
        tally.figure("offers.declined", _("Declined")),
        tally.figure("offers.pending", _("Awaiting the answer")),
    ), chart=True)
    names = reason_names()
    reasons = Group("offers.reasons", _("Reasons for declining"), tuple(
        tally.figure(f"reason.{key}", names[key]) for key in REASON_KEYS), chart=True)
    notified = tally.figure("sel142.notified", _("Notification received in the period"))
    in_time = tally.figure("sel142.in_time", _("Started within {days} days").format(
        days=policy.plan_start_days))
    sel142 = Group("offers.sel142", _("§ 142 plans after the boform's notification"), (
        notified, in_time, _share("sel142.share", _("Share started in time"), in_time, notified)))
    return Area("offers", _("Offers"), (offers, reasons, sel142))


def _keeping(tally: Tally) -> Area:
    state = Group("keeping.state", _("Open cases today"), (
        tally.figure("keeping.open", _("Open cases")),
        tally.figure("keeping.overdue", _("Follow-up overdue")),
        tally.figure("keeping.stale", _("Not updated for 12 months")),
    ))
    days = sorted(tally.days)
    signing = Group("keeping.signing", _("From offer to signed plan"), (
        tally.figure("keeping.signed", _("Signed for the first time in the period")),
        Spread("keeping.days", _("Days from offer to signed plan (median and quartiles)"),
               tuple(d for d, _plan in days), tuple(sorted({p for _d, p in days}))),
    ))
    names = outcome_names()
    follow_ups = Group("keeping.follow_ups", _("Follow-ups in the period, by outcome"), tuple(
        tally.figure(f"fu.{outcome}", names[outcome], FOLLOW_UPS) for outcome in OUTCOMES),
        chart=True)
    return Area("keeping", _("Keeping up"), (state, signing, follow_ups))


def _quality(tally: Tally) -> Area:
    checked = tally.figure("plans", _("Plans checked"))
    checked = Figure("quality.checked", checked.label, checked.count, checked.plans)
    clean = tally.figure("quality.no_fejl", _("Plans without a fejl"))
    summary = Group("quality.summary", _("The quality check today"), (
        checked, clean, _share("quality.share", _("Share without a fejl"), clean, checked)))
    names = rule_names()
    groups = [summary]
    for severity, key, title in ((FEJL, "quality.fejl", _("Plans with a fejl, by rule")),
                                 (ADVARSEL, "quality.advarsel",
                                  _("Plans with an advarsel, by rule"))):
        found = [tally.figure(f"rule.{rule.id}", names.get(rule.id, rule.id))
                 for rule in RULES if rule.severity == severity]
        # The rules that found something, most plans first (sorted() keeps the rules' order).
        found = sorted((f for f in found if f.count), key=lambda f: -f.count)
        groups.append(Group(key, title, tuple(found), chart=True))
    return Area("quality", _("Quality"), tuple(groups))


def month_name(month: str) -> str:
    """ "jan. 2026" for "2026-01", in the user's language."""
    return format_date(date(int(month[:4]), int(month[5:7]), 1), "MMM y", locale=language())


def _goals(tally: Tally, months: list[str]) -> Area:
    names = status_names()
    status = Group("goals.status", _("Sub-goals by status"), tuple(
        tally.figure(f"sg.{s}", names[s], SUBGOALS) for s in SUBGOAL_STATUSES), chart=True)
    achieved = Group("goals.achieved", _("Sub-goals achieved, by month"), tuple(
        tally.figure(f"ach.{m}", month_name(m), SUBGOALS) for m in months), chart=True)
    return Area("goals", _("Goals and sub-goals"), (status, achieved))


def _services(tally: Tally) -> Area:
    bases = basis_names()
    basis = Group("services.basis", _("Plans by basis"), tuple(
        tally.figure(f"basis.{b}", bases[b]) for b in BASES), chart=True)
    named = [k for k in tally.keys("lb.") if k not in (OTHER, NONE)]
    found = sorted((tally.figure(f"lb.{k}", legal_basis_name(k)) for k in named),
                   key=lambda f: (-f.count, f.label))
    found += [tally.figure(f"lb.{k}", legal_basis_name(k)) for k in (OTHER, NONE)]
    legal = Group("services.legal", _("Plans by the services' legal basis"), tuple(found),
                  chart=True)
    methods = method_names()
    method = Group("services.methods", _("Plans by Housing First method"), tuple(
        tally.figure(f"m.{m}", methods[m]) for m in ("CTI", "ICM", "ACT", NONE)), chart=True)
    cti = Group("services.cti", _("CTI courses"), (
        tally.figure("cti", _("Plans with a CTI course")),
        tally.figure("cti.long", _("Plans with a CTI course running over 9 months")),
    ))
    return Area("services", _("Services"), (basis, legal, method, cti))
