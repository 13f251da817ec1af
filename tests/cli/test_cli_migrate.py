"""`planbro migrate --to URL [--confirm] [--json]` on a real PostgreSQL server: the report in
Danish with ids and counts only, a second run moving nothing, a conflict told (exit 1),
--confirm removing the local plans only when all is there (else exit 2, nothing removed),
and bad input — no server, no address, no local store, a schema too old — told in
Danish with exit 2 and nothing written."""

from __future__ import annotations

import json
import shlex

import pytest

from planbro.exchange import read_plan_file

from planbro.storage import default_data_dir
from planbro.storage.postgres import TeamStore

from planbro.cli import main

EXAMPLE_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"


@pytest.fixture
def local_plan(example_path, capsys):
    """The example plan imported into the data folder (signed, so it has two versions)."""
    assert main(["import", str(example_path)]) == 0
    assert main(["sign", EXAMPLE_ID[:8], "--date", "01-11-2026"]) == 0
    assert main(["revise", EXAMPLE_ID[:8]]) == 0
    capsys.readouterr()
    return read_plan_file(example_path)


def no_person_in(text: str, plan) -> None:
    assert plan.citizen.name not in text
    assert plan.citizen.cpr not in text and plan.citizen.cpr.replace("-", "") not in text


def test_migrate_reports_in_danish_and_a_second_run_moves_nothing(
        local_plan, team_url, rows, capsys, monkeypatch):
    # The plans come from the data folder even when the environment names the team store.
    monkeypatch.setenv("PLANBRO_STORE", team_url)
    assert main(["migrate", "--to", team_url]) == 0
    out = capsys.readouterr().out
    assert "Planer flyttet til teamets database: 1; versioner: 2." in out
    assert "Datamappen er uændret" in out and "--confirm" in out
    no_person_in(out, local_plan)
    assert rows("SELECT version FROM planbro.plan_versions ORDER BY version") == [(1,), (2,)]

    assert main(["migrate", "--to", team_url]) == 0
    out = capsys.readouterr().out
    assert "Planer flyttet til teamets database: 0; versioner: 0." in out
    assert "Planer allerede i teamets database (sprunget over): 1; versioner: 2." in out
    assert "Poster i logbogen flyttet: 0;" in out
    # The data folder still holds the plan.
    assert (default_data_dir() / "cases" / f"{EXAMPLE_ID}.json").is_file()



def test_the_command_to_run_next_names_the_data_folder_it_was_given(
        example_path, team_url, tmp_path, capsys):
    # Not the default data folder (PLANBRO_DATA_DIR): one given on the command line, with
    # a space and a quote a shell would take apart.
    folder = tmp_path / "Annas 'gamle' planer"
    given = ["--lang", "da", "--data-dir", str(folder)]
    assert main([*given, "import", str(example_path)]) == 0
    capsys.readouterr()
    assert main([*given, "migrate", "--to", team_url]) == 0
    out = capsys.readouterr().out
    command = out.split("fjernes de her med: ", 1)[1].strip()
    assert command == " ".join(["planbro --lang da --data-dir", shlex.quote(str(folder)),
                                "migrate --to", shlex.quote(team_url), "--confirm"])
    # Run as printed (a shell's words), it removes the plan from that folder.
    words = shlex.split(command)
    assert words[0] == "planbro" and main(words[1:]) == 0
    assert "Planer fjernet fra datamappen: 1." in capsys.readouterr().out
    assert not (folder / "cases" / f"{EXAMPLE_ID}.json").exists()

