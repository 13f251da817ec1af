"""Every rule fires on the mistake it is for, and stays quiet on a good plan."""

from __future__ import annotations

from datetime import date

import pytest

from planbro.model import Circumstances, FollowUpEntry, Plan
from planbro.model.dates import add_months

from planbro.quality import ADVARSEL, FEJL, RULES, check_plan
from planbro.quality.periods import plan_start
from planbro.quality.rules import rule


def _set(path: str, value):
    """A change to the plan: set the attribute at a dotted path (list items by index)."""
    def change(plan: Plan) -> None:
        *parents, last = path.split(".")
        target = plan
        for part in parents:
            target = target[int(part)] if part.isdigit() else getattr(target, part)
        if last.isdigit():
            target[int(last)] = value
        else:
            setattr(target, last, value)
    return change


def _all(*changes):
    def change(plan: Plan) -> None:
        for c in changes:
            c(plan)
    return change


def _only_housing_goal(plan: Plan) -> None:
    # The housing goal without its sub-goal on a budget account.
    plan.goals = plan.goals[:1]
    plan.goals[0].subgoals = plan.goals[0].subgoals[:2]
    for service in plan.services:
        service.goal_ids = [plan.goals[0].id]


def _unlink_goal(plan: Plan) -> None:
    for service in plan.services:
        service.goal_ids = [g for g in service.goal_ids if g != "g-oekonomi"]


def _first_follow_up_in_six_months(plan: Plan) -> None:
    plan.follow_up.history = []
    plan.follow_up.next_date = add_months(plan_start(plan), 6)


def _old_follow_up(plan: Plan) -> None:
    plan.follow_up.history = [FollowUpEntry(date(2025, 9, 1), "continue", "Status")]


