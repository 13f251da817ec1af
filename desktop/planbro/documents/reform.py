"""The parts of a plan document the 2023 reform and § 141, stk. 7 add (layout.py
places them): the § 142 plan a citizen did not take part in, the § 110 stay with
its bostøtte wish and discharge conditions, and the helhedsorienteret plan's opening
and beskæftigelse part.

┌──────────────────────────────────────────────────────────────────────────┐
│ Ja and Nej, not ticked boxes                                             │
│                                                                          │
│ The discharge conditions are a table of "Ja"/"Nej" rather than ☐/☒:    │
│ the embedded Planbro Sans has no ballot-box glyphs (reportlab has no     │
│ font fallback, so they would print as empty squares in the PDF), and a   │
│ word reads the same in Word, in the PDF and aloud in a screen reader.    │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

from planbro.model.plan import Plan

from planbro.documents import wording as w
from planbro.documents.blocks import Block, Fields, Heading, Paragraph, Table
from planbro.documents.dates import long_date
from planbro.documents.text import NBSP, printable

# Between the plans a helhedsorienteret plan replaces: the dot keeps to the plan before it.
SEPARATOR = f"{NBSP}· "


def at_boform(plan: Plan) -> bool:
    return plan.basis == "sel-142"


def coordinated(plan: Plan) -> bool:
    return plan.basis == "sel-141-7"


def not_taking_part(plan: Plan) -> bool:
    """A § 142 plan whose citizen did not wish to take part (or said no to the offer):
    the plan is made all the same, from what the municipality knows."""
    return at_boform(plan) and (plan.participation.declined or plan.offer.decision == "declined")


def _refusal_reason(plan: Plan) -> str:
    reason = printable(plan.participation.reason).strip()
    if not reason and plan.offer.decision == "declined":
        reason = printable(plan.offer.reason).strip()
    # One sentence: the reason's own lines and final stop are folded into it.
    return " ".join(reason.split()).rstrip(".")


def participation(plan: Plan) -> list[Block]:
    """The sentence that the citizen did not take part, and that the plan is made anyway."""
    if not not_taking_part(plan):
        return []
    reason = _refusal_reason(plan)
    said = w.NOT_TAKING_PART.format(
        reason=w.NOT_TAKING_PART_REASON.format(reason=reason) if reason else "")
    return [Paragraph(f"{said} {w.MADE_WITHOUT_CITIZEN}", "statement")]


def _wish(plan: Plan) -> tuple[tuple[str, str], ...]:
    s = plan.support_wish
    rows = [("Ønske om bostøtte", printable(s.wish))]
    if s.not_followed:
        reason = printable(s.reason).strip()
        rows.append(("Ønsket følges", w.WISH_NOT_FOLLOWED.format(reason=reason) if reason
                     else w.WISH_NOT_FOLLOWED_NO_REASON))
    return tuple(rows)


def stay(plan: Plan) -> list[Block]:
    """A § 142 plan's stay at the boform, the bostøtte wish and the § 110, stk. 5 conditions."""
    if not at_boform(plan):
        return []
    b = plan.boform
    rows = (("Forsorgshjem/herberg", printable(b.name)),
            ("Indskrevet på boformen", long_date(b.admitted, w.NOT_SET)),
            ("Orientering modtaget", long_date(b.notified, w.NOT_SET)),
            ("Planlagt udskrivning", long_date(b.planned_end, w.NOT_SET)), *_wish(plan))
    kept = tuple((label, value) for label, value in rows if value)
    d = plan.discharge
    # Nr. 1, that a plan exists, is this plan; the others as the caseworker ticked them.
    held = {"plan": w.THIS_PLAN} | {
        key: w.HELD if getattr(d, key) else w.NOT_HELD
        for key in ("home_or_place", "support_decided", "lease_signed")}
    conditions = tuple((text, held[key]) for key, text in w.DISCHARGE_CONDITIONS)
    blocks: list[Block] = [Heading(w.H_STAY), Fields(kept), Heading(w.H_DISCHARGE, 2),
                           Table(w.DISCHARGE_HEADER, conditions, (8.0, 1.6)),
                           Paragraph(w.DISCHARGE_ALL_HOLD if d.all_hold() else w.DISCHARGE_NOT_YET)]
    note = printable(d.note).strip()
    return blocks + ([Paragraph(f"Bemærkning: {note}")] if note else [])


def opening(plan: Plan) -> list[Block]:
    """A helhedsorienteret plan says first which plans it replaces, and the consent."""
    if not coordinated(plan):
        return []
    c = plan.coordinated
    plans = [printable(p).strip() for p in c.replaces if printable(p).strip()]
    says = (w.COORDINATED_OPENING.format(plans=SEPARATOR.join(plans)) if plans
            else w.COORDINATED_REPLACES_NOTHING)
    how = printable(c.consent_how).strip()
    consent = (w.CONSENT_GIVEN.format(date=long_date(c.consent_date),
                                      how=f" ({how.rstrip('.')})" if how else "")
               if c.consent_date else w.CONSENT_MISSING)
    return [Paragraph(f"{says} {consent}", "statement")]


def coordinator_row(plan: Plan) -> tuple[str, str]:
    """The coordinating caseworker, among the parties (empty unless § 141, stk. 7)."""
    name = printable(plan.coordinated.coordinating_caseworker) if coordinated(plan) else ""
    return ("Koordinerer planen", name)


def employment_part(plan: Plan) -> list[Block]:
    """The beskæftigelse part of a helhedsorienteret plan, under its own law's heading."""
    c = plan.coordinated
    rows = (("Jobcentrets mål", printable(c.employment_goals) or w.NOT_FILLED),
            ("Jobcentrets indsatser", printable(c.employment_services) or w.NOT_FILLED),
            ("Kontakt i jobcentret", printable(c.jobcenter_contact)))
    return [Heading(w.H_PART_EMPLOYMENT, 0), Fields(tuple(r for r in rows if r[1]))]
