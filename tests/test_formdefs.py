"""forms/wizard.yaml: loads, matches the plan model, and refuses mistakes in plain Danish."""

from __future__ import annotations

import dataclasses
import typing
from datetime import date
from importlib import resources

import pytest
import yaml

from planbro.formdefs import FormDefsError, Text, default_formdefs, load_formdefs, walk_fields
from planbro.model import Plan
from planbro.model.plan import DECISIONS, GOAL_KINDS, MATTERS, METHODS, OUTCOMES, SUBGOAL_STATUSES

# The steps the law and the issue name, in order.
STEP_TITLES = [
    "Borger og sagsbehandler", "Tilbud om handleplan", "Borgerens egne ord og formål",
    "Mål og delmål", "Indsatser", "Varighed og opfølgning", "Andre særlige forhold",
    "Samarbejdsparter og samtykke", "Gennemgang",
]


def shipped_text() -> str:
    return (resources.files("planbro.forms") / "wizard.yaml").read_text(encoding="utf-8")


def model_type(cls: type, path: str):
    """Independent of formdefs: follow "goals[].subgoals[].deadline" through the dataclasses."""
    tp = cls
    for part in path.split("."):
        is_item = part.endswith("[]")
        name = part.removesuffix("[]")
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        owner = args[0] if args and typing.get_origin(tp) is not list else tp
        assert dataclasses.is_dataclass(owner), f"{path}: {part} is inside a non-object"
        names = {f.name for f in dataclasses.fields(owner)}
        assert name in names, f"{path}: the plan has no field {name!r}"
        tp = typing.get_type_hints(owner)[name]
        if is_item:
            assert typing.get_origin(tp) is list, f"{path}: {name} is not a list"
            tp = typing.get_args(tp)[0]
    return tp


def test_the_nine_steps_in_the_laws_order():
    defs = load_formdefs()
    assert [s.title.get("da") for s in defs.steps] == STEP_TITLES
    assert [s.number for s in defs.steps] == list(range(1, 10))
    assert defs.steps[-1].kind == "review"
    assert defs.step("offer").skip_to.step == "review"
    assert defs.step("offer").skip_to.condition.equals == "declined"
    # A § 142 plan is made although the citizen says no: no skip for it.
    assert (defs.step("offer").skip_to.unless.key, defs.step("offer").skip_to.unless.equals) \
        == ("basis", "sel-142")


def test_every_field_key_is_a_real_model_field_of_a_fitting_type():
    kinds = {"date": {date, date | None}, "bool": {bool}, "goal_links": {list[str]},
             "picks": {list[str]}}
    seen = 0
    for step in load_formdefs().steps:
        for f in walk_fields(step.fields()):
            tp = model_type(Plan, f.path.replace("[].", "[]."))
            seen += 1
            if f.kind in kinds:
                assert tp in kinds[f.kind], f.path
            elif f.kind == "group":
                assert typing.get_origin(tp) is list, f.path
            else:
                assert tp in (str, str | None), f.path
    assert seen > 60


def test_the_141_stk_3_elements_are_asked_for():
    paths = {f.path for s in load_formdefs().steps for f in walk_fields(s.fields())}
    for wanted in ["purpose", "services", "duration.expected_end", "circumstances.housing",
                   "circumstances.employment", "circumstances.treatment", "circumstances.aids",
                   "circumstances.personal_help", "citizen_words", "offer.reason",
                   "partners[].consent.scope", "services[].phases", "services[].goal_ids",
                   "handovers[].parts", "goals[].subgoals[].indicator"]:
        assert wanted in paths


def test_picklists_match_the_model_and_the_domain():
    lists = load_formdefs().picklists
    values = {name: [c.value for c in items] for name, items in lists.items()}
    assert values["decisions"] == list(DECISIONS)
    assert values["methods"] == list(METHODS)
    assert values["outcomes"] == list(OUTCOMES)
    assert values["subgoal_statuses"] == list(SUBGOAL_STATUSES)
    assert values["goal_kinds"] == list(GOAL_KINDS)
    assert values["matters"] == list(MATTERS)
    assert [c.label.get("da") for c in lists["goal_kinds"]] == ["Udvikle", "Fastholde", "Begrænse tab"]
    assert "Min Plan (jobplanen)" in values["replaceable_plans"]
    bases = values["legal_bases"]
    assert len(bases) == 24
    for wanted in ["Serviceloven § 85 a", "Serviceloven § 110", "Serviceloven § 101 a",
                   "Sundhedsloven § 142", "Almenboligloven § 59"]:
        assert wanted in bases
    # Each method comes with a one-line Danish explanation.
    assert all(c.help and "\n" not in c.help.da for c in lists["methods"])


def test_every_shipped_text_has_english_too():
    defs = load_formdefs()
    texts = [c.label for items in defs.picklists.values() for c in items]
    for step in defs.steps:
        texts += [step.title] + [s.title for s in step.sections if s.title]
        texts += [f.label for f in walk_fields(step.fields())]
        texts += [f.help for f in walk_fields(step.fields()) if f.help]
    assert texts and all(t.en for t in texts)


def test_text_follows_the_language_and_falls_back_to_danish():
    assert Text("Mål", "Goal").get("en") == "Goal"
    assert Text("Mål", "Goal").get("da") == "Mål"
    assert Text("Mål").get("en") == "Mål"


