"""Issue 11: the command records what a plan was used for (--purpose), logs the opened
caseload once, and refuses an export it cannot log."""

from __future__ import annotations

import pytest

from planbro.audit import AuditLog
from planbro.documents import Municipality
from planbro.storage import default_data_dir

from planbro.actions import context

from planbro.cli import main

EXAMPLE_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"


def records() -> list[dict]:
    return AuditLog(default_data_dir()).read().records


def uses(before: int) -> list[tuple]:
    return [(r["action"], r["purpose"]) for r in records()[before:]]


@pytest.fixture
def imported(example_path, capsys) -> int:
    assert main(["import", str(example_path)]) == 0
    capsys.readouterr()
    [record] = records()
    assert record["purpose"] == ""  # an import hands nothing out
    return 1


def test_show_and_render_default_to_sagsbehandling_and_take_another(imported, tmp_path, capsys):
    assert main(["show", EXAMPLE_ID]) == 0
    assert main(["show", EXAMPLE_ID, "--purpose", "Møde  med borgeren"]) == 0
    assert main(["render", EXAMPLE_ID, "--pdf", str(tmp_path / "p.pdf"),
                 "--purpose", "tilsyn"]) == 0
    assert main(["check", EXAMPLE_ID]) == 0
    assert uses(imported) == [("view", "sagsbehandling"), ("view", "møde med borgeren"),
                              ("render", "tilsyn"), ("view", "sagsbehandling")]


def test_an_export_names_its_purpose_or_is_refused(imported, tmp_path, capsys):
    target = tmp_path / "plan.json"
    with pytest.raises(SystemExit) as refused:
        main(["export", EXAMPLE_ID, "--out", str(target)])
    assert refused.value.code == 2
    assert "--purpose" in capsys.readouterr().err
    assert not target.exists() and uses(imported) == []
    assert main(["export", EXAMPLE_ID, "--out", str(target), "--purpose", "aktindsigt"]) == 0
    assert uses(imported) == [("export", "aktindsigt")]


def test_a_purpose_not_on_the_list_is_refused_naming_the_list(imported, tmp_path, capsys):
    with pytest.raises(SystemExit) as refused:
        main(["show", EXAMPLE_ID, "--purpose", "kaffe 120379-1235"])
    assert refused.value.code == 2
    err = capsys.readouterr().err
    assert "--purpose" in err and "sagsbehandling, møde med borgeren" in err
    assert "120379-1235" not in err and "Traceback" not in err
    assert uses(imported) == []


def test_the_municipality_extends_the_list(imported, monkeypatch, capsys):
    own = Municipality(name="Sorø Kommune", purposes=("borgerrådgiver",))
    monkeypatch.setattr(context, "load_municipality", lambda source=None: own)
    assert main(["show", EXAMPLE_ID, "--purpose", "borgerrådgiver"]) == 0
    assert uses(imported) == [("view", "borgerrådgiver")]
    # A word of the municipality's that could carry personal data is refused, named.
    monkeypatch.setattr(context, "load_municipality", lambda source=None: Municipality(
        name="Sorø Kommune", purposes=("borgerrådgiver", "jonas 1203")))
    with pytest.raises(SystemExit) as refused:
        main(["show", EXAMPLE_ID, "--purpose", "borgerrådgiver"])
    assert refused.value.code == 2 and "purposes[1]" in capsys.readouterr().err


def test_the_municipality_file_holds_its_purposes(tmp_path):
    from planbro.model import ValidationError

    from planbro.documents import load_municipality

    kommune = tmp_path / "kommune.toml"
    kommune.write_text('name = "Sorø Kommune"\npurposes = ["borgerrådgiver", " opsøgende  '
                       'arbejde "]\n', encoding="utf-8")
    found = context.purposes(kommune)
    assert found[:5] == ("sagsbehandling", "møde med borgeren", "opfølgning", "aktindsigt",
                         "tilsyn")
    assert found[5:] == ("borgerrådgiver", "opsøgende arbejde")
    kommune.write_text('name = "Sorø Kommune"\npurposes = "borgerrådgiver"\n', encoding="utf-8")
    with pytest.raises(ValidationError) as bad:
        load_municipality(kommune)
    assert bad.value.problems[0].field.endswith("purposes")
    # The shipped file has none of its own.
    assert context.purposes() == found[:5]


def test_list_records_the_caseload_once_with_its_purpose(imported, capsys):
    assert main(["list", "--purpose", "opfølgning"]) == 0
    assert "Jonas" in capsys.readouterr().out
    assert main(["list", "--json"]) == 0
    [first, second] = records()[imported:]
    assert (first["action"], first["plan"], first["version"], first["purpose"]) == (
        "caseload", None, None, "opfølgning")
    assert (second["action"], second["purpose"]) == ("caseload", "sagsbehandling")


def test_the_dpos_table_shows_the_purpose_and_the_caseload(imported, capsys):
    assert main(["show", EXAMPLE_ID, "--purpose", "tilsyn"]) == 0
    assert main(["list"]) == 0
    capsys.readouterr()
    assert main(["audit"]) == 0
    heading, *rows = capsys.readouterr().out.splitlines()
    assert heading.split()[-1] == "Formål"
    assert rows[1].endswith("tilsyn") and "vist" in rows[1]
    assert "sagslisten åbnet" in rows[2] and rows[2].endswith("sagsbehandling")


def test_an_export_that_cannot_be_logged_is_refused_and_writes_nothing(
        imported, tmp_path, capsys):
    """Logging cannot be switched off from outside: an unwritable log stops the export."""
    [month] = (default_data_dir() / "audit").glob("*.jsonl")
    month.rename(tmp_path / "month.jsonl")
    month.mkdir()  # the log cannot be opened
    out = tmp_path / "alle"
    assert main(["export", "--all", "--out", str(out), "--purpose", "tilsyn"]) == 2
    err = capsys.readouterr().err
    assert "logbogen" in err and "kan ikke skrives" in err
    assert not out.exists()
    single = tmp_path / "plan.json"
    assert main(["export", EXAMPLE_ID, "--out", str(single), "--purpose", "tilsyn"]) == 2
    assert not single.exists()
    # A view goes on, and is told.
    assert main(["show", EXAMPLE_ID]) == 0
    assert "Planbro kunne ikke skrive i logbogen" in capsys.readouterr().err


def test_an_access_request_extract_is_made_for_aktindsigt(imported, tmp_path, capsys):
    assert main(["audit", "--extract", EXAMPLE_ID, "--out", str(tmp_path / "a.pdf")]) == 0
    assert uses(imported) == [("extract", "aktindsigt")]
