"""What one partner may be given of a plan: the standing consent's parts and the hand-overs'."""

from dataclasses import fields
from datetime import date

import pytest

from planbro.model import Consent, Handover, Partner, Plan
from planbro.model.convert import to_dict
from planbro.model.plan import MATTERS, SECTIONS, NotRelevant
from planbro.model.sharing import consent_stands, handovers_to, ordered, reduced, sharing

TODAY = date(2026, 12, 2)


def partner(organisation="Forsorgshjemmet Skovbrynet", name="Kim Jeppesen", **consent):
    values = {"given": True, "date": date(2026, 11, 2), "sections": ["housing"], **consent}
    return Partner(name=name, organisation=organisation, consent=Consent(**values))


def test_a_consent_stands_while_given_not_withdrawn_and_not_expired():
    assert consent_stands(partner().consent, TODAY)
    assert consent_stands(partner(expires=TODAY).consent, TODAY)
    assert not consent_stands(partner(expires=date(2026, 12, 1)).consent, TODAY)
    assert not consent_stands(partner(withdrawn=date(2026, 11, 20)).consent, TODAY)
    assert not consent_stands(partner(given=False).consent, TODAY)


def test_the_example_partners_are_given_their_consents_and_hand_overs_parts(example_plan):
    ali, susanne, kim = example_plan.partners
    assert sharing(example_plan, ali, TODAY).sections == SECTIONS
    assert sharing(example_plan, susanne, TODAY).sections == ("purpose", "goals", "services",
                                                              "treatment")
    kim_shared = sharing(example_plan, kim, TODAY)
    # The consent: varighed and boform; the hand-over to the forsorgshjem: formål, boform and
    # the two services it takes part in, alone (not the treatment's nor the debt advice).
    assert kim_shared.sections == ("purpose", "duration", "housing", "service:s-cti",
                                   "service:s-forsorgshjem")
    assert [h.date for h in kim_shared.handed_over()] == [date(2026, 11, 3)]
    assert kim_shared.consent is kim.consent and kim_shared.allowed


def test_a_hand_over_is_the_partners_only_by_the_whole_name_of_its_service():
    plan = Plan(handovers=[Handover(to="Rusmiddelcenteret, Odense Kommune (§ 101)",
                                    sections=["treatment"])])
    assert handovers_to(plan, partner("Rusmiddelcenteret, odense  kommune"))
    assert handovers_to(plan, partner("", name="Rusmiddelcenteret, Odense Kommune"))
    # One name inside the other is not the same service: the jobcenter gets nothing.
    assert not handovers_to(plan, partner("Odense Kommune"))
    assert not handovers_to(plan, partner("Rusmiddelcenteret"))
    assert not handovers_to(plan, partner("", name=""))


def test_a_consent_that_no_longer_stands_gives_nothing_but_a_hand_over_still_does():
    kim = partner(withdrawn=date(2026, 11, 20), sections=["housing", "health"])
    plan = Plan(partners=[kim], handovers=[Handover(to="Forsorgshjemmet Skovbrynet (§ 110)",
                                                     sections=["purpose"])])
    shared = sharing(plan, kim, TODAY)
    assert shared.consent is None and shared.sections == ("purpose",)


def test_a_consent_or_hand_over_without_ticked_parts_covers_nothing():
    kim = partner(sections=[], scope="Boligmål og udflytningsdato")
    plan = Plan(partners=[kim], handovers=[Handover(to="Kim Jeppesen", parts="Formål")])
    shared = sharing(plan, kim, TODAY)
    assert shared.sections == () and not shared.allowed
    assert len(shared.handovers) == 1 and shared.handed_over() == ()


def test_ordered_keeps_the_plans_order_once_and_drops_what_it_does_not_know():
    assert ordered(["health", "purpose", "health", "x"]) == ("purpose", "health")
    assert ordered(None) == ()


def test_reduced_holds_only_the_chosen_parts(example_plan):
    kept = reduced(example_plan, ["purpose", "services", "housing"])
    assert kept.purpose == example_plan.purpose
    assert kept.circumstances.housing == example_plan.circumstances.housing
    for matter in MATTERS:
        if matter != "housing":
            assert getattr(kept.circumstances, matter) == "", matter
    assert kept.goals == [] and kept.partners == [] and kept.handovers == []
    assert kept.citizen_words == "" and kept.resources == "" and kept.follow_up.history == []
    assert kept.citizen.address == "" and kept.citizen.phone == ""
    assert kept.citizen.cpr == example_plan.citizen.cpr and kept.citizen.name
    assert kept.duration.note == "" and kept.offer.reason == ""
    # Without the goals, a service no longer names the goals it serves.
    assert all(s.goal_ids == [] for s in kept.services)
    assert [s.title for s in kept.services] == [s.title for s in example_plan.services]
    # The plan it was made from is untouched.
    assert example_plan.services[0].goal_ids == ["g-bolig", "g-oekonomi"]


