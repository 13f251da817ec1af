"""The command's audit records (one per view, change, document, export) and
`planbro audit`, the data protection officer's view of them."""

from __future__ import annotations

import json
import platform
from datetime import UTC, date, datetime, timedelta

import pytest

from planbro.audit import AuditLog
from planbro.storage import default_data_dir

from planbro.cli import main

EXAMPLE_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"
# What identifies the example plan's citizen: none of it may reach the log.
SENSITIVE = ("120379-1235", "120379", "Jonas")


@pytest.fixture(autouse=True)
def login(monkeypatch):
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "mekj")


def records() -> list[dict]:
    return AuditLog(default_data_dir()).read().records


def brief(found=None) -> list[tuple]:
    return [(r["action"], r["plan"], r["version"], r["via"], r["detail"])
            for r in (records() if found is None else found)]


def since_now(before: list) -> list[tuple]:
    return brief()[len(before):]


@pytest.fixture
def imported(example_path, capsys):
    assert main(["import", str(example_path)]) == 0
    capsys.readouterr()
    return brief()


def test_import_is_recorded(example_path):
    assert main(["import", str(example_path)]) == 0
    [record] = records()
    assert (record["action"], record["plan"], record["version"], record["via"], record["user"]) == (
        "import", EXAMPLE_ID, 1, "cli", "mekj")


def test_list_records_the_caseload_it_shows(imported):
    assert main(["list"]) == 0
    assert since_now(imported) == [("caseload", None, None, "cli", "")]


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_show_is_a_view(imported, extra):
    assert main(["show", EXAMPLE_ID[:8], *extra]) == 0
    assert since_now(imported) == [("view", EXAMPLE_ID, 1, "cli", "")]


def test_a_refused_show_records_nothing(imported):
    assert main(["show", EXAMPLE_ID, "--plan-version", "7"]) == 2
    assert since_now(imported) == []


def test_check_of_a_stored_plan_is_a_view_and_of_a_file_is_not(imported, example_path):
    main(["check", EXAMPLE_ID])
    main(["check", str(example_path)])
    assert since_now(imported) == [("view", EXAMPLE_ID, 1, "cli", "kvalitetstjek")]


def test_export_is_an_export_not_a_view(imported, tmp_path):
    assert main(["export", "--purpose", "sagsbehandling", EXAMPLE_ID, "--out", str(tmp_path / "one.json")]) == 0
    assert main(["export", "--purpose", "sagsbehandling", "--all", "--out", str(tmp_path / "all")]) == 0
    assert since_now(imported) == [("export", EXAMPLE_ID, 1, "cli", "")] * 2


def test_render_records_each_document_written(imported, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["render", EXAMPLE_ID]) == 0
    assert main(["render", EXAMPLE_ID, "--pdf", str(tmp_path / "plan.pdf")]) == 0
    assert since_now(imported) == [("render", EXAMPLE_ID, 1, "cli", "docx"),
                                   ("render", EXAMPLE_ID, 1, "cli", "pdf"),
                                   ("render", EXAMPLE_ID, 1, "cli", "pdf")]


def test_render_of_a_plan_file_is_recorded_by_its_id(example_path, tmp_path):
    assert main(["render", str(example_path), "--docx", str(tmp_path)]) == 0
    assert brief() == [("render", EXAMPLE_ID, 1, "cli", "docx")]


def test_a_render_that_fails_records_nothing(imported, tmp_path):
    assert main(["render", EXAMPLE_ID, "--pdf", str(tmp_path / "none" / "p.pdf")]) == 2
    assert since_now(imported) == []


def test_sign_revise_close(imported):
    assert main(["sign", EXAMPLE_ID, "--date", "2026-11-20"]) == 0
    assert main(["revise", EXAMPLE_ID]) == 0
    assert main(["close", EXAMPLE_ID]) == 0
    assert since_now(imported) == [("sign", EXAMPLE_ID, 1, "cli", ""),
                                   ("revise", EXAMPLE_ID, 2, "cli", ""),
                                   ("close", EXAMPLE_ID, 2, "cli", "")]


