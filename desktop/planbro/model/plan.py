"""The plan: a handleplan after serviceloven § 141 / § 142 as dataclasses.

Field names are the exchange format's key names (planbro-plan/3); the JSON
Schema shipped in forms/ is generated from these classes (model/schema.py),
so a field is added here and nowhere else.
"""

from __future__ import annotations

# The module, not its `date`: fields named `date` (the exchange format's key)
# would hide the type from the annotations below them in the same class.
import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any

from planbro.model.limits import MAX_VERSION

# The plan's legal basis: § 141 stk. 1 (may offer), stk. 2 (must offer),
# § 142 (stay at a § 110 boform) or § 141 stk. 7 (one coordinated plan).
BASES = ("sel-141-1", "sel-141-2", "sel-142", "sel-141-7")
# The citizen's answer to the offer of a plan.
DECISIONS = ("pending", "accepted", "declined")
# Status of a sub-goal.
SUBGOAL_STATUSES = ("not_started", "in_progress", "achieved", "dropped")
# Housing First methods (§ 85 a bostøtte).
METHODS = ("CTI", "ICM", "ACT")
# Outcome of a follow-up (§ 148 stk. 2): fortsættes, ændres, afsluttes.
OUTCOMES = ("continue", "change", "close")
# The same outcomes as the caseworker says them (Danish in every language: they
# are the words of § 148 practice, and the audit log's fixed detail words).
OUTCOME_WORDS = {"continue": "fortsættes", "change": "ændres", "close": "afsluttes"}
# The same outcomes as KL's Fælles Faglige Begreber name an indsats' status
# (what fagsystemer speak; Danish in every language, as OUTCOME_WORDS).
OUTCOME_FFB = {"continue": "fortsættelse", "change": "afslutning og visitation til ny",
               "close": "afslutning"}
# Lifecycle of one version of a plan.
STATUSES = ("draft", "signed", "closed")
# A goal's type in FFB/VUM 2.0: udvikle, fastholde, begrænse tab.
GOAL_KINDS = ("develop", "maintain", "limit_loss")
# The matters of § 141 stk. 3 nr. 4 a plan may mark "ikke relevant" (Circumstances' fields).
MATTERS = ("housing", "employment", "personal_help", "treatment", "aids", "finances", "health",
           "network", "other")
# The parts of a plan a partner may be given (Consent.sections, Handover.sections), in the
# document's order: formål, mål og delmål, indsatser, varighed (§ 141 stk. 3 nr. 1-3), then
# each other matter of nr. 4 on its own, so health or finances can be left out alone.
SECTIONS = ("purpose", "goals", "services", "duration", *MATTERS)
# Before a service's id in a consent's or hand-over's sections: "service:<id>" shares that
# one service ("services" shares them all); an id no longer in the plan shares nothing.
SERVICE_PREFIX = "service:"
# The same parts as the audit log's record of a partner's extract names them (Danish in
# every language: fixed words, as OUTCOME_WORDS; model/sharing.py composes the detail).
SECTION_WORDS = {"purpose": "formål", "goals": "mål og delmål", "services": "indsatser",
                 "duration": "forventet varighed", "housing": "boform",
                 "employment": "beskæftigelse", "personal_help": "personlig hjælp",
                 "treatment": "behandling", "aids": "hjælpemidler", "finances": "økonomi",
                 "health": "helbred", "network": "netværk", "other": "andet"}


def _enum(values: tuple[str, ...], **more: Any) -> dict[str, Any]:
    return {"enum": values, **more}


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class Citizen:
    # Required: a plan is always someone's plan.
    name: str = field(default="", metadata={"required": True, "min_length": 1})
    cpr: str = field(default="", metadata={"cpr": True})
    address: str = ""
    phone: str = ""
    email: str = ""
    # Current boform / opholdssted, e.g. a § 110 forsorgshjem.
    residence: str = ""
    # Handlekommune.
    acting_municipality: str = ""


