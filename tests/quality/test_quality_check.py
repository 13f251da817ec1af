"""check_plan as a whole, and the helpers the wizard and the caseload use."""

from __future__ import annotations

import copy
from datetime import date

from planbro.translation import set_language

from planbro.model import Plan

from planbro.quality import (
    ADVARSEL,
    FEJL,
    Finding,
    check_plan,
    counts,
    findings_for_field,
    has_errors,
    severity_label,
    traffic_light,
)


def test_the_shipped_example_plan_has_no_fejl_today(example_plan):
    # The real clock on purpose: the example must stay lawful whenever it is opened.
    assert not has_errors(check_plan(example_plan))


def test_today_defaults_to_the_system_date(example_plan):
    example_plan.follow_up.next_date = date(2000, 1, 1)
    assert check_plan(example_plan) == check_plan(example_plan, date.today())
    assert "follow-up-overdue" in {f.rule for f in check_plan(example_plan)}


def test_a_declined_offer_with_a_reason_has_no_fejl(declined, today):
    findings = check_plan(declined, today)
    assert not has_errors(findings)
    # Nothing of stk. 3 is asked for: there is no plan to hold it.
    assert findings == []


def test_a_declined_offer_without_a_reason_is_one_fejl(declined, today):
    declined.offer.reason = " "
    assert [(f.rule, f.severity, f.field) for f in check_plan(declined, today)] == [
        ("offer-declined-reason", FEJL, "offer.reason")]


def test_a_declined_offer_still_needs_its_date_and_checks_consent(declined, today, good):
    declined.offer.date = None
    declined.partners = copy.deepcopy(good.partners[:1])
    declined.partners[0].consent.given = False
    assert [f.rule for f in check_plan(declined, today)] == [
        "offer-undocumented", "consent-missing"]


def test_an_empty_plan_lists_fejl_first_then_advarsler(today):
    findings = check_plan(Plan(), today)
    severities = [f.severity for f in findings]
    assert severities == sorted(severities, key=[FEJL, ADVARSEL].index)
    assert [f.rule for f in findings if f.severity == FEJL] == [
        "citizen-identity", "citizen-identity", "offer-undocumented", "offer-undocumented", "stk3-purpose", "stk3-services",
        "stk3-duration", "stk3-circumstances"]
    assert {"citizen-words", "goals-missing", "follow-up-missing"} <= {f.rule for f in findings}


def test_messages_follow_the_language(good, today):
    good.purpose = ""
    (danish,) = check_plan(good, today)
    assert danish.message.startswith("Formålet med indsatsen mangler (§ 141, stk. 3, nr. 1)")
    set_language("en")
    (english,) = check_plan(good, today)
    assert english.message.startswith("The purpose of the help is missing")
    assert (english.rule, english.field) == (danish.rule, danish.field)


def test_long_goals_are_quoted_short(good, today):
    good.goals[0].title = "Jonas skal have det bedre " + "og have det godt " * 10
    (found,) = [f for f in check_plan(good, today) if f.rule == "vague-goal"]
    quoted = found.message.split("«")[1].split("»")[0]
    assert len(quoted) <= 60 and quoted.endswith("…")


def _finding(field: str, severity: str = ADVARSEL) -> Finding:
    return Finding("r", severity, "m", field)


def test_findings_for_field_matches_the_field_and_what_is_inside_it():
    findings = [_finding("goals"), _finding("goals[0]"), _finding("goals[0].subgoals[1].deadline"),
                _finding("goals[01].title"), _finding("goals[10].title"), _finding("purpose")]
    assert [f.field for f in findings_for_field(findings, "goals[0]")] == [
        "goals[0]", "goals[0].subgoals[1].deadline"]
    assert [f.field for f in findings_for_field(findings, "goals")] == [
        "goals", "goals[0]", "goals[0].subgoals[1].deadline", "goals[01].title", "goals[10].title"]
    assert findings_for_field(findings, "purpose") == [findings[-1]]
    assert findings_for_field(findings, "purp") == []
    assert findings_for_field(findings, "") == findings


def test_traffic_light_and_has_errors():
    assert traffic_light([]) == "green" and not has_errors([])
    assert traffic_light([_finding("a")]) == "yellow" and not has_errors([_finding("a")])
    mixed = [_finding("a"), _finding("b", FEJL)]
    assert traffic_light(mixed) == "red" and has_errors(mixed)
    assert traffic_light(iter(mixed)) == "red"


def test_counts_and_json_shape():
    mixed = [_finding("a"), _finding("b", FEJL), _finding("c")]
    assert counts(mixed) == {FEJL: 1, ADVARSEL: 2}
    assert mixed[1].to_dict() == {"rule": "r", "severity": "fejl", "message": "m", "field": "b"}


def test_a_severity_is_named_in_the_users_language():
    assert (severity_label(FEJL), severity_label(ADVARSEL)) == ("Fejl", "Advarsel")
    set_language("en")
    assert (severity_label(FEJL), severity_label(ADVARSEL)) == ("Error", "Warning")
    # A word that is no severity is left as it is.
    assert severity_label("gap") == "gap"


def test_the_example_goes_from_green_to_red(good, today):
    assert traffic_light(check_plan(good, today)) == "green"
    good.follow_up.next_date = None
    assert traffic_light(check_plan(good, today)) == "yellow"
    good.purpose = ""
    assert traffic_light(check_plan(good, today)) == "red"
