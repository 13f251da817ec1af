import json
from datetime import date, timedelta

import pytest

from planbro.exchange import plan_from_data, write_plan_file

from planbro.cli import main

# Every test runs on the local data folder and on the team store (tests/cli/conftest.py).
pytestmark = pytest.mark.usefixtures("cli_store")

EXAMPLE_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"


def add_plan(tmp_path, name, cpr, next_date, status="draft"):
    plan = plan_from_data({"format": "planbro-plan/1", "status": status,
                           "citizen": {"name": name, "cpr": cpr},
                           "follow_up": {"next_date": next_date and next_date.isoformat()}})
    path = tmp_path / f"{plan.id}.json"
    write_plan_file(plan, path)
    assert main(["import", str(path)]) == 0
    return plan


def test_list_masks_cpr_and_marks_overdue(tmp_path, capsys):
    today = date.today()
    add_plan(tmp_path, "Åse ĸujaukitsoq", "0101801234", today - timedelta(days=3))
    add_plan(tmp_path, "Bo Berg", "020290-4321", today + timedelta(days=60))
    capsys.readouterr()
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "010180-xxxx" in out and "0101801234" not in out and "1234" not in out
    assert "Borger" in out and "kladde" in out
    åse = next(line for line in out.splitlines() if line.startswith("Åse"))
    assert "(forfalden)" in åse


def test_list_due_and_json(tmp_path, capsys):
    today = date.today()
    soon = add_plan(tmp_path, "Inden 14 dage", "", today + timedelta(days=14))
    late = add_plan(tmp_path, "Forfalden", "", today - timedelta(days=1))
    add_plan(tmp_path, "Senere", "", today + timedelta(days=15))
    add_plan(tmp_path, "Ingen dato", "", None)
    add_plan(tmp_path, "Afsluttet", "", today - timedelta(days=1), status="closed")
    capsys.readouterr()
    assert main(["list", "--due", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in rows} == {soon.id, late.id}
    row = next(r for r in rows if r["id"] == late.id)
    assert row["overdue"] is True and row["version"] == 1 and row["status"] == "draft"
    assert set(row) >= {"id", "name", "status", "version", "next_follow_up"}
    assert main(["list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 5


def test_list_empty(capsys):
    assert main(["list"]) == 0
    assert "Ingen handleplaner." in capsys.readouterr().out


def test_show_human_and_json(example_path, capsys):
    main(["import", str(example_path)])
    capsys.readouterr()
    assert main(["show", EXAMPLE_ID[:6]]) == 0
    out = capsys.readouterr().out
    assert "Jonas Mikkelsen Østergaard" in out and "120379-xxxx" in out and "1 af 1" in out
    assert "120379-1235" not in out
    assert main(["show", EXAMPLE_ID, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["citizen"]["cpr"] == "120379-1235"
    assert main(["show", "ffffffff"]) == 2


def test_version_and_help(capsys):
    import pytest

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and "Planbro 0." in capsys.readouterr().out
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0
    for command in ("import", "export", "list", "show", "render", "check", "sign"):
        assert command in out


def test_no_command_starts_the_app_with_the_data_folder(monkeypatch, tmp_path):
    import planbro.ui.app

    started = []
    monkeypatch.setattr(planbro.ui.app, "run_app", lambda data_dir=None: started.append(data_dir) or 0)
    assert main([]) == 0
    assert main(["--data-dir", str(tmp_path), "--lang", "en"]) == 0
    assert started == [None, str(tmp_path)]


def test_the_parser_refuses_in_danish_by_default_and_english_on_request(capsys):
    import pytest

    with pytest.raises(SystemExit) as done:
        main(["import"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "fejl: følgende skal angives: FILE" in err and err.startswith("brug: ")
    with pytest.raises(SystemExit) as done:
        main(["--lang", "en", "list", "--bogus"])
    assert done.value.code == 2
    assert "error: unrecognized arguments: --bogus" in capsys.readouterr().err


def _two_plans(tmp_path, capsys):
    from planbro.storage import default_data_dir
    from planbro.storage.paths import Layout

    first = add_plan(tmp_path, "Anna Andersen", "", None)
    second = add_plan(tmp_path, "Bent Bach", "", None)
    capsys.readouterr()
    return Layout(default_data_dir()), first, second


@pytest.mark.parametrize("cli_store", ["local"], indirect=True)  # the data folder's files
@pytest.mark.parametrize("index", ["kept", "removed"])
def test_list_names_a_damaged_case_file_and_exits_1(tmp_path, capsys, index):
    layout, first, second = _two_plans(tmp_path, capsys)
    layout.case(second.id).write_bytes(b"junk\n")
    if index == "removed":
        layout.index.unlink()
        layout.journal.unlink(missing_ok=True)
    assert main(["list"]) == 1
    captured = capsys.readouterr()
    # The readable plan is listed; the damaged one is named, not shown from its old row.
    assert "Anna Andersen" in captured.out and "Bent Bach" not in captured.out
    assert str(layout.case(second.id)) in captured.err and "kan ikke læses" in captured.err
    assert "planbro restore" in captured.err
    assert "1 datafil kunne ikke læses" in captured.err
    assert main(["list", "--json"]) == 1
    assert [row["id"] for row in json.loads(capsys.readouterr().out)] == [first.id]


@pytest.mark.parametrize("cli_store", ["local"], indirect=True)  # the data folder's files
def test_list_names_swapped_case_files_without_an_index(tmp_path, capsys):
    layout, first, second = _two_plans(tmp_path, capsys)
    a, b = layout.case(first.id), layout.case(second.id)
    a_bytes = a.read_bytes()
    a.write_bytes(b.read_bytes())
    b.write_bytes(a_bytes)
    layout.index.unlink()
    layout.journal.unlink(missing_ok=True)
    assert main(["list"]) == 1
    captured = capsys.readouterr()
    assert str(a) in captured.err and str(b) in captured.err
    assert "2 datafiler kunne ikke læses" in captured.err
    assert "Anna" not in captured.out and "Bent" not in captured.out


@pytest.mark.parametrize("command", ["show", "render"])
@pytest.mark.parametrize("number", ["１", "٢", "1.0", "-1"])
def test_plan_version_takes_ascii_digits_only(example_path, tmp_path, capsys, command, number):
    main(["import", str(example_path)])
    capsys.readouterr()
    extra = ["--pdf", str(tmp_path / "x.pdf")] if command == "render" else []
    with pytest.raises(SystemExit) as exited:
        main([command, EXAMPLE_ID, "--plan-version", number, *extra])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "--plan-version" in err and "cifrene 0-9" in err
    assert not (tmp_path / "x.pdf").exists()