def test_signing_despite_errors_is_marked(tmp_path, capsys):
    path = tmp_path / "thin.json"
    path.write_text(json.dumps({"format": "planbro-plan/1", "id": EXAMPLE_ID,
                                "citizen": {"name": "Eva Holm"}}), encoding="utf-8")
    main(["import", str(path)])
    assert main(["sign", EXAMPLE_ID]) == 1
    assert main(["sign", EXAMPLE_ID, "--anyway"]) == 0
    assert brief() == [("import", EXAMPLE_ID, 1, "cli", ""),
                       ("sign", EXAMPLE_ID, 1, "cli", "trods fejl")]


@pytest.mark.parametrize("outcome", ["fortsættes", "ændres", "afsluttes"])
def test_follow_up_records_its_outcome(imported, outcome):
    main(["sign", EXAMPLE_ID])
    args = ["follow-up", EXAMPLE_ID, "--date", date.today().isoformat(), "--outcome", outcome,
            "--note", "Borgeren har fået bolig."]
    assert main(args) == 0
    assert since_now(imported)[1:] == [("follow_up", EXAMPLE_ID, 1, "cli", outcome)]


def test_restore_is_recorded(imported, capsys):
    main(["sign", EXAMPLE_ID, "--anyway"])
    case = default_data_dir() / "cases" / f"{EXAMPLE_ID}.json"
    case.write_text("{", encoding="utf-8")
    capsys.readouterr()
    main(["show", EXAMPLE_ID])
    backup = next(line for line in capsys.readouterr().err.splitlines()
                  if line.startswith("Gendan den med: ")).split('"')[1]
    assert main(["restore", backup]) == 0
    assert since_now(imported)[-1] == ("restore", EXAMPLE_ID, None, "cli", "")


def test_no_cpr_name_or_path_ever_reaches_the_log(imported, example_path, tmp_path, monkeypatch):
    out = tmp_path / "Handleplaner for Jonas"
    out.mkdir()
    monkeypatch.chdir(out)
    assert main(["render", EXAMPLE_ID]) == 0
    assert main(["render", str(example_path), "--docx", str(out)]) == 0
    assert main(["export", "--purpose", "sagsbehandling", EXAMPLE_ID, "--out", str(out / "120379-1235.json")]) == 0
    assert main(["show", EXAMPLE_ID]) == 0
    assert main(["check", EXAMPLE_ID]) == 0
    assert any("Jonas" in p.name for p in out.iterdir())
    text = "".join(p.read_text(encoding="utf-8")
                   for p in (default_data_dir() / "audit").glob("*.jsonl"))
    assert len(text.splitlines()) == 7
    for secret in (*SENSITIVE, str(tmp_path), "Handleplan"):
        assert secret not in text


# ---- the failure policy -----------------------------------------------------------

def test_a_change_is_saved_while_its_record_waits_and_documents_are_refused(
        example_path, tmp_path, capsys):
    """Issue 11: no data is lost for want of a log line; a document waits for the log."""
    folder = default_data_dir()
    assert main(["import", str(example_path)]) == 0
    [month] = (folder / "audit").glob("*.jsonl")
    month.rename(tmp_path / "month.jsonl")
    month.mkdir()  # the log cannot be opened
    capsys.readouterr()
    assert main(["sign", EXAMPLE_ID, "--anyway"]) == 0
    err = capsys.readouterr().err
    assert "Ændringen er gemt, men dens linje i logbogen venter" in err and "IT-support" in err
    assert len(list((folder / "audit-pending").iterdir())) == 1
    assert main(["show", EXAMPLE_ID, "--json"]) == 0
    captured = capsys.readouterr()
    assert '"status": "signed"' in captured.out
    assert captured.err.count("Planbro kunne ikke skrive i logbogen") == 1
    # A document is written only with its record: refused, and no file.
    assert main(["render", EXAMPLE_ID, "--pdf", str(tmp_path / "p.pdf")]) == 2
    assert "logbogen" in capsys.readouterr().err
    assert not (tmp_path / "p.pdf").exists()
    month.rmdir()
    (tmp_path / "month.jsonl").rename(month)
    # --verify says that a record waits, not yet in the chain (and writes nothing).
    assert main(["audit", "--verify"]) == 0
    assert "1 post om en ændring venter i datamappen" in capsys.readouterr().out
    # The next command that writes the log writes the signature's record first.
    assert main(["show", EXAMPLE_ID]) == 0
    assert [(r["action"], r.get("delayed")) for r in AuditLog(folder).read().records][-2:] == [
        ("sign", True), ("view", None)]
    assert not list((folder / "audit-pending").iterdir())
    capsys.readouterr()
    assert main(["audit", "--verify"]) == 0
    assert "venter" not in capsys.readouterr().out