@dataclass
class Caseworker:
    name: str = ""
    unit: str = ""
    phone: str = ""
    email: str = ""


@dataclass
class Coordinator:
    name: str = ""
    organisation: str = ""
    phone: str = ""


@dataclass
class Offer:
    date: datetime.date | None = None
    decision: str = field(default="pending", metadata=_enum(DECISIONS))
    reason: str = ""
    # After a declined offer: the day to offer the plan again (a reminder, as
    # follow_up.next_date is for a plan).
    offer_again: datetime.date | None = field(default=None, metadata={"after": "date"})


@dataclass
class BoformStay:
    """The citizen's stay at a § 110 boform (forsorgshjem/herberg), for a § 142 plan."""

    # The boform's name.
    name: str = ""
    # The day the citizen was admitted (the boform's decision on admission).
    admitted: datetime.date | None = None
    # The day the boform's notification reached the municipality (§ 110 stk. 6:
    # at the latest 3 hverdage after the decision on admission).
    notified: datetime.date | None = field(default=None, metadata={"after": "admitted"})
    # The day the stay is planned to end (discharge, § 110 stk. 5).
    planned_end: datetime.date | None = field(default=None, metadata={"after": "admitted"})


@dataclass
class Participation:
    """§ 142: the citizen may decline to take part, but the plan is still made."""

    # True when the citizen did not wish to take part in making the plan.
    declined: bool = False
    # Why, as the citizen said it or the caseworker noted it.
    reason: str = ""


@dataclass
class SupportWish:
    """The citizen's wish for who delivers the bostøtte (§ 85 a), and the answer."""

    wish: str = ""
    # True when the wish is not followed; the reason must then be given.
    not_followed: bool = False
    reason: str = ""


@dataclass
class Discharge:
    """§ 110 stk. 5: a discharge from the boform only when all of these hold (nr. 1,
    that a plan exists, is the plan itself)."""

    # Nr. 2: a home is anvist, or a §§ 107/108 place is decided.
    home_or_place: bool = False
    # Nr. 3: support matching the need to keep the home is decided.
    support_decided: bool = False
    # Nr. 4: a lease is signed and the citizen can move in with the support.
    lease_signed: bool = False
    note: str = ""

    def all_hold(self) -> bool:
        return self.home_or_place and self.support_decided and self.lease_signed


@dataclass
class Coordinated:
    """§ 141 stk. 7: one helhedsorienteret plan in place of several, with consent."""

    # The day the citizen consented to one coordinated plan, and how (in writing,
    # orally at a meeting ...); without consent there is no such plan.
    consent_date: datetime.date | None = None
    consent_how: str = ""
    # The plans it replaces, e.g. "Min Plan (jobplanen)", "rehabiliteringsplanens indsatsdel".
    replaces: list[str] = field(default_factory=list)
    # The caseworker who coordinates the plan across the laws.
    coordinating_caseworker: str = ""
    # The beskæftigelse part (LAB § 30 b): the jobcenter's goals and services.
    employment_goals: str = ""
    employment_services: str = ""
    jobcenter_contact: str = ""


@dataclass
class NotRelevant:
    """A matter of § 141 stk. 3 nr. 4 the plan leaves out on purpose, with the reason."""

    matter: str = field(default="housing", metadata=_enum(MATTERS))
    reason: str = ""


@dataclass
class SubGoal:
    text: str = ""
    indicator: str = ""
    responsible: str = ""
    deadline: datetime.date | None = None
    status: str = field(default="not_started", metadata=_enum(SUBGOAL_STATUSES))


@dataclass
class Goal:
    # Any text without spaces or control characters; Planbro gives a UUID.
    id: str = field(default_factory=new_id, metadata={"min_length": 1, "ident": True})
    title: str = ""
    # Udvikle, fastholde or begrænse tab (FFB); None when not given.
    kind: str | None = field(default=None, metadata=_enum(GOAL_KINDS))
    subgoals: list[SubGoal] = field(default_factory=list)


