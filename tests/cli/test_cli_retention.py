"""`planbro journalise` and `planbro purge` (#11): mark a closed case journalised, list what
the retention period deletes, delete it only when asked, never a case not journalised."""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta

import pytest

from planbro.audit import AuditLog
from planbro.settings import UserSettings, save_settings
from planbro.storage import default_data_dir

from planbro.cli import main

EXAMPLE_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"
# The days before today the cases of these tests were journalised: long enough ago to be
# due after the default 30 days, and recently enough to be kept.
LONG_AGO, RECENTLY = 40, 5


def _day(days_ago: int) -> str:
    return (date.today() - timedelta(days=days_ago)).strftime("%d-%m-%Y")


def _import(tmp_path, name: str, plan_id: str, example_path) -> None:
    data = json.loads(example_path.read_text(encoding="utf-8"))
    data["id"], data["citizen"]["name"] = plan_id, name
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["import", str(path)]) == 0


def _listed(capsys) -> dict:
    capsys.readouterr()
    assert main(["list", "--json"]) == 0
    return {row["id"]: row for row in json.loads(capsys.readouterr().out)}


def _files(plan_id: str) -> list:
    return [p for p in default_data_dir().rglob(f"{plan_id}*") if p.is_file()]


@pytest.fixture
def cases(example_path, tmp_path, capsys):
    """Four closed cases: journalised long ago (two), recently, and never."""
    ids = {"due": EXAMPLE_ID, "due2": "11111111-2222-4333-8444-555555555555",
           "kept": "22222222-3333-4444-8555-666666666666",
           "waiting": "33333333-4444-4555-8666-777777777777"}
    names = {"due": "Jonas Mikkelsen", "due2": "Anna Holm", "kept": "Bo Lund",
             "waiting": "Carl Nørgaard"}
    for key, plan_id in ids.items():
        _import(tmp_path, names[key], plan_id, example_path)
        assert main(["close", plan_id]) == 0
    for key, days_ago in (("due", LONG_AGO), ("due2", LONG_AGO), ("kept", RECENTLY)):
        assert main(["journalise", ids[key][:8], "--date", _day(days_ago)]) == 0
    capsys.readouterr()
    return ids


def test_close_names_the_pdf_and_the_journalise_command(example_path, capsys):
    main(["import", str(example_path)])
    capsys.readouterr()
    assert main(["close", EXAMPLE_ID]) == 0
    out = capsys.readouterr().out
    assert f"planbro render {EXAMPLE_ID} --pdf" in out
    assert f"planbro journalise {EXAMPLE_ID}" in out
    assert "ESDH" in out and "PDF/A" in out


def test_journalise_marks_the_day_and_says_when_the_case_goes(example_path, capsys):
    main(["import", str(example_path)])
    main(["close", EXAMPLE_ID])
    capsys.readouterr()
    assert main(["journalise", EXAMPLE_ID[:8], "--date", "01-10-2026"]) == 0
    out = capsys.readouterr().out
    assert "journaliseret den 01-10-2026" in out
    assert "31-10-2026" in out and "30 dage" in out
    assert _listed(capsys)[EXAMPLE_ID]["journalised"] == "2026-10-01"
    capsys.readouterr()
    main(["list"])
    assert "journaliseret (01-10-2026)" in capsys.readouterr().out
    [record] = [r for r in AuditLog(default_data_dir()).read().records
                if r["action"] == "journalise"]
    assert (record["plan"], record["via"]) == (EXAMPLE_ID, "cli")


def test_journalise_without_a_date_is_today(example_path, capsys):
    main(["import", str(example_path)])
    main(["close", EXAMPLE_ID])
    assert main(["journalise", EXAMPLE_ID]) == 0
    assert _listed(capsys)[EXAMPLE_ID]["journalised"] == date.today().isoformat()