def test_a_document_from_a_file_is_written_when_there_is_no_data_folder(
        example_path, tmp_path, capsys, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("PLANBRO_DATA_DIR", str(blocked / "data"))
    assert main(["render", str(example_path), "--pdf", str(tmp_path / "p.pdf")]) == 0
    assert (tmp_path / "p.pdf").stat().st_size > 0
    assert capsys.readouterr().err.count("Planbro kunne ikke skrive i logbogen") == 1


# ---- planbro audit ------------------------------------------------------------------

def write_log(lines: list[dict]) -> None:
    folder = default_data_dir() / "audit"
    folder.mkdir()
    (folder / "audit-2027-03.jsonl").write_text(
        "".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")


def entry(at: str, user: str, action: str, plan: str, version=1, detail="") -> dict:
    return {"at": at, "user": user, "host": "PC-0417", "action": action, "plan": plan,
            "version": version, "via": "app", "detail": detail}


OTHER = "0b7a4e31-2d1f-4e7a-9c55-3f2c9a6e8b1d"
LOG = [entry("2027-03-01T08:00:00Z", "mekj", "create", EXAMPLE_ID),
       entry("2027-03-02T09:00:00Z", "anla", "view", OTHER),
       entry("2027-03-10T10:00:00Z", "anla", "render", EXAMPLE_ID, detail="pdf"),
       entry("2027-03-12T11:00:00Z", "mekj", "sign", EXAMPLE_ID, detail="trods fejl")]


def local(at: str) -> str:
    return datetime.fromisoformat(at.replace("Z", "+00:00")).astimezone().strftime(
        "%Y-%m-%d %H:%M:%S")


def test_the_table_has_danish_headings_and_local_times(capsys):
    write_log(LOG)
    assert main(["audit"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["Tidspunkt", "Bruger", "Computer", "Handling", "Handleplan",
                              "Version", "Via", "Detalje", "Formål"]
    assert len(out) == 5
    assert out[3].startswith(local(LOG[2]["at"]))
    assert "gemt som dokument" in out[3] and EXAMPLE_ID[:8] in out[3] and "pdf" in out[3]
    assert "underskrevet" in out[4] and "trods fejl" in out[4]


def test_filters_by_plan_user_and_day(capsys):
    write_log(LOG)
    assert main(["audit", "--plan", EXAMPLE_ID[:6], "--user", "ANLA", "--json"]) == 0
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == [LOG[2]]
    day = datetime.fromisoformat(local(LOG[2]["at"])).date()
    assert main(["audit", "--since", day.isoformat(), "--json"]) == 0
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == LOG[2:]


def test_bad_since_and_empty_log(capsys):
    assert main(["audit", "--since", "2027-02-30"]) == 2
    assert "--since" in capsys.readouterr().err
    assert main(["audit"]) == 0
    assert capsys.readouterr().out.strip() == "Ingen poster i logbogen."


def test_a_torn_line_is_skipped_and_counted(capsys):
    write_log(LOG[:2])
    path = default_data_dir() / "audit" / "audit-2027-03.jsonl"
    with open(path, "ab") as file:
        file.write(b'{"at":"2027-03-')
    assert main(["audit", "--json"]) == 0
    captured = capsys.readouterr()
    assert [json.loads(line) for line in captured.out.splitlines()] == LOG[:2]
    assert "1 beskadiget linje" in captured.err


def test_what_the_commands_did_is_what_planbro_audit_shows(imported, capsys):
    main(["show", EXAMPLE_ID])
    capsys.readouterr()
    assert main(["audit", "--plan", EXAMPLE_ID, "--json"]) == 0
    shown = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["action"], r["user"], r["host"]) for r in shown] == [
        ("import", "mekj", platform.node()), ("view", "mekj", platform.node())]
    at = datetime.fromisoformat(shown[-1]["at"].replace("Z", "+00:00"))
    assert abs(datetime.now(UTC) - at) < timedelta(minutes=1)


# ---- planbro audit --verify ----------------------------------------------------------

def month_file():
    [path] = (default_data_dir() / "audit").glob("audit-*.jsonl")
    return path


@pytest.fixture
def five(imported, capsys):
    """A log of five records written by the command: an import and four views."""
    for _ in range(4):
        assert main(["show", EXAMPLE_ID]) == 0
    capsys.readouterr()
    return month_file()


def verified(capsys) -> tuple[int, str]:
    status = main(["audit", "--verify"])
    captured = capsys.readouterr()
    assert captured.err == ""
    return status, captured.out


def test_verify_says_a_whole_log_is_whole(five, capsys):
    assert verified(capsys) == (0, "Logbogen er hel: 5 poster, ingen ændringer.\n")


def test_verify_finds_one_changed_character_of_a_user(five, capsys):
    lines = five.read_bytes().splitlines(keepends=True)
    lines[1] = lines[1].replace(b'"user":"mekj"', b'"user":"mekk"')
    five.write_bytes(b"".join(lines))
    status, out = verified(capsys)
    assert status == 1
    assert out.strip() == (f"Logbogen er ændret: {five.name} linje 2 er ikke den post, "
                           "der blev skrevet der.")


def test_verify_finds_a_removed_line(five, capsys):
    lines = five.read_bytes().splitlines(keepends=True)
    five.write_bytes(b"".join(lines[:2] + lines[3:]))
    assert verified(capsys) == (
        1, f"Logbogen er ændret: 1 linje er fjernet før {five.name} linje 3.\n")


def test_verify_finds_two_lines_swapped(five, capsys):
    lines = five.read_bytes().splitlines(keepends=True)
    lines[1], lines[2] = lines[2], lines[1]
    five.write_bytes(b"".join(lines))
    assert verified(capsys) == (
        1, f"Logbogen er ændret: {five.name} linje 2 står i forkert rækkefølge; "
           f"den blev skrevet efter {five.name} linje 3.\n")


def test_verify_finds_a_tail_cut_off_by_one_whole_line_through_the_head(five, capsys):
    lines = five.read_bytes().splitlines(keepends=True)
    five.write_bytes(b"".join(lines[:-1]))
    status, out = verified(capsys)
    assert status == 1
    assert out.strip() == (f"Logbogen er skåret af i enden: audit/head.json angiver linje 5 i "
                           f"{five.name} som den nyeste post, men filen har kun 4 linjer.")
    # The head is kept with the store too: deleting audit/head.json does not hide the cut.
    (default_data_dir() / "audit" / "head.json").unlink()
    status, out = verified(capsys)
    assert status == 1 and "skåret af" in out
    # Without either head, a cut end could not be seen: a missing head is a finding too.
    (default_data_dir() / "audit-head.json").unlink()
    status, out = verified(capsys)
    assert status == 1 and "audit/head.json" in out and "mangler" in out


def test_verify_says_a_torn_last_line_is_a_crash_not_tampering(five, capsys):
    with open(five, "ab") as file:
        file.write(b'{"at":"2027-03-15T09:30:00Z","user":"me')
    assert verified(capsys) == (0, (
        f"{five.name} linje 6 blev afbrudt af et nedbrud, mens den blev skrevet: "
        "ikke en ændring af logbogen.\n"
        "Logbogen er hel: 5 poster, ingen ændringer.\n"))


def test_verify_counts_a_log_from_before_the_chain_as_uden_kaede(capsys):
    write_log(LOG)
    status, out = verified(capsys)
    assert status == 0
    assert out.splitlines() == [
        "4 poster blev skrevet, før logbogen fik sin kæde (uden kæde), og kan ikke kontrolleres.",
        "Logbogen er hel: 4 poster, ingen ændringer."]


@pytest.mark.parametrize("option", [["--plan", EXAMPLE_ID], ["--json"]])
def test_verify_checks_the_whole_log_only(capsys, option):
    assert main(["audit", "--verify", *option]) == 2
    assert f"{option[0]}: --verify kontrollerer hele logbogen" in capsys.readouterr().err


def test_an_audit_folder_that_is_a_file_is_not_an_empty_log(capsys):
    # Issue 10: an unexpected layout gives a clear message, not "no records" (exit 0).
    folder = default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "audit").write_text("not a folder", encoding="utf-8")
    assert main(["audit"]) == 2
    err = capsys.readouterr().err
    assert "Logbogen kan ikke læses" in err and str(folder / "audit") in err