@dataclass
class Phase:
    name: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = field(default=None, metadata={"after": "start"})


@dataclass
class Service:
    # Any text without spaces or control characters; Planbro gives a UUID (an older
    # file's services, which had none, get one when read).
    id: str = field(default_factory=new_id, metadata={"min_length": 1, "ident": True})
    title: str = ""
    # Free text: the picklist in forms/ helps, but any basis may be typed.
    legal_basis: str = ""
    provider: str = ""
    extent: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = field(default=None, metadata={"after": "start"})
    method: str | None = field(default=None, metadata=_enum(METHODS))
    phases: list[Phase] = field(default_factory=list)
    # Who takes over when the service ends (for CTI: after the third phase).
    takes_over: str = ""
    goal_ids: list[str] = field(default_factory=list, metadata={"ident": True})


@dataclass
class Duration:
    start: datetime.date | None = None
    expected_end: datetime.date | None = field(default=None, metadata={"after": "start"})
    note: str = ""


@dataclass
class Circumstances:
    """§ 141 stk. 3 nr. 4, andre særlige forhold; each one optional."""

    housing: str = ""
    employment: str = ""
    personal_help: str = ""
    treatment: str = ""
    aids: str = ""
    finances: str = ""
    health: str = ""
    network: str = ""
    other: str = ""
    # Matters left out on purpose, each with its reason ("ikke relevant").
    not_relevant: list[NotRelevant] = field(default_factory=list)

    def items(self) -> list[tuple[str, str]]:
        """(field, text) for every matter, in the law's and the document's order.

        The one list of the matters: the quality check, the documents and
        anything else that walks them take it from here.
        """
        return [(name, getattr(self, name)) for name in MATTERS]

    def not_relevant_reason(self, matter: str) -> str | None:
        """The reason `matter` is marked "ikke relevant", None when it is not."""
        return next((n.reason for n in self.not_relevant if n.matter == matter), None)


@dataclass
class Consent:
    given: bool = False
    date: datetime.date | None = None
    # What may be shared, with whom and for what purpose: a general
    # consent is not valid. Since planbro-plan/3 the parts are ticked (sections)
    # and this is the note beside them; an older consent has only this text.
    scope: str = ""
    # The parts of the plan the citizen lets be shared with this partner (SECTIONS);
    # empty: none yet (an older consent covers no part until they are ticked).
    # "service:<id>" (SERVICE_PREFIX) gives one service alone.
    sections: list[str] = field(default_factory=list,
                                metadata=_enum(SECTIONS, prefixed=SERVICE_PREFIX))
    expires: datetime.date | None = field(default=None, metadata={"after": "date"})
    # The date the citizen withdrew the consent; None while it stands. A consent
    # cannot be withdrawn before it was given.
    withdrawn: datetime.date | None = field(default=None, metadata={"after": "date"})


@dataclass
class Partner:
    name: str = ""
    organisation: str = ""
    role: str = ""
    phone: str = ""
    email: str = ""
    consent: Consent = field(default_factory=Consent)


@dataclass
class Handover:
    """§ 141 stk. 5: parts of the plan handed to a §§ 107-110 or § 101 service."""

    to: str = ""
    # Which parts, in the caseworker's words (the note beside `sections`).
    parts: str = ""
    date: datetime.date | None = None
    # The parts of the plan handed over (SECTIONS); empty in a hand-over recorded
    # before planbro-plan/3, which so hands over no part to an extract; "service:<id>"
    # hands over one service alone.
    sections: list[str] = field(default_factory=list,
                                metadata=_enum(SECTIONS, prefixed=SERVICE_PREFIX))


@dataclass
class FollowUpEntry:
    date: datetime.date | None = None
    outcome: str = field(default="continue", metadata=_enum(OUTCOMES))
    note: str = ""


@dataclass
class FollowUp:
    next_date: datetime.date | None = None
    history: list[FollowUpEntry] = field(default_factory=list)