# rule id -> (the mistake, the field the finding points at)
MISTAKES = {
    "citizen-identity": (_set("citizen.cpr", ""), "citizen.cpr"),
    "offer-undocumented": (_set("offer.date", None), "offer.date"),
    "offer-declined-reason": (_all(_set("basis", "sel-141-2"), _set("offer.decision", "declined"),
                                   _set("offer.reason", "")),
                              "offer.reason"),
    "stk3-purpose": (_set("purpose", "  "), "purpose"),
    "stk3-services": (_set("services", []), "services"),
    "stk3-duration": (_all(_set("duration.expected_end", None), _set("duration.note", "")),
                      "duration.expected_end"),
    "stk3-circumstances": (_set("circumstances", Circumstances()), "circumstances"),
    "citizen-words": (_set("citizen_words", ""), "citizen_words"),
    "goals-missing": (_set("goals", []), "goals"),
    "goal-no-subgoals": (_set("goals.2.subgoals", []), "goals[2].subgoals"),
    "vague-goal": (_set("goals.0.title", "Jonas skal have det bedre"), "goals[0].title"),
    "vague-subgoal": (_set("goals.1.subgoals.0.text", "Arbejde med motivationen"),
                      "goals[1].subgoals[0].text"),
    "subgoal-indicator": (_set("goals.0.subgoals.1.indicator", ""),
                          "goals[0].subgoals[1].indicator"),
    "subgoal-responsible": (_set("goals.0.subgoals.1.responsible", ""),
                            "goals[0].subgoals[1].responsible"),
    "subgoal-deadline": (_set("goals.0.subgoals.1.deadline", None),
                         "goals[0].subgoals[1].deadline"),
    "housing-only": (_only_housing_goal, "goals"),
    "goal-no-service": (_unlink_goal, "goals[2]"),
    "service-title": (_set("services.3.title", ""), "services[3].title"),
    "service-legal-basis": (_set("services.1.legal_basis", ""), "services[1].legal_basis"),
    "service-start": (_set("services.2.start", None), "services[2].start"),
    "service-provider": (_set("services.2.provider", ""), "services[2].provider"),
    "service-no-goal": (_set("services.3.goal_ids", []), "services[3].goal_ids"),
    "cti-duration": (_set("services.0.end", date(2027, 12, 31)), "services[0].end"),
    "cti-phases": (_set("services.0.phases", []), "services[0].phases"),
    "coordinator-missing": (_all(_set("coordinator.name", ""), _set("services.0.method", "ICM")),
                            "coordinator.name"),
    "consent-missing": (_set("partners.1.consent.given", False), "partners[1].consent.given"),
    "consent-withdrawn": (_set("partners.2.consent.withdrawn", date(2026, 11, 1)),
                          "partners[2].consent.withdrawn"),
    "consent-expired": (_all(_set("partners.0.consent.date", date(2025, 11, 1)),
                             _set("partners.0.consent.expires", date(2026, 10, 31))),
                        "partners[0].consent.expires"),
    "consent-scope": (_set("partners.0.consent.scope", ""), "partners[0].consent.scope"),
    "consent-sections": (_set("partners.2.consent.sections", []), "partners[2].consent.sections"),
    "handover-sections": (_set("handovers.1.sections", []), "handovers[1].sections"),
    "follow-up-missing": (_set("follow_up.next_date", None), "follow_up.next_date"),
    "follow-up-overdue": (_set("follow_up.next_date", date(2026, 10, 30)), "follow_up.next_date"),
    "follow-up-stale": (_old_follow_up, "follow_up.history"),
    "follow-up-first-late": (_first_follow_up_in_six_months, "follow_up.next_date"),
    "offer-again-missing": (_all(_set("basis", "sel-141-2"), _set("offer.decision", "declined")),
                            "offer.offer_again"),
    "offer-again-overdue": (_all(_set("basis", "sel-141-2"), _set("offer.decision", "declined"),
                                 _set("offer.offer_again", date(2026, 11, 1))), "offer.offer_again"),
    "sel142-declined-empty": (_all(_set("participation.declined", True), _set("purpose", ""),
                                   _set("goals", []), _set("services", [])), "purpose"),
    "participation-reason": (_set("participation.declined", True), "participation.reason"),
    "support-wish-reason": (_set("support_wish.not_followed", True), "support_wish.reason"),
    "boform-dates": (_set("boform.admitted", None), "boform.admitted"),
    # Admitted on a Thursday: three hverdage later is the Tuesday (Monday is 2. påskedag
    # in 2027 - not here: 22 October 2026 is a Thursday, so the Tuesday 27th).
    "notification-late": (_all(_set("boform.admitted", date(2026, 10, 22)),
                               _set("boform.notified", date(2026, 10, 28))), "boform.notified"),
    "plan-start-late": (_set("boform.notified", date(2026, 10, 5)), "boform.notified"),
    "discharge-conditions": (_set("boform.planned_end", date(2026, 11, 20)), "discharge"),
    "coordinated-consent": (_set("basis", "sel-141-7"), "coordinated.consent_date"),
    "coordinated-replaces": (_set("basis", "sel-141-7"), "coordinated.replaces"),
    "coordinated-employment": (_set("basis", "sel-141-7"), "coordinated.employment_goals"),
    "coordinated-caseworker": (_set("basis", "sel-141-7"), "coordinated.coordinating_caseworker"),
    "handover-missing": (_set("handovers", []), "services[1].legal_basis"),
    "matter-unaddressed": (_set("circumstances.finances", ""), "circumstances.finances"),
    "cti-takes-over": (_set("services.0.takes_over", " "), "services[0].takes_over"),
    "pension-age": (_set("citizen.cpr", "010358-1234"), "citizen.cpr"),
    "youth-model": (_set("citizen.cpr", "150503-4123"), "goals"),
}


def test_every_rule_has_a_mistake_to_fire_on():
    assert set(MISTAKES) == {r.id for r in RULES}


def test_rule_ids_are_unique_and_severities_known():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert {r.severity for r in RULES} == {FEJL, ADVARSEL}


def test_the_law_s_minimum_is_fejl_and_practice_advarsel():
    fejl = {r.id for r in RULES if r.severity == FEJL}
    assert fejl == {"citizen-identity", "offer-undocumented", "offer-declined-reason", "stk3-purpose",
                    "stk3-services", "stk3-duration", "stk3-circumstances",
                    "sel142-declined-empty", "support-wish-reason", "coordinated-consent"}


def test_the_good_plan_has_no_findings(good, today):
    assert check_plan(good, today) == []


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.id)
def test_each_rule_is_quiet_on_the_good_plan(r, good, today):
    assert list(r.check(good, today)) == []


