"""The facts a plan's summary keeps for the overview: the quality check's days, the groups of
free text, and nothing a figure could quote."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest
from team_plans import team

from planbro.model.convert import to_dict

from planbro.quality import DEFAULT_POLICY, check_plan
from planbro.quality.rules_reform import work_started
from planbro.storage.postgres.overview_rows import FACTS_KEYS

from planbro.overview.facts import (
    PACKED,
    facts_format,
    finds,
    found_on,
    is_current,
    plan_facts,
    rule_days,
    unpack,
)
from planbro.overview.grouping import EMPLOYMENT, NONE, OTHER, legal_basis, reason_group
from planbro.overview.labels import legal_basis_name

# Days the rules are asked on: each month of 2024-2031, and days around the team's dates.
DAYS = [date(2024 + n // 12, n % 12 + 1, 1) for n in range(96)] + [
    date(2026, 11, 14), date(2026, 11, 15), date(2026, 11, 16), date(2026, 12, 1)]


@pytest.mark.parametrize("name", ["A1", "A6", "B1", "B3", "C1", "D1", "D2", "E2", "F1"])
def test_the_rule_days_say_what_the_check_finds_on_any_day(example_plan, name):
    plan = team(example_plan)[name][-1]
    days = rule_days(plan)
    text = unpack(plan_facts({1: to_dict(plan)}))["q"]
    for day in DAYS:
        found = {rule for rule, span in days.items() if finds(span, day.isoformat())}
        assert found == {f.rule for f in check_plan(plan, day)}, day
        # The facts' one text says the same.
        assert set(found_on(text, day.isoformat())) == found, day


def test_a_due_day_is_found_to_the_day(example_plan):
    plan = team(example_plan)["A1"][-1]
    # Due on 15-11-2026: overdue from the day after.
    assert rule_days(plan)["follow-up-overdue"] == ["2026-11-16", None]


def test_a_young_citizen_s_finding_ends_on_the_25th_birthday(example_plan):
    plan = team(example_plan)["C1"][-1]
    plan.citizen.cpr, plan.coordinator.name = "150305-4321", ""
    plan.services = [s for s in plan.services if s.method is None]
    assert rule_days(plan)["youth-model"] == [None, "2030-03-15"]


def test_the_facts_are_the_five_keys_the_server_reads_and_one_packed_text(example_plan):
    # The team store's server reads f, cw, unit, start and closed (overview_rows.py); the
    # rest is one text of PACKED's fields, which no field's own text can split wrongly.
    plans = team(example_plan)
    for name in ("A1", "A6", "B1", "D2", "E2"):
        packed = plan_facts({v.version: to_dict(v) for v in plans[name]})
        # The team store sends them as these columns and makes the facts again of them.
        assert tuple(packed) == FACTS_KEYS == ("f", "cw", "unit", "start", "closed", "x")
        assert len(packed["x"].split("|")) == len(PACKED)
    declined = unpack(plan_facts({1: to_dict(plans["B1"][0])}))
    assert declined["reason"] == "no_need" and declined["fu"] == [] and declined["cti"] == []
    sel142 = unpack(plan_facts({1: to_dict(plans["D2"][0])}))
    assert sel142["notified"] == "2026-09-01"
    assert sel142["begun"] == work_started(plans["D2"][0]).isoformat() == "2026-10-01"
    # A6's CTI course has no end: its end is None, as the day not known.
    assert unpack(plan_facts({1: to_dict(plans["A6"][0])}))["cti"] == [["2026-01-05", None]]


def test_the_facts_of_versions_first_signing_and_achieved_months(example_plan):
    versions = team(example_plan)["A1"]
    packed = plan_facts({v.version: to_dict(v) for v in versions})
    assert packed["f"] == facts_format(DEFAULT_POLICY) and is_current(packed, DEFAULT_POLICY)
    facts = unpack(packed)
    assert facts["signed"] == "2026-03-12" and facts["start"] == "2026-03-02"
    assert facts["ach"] == {"2026-06": 1}
    assert facts["sg"] == [5, 0, 1, 1]
    assert facts["lb"] == "S101 S110 S12 S85a"
    assert facts["m"] == "CTI" and facts["fu"] == [["2026-06-01", "continue"]]
    # Each finding from the day it comes: the follow-up due 15-11-2026, a partner's consent
    # running to 30-6-2027, 12 months after the last follow-up, the state-pension age.
    assert sorted(found_on(facts["q"], "2026-11-16")) == ["follow-up-overdue"]
    assert sorted(found_on(facts["q"], "2027-07-01")) == ["consent-expired", "follow-up-overdue",
                                                          "follow-up-stale"]
    assert found_on(facts["q"], "2026-11-15") == []
    assert "pension-age" in found_on(facts["q"], "2049-03-12")
    assert not is_current({**facts, "f": "1/00000000"}, DEFAULT_POLICY)
    assert not is_current(None, DEFAULT_POLICY)


def test_a_sub_goal_achieved_again_in_a_later_version_counts_once(example_plan):
    [signed] = team(example_plan)["A2"]
    later = copy.deepcopy(signed)
    later.version, later.status, later.updated = 2, "draft", "2026-09-01T10:00:00Z"
    docs = {1: to_dict(signed), 2: to_dict(later)}
    assert unpack(plan_facts(docs))["ach"] == {"2026-03": 1}


def test_no_free_text_of_the_plan_is_in_the_facts(example_plan):
    plans = team(example_plan)
    plan = plans["B1"][0]
    plan.offer.reason = "Jeg klarer mig selv, siger Jonas fra Rusmiddelcenteret"
    plan.citizen.cpr = "120379-1235"
    text = json.dumps(plan_facts({1: to_dict(plan)}), ensure_ascii=False)
    for secret in ("Jonas", "Rusmiddelcenteret", "120379", "Borger", "klarer"):
        assert secret not in text


@pytest.mark.parametrize(("reason", "group"), [
    ("Jeg klarer mig selv", "no_need"),
    ("Har ikke brug for hjælp lige nu", "no_need"),
    ("Hun har allerede en plan fra jobcentret", "has_help"),
    ("Har bostøtte i forvejen", "has_help"),
    ("Stoler ikke på kommunen", "distrust"),
    ("Vil ikke dele oplysninger", "distrust"),
    ("Ikke nu, måske senere", "not_now"),
    ("Skal flytte til Aarhus", "moving"),
    ("Det regner", OTHER),
    ("   ", NONE),
])
def test_a_reason_is_kept_as_its_group(reason, group):
    assert reason_group(reason) == group


@pytest.mark.parametrize(("text", "code", "name"), [
    ("Serviceloven § 85 a", "S85a", "Serviceloven § 85 a"),
    ("SEL §85a", "S85a", "Serviceloven § 85 a"),
    ("§ 85 a — Housing First-bostøtte", "S85a", "Serviceloven § 85 a"),
    ("Serviceloven § 101, stk. 1", "S101", "Serviceloven § 101"),
    ("Sundhedsloven § 141", "H141", "Sundhedsloven § 141"),
    ("SUL § 142", "H142", "Sundhedsloven § 142"),
    ("Almenboligloven § 59", "A59", "Almenboligloven § 59"),
    ("Beskæftigelsesindsats (jobcenter)", EMPLOYMENT, "Beskæftigelsesindsats (jobcenter)"),
    ("Aftale med Jonas' mor", OTHER, "Andet lovgrundlag"),
    ("", NONE, "Intet lovgrundlag angivet"),
])
def test_a_legal_basis_is_kept_as_the_law_and_paragraph_it_names(text, code, name):
    assert legal_basis(text) == code
    assert legal_basis_name(code) == name


def test_a_rule_found_from_a_day_on_keeps_that_day(example_plan):
    plan = team(example_plan)["F1"][-1]
    # Signed 20-5-2024 and never followed up: more than 12 months from 21-5-2025.
    assert rule_days(plan)["follow-up-stale"] == ["2025-05-21", None]
    assert rule_days(plan)["cti-phases"] == [None, None]
