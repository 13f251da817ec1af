"""The plan model and its validation; plain Python, no Qt."""

from planbro.model.plan import (  # noqa: F401
    BASES,
    DECISIONS,
    METHODS,
    OUTCOMES,
    STATUSES,
    SUBGOAL_STATUSES,
    Caseworker,
    Circumstances,
    Citizen,
    Consent,
    Coordinator,
    Duration,
    FollowUp,
    FollowUpEntry,
    Goal,
    Handover,
    Offer,
    Partner,
    Phase,
    Plan,
    Service,
    Signatures,
    SubGoal,
    new_id,
)
from planbro.model.problems import Problem, ValidationError  # noqa: F401
