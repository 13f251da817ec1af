import json

from planbro.storage import default_data_dir

from planbro.cli import main

EXAMPLE_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"


def test_a_damaged_case_file_is_named_and_its_backup_restored(example_path, capsys):
    main(["import", str(example_path)])
    main(["sign", EXAMPLE_ID, "--anyway"])
    case = default_data_dir() / "cases" / f"{EXAMPLE_ID}.json"
    case.write_text('{"versions": {"1": {', encoding="utf-8")
    capsys.readouterr()
    assert main(["show", EXAMPLE_ID]) == 2
    err = capsys.readouterr().err
    assert str(case) in err and "Planbro har ikke ændret den" in err
    # Only the Danish message: no stray English log lines in the terminal.
    assert "unreadable" not in err
    hint = next(line for line in err.splitlines() if line.startswith("Gendan den med: "))
    backup = hint.split('"')[1]
    assert case.read_text(encoding="utf-8") == '{"versions": {"1": {'
    assert main(["restore", backup]) == 0
    assert main(["show", EXAMPLE_ID, "--json"]) == 0
    assert json.loads(capsys.readouterr().out.split("\n", 1)[1])["citizen"]["name"] == "Jonas Mikkelsen Østergaard"


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, capsys):
    stray = tmp_path / "stray.json"
    stray.write_text("{}", encoding="utf-8")
    assert main(["restore", str(stray)]) == 2
    assert str(stray) in capsys.readouterr().err
