"""The wizard's Qt-free helpers: mnemonics, the resume file, what is missing,
the route past a declined offer, and value paths."""

from __future__ import annotations

import json
import subprocess
import sys

from planbro.formdefs import default_formdefs
from planbro.model import Plan

from planbro.ui.wizard.missing import missing_fields, route, step_of_path
from planbro.ui.wizard.mnemonics import assign, mnemonic_of, strip_mnemonic
from planbro.ui.wizard.resume import MAX_ENTRIES, ResumeFile
from planbro.ui.wizard.values import get_value, pattern_of, set_value


def test_mnemonics_are_unique_and_honour_a_wish():
    texts = ["&Navn", "Næste", "Til", "Tilføj", "Dato", "A && B"]
    result = assign(texts, reserved={"n"})
    letters = [mnemonic_of(t) for t in result]
    assert None not in letters and len(set(letters)) == len(letters)
    assert "n" not in letters
    assert [strip_mnemonic(t) for t in result] == ["Navn", "Næste", "Til", "Tilføj", "Dato", "A & B"]
    assert assign(["&Boform"]) == ["&Boform"]
    # A short label keeps a letter even when a long one came first and wanted it.
    assert {mnemonic_of(t) for t in assign(["Tilbage og til", "Ti"], reserved={"b", "g", "o"})} == {"i", "t"}


def test_the_resume_file_remembers_and_survives_damage(tmp_path):
    path = tmp_path / "config" / "wizard-resume.json"
    resume = ResumeFile(path)
    assert resume.step_of("a") is None
    resume.remember("a", "goals")
    resume.remember("b", "review")
    assert ResumeFile(path).step_of("a") == "goals"
    assert "goals" not in path.name and "a" in json.loads(path.read_text())
    resume.forget("a")
    assert resume.step_of("a") is None and resume.step_of("b") == "review"
    path.write_text("{not json", encoding="utf-8")
    assert resume.step_of("b") is None
    resume.remember("c", "services")
    assert resume.step_of("c") == "services"


def test_the_resume_file_keeps_only_the_newest_entries(tmp_path):
    resume = ResumeFile(tmp_path / "r.json")
    for i in range(MAX_ENTRIES + 5):
        resume.remember(f"plan-{i}", "goals")
    data = json.loads((tmp_path / "r.json").read_text())
    assert len(data) == MAX_ENTRIES
    assert "plan-0" not in data and f"plan-{MAX_ENTRIES + 4}" in data


def test_a_declined_offer_skips_to_gennemgang_and_needs_only_its_reason():
    defs = default_formdefs()
    plan = Plan()
    plan.citizen.name = "Kim Larsen"
    assert [s.id for s in route(defs, plan)] == [s.id for s in defs.steps]
    plan.offer.decision = "declined"
    # A § 142 plan cannot be declined away (the example is one).
    plan.basis = "sel-141-2"
    assert [s.id for s in route(defs, plan)] == ["citizen", "offer", "review"]
    missing = {m.path: m.blocking for m in missing_fields(defs, plan)}
    assert missing["offer.reason"] is True
    assert missing["citizen.cpr"] is False
    assert "purpose" not in missing and "goals" not in missing


def test_missing_fields_inside_groups_are_named_with_their_item(example_plan):
    example_plan.goals[1].subgoals[0].deadline = None
    example_plan.services[2].provider = ""
    example_plan.circumstances.__init__()
    missing = {m.path: m.label for m in missing_fields(default_formdefs(), example_plan)}
    assert missing == {
        "goals[1].subgoals[0].deadline": "Mål 2 › Delmål 1 › Frist",
        "services[2].provider": "Indsats 3 › Udfører",
        "circumstances": "Andre særlige forhold",
    }


def test_a_plan_path_leads_to_its_step():
    defs = default_formdefs()
    assert step_of_path(defs, "goals[1].subgoals[0].indicator").id == "goals"
    assert step_of_path(defs, "circumstances").id == "circumstances"
    assert step_of_path(defs, "partners[0].consent.given").id == "partners"
    assert step_of_path(defs, "coordinator.name").id == "citizen"
    assert step_of_path(defs, "no_such_thing") is None


def test_values_by_path():
    plan = Plan()
    set_value(plan, "citizen.cpr", "120379-1235")
    assert get_value(plan, "citizen.cpr") == "120379-1235"
    assert pattern_of("goals[12].subgoals[0].deadline") == "goals[].subgoals[].deadline"


def test_the_helpers_load_without_qt():
    code = ("import sys\n"
            "import planbro.ui.wizard.resume, planbro.ui.wizard.missing, planbro.ui.wizard.reading\n"
            "import planbro.ui.wizard.unsaved\n"
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_given_consent_needs_its_date_and_scope_but_may_wait(example_plan):
    example_plan.partners[0].consent.scope = ""
    example_plan.partners[1].consent.given = False
    example_plan.partners[1].consent.scope = ""
    missing = {m.path: m for m in missing_fields(default_formdefs(), example_plan)}
    assert list(missing) == ["partners[0].consent.scope"]
    assert missing["partners[0].consent.scope"].label == "Samarbejdspart 1 › Hvad må deles og til hvad"
    assert missing["partners[0].consent.scope"].blocking is False


def test_unsaved_text_follows_its_item_and_never_reaches_the_file(example_plan):
    import copy

    from planbro.exchange import dumps_plan

    from planbro.ui.wizard.unsaved import keep, unsaved_inputs, unsaved_of

    defs = default_formdefs()
    keep(example_plan.goals[2].subgoals[0], "deadline", "31-13-2027")
    keep(example_plan, "duration.expected_end", "i morgen")
    copied = copy.deepcopy(example_plan)
    copied.goals.reverse()
    found = [(u.step.id, u.path, u.label, u.text) for u in unsaved_inputs(defs, copied)]
    assert found == [("goals", "goals[0].subgoals[0].deadline", "Mål 1 › Delmål 1 › Frist", "31-13-2027"),
                     ("duration", "duration.expected_end", "Forventet slutdato", "i morgen")]
    assert "31-13-2027" not in dumps_plan(copied) and "i morgen" not in dumps_plan(copied)
    # Copies are independent: correcting one leaves the other as it was.
    keep(copied.goals[0].subgoals[0], "deadline", None)
    assert unsaved_of(copied.goals[0].subgoals[0]) == {}
    assert unsaved_of(example_plan.goals[2].subgoals[0]) == {"deadline": "31-13-2027"}
    # A declined offer's route skips the goals: their text is not asked for.
    copied.offer.decision = "declined"
    # A § 142 plan cannot be declined away (the example is one).
    copied.basis = "sel-141-2"
    assert [u.path for u in unsaved_inputs(defs, copied)] == []
