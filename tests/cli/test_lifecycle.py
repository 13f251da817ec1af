import json

import pytest

from planbro.cli import main

# Every test runs on the local data folder and on the team store (tests/cli/conftest.py).
pytestmark = pytest.mark.usefixtures("cli_store")

EXAMPLE_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"


def shown(capsys, *args):
    capsys.readouterr()
    assert main(["show", EXAMPLE_ID, "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_sign_revise_close(example_path, capsys):
    main(["import", str(example_path)])
    assert main(["sign", EXAMPLE_ID[:8], "--date", "2026-11-20"]) == 0
    plan = shown(capsys)
    assert plan["status"] == "signed" and plan["signatures"]["citizen_signed"] == "2026-11-20"
    assert plan["signatures"]["signed_despite_errors"] is False
    assert main(["revise", EXAMPLE_ID]) == 0
    plan = shown(capsys)
    assert plan["version"] == 2 and plan["status"] == "draft"
    # The signed version stays readable.
    assert shown(capsys, "--plan-version", "1")["status"] == "signed"
    assert main(["close", EXAMPLE_ID]) == 0
    assert shown(capsys)["status"] == "closed"


def test_sign_with_errors_needs_anyway_and_records_it(tmp_path, capsys):
    path = tmp_path / "thin.json"
    path.write_text(json.dumps({"format": "planbro-plan/1", "id": EXAMPLE_ID,
                                "citizen": {"name": "Eva Holm"}}), encoding="utf-8")
    main(["import", str(path)])
    capsys.readouterr()
    assert main(["sign", EXAMPLE_ID]) == 1
    assert "fejl" in capsys.readouterr().err
    assert shown(capsys)["status"] == "draft"
    assert main(["sign", EXAMPLE_ID, "--anyway"]) == 0
    plan = shown(capsys)
    assert plan["status"] == "signed" and plan["signatures"]["signed_despite_errors"] is True


def test_bad_date_and_frozen_version(example_path, capsys):
    main(["import", str(example_path)])
    assert main(["sign", EXAMPLE_ID, "--date", "2026-02-30"]) == 2
    assert "--date" in capsys.readouterr().err
    main(["sign", EXAMPLE_ID])
    assert main(["sign", EXAMPLE_ID]) == 2
    assert "underskrevet" in capsys.readouterr().err


def test_delete_a_draft_asks_and_a_signed_plan_is_refused(example_path, capsys, tmp_path,
                                                         audit_records):
    main(["import", str(example_path)])
    capsys.readouterr()
    # No one at the keyboard to say yes: nothing is deleted.
    assert main(["delete", EXAMPLE_ID[:8]]) == 1
    assert "--yes" in capsys.readouterr().err
    assert shown(capsys)["status"] == "draft"
    assert main(["delete", EXAMPLE_ID[:8], "--yes"]) == 0
    assert "kladden blev slettet" in capsys.readouterr().out
    assert main(["show", EXAMPLE_ID]) == 2
    [record] = [r for r in audit_records() if r["action"] == "delete"]
    assert (record["plan"], record["via"]) == (EXAMPLE_ID, "cli")
    main(["import", str(example_path)])
    main(["sign", EXAMPLE_ID])
    capsys.readouterr()
    assert main(["delete", EXAMPLE_ID, "--yes"]) == 2
    assert "aldrig" in capsys.readouterr().err
    assert shown(capsys)["status"] == "signed"
