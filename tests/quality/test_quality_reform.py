"""The rules of the 2023 reform and of coordination (#12), beyond the one-mistake-per-rule
table in test_quality_rules.py: hverdage over holidays, a good § 141 stk. 7 plan, the
§ 142 plan whose citizen does not take part."""

from __future__ import annotations

from datetime import date

from planbro.model.plan import NotRelevant

from planbro.quality import check_plan
from planbro.quality.findings import FEJL
from planbro.quality.rules_reform import holidays, workdays_after

# The rules about a helhedsorienteret plan.
COORDINATED_RULES = {"coordinated-consent", "coordinated-replaces", "coordinated-employment",
                     "coordinated-caseworker"}


def test_easter_and_the_holidays_that_follow_it():
    assert date(2027, 3, 28) in holidays(2027)  # påskedag
    assert date(2027, 3, 25) in holidays(2027)  # skærtorsdag
    assert date(2027, 5, 6) in holidays(2027)   # Kristi himmelfartsdag
    assert date(2027, 5, 17) in holidays(2027)  # 2. pinsedag
    # Store bededag was abolished from 2024; it was a holiday in 2023 (5 May).
    assert date(2023, 5, 5) in holidays(2023)
    assert not any(day.month == 4 and day.day == 23 for day in holidays(2027))
    assert date(2027, 6, 5) not in holidays(2027)  # grundlovsdag is a working day by law


def test_three_hverdage_skip_weekends_and_easter():
    # Admitted Wednesday 24 March 2027: Thursday and Friday are holidays, the weekend,
    # Monday 2. påskedag; the three hverdage are 30 and 31 March and 1 April.
    assert workdays_after(date(2027, 3, 24), 3) == date(2027, 4, 1)
    assert workdays_after(date(2026, 10, 22), 3) == date(2026, 10, 27)


def test_a_notification_on_the_third_hverdag_is_on_time_and_the_fourth_late(good, today):
    good.boform.admitted, good.boform.notified = date(2026, 10, 22), date(2026, 10, 27)
    assert "notification-late" not in {f.rule for f in check_plan(good, today)}
    good.boform.notified = date(2026, 10, 28)
    (found,) = [f for f in check_plan(good, today) if f.rule == "notification-late"]
    assert "27. oktober 2026" in found.message


def test_a_good_helhedsorienteret_plan_has_none_of_its_findings(good, today):
    good.basis = "sel-141-7"
    c = good.coordinated
    c.consent_date, c.consent_how = date(2026, 11, 2), "Skriftligt ved mødet"
    c.replaces = ["Min Plan (jobplanen)"]
    c.coordinating_caseworker = "Mette Larsen, Socialcentret"
    c.employment_goals = "Jonas starter i et virksomhedspraktikforløb efter indflytning."
    c.employment_services = "Mentor efter LAB kapitel 9b, 4 timer om ugen."
    rules = {f.rule for f in check_plan(good, today)}
    assert not rules & COORDINATED_RULES
    c.consent_date = None
    (found,) = [f for f in check_plan(good, today) if f.rule == "coordinated-consent"]
    assert found.severity == FEJL and "samtykke" in found.message


def test_a_142_plan_whose_citizen_does_not_take_part_is_still_a_plan(good, today):
    good.offer.decision = "declined"
    good.participation.declined, good.participation.reason = True, "Vil ikke tale med kommunen."
    assert not good.declined
    # The plan's content is still checked: it is a plan, not an offer's record.
    assert check_plan(good, today) == []
    good.purpose, good.goals, good.services = "", [], []
    found = {f.rule: f for f in check_plan(good, today)}
    assert found["sel142-declined-empty"].severity == FEJL
    assert "stk3-purpose" in found


def test_a_matter_marked_not_relevant_needs_a_reason(good, today):
    good.circumstances.employment = ""
    good.circumstances.not_relevant = [NotRelevant("employment", "Jonas er på førtidspension.")]
    assert "matter-unaddressed" not in {f.rule for f in check_plan(good, today)}
    good.circumstances.not_relevant = [NotRelevant("employment", " ")]
    (found,) = [f for f in check_plan(good, today) if f.rule == "matter-unaddressed"]
    assert "uden en begrundelse" in found.message


def test_a_hand_over_to_the_service_silences_the_finding(good, today):
    from planbro.model.plan import Handover

    good.handovers = [h for h in good.handovers if "Skovbrynet" not in h.to]
    assert "handover-missing" in {f.rule for f in check_plan(good, today)}
    good.handovers.append(Handover("forsorgshjemmet skovbrynet", "Formål", date(2026, 11, 3)))
    assert "handover-missing" not in {f.rule for f in check_plan(good, today)}
    # § 101 a (anonymous treatment) is exempt (§ 141, stk. 6).
    good.services[2].legal_basis = "Serviceloven § 101 a"
    good.handovers = [h for h in good.handovers if "Rusmiddel" not in h.to]
    assert "handover-missing" not in {f.rule for f in check_plan(good, today)}


def test_the_period_to_start_a_142_plan_is_the_municipality_s(good, today):
    """#12: 'not started within a period the municipality sets (default 14 days)'."""
    from planbro.quality import Policy

    good.offer.date = good.duration.start = None
    good.created = "2026-11-12T09:00:00Z"
    good.boform.notified = date(2026, 10, 22)
    # 21 days after the notification: late by the default 14 days, not by a municipality's 30.
    (found,) = [f for f in check_plan(good, today) if f.rule == "plan-start-late"]
    assert "14 dage" in found.message
    assert "plan-start-late" not in {f.rule for f in check_plan(good, today, Policy(30))}


def test_a_municipality_sets_the_period_in_its_settings_file(tmp_path):
    import pytest

    from planbro.model import ValidationError

    from planbro.documents import load_municipality

    from planbro.actions.context import quality_policy

    assert load_municipality(None).plan_start_days == 14
    own = tmp_path / "kommune.toml"
    own.write_text('name = "Odense Kommune"\nplan_start_days = 21\n', encoding="utf-8")
    assert quality_policy(own).plan_start_days == 21
    own.write_text('name = "Odense Kommune"\nplan_start_days = 0\n', encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        load_municipality(own)
    assert "plan_start_days" in str(refused.value) and "fra 1 til 365" in str(refused.value)
    # The check still runs with the defaults when the file has a mistake.
    assert quality_policy(own).plan_start_days == 14
