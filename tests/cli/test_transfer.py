import json

import pytest

from planbro.storage import default_data_dir

from planbro.cli import main

from store_support import command_store

# Every test runs on the local data folder and on the team store (tests/cli/conftest.py).
pytestmark = pytest.mark.usefixtures("cli_store")


EXAMPLE_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"


def stored_ids():
    with command_store(read=True) as store:
        return sorted(s.id for s in store.summaries())


def test_import_stores_and_says_what(example_path, capsys):
    assert main(["import", str(example_path)]) == 0
    out = capsys.readouterr().out
    assert "gemt Jonas Mikkelsen Østergaard, version 1" in out and EXAMPLE_ID in out
    assert stored_ids() == [EXAMPLE_ID]


def test_import_is_all_or_nothing_per_file(example_path, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    data = json.loads(example_path.read_text(encoding="utf-8"))
    del data["id"]
    data["goals"][0]["subgoals"][0]["deadlne"] = "2027-01-01"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert main(["import", str(bad), str(example_path)]) == 2
    captured = capsys.readouterr()
    assert "goals[0].subgoals[0].deadlne: ukendt felt" in captured.err
    assert f"{bad}: ikke importeret" in captured.out
    # The good file still went in; nothing of the bad one did.
    assert stored_ids() == [EXAMPLE_ID]


@pytest.mark.parametrize("content, expected", [
    ('{"format": "planbro-plan/1", ', "ikke gyldig JSON"),
    ('{"format": "andet/1", "citizen": {"name": "x"}}', "format: «andet/1» er ikke et Planbro-format"),
])
def test_bad_files_exit_2_and_write_nothing(tmp_path, capsys, content, expected):
    path = tmp_path / "plan.json"
    path.write_text(content, encoding="utf-8")
    assert main(["import", str(path)]) == 2
    assert expected in capsys.readouterr().err
    assert stored_ids() == []


def test_missing_file_in_english(tmp_path, capsys):
    assert main(["--lang", "en", "import", str(tmp_path / "none.json")]) == 2
    assert "the file does not exist" in capsys.readouterr().err


def test_export_one_to_a_file_and_all_to_a_folder(example_path, tmp_path):
    main(["import", str(example_path)])
    out_file = tmp_path / "one.json"
    assert main(["export", "--purpose", "sagsbehandling", EXAMPLE_ID[:8], "--out", str(out_file)]) == 0
    original = json.loads(example_path.read_text(encoding="utf-8"))
    exported = json.loads(out_file.read_text(encoding="utf-8"))
    assert exported == original
    folder = tmp_path / "all"
    assert main(["export", "--purpose", "sagsbehandling", "--all", "--out", str(folder)]) == 0
    (only,) = folder.iterdir()
    # File names hold the random id only, never a CPR number or a name.
    assert only.name == f"planbro-{EXAMPLE_ID}-v1.json"
    assert json.loads(only.read_text(encoding="utf-8")) == original


def test_export_import_round_trip_through_a_second_data_folder(example_path, tmp_path, monkeypatch):
    main(["import", str(example_path)])
    folder = tmp_path / "out"
    main(["export", "--purpose", "sagsbehandling", "--all", "--out", str(folder)])
    monkeypatch.setenv("PLANBRO_DATA_DIR", str(tmp_path / "other"))
    (exported,) = folder.iterdir()
    assert main(["import", str(exported)]) == 0
    second = tmp_path / "again.json"
    main(["export", "--purpose", "sagsbehandling", EXAMPLE_ID, "--out", str(second)])
    assert second.read_text(encoding="utf-8") == exported.read_text(encoding="utf-8")


def test_export_refusals(tmp_path, capsys):
    assert main(["export", "--purpose", "sagsbehandling", "--out", str(tmp_path)]) == 2
    assert main(["export", "--purpose", "sagsbehandling", "deadbeef", "--out", str(tmp_path / "x.json")]) == 2
    assert "deadbeef" in capsys.readouterr().err


@pytest.mark.parametrize("cli_store", ["local"], indirect=True)  # a damaged case file
def test_export_all_exports_every_readable_plan_and_names_the_damaged_one(example_path, tmp_path,
                                                                        capsys):
    import copy

    from planbro.exchange import read_plan_file

    from planbro.storage.paths import Layout

    other = copy.deepcopy(read_plan_file(example_path))
    other.id, other.citizen.name = "0b5e8c1a-2f3d-4c6e-9a7b-1d2e3f4a5b6c", "Bente Krogh"
    with command_store() as store:
        store.put(read_plan_file(example_path))
        store.put(other)
    damaged = Layout(default_data_dir()).case(other.id)
    damaged.write_bytes(b"\x00 not a plan")
    out = tmp_path / "ud"
    assert main(["export", "--purpose", "sagsbehandling", "--all", "--out", str(out)]) == 1
    captured = capsys.readouterr()
    exported = sorted(p.name for p in out.iterdir())
    assert exported == [f"planbro-{EXAMPLE_ID}-v1.json"]
    assert str(damaged) in captured.err and "1 handleplan kunne ikke læses" in captured.err
    assert "Traceback" not in captured.err
    # The damaged file is left as it was.
    assert damaged.read_bytes() == b"\x00 not a plan"
    # Named one by one, a damaged plan is still refused outright.
    assert main(["export", "--purpose", "sagsbehandling", other.id, "--out", str(tmp_path / "en.json")]) == 2


def test_an_export_says_it_is_plaintext_and_is_refused_inside_the_data_folder(
        example_path, tmp_path, capsys):
    """#11: exports stay plaintext by nature: the command says so and suggests an encrypted
    place, and a plaintext file never goes into the data folder beside the sealed plans."""
    from planbro.storage import default_data_dir

    assert main(["import", str(example_path)]) == 0
    plan_id = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"
    capsys.readouterr()
    assert main(["export", plan_id, "--out", str(tmp_path / "x.json"), "--purpose",
                 "sagsbehandling"]) == 0
    err = capsys.readouterr().err
    assert "ikke krypteret" in err and "BitLocker" in err
    folder = default_data_dir()
    before = sorted(p for p in folder.rglob("*"))
    for out in (folder / "x.json", folder / "cases", folder / "eksport" / ""):
        assert main(["export", plan_id, "--out", str(out), "--purpose", "sagsbehandling"]) == 2
        assert "ligger i Planbros datamappe" in capsys.readouterr().err
    assert main(["export", "--all", "--out", str(folder / "alle"), "--purpose",
                 "sagsbehandling"]) == 2
    assert main(["render", plan_id, "--pdf", str(folder / "plan.pdf"), "--purpose",
                 "sagsbehandling"]) == 2
    assert "ligger i Planbros datamappe" in capsys.readouterr().err
    assert sorted(p for p in folder.rglob("*") if "audit" not in p.parts) == [
        p for p in before if "audit" not in p.parts]
