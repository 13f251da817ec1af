"""Choosing the team store on the command line (issue 14): --store wins over PLANBRO_STORE,
the commands' records go to the team store's audit table and its rows carry the quality
light; an unreachable server or a refused address is told in Danish, exit 2, with no
traceback and no password."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import psycopg
import pytest

from planbro.storage import default_data_dir

from planbro.cli import main

EXAMPLE_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"


def unreachable_url(password: str = "hemmelig") -> str:
    from pg_server import free_port

    # Nothing listens on a free port of this machine: the connection is refused at once.
    return f"postgresql://anna:{password}@127.0.0.1:{free_port()}/planbro?sslmode=require"


def test_the_option_wins_over_the_environment(team_url, rows, example_path, monkeypatch, capsys):
    monkeypatch.setenv("PLANBRO_STORE", unreachable_url())
    assert main(["--store", team_url, "import", str(example_path)]) == 0
    assert rows("SELECT id, version, status FROM planbro.plans") == [(EXAMPLE_ID, 1, "draft")]
    # The local data folder got nothing: no plan and no audit log.
    assert not (default_data_dir() / "cases").exists()
    assert not (default_data_dir() / "audit").exists()
    capsys.readouterr()
    # The environment alone: the server that is not there.
    assert main(["list"]) == 2
    assert "forbindelse til teamets database" in capsys.readouterr().err
    # lokal chooses the data folder, whatever the environment says.
    assert main(["--store", "lokal", "list"]) == 0
    assert "Ingen handleplaner." in capsys.readouterr().out


def test_the_environment_chooses_the_team_store(team_url, rows, example_path, monkeypatch, capsys):
    monkeypatch.setenv("PLANBRO_STORE", team_url)
    assert main(["import", str(example_path)]) == 0
    assert main(["sign", EXAMPLE_ID[:8], "--date", "20-11-2026"]) == 0
    capsys.readouterr()
    assert main(["list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["id"], row["status"]) == (EXAMPLE_ID, "signed")
    assert rows("SELECT status, version FROM planbro.plans") == [("signed", 1)]


def test_views_documents_and_exports_are_recorded_in_the_team_audit_table(
        team_url, rows, example_path, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("PLANBRO_STORE", team_url)
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(example_path)]) == 0
    assert main(["show", EXAMPLE_ID]) == 0
    assert main(["render", EXAMPLE_ID, "--pdf", "plan.pdf"]) == 0
    assert main(["export", EXAMPLE_ID, "--out", "plan.json", "--purpose", "tilsyn"]) == 0
    assert main(["list"]) == 0
    records = [json.loads(line) for (line,) in rows("SELECT line FROM planbro.audit ORDER BY seq")]
    assert [(r["action"], r["via"]) for r in records] == [
        ("import", "cli"), ("view", "cli"), ("render", "cli"), ("export", "cli"),
        ("caseload", "cli")]
    assert [r["purpose"] for r in records] == ["", "sagsbehandling", "sagsbehandling", "tilsyn",
                                               "sagsbehandling"]
    assert all(r["plan"] == EXAMPLE_ID for r in records[:4]) and records[4]["plan"] is None
    assert not (default_data_dir() / "audit").exists()
    # planbro audit reads the same table, and --verify checks its chain.
    capsys.readouterr()
    assert main(["audit", "--json"]) == 0
    assert [json.loads(line)["action"] for line in capsys.readouterr().out.splitlines()] == [
        r["action"] for r in records]
    assert main(["audit", "--verify"]) == 0
    assert capsys.readouterr().out.strip() == ("Logbogen er hel: 5 poster, ingen "
                                               "ændringer.")


# How the owner tampers with the team log once it has disabled the trigger that refuses
# every role a change (a caseworker's role has no UPDATE or DELETE at all), the records
# written before (import and views), and what --verify then says.
TAMPERING = {
    # A middle row: the next record's "prev" no longer names it.
    "middle row changed": ("UPDATE planbro.audit SET line = replace(line, 'view', 'print') "
                           "WHERE seq = 2", 3, ["planbro.audit linje 2 er ikke"]),
    # The newest row: no record names it, the head does.
    "newest row changed": ("UPDATE planbro.audit SET line = replace(line, 'view', 'print') "
                           "WHERE seq = 2", 2, ["planbro.audit linje 2 er ikke"]),
    # Rows cut from the end: what is left is a whole chain, shorter than the head says.
    "end cut off": ("DELETE FROM planbro.audit WHERE seq >= 3", 4,
                    ["afkortet", "slutter ved linje 2", "fra linje 3"]),
}


@pytest.mark.parametrize("case", TAMPERING)
def test_verify_finds_what_the_owner_changed_in_the_team_log(case, team_url, pg_server,
                                                             pg_database, example_path,
                                                             monkeypatch, capsys):
    sql, records, told = TAMPERING[case]
    monkeypatch.setenv("PLANBRO_STORE", team_url)
    assert main(["import", str(example_path)]) == 0
    for _ in range(records - 1):
        assert main(["show", EXAMPLE_ID]) == 0
    pg_server.execute("ALTER TABLE planbro.audit DISABLE TRIGGER audit_append_only; " + sql,
                      pg_database)
    capsys.readouterr()
    assert main(["audit", "--verify"]) == 1
    out = capsys.readouterr().out
    assert all(words in out for words in told), out


def test_the_owner_too_is_refused_a_change_of_a_record(team_url, rows, example_path,
                                                        monkeypatch):
    monkeypatch.setenv("PLANBRO_STORE", team_url)
    assert main(["import", str(example_path)]) == 0
    before = rows("SELECT seq, line FROM planbro.audit ORDER BY seq")
    for sql in ("UPDATE planbro.audit SET line = 'x'", "DELETE FROM planbro.audit",
                "TRUNCATE planbro.audit"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
            rows(sql)
    assert rows("SELECT seq, line FROM planbro.audit ORDER BY seq") == before
    # The head names the newest record, kept by the insert's trigger.
    assert rows("SELECT seq FROM planbro.audit_head") == [(before[-1][0],)]


def test_a_save_stores_the_quality_light_the_check_gives(team_url, rows, example_path,
                                                         monkeypatch, capsys):
    monkeypatch.setenv("PLANBRO_STORE", team_url)
    assert main(["import", str(example_path)]) == 0
    capsys.readouterr()
    assert main(["check", EXAMPLE_ID, "--json"]) in (0, 1)
    findings = json.loads(capsys.readouterr().out)["findings"]
    severities = {f["severity"] for f in findings}
    expected = "red" if "fejl" in severities else "yellow" if "advarsel" in severities else "green"
    assert rows("SELECT quality FROM planbro.plans") == [(expected,)]


def test_an_unreachable_server_is_told_in_danish_without_the_password(monkeypatch, capsys):
    for command in (["list"], ["show", EXAMPLE_ID], ["sign", EXAMPLE_ID], ["audit"]):
        assert main(["--store", unreachable_url("Sup3rHemmelig"), *command]) == 2, command
        err = capsys.readouterr().err
        assert err.startswith("Der er ikke forbindelse til teamets database:"), err
        assert "Sup3rHemmelig" not in err and "Traceback" not in err


@pytest.mark.parametrize(("address", "said"), [
    ("postgresql://anna:Sup3rHemmelig@db.kommune.dk/planbro?sslmode=disable", "sslmode=disable"),
    ("host=db.kommune.dk password=Sup3rHemmelig sslmode=prefer", "sslmode=prefer"),
    ("postgresql://anna:Sup3r Hemmelig@db/planbro", "kan ikke læses"),
    ("host=db password='Sup3r Hemmelig' junk", "kan ikke læses"),
])
def test_a_refused_address_is_told_without_the_password(address, said, capsys):
    assert main(["--store", address, "list"]) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    assert "Sup3r" not in err and "Hemmelig" not in err


def test_what_is_no_team_address_is_refused_naming_where_it_came_from(monkeypatch, capsys):
    assert main(["--store", "/srv/planbro", "list"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("--store: «/srv/planbro» er ikke en adresse på teamets database")
    monkeypatch.setenv("PLANBRO_STORE", "mysql://db/planbro")
    assert main(["list"]) == 2
    assert capsys.readouterr().err.startswith("PLANBRO_STORE: «mysql://db/planbro»")


def test_a_real_command_on_an_unreachable_server_exits_2_without_a_traceback(tmp_path):
    env = {**os.environ, "PLANBRO_DATA_DIR": str(tmp_path / "data"),
           "PLANBRO_STORE": unreachable_url("Sup3rHemmelig")}
    done = subprocess.run([sys.executable, "-m", "planbro", "list"], env=env, text=True,
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("Der er ikke forbindelse til teamets database:")
    assert "Traceback" not in done.stderr and "Sup3rHemmelig" not in done.stderr
    assert done.stdout == ""


def test_a_plan_open_elsewhere_is_read_but_not_changed_and_a_leader_breaks_it(
        team_url, rows, example_path, monkeypatch, tmp_path, capsys):
    from planbro.storage.postgres import TeamStore

    monkeypatch.setenv("PLANBRO_STORE", team_url)
    assert main(["import", str(example_path)]) == 0
    # The command gave its lease back when it ended.
    assert rows("SELECT count(*) FROM planbro.leases") == [(0,)]
    wizard = TeamStore(team_url, holder="Anna Jensen", data_dir=tmp_path / "anna")
    try:
        wizard.leases.take(EXAMPLE_ID)
        capsys.readouterr()
        assert main(["sign", EXAMPLE_ID, "--date", "20-11-2026"]) == 2
        err = capsys.readouterr().err
        assert err.startswith("Åben hos Anna Jensen siden ") and "kan læses" in err
        assert rows("SELECT status FROM planbro.plans") == [("draft",)]
        assert main(["show", EXAMPLE_ID]) == 0
        assert capsys.readouterr().out.splitlines()[-1].startswith("Åben hos Anna Jensen siden ")
        assert main(["lease", EXAMPLE_ID[:8]]) == 0
        assert capsys.readouterr().out.startswith("Åben hos Anna Jensen siden ")
        # The test server's role owns the schema: a team leader's rights.
        assert main(["lease", EXAMPLE_ID, "--break"]) == 0
        assert capsys.readouterr().out.startswith("Låsen er brudt: planen var åben hos Anna Jensen")
        assert main(["lease", EXAMPLE_ID]) == 0
        assert capsys.readouterr().out == "Ingen har planen åben til redigering.\n"
        assert main(["sign", EXAMPLE_ID, "--date", "20-11-2026"]) == 0
        actions = [json.loads(line)["action"] for (line,) in rows(
            "SELECT line FROM planbro.audit ORDER BY seq")]
        assert actions == ["import", "view", "lease_break", "sign"]
        capsys.readouterr()
        assert main(["audit"]) == 0
        assert "en kollegas lås brudt" in capsys.readouterr().out
    finally:
        wizard.close()


def test_leases_are_the_team_stores_only(example_path, capsys):
    assert main(["import", str(example_path)]) == 0
    capsys.readouterr()
    assert main(["lease", EXAMPLE_ID]) == 2
    assert capsys.readouterr().err.startswith("Kun teamets database har låse")


def test_the_choice_in_indstillinger_is_the_commands_too(team_url, rows, example_path,
                                                          monkeypatch, capsys):
    from planbro.settings import UserSettings, save_settings

    monkeypatch.delenv("PLANBRO_STORE", raising=False)
    save_settings(UserSettings(caseworker_name="Anna Jensen", store=team_url))
    # Neither the option nor the environment: the app's choice.
    assert main(["import", str(example_path)]) == 0
    assert rows("SELECT id FROM planbro.plans") == [(EXAMPLE_ID,)]
    assert not (default_data_dir() / "cases").exists()
    # --store lokal and PLANBRO_STORE still win over it.
    capsys.readouterr()
    assert main(["--store", "lokal", "list"]) == 0
    assert "Ingen handleplaner." in capsys.readouterr().out
    monkeypatch.setenv("PLANBRO_STORE", "lokal")
    assert main(["list"]) == 0
    assert "Ingen handleplaner." in capsys.readouterr().out
    # A setting that names no team store is refused naming Indstillinger, exit 2.
    monkeypatch.delenv("PLANBRO_STORE")
    save_settings(UserSettings(caseworker_name="Anna Jensen", store="ikke-en-adresse"))
    assert main(["list"]) == 2
    assert capsys.readouterr().err.startswith("Indstillinger: «ikke-en-adresse»")
