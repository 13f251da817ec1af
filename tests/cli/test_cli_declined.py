"""`planbro list [--due]` after a declined offer: "takket nej" with its day, and the day
to offer the plan again as the plan's reminder (#9.20)."""

import json
from datetime import date, timedelta

import pytest

from planbro.exchange import plan_from_data, write_plan_file

from planbro.cli import main

# Every test runs on the local data folder and on the team store (tests/cli/conftest.py).
pytestmark = pytest.mark.usefixtures("cli_store")


def add_declined(tmp_path, name, offer_again):
    plan = plan_from_data({
        "format": "planbro-plan/1", "citizen": {"name": name},
        "offer": {"date": "2026-11-02", "decision": "declined", "reason": "Vil ikke nu.",
                  "offer_again": offer_again and offer_again.isoformat()}})
    path = tmp_path / f"{plan.id}.json"
    write_plan_file(plan, path)
    assert main(["import", str(path)]) == 0
    return plan


def test_list_due_includes_a_declined_plan_whose_day_to_offer_again_has_come(tmp_path, capsys):
    today = date.today()
    due = add_declined(tmp_path, "Bente Holm", today - timedelta(days=1))
    soon = add_declined(tmp_path, "Carl Nørgaard", today + timedelta(days=10))
    add_declined(tmp_path, "Dorte Lund", today + timedelta(days=60))
    add_declined(tmp_path, "Erik Bo", None)
    capsys.readouterr()
    assert main(["list", "--due", "--json"]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    assert set(rows) == {due.id, soon.id}
    assert rows[due.id]["overdue"] is True and rows[soon.id]["overdue"] is False
    assert rows[due.id]["decision"] == "declined"
    assert rows[due.id]["offer_date"] == "2026-11-02"
    assert rows[due.id]["offer_again"] == (today - timedelta(days=1)).isoformat()
    assert main(["list", "--due"]) == 0
    [bente] = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Bente")]
    assert "takket nej (02-11-2026)" in bente
    assert (today - timedelta(days=1)).strftime("%d-%m-%Y") + " (tilbyd igen) (forfalden)" in bente