@pytest.mark.parametrize("args, says", [
    (["--date", "31-11-2026"], "--date"),
    (["--date", (date.today() + timedelta(days=1)).strftime("%d-%m-%Y")], "ikke kommet"),
])
def test_journalise_refuses_a_bad_or_coming_day(example_path, capsys, args, says):
    main(["import", str(example_path)])
    main(["close", EXAMPLE_ID])
    capsys.readouterr()
    assert main(["journalise", EXAMPLE_ID, *args]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    assert _listed(capsys)[EXAMPLE_ID]["journalised"] is None


def test_an_open_case_is_not_journalised(example_path, capsys):
    main(["import", str(example_path)])
    capsys.readouterr()
    assert main(["journalise", EXAMPLE_ID]) == 2
    assert "Luk sagen" in capsys.readouterr().err
    assert _listed(capsys)[EXAMPLE_ID]["journalised"] is None


def test_dry_run_lists_what_goes_and_names_the_case_not_journalised(cases, capsys):
    assert main(["purge", "--dry-run"]) == 0
    out = capsys.readouterr().out
    due = out.split("Ville blive slettet")[1].split("Journaliseret, beholdes")[0]
    kept = out.split("Journaliseret, beholdes")[1].split("Afsluttet, ikke journaliseret")[0]
    waiting = out.split("Afsluttet, ikke journaliseret")[1]
    assert cases["due"][:8] in due and cases["due2"][:8] in due
    assert _day(LONG_AGO) in due and "Jonas Mikkelsen" in due
    assert cases["kept"][:8] in kept and cases["kept"][:8] not in due
    assert cases["waiting"][:8] in waiting and "aldrig" in waiting
    # Never a CPR number, not even masked.
    assert "120379" not in out
    # Nothing was deleted.
    assert set(_listed(capsys)) == set(cases.values())


def test_purge_without_a_terminal_refuses_unless_yes(cases, capsys):
    # Without a terminal to confirm on, what is missing is said, exit 2 (#11: never waiting).
    assert main(["purge"]) == 2
    assert "ingen terminal" in capsys.readouterr().err
    assert set(_listed(capsys)) == set(cases.values())
    assert main(["purge", "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"Slettet: {cases['due'][:8]}" in out and f"Slettet: {cases['due2'][:8]}" in out
    listed = _listed(capsys)
    assert set(listed) == {cases["kept"], cases["waiting"]}
    assert listed[cases["waiting"]]["status"] == "closed"
    for key in ("due", "due2"):
        assert _files(cases[key]) == []
    assert _files(cases["kept"]) and _files(cases["waiting"])
    purged = [r["plan"] for r in AuditLog(default_data_dir()).read().records
              if r["action"] == "purge"]
    assert sorted(purged) == sorted([cases["due"], cases["due2"]])


def test_purge_on_a_terminal_asks_first(cases, capsys, monkeypatch):
    asked = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda question: asked.append(question) or "n")
    assert main(["purge"]) == 1
    assert "2" in asked[0] and "for altid" in asked[0]
    assert len(_listed(capsys)) == 4
    monkeypatch.setattr("builtins.input", lambda question: "j")
    assert main(["purge"]) == 0
    assert len(_listed(capsys)) == 2


def test_the_retention_period_comes_from_the_settings(cases, capsys):
    save_settings(UserSettings(retention_days=3))
    assert main(["purge", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "3 dage" in out
    assert cases["kept"][:8] in out.split("Ville blive slettet")[1].split("Afsluttet")[0]
    assert main(["purge", "--yes"]) == 0
    assert set(_listed(capsys)) == {cases["waiting"]}


def test_nothing_due_deletes_nothing_and_asks_nothing(example_path, capsys):
    main(["import", str(example_path)])
    capsys.readouterr()
    assert main(["purge"]) == 0
    assert "Ingen sag skal slettes" in capsys.readouterr().out
    assert set(_listed(capsys)) == {EXAMPLE_ID}


def test_journalise_refuses_a_day_before_the_case_was_closed(example_path, capsys):
    """A journalising day before the closing would make the case due for deletion at once
    (and cannot be true): refused, nothing changed."""
    assert main(["import", str(example_path)]) == 0
    plan_id = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"
    assert main(["follow-up", plan_id, "--date", "01-12-2026", "--outcome", "afsluttes",
                 "--note", "Jonas bor i egen bolig."]) == 0
    capsys.readouterr()
    assert main(["journalise", plan_id, "--date", "01-10-2026"]) == 2
    assert "afsluttet den 01-12-2026" in capsys.readouterr().err
    assert main(["journalise", plan_id, "--date", "02-12-2026"]) == 0
