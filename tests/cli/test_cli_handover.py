"""Overdrag sag (issue 14): `planbro overdrag ID --til NAVN [--til-dato D] --note …` on the
team store, on a real PostgreSQL server: the case appears in the colleague's caseload
(`planbro list --mine`), a vikar's only up to and including their last day; logged in the
audit table without the note; bad input refused in Danish naming the option, exit 2."""

from __future__ import annotations

import json
from datetime import date, timedelta

import psycopg
import pytest

from planbro.settings import UserSettings, save_settings

from planbro.cli import main

EXAMPLE_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"
# The caseworker the example plan names.
NAMED = "Mette Lund Sørensen"


@pytest.fixture
def team(pg_server, pg_database, monkeypatch, example_path, capsys):
    """The example plan on the team store PLANBRO_STORE names; a query function as its owner."""
    monkeypatch.setenv("PLANBRO_STORE", pg_server.url(pg_database))
    assert main(["import", str(example_path)]) == 0
    capsys.readouterr()

    def query(sql: str, params=()) -> list[tuple]:
        with psycopg.connect(pg_server.dsn(pg_database)) as connection:
            cursor = connection.execute(sql, list(params))
            return cursor.fetchall() if cursor.description else []

    return query


def listed(capsys, *options: str) -> list[dict]:
    assert main(["list", "--json", *options]) == 0
    return json.loads(capsys.readouterr().out)


def as_caseworker(name: str) -> None:
    save_settings(UserSettings(caseworker_name=name))


def test_a_case_handed_over_appears_in_the_colleagues_caseload(team, capsys):
    [row] = listed(capsys)
    assert row["caseworker"] == NAMED
    assert main(["overdrag", EXAMPLE_ID[:8], "--til", "Bo  Berg", "--new-colleague",
                 "--note", "Borgeren har møde på jobcentret den 3. – husk ledsagelse."]) == 0
    out = capsys.readouterr().out
    assert out == ("Jonas Mikkelsen Østergaard: sagen er overdraget til Bo Berg.\n"
                   "Bo Berg ser kun sagen, når vedkommendes egen databaserolle arbejder i "
                   "enheden «Socialafdelingen, Team Hjemløse og Udsatte»: det sætter "
                   "IT-afdelingen op.\n")
    assert "jobcentret" not in out
    [row] = listed(capsys)
    assert row["caseworker"] == "Bo Berg"
    # show names both: the caseworker the plan names, and who is responsible now.
    assert main(["show", EXAMPLE_ID[:8]]) == 0
    shown_lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("Sagsbehandler") and line.endswith(NAMED) for line in shown_lines)
    assert any(line.startswith("Ansvarlig nu") and line.endswith("Bo Berg")
               for line in shown_lines)
    as_caseworker("Bo Berg")
    assert [r["id"] for r in listed(capsys, "--mine")] == [EXAMPLE_ID]
    as_caseworker(NAMED)
    assert listed(capsys, "--mine") == []
    # The note is kept with the hand-over; the audit record says only that it happened.
    assert team("SELECT from_name, to_name, until, note FROM planbro.handovers") == [
        (NAMED, "Bo Berg", None, "Borgeren har møde på jobcentret den 3. – husk ledsagelse.")]
    [record] = [json.loads(line) for (line,) in team(
        "SELECT line FROM planbro.audit WHERE action = 'handover'")]
    assert (record["plan"], record["detail"], record["via"]) == (EXAMPLE_ID, "kollega", "cli")
    assert "jobcentret" not in json.dumps(record, ensure_ascii=False)
    # The plan itself is not changed: no new version, no lease left behind.
    assert team("SELECT version, versions FROM planbro.plans") == [(1, 1)]
    assert team("SELECT count(*) FROM planbro.leases") == [(0,)]
    assert main(["audit"]) == 0
    assert "sag overdraget" in capsys.readouterr().out


def test_a_vikar_has_the_case_up_to_and_including_the_last_day(team, capsys):
    last = date.today() + timedelta(days=30)
    assert main(["overdrag", EXAMPLE_ID, "--til", "Vikar Sif", "--new-colleague", "--til-dato",
                 last.strftime("%d-%m-%Y"), "--note", "Under Mettes sygemelding."]) == 0
    assert capsys.readouterr().out.startswith(
        "Jonas Mikkelsen Østergaard: sagen er overdraget til Vikar Sif som vikar til og med ")
    [row] = listed(capsys)
    assert row["caseworker"] == "Vikar Sif"
    as_caseworker("Vikar Sif")
    assert len(listed(capsys, "--mine")) == 1
    # The period over (the server's today past the last day), the case is Mette's again.
    team("UPDATE planbro.plans SET substitute_until = current_date - 1")
    [row] = listed(capsys)
    assert row["caseworker"] == NAMED
    assert listed(capsys, "--mine") == []
    [(detail,)] = team("SELECT line::json->>'detail' FROM planbro.audit "
                       "WHERE action = 'handover'")
    assert detail == "vikar"
    # A later hand-over for good replaces the vikar.
    assert main(["overdrag", EXAMPLE_ID, "--til", "Bo Berg", "--note", "Mette er stoppet.",
                 "--new-colleague"]) == 0
    assert team("SELECT responsible, substitute, substitute_until FROM planbro.plans") == [
        ("Bo Berg", "", None)]


