"""What of a plan one partner may be given: the parts of the partner's standing
consent and those handed over to the partner's service under § 141 stk. 5.

    sharing(plan, partner, today) -> Sharing   the grounds and the parts they cover
    reduced(plan, sections) -> Plan            a copy holding only those parts
    ("service:<id>" in sections: that one service; "services": all of them)
    extract_detail(kind, number, sections)     the audit record's detail of an extract
    read_extract_detail(detail)                and back: (kind, number, sections) or None

┌──────────────────────────────────────────────────────────────────────────┐
│ Why a hand-over is matched to a partner by its whole name                │
│                                                                          │
│ A hand-over names its service in free text ("Forsorgshjemmet Skovbrynet  │
│ (§ 110)"). Matching loosely, by one name inside the other, would hand   │
│ the parts given to "Rusmiddelcenteret, Odense Kommune" to every partner │
│ whose organisation is "Odense Kommune". So the service is the partner's │
│ only when the hand-over's recipient, without its bracketed legal         │
│ reference, case and spacing, is the partner's organisation or name.     │
│ A near miss gives the partner nothing more: the safe side of a mistake.  │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date

from planbro.model.plan import (
    MATTERS,
    SECTION_WORDS,
    SECTIONS,
    SERVICE_PREFIX,
    Circumstances,
    Consent,
    Duration,
    Handover,
    NotRelevant,
    Partner,
    Plan,
)

# A bracketed remark in a recipient's name: "(§ 110)", "(§ 101-behandling)".
_BRACKETED = re.compile(r"\([^)]*\)")
# What may stand around a name without making it another one.
_EDGES = " ,.;:-–"
# The detail of the audit record of a partner's extract: the kind, the partner's place in
# the version's list of partners (never a name: the log holds no personal data) and the
# parts given, all fixed words. Three digits at most, so never a CPR number or a date.
EXTRACT_DETAIL = "udskrift {kind} til samarbejdspart {number}: {parts}"
# The same, read back.
_EXTRACT_DETAIL = re.compile(r"udskrift (docx|pdf) til samarbejdspart ([1-9][0-9]{0,2}): (.+)")
# Between the parts in the detail.
_DETAIL_SEPARATOR = ", "
# Single services given (not all: "indsatser"), by their count, in the detail: never a
# title, which may tell of treatment.
_ONE_SERVICE, _SOME_SERVICES = "1 indsats", "{count} indsatser"
# The same, read back.
_SERVICES_COUNT = re.compile(r"([1-9][0-9]{0,2}) indsatser")


def consent_stands(consent: Consent, today: date) -> bool:
    """The consent is given, not withdrawn and not expired on `today`."""
    if not consent.given or consent.withdrawn is not None:
        return False
    return consent.expires is None or consent.expires >= today


def _key(text: str) -> str:
    return " ".join(_BRACKETED.sub(" ", text).casefold().split()).strip(_EDGES)


def handovers_to(plan: Plan, partner: Partner) -> list[Handover]:
    """The § 141 stk. 5 hand-overs to `partner`'s service (see the box above)."""
    names = {key for key in (_key(partner.organisation), _key(partner.name)) if key}
    return [h for h in plan.handovers if _key(h.to) in names]


def ordered(sections: object) -> tuple[str, ...]:
    """`sections` in the plan's order (SECTIONS), each once, unknown codes left out."""
    chosen = set(sections) if isinstance(sections, (list, tuple, set, frozenset)) else set()
    return tuple(s for s in SECTIONS if s in chosen)


def single_services(sections: object) -> tuple[str, ...]:
    """The ids of the services `sections` gives one by one ("service:<id>"), each once."""
    if not isinstance(sections, (list, tuple, set, frozenset)):
        return ()
    ids = (s[len(SERVICE_PREFIX):] for s in sections
           if isinstance(s, str) and s.startswith(SERVICE_PREFIX))
    return tuple(dict.fromkeys(i for i in ids if i))


def named_parts(sections: object, names: Mapping[str, str],
                alone: Callable[[int], str]) -> list[str]:
    """The names (`names`, by code) of the parts `sections` gives, in the plan's order;
    services given one by one named by their count, `alone(count)`, where "services"
    would stand: never by title."""
    parts = ordered(sections)
    out = [names[s] for s in parts]
    count = 0 if "services" in parts else len(single_services(sections))
    if count:
        at = sum(1 for s in parts if SECTIONS.index(s) < SECTIONS.index("services"))
        out.insert(at, alone(count))
    return out


def resolved(plan: Plan, sections: object) -> tuple[str, ...]:
    """The parts `sections` gives of `plan`: its codes in SECTIONS order, then
    "service:<id>" of each service given alone that the plan holds, in the plan's order
    (none when "services" gives them all)."""
    parts = ordered(sections)
    if "services" in parts:
        return parts
    ids = set(single_services(sections))
    return parts + tuple(SERVICE_PREFIX + s.id for s in plan.services if s.id in ids)