def test_default_formdefs_is_read_once():
    assert default_formdefs() is default_formdefs()


def changed(old: str, new: str) -> str:
    text = shipped_text()
    assert old in text
    return text.replace(old, new, 1)


def problems_of(text: str) -> str:
    with pytest.raises(FormDefsError) as caught:
        load_formdefs(text=text)
    return str(caught.value)


def test_an_unknown_field_is_named_with_its_step():
    message = problems_of(changed("key: citizen.cpr", "key: citizen.cprnr"))
    assert "trin «citizen»" in message
    assert "feltet «citizen.cprnr»" in message or "«citizen.cprnr»" in message
    assert "handleplanen har intet felt «citizen.cprnr»" in message


def test_a_kind_that_does_not_fit_the_field_is_refused():
    text = changed("key: citizen.name\n            kind: text", "key: citizen.name\n            kind: date")
    assert "«date» passer ikke til dette felt" in problems_of(text)


def test_a_typo_in_an_entry_name_is_named():
    text = changed("label: {da: \"CPR-nummer\"", "lable: {da: \"CPR-nummer\"")
    message = problems_of(text)
    assert "felt «citizen.cpr»" in message
    assert "«lable»" in message and "stavningen" in message


def test_a_label_without_danish_is_refused():
    text = changed('label: {da: "Navn", en: "Name"}', 'label: {en: "Name"}')
    message = problems_of(text)
    assert "felt «citizen.name»" in message and "«da» mangler" in message


def test_a_choice_the_plan_does_not_accept_is_refused():
    text = changed("- value: declined", "- value: nej_tak")
    message = problems_of(text)
    assert "«nej_tak»" in message and "offer.decision" in message


def test_a_missing_picklist_and_a_bad_skip_are_named():
    text = changed("picklist: subgoal_statuses", "picklist: statuser")
    assert "ingen valgliste «statuser»" in problems_of(text)
    text = changed("skip_to: {step: review", "skip_to: {step: citizen")
    assert "«citizen», som ikke er et senere trin" in problems_of(text)


def test_broken_yaml_names_the_line():
    text = shipped_text().replace("format: planbro-wizard/1", "format: [planbro-wizard/1", 1)
    message = problems_of(text)
    assert "wizard.yaml" in message and "linje" in message and "ikke gyldig YAML" in message


def test_a_municipality_may_add_a_field_and_reword_one(tmp_path, monkeypatch):
    text = changed('label: {da: "Sted for underskrift", en: "Place of signing"}',
                   'label: {da: "Underskrives hvor", en: "Signed where"}}\n'
                   '          - {key: signatures.note, kind: multiline, '
                   'label: {da: "Bemærkning til underskriften"}')
    own = tmp_path / "wizard.yaml"
    own.write_text(text, encoding="utf-8")
    monkeypatch.setenv("PLANBRO_FORMS", str(own))
    step = load_formdefs().step("partners")
    labels = {f.key: f.label.get("da") for f in step.fields()}
    assert labels["signatures.place"] == "Underskrives hvor"
    assert labels["signatures.note"] == "Bemærkning til underskriften"


def test_the_yaml_is_plain_data():
    # No tags or anchors that only PyYAML's full loader would understand.
    assert yaml.safe_load(shipped_text())["format"] == "planbro-wizard/1"


def test_the_reform_fields_are_asked_for_in_sections_of_their_basis():
    defs = load_formdefs()
    shown = {f.path: (step.id, section.visible_if) for step in defs.steps
             for section in step.sections for f in walk_fields(section.fields)}
    for path in ("participation.declined", "boform.admitted", "boform.notified",
                 "boform.planned_end", "support_wish.reason", "discharge.lease_signed"):
        assert shown[path][1].key == "basis" and shown[path][1].equals == "sel-142", path
    for path in ("coordinated.consent_date", "coordinated.replaces",
                 "coordinated.employment_goals", "coordinated.jobcenter_contact"):
        assert shown[path][1].equals == "sel-141-7", path
    for path in ("resources", "goals[].kind", "services[].takes_over",
                 "circumstances.not_relevant[].reason"):
        assert shown[path][1] is None, path
    titles = {s.title.get("da") for step in defs.steps for s in step.sections if s.title}
    assert {"Ophold på forsorgshjem/herberg (§ 110)", "Udskrivning (§ 110, stk. 5)",
            "Beskæftigelsesdelen (LAB § 30 b)", "Ikke relevant – med begrundelse"} <= titles


def test_a_section_condition_or_skip_exception_naming_no_field_is_refused():
    text = changed("unless: {key: basis,", "unless: {key: grundlag,")
    assert "betingelsen nævner «grundlag»" in problems_of(text)
    text = changed("        visible_if: {key: basis, equals: sel-142}\n        fields:\n"
                   "          - key: boform.name",
                   "        visible_if: {key: basis_x, equals: sel-142}\n        fields:\n"
                   "          - key: boform.name")
    assert "«basis_x»" in problems_of(text)


def test_picks_needs_a_picklist_and_a_list_of_texts():
    text = changed("            kind: picks\n            picklist: replaceable_plans\n", "            kind: picks\n")
    assert "«picklist» mangler" in problems_of(text)
    text = changed("key: coordinated.consent_how\n            kind: text",
                   "key: coordinated.consent_how\n            kind: picks\n            picklist: matters")
    assert "«picks» passer ikke til dette felt" in problems_of(text)