@dataclass
class Signatures:
    # The dates the citizen and the caseworker signed; None until they do.
    citizen_signed: datetime.date | None = None
    caseworker_signed: datetime.date | None = None
    place: str = ""
    note: str = ""
    # True when the plan was signed although the quality check found a fejl.
    signed_despite_errors: bool = False
    # True when the citizen did not wish to sign (a real outcome at a meeting):
    # the caseworker signed alone and citizen_signed stays None. A flag, not
    # just a note: "not yet signed" and "will not sign" must differ even
    # when no note was written (a file from another system).
    citizen_declined: bool = False
    # Why the citizen did not sign, as the caseworker noted it.
    citizen_declined_note: str = ""

    def signed_on(self) -> datetime.date | None:
        """The day the version was signed in full: the later of the two dates
        (the caseworker's alone when the citizen did not wish to sign)."""
        days = [day for day in (self.citizen_signed, self.caseworker_signed) if day]
        return max(days) if days else None


@dataclass
class Replaces:
    """The signed version a revision replaces, and the day it was signed in full;
    empty for a first version."""

    version: int | None = field(default=None, metadata={"minimum": 1, "maximum": MAX_VERSION})
    signed: datetime.date | None = None


@dataclass
class Plan:
    id: str = field(default_factory=new_id, metadata={"uuid": True})
    version: int = field(default=1, metadata={"minimum": 1, "maximum": MAX_VERSION})
    status: str = field(default="draft", metadata=_enum(STATUSES))
    # ISO 8601 timestamps in UTC, set by the store.
    created: str = field(default="", metadata={"timestamp": True})
    updated: str = field(default="", metadata={"timestamp": True})
    basis: str = field(default="sel-141-2", metadata=_enum(BASES))
    citizen: Citizen = field(default_factory=Citizen, metadata={"required": True})
    caseworker: Caseworker = field(default_factory=Caseworker)
    coordinator: Coordinator = field(default_factory=Coordinator)
    offer: Offer = field(default_factory=Offer)
    # § 142: the stay at the boform, whether the citizen takes part, the wish for
    # who delivers the bostøtte, and the § 110 stk. 5 conditions for discharge.
    boform: BoformStay = field(default_factory=BoformStay)
    participation: Participation = field(default_factory=Participation)
    support_wish: SupportWish = field(default_factory=SupportWish)
    discharge: Discharge = field(default_factory=Discharge)
    # § 141 stk. 7: the helhedsorienteret plan's consent and beskæftigelse part.
    coordinated: Coordinated = field(default_factory=Coordinated)
    citizen_words: str = ""
    # The citizen's resources, beside the problems (VUM 2.0).
    resources: str = ""
    # § 141 stk. 3 nr. 1.
    purpose: str = ""
    goals: list[Goal] = field(default_factory=list)
    # § 141 stk. 3 nr. 2.
    services: list[Service] = field(default_factory=list)
    # § 141 stk. 3 nr. 3.
    duration: Duration = field(default_factory=Duration)
    # § 141 stk. 3 nr. 4.
    circumstances: Circumstances = field(default_factory=Circumstances)
    partners: list[Partner] = field(default_factory=list)
    handovers: list[Handover] = field(default_factory=list)
    follow_up: FollowUp = field(default_factory=FollowUp)
    signatures: Signatures = field(default_factory=Signatures)
    # Set by Revidér (and a follow-up that changes a signed plan).
    replaces: Replaces = field(default_factory=Replaces)
    # The day a closed case was journalised in the municipality's ESDH (its final
    # PDF/A filed there); None until then. Retention counts from it: the case is
    # deleted from this computer a set number of days later (storage/retention.py).
    journalised: datetime.date | None = None

    @property
    def declined(self) -> bool:
        """The citizen declined the offer, so there is no plan, only the offer's record.
        Never for § 142: that plan is made even when the citizen declines to take part
        (participation.declined)."""
        return self.offer.decision == "declined" and self.basis != "sel-142"

    def goal(self, goal_id: str) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)