def test_reduced_to_nothing_is_an_empty_plan_of_the_same_citizen(example_plan):
    kept = to_dict(reduced(example_plan, []))
    empty = to_dict(Plan())
    same = {"id", "version", "status", "created", "updated", "basis", "citizen", "caseworker",
            "signatures"}
    for f in fields(Plan):
        if f.name not in same:
            assert kept[f.name] == empty[f.name], f.name
    assert kept["citizen"] == {**empty["citizen"], "name": example_plan.citizen.name,
                               "cpr": example_plan.citizen.cpr}


def test_not_relevant_matters_are_kept_only_when_their_matter_is_shared():
    plan = Plan()
    plan.circumstances.not_relevant = [NotRelevant("finances", "Stabil økonomi"),
                                       NotRelevant("housing", "Har egen bolig")]
    kept = reduced(plan, ["housing"])
    assert [(n.matter, n.reason) for n in kept.circumstances.not_relevant] == [
        ("housing", "Har egen bolig")]


def test_the_parts_are_named_in_the_plans_order_in_danish_and_english():
    from planbro.translation import set_language

    from planbro.model.labels import section_label, sections_label

    assert [section_label(s) for s in SECTIONS][:4] == ["Formål", "Mål og delmål", "Indsatser",
                                                         "Forventet varighed"]
    assert sections_label(["health", "purpose", "housing"]) == "Formål, boform og helbred"
    assert sections_label([]) == ""
    set_language("en")
    assert sections_label(["finances", "goals"]) == "Goals and sub-goals and finances"


def test_the_audit_detail_of_an_extract_names_the_partner_by_place_and_the_parts_in_fixed_words():
    from planbro.model.sharing import extract_detail, read_extract_detail

    detail = extract_detail("pdf", 3, ["housing", "purpose", "health"])
    assert detail == "udskrift pdf til samarbejdspart 3: formål, boform, helbred"
    assert read_extract_detail(detail) == ("pdf", 3, ("purpose", "housing", "health"))
    assert read_extract_detail(extract_detail("docx", 12, list(SECTIONS)))[2] == SECTIONS
    for bad in ("udskrift pdf til samarbejdspart 3: boform, formål",      # not the plan's order
                "udskrift pdf til samarbejdspart 3: Jonas",
                "udskrift pdf til samarbejdspart 1203791235: boform",
                "udskrift pdf til samarbejdspart 0: boform",
                "udskrift pdf til samarbejdspart 3: ", "pdf", ""):
        assert read_extract_detail(bad) is None, bad
    for kind, number, parts in (("txt", 1, ["housing"]), ("pdf", 1000, ["housing"]),
                                ("pdf", 1, []), ("pdf", 0, ["housing"])):
        with pytest.raises(ValueError):
            extract_detail(kind, number, parts)


def test_a_consent_may_give_single_services_and_services_still_gives_all(example_plan):
    """"service:<id>" gives that service alone; "services" all of them; an id the plan no
    longer has gives nothing (#13)."""
    plan = example_plan
    plan.partners[2].consent.sections = ["service:s-forsorgshjem", "service:gone"]
    plan.handovers = []
    shared = sharing(plan, plan.partners[2], TODAY)
    assert shared.sections == ("service:s-forsorgshjem",) and shared.allowed
    kept = reduced(plan, shared.sections)
    assert [s.title for s in kept.services] == ["Ophold på forsorgshjem indtil indflytning"]
    assert kept.services[0].goal_ids == []   # the goals are not shared
    assert kept.goals == [] and kept.purpose == ""
    both = reduced(plan, ["services", "service:s-cti"])
    assert [s.id for s in both.services] == ["s-cti", "s-forsorgshjem", "s-behandling",
                                             "s-oekonomi"]
    plan.partners[2].consent.sections = ["service:gone"]
    assert not sharing(plan, plan.partners[2], TODAY).allowed


def test_single_services_are_counted_in_the_audit_detail_and_read_back():
    from planbro.model.sharing import extract_detail, read_extract_detail

    one = extract_detail("pdf", 3, ["housing", "service:s-cti", "purpose"])
    assert one == "udskrift pdf til samarbejdspart 3: formål, 1 indsats, boform"
    kind, number, sections = read_extract_detail(one)
    assert (kind, number) == ("pdf", 3) and extract_detail(kind, number, sections) == one
    two = extract_detail("docx", 1, ["service:a", "service:b"])
    assert two == "udskrift docx til samarbejdspart 1: 2 indsatser"
    assert extract_detail("docx", 1, read_extract_detail(two)[2]) == two
    # "services" gives all: single ones beside it are not counted.
    assert extract_detail("pdf", 1, ["services", "service:a"]).endswith(": indsatser")
    for bad in ("udskrift pdf til samarbejdspart 1: 1 indsatser",
                "udskrift pdf til samarbejdspart 1: 0 indsatser",
                "udskrift pdf til samarbejdspart 1: indsatser, 2 indsatser",
                "udskrift pdf til samarbejdspart 1: boform, 1 indsats",
                "udskrift pdf til samarbejdspart 1: Housing First"):
        assert read_extract_detail(bad) is None, bad