def test_the_caseload_shows_who_is_responsible(team, capsys):
    assert main(["overdrag", EXAMPLE_ID, "--til", "Bo Berg", "--note", "Overtages.",
                 "--new-colleague"]) == 0
    capsys.readouterr()
    assert main(["list"]) == 0
    header, line = capsys.readouterr().out.splitlines()
    assert header.split()[-1] == "Sagsbehandler" and line.endswith("Bo Berg")


@pytest.mark.parametrize(("options", "said"), [
    (["--til", "  ", "--note", "x"], "--til: skriv navnet på den kollega eller vikar"),
    (["--til", NAMED, "--note", " "], "--note: skriv, hvad kollegaen skal vide"),
    (["--til", NAMED, "--note", "x", "--til-dato", "01-01-2020"],
     "--til-dato: vikarens sidste dag kan ikke ligge før i dag"),
    (["--til", NAMED, "--note", "x", "--til-dato", "31-02-2027"], "--til-dato: «31-02-2027»"),
])
def test_bad_input_is_refused_naming_the_option_and_nothing_changes(team, capsys, options, said):
    assert main(["overdrag", EXAMPLE_ID, *options]) == 2
    assert capsys.readouterr().err.startswith(said)
    assert team("SELECT count(*) FROM planbro.handovers") == [(0,)]
    assert team("SELECT count(*) FROM planbro.audit WHERE action = 'handover'") == [(0,)]


def test_a_name_the_team_does_not_know_is_refused_with_the_one_most_like_it(team, capsys):
    assert main(["overdrag", EXAMPLE_ID, "--til", "Anna Jensen", "--note", "x",
                 "--new-colleague"]) == 0
    capsys.readouterr()
    # A typo: refused, naming the option and the known name most like it; nothing changes.
    assert main(["overdrag", EXAMPLE_ID, "--til", "Anna Jensn", "--note", "Tilbage."]) == 2
    assert capsys.readouterr().err == (
        "--til: ingen i teamet hedder «Anna Jensn». Mente du «Anna Jensen»?\n"
        "Er det en ny kollega, så tilføj --new-colleague.\n")
    assert team("SELECT count(*) FROM planbro.handovers") == [(1,)]
    assert team("SELECT count(*) FROM planbro.audit WHERE action = 'handover'") == [(1,)]
    [row] = listed(capsys)
    assert row["caseworker"] == "Anna Jensen"
    # Nothing alike: no suggestion; the other fields' problems told too.
    assert main(["overdrag", EXAMPLE_ID, "--til", "Zygmunt", "--note", " "]) == 2
    err = capsys.readouterr().err
    assert err.startswith("--til: ingen i teamet hedder «Zygmunt».\n--note: ")
    assert "Mente du" not in err
    # A known name but for spacing and case is taken as the team spells it: the plan's
    # caseworker is known from the plan, the one handed over to from the hand-over.
    assert main(["overdrag", EXAMPLE_ID, "--til", "mette  LUND sørensen", "--note", "x"]) == 0
    assert capsys.readouterr().out.endswith(f"overdraget til {NAMED}.\n")
    assert team("SELECT to_name FROM planbro.handovers ORDER BY at") == [
        ("Anna Jensen",), (NAMED,)]


def test_mine_needs_a_name_in_indstillinger(team, capsys):
    assert main(["list", "--mine"]) == 2
    assert capsys.readouterr().err.startswith("--mine: Indstillinger har intet navn på dig")


def test_a_local_store_hands_over_nothing(example_path, monkeypatch, capsys):
    monkeypatch.delenv("PLANBRO_STORE", raising=False)
    assert main(["import", str(example_path)]) == 0
    capsys.readouterr()
    assert main(["overdrag", EXAMPLE_ID, "--til", "Bo Berg", "--note", "x"]) == 2
    assert capsys.readouterr().err.startswith("En sag overdrages kun i teamets database")
