"""`planbro render`: documents from a plan file or a stored plan."""

from __future__ import annotations

import copy
import json

import pytest
from pypdf import PdfReader

from planbro.exchange import write_plan_file

from planbro.storage import default_data_dir

from planbro.cli import main

from store_support import command_store

# Every test runs on the local data folder and on the team store (tests/cli/conftest.py).
pytestmark = pytest.mark.usefixtures("cli_store")


# The example plan's default document names (it is a draft: "KLADDE", #9.4).
STEM = "Handleplan Jonas Mikkelsen Østergaard 2026-11-02 v1 KLADDE"


def test_a_file_gives_both_documents_in_the_current_folder(example_path, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["render", str(example_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{STEM}.docx", f"{STEM}.pdf"]
    assert "Skrev" in capsys.readouterr().out
    assert PdfReader(tmp_path / f"{STEM}.pdf").metadata.author == "Mette Lund Sørensen"


def test_named_outputs_only(example_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "ud"
    folder.mkdir()
    assert main(["render", str(example_path), "--pdf", str(tmp_path / "plan.pdf"),
                 "--docx", str(folder)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf", "ud"]
    assert [p.name for p in folder.iterdir()] == [f"{STEM}.docx"]


def test_a_stored_plan_by_id_prefix(example_plan, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with command_store() as store:
        store.put(copy.deepcopy(example_plan))
    assert main(["render", example_plan.id[:8], "--docx", "a.docx"]) == 0
    assert (tmp_path / "a.docx").stat().st_size > 5000


def test_an_unknown_id_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["render", "abcd1234"]) == 2
    assert "abcd1234" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("content, expected", [
    ("{not json", "ikke gyldig JSON"),
    (None, "citizen.name"),
])
def test_bad_input_names_the_field_or_file_and_writes_nothing(example_plan, tmp_path, monkeypatch,
                                                              capsys, content, expected):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "plan.json"
    if content is None:
        plan = copy.deepcopy(example_plan)
        write_plan_file(plan, path)
        data = json.loads(path.read_text(encoding="utf-8"))
        del data["citizen"]["name"]
        content = json.dumps(data)
    path.write_text(content, encoding="utf-8")
    assert main(["render", str(path)]) == 2
    err = capsys.readouterr().err
    assert expected in err and "plan.json" in err
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_a_missing_file_and_a_missing_folder(example_path, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["render", "findes-ikke.json"]) == 2
    assert "findes-ikke.json: filen findes ikke" in capsys.readouterr().err
    assert main(["render", str(example_path), "--pdf", str(tmp_path / "nej" / "x.pdf")]) == 2
    assert "mappen findes ikke" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_municipality_settings_file(example_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kommune.toml").write_text('name = "Odense Kommune"\nlogo = ""\n', encoding="utf-8")
    assert main(["render", str(example_path), "--pdf", "p.pdf",
                 "--municipality", str(tmp_path / "kommune.toml")]) == 0
    assert PdfReader(tmp_path / "p.pdf").pages[0].extract_text().startswith("Odense Kommune")


def test_the_documents_are_said_to_be_plaintext(example_path, tmp_path, monkeypatch, capsys):
    """#11: a document leaves the data folder as plaintext; stderr says so once, with where
    to keep it, and the terminal still names only the files."""
    monkeypatch.chdir(tmp_path)
    assert main(["render", str(example_path)]) == 0
    printed = capsys.readouterr()
    assert printed.err == (
        "Filen er ikke krypteret: den indeholder borgerens oplysninger i klar tekst. Gem den "
        "et krypteret sted (et BitLocker-krypteret drev, kommunens ESDH), og slet den, når den "
        "er brugt.\n")
    assert "krypteret" not in printed.out and printed.out.count("Skrev") == 2


@pytest.mark.parametrize("cli_store", ["local"], indirect=True)  # the folder's cases/
def test_a_document_into_the_data_folder_is_refused_before_either_is_written(
        example_plan, tmp_path, monkeypatch, capsys):
    """#11: no plaintext document beside the sealed plans, and the other one of the command
    is not written either."""
    monkeypatch.chdir(tmp_path)
    with command_store() as store:
        store.put(copy.deepcopy(example_plan))
    folder = default_data_dir()
    before = sorted(folder.rglob("*"))
    assert main(["render", example_plan.id, "--docx", str(tmp_path / "plan.docx"),
                 "--pdf", str(folder / "cases")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{folder / 'cases' / STEM}.pdf ligger i Planbros datamappe")
    assert "Vælg et sted uden for datamappen" in err
    assert not (tmp_path / "plan.docx").exists()
    assert sorted(folder.rglob("*")) == before
