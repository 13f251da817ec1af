"""The plan: a handleplan after serviceloven § 141 / § 142 as dataclasses.

Field names are the exchange format's key names (planbro-plan/1); the JSON
Schema shipped in forms/ is generated from these classes (model/schema.py),
so a field is added here and nowhere else.
"""

from __future__ import annotations

# The module, not its `date`: fields named `date` (the exchange format's key)
# would hide the type from the annotations below them in the same class.
import dataclasses
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
# Lifecycle of one version of a plan.
STATUSES = ("draft", "signed", "closed")


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
    subgoals: list[SubGoal] = field(default_factory=list)


@dataclass
class Phase:
    name: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = field(default=None, metadata={"after": "start"})


@dataclass
class Service:
    title: str = ""
    # Free text: the picklist in forms/ helps, but any basis may be typed.
    legal_basis: str = ""
    provider: str = ""
    extent: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = field(default=None, metadata={"after": "start"})
    method: str | None = field(default=None, metadata=_enum(METHODS))
    phases: list[Phase] = field(default_factory=list)
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

    def items(self) -> list[tuple[str, str]]:
        """(field, text) for every matter, in the law's and the document's order.

        The one list of the matters: the quality check, the documents and
        anything else that walks them take it from here.
        """
        return [(f.name, getattr(self, f.name)) for f in dataclasses.fields(self)]


@dataclass
class Consent:
    given: bool = False
    date: datetime.date | None = None
    # What may be shared, with whom and for what purpose: a general
    # consent is not valid.
    scope: str = ""
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
    parts: str = ""
    date: datetime.date | None = None


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
    citizen_words: str = ""
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
        return self.offer.decision == "declined"

    def goal(self, goal_id: str) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)