@pytest.mark.parametrize("rule_id", sorted(MISTAKES))
def test_each_rule_fires_on_its_mistake(rule_id, good, today):
    mistake, field = MISTAKES[rule_id]
    mistake(good)
    found = [f for f in check_plan(good, today) if f.rule == rule_id]
    assert found, f"{rule_id} did not fire"
    assert found[0].field == field
    assert found[0].severity == rule(rule_id).severity
    assert found[0].message.strip()


def test_a_pending_answer_is_an_undocumented_offer(good, today):
    good.offer.decision = "pending"
    found = [f for f in check_plan(good, today) if f.rule == "offer-undocumented"]
    assert [f.field for f in found] == ["offer.decision"]


def test_a_written_estimate_states_the_duration(good, today):
    good.duration.expected_end = None
    good.duration.note = "Cirka et år, til Jonas har boet i egen bolig i 6 måneder."
    assert "stk3-duration" not in {f.rule for f in check_plan(good, today)}


def test_a_dropped_subgoal_needs_no_deadline_or_indicator(good, today):
    sub = good.goals[0].subgoals[1]
    sub.status, sub.deadline, sub.indicator = "dropped", None, ""
    assert check_plan(good, today) == []


def test_an_empty_goal_asks_for_text(good, today):
    good.goals[0].title = ""
    (found,) = [f for f in check_plan(good, today) if f.rule == "vague-goal"]
    assert found.field == "goals[0].title"
    assert "ingen tekst" in found.message


def test_housing_only_is_quiet_when_the_other_matters_say_there_is_nothing(good, today):
    _only_housing_goal(good)
    # A home is anvist: the citizen no longer waits (see the test below).
    good.discharge.home_or_place = True
    good.circumstances.treatment = "Ingen."
    good.circumstances.employment = "Ikke relevant"
    good.circumstances.finances = ""
    assert "housing-only" not in {f.rule for f in check_plan(good, today)}
    good.circumstances.finances = "Gæld på 14.000 kr. til forsyningsselskabet."
    (found,) = [f for f in check_plan(good, today) if f.rule == "housing-only"]
    assert "økonomi" in found.message and "behandling" not in found.message


def test_a_service_linked_to_a_goal_that_is_gone(good, today):
    good.services[3].goal_ids = ["g-findes-ikke"]
    (found,) = [f for f in check_plan(good, today) if f.rule == "service-no-goal"]
    assert found.field == "services[3].goal_ids" and "g-findes-ikke" in found.message


def test_cti_of_exactly_nine_months_passes_and_one_without_end_does_not(good, today):
    cti = good.services[0]
    cti.start, cti.end = date(2026, 12, 1), date(2027, 9, 1)
    cti.phases[-1].end = date(2027, 9, 1)
    assert check_plan(good, today) == []
    cti.end = None
    for phase in cti.phases:
        phase.end = None
    found = [f for f in check_plan(good, today) if f.rule.startswith("cti-")]
    assert {f.rule for f in found} == {"cti-duration", "cti-phases"}
    assert "services[0].phases[0].end" in {f.field for f in found}


def test_cti_phase_dates_alone_can_make_it_too_long(good, today):
    good.services[0].end = None
    good.services[0].phases[2].end = date(2027, 11, 30)
    assert "cti-duration" in {f.rule for f in check_plan(good, today)}


def test_act_needs_a_coordinator_too_and_a_named_one_silences_it(good, today):
    good.services[0].method = "ACT"
    assert check_plan(good, today) == []
    good.coordinator.name = ""
    assert [f.rule for f in check_plan(good, today)] == ["coordinator-missing"]


def test_a_withdrawn_consent_is_not_also_missing(good, today):
    consent = good.partners[0].consent
    consent.given, consent.withdrawn = False, date(2026, 11, 1)
    assert [f.rule for f in check_plan(good, today)] == ["consent-withdrawn"]


def test_a_closed_plan_is_not_followed_up(good):
    good.follow_up.next_date = None
    later = date(2029, 1, 1)
    assert {"follow-up-missing", "follow-up-stale"} <= {f.rule for f in check_plan(good, later)}
    good.status = "closed"
    assert not [f for f in check_plan(good, later) if f.rule.startswith("follow-up")]


