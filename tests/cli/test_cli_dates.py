"""The command takes dates as the app does (15-12-2026, 1.3.27 or ISO) and shows them the Danish way."""

from __future__ import annotations

from datetime import date

import pytest

from planbro.storage import PlanStore, default_data_dir

from planbro.cli import main

EXAMPLE_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"


@pytest.fixture
def stored(example_path, capsys):
    assert main(["import", str(example_path)]) == 0
    capsys.readouterr()


def _plan():
    with PlanStore.open(default_data_dir()) as store:
        return store.get(EXAMPLE_ID)


def test_follow_up_takes_danish_dates(stored, capsys):
    assert main(["follow-up", EXAMPLE_ID, "--date", "20.11.2026", "--outcome", "fortsættes",
                 "--note", "Godt i gang.", "--next", "20-2-27"]) == 0
    plan = _plan()
    assert plan.follow_up.history[-1].date == date(2026, 11, 20)
    assert plan.follow_up.next_date == date(2027, 2, 20)
    assert "Næste opfølgning: 20-02-2027." in capsys.readouterr().out


@pytest.mark.parametrize("args", [
    ["check", EXAMPLE_ID, "--today", "02-11-2026"],
    ["check", EXAMPLE_ID, "--today", "2026-11-02"],
    ["audit", "--since", "1/11/2026"],
])
def test_every_date_option_takes_both_forms(stored, args, capsys):
    assert main(args) in (0, 1)
    assert capsys.readouterr().err == ""


def test_sign_takes_a_danish_date_and_prints_it_so(stored, capsys):
    assert main(["sign", EXAMPLE_ID, "--date", "1-11-2026"]) == 0
    assert _plan().signatures.caseworker_signed == date(2026, 11, 1)
    assert "01-11-2026" in capsys.readouterr().out


@pytest.mark.parametrize("option, args", [
    ("--today", ["check", EXAMPLE_ID, "--today", "31-11-2026"]),
    ("--since", ["audit", "--since", "igår"]),
    ("--date", ["sign", EXAMPLE_ID, "--date", "2026-13-01"]),
])
def test_a_wrong_date_names_the_option_and_the_form(stored, option, args, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith(option + ": ") and "DD-MM-ÅÅÅÅ" in err and "Traceback" not in err


def test_show_gives_the_last_change_in_local_time_the_danish_way(stored, capsys, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Copenhagen")
    import time
    time.tzset()
    try:
        assert main(["show", EXAMPLE_ID]) == 0
        line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("Senest ændret"))
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert "Z" not in line and "T" not in line.split("  ")[-1]
    # The example plan was last changed at 10:40 UTC: 11:40 in Denmark in November.
    assert line.split("  ", 1)[1].strip() == "2. nov. 2026 11:40"
    assert main(["--lang", "en", "show", EXAMPLE_ID]) == 0
    english = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("Last changed"))
    assert "Nov 2026" in english
