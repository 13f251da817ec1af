"""What a municipality decides for the quality check itself, where the law sets no figure."""

from __future__ import annotations

from dataclasses import dataclass

# Days after the boform's notification within which a § 142 plan should be started,
# when the municipality has not set its own period (templates/municipality.toml).
PLAN_START_DAYS = 14


@dataclass(frozen=True)
class Policy:
    # Days after the boform's notification within which a § 142 plan should be started.
    plan_start_days: int = PLAN_START_DAYS


# The policy of a municipality that has set nothing.
DEFAULT_POLICY = Policy()