def test_a_plan_never_followed_up_goes_stale_after_twelve_months(good):
    good.follow_up.next_date = date(2028, 1, 1)
    assert "follow-up-stale" not in {f.rule for f in check_plan(good, date(2027, 11, 2))}
    found = {f.rule for f in check_plan(good, date(2027, 11, 3))}
    assert "follow-up-stale" in found


def test_a_recent_follow_up_keeps_the_plan_fresh(good):
    good.follow_up.next_date = date(2028, 6, 1)
    good.follow_up.history = [FollowUpEntry(date(2027, 10, 1), "continue", "Går efter planen")]
    assert "follow-up-stale" not in {f.rule for f in check_plan(good, date(2028, 5, 1))}


def test_overdue_counts_the_days_in_danish(good, today):
    good.follow_up.next_date = date(2026, 11, 1)
    (found,) = [f for f in check_plan(good, today) if f.rule == "follow-up-overdue"]
    assert "1. november 2026" in found.message and "1 dag siden" in found.message


def test_the_pension_age_reached_during_the_plan(good, today):
    good.citizen.cpr = "100160-1234"  # born 10 Jan 1960: 67 on 10 Jan 2027
    (found,) = [f for f in check_plan(good, today) if f.rule == "pension-age"]
    assert "10. januar 2027" in found.message and "67" in found.message
    good.duration.expected_end = date(2026, 12, 31)
    assert "pension-age" not in {f.rule for f in check_plan(good, today)}


def test_no_cpr_means_no_age_rules(good, today):
    good.citizen.cpr = ""
    # Only the missing number itself (#9: a plan must say whose it is).
    assert [f.rule for f in check_plan(good, today)] == ["citizen-identity"]


def test_the_youth_model_is_quiet_with_an_education_goal_and_a_coordinator(good, today):
    good.citizen.cpr = "150503-4123"  # 23 years old on TODAY
    good.goals[2].title = "Jonas er startet på FGU senest 1. august 2027"
    assert "youth-model" not in {f.rule for f in check_plan(good, today)}
    good.coordinator.name = ""
    (found,) = [f for f in check_plan(good, today) if f.rule == "youth-model"]
    assert found.field == "coordinator.name" and "23 år" in found.message
    good.citizen.cpr = "150501-4123"  # 25 on TODAY: no longer young for the model
    assert "youth-model" not in {f.rule for f in check_plan(good, today)}


def test_a_plan_without_a_name_or_cpr_is_a_fejl_even_when_declined(good, today):
    good.citizen.name = " "
    good.citizen.cpr = ""
    good.offer.decision = "declined"
    # A § 142 plan cannot be declined away (the example is one).
    good.basis = "sel-141-2"
    good.offer.reason = "Ønsker ikke en plan nu"
    found = [(f.field, f.severity) for f in check_plan(good, today) if f.rule == "citizen-identity"]
    assert found == [("citizen.name", FEJL), ("citizen.cpr", FEJL)]


def test_a_first_follow_up_within_three_months_is_fine_and_one_after_is_not(good, today):
    good.follow_up.history = []
    start = plan_start(good)
    good.follow_up.next_date = add_months(start, 3)
    assert not [f for f in check_plan(good, today) if f.rule == "follow-up-first-late"]
    good.follow_up.next_date = add_months(start, 6)
    (found,) = [f for f in check_plan(good, today) if f.rule == "follow-up-first-late"]
    assert "3 måneder" in found.message
    # Once followed up, the first follow-up is history.
    good.follow_up.history = [FollowUpEntry(start, "continue", "Første opfølgning")]
    assert not [f for f in check_plan(good, today) if f.rule == "follow-up-first-late"]


def test_an_item_without_text_is_named_by_its_number_never_by_empty_quotes(good, today):
    good.goals[2].title = ""
    good.goals[2].subgoals = []
    good.goals[0].subgoals[1].text = ""
    good.goals[0].subgoals[1].indicator = ""
    good.services[2].title = ""
    good.services[2].provider = ""
    messages = [f.message for f in check_plan(good, today)]
    assert not any("«»" in m or "« »" in m for m in messages), messages
    assert "Målet nr. 3 har ingen delmål. " in " ".join(messages)
    assert any(m.startswith("Delmålet nr. 1.2 siger ikke") for m in messages)
    assert any(m.startswith("Indsatsen nr. 3 har ingen udfører") for m in messages)
    good.goals[2].title = "Egen bolig inden 1. juni 2027"
    messages = [f.message for f in check_plan(good, today)]
    assert any(m.startswith("Målet «Egen bolig inden 1. juni 2027» har ingen delmål") for m in messages)