def test_the_json_report_counts_what_moved(local_plan, team_url, capsys):
    assert main(["migrate", "--to", team_url, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["plans_moved"] == 1 and report["versions_moved"] == 2
    assert report["moved"] == [EXAMPLE_ID] and report["conflicts"] == []
    assert report["audit_lines_moved"] == 3 and report["audit_lines_skipped"] == 0
    assert report["confirmed"] is False and report["removed"] == []


def test_a_conflict_is_told_with_the_id_and_exit_1(local_plan, team_url, tmp_path, capsys):
    theirs = local_plan
    theirs.purpose = "Kollegaens formål"
    with TeamStore(team_url, data_dir=tmp_path / "t") as colleague:
        colleague.put(theirs)
    assert main(["migrate", "--to", team_url]) == 1
    out = capsys.readouterr().out
    assert "Planer i konflikt, ikke overskrevet (teamets database har andet indhold): 1." in out
    assert f"{EXAMPLE_ID}: versioner 1" in out
    with TeamStore(team_url, data_dir=tmp_path / "t") as colleague:
        assert colleague.get(EXAMPLE_ID).purpose == "Kollegaens formål"
    # With the conflict unresolved, --confirm removes nothing.
    assert main(["migrate", "--to", team_url, "--confirm"]) == 2
    err = capsys.readouterr().err
    assert "Intet blev fjernet fra datamappen" in err and f"{EXAMPLE_ID}: versioner 1" in err
    assert (default_data_dir() / "cases" / f"{EXAMPLE_ID}.json").is_file()


def test_confirm_removes_the_local_plans_only_once_all_is_there(local_plan, team_url, capsys):
    assert main(["migrate", "--to", team_url, "--confirm"]) == 2
    assert "Intet blev fjernet fra datamappen" in capsys.readouterr().err
    assert (default_data_dir() / "cases" / f"{EXAMPLE_ID}.json").is_file()

    assert main(["migrate", "--to", team_url]) == 0
    capsys.readouterr()
    assert main(["migrate", "--to", team_url, "--confirm"]) == 0
    out = capsys.readouterr().out
    assert "Planer fjernet fra datamappen: 1. Dens nøgle, indstillinger og logbog bliver." in out
    no_person_in(out, local_plan)
    assert main(["list"]) == 0
    assert "Ingen handleplaner." in capsys.readouterr().out
    assert main(["--store", team_url, "list"]) == 0
    assert EXAMPLE_ID[:8] in capsys.readouterr().out


def test_an_unreachable_server_is_told_in_danish_and_nothing_changes(local_plan, capsys):
    from pg_server import free_port

    url = f"postgresql://anna:hemmelig@127.0.0.1:{free_port()}/planbro?sslmode=require"
    assert main(["migrate", "--to", url, "--confirm"]) == 2
    err = capsys.readouterr().err
    assert "Der er ikke forbindelse til teamets database" in err
    assert "hemmelig" not in err and "Traceback" not in err
    assert (default_data_dir() / "cases" / f"{EXAMPLE_ID}.json").is_file()


def test_an_address_that_is_none_and_a_folder_without_plans_are_refused(
        team_url, tmp_path, rows, capsys):
    assert main(["migrate", "--to", "/tmp/planer"]) == 2
    assert "--to: «/tmp/planer» er ikke adressen på teamets database" in capsys.readouterr().err
    empty = tmp_path / "tom"
    assert main(["--data-dir", str(empty), "migrate", "--to", team_url]) == 2
    assert "Der er ingen lokale planer at flytte i datamappen" in capsys.readouterr().err
    # The team database was not even made.
    assert rows("SELECT to_regclass('planbro.plans') IS NULL") == [(True,)]


def test_a_schema_too_old_for_the_role_is_told_and_nothing_is_moved(
        local_plan, pg_server, pg_database, tmp_path, rows, capsys):
    TeamStore(pg_server.url(pg_database), data_dir=tmp_path / "owner").close()
    newest = rows("SELECT max(version) FROM planbro.schema_version")[0][0]
    pg_server.execute(f"DELETE FROM planbro.schema_version WHERE version = {newest}", pg_database)
    pg_server.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                      "'gammel') THEN CREATE ROLE gammel LOGIN; END IF; END $$")
    pg_server.execute("GRANT USAGE ON SCHEMA planbro TO gammel; "
                      "GRANT SELECT ON planbro.schema_version TO gammel", pg_database)
    assert main(["migrate", "--to", pg_server.url(pg_database, user="gammel")]) == 2
    err = capsys.readouterr().err
    assert f"skemaversion {newest - 1}" in err and "gammel" in err
    assert rows("SELECT count(*) FROM planbro.plans") == [(0,)]


def test_a_data_folder_that_cannot_be_opened_leaves_the_team_store_untouched(
        local_plan, team_url, rows, capsys):
    (default_data_dir() / "meta.json").write_text("ødelagt", encoding="utf-8")
    assert main(["migrate", "--to", team_url]) == 2
    err = capsys.readouterr().err
    assert "meta.json kan ikke læses" in err and "Traceback" not in err
    assert rows("SELECT to_regclass('planbro.plans') IS NULL") == [(True,)]


def test_a_role_without_the_caseworkers_rights_is_told_and_nothing_is_moved(
        local_plan, pg_server, pg_database, tmp_path, rows, capsys):
    TeamStore(pg_server.url(pg_database), data_dir=tmp_path / "owner").close()
    pg_server.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                      "'laeser') THEN CREATE ROLE laeser LOGIN; END IF; END $$")
    # May read the plans, not add any.
    pg_server.execute("GRANT USAGE ON SCHEMA planbro TO laeser; GRANT SELECT ON ALL TABLES IN "
                      "SCHEMA planbro TO laeser", pg_database)
    assert main(["migrate", "--to", pg_server.url(pg_database, user="laeser")]) == 2
    err = capsys.readouterr().err
    assert "laeser må ikke tilføje planer" in err and "Traceback" not in err
    assert rows("SELECT count(*) FROM planbro.plans") == [(0,)]
    assert rows("SELECT count(*) FROM planbro.audit") == [(0,)]
