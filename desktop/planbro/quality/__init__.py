"""Kvalitetstjek: rules that catch weak or unlawful plans; no Qt.

    from planbro.quality import check_plan, traffic_light
    findings = check_plan(plan)              # list[Finding]
    check_plan(plan, today, policy)          # with the municipality's Policy
    traffic_light(findings)                  # "red" | "yellow" | "green"
    findings_for_field(findings, "goals[0]") # what to show beside that field
"""

from planbro.quality.check import check_plan
from planbro.quality.findings import (
    ADVARSEL,
    FEJL,
    SEVERITIES,
    Finding,
    counts,
    findings_for_field,
    has_errors,
    severity_label,
    traffic_light,
)
from planbro.quality.policy import DEFAULT_POLICY, Policy
from planbro.quality.rules import RULES, Rule

# What this package offers to the layers above it.
__all__ = [
    "ADVARSEL",
    "check_plan",
    "counts",
    "DEFAULT_POLICY",
    "FEJL",
    "Finding",
    "findings_for_field",
    "has_errors",
    "Policy",
    "Rule",
    "RULES",
    "SEVERITIES",
    "severity_label",
    "traffic_light",
]