def test_a_declined_offer_asks_for_a_day_to_offer_it_again(good, today):
    """#9.20: the reminder is an advarsel until set, and again once its day has passed."""
    good.offer.decision = "declined"
    # A § 142 plan cannot be declined away (the example is one).
    good.basis = "sel-141-2"
    (found,) = [f for f in check_plan(good, today) if f.rule.startswith("offer-again")]
    assert found.rule == "offer-again-missing" and found.severity == ADVARSEL
    assert found.message.startswith("Borgeren har takket nej til handleplanen. Sæt en dato for "
                                    "at tilbyde handleplanen igen")
    good.offer.offer_again = today
    assert not [f for f in check_plan(good, today) if f.rule.startswith("offer-again")]
    good.offer.offer_again = date.fromordinal(today.toordinal() - 3)
    (found,) = [f for f in check_plan(good, today) if f.rule.startswith("offer-again")]
    assert found.rule == "offer-again-overdue" and "(for 3 dage siden)" in found.message
    # Closed, or accepted after all: no reminder.
    good.status = "closed"
    assert not [f for f in check_plan(good, today) if f.rule.startswith("offer-again")]
    good.status, good.offer.decision = "draft", "accepted"
    assert not [f for f in check_plan(good, today) if f.rule.startswith("offer-again")]


def test_housing_only_asks_for_a_goal_that_moves_while_the_citizen_waits_for_a_home(good, today):
    """#12: all goals about housing while the citizen waits: a finding, even when the plan
    mentions nothing else."""
    _only_housing_goal(good)
    for matter in ("treatment", "employment", "finances"):
        setattr(good.circumstances, matter, "Ingen.")
    (found,) = [f for f in check_plan(good, today) if f.rule == "housing-only"]
    assert "venter på en bolig" in found.message and found.field == "goals"
    good.discharge.home_or_place = True
    assert "housing-only" not in {f.rule for f in check_plan(good, today)}
    # Outside a boform, the housing matter saying the citizen waits is enough.
    good.basis, good.boform.admitted = "sel-141-2", None
    good.discharge.home_or_place = False
    good.circumstances.housing = "Jonas er opskrevet til en bolig og venter på anvisning."
    assert "housing-only" in {f.rule for f in check_plan(good, today)}


def test_a_consent_from_before_the_parts_were_ticked_is_named_with_its_partner(good, today):
    """A planbro-plan/2 consent: its text is kept, but it covers no part, and the check
    says so in the words the caseload repeats."""
    good.partners[2].consent.sections = []
    (found,) = [f for f in check_plan(good, today) if f.rule == "consent-sections"]
    assert found.message.startswith("Samtykket til Kim Jeppesen (Forsorgshjemmet Skovbrynet) "
                                    "angiver ikke, hvilke dele af planen der må deles.")
    assert found.severity == ADVARSEL


def test_a_withdrawn_or_refused_consent_needs_no_parts(good, today):
    good.partners[0].consent.sections = []
    good.partners[0].consent.withdrawn = date(2026, 11, 2)
    good.partners[1].consent.sections = []
    good.partners[1].consent.given = False
    rules = {f.rule for f in check_plan(good, today)}
    assert "consent-sections" not in rules


def test_the_plan_made_from_a_planbro_plan_2_file_asks_for_every_consent_s_parts(today):
    from pathlib import Path

    from planbro.exchange import read_plan_file

    old = read_plan_file(Path(__file__).parents[1] / "exchange_files" / "example-plan-2.json")
    found = [f for f in check_plan(old, today)]
    assert [f.field for f in found if f.rule == "consent-sections"] == [
        f"partners[{i}].consent.sections" for i in range(3)]
    assert [f.field for f in found if f.rule == "handover-sections"] == [
        "handovers[0].sections", "handovers[1].sections"]
    assert {f.rule for f in found} == {"consent-sections", "handover-sections"}
