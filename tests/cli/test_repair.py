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


def test_a_lost_meta_json_is_named_by_a_reader_and_never_recreated(example_path, capsys):
    main(["import", str(example_path)])
    meta = default_data_dir() / "meta.json"
    meta.unlink()
    capsys.readouterr()
    assert main(["list"]) == 2
    err = capsys.readouterr().err
    assert str(meta) in err and "mangler" in err and not meta.exists()
    hint = next(line for line in err.splitlines() if line.startswith("Gendan den med: "))
    assert main(["restore", hint.split('"')[1]]) == 0
    assert json.loads(meta.read_text("utf-8"))["format"] == "planbro-store"
    assert main(["list"]) == 0


def test_a_lost_meta_json_without_backup_is_rebuilt_by_repair(example_path, capsys):
    main(["import", str(example_path)])
    folder = default_data_dir()
    (folder / "meta.json").unlink()
    for backup in (folder / "backups").glob("meta.*.json"):
        backup.unlink()
    capsys.readouterr()
    assert main(["show", EXAMPLE_ID]) == 2
    assert "planbro repair" in capsys.readouterr().err
    assert not (folder / "meta.json").exists()
    assert main(["repair"]) == 0
    assert main(["show", EXAMPLE_ID]) == 0
