"""`planbro check`: findings for people and scripts, and the exit status."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from planbro.exchange import write_plan_file
from planbro.model import Citizen, Offer, Plan

from planbro.cli import main

from store_support import command_store

# Every test runs on the local data folder and on the team store (tests/cli/conftest.py).
pytestmark = pytest.mark.usefixtures("cli_store")



@pytest.fixture
def plan_file(tmp_path, example_plan):
    """Write a (changed) copy of the example plan to a file; return its path."""
    def write(change=None, name="plan.json"):
        plan = copy.deepcopy(example_plan)
        if change:
            change(plan)
        path = tmp_path / name
        write_plan_file(plan, path)
        return str(path)
    return write


def _no_purpose(plan: Plan) -> None:
    plan.purpose = ""


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


def test_the_example_plan_passes_with_status_0(example_path, capsys):
    assert main(["check", str(example_path), "--today", "2026-11-02"]) == 0
    out = capsys.readouterr().out
    assert "Kvalitetstjek af handleplanen for Jonas Mikkelsen Østergaard, version 1" in out
    assert "Ingen fund" in out


def test_the_example_plan_has_no_fejl_on_the_real_date(example_path, capsys):
    assert main(["check", str(example_path), "--json"]) == 0
    assert all(f["severity"] == "advarsel" for f in _json(capsys)["findings"])


def test_a_fejl_gives_status_1_and_is_printed_in_danish(plan_file, capsys):
    assert main(["check", plan_file(_no_purpose), "--today", "2026-11-02"]) == 1
    out = capsys.readouterr().out
    assert "fejl:" in out and "Formålet med indsatsen mangler" in out
    assert "felt: purpose · regel: stk3-purpose" in out
    assert "1 fejl, 0 advarsler." in out


def test_json_has_exactly_the_agreed_shape(plan_file, capsys):
    def mistakes(plan: Plan) -> None:
        plan.purpose = ""
        plan.goals[0].subgoals[0].deadline = None

    assert main(["check", plan_file(mistakes), "--json", "--today", "2026-11-02"]) == 1
    data = _json(capsys)
    assert list(data) == ["findings"]
    assert data["findings"] == [
        {"rule": "stk3-purpose", "severity": "fejl", "field": "purpose",
         "message": data["findings"][0]["message"]},
        {"rule": "subgoal-deadline", "severity": "advarsel",
         "field": "goals[0].subgoals[0].deadline", "message": data["findings"][1]["message"]},
    ]
    assert all(list(f) == ["rule", "severity", "message", "field"] for f in data["findings"])
    assert data["findings"][0]["message"].startswith("Formålet med indsatsen mangler")


def test_only_advarsler_give_status_0(example_path, capsys):
    assert main(["check", str(example_path), "--json", "--today", "2028-06-01"]) == 0
    findings = _json(capsys)["findings"]
    # The boform stay was planned to end on 1 June 2027 without the § 110 stk. 5 conditions.
    assert {f["rule"] for f in findings} == {"consent-expired", "follow-up-overdue",
                                             "follow-up-stale", "discharge-conditions"}


def test_a_declined_offer_with_a_reason_passes(tmp_path, capsys):
    plan = Plan(citizen=Citizen(name="Bente Holm", cpr="050581-2244"),
                offer=Offer(date=date(2026, 10, 30), decision="declined",
                            reason="Vil selv finde et værelse.", offer_again=date.today()))
    write_plan_file(plan, tmp_path / "afslag.json")
    assert main(["check", str(tmp_path / "afslag.json"), "--json"]) == 0
    assert _json(capsys) == {"findings": []}


def test_english_with_lang_en(plan_file, capsys):
    assert main(["--lang", "en", "check", plan_file(_no_purpose), "--today", "2026-11-02"]) == 1
    out = capsys.readouterr().out
    assert any(line.startswith("error:") and "The purpose of the help is missing" in line
               for line in out.splitlines())
    assert "field: purpose · rule: stk3-purpose" in out


def test_a_stored_plan_by_its_id(example_plan, plan_file, capsys):
    changed = copy.deepcopy(example_plan)
    _no_purpose(changed)
    with command_store() as store:
        store.put(changed)
    assert main(["check", changed.id[:8], "--json", "--today", "2026-11-02"]) == 1
    by_id = _json(capsys)
    assert main(["check", plan_file(_no_purpose), "--json", "--today", "2026-11-02"]) == 1
    assert by_id == _json(capsys)
    assert [f["rule"] for f in by_id["findings"]] == ["stk3-purpose"]


def test_an_unknown_id_is_bad_input(capsys):
    with command_store():
        pass
    assert main(["check", "deadbeef"]) == 2
    assert "deadbeef" in capsys.readouterr().err


def test_a_missing_file_is_bad_input_and_named_once(tmp_path, capsys):
    missing = str(tmp_path / "findes-ikke.json")
    assert main(["check", missing]) == 2
    err = capsys.readouterr().err
    assert err.count(missing) == 1 and "findes ikke" in err


def test_broken_json_is_bad_input_naming_the_file(tmp_path, capsys):
    path = tmp_path / "brudt.json"
    path.write_text('{"format": "planbro-plan/1", ', encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "JSON" in err


def test_a_bad_field_is_bad_input_naming_file_and_field(plan_file, capsys, tmp_path):
    path = tmp_path / "felt.json"
    data = json.loads(Path(plan_file()).read_text(encoding="utf-8"))
    data["goals"][0]["subgoals"][0]["deadline"] = "2027-02-30"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: goals[0].subgoals[0].deadline" in err


def test_a_bad_today_is_bad_input(example_path, capsys):
    assert main(["check", str(example_path), "--today", "2026-13-01"]) == 2
    assert "--today" in capsys.readouterr().err


def test_the_real_process_exits_1_on_fejl(plan_file):
    result = subprocess.run([sys.executable, "-m", "planbro", "check", plan_file(_no_purpose),
                             "--json"], capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["findings"][0]["rule"] == "stk3-purpose"
