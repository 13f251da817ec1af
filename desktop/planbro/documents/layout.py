"""Plan -> Document: what the plan document says, in the order it says it.

The order follows serviceloven § 141, stk. 3 (formål, indsats, varighed,
andre forhold), framed by who, the offer, the citizen's own words, the
partners, the follow-up and the signatures. A declined offer gives a short
document: the offer, the answer, the reason and the signature lines — never
for § 142, whose plan is made although the citizen does not take part. A
helhedsorienteret plan (§ 141, stk. 7) puts each law's part under its own
heading; reform.py writes those parts and the § 110 stay.
"""

from __future__ import annotations

import datetime
from dataclasses import replace

from planbro.model.plan import OUTCOME_FFB, Partner, Plan, Service
from planbro.model.sharing import named_parts

from planbro.documents import reform
from planbro.documents import wording as w
from planbro.documents.blocks import (
    Block,
    Document,
    Fields,
    Heading,
    Paragraph,
    SignatureLine,
    Signatures,
    Table,
)
from planbro.documents.changes import Comparison, appendix
from planbro.documents.dates import long_date, short_date
from planbro.documents.filenames import is_draft, plan_date
from planbro.documents.legal import load_legal
from planbro.documents.long_text import META_CHARS, shorten
from planbro.documents.municipality import Municipality, Source, load_municipality
from planbro.documents.size import check_size
from planbro.documents.text import NBSP, keep_together, phone, printable, without_cpr

# Longest citizen name repeated in each page footer.
RUNNING_NAME_CHARS = 60


def _paragraphs(text: str, empty: str | None = w.NOT_FILLED) -> list[Block]:
    """One paragraph per line of user text; `empty` (if any) when there is none."""
    lines = [line.strip() for line in printable(text).split("\n")]
    blocks: list[Block] = [Paragraph(line) for line in lines if line]
    if not blocks and empty:
        blocks.append(Paragraph(empty, "note"))
    return blocks


def _fields(*rows: tuple[str, str], keep: tuple[str, ...] = ()) -> Fields:
    """Label/value rows; rows with an empty value are left out unless kept."""
    kept = tuple((label, printable(value)) for label, value in rows
                 if value or label in keep)
    return Fields(kept)


# Between the items of a list: the dot keeps to the item before it, so a
# line breaks after a separator, never before one.
SEPARATOR = f"{NBSP}· "


def _joined(*parts: str, sep: str = SEPARATOR) -> str:
    return sep.join(p for p in parts if p)


def _tlf(number: str) -> str:
    """ "tlf. 65 51 12 34", never broken: not after "tlf.", not inside the number."""
    return f"tlf.{NBSP}{phone(number)}" if number.strip() else ""


def _parties(plan: Plan) -> list[Block]:
    c, cw, co = plan.citizen, plan.caseworker, plan.coordinator
    coordinator = _joined(co.name, co.organisation, _tlf(co.phone), sep=", ")
    return [Heading(w.H_PARTIES), _fields(
        ("Borger", c.name), ("CPR-nummer", c.cpr), ("Adresse", c.address),
        ("Opholdssted", c.residence), ("Telefon", phone(c.phone)), ("E-mail", c.email),
        ("Handlekommune", c.acting_municipality),
        ("Sagsbehandler", cw.name), ("Enhed", cw.unit),
        ("Kontakt", _joined(_tlf(cw.phone), cw.email)),
        ("Tovholder", coordinator), reform.coordinator_row(plan), keep=("Borger",))]


def _offer(plan: Plan) -> list[Block]:
    o = plan.offer
    reason_label = "Begrundelse" if plan.declined else "Bemærkning"
    return [Heading(w.H_OFFER), _fields(
        ("Lovgrundlag", w.BASES[plan.basis]),
        ("Tilbudt den", long_date(o.date, w.NOT_SET)),
        ("Borgerens svar", w.DECISIONS[o.decision]),
        (reason_label, o.reason),
        # Left out (empty) unless the offer was declined and a day is set.
        ("Tilbydes igen", long_date(o.offer_again) if plan.declined else "")),
        *reform.participation(plan)]


def _goals(plan: Plan) -> list[Block]:
    blocks: list[Block] = [Heading(w.H_GOALS)]
    if not plan.goals:
        blocks.append(Paragraph(w.NO_GOALS, "note"))
    for number, goal in enumerate(plan.goals, 1):
        title = printable(goal.title) or w.NOT_FILLED
        blocks.append(Heading(f"Mål {number}: {title}", 2))
        if goal.kind:
            blocks.append(Fields(((w.GOAL_KIND_LABEL, w.GOAL_KINDS[goal.kind]),)))
        if not goal.subgoals:
            blocks.append(Paragraph(w.NO_SUBGOALS, "note"))
            continue
        rows = tuple((printable(s.text), printable(s.indicator), printable(s.responsible),
                      short_date(s.deadline), w.STATUSES[s.status]) for s in goal.subgoals)
        blocks.append(Table(w.GOAL_HEADER, rows, (3.1, 2.9, 2.3, 1.5, 1.5)))
    return blocks


