"""What the offline team store refuses, and what its flush() did (offline.py).

OfflineRefused is a StoreUnreachable, so whoever tells an unreachable server already
tells it; str() is the message for the user. Drafted and Flushed are what the use case
(actions/offline.py) turns into what the caseworker reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planbro.translation import _

from planbro.storage.errors import PlanConflict, PlanFrozen, PlanNotFound, StoreError
from planbro.storage.postgres.errors import StoreUnreachable
from planbro.storage.postgres.leases import LeaseHeld, LeaseLost

# What makes a queued save a separate draft instead of being sent (offline.py's docstring).
NOT_SENDABLE = (LeaseLost, LeaseHeld, PlanConflict, PlanFrozen, PlanNotFound)


class OfflineRefused(StoreUnreachable):
    """The server is away and this cannot be done on the laptop meanwhile; str() says why."""

    @classmethod
    def not_here(cls) -> OfflineRefused:
        return cls(_("Not connected to the team database: the plan is not on this computer, so "
                     "it cannot be read until the connection is back. Plans you had open for "
                     "editing can be read and saved meanwhile."))

    @classmethod
    def not_held(cls) -> OfflineRefused:
        return cls(_("Not connected to the team database: only a plan you have open for editing "
                     "is saved on this computer meanwhile. The change was not saved."))

    @classmethod
    def no_keys(cls) -> OfflineRefused:
        return cls(_("Not connected to the team database, and the data folder on this computer "
                     "is not encrypted, or not unlocked: Planbro keeps no team plan on it "
                     "unencrypted, so the change was not saved. To work offline, close Planbro and "
                     "start it again: it offers to encrypt the data folder (keep the recovery key "
                     "it shows for IT support), or asks for the recovery key or passphrase of an "
                     "encrypted one. IT support can also turn encryption on with planbro key "
                     "create."))

    @classmethod
    def waits(cls) -> OfflineRefused:
        return cls(_("Not connected to the team database: this can be done when the connection "
                     "is back. Saves of a plan you have open are kept on this computer "
                     "meanwhile."))


@dataclass(frozen=True)
class Drafted:
    """A queued save kept as a separate draft: the plan it was a save of, the new plan it
    is now, and why it could not be sent: "lease" (broken, or taken by a colleague),
    "changed" (saved by someone else), "frozen" (signed meanwhile) or "gone" (deleted)."""

    plan_id: str
    draft_id: str
    why: str


def why_not_sent(refused: StoreError) -> str:
    """Drafted.why of a save refused with `refused`."""
    if isinstance(refused, LeaseLost | LeaseHeld):
        return "lease"
    if isinstance(refused, PlanFrozen):
        return "frozen"
    if isinstance(refused, PlanNotFound):
        return "gone"
    return "changed"


@dataclass
class Flushed:
    """What flush() did: how many saves went to the server (each plan's in order), which
    became separate drafts, and whether the server is still away."""

    sent: int = 0
    drafts: list[Drafted] = field(default_factory=list)
    offline: bool = False
    pending: int = 0
