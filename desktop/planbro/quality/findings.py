"""What the quality check reports, and the small helpers the UI builds on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal, NamedTuple

from planbro.translation import _

# The law's minimum is not met (§ 141 stk. 3, the offer): the plan is not
# lawful as it stands, and signing it anyway is recorded.
FEJL = "fejl"
# Weak practice (Ankestyrelsen's findings): worth fixing, never blocking.
ADVARSEL = "advarsel"
# Most serious first; the order the CLI and the summary step list them in.
SEVERITIES = (FEJL, ADVARSEL)

Light = Literal["red", "yellow", "green"]


class Hit(NamedTuple):
    """What one rule found: the field and the message; the rule adds id and severity."""

    field: str
    message: str


@dataclass(frozen=True)
class Finding:
    # The rule's stable id, e.g. "stk3-purpose"; see quality/rules.py.
    rule: str
    # FEJL or ADVARSEL.
    severity: str
    # What is wrong and what to do, already in the user's language.
    message: str
    # Exchange-format path of the field it concerns, e.g.
    # "goals[1].subgoals[0].indicator", so the wizard can show it there.
    field: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def findings_for_field(findings: Iterable[Finding], prefix: str) -> list[Finding]:
    """The findings on `prefix` or on anything inside it.

    "goals[0]" matches "goals[0]" and "goals[0].subgoals[1].deadline" but
    not "goals[01]" or "goals[10]"; "" matches every finding.
    """
    if not prefix:
        return list(findings)
    return [f for f in findings
            if f.field == prefix or f.field.startswith((prefix + ".", prefix + "["))]


def severity_label(severity: str) -> str:
    """The severity as the UI names it ("Error", "Warning"), translated; another word as it is."""
    return {FEJL: _("Error"), ADVARSEL: _("Warning")}.get(severity, severity)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == FEJL for f in findings)


def traffic_light(findings: Iterable[Finding]) -> Light:
    """red: a fejl; yellow: only advarsler; green: nothing found."""
    findings = list(findings)
    if has_errors(findings):
        return "red"
    return "yellow" if findings else "green"


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings of each severity, e.g. {"fejl": 1, "advarsel": 3}."""
    result = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        result[f.severity] += 1
    return result