def _served_goals(plan: Plan, service: Service) -> str:
    """ "Mål: <title> · <title>": the goals `service` serves, in the plan's goal order.

    A goal without a title is named by its number, as its heading is; a link
    to a goal that is not in the plan is left out (the quality check names it).
    """
    linked = set(service.goal_ids)
    names = [printable(goal.title) or w.UNTITLED_GOAL.format(number=number)
             for number, goal in enumerate(plan.goals, 1) if goal.id in linked]
    return w.SERVICE_GOALS.format(goals=_joined(*names) or w.NO_SERVICE_GOALS)


def _services(plan: Plan) -> list[Block]:
    blocks: list[Block] = [Heading(w.H_SERVICES)]
    if not plan.services:
        return blocks + [Paragraph(w.NO_SERVICES, "note")]
    rows = tuple((printable(s.title), printable(s.legal_basis), printable(s.provider),
                  printable(s.extent), short_date(s.start), short_date(s.end, w.NOT_SET),
                  s.method or "") for s in plan.services)
    notes = tuple(_joined(_served_goals(plan, s), w.SERVICE_TAKES_OVER.format(
        who=printable(s.takes_over)) if s.takes_over.strip() else "") for s in plan.services)
    blocks.append(Table(w.SERVICE_HEADER, rows, (3.0, 2.0, 2.7, 2.5, 1.55, 1.55, 1.3), notes))
    for method in dict.fromkeys(s.method for s in plan.services if s.method):
        blocks.append(Paragraph(keep_together(w.METHODS[method]), "note"))
    for service in plan.services:
        if service.phases:
            phases = tuple((printable(p.name), long_date(p.start), long_date(p.end))
                           for p in service.phases)
            blocks += [Heading(f"Faser i «{printable(service.title)}»", 2),
                       Table(w.PHASE_HEADER, phases, (5.0, 2.3, 2.3))]
    return blocks


def _duration(plan: Plan) -> list[Block]:
    d = plan.duration
    blocks: list[Block] = [Heading(w.H_DURATION)]
    if d.start or d.expected_end:
        blocks.append(_fields(("Start", long_date(d.start, w.NOT_SET)),
                              ("Forventet afslutning", long_date(d.expected_end, w.NOT_SET))))
    return blocks + _paragraphs(d.note, None if (d.start or d.expected_end) else w.NOT_FILLED)


def _circumstances(plan: Plan) -> list[Block]:
    blocks: list[Block] = [Heading(w.H_CIRCUMSTANCES)]
    for key, text in plan.circumstances.items():
        body = _paragraphs(text, None)
        reason = plan.circumstances.not_relevant_reason(key)
        if reason is not None:
            reason = " ".join(printable(reason).split())
            body.append(Paragraph(w.NOT_RELEVANT.format(reason=reason) if reason
                                  else w.NOT_RELEVANT_NO_REASON))
        if body:
            blocks += [Heading(w.CIRCUMSTANCE_LABELS[key], 2), *body]
    if len(blocks) == 1:
        blocks.append(Paragraph(w.NO_CIRCUMSTANCES, "note"))
    return blocks


def parts_text(sections: list[str] | tuple[str, ...]) -> str:
    """ "Formål, indsatser og boform": the ticked parts of the plan in its order; "" for none."""
    names = named_parts(sections, w.SECTION_LABELS, w.services_alone)
    names = names[:1] + [n[:1].lower() + n[1:] for n in names[1:]]
    return " og ".join(filter(None, (", ".join(names[:-1]), names[-1]))) if names else ""


def _consent(p: Partner) -> tuple[str, str, str]:
    c = p.consent
    if c.withdrawn:
        given = f"Trukket tilbage {short_date(c.withdrawn)}"
    elif c.given:
        given = _joined("Ja", f"givet {short_date(c.date)}" if c.date else "", sep=", ")
    else:
        given = "Nej"
    return given, _joined(parts_text(c.sections), printable(c.scope), sep="\n"), short_date(c.expires)


def _partners(plan: Plan) -> list[Block]:
    blocks: list[Block] = [Heading(w.H_PARTNERS)]
    if not plan.partners:
        return blocks + [Paragraph(w.NO_PARTNERS, "note")]
    rows = tuple((printable(p.name), printable(_joined(p.organisation, p.role, sep=", ")),
                  printable(_joined(phone(p.phone), p.email, sep="\n")), *_consent(p))
                 for p in plan.partners)
    return blocks + [Table(w.PARTNER_HEADER, rows, (2.0, 2.7, 3.4, 1.7, 2.6, 1.5))]


def _handovers(plan: Plan) -> list[Block]:
    if not plan.handovers:
        return []
    rows = tuple((printable(h.to), _joined(parts_text(h.sections), printable(h.parts), sep="\n"),
                  short_date(h.date)) for h in plan.handovers)
    return [Heading(w.H_HANDOVERS), Table(w.HANDOVER_HEADER, rows, (3.5, 4.5, 1.6))]