@dataclass(frozen=True)
class Sharing:
    """What `partner` may be given of a plan, and on what grounds."""

    partner: Partner
    # The partner's consent when it stands (given, not withdrawn, not expired); else None.
    consent: Consent | None
    # The hand-overs to the partner's service, ticked parts or not.
    handovers: tuple[Handover, ...] = ()
    # The parts covered: the standing consent's and the hand-overs', in SECTIONS order,
    # then "service:<id>" of each service given alone (model.sharing.resolved).
    sections: tuple[str, ...] = field(default=())

    @property
    def allowed(self) -> bool:
        """Something may be given: at least one part is covered."""
        return bool(self.sections)

    def handed_over(self) -> tuple[Handover, ...]:
        """The hand-overs that hand over at least one part."""
        return tuple(h for h in self.handovers
                     if ordered(h.sections) or single_services(h.sections))


def sharing(plan: Plan, partner: Partner, today: date) -> Sharing:
    """What `partner` may be given of `plan` on `today`."""
    consent = partner.consent if consent_stands(partner.consent, today) else None
    handovers = tuple(handovers_to(plan, partner))
    chosen = list(consent.sections) if consent is not None else []
    for handover in handovers:
        chosen += handover.sections
    return Sharing(partner, consent, handovers, resolved(plan, chosen))


def _circumstances(plan: Plan, sections: tuple[str, ...]) -> Circumstances:
    kept = Circumstances(**{m: getattr(plan.circumstances, m) for m in MATTERS if m in sections})
    kept.not_relevant = [NotRelevant(n.matter, n.reason) for n in plan.circumstances.not_relevant
                         if n.matter in sections]
    return kept


def reduced(plan: Plan, sections: tuple[str, ...] | list[str]) -> Plan:
    """A new plan holding of `plan` only the parts in `sections`, its identity (id,
    version, status, basis), the citizen's name and CPR number and the caseworker:
    everything else is left at its empty value, so what is not shared is not there
    to be printed. Lists are copied; goals keep their ids for the services' links."""
    import copy

    chosen = ordered(sections)
    alone = set(single_services(sections))
    kept = Plan(id=plan.id, version=plan.version, status=plan.status, created=plan.created,
                updated=plan.updated, basis=plan.basis)
    kept.citizen.name, kept.citizen.cpr = plan.citizen.name, plan.citizen.cpr
    kept.caseworker = copy.deepcopy(plan.caseworker)
    kept.signatures.citizen_signed = plan.signatures.citizen_signed
    kept.signatures.caseworker_signed = plan.signatures.caseworker_signed
    if "purpose" in chosen:
        kept.purpose = plan.purpose
    if "goals" in chosen:
        kept.goals = copy.deepcopy(plan.goals)
    if "services" in chosen or alone:
        kept.services = copy.deepcopy([s for s in plan.services
                                       if "services" in chosen or s.id in alone])
        if "goals" not in chosen:
            # The goals a service serves are the goals' text: not shared with the services.
            for service in kept.services:
                service.goal_ids = []
    if "duration" in chosen:
        kept.duration = Duration(**{f.name: getattr(plan.duration, f.name)
                                    for f in fields(Duration)})
    kept.circumstances = _circumstances(plan, chosen)
    return kept


def extract_detail(kind: str, number: int, sections: tuple[str, ...] | list[str]) -> str:
    """ "udskrift pdf til samarbejdspart 3: formål, indsatser, boform": what the audit log
    records of an extract for the partner at place `number` (1 for the first) of the parts
    `sections`. ValueError for a kind, number or part the log may not hold."""
    parts = ordered(sections)
    count = 0 if "services" in parts else len(single_services(sections))
    if kind not in ("docx", "pdf") or not 1 <= number <= 999 or not (parts or count) \
            or count > 999:
        raise ValueError("not an extract's audit detail")
    words = named_parts(sections, SECTION_WORDS, lambda n: _ONE_SERVICE if n == 1
                        else _SOME_SERVICES.format(count=n))
    return EXTRACT_DETAIL.format(kind=kind, number=number,
                                 parts=_DETAIL_SEPARATOR.join(words))


def read_extract_detail(detail: str) -> tuple[str, int, tuple[str, ...]] | None:
    """(kind, number, sections) of an extract's detail (extract_detail), None for any other
    text: the log's check (planbro.audit) and the access request's words read it."""
    match = _EXTRACT_DETAIL.fullmatch(detail)
    if match is None:
        return None
    codes = {word: code for code, word in SECTION_WORDS.items()}
    words = match.group(3).split(_DETAIL_SEPARATOR)
    count, singles = 0, [w for w in words if w not in codes]
    if singles:
        many = _SERVICES_COUNT.fullmatch(singles[0])
        count = 1 if singles[0] == _ONE_SERVICE else int(many.group(1)) if many else 0
        if len(singles) > 1 or not count or count == 1 and many:
            return None
    # Services given one by one read back as "service:" and their place among them
    # (the detail holds no id); extract_detail gives the same detail of them.
    sections = tuple(codes[w] for w in words if w in codes)
    alone = tuple(f"{SERVICE_PREFIX}{i}" for i in range(1, count + 1))
    if ordered(sections) != sections or "services" in sections and count:
        return None
    back = (match.group(1), int(match.group(2)), sections + alone)
    if extract_detail(back[0], back[1], back[2]) != detail:
        return None
    return back