def _follow_up(plan: Plan) -> list[Block]:
    f = plan.follow_up
    blocks: list[Block] = [Heading(w.H_FOLLOW_UP),
                           _fields(("Næste opfølgning", long_date(f.next_date, w.NOT_SET)))]
    if f.history:
        # Each outcome with its indsats status in KL's Fælles Faglige Begreber.
        rows = tuple((short_date(e.date), w.OUTCOMES[e.outcome], OUTCOME_FFB[e.outcome],
                      printable(e.note)) for e in f.history)
        blocks.append(Table(w.HISTORY_HEADER, rows, (1.5, 1.4, 3.4, 3.9)))
    return blocks


def _signatures(plan: Plan) -> list[Block]:
    s = plan.signatures
    place = printable(s.place)

    def line(label: str, name: str, signed: datetime.date | None) -> SignatureLine:
        return SignatureLine(label, printable(name), f"Sted: {place or w.BLANK}",
                             f"Dato: {long_date(signed, w.BLANK)}")

    statement = (w.SIGN_DECLINED if plan.declined else
                 w.SIGN_WITHOUT_CITIZEN if reform.not_taking_part(plan) else w.SIGN_PLAN)
    citizen = line(w.SIGN_CITIZEN, plan.citizen.name, s.citizen_signed)
    if s.citizen_declined:
        note = printable(s.citizen_declined_note)
        citizen = replace(citizen, date=f"{w.CITIZEN_WILL_NOT_SIGN}: {note}" if note
                          else f"{w.CITIZEN_WILL_NOT_SIGN}.")
    lines = (citizen, line(w.SIGN_CASEWORKER, plan.caseworker.name, s.caseworker_signed))
    return [Heading(w.H_SIGNATURES), Signatures(statement, lines)]


def _content(plan: Plan) -> list[Block]:
    """The plan after its offer: § 141, stk. 3's parts, then partners and follow-up;
    a helhedsorienteret plan's social and beskæftigelse parts under their laws' headings."""
    social: list[Block] = [Heading(w.H_WORDS), *_paragraphs(plan.citizen_words)]
    if plan.resources.strip():
        social += [Heading(w.H_RESOURCES), *_paragraphs(plan.resources)]
    social += [Heading(w.H_PURPOSE), *_paragraphs(plan.purpose), *_goals(plan),
               *_services(plan), *_duration(plan), *_circumstances(plan)]
    common = [*_partners(plan), *_handovers(plan), *_follow_up(plan)]
    if not reform.coordinated(plan):
        return social + common
    return [Heading(w.H_PART_SOCIAL, 0), *social, *reform.employment_part(plan),
            Heading(w.H_PART_COMMON, 0), *common]


def _replaces(plan: Plan) -> list[Block]:
    """A revision says first which signed version it replaces."""
    r = plan.replaces
    if r.version is None:
        return []
    signed = f" af {long_date(r.signed)}" if r.signed else ""
    return [Paragraph(w.REPLACES.format(version=r.version, signed=signed), "note")]


def _meta_title(title: str, name: str, version: int) -> str:
    """ "<title> – <name>, version <n>", the name shortened so the whole fits
    in a metadata field; never a CPR number."""
    tail = f", version {version}"
    head = f"{title} – "
    return head + shorten(without_cpr(name), META_CHARS - len(head) - len(tail)) + tail


def build_document(plan: Plan, settings: Source = None,
                   changes: Comparison | None = None) -> Document:
    """The document for `plan`; `settings`: see municipality.load_municipality;
    `changes`: the changes since a signed version, printed as an appendix at the end.

    Raises ValidationError when the plan is too large to render (size.py).
    """
    check_size(plan)
    municipality: Municipality = load_municipality(settings)
    # The settings' address line wraps as the plan's own text does ("Tlf. 12 34 56 78" whole).
    municipality = replace(municipality, name=keep_together(municipality.name),
                           address=keep_together(municipality.address))
    blocks: list[Block] = [*_replaces(plan), *reform.opening(plan), *_parties(plan),
                           *_offer(plan), *reform.stay(plan)]
    if not plan.declined:
        blocks += _content(plan)
    blocks += _signatures(plan)
    if changes is not None:
        blocks += appendix(changes)
    name = printable(plan.citizen.name)
    title = w.TITLES[plan.basis]
    if plan.declined:
        title = "Tilbud om handleplan – afslag"
    day = long_date(plan_date(plan))
    # The footer repeats the name on every page: never with a CPR number
    # typed into it (the number is printed once, under Borger).
    short_name = shorten(without_cpr(name), RUNNING_NAME_CHARS)
    return Document(
        title=title,
        footnote=load_legal().footer,
        subtitle=_joined(f"Version {plan.version}", day),
        municipality=municipality,
        # Metadata is seen in file lists and archives: never a CPR number,
        # and short enough for every format (long_text.META_CHARS).
        meta_title=_meta_title(title, name, plan.version),
        author=shorten(without_cpr(printable(plan.caseworker.name)) or municipality.name),
        running=_joined(f"Handleplan for {short_name}", f"version {plan.version}"),
        blocks=tuple(blocks),
        mark=w.DRAFT_MARK if is_draft(plan) else "",
        # The whole plan is the original for the case file: it carries the
        # full CPR number (above, under Borger) and says so on every page.
        purpose=w.ORIGINAL,
    )
